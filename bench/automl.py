"""This project's Autopilot against FLAML and an untuned HistGradientBoosting: same tables, splits, budgets, cores.

    python bench/automl.py [--budgets 30 120] [--seeds 3 1] [--first-seed 0] [--datasets breast_cancer wine ...]
    python bench/automl.py --replay OUTPUT   # the tables and targets of earlier runs' seed lines, joined

For every data set, budget and seed, the table is split once (75 % train, 25 % test, stratified for
classification; the seed picks the split and seeds FLAML) and three contenders see the train part only:
- SmStudio: `AutoML(...).fit(train.csv)` through the SDK in embedded mode (no server) with
  `total_job_runtime_in_seconds` = the budget; its best candidate's model.tar.gz holds `model.joblib`, a fitted
  scikit-learn Pipeline over the raw columns, scored with `autopilot.candidates.score`;
- FLAML: `flaml.AutoML().fit(X, y, task=..., time_budget=budget, metric=..., n_jobs=2, seed=seed)`, run with
  bench/.venv-peers' Python in a process of its own (dates handed over parsed); its test predictions are scored by
  the same function;
- HistGradientBoosting with scikit-learn's defaults on the columns ordinal-encoded (dates as days; no budget).
The metric is SageMaker's default per problem type (binary F1 of the second sorted label, multiclass Accuracy,
regression MSE), the objective all three optimise. Data: scikit-learn's bundled breast_cancer, wine, digits and
diabetes, and two generated tables with gaps, categoricals, free text and dates (no downloads).
Printed: a table per data set (each seed's test score, mean and spread; our candidates and failures, our first
finished candidate as its training job's EndTime minus the AutoML job's CreationTime; both sides' wall time, ours
with the explainability step after the budget), then which targets hold. The machine is shared and has 2 cores:
every contender runs alone, one after the other, and the numbers are noisy.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import joblib  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import FunctionTransformer, OrdinalEncoder  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from jupyter_smstudio.autopilot.candidates import higher_is_better, score  # noqa: E402
from jupyter_smstudio.autopilot.checks import DEFAULT_METRICS  # noqa: E402
from jupyter_smstudio.sdk import AutoML, Session  # noqa: E402

PEERS = REPO / "bench" / ".venv-peers" / "bin" / "python"
ROLE = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole"
FIRST_CANDIDATE_SECONDS = 10.0
FLAML_METRICS = {"F1": "f1", "Accuracy": "accuracy", "MSE": "mse"}
# FLAML's side, in bench/.venv-peers: fit on train, predict test, print one JSON line
FLAML_SIDE = """
import json, sys, time
import pandas as pd
from flaml import AutoML, __version__
train, test, target, task, metric, budget, seed, dates = sys.argv[1:9]
dates = [d for d in dates.split(",") if d]
train = pd.read_csv(train, parse_dates=dates)
test = pd.read_csv(test, parse_dates=dates)
automl = AutoML()
began = time.perf_counter()
automl.fit(train.drop(columns=[target]), train[target], task=task, metric=metric, time_budget=float(budget),
           n_jobs=2, seed=int(seed), verbose=0)
took = time.perf_counter() - began
print(json.dumps({"predictions": automl.predict(test.drop(columns=[target])).tolist(), "seconds": took,
                  "best": automl.best_estimator, "trials": len(automl.config_history), "version": __version__}))
