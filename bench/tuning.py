"""Tuning overhead against the peer a user would otherwise pick: Optuna calling the script itself.

    python bench/tuning.py [--trials 20]

The same search (Random sampler, same seed, 20 trials of a script that prints one metric) two ways,
1 and 2 at a time:
- Optuna: `study.optimize` with an objective that runs the script with `subprocess.run` and parses
  the metric from its output (what people write by hand);
- SmStudio: a tuning job whose trials are training jobs (job records, /opt/ml layout, metric
  definitions, experiment tracking, logs kept), on the local runner, create -> Completed.
Printed: wall times, the overhead per trial and the ratio. One at a time, both draw the same points
(same sampler and seed) and find the same best; two at a time the draws are assigned in another order.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(REPO), os.environ.get("PYTHONPATH", "")] if p)

import optuna  # noqa: E402

from jupyter_smstudio.studio import TUNING, StudioSettings, build_services  # noqa: E402
from jupyter_smstudio.tuning.models import TuningJobRequest  # noqa: E402

SCRIPT = """import argparse
p = argparse.ArgumentParser()
p.add_argument("--x", type=float)
a, _ = p.parse_known_args()
print(f"score={1 - (a.x - 0.3) ** 2:.6f}")
"""
SEED = 7


def optuna_side(script: Path, trials: int, parallel: int) -> tuple[float, float]:
    def objective(trial: optuna.Trial) -> float:
        x = trial.suggest_float("x", 0.0, 1.0)
        out = subprocess.run(
            [sys.executable, str(script), "--x", repr(x)], capture_output=True, text=True, check=True
        ).stdout
        return float(re.search(r"score=([0-9.]+)", out).group(1))

    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.RandomSampler(seed=SEED))
    t = time.perf_counter()
    study.optimize(objective, n_trials=trials, n_jobs=parallel)
    return time.perf_counter() - t, study.best_value


def smstudio_side(root: Path, trials: int, parallel: int) -> tuple[float, float]:
    services = build_services(StudioSettings(smstudio_home=str(root / f"home-{parallel}"), root_dir=str(root)))
    viewer = services.viewer("bench")
    req = TuningJobRequest.model_validate(
        {
            "tuning_job_name": f"bench-{parallel}",
            "strategy": "Random",
            "random_seed": SEED,
            "objective": {"type": "Maximize", "metric_name": "score"},
            "parameter_ranges": {"continuous_parameter_ranges": [{"name": "x", "min_value": 0.0, "max_value": 1.0}]},
            "max_jobs": trials,
            "max_parallel_jobs": parallel,
            "training_job": {
                "entry_point": "quad.py",
                "metric_definitions": [{"Name": "score", "Regex": "score=([0-9.]+)"}],
            },
        }
    )
    t = time.perf_counter()
    services.get(TUNING).create(viewer, req)
    while (job := services.get(TUNING).describe(viewer, req.tuning_job_name)).status not in ("Completed", "Failed"):
        time.sleep(0.02)
    secs = time.perf_counter() - t
    services.close()
    assert job.status == "Completed" and job.objective_counters["Succeeded"] == trials, job
    return secs, job.best_training_job.objective_value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=20)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="smstudio-bench-tuning-"))
    script = root / "quad.py"
    script.write_text(SCRIPT)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    print(
        f"# bench/tuning.py --trials {args.trials}  ({platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, optuna {optuna.__version__})"
    )
    print(
        f"{'at a time':<10} {'Optuna + subprocess':>20} {'SmStudio tuning job':>20} {'overhead/trial':>15} "
        f"{'ratio':>7}  best (Optuna / SmStudio)"
    )
    for parallel in (1, 2):
        o_secs, o_best = optuna_side(script, args.trials, parallel)
        s_secs, s_best = smstudio_side(root, args.trials, parallel)
        per = (s_secs - o_secs) / args.trials * parallel
        print(
            f"{parallel:<10} {o_secs:18.2f} s {s_secs:18.2f} s {per * 1000:12.0f} ms {s_secs / o_secs:6.1f}x  "
            f"{o_best:.6f} / {s_best:.6f}"
        )


if __name__ == "__main__":
    main()
