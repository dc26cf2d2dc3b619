"""The experiments service on both stores (SQLite and a real PostgreSQL): search, statistics,
cascades, ownership, many concurrent writer processes, a million-point series."""

from __future__ import annotations

import math
import multiprocessing as mp
import random
import statistics

import pytest

from jupyter_smstudio.core.auth import Viewer
from jupyter_smstudio.core.db import Database
from jupyter_smstudio.core.errors import NotFound
from jupyter_smstudio.experiments.models import (
    ExperimentCreate,
    MetricBatch,
    MetricPoint,
    SearchRequest,
    TrialComponentCreate,
    TrialCreate,
)
from jupyter_smstudio.experiments.service import ExperimentService

ALICE, BOB, ADMIN = Viewer("alice"), Viewer("bob"), Viewer("boss", admin=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'exp.db'}"
    return request.getfixturevalue("fresh_postgres_url")


@pytest.fixture
def svc(db_url):
    service = ExperimentService(Database(db_url))
    yield service
    service.db.close()


def seed(svc, viewer=ALICE, exp="exp", n=20):
    svc.create_experiment(viewer, ExperimentCreate(experiment_name=exp))
    svc.create_trial(viewer, TrialCreate(trial_name=f"{exp}-trial", experiment_name=exp))
    rng = random.Random(7)
    for i in range(n):
        svc.create_component(
            viewer,
            TrialComponentCreate(
                trial_component_name=f"{exp}-tc-{i}",
                trial_name=f"{exp}-trial",
                parameters={"lr": 10 ** -(i % 4), "depth": i % 5, "kind": "a" if i % 2 else "b"},
            ),
        )
        svc.log_metrics(
            viewer,
            f"{exp}-tc-{i}",
            MetricBatch(metrics=[MetricPoint(metric_name="loss", value=rng.random(), step=s) for s in range(10)]),
        )


def names(result):
    return [t.trial_component_name for t in result.trial_components]


def test_search_sort_and_filter_match_python(svc):
    seed(svc)
    everything = svc.search(ALICE, SearchRequest(MaxResults=100)).trial_components
    by_min = sorted(everything, key=lambda t: t.metrics[0].min)
    expected = [t.trial_component_name for t in by_min if t.parameters["depth"] >= 2][:5]
    got = svc.search(
        ALICE,
        SearchRequest.model_validate(
            {
                "SearchExpression": {
                    "Filters": [{"Name": "Parameters.depth", "Operator": "GreaterThanOrEqualTo", "Value": "2"}]
                },
                "SortBy": "Metrics.loss.Min",
                "SortOrder": "Ascending",
                "MaxResults": 5,
            }
        ),
    )
    assert names(got) == expected
    ors = svc.search(
        ALICE,
        SearchRequest.model_validate(
            {
                "SearchExpression": {
                    "Operator": "Or",
                    "Filters": [
                        {"Name": "Parameters.kind", "Operator": "Equals", "Value": "a"},
                        {"Name": "Parameters.lr", "Operator": "Equals", "Value": "1"},
                    ],
                },
                "MaxResults": 100,
            }
        ),
    )
    assert sorted(names(ors)) == sorted(
        t.trial_component_name for t in everything if t.parameters["kind"] == "a" or t.parameters["lr"] == 1
    )
    std = svc.search(ALICE, SearchRequest.model_validate({"SortBy": "Metrics.loss.StdDev", "MaxResults": 1}))
    top = max(everything, key=lambda t: t.metrics[0].std_dev)
    assert names(std) == [top.trial_component_name]


def test_owners_see_their_own(svc):
    seed(svc, ALICE, "alice-exp", n=3)
    seed(svc, BOB, "bob-exp", n=2)
    assert svc.search(BOB, SearchRequest()).total == 2
    assert svc.search(ADMIN, SearchRequest()).total == 5
    with pytest.raises(NotFound):
        svc.get_component(BOB, "alice-exp-tc-0")
    with pytest.raises(NotFound):
        svc.log_metrics(BOB, "alice-exp-tc-0", MetricBatch(metrics=[MetricPoint(metric_name="x", value=1)]))
    with pytest.raises(NotFound):
        svc.delete_experiment(BOB, "alice-exp", cascade=True)
    assert [e.experiment_name for e in svc.list_experiments(BOB).experiments] == ["bob-exp"]