"""


# -- the data sets ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    name: str
    frame: pd.DataFrame
    target: str
    problem_type: str
    dates: tuple[str, ...] = ()

    @property
    def metric(self) -> str:
        return DEFAULT_METRICS[self.problem_type]  # type: ignore[index]

    @property
    def classification(self) -> bool:
        return self.problem_type != "Regression"


def _bundled(loader: Callable[..., Any], problem_type: str) -> Table:
    frame = loader(as_frame=True).frame
    return Table(loader.__name__.removeprefix("load_"), frame, "target", problem_type)


def churn(rows: int = 3000, seed: int = 0) -> Table:
    """Binary: will a customer leave? Numbers with gaps, a small and a wide categorical, a review, a signup date."""
    rng = np.random.default_rng(seed)
    tenure = rng.gamma(2.0, 12.0, rows)
    charges = rng.normal(70, 25, rows)
    plan = rng.choice(["basic", "plus", "pro", "family"], rows, p=[0.4, 0.3, 0.2, 0.1])
    regions = [f"r{i:02d}" for i in range(40)]
    region = rng.choice(regions, rows)
    words = np.array(["slow", "great", "support", "price", "outage", "fast", "helpful", "expensive", "fine", "cancel"])
    review = [" ".join(rng.choice(words, rng.integers(3, 8))) for _ in range(rows)]
    signup = pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 730, rows), unit="D")
    region_effect = dict(zip(regions, rng.normal(0, 0.6, 40), strict=True))
    logit = (
        -0.04 * tenure
        + 0.02 * (charges - 70)
        + np.select([plan == "basic", plan == "pro"], [0.8, -0.6], 0.0)
        + np.array([region_effect[r] for r in region])
        + np.array([1.2 * ("outage" in t) + 0.8 * ("cancel" in t) - 0.7 * ("helpful" in t) for t in review])
        + 0.5 * (signup.month.isin([11, 12, 1]))
        - 0.3
    )
    left = np.where(rng.random(rows) < 1 / (1 + np.exp(-logit)), "yes", "no")
    frame = pd.DataFrame(
        {
            "tenure_months": tenure.round(1),
            "monthly_charges": charges.round(2),
            "plan": plan.astype(object),
            "region": region.astype(object),
            "last_review": review,
            "signup_date": signup.strftime("%Y-%m-%d"),
            "left": left,
        }
    )
    frame.loc[rng.random(rows) < 0.12, "monthly_charges"] = np.nan
    frame.loc[rng.random(rows) < 0.06, "plan"] = None
    return Table("churn", frame, "left", "BinaryClassification", dates=("signup_date",))


def house_prices(rows: int = 3000, seed: int = 1) -> Table:
    """Regression: a sale price from size, rooms with gaps, a wide neighbourhood, a condition and a sale date."""
    rng = np.random.default_rng(seed)
    area = rng.lognormal(4.6, 0.35, rows)
    rooms = np.clip(np.round(area / 30 + rng.normal(0, 1, rows)), 1, 9)
    hoods = [f"n{i:02d}" for i in range(60)]
    hood = rng.choice(hoods, rows)
    condition = rng.choice(["poor", "fair", "good", "excellent"], rows, p=[0.1, 0.3, 0.45, 0.15])
    built = rng.integers(1950, 2024, rows)
    sold = pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 5 * 365, rows), unit="D")
    hood_effect = dict(zip(hoods, rng.lognormal(0, 0.3, 60), strict=True))
    condition_effect = {"poor": 0.8, "fair": 0.95, "good": 1.05, "excellent": 1.2}
    price = (
        2500 * area**0.9
        * np.array([hood_effect[h] for h in hood])
        * np.array([condition_effect[c] for c in condition])
        * (1 + 0.004 * (built - 1990))
        * (1 + 0.06 * (sold.year - 2019))
        + 8000 * rooms
        + rng.normal(0, 20000, rows)
    )  # fmt: skip
    frame = pd.DataFrame(
        {
            "area_m2": area.round(1),
            "rooms": rooms,
            "neighbourhood": hood.astype(object),
            "condition": condition.astype(object),
            "year_built": built,
            "sold_on": sold.strftime("%Y-%m-%d"),
            "price": price.round(-2),
        }
    )
    frame.loc[rng.random(rows) < 0.1, "rooms"] = np.nan
    frame.loc[rng.random(rows) < 0.05, "condition"] = None
    return Table("house_prices", frame, "price", "Regression", dates=("sold_on",))


def tables() -> list[Table]:
    from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_wine

    return [
        _bundled(load_breast_cancer, "BinaryClassification"),
        _bundled(load_wine, "MulticlassClassification"),
        _bundled(load_digits, "MulticlassClassification"),
        _bundled(load_diabetes, "Regression"),
        churn(),
        house_prices(),
    ]


def split(table: Table, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    strata = table.frame[table.target] if table.classification else None
    train, test = train_test_split(table.frame, test_size=0.25, random_state=seed, stratify=strata)
    return train.reset_index(drop=True), test.reset_index(drop=True)


# -- the contenders -----------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    score: float
    seconds: float  # the contender's own wall time
    note: str = ""
    candidates: int = 0
    failed: int = 0
    first_candidate: float = float("nan")
    first_start: float = float("nan")  # when the first candidate's training job was created (the data job before)


class Answered:
    """Predictions made elsewhere (FLAML's process) behind the face `score` reads: predict and classes_."""

    def __init__(self, predictions: list[Any], classes: Any):
        self._predictions, self.classes_ = np.asarray(predictions), classes

    def predict(self, X: Any) -> Any:
        assert len(X) == len(self._predictions)
        return self._predictions


def _seconds_between(later: Any, earlier: Any) -> float:
    if isinstance(later, str):
        later, earlier = datetime.fromisoformat(later), datetime.fromisoformat(earlier)
    return float((later - earlier).total_seconds())


def ours(session: Session, table: Table, train_csv: Path, test: pd.DataFrame, budget: int, name: str) -> Outcome:
    automl = AutoML(
        role=ROLE,
        target_attribute_name=table.target,
        problem_type=table.problem_type,
        job_objective={"MetricName": table.metric},
        total_job_runtime_in_seconds=budget,
        sagemaker_session=session,
    )
    began = time.perf_counter()
    automl.fit(str(train_csv), wait=False, job_name=name)
    # wait(progress=False): the SDK's progress bar fails without MaxCandidates (tqdm's bool() on total=None)
    assert automl.latest_auto_ml_job is not None
    automl.latest_auto_ml_job.wait(logs=False, progress=False)
    took = time.perf_counter() - began
    job = automl.describe_auto_ml_job()
    listed = automl.list_candidates()
    ends = [_seconds_between(c["EndTime"], job["CreationTime"]) for c in listed if c.get("EndTime")]
    starts = [_seconds_between(c["CreationTime"], job["CreationTime"]) for c in listed if c.get("CreationTime")]
    best = job["BestCandidate"]
    model = _pipeline(best["InferenceContainers"][0]["ModelDataUrl"], train_csv.parent)
    X, y = test.drop(columns=[table.target]), test[table.target]
    return Outcome(
        score=score(model, X, y, table.metric, table.problem_type),
        seconds=took,
        note=f"{best['CandidateName'].removeprefix(name + '-')} ({job['AutoMLJobSecondaryStatus']})",
        candidates=len(listed),
        failed=sum(c["CandidateStatus"] == "Failed" for c in listed) + (job["AutoMLJobStatus"] != "Completed"),
        first_candidate=min(ends) if ends else float("nan"),
        first_start=min(starts) if starts else float("nan"),
    )


def _pipeline(url: str, work: Path) -> Any:
    """The fitted Pipeline in a candidate's model.tar.gz (a local URL: embedded mode stores under the home)."""
    import fsspec

    with fsspec.open(url, "rb") as fh, tarfile.open(fileobj=fh, mode="r:gz") as tar:
        tar.extract("model.joblib", path=work, filter="data")
    return joblib.load(work / "model.joblib")


def flaml(table: Table, train_csv: Path, test_csv: Path, classes: Any, budget: int, seed: int) -> Outcome:
    task = "classification" if table.classification else "regression"
    argv = [str(train_csv), str(test_csv), table.target, task, FLAML_METRICS[table.metric], str(budget), str(seed)]
    done = subprocess.run(
        [str(PEERS), "-c", FLAML_SIDE, *argv, ",".join(table.dates)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        print(f"  FLAML failed on {table.name}: {done.stderr.strip()[-400:]}", flush=True)
        return Outcome(score=float("nan"), seconds=float("nan"), note="failed", failed=1)
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    test = pd.read_csv(test_csv)
    X, y = test.drop(columns=[table.target]), test[table.target]
    return Outcome(
        score=score(Answered(answer["predictions"], classes), X, y, table.metric, table.problem_type),
        seconds=answer["seconds"],
        note=f"{answer['best']} ({answer['trials']} trials)",
    )


def _days(frame: pd.DataFrame) -> Any:
    return frame.apply(lambda c: pd.to_datetime(c, errors="coerce")).apply(lambda c: (c - pd.Timestamp(0)).dt.days)


def hgb(table: Table, train: pd.DataFrame, test: pd.DataFrame, seed: int) -> Outcome:
    """scikit-learn's HistGradientBoosting with its defaults; words and categories ordinal-encoded, dates as days."""
    X = train.drop(columns=[table.target])
    words = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c]) and c not in table.dates]
    columns = ColumnTransformer(
        [
            ("dates", FunctionTransformer(_days), list(table.dates)),
            ("words", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan), words),
        ],
        remainder="passthrough",
    )
    model = HistGradientBoostingClassifier if table.classification else HistGradientBoostingRegressor
    pipeline = Pipeline([("columns", columns), ("model", model(random_state=seed))])
    began = time.perf_counter()
    with threadpool_limits(limits=1):  # as our candidates on small tables: on a busy 2-core machine 2 threads only wait
        pipeline.fit(X, train[table.target])
    took = time.perf_counter() - began
    return Outcome(
        score(pipeline, test.drop(columns=[table.target]), test[table.target], table.metric, table.problem_type), took
    )


