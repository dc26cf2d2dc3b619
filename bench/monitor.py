"""The Model Monitor baseline against whylogs, DataSketches KLL alone, pandas describe and a plain read pass.

    python bench/monitor.py [--rows 10000000] [--mixed-rows 1000000] [--workers 2] [--chunk-rows 250000]
                            [--repeat 2] [--memory-cap-mb 256]

1. A CSV on disk of N rows x 10 numeric columns (and a mixed table of M rows: 6 numeric columns, 2 string columns
   of 20 values, 2 string columns of unique ids).
2. Each contender reads the same file in chunks of --chunk-rows rows and profiles it, in a process of its own:
   - smstudio: the baselining job's engine (count, missing, min/max/mean/std, KLL k=200 and the 10 buckets,
     distinct counts and categories of strings), --workers processes over byte ranges, profiles merged;
   - whylogs: `why.log(chunk)` per chunk, profiles merged (its default: counts, types, KLL, HLL, frequent items),
     run with bench/.venv-peers' Python;
   - KLL alone: `kll_doubles_sketch(200).update(column)` per column and chunk (pandas' parse included);
   - KLL alone in memory: the same sketches fed the chunks' numeric columns (sorted, as the job feeds them) after
     they were parsed, outside the clock: what the sketch updates alone cost, a ceiling on one core for any
     baseline built on DataSketches' KLL (numeric table only);
   - pandas describe: `chunk.describe()` per chunk (not mergeable: the parse and the pass only);
   - a plain read pass: the file's bytes, 8 MiB at a time.
   Each runs --repeat times, the best kept (the machine is shared: a run's wall time is noisy); the CPU seconds
   (user + system, the workers' included) are printed too: rows per CPU second moves less with the load.
3. Accuracy, from the profile the workers merged: every numeric column's KLL rank error against its exact ranks
   (np.sort) at 9 quantiles, against the sketch's stated bound (normalized_rank_error); mean and std against
   numpy's; the distinct counts (HLL, lg_k 12) against the exact ones and the sketch's 2-sigma bounds.
4. Memory: each contender's peak RSS (VmHWM; the largest worker's for smstudio's workers), and the baseline once
   more with every process' data segment capped (RLIMIT_DATA, the imports' ~120 MB included) below the file's
   size: it profiles the file in the memory of a few chunks, or fails with MemoryError.
Nothing is written but the data files (in --folder, removed after).
"""

from __future__ import annotations

import argparse
import os
import pickle
import platform
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

PEERS = REPO / "bench" / ".venv-peers" / "bin" / "python"
QUANTILES = (0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99)
# Every contender prints: rows, wall seconds, CPU seconds (its own and its children's), peak RSS in KiB
MEASURE = """
import resource, sys, time
def cpu():
    return sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))
def measured(rows, start, cpu0):
    return rows, time.perf_counter() - start, cpu() - cpu0
def report(rows, took, used):
    with open("/proc/self/status") as fh:
        mine = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(rows, took, used, max(mine, workers))
"""
WHYLOGS = (
    MEASURE
    + """
import numpy as np
import pandas as pd
if not hasattr(np, "unicode_"):  # whylogs 1.6 still names numpy 1's alias (removed in numpy 2) for strings
    np.unicode_ = np.str_
import whylogs as why
path, chunk = sys.argv[1], int(sys.argv[2])
start, cpu0 = time.perf_counter(), cpu()
merged = None
rows = 0
for frame in pd.read_csv(path, chunksize=chunk):
    view = why.log(frame).view()
    merged = view if merged is None else merged.merge(view)
    rows += len(frame)
report(*measured(rows, start, cpu0))
"""
)
CONTENDER = (
    MEASURE
    + """
import numpy as np, pandas as pd
path, chunk, what = sys.argv[1], int(sys.argv[2]), sys.argv[3]
start, cpu0 = time.perf_counter(), cpu()
rows = 0
if what == "read":
    with open(path, "rb") as fh:
        while True:
            block = fh.read(8 << 20)
            if not block:
                break
            rows += block.count(b"\\n")
    rows -= 1
elif what == "kll":
    from datasketches import kll_doubles_sketch
    sketches = {}
    for frame in pd.read_csv(path, chunksize=chunk):
        for name in frame.columns:
            if frame[name].dtype.kind == "f" or frame[name].dtype.kind == "i":
                values = frame[name].to_numpy(dtype=np.float64, copy=True)
                sketches.setdefault(name, kll_doubles_sketch(200)).update(values[~np.isnan(values)])
        rows += len(frame)
elif what == "kll-memory":  # the ceiling: the values parsed before the clock starts, the sketches' updates alone
    from datasketches import kll_doubles_sketch
    chunks = [[frame[name].to_numpy(dtype=np.float64) for name in frame.columns if frame[name].dtype.kind in "fi"]
              for frame in pd.read_csv(path, chunksize=chunk)]
    sketches = [kll_doubles_sketch(200) for _ in chunks[0]]
    start, cpu0 = time.perf_counter(), cpu()
    for columns in chunks:
        for sketch, values in zip(sketches, columns):
            sketch.update(np.sort(values[~np.isnan(values)]))  # sorted, as the baselining job feeds them
        rows += len(columns[0])
else:
    for frame in pd.read_csv(path, chunksize=chunk):
        frame.describe(include="all")
        rows += len(frame)
report(*measured(rows, start, cpu0))
"""
)
ENGINE = (
    MEASURE
    + """
sys.path.insert(0, sys.argv[4])
import pickle
from jupyter_smstudio.monitor.parallel import profile_csv
path, chunk, workers, keep, cap = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[5], int(sys.argv[6])
if cap:  # every process' data segment (heap, anonymous maps), the forked workers' too
    resource.setrlimit(resource.RLIMIT_DATA, (cap << 20, cap << 20))
start, cpu0 = time.perf_counter(), cpu()
profile = profile_csv(path, True, workers, chunk)
result = measured(profile.rows, start, cpu0)
if keep:
    with open(keep, "wb") as fh:
        pickle.dump(profile, fh)
report(*result)
"""
)