def test_cascade_removes_points_and_summaries(svc):
    seed(svc, n=3)
    result = svc.delete_experiment(ALICE, "exp", cascade=True)
    assert result.deleted == {"experiments": 1, "trials": 1, "trial_components": 3}
    from sqlalchemy import func, select

    from jupyter_smstudio.experiments.orm import MetricChunkRow, MetricSummaryRow, ParameterRow

    with svc.db.session() as s:
        for table in (MetricChunkRow, MetricSummaryRow, ParameterRow):
            assert s.scalar(select(func.count()).select_from(table)) == 0


def _writer(url: str, k: int, n: int) -> None:
    service = ExperimentService(Database(url, migrate=False))
    for chunk in range(n // 50):
        service.log_metrics(
            ALICE,
            "shared",
            MetricBatch(
                metrics=[
                    MetricPoint(metric_name="loss", value=float(k * n + chunk * 50 + i), step=chunk * 50 + i)
                    for i in range(50)
                ]
            ),
        )
    service.db.close()


def test_eight_concurrent_writer_processes_lose_nothing(svc, db_url):
    svc.create_experiment(ALICE, ExperimentCreate(experiment_name="exp"))
    svc.create_component(ALICE, TrialComponentCreate(trial_component_name="shared"))
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(db_url, k, 500)) for k in range(8)]
    [p.start() for p in procs]
    [p.join(120) for p in procs]
    assert all(p.exitcode == 0 for p in procs)
    loss = svc.get_component(ALICE, "shared").metrics[0]
    values = list(range(8 * 500))
    assert loss.count == 4000 and loss.min == 0 and loss.max == 3999
    assert math.isclose(loss.avg, statistics.mean(values))
    assert math.isclose(loss.std_dev, statistics.stdev(values), rel_tol=1e-9)
    assert svc.series(ALICE, "shared", "loss", max_points=10000).total_points == 4000


def test_million_point_series(tmp_path):
    """One store is enough for the size case; both stores run the same code above."""
    svc = ExperimentService(Database(f"sqlite:///{tmp_path / 'long.db'}"))
    svc.create_experiment(ALICE, ExperimentCreate(experiment_name="exp"))
    svc.create_component(ALICE, TrialComponentCreate(trial_component_name="long"))
    for start in range(0, 1_000_000, 10_000):
        batch = MetricBatch.model_construct(
            metrics=[
                MetricPoint.model_construct(metric_name="loss", value=1.0 / (1 + i), step=i, timestamp=None)
                for i in range(start, start + 10_000)
            ]
        )
        svc.log_metrics(ALICE, "long", batch)
    summary = svc.get_component(ALICE, "long").metrics[0]
    assert summary.count == 1_000_000 and summary.last == 1.0 / 1_000_000 and summary.max == 1.0
    series = svc.series(ALICE, "long", "loss", max_points=3000)
    assert series.total_points == 1_000_000 and series.downsampled and len(series.values) <= 3000
    assert series.values[0] == 1.0


def test_shared_experiments_are_readable_by_all_and_writable_by_the_owner(svc):
    from jupyter_smstudio.core.errors import Forbidden
    from jupyter_smstudio.experiments.models import ExperimentUpdate, TrialComponentUpdate

    seed(svc, ALICE, "team-exp", n=3)
    seed(svc, ALICE, "private-exp", n=2)
    assert svc.search(BOB, SearchRequest()).total == 0
    svc.update_experiment(ALICE, "team-exp", ExperimentUpdate(shared=True))
    assert [e.experiment_name for e in svc.list_experiments(BOB).experiments] == ["team-exp"]
    assert svc.search(BOB, SearchRequest()).total == 3
    assert svc.get_component(BOB, "team-exp-tc-0").owner == "alice"
    assert svc.series(BOB, "team-exp-tc-0", "loss").total_points == 10
    assert svc.list_trials(BOB, experiment_name="team-exp").total == 1
    with pytest.raises(Forbidden):
        svc.update_experiment(BOB, "team-exp", ExperimentUpdate(description="mine now"))
    with pytest.raises(Forbidden):
        svc.delete_experiment(BOB, "team-exp", cascade=True)
    with pytest.raises(NotFound):
        svc.update_component(BOB, "team-exp-tc-0", TrialComponentUpdate(status="Failed"))
    with pytest.raises(NotFound):
        svc.log_metrics(BOB, "team-exp-tc-0", MetricBatch(metrics=[MetricPoint(metric_name="x", value=1)]))
    with pytest.raises(NotFound):
        svc.get_component(BOB, "private-exp-tc-0")
    with pytest.raises(NotFound):
        svc.create_trial(BOB, TrialCreate(trial_name="sneaky", experiment_name="private-exp"))
    with pytest.raises(Forbidden):
        svc.create_trial(BOB, TrialCreate(trial_name="sneaky", experiment_name="team-exp"))
