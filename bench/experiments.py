"""Experiments tracking against MLflow, side by side in one run, on SQLite in temp dirs.

    python bench/experiments.py [--points 2000] [--sm-points 20000] [--runs 1000] [--mlflow-runs 200]
                                [--trials 10000] [--queries 20] [--profile]

1. single metric logging calls from a script, points/s: MLflow `mlflow.log_metric` in an active run;
   SmStudio the SDK's buffered `Run.log_metric` (`jupyter_smstudio.sdk.experiments`), timed up to and
   including the Run's close, so every point is stored (the stored count is checked). Until that SDK
   exists, a stand-in: per-point calls into a 1,000-point buffer flushed with
   `services.get(EXPERIMENTS).log_metrics`, closed (flushed) inside the timed region; the output says which.
2. runs created and logged, wall time: each run has 10 parameters and 5 metrics x 100 steps. MLflow:
   start_run + log_params + log_batch + end_run (its best path). SmStudio: the SDK Run, or the service:
   create_component with the parameters (in a trial) + one log_metrics batch + update_component to
   Completed (the counterpart of MLflow's end_run).
3. leaderboard over N trials, each with 5 parameters and 3 metrics (one value each, so a metric's Min
   and MLflow's latest value are the same number): filtered by a parameter AND a metric, sorted by the
   metric ascending, first page of 50, median of Q queries. Seeding is not timed (MLflow: create_run +
   log_batch; SmStudio: the service) and runs for both sides at once to keep the whole run short.
   The two first pages must name the same trials in the same order.

The MLflow side runs in bench/.venv-peers (made and filled with `pip install mlflow` on the first run)
through bench/peers/mlflow_side.py. Each side uses its own
SQLite defaults: MLflow a rollback journal with synchronous=FULL, SmStudio WAL with synchronous=NORMAL.
Speed goals live here, not in tests.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PEERS = REPO / "bench" / "peers"
PEER_PYTHON = REPO / "bench" / ".venv-peers" / "bin" / "python"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(PEERS))

from mlflow_side import (
    FILTER_BELOW,
    FILTER_METRIC,
    FILTER_PARAM,
    FILTER_VALUE,
    run_params,
    run_series,
    trial,
)

import jupyter_smstudio  # noqa: E402
from jupyter_smstudio.experiments.models import (
    ExperimentCreate,
    MetricBatch,
    MetricPoint,
    SearchExpression,
    SearchFilter,
    SearchRequest,
    TrialComponentCreate,
    TrialComponentUpdate,
    TrialCreate,
)
from jupyter_smstudio.studio import EXPERIMENTS, StudioSettings, build_services  # noqa: E402

try:  # the SDK's Run, once it exists
    from jupyter_smstudio.sdk.experiments import Run as SdkRun  # type: ignore[import-not-found]
except ImportError:
    SdkRun = None


# -- the MLflow side ------------------------------------------------------------------------------
def mlflow_side(root: Path, only: str, args, wait: bool = True):
    if not PEER_PYTHON.exists():  # the peer gets its own environment, so it never meets our packages
        print("installing MLflow into bench/.venv-peers (once)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_PYTHON.parents[1])], check=True)
        subprocess.run([str(PEER_PYTHON), "-m", "pip", "install", "-q", "mlflow"], check=True)
    cmd = [
        str(PEER_PYTHON),
        str(PEERS / "mlflow_side.py"),
        "--root",
        str(root),
        "--only",
        only,
        "--points",
        str(args.points),
        "--runs",
        str(args.mlflow_runs),
        "--trials",
        str(args.trials),
        "--queries",
        str(args.queries),
    ]
    env = {**os.environ, "MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "true", "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return _peer_result(proc) if wait else proc


def _peer_result(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"mlflow side failed ({proc.returncode}):\n{err[-4000:]}")
    return json.loads(out.strip().splitlines()[-1])


# -- the SmStudio side ----------------------------------------------------------------------------
def smstudio(root: Path, name: str):
    home = root / f"smstudio-{name}"
    services = build_services(StudioSettings(smstudio_home=str(home), root_dir=str(root)))
    return services, services.viewer("bench"), home


class BufferedLogger:
    """The stand-in for the SDK's buffered Run.log_metric: validate per call, store 1,000 at a time."""

    def __init__(self, service, viewer, component: str, size: int = 1000):
        self.service, self.viewer, self.component, self.size = service, viewer, component, size
        self.buffer: list[MetricPoint] = []

    def log_metric(self, name: str, value: float, step=None) -> None:
        self.buffer.append(MetricPoint(metric_name=name, value=value, step=step))
        if len(self.buffer) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.service.log_metrics(self.viewer, self.component, MetricBatch(metrics=self.buffer))
            self.buffer = []

    def close(self) -> None:
        self.flush()