def numeric_table(path: Path, rows: int, rng: np.random.Generator) -> None:
    block = 1_000_000
    with open(path, "w") as fh:
        fh.write(",".join(f"f{i}" for i in range(10)) + "\n")
        for start in range(0, rows, block):
            n = min(block, rows - start)
            data = np.column_stack([rng.normal(i, 1 + i, n) if i % 2 else rng.integers(0, 1000, n) for i in range(10)])
            pd.DataFrame(data).to_csv(fh, header=False, index=False, float_format="%.5g")


def mixed_table(path: Path, rows: int, rng: np.random.Generator) -> None:
    words = np.array([f"city{i}" for i in range(20)])
    frame = pd.DataFrame({f"n{i}": rng.normal(i, 1, rows).round(4) for i in range(6)})
    frame["s0"], frame["s1"] = words[rng.integers(0, 20, rows)], words[rng.integers(0, 20, rows)]
    frame["id0"] = [f"u{i}" for i in range(rows)]
    frame["id1"] = [f"v{i}" for i in rng.permutation(rows)]
    frame.loc[::10, "n0"] = np.nan
    frame.to_csv(path, index=False)


def run(python: Path | str, script: str, *args: str, repeat: int = 1) -> tuple[int, float, float, int]:
    """The contender's best run of `repeat`: rows, wall seconds, CPU seconds, peak RSS (KiB, the largest)."""
    best: tuple[int, float, float, int] | None = None
    for _ in range(repeat):
        done = subprocess.run([str(python), "-c", script, *args], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode)
        rows, took, cpu, peak = done.stdout.split()[-4:]
        measured = (int(rows), float(took), float(cpu), int(peak))
        best = measured if best is None or measured[1] < best[1] else best
    assert best is not None
    return best


def line(name: str, rows: int, took: float, cpu: float, peak: int) -> str:
    return (
        f"  {name:34s} {rows / took / 1e6:7.2f} M rows/s  ({took:6.2f} s wall, {cpu:6.2f} s CPU:"
        f" {rows / cpu / 1e6:5.2f} M rows per CPU s; peak RSS {peak / 1024:,.0f} MB)"
    )


def numeric_accuracy(path: Path, profile: Any) -> None:
    """Every column's KLL rank error at QUANTILES against its exact ranks, and the moments against numpy's."""
    exact = pd.read_csv(path)
    worst_error, worst_moment, bound = 0.0, 0.0, 0.0
    for name in exact.columns:
        column, values = profile.columns[name], np.sort(exact[name].to_numpy(dtype=np.float64))
        bound = column.kll.normalized_rank_error(False)
        for q in QUANTILES:
            estimate = column.kll.get_quantile(q)
            low = np.searchsorted(values, estimate, side="left") / len(values)
            high = np.searchsorted(values, estimate, side="right") / len(values)
            worst_error = max(worst_error, 0.0 if low <= q <= high else min(abs(q - low), abs(q - high)))
        stats = column.feature()["numerical_statistics"]
        for ours, theirs in ((stats["mean"], values.mean()), (stats["std_dev"], values.std())):
            worst_moment = max(worst_moment, abs(ours - theirs) / max(abs(theirs), 1e-12))
    verdict = "within" if worst_error <= bound else "OUTSIDE"
    print(
        f"  KLL k=200 rank error, {len(exact.columns)} columns x {len(QUANTILES)} quantiles on {len(exact):,} values"
        f" each: worst {worst_error:.5f}, stated bound {bound:.5f} ({verdict}); mean and std_dev against numpy's:"
        f" worst relative difference {worst_moment:.1e}"
    )