# -- the run ------------------------------------------------------------------------------------------------------
@dataclass
class Runs:
    table: Table
    budget: int
    by_side: dict[str, list[Outcome]] = field(default_factory=lambda: {"smstudio": [], "flaml": [], "hgb": []})

    def scores(self, side: str) -> list[float]:
        return [o.score for o in self.by_side[side]]


def _finished(values: list[float]) -> list[float]:
    """A failed run has no score (nan): means and spreads are over the runs that gave one."""
    return [v for v in values if math.isfinite(v)]


def _mean(values: list[float]) -> float:
    done = _finished(values)
    return statistics.fmean(done) if done else float("nan")


def _spread(values: list[float]) -> float:
    done = _finished(values)
    return statistics.stdev(done) if len(done) > 1 else float("nan")


def _guarded(side: str, contender: Callable[[], Outcome]) -> Outcome:
    """A contender that breaks is a failed run in the table, not the end of the bench."""
    try:
        return contender()
    except Exception as err:  # noqa: BLE001 - printed and counted
        print(f"  {side} failed: {type(err).__name__}: {str(err)[-400:]}", flush=True)
        return Outcome(score=float("nan"), seconds=float("nan"), note="failed", failed=1)


def run_one(session: Session, work: Path, table: Table, budget: int, seed: int, runs: Runs) -> None:
    train, test = split(table, seed)
    folder = work / f"{table.name}-{budget}-{seed}"
    folder.mkdir(parents=True)
    train_csv, test_csv = folder / "train.csv", folder / "test.csv"
    train.to_csv(train_csv, index=False)
    test.to_csv(test_csv, index=False)
    classes = np.unique(train[table.target]) if table.classification else None
    name = f"bench-{table.name.replace('_', '-')}-{budget}-{seed}"
    results = {
        "hgb": _guarded("HGB", lambda: hgb(table, train, test, seed)),
        "flaml": _guarded("FLAML", lambda: flaml(table, train_csv, test_csv, classes, budget, seed)),
        "smstudio": _guarded("SmStudio", lambda: ours(session, table, train_csv, test, budget, name)),
    }
    for side, outcome in results.items():
        runs.by_side[side].append(outcome)
    mine, peer, base = results["smstudio"], results["flaml"], results["hgb"]
    print(
        f"  seed {seed}: SmStudio {mine.score:.4g} in {mine.seconds:.0f} s ({mine.candidates} candidates, "
        f"{mine.failed} failed, first started at {mine.first_start:.1f} s and finished at "
        f"{mine.first_candidate:.1f} s, best {mine.note}) | FLAML {peer.score:.4g} in {peer.seconds:.0f} s "
        f"(best {peer.note}) | HGB {base.score:.4g} in {base.seconds:.1f} s",
        flush=True,
    )


