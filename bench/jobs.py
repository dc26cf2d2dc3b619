"""Overhead of an empty script job, submit to Completed, against `subprocess.run` of the same script.

    python bench/jobs.py [--runs 20]

Runs the local runner and the Dask runner (a real scheduler + 2 worker processes started here)
in the same run as the baseline, and prints the ratios. Speed goals live here, not in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(REPO), os.environ.get("PYTHONPATH", "")] if p)

from jupyter_smstudio.jobs.models import ScriptJobRequest  # noqa: E402
from jupyter_smstudio.jobs.runners.dask import DaskRunner  # noqa: E402
from jupyter_smstudio.studio import JOBS, StudioSettings, build_services  # noqa: E402
from tests.services import dask_cluster  # noqa: E402


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up: imports, first connection
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def job_runner(root: Path, runner_class=None, options=None):
    settings = StudioSettings(
        smstudio_home=str(root / f"home-{runner_class.__name__ if runner_class else 'local'}"),
        root_dir=str(root),
        job_runner_class=runner_class,
        **(options or {}),
    )
    services = build_services(settings)
    viewer = services.viewer("bench")

    def one():
        job = services.get(JOBS).submit_script(viewer, ScriptJobRequest(script="empty.py"))
        done = services.get(JOBS).wait(viewer, job.job_name, timeout=120, poll=0.01)
        assert done.status == "Completed", done

    return services, one


def summary(name: str, xs: list[float], base: float) -> str:
    med = statistics.median(xs)
    return (
        f"{name:<28} median {med * 1000:8.1f} ms  p90 {sorted(xs)[int(len(xs) * 0.9) - 1] * 1000:8.1f} ms  "
        f"overhead {1000 * (med - base):7.1f} ms  ratio {med / base:5.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="smstudio-bench-"))
    (root / "empty.py").write_text("")
    print(
        f"# bench/jobs.py --runs {args.runs}  ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()})"
    )

    base = timed(lambda: subprocess.run([sys.executable, "-u", str(root / "empty.py")], check=True), args.runs)
    b = statistics.median(base)
    print(summary("subprocess.run (baseline)", base, b))

    services, one = job_runner(root)
    local = timed(one, args.runs)
    services.close()
    print(summary("SmStudio job, local runner", local, b))

    with dask_cluster(n_workers=2) as address:
        services, one = job_runner(root, DaskRunner, {"dask_scheduler_address": address})
        dask = timed(one, args.runs)
        services.close()
    print(summary("SmStudio job, Dask runner", dask, b))


if __name__ == "__main__":
    main()