def _stored(services, viewer, metric: str) -> int:
    """Points of `metric` stored in this home, over all components (counted in SQL, not from summaries)."""
    from sqlalchemy import func, select

    from jupyter_smstudio.experiments.orm import MetricChunkRow

    with services.db.session() as s:
        q = select(func.coalesce(func.sum(MetricChunkRow.count), 0)).where(MetricChunkRow.name == metric)
        return int(s.scalar(q) or 0)


def sdk_session(home: Path):
    from jupyter_smstudio.sdk.session import Session

    os.environ.pop("SMSTUDIO_URL", None)
    os.environ["SMSTUDIO_HOME"] = str(home)
    return Session(home=str(home))


def sm_single(root: Path, points: int, repeats: int) -> dict:
    """Section 1 on SmStudio: the median of `repeats` rounds of `points` calls, each into a new run."""
    rates = []
    home = root / "smstudio-single"
    if SdkRun is not None:
        session = sdk_session(home)  # one embedded backend for all rounds (as one script would have)
        for rep in range(repeats):
            run = SdkRun(experiment_name="bench-single", run_name=f"single-{rep}", sagemaker_session=session)
            run.__enter__()
            run.log_metric("warmup", 0.0, step=0)
            run.flush()
            t = time.perf_counter()
            for i in range(points):
                run.log_metric("loss", 1.0 / (i + 1), step=i)
            run.__exit__(None, None, None)  # sends what is buffered and marks the run Completed
            rates.append(points / (time.perf_counter() - t))
        session.backend.close()
        services, viewer, _ = smstudio(root, "single")
    else:
        services, viewer, _ = smstudio(root, "single")
        ex = services.get(EXPERIMENTS)
        for rep in range(repeats):
            name = f"single-{rep}"
            ex.create_component(viewer, TrialComponentCreate(trial_component_name=name))
            log = BufferedLogger(ex, viewer, name)
            log.log_metric("warmup", 0.0, step=0)
            log.flush()
            t = time.perf_counter()
            for i in range(points):
                log.log_metric("loss", 1.0 / (i + 1), step=i)
            log.close()
            rates.append(points / (time.perf_counter() - t))
    stored = _stored(services, viewer, "loss")
    services.close()
    return {
        "rate": statistics.median(rates),
        "rates": rates,
        "points": points,
        "repeats": repeats,
        "stored": stored,
        "expected": points * repeats,
    }


def sm_runs(root: Path, runs: int, steps: int, sdk: bool) -> dict:
    """Section 2 on SmStudio, through the SDK's Run or straight on the service."""
    tag = "sdk" if sdk else "service"
    home = root / f"smstudio-runs-{tag}"
    series = [run_series(i, steps) for i in range(runs)]  # generated outside the timed region, as for MLflow
    params = [run_params(i) for i in range(runs)]
    if sdk:
        session = sdk_session(home)
        t = time.perf_counter()
        for i in range(runs):
            with SdkRun(experiment_name="bench-runs", run_name=f"run-{i:05d}", sagemaker_session=session) as run:
                run.log_parameters(params[i])
                for metric, values in series[i].items():
                    for step, value in enumerate(values):
                        run.log_metric(metric, value, step=step)
        secs = time.perf_counter() - t
        session.backend.close()
        services, viewer, _ = smstudio(root, f"runs-{tag}")
    else:
        services, viewer, _ = smstudio(root, f"runs-{tag}")
        ex = services.get(EXPERIMENTS)
        ex.create_experiment(viewer, ExperimentCreate(experiment_name="bench-runs"))
        ex.create_trial(viewer, TrialCreate(trial_name="bench-runs-trial", experiment_name="bench-runs"))
        batches = [
            [MetricPoint(metric_name=m, value=v, step=s) for m, vs in series[i].items() for s, v in enumerate(vs)]
            for i in range(runs)
        ]
        t = time.perf_counter()
        for i in range(runs):
            name = f"run-{i:05d}"
            ex.create_component(
                viewer,
                TrialComponentCreate(trial_component_name=name, parameters=params[i], trial_name="bench-runs-trial"),
            )
            ex.log_metrics(viewer, name, MetricBatch(metrics=batches[i]))
            ex.update_component(viewer, name, TrialComponentUpdate(status="Completed"))
        secs = time.perf_counter() - t
    stored = sum(_stored(services, viewer, m) for m in series[0])
    services.close()
    return {"seconds": secs, "runs": runs, "stored": stored, "expected": runs * 5 * steps}