def mixed_accuracy(path: Path, profile: Any) -> None:
    """The distinct counts (HLL) against the exact ones and the sketch's 2-sigma bounds."""
    exact = pd.read_csv(path, usecols=["s0", "s1", "id0", "id1"])
    parts = []
    for name in exact.columns:
        hll, truth = profile.columns[name].hll, exact[name].nunique()
        estimate = round(hll.get_estimate())
        inside = hll.get_lower_bound(2) <= truth <= hll.get_upper_bound(2)
        error = (estimate - truth) / truth
        parts.append(f"{name} {estimate:,} of {truth:,} ({error:+.2%}, {'in' if inside else 'OUT OF'} 2-sigma)")
    missing = profile.columns["n0"].missing
    print(f"  distinct counts (HLL lg_k=12, RSE ~1.6%): {'; '.join(parts)}; n0 missing {missing:,} (exact: every 10th)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--mixed-rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk-rows", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each contender, the best kept")
    parser.add_argument("--memory-cap-mb", type=int, default=256, help="RLIMIT_DATA of the capped run (0: none)")
    parser.add_argument("--folder", default=None)
    parser.add_argument("--skip-whylogs", action="store_true")
    args = parser.parse_args()
    print(
        f"# bench/monitor.py --rows {args.rows} --mixed-rows {args.mixed_rows} --workers {args.workers}"
        f" --chunk-rows {args.chunk_rows} --repeat {args.repeat} --memory-cap-mb {args.memory_cap_mb}"
        f"  ({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()},"
        f" load average {os.getloadavg()[0]:.1f} at the start)"
    )
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        kept = str(Path(folder) / "profile.pickle")
        tables = [
            (Path(folder) / "numeric.csv", args.rows, numeric_table),
            (Path(folder) / "mixed.csv", args.mixed_rows, mixed_table),
        ]
        for path, rows, make in tables:
            make(path, rows, rng)
            size = path.stat().st_size / 1e6
            print(f"\n{path.name}: {rows:,} rows, {size:,.0f} MB, chunks of {args.chunk_rows:,} rows")
            chunk, engine = str(args.chunk_rows), (str(path), str(args.chunk_rows))
            contenders: list[tuple[str, Path | str, str, tuple[str, ...]]] = [
                (f"smstudio baseline ({args.workers} workers)", sys.executable, ENGINE,
                 (*engine, str(args.workers), str(REPO), kept, "0")),
                ("smstudio baseline (1 worker)", sys.executable, ENGINE, (*engine, "1", str(REPO), "", "0")),
                ("DataSketches KLL alone", sys.executable, CONTENDER, (str(path), chunk, "kll")),
                *([("KLL alone in memory (no parse)", sys.executable, CONTENDER, (str(path), chunk, "kll-memory"))]
                  if make is numeric_table else []),
                ("pandas describe", sys.executable, CONTENDER, (str(path), chunk, "describe")),
                ("plain read pass", sys.executable, CONTENDER, (str(path), chunk, "read")),
            ]  # fmt: skip
            if not args.skip_whylogs and PEERS.exists():
                contenders.append(("whylogs", PEERS, WHYLOGS, (str(path), chunk)))
            results: dict[str, tuple[float, float]] = {}
            for name, python, script, argv in contenders:
                counted, took, cpu, peak = run(python, script, *argv, repeat=args.repeat)
                assert counted == rows, (name, counted, rows)
                results[name] = (rows / took, rows / cpu)
                print(line(name, rows, took, cpu, peak))
            if "whylogs" in results:
                best = max((k for k in results if k.startswith("smstudio")), key=lambda k: results[k][0])
                ours, theirs = results[best], results["whylogs"]
                print(
                    f"  RATIO {best} / whylogs: {ours[0] / theirs[0]:.1f}x in rows/s (target >= 30x);"
                    f" {ours[1] / theirs[1]:.1f}x in rows per CPU second"
                )
            if "whylogs" in results and "KLL alone in memory (no parse)" in results:
                cores = os.cpu_count() or 1
                ceiling = results["KLL alone in memory (no parse)"][1] * cores
                print(
                    f"  CEILING the KLL updates alone on all {cores} cores, nothing parsed: {ceiling / 1e6:.2f} M"
                    f" rows/s = {ceiling / results['whylogs'][0]:.1f}x whylogs; 30x would be"
                    f" {30 * results['whylogs'][0] / 1e6:.2f} M rows/s"
                )
            with open(kept, "rb") as fh:
                profile = pickle.load(fh)
            if make is numeric_table:
                numeric_accuracy(path, profile)
                memory_capped(path, args)
            else:
                mixed_accuracy(path, profile)


def memory_capped(path: Path, args: argparse.Namespace) -> None:
    cap, size = args.memory_cap_mb, path.stat().st_size >> 20
    if not cap:
        return
    argv = (str(path), str(args.chunk_rows), str(args.workers), str(REPO), "", str(cap))
    name = f"capped at {cap} MB a process"
    try:
        counted, took, cpu, peak = run(sys.executable, ENGINE, *argv)
    except RuntimeError as err:
        print(f"  {name}: failed ({err})")
        return
    larger = "larger" if size > cap else "NOT larger: use more --rows"
    print(line(name, counted, took, cpu, peak) + f"; the file ({size:,} MB) is {larger} than the cap")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
