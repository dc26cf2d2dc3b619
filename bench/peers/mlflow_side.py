"""The MLflow side of bench/experiments.py; run with the peers' interpreter (bench/.venv-peers).

    bench/.venv-peers/bin/python bench/peers/mlflow_side.py --root DIR [--points 2000] [--runs 1000]
        [--trials 10000] [--queries 20] [--only single,runs,seed,search]

Prints one JSON object (seconds, counts, the leaderboard's first page) on the last line of stdout.
`seed` (not timed) fills DIR/search/mlflow.db with create_run + `MlflowClient.log_batch` + set_terminated,
with SQLite's `synchronous=OFF` and `journal_mode=MEMORY` on its connections, only to shorten the run; `search`
must then run in a new process, which opens that file with MLflow's own settings (rollback journal,
synchronous=FULL), as every timed phase here does.
The data generators below are imported by bench/experiments.py too (no mlflow import at module level),
so both sides store the same values and the leaderboards can be compared row for row.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time

OPTIMIZERS = ("adam", "sgd", "rmsprop")
# The leaderboard query, in both dialects: a parameter test AND a metric test, best loss first.
# MLflow compares parameters as strings only (=, !=, LIKE, IN), so the parameter test is an equality.
FILTER_PARAM, FILTER_VALUE = "optimizer", "adam"
FILTER_METRIC, FILTER_BELOW = "loss", 0.5


def run_params(i: int) -> dict:
    """Section 2: ten parameters per run."""
    r = random.Random(i)
    return {
        "lr": round(10 ** r.uniform(-5, -1), 8),
        "batch_size": r.choice((16, 32, 64, 128)),
        "epochs": r.randint(1, 100),
        "dropout": round(r.uniform(0, 0.5), 4),
        "optimizer": r.choice(OPTIMIZERS),
        "layers": r.randint(1, 12),
        "hidden": r.choice((64, 128, 256)),
        "weight_decay": round(r.uniform(0, 0.1), 6),
        "seed": i,
        "model": r.choice(("mlp", "cnn", "gbt")),
    }


def run_series(i: int, steps: int = 100) -> dict[str, list[float]]:
    """Section 2: five metrics x `steps` steps per run."""
    r = random.Random(10_000_000 + i)
    out = {}
    for m in ("loss", "val_loss", "accuracy", "val_accuracy", "lr_now"):
        base = r.uniform(0.1, 1.0)
        out[m] = [base / (1 + s * 0.05) + r.uniform(0, 0.01) for s in range(steps)]
    return out


def trial(i: int) -> tuple[str, dict, dict[str, float]]:
    """Section 3: a leaderboard row: five parameters and three metrics, one value each."""
    r = random.Random(20_000_000 + i)
    params = {
        "lr": round(10 ** r.uniform(-5, -1), 8),
        "batch_size": r.choice((16, 32, 64, 128)),
        "optimizer": r.choice(OPTIMIZERS),
        "layers": r.randint(1, 12),
        "dropout": round(r.uniform(0, 0.5), 4),
    }
    metrics = {"loss": r.random(), "accuracy": r.random(), "f1": r.random()}
    return f"trial-{i:05d}", params, metrics


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--trials", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--only", default="single,runs")
    args = parser.parse_args()
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("DO_NOT_TRACK", "true")
    import logging
    import warnings

    warnings.filterwarnings("ignore")
    logging.getLogger("mlflow").setLevel(logging.ERROR)
    logging.getLogger("alembic").setLevel(logging.ERROR)
    import mlflow
    from mlflow.entities import Metric, Param
    from mlflow.tracking import MlflowClient

    out: dict = {"mlflow": mlflow.__version__, "python": sys.version.split()[0]}
    only = set(args.only.split(","))

    def tracking(name: str) -> MlflowClient:
        d = os.path.join(args.root, name)
        os.makedirs(d, exist_ok=True)
        uri = f"sqlite:///{d}/mlflow.db"
        mlflow.set_tracking_uri(uri)
        client = MlflowClient(uri)
        exp = client.create_experiment(name, artifact_location=f"file://{d}/artifacts")
        mlflow.set_experiment(experiment_id=exp)
        return client

    # 1. single log_metric calls in an active run
    if "single" in only:
        client = tracking("single")
        with mlflow.start_run(run_name="single") as run:
            mlflow.log_metric("warmup", 0.0, step=0)
            t = time.perf_counter()
            for i in range(args.points):
                mlflow.log_metric("loss", 1.0 / (i + 1), step=i)
            secs = time.perf_counter() - t
        stored = len(client.get_metric_history(run.info.run_id, "loss"))
        out["single"] = {"seconds": secs, "points": args.points, "stored": stored}

    # 2. runs created and logged: start_run + log_params + log_batch (its best path)
    if "runs" in only:
        client = tracking("runs")
        series = [run_series(i, args.steps) for i in range(args.runs)]  # generated outside the timed region
        params = [run_params(i) for i in range(args.runs)]
        base_ts = int(time.time() * 1000)
        batches = [
            [Metric(k, v, base_ts + s, s) for k, vs in series[i].items() for s, v in enumerate(vs)]
            for i in range(args.runs)
        ]
        t = time.perf_counter()
        for i in range(args.runs):
            with mlflow.start_run(run_name=f"run-{i:05d}") as run:
                mlflow.log_params(params[i])
                for j in range(0, len(batches[i]), 1000):  # log_batch takes at most 1000 metrics
                    client.log_batch(run.info.run_id, metrics=batches[i][j : j + 1000], synchronous=True)
        secs = time.perf_counter() - t
        exp_id = mlflow.get_experiment_by_name("runs").experiment_id
        last = client.search_runs([exp_id], max_results=1, order_by=["attributes.start_time DESC"])[0]
        stored = sum(len(client.get_metric_history(last.info.run_id, k)) for k in series[0])
        out["runs"] = {
            "seconds": secs,
            "runs": args.runs,
            "points_per_run": len(batches[0]),
            "stored_points_last_run": stored,
            "params_last_run": len(last.data.params),
        }

    # 3. leaderboard: seed (not timed) with log_batch, then the median of N search_runs
    if "seed" in only:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        @event.listens_for(Engine, "connect")
        def _fast(conn, _record):  # seeding only; a per-connection setting, nothing is kept in the file
            cur = conn.cursor()
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA journal_mode=MEMORY")
            cur.close()

        client = tracking("search")
        exp_id = mlflow.get_experiment_by_name("search").experiment_id
        ts = int(time.time() * 1000)
        t = time.perf_counter()
        for i in range(args.trials):
            name, params, metrics = trial(i)
            run = client.create_run(exp_id, run_name=name, start_time=ts)
            client.log_batch(
                run.info.run_id,
                metrics=[Metric(k, v, ts, 0) for k, v in metrics.items()],
                params=[Param(k, str(v)) for k, v in params.items()],
                synchronous=True,
            )
            client.set_terminated(run.info.run_id, end_time=ts)
        out["seed"] = {"seconds": time.perf_counter() - t, "trials": args.trials}

    if "search" in only:
        if "seed" in only:
            raise SystemExit("run `search` in a new process after `seed`")
        uri = f"sqlite:///{os.path.join(args.root, 'search')}/mlflow.db"
        mlflow.set_tracking_uri(uri)
        client = MlflowClient(uri)
        exp_id = client.get_experiment_by_name("search").experiment_id
        filt = f"params.{FILTER_PARAM} = '{FILTER_VALUE}' and metrics.{FILTER_METRIC} < {FILTER_BELOW}"

        def query():
            return client.search_runs(
                [exp_id], filter_string=filt, order_by=[f"metrics.{FILTER_METRIC} ASC"], max_results=50
            )

        first = query()  # warm-up
        times = []
        for _ in range(args.queries):
            t = time.perf_counter()
            page = query()
            times.append(time.perf_counter() - t)
        fluent = []
        for _ in range(3):  # mlflow.search_runs (pandas) for reference
            t = time.perf_counter()
            mlflow.search_runs([exp_id], filter_string=filt, order_by=[f"metrics.{FILTER_METRIC} ASC"], max_results=50)
            fluent.append(time.perf_counter() - t)
        out["search"] = {
            "times": times,
            "median": statistics.median(times),
            "fluent_median": statistics.median(fluent),
            "page": [r.info.run_name for r in page],
            "same_as_first": [r.info.run_name for r in first] == [r.info.run_name for r in page],
            "filter": filt,
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