def print_table(runs: Runs) -> None:
    table = runs.table
    arrow = "higher" if higher_is_better(table.metric) else "lower"
    print(f"{table.name} @ {runs.budget} s  ({table.metric}, {arrow} is better; test rows {len(table.frame) // 4})")
    print(f"  {'':<10} {'mean':>10} {'spread':>8} {'wall s':>7}  per seed")
    for side, label in (("smstudio", "SmStudio"), ("flaml", "FLAML"), ("hgb", "HGB")):
        scores = runs.scores(side)
        wall = _mean([o.seconds for o in runs.by_side[side]])
        each = " ".join(f"{s:.4g}" for s in scores)
        print(f"  {label:<10} {_mean(scores):10.4g} {_spread(scores):8.2g} {wall:7.1f}  {each}")


@dataclass
class Verdict:
    vs_flaml: list[str] = field(default_factory=list)
    vs_hgb: list[str] = field(default_factory=list)
    failures: int = 0
    first: list[float] = field(default_factory=list)


def judge(all_runs: list[Runs]) -> Verdict:
    """A target holds within the noise: our mean may trail by at most the larger of the two sides' spreads over
    seeds (at a budget with one seed, the spreads of the same table at the budget with the most seeds)."""
    verdict = Verdict()
    spreads: dict[tuple[str, str], float] = {}
    for runs in sorted(all_runs, key=lambda r: len(r.by_side["smstudio"])):
        for side in ("smstudio", "flaml", "hgb"):
            spread = _spread(runs.scores(side))
            if spread == spread:  # not nan
                spreads[(runs.table.name, side)] = spread
    for runs in all_runs:
        name, up = runs.table.name, higher_is_better(runs.table.metric)
        mine = _mean(runs.scores("smstudio"))
        lost = len(runs.scores("smstudio")) - len(_finished(runs.scores("smstudio")))
        for peer, out in (("flaml", verdict.vs_flaml), ("hgb", verdict.vs_hgb)):
            theirs = _mean(runs.scores(peer))
            noise = max(spreads.get((name, "smstudio"), 0.0), spreads.get((name, peer), 0.0))
            ahead = (mine - theirs) if up else (theirs - mine)
            word = "ahead" if ahead >= 0 else ("within noise" if ahead >= -noise else "BEHIND")
            if lost:  # a job that gave no model loses to any peer that gave one
                word = f"FAILED in {lost} of {len(runs.scores('smstudio'))} seeds; of the others {word}"
            out.append(f"{name}@{runs.budget}: {word} ({mine:.4g} vs {theirs:.4g}, noise {noise:.2g})")
        verdict.failures += sum(o.failed for o in runs.by_side["smstudio"])
        verdict.first += [o.first_candidate for o in runs.by_side["smstudio"]]
    return verdict