def leaderboard_request(numeric_param: bool = False) -> SearchRequest:
    first = (
        SearchFilter(Name="Parameters.lr", Operator="GreaterThan", Value="0.001")
        if numeric_param
        else SearchFilter(Name=f"Parameters.{FILTER_PARAM}", Operator="Equals", Value=FILTER_VALUE)
    )
    return SearchRequest(
        SearchExpression=SearchExpression(
            Filters=[
                first,
                SearchFilter(Name=f"Metrics.{FILTER_METRIC}.Min", Operator="LessThan", Value=str(FILTER_BELOW)),
            ]
        ),
        SortBy=f"Metrics.{FILTER_METRIC}.Min",
        SortOrder="Ascending",
        MaxResults=50,
    )


def sm_seed(root: Path, trials: int) -> dict:
    services, viewer, _ = smstudio(root, "search")
    ex = services.get(EXPERIMENTS)
    t = time.perf_counter()
    for i in range(trials):
        name, params, metrics = trial(i)
        ex.create_component(
            viewer, TrialComponentCreate(trial_component_name=name, parameters=params, status="Completed")
        )
        ex.log_metrics(
            viewer, name, MetricBatch(metrics=[MetricPoint(metric_name=k, value=v, step=0) for k, v in metrics.items()])
        )
    services.close()
    return {"seconds": time.perf_counter() - t}


def sm_search(root: Path, queries: int, profile: bool) -> dict:
    services, viewer, _ = smstudio(root, "search")  # a new process-level engine on the seeded file
    ex = services.get(EXPERIMENTS)
    out = {}
    for key, req in (("search", leaderboard_request()), ("search_numeric", leaderboard_request(True))):
        first = ex.search(viewer, req)  # warm-up
        times = []
        for _ in range(queries):
            t = time.perf_counter()
            page = ex.search(viewer, req)
            times.append(time.perf_counter() - t)
        out[key] = {
            "median": statistics.median(times),
            "times": times,
            "total": page.total,
            "page": [tc.trial_component_name for tc in page.trial_components],
            "stable": [tc.trial_component_name for tc in first.trial_components]
            == [tc.trial_component_name for tc in page.trial_components],
        }
    if profile:
        pr = cProfile.Profile()
        pr.enable()
        for _ in range(queries):
            ex.search(viewer, leaderboard_request())
        pr.disable()
        buf = io.StringIO()
        pstats.Stats(pr, stream=buf).sort_stats("cumulative").print_stats(30)
        out["profile"] = buf.getvalue()
    services.close()
    return out


