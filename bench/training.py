"""Training-job overhead and Dask throughput.

    python bench/training.py [--runs 10] [--jobs 20]

1. An empty training job, submit to Completed with model.tar.gz written, on the local runner, against
   `subprocess.run` of the same script in the same run (target: under 0.5 s of overhead).
2. 20 one-second training jobs on a Dask cluster with 2 single-thread workers (2 at a time), against the
   ideal 10 s (target: at least 90% efficiency).
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

from jupyter_smstudio.jobs.runners.dask import DaskRunner  # noqa: E402
from jupyter_smstudio.studio import JOBS, TRAINING, StudioSettings, build_services  # noqa: E402
from jupyter_smstudio.training.models import TrainingJobRequest  # noqa: E402
from tests.services import dask_cluster  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=20)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="smstudio-bench-training-"))
    (root / "empty.py").write_text("")
    (root / "sleep1.py").write_text("import time\ntime.sleep(1)\n")
    print(
        f"# bench/training.py --runs {args.runs} --jobs {args.jobs}  ({platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()})"
    )

    base = []
    for _ in range(args.runs + 1):
        t = time.perf_counter()
        subprocess.run([sys.executable, str(root / "empty.py")], check=True)
        base.append(time.perf_counter() - t)
    b = statistics.median(base[1:])

    services = build_services(StudioSettings(smstudio_home=str(root / "home-local"), root_dir=str(root)))
    viewer = services.viewer("bench")
    times = []
    for _ in range(args.runs + 1):
        t = time.perf_counter()
        job = services.get(TRAINING).create_training_job(viewer, TrainingJobRequest(entry_point="empty.py"))
        job = services.get(JOBS).wait(viewer, job.job_name, timeout=60, poll=0.01)
        assert job.status == "Completed", job.failure_reason
        assert services.storage.for_user("bench").exists(job.config.tracking.model_artifact)
        times.append(time.perf_counter() - t)
    services.close()
    m = statistics.median(times[1:])
    print(f"subprocess.run (baseline)             median {b * 1000:7.1f} ms")
    print(
        f"training job, local runner            median {m * 1000:7.1f} ms   overhead {(m - b) * 1000:7.1f} ms "
        f"(target < 500 ms: {'met' if m - b < 0.5 else 'MISSED'})"
    )

    with dask_cluster(n_workers=2) as address:
        services = build_services(
            StudioSettings(
                smstudio_home=str(root / "home-dask"),
                root_dir=str(root),
                job_runner_class=DaskRunner,
                dask_scheduler_address=address,
            )
        )
        viewer = services.viewer("bench")
        # warm both workers (each starts its job forkserver once), as a cluster in use is
        warm = [
            services.get(TRAINING).create_training_job(viewer, TrainingJobRequest(entry_point="empty.py"))
            for _ in range(2)
        ]
        for job in warm:
            services.get(JOBS).wait(viewer, job.job_name, timeout=60, poll=0.01)
        t = time.perf_counter()
        names = [
            services.get(TRAINING).create_training_job(viewer, TrainingJobRequest(entry_point="sleep1.py")).job_name
            for _ in range(args.jobs)
        ]
        for name in names:
            job = services.get(JOBS).wait(viewer, name, timeout=300, poll=0.05)  # light: the jobs need the 2 cores
            assert job.status == "Completed", job.failure_reason
        wall = time.perf_counter() - t
        services.close()
    ideal = args.jobs * 1.0 / 2
    print(
        f"{args.jobs} one-second jobs on Dask, 2 at a time: {wall:6.2f} s  ideal {ideal:5.1f} s  "
        f"efficiency {ideal / wall * 100:5.1f}% (target >= 90%: {'met' if ideal / wall >= 0.9 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