def print_summary(verdict: Verdict) -> None:
    def holds(lines: list[str]) -> str:
        return "holds" if not any("BEHIND" in line or "FAILED" in line for line in lines) else "does NOT hold"

    print("\nTargets")
    print(f"- at least FLAML's score on every data set at each budget: {holds(verdict.vs_flaml)}")
    for line in verdict.vs_flaml:
        print(f"    {line}")
    print(f"- never below HistGradientBoosting with defaults: {holds(verdict.vs_hgb)}")
    for line in verdict.vs_hgb:
        print(f"    {line}")
    failures = f"{verdict.failures} failed candidates or jobs"
    print(f"- no failed candidate: {'holds' if verdict.failures == 0 else 'does NOT hold'} ({failures})")
    first = _finished(verdict.first)
    none = len(verdict.first) - len(first)
    late = sum(s > FIRST_CANDIDATE_SECONDS for s in first) + none
    print(
        f"- first finished candidate within {FIRST_CANDIDATE_SECONDS:.0f} s: {'holds' if not late else 'does NOT hold'}"
        f" (late in {late} of {len(verdict.first)} jobs, {none} with none before the job ended; median "
        f"{statistics.median(first):.1f} s, fastest {min(first):.1f} s, slowest {max(first):.1f} s)"
    )


