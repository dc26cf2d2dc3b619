"""The Model Monitor baseline against whylogs, DataSketches KLL alone, pandas describe and a plain read pass.

    python bench/monitor.py [--rows 10000000] [--mixed-rows 1000000] [--workers 2] [--chunk-rows 250000]

1. A CSV on disk of N rows x 10 numeric columns (and a mixed table of M rows: 6 numeric columns, 2 string columns
   of 20 values, 2 string columns of unique ids).
2. Each contender reads the same file in chunks of --chunk-rows rows and profiles it:
   - smstudio: the baselining job's engine (count, missing, min/max/mean/std, KLL k=200 and the 10 buckets,
     distinct counts and categories of strings), --workers processes over byte ranges, profiles merged;
   - whylogs: `why.log(chunk)` per chunk, profiles merged (its default: counts, types, KLL, HLL, frequent items),
     run with bench/.venv-peers' Python;
   - KLL alone: `kll_doubles_sketch(200).update(column)` per column and chunk (pandas' parse included);
   - pandas describe: `chunk.describe()` per chunk (not mergeable: the parse and the pass only);
   - a plain read pass: the file's bytes, 8 MiB at a time.
3. The KLL rank error of one column against its exact ranks (np.sort) at 9 quantiles, against the sketch's stated
   bound (normalized_rank_error), and each contender's peak memory (VmHWM of its process; the largest worker's
   for smstudio's workers): bounded by the chunk, not the file.
Rows per second are printed per contender; nothing is written but the data files (in --folder, removed after).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from jupyter_smstudio.monitor.parallel import profile_csv  # noqa: E402

PEERS = REPO / "bench" / ".venv-peers" / "bin" / "python"
PEAK = """
def peak():
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
"""
WHYLOGS = (
    PEAK
    + """
import sys, time, resource
import numpy as np
import pandas as pd
if not hasattr(np, "unicode_"):  # whylogs 1.6 still names numpy 1's alias (removed in numpy 2) for strings
    np.unicode_ = np.str_
import whylogs as why
path, chunk = sys.argv[1], int(sys.argv[2])
start = time.perf_counter()
merged = None
rows = 0
for frame in pd.read_csv(path, chunksize=chunk):
    view = why.log(frame).view()
    merged = view if merged is None else merged.merge(view)
    rows += len(frame)
print(rows, time.perf_counter() - start, peak())
"""
)
CONTENDER = (
    PEAK
    + """
import sys, time, resource
import numpy as np, pandas as pd
path, chunk, what = sys.argv[1], int(sys.argv[2]), sys.argv[3]
start = time.perf_counter()
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
else:
    for frame in pd.read_csv(path, chunksize=chunk):
        frame.describe(include="all")
        rows += len(frame)
print(rows, time.perf_counter() - start, peak())
"""
)
ENGINE = (
    PEAK
    + """
import sys, time, resource
sys.path.insert(0, sys.argv[4])
from jupyter_smstudio.monitor.parallel import profile_csv
path, chunk, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()
profile = profile_csv(path, True, workers, chunk)
took = time.perf_counter() - start
print(profile.rows, took, max(peak(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
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


def run(python: Path | str, script: str, *args: str) -> tuple[int, float, int]:
    out = subprocess.run([str(python), "-c", script, *args], capture_output=True, text=True, check=True).stdout
    rows, took, peak = out.split()[-3:]
    return int(rows), float(took), int(peak)


def rank_error(path: Path, chunk: int) -> None:
    """KLL k=200 on the first numeric column with a spread, against its exact ranks."""
    profile = profile_csv(str(path), True, 1, chunk)
    column = profile.columns["f1"]
    values = np.sort(pd.read_csv(path, usecols=["f1"])["f1"].to_numpy())
    bound = column.kll.normalized_rank_error(False)
    worst = 0.0
    for q in (0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99):
        estimate = column.kll.get_quantile(q)
        low = np.searchsorted(values, estimate, side="left") / len(values)
        high = np.searchsorted(values, estimate, side="right") / len(values)
        worst = max(worst, 0.0 if low <= q <= high else min(abs(q - low), abs(q - high)))
    verdict = "within" if worst <= bound else "OUTSIDE"
    print(f"  KLL k=200 rank error on {len(values):,} values: worst {worst:.5f}, stated bound {bound:.5f} ({verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--mixed-rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk-rows", type=int, default=250_000)
    parser.add_argument("--folder", default=None)
    parser.add_argument("--skip-whylogs", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        tables = [
            (Path(folder) / "numeric.csv", args.rows, numeric_table),
            (Path(folder) / "mixed.csv", args.mixed_rows, mixed_table),
        ]
        for path, rows, make in tables:
            make(path, rows, rng)
            size = path.stat().st_size / 1e6
            print(
                f"{path.name}: {rows:,} rows, {size:,.0f} MB, chunks of {args.chunk_rows:,} rows, {os.cpu_count()} CPUs"
            )
            chunk = str(args.chunk_rows)
            contenders = [
                (
                    f"smstudio baseline ({args.workers} worker(s))",
                    sys.executable,
                    ENGINE,
                    (str(path), chunk, str(args.workers), str(REPO)),
                ),
                ("smstudio baseline (1 worker)", sys.executable, ENGINE, (str(path), chunk, "1", str(REPO))),
                ("DataSketches KLL alone", sys.executable, CONTENDER, (str(path), chunk, "kll")),
                ("pandas describe", sys.executable, CONTENDER, (str(path), chunk, "describe")),
                ("plain read pass", sys.executable, CONTENDER, (str(path), chunk, "read")),
            ]
            if not args.skip_whylogs and PEERS.exists():
                contenders.append(("whylogs", str(PEERS), WHYLOGS, (str(path), chunk)))
            results = {}
            for name, python, script, argv in contenders:
                counted, took, peak = run(python, script, *argv)
                assert counted == rows, (name, counted, rows)
                results[name] = rows / took
                print(
                    f"  {name:38s} {rows / took / 1e6:8.2f} M rows/s  ({took:6.2f} s, peak RSS {peak / 1024:,.0f} MB)"
                )
            if "whylogs" in results:
                best = max(v for k, v in results.items() if k.startswith("smstudio"))
                print(f"  smstudio / whylogs: {best / results['whylogs']:.1f}x")
            if make is numeric_table:
                rank_error(path, args.chunk_rows)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