# -- report ---------------------------------------------------------------------------------------
def fmt_rate(x: float) -> str:
    return f"{x:,.0f} pt/s"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=2000, help="MLflow log_metric calls (section 1)")
    parser.add_argument("--sm-points", type=int, default=20000, help="SmStudio log_metric calls per round")
    parser.add_argument("--sm-repeats", type=int, default=3)
    parser.add_argument("--runs", type=int, default=1000, help="SmStudio runs (section 2)")
    parser.add_argument(
        "--mlflow-runs",
        type=int,
        default=200,
        help="MLflow runs (section 2), its time scaled to --runs: 1000 take 4 minutes here",
    )
    parser.add_argument(
        "--service-runs",
        type=int,
        default=200,
        help="runs for the extra line of section 2: SmStudio's service without the SDK",
    )
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--trials", type=int, default=10_000, help="leaderboard size (section 3)")
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of SmStudio's query")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="smstudio-bench-exp-"))
    started = time.perf_counter()

    # timed phases run alone; only the two untimed seedings share the machine
    ml = mlflow_side(root / "mlflow", "single,runs", args)
    sm1 = sm_single(root, args.sm_points, args.sm_repeats)
    sm2 = sm_runs(root, args.runs, args.steps, sdk=SdkRun is not None)
    sm2s = sm_runs(root, args.service_runs, args.steps, sdk=False) if SdkRun is not None else None
    seeding = mlflow_side(root / "mlflow", "seed", args, wait=False)
    sm_seeded = sm_seed(root, args.trials)
    ml_seeded = _peer_result(seeding)
    ml_search = mlflow_side(root / "mlflow", "search", args)["search"]
    sm3 = sm_search(root, args.queries, args.profile)

    sdk = "SDK Run.log_metric (jupyter_smstudio.sdk.experiments)" if SdkRun is not None else None
    print(
        f"# bench/experiments.py  ({platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}; mlflow {ml['mlflow']} (Python "
        f"{ml['python']}); jupyter-smstudio {jupyter_smstudio.__version__})"
    )
    print(f"# SmStudio path: {sdk}")
    w = 46
    print(f"{'measure':<{w}} {'MLflow':>14} {'SmStudio':>14} {'ratio':>9}  target")
    s1, m1 = ml["single"], sm1
    ml_rate = s1["points"] / s1["seconds"]
    r1 = sm1["rate"] / ml_rate
    print(
        f"{'1. single log_metric calls':<{w}} {fmt_rate(ml_rate):>14} {fmt_rate(sm1['rate']):>14} "
        f"{r1:8.0f}x  >= 50x  {'OK' if r1 >= 50 else 'MISSED'}"
    )
    ml_per_run = ml["runs"]["seconds"] / ml["runs"]["runs"]
    sm_per_run = sm2["seconds"] / sm2["runs"]
    r2 = ml_per_run / sm_per_run
    label2 = f"2. {args.runs} runs x (10 params, 5x{args.steps} points)"
    scaled = "" if args.mlflow_runs == args.runs else f" (MLflow {args.mlflow_runs} runs, scaled)"
    print(
        f"{label2:<{w}} {ml_per_run * args.runs:12.1f} s {sm2['seconds']:12.2f} s {r2:8.1f}x  >= 20x  "
        f"{'OK' if r2 >= 20 else 'MISSED'}{scaled}"
    )
    if sm2s is not None:
        per = sm2s["seconds"] / sm2s["runs"]
        print(
            f"{'   same, service calls without the SDK (info)':<{w}} {ml_per_run * args.runs:12.1f} s "
            f"{per * args.runs:12.2f} s {ml_per_run / per:8.1f}x  create_component + log_metrics + "
            f"update_component; {sm2s['runs']} runs, scaled"
        )
    mq, sq = ml_search["median"], sm3["search"]["median"]
    r3 = sq / mq
    label3 = f"3. leaderboard, {args.trials} trials, median of {args.queries}"
    ok3 = r3 <= 0.1 and sq < 0.1
    print(
        f"{label3:<{w}} {mq * 1000:11.1f} ms {sq * 1000:11.1f} ms {r3:8.3f}x  <= 0.1x and < 100 ms  "
        f"{'OK' if ok3 else 'MISSED'} (1/{1 / r3:.0f})"
    )
    sn = sm3["search_numeric"]
    print(
        f"{'   same, Parameters.lr > 0.001 (SmStudio only)':<{w}} {'n/a':>14} {sn['median'] * 1000:11.1f} ms "
        f"{'':>9}  (MLflow compares parameters as strings only)"
    )
    print()
    print(
        f"checks: 1. stored {s1['stored']}/{s1['points']} (MLflow), {m1['stored']}/{m1['expected']} (SmStudio, "
        f"{m1['repeats']} rounds of {m1['points']} calls, median {fmt_rate(m1['rate'])}; rounds "
        f"{', '.join(f'{x:,.0f}' for x in m1['rates'])})"
    )
    print(
        f"        2. MLflow {ml['runs']['runs']} runs in {ml['runs']['seconds']:.1f} s, last run stored "
        f"{ml['runs']['stored_points_last_run']}/{ml['runs']['points_per_run']} points and "
        f"{ml['runs']['params_last_run']}/10 params; SmStudio stored {sm2['stored']}/{sm2['expected']} points"
        + (f", service line {sm2s['stored']}/{sm2s['expected']}" if sm2s else "")
    )
    same = ml_search["page"] == sm3["search"]["page"]
    print(
        f"        3. filter {ml_search['filter']!r} | first pages {'IDENTICAL' if same else 'DIFFER'} "
        f"({len(ml_search['page'])} rows; SmStudio total {sm3['search']['total']}); mlflow.search_runs (pandas) "
        f"median {ml_search['fluent_median'] * 1000:.1f} ms; seeding (untimed, concurrent) MLflow "
        f"{ml_seeded['seed']['seconds']:.0f} s, SmStudio {sm_seeded['seconds']:.0f} s"
    )
    print(
        f"        query times (ms) MLflow p90 {sorted(ml_search['times'])[int(0.9 * args.queries) - 1] * 1000:.1f}, "
        f"SmStudio p90 {sorted(sm3['search']['times'])[int(0.9 * args.queries) - 1] * 1000:.1f}"
    )
    print(f"# whole run {time.perf_counter() - started:.0f} s")
    if args.profile:
        print(sm3["profile"])
    if not same:
        print("MLflow page:  ", ml_search["page"][:10], file=sys.stderr)
        print("SmStudio page:", sm3["search"]["page"][:10], file=sys.stderr)


if __name__ == "__main__":
    main()