_HEADER = re.compile(r"^(\w+) @ (\d+) s: ")
_SEED = re.compile(
    r"^  seed \d+: SmStudio (\S+) in (\S+) s \((\d+) candidates, (\d+) failed, first started at (\S+) s and "
    r"finished at (\S+) s, best (.*)\) \| FLAML (\S+) in (\S+) s \(best (.*)\) \| HGB (\S+) in (\S+) s$"
)


def replay(text: str) -> list[Runs]:
    """Earlier runs' outcomes from their per-seed lines (seeds of one table and budget in several runs join): their
    tables and targets printed again, nothing rerun."""
    by_name = {t.name: t for t in tables()}
    all_runs: dict[tuple[str, int], Runs] = {}
    current: Runs | None = None
    for line in text.splitlines():
        if header := _HEADER.match(line):
            key = (header[1], int(header[2]))
            current = all_runs.setdefault(key, Runs(by_name[key[0]], key[1]))
        elif (seed := _SEED.match(line)) and current is not None:
            g = seed.groups()
            sides = current.by_side
            sides["smstudio"].append(
                Outcome(
                    score=float(g[0]),
                    seconds=float(g[1]),
                    note=g[6],
                    candidates=int(g[2]),
                    failed=int(g[3]),
                    first_start=float(g[4]),
                    first_candidate=float(g[5]),
                )
            )
            sides["flaml"].append(Outcome(float(g[7]), float(g[8]), g[9], failed=int(g[9] == "failed")))
            sides["hgb"].append(Outcome(float(g[10]), float(g[11])))
    return list(all_runs.values())


def _more(args: argparse.Namespace) -> str:
    """The command's other options, as the output's first line repeats them."""
    first = f" --first-seed {args.first_seed}" if args.first_seed else ""
    return first + (" --datasets " + " ".join(args.datasets) if args.datasets else "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--budgets", type=int, nargs="+", default=[30, 120])
    parser.add_argument("--seeds", type=int, nargs="+", default=[3, 1], help="seeds per budget, in --budgets' order")
    parser.add_argument("--datasets", nargs="+", default=None)
    parser.add_argument("--first-seed", type=int, default=0, help="more seeds later: start after those run before")
    parser.add_argument("--replay", type=Path, help="an earlier run's output: print its tables and targets again")
    args = parser.parse_args()
    if args.replay is not None:
        print(f"# bench/automl.py --replay {args.replay}: the tables and targets of that run's seed lines")
        _report(replay(args.replay.read_text()))
        return
    peers = subprocess.run(
        [str(PEERS), "-c", "import flaml, lightgbm, xgboost; print(flaml.__version__, lightgbm.__version__, "
         "xgboost.__version__)"],  # fmt: skip
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    print(
        f"# bench/automl.py --budgets {' '.join(map(str, args.budgets))} --seeds {' '.join(map(str, args.seeds))}"
        f"{_more(args)}"
        f"  ({platform.machine()}, {os.cpu_count()} cores, shared; Python {platform.python_version()}, "
        f"scikit-learn {sklearn.__version__}; FLAML {peers[0]} with LightGBM {peers[1]} and XGBoost {peers[2]})",
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="smstudio-bench-automl-"))
    session = Session(home=str(work / "home"))
    chosen = [t for t in tables() if args.datasets is None or t.name in args.datasets]
    all_runs: list[Runs] = []
    if len(args.seeds) != len(args.budgets):
        parser.error("--seeds needs one count per budget")
    for budget, seeds in zip(args.budgets, args.seeds, strict=True):
        for table in chosen:
            runs = Runs(table, budget)
            shape = f"{len(table.frame)} rows x {table.frame.shape[1] - 1} columns"
            print(f"{table.name} @ {budget} s: {shape}", flush=True)
            for seed in range(args.first_seed, args.first_seed + seeds):
                run_one(session, work, table, budget, seed, runs)
            all_runs.append(runs)
    _report(all_runs)


def _report(all_runs: list[Runs]) -> None:
    print()
    for runs in all_runs:
        print_table(runs)
    print_summary(judge(all_runs))


if __name__ == "__main__":
    main()
