"""Automatic model tuning: Optuna-driven tuning jobs whose trials are real training jobs.

SDK in embedded mode and against a server (a script, as a user runs it), REST bad input and
other users, early stopping with the median rule, Grid, Stop, and a restart that resumes a tuning job."""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

import pytest

from jupyter_smstudio.studio import JOBS, TUNING, StudioSettings, build_services
from jupyter_smstudio.tuning import driver as tuning_driver
from jupyter_smstudio.tuning.models import TuningJobRequest
from jupyter_smstudio.tuning.study import ActiveTuning
from tests.test_sdk import script_values

SCRIPT = Path(__file__).parent / "training_scripts" / "tune_train.py"
METRIC = [{"Name": "validation:accuracy", "Regex": r"validation:accuracy=([0-9\.]+)"}]

SDK_TUNE = """
    from jupyter_smstudio.sdk.analytics import HyperparameterTuningJobAnalytics
    from jupyter_smstudio.sdk.parameter import CategoricalParameter, ContinuousParameter, IntegerParameter
    from jupyter_smstudio.sdk.sklearn import SKLearn
    from jupyter_smstudio.sdk.tuner import HyperparameterTuner

    est = SKLearn(entry_point="tune_train.py", source_dir="src", framework_version="1.2-1", instance_type="local",
                  hyperparameters={"epochs": 2, "max_depth": 9})
    tuner = HyperparameterTuner(
        est, "validation:accuracy",
        {"learning_rate": ContinuousParameter(0.01, 0.5, "Logarithmic"), "max_depth": IntegerParameter(2, 5)},
        metric_definitions=[{"Name": "validation:accuracy", "Regex": "validation:accuracy=([0-9\\\\.]+)"}],
        strategy="Bayesian", max_jobs=4, max_parallel_jobs=2, random_seed=3, base_tuning_job_name="bc")
    tuner.fit(job_name="bc-tune")
    desc = tuner.describe()
    best = tuner.best_training_job()
    df = HyperparameterTuningJobAnalytics("bc-tune").dataframe()
    again = HyperparameterTuner.attach("bc-tune")
    report(status=desc["HyperParameterTuningJobStatus"], completed=desc["TrainingJobStatusCounters"]["Completed"],
           succeeded=desc["ObjectiveStatusCounters"]["Succeeded"],
           static=desc["TrainingJobDefinition"]["StaticHyperParameters"],
           best_value=desc["BestTrainingJob"]["FinalHyperParameterTuningJobObjectiveMetric"]["Value"],
           rows=len(df), columns=sorted(df.columns),
           best_is_max=best == df.sort_values("FinalObjectiveValue").iloc[-1]["TrainingJobName"],
           depths=sorted(int(d) for d in df["max_depth"]), best=best, model=tuner.best_estimator().model_data,
           attached_best=again.best_training_job(),
           attached_range=again.hyperparameter_ranges()["integer_parameter_ranges"][0])
"""


def _check(v: dict) -> None:
    assert (v["status"], v["completed"], v["succeeded"]) == ("Completed", 4, 4)
    assert v["static"] == {"epochs": "2"}  # a tuned name is not static, even if the estimator set it
    assert v["rows"] == 4 and v["columns"] == [
        "FinalObjectiveValue",
        "TrainingElapsedTimeSeconds",
        "TrainingEndTime",
        "TrainingJobName",
        "TrainingJobStatus",
        "TrainingStartTime",
        "learning_rate",
        "max_depth",
    ]
    assert v["best_is_max"] is True and v["best_value"] > 0.8
    assert all(2 <= d <= 5 for d in v["depths"])
    assert v["model"].endswith(v["best"] + "/output/model.tar.gz")
    assert v["attached_best"] == v["best"]
    assert v["attached_range"] == {"name": "max_depth", "min_value": 2, "max_value": 5, "scaling_type": "Auto"}


def _project(root: Path) -> Path:
    (root / "src").mkdir(parents=True, exist_ok=True)
    shutil.copy(SCRIPT, root / "src" / SCRIPT.name)
    return root


def test_sdk_tunes_in_embedded_mode(tmp_path):
    root = _project(tmp_path / "work")
    _check(script_values(SDK_TUNE, {"SMSTUDIO_HOME": str(tmp_path / "home")}, cwd=root, timeout=300))


def test_sdk_tunes_against_a_server(tmp_path):
    from tests.live_server import jupyter_server

    with jupyter_server(tmp_path / "srv") as srv:
        root = _project(srv["root"])
        _check(
            script_values(SDK_TUNE, {"SMSTUDIO_URL": srv["url"], "SMSTUDIO_TOKEN": srv["token"]}, cwd=root, timeout=300)
        )


# -- REST: bad input, other users ------------------------------------------------------------------------


def _body(**over):
    body = {
        "objective": {"type": "Maximize", "metric_name": "validation:accuracy"},
        "parameter_ranges": {
            "continuous_parameter_ranges": [{"name": "learning_rate", "min_value": 0.01, "max_value": 0.5}]
        },
        "max_jobs": 2,
        "training_job": {"entry_point": "tune_train.py", "source_dir": "src", "metric_definitions": METRIC},
    }
    body.update(over)
    return body


@pytest.fixture
def rest_project(jp_root_dir):
    return _project(jp_root_dir)


@pytest.mark.parametrize(
    "body, field",
    [
        (_body(objective={"metric_name": "loss"}), "objective.metric_name"),
        (_body(parameter_ranges={}), "parameter_ranges"),
        (
            _body(parameter_ranges={"continuous_parameter_ranges": [{"name": "lr", "min_value": 1, "max_value": 0.1}]}),
            "parameter_ranges.continuous_parameter_ranges.0.min_value",
        ),
        (
            _body(
                parameter_ranges={
                    "continuous_parameter_ranges": [
                        {"name": "lr", "min_value": 0, "max_value": 1, "scaling_type": "Logarithmic"}
                    ]
                }
            ),
            "parameter_ranges.continuous_parameter_ranges.0.min_value",
        ),
        (
            _body(
                parameter_ranges={
                    "integer_parameter_ranges": [{"name": "d", "min_value": 1, "max_value": 3}],
                    "categorical_parameter_ranges": [{"name": "d", "values": ["a"]}],
                }
            ),
            "parameter_ranges.categorical_parameter_ranges.0.name",
        ),
        (_body(strategy="Grid"), "parameter_ranges.continuous_parameter_ranges"),
        (_body(strategy="Hyperband", early_stopping_type="Auto"), "early_stopping_type"),
        (_body(strategy="Simulated"), "strategy"),
        (_body(max_jobs=0), "max_jobs"),
        (_body(tuning_job_name="x" * 40), "tuning_job_name"),
        (
            _body(
                training_job={
                    "entry_point": "tune_train.py",
                    "source_dir": "src",
                    "metric_definitions": METRIC,
                    "hyperparameters": {"learning_rate": 0.1},
                }
            ),
            "parameter_ranges.continuous_parameter_ranges.0.name",
        ),
        (
            _body(training_job={"entry_point": "missing.py", "source_dir": "src", "metric_definitions": METRIC}),
            "training_job.entry_point",
        ),
        (
            _body(
                training_job={
                    "entry_point": "tune_train.py",
                    "source_dir": "src",
                    "metric_definitions": METRIC,
                    "output_path": "/proc/x",
                }
            ),
            "training_job.output_path",
        ),
    ],
)
async def test_bad_tuning_requests(api, rest_project, body, field):
    code, resp = await api("POST", "tuning-jobs", body)
    assert 400 <= code < 500, resp
    assert resp["field"] == field, resp
    code, listing = await api("GET", "tuning-jobs")
    assert listing["total"] == 0  # nothing half-made is left behind
    code, jobs = await api("GET", "jobs")
    assert jobs["total"] == 0


async def _wait_tuning(api, name, statuses, timeout=120.0, token=None):
    deadline = time.monotonic() + timeout
    while True:
        code, job = await api("GET", f"tuning-jobs/{name}", token=token)
        assert code == 200, job
        if job["status"] in statuses:
            return job
        assert time.monotonic() < deadline, job
        await asyncio.sleep(0.3)


async def test_grid_runs_every_point_in_order_and_stop(api, rest_project):
    body = _body(
        strategy="Grid",
        max_jobs=None,
        tuning_job_name="grid",
        max_parallel_jobs=2,
        parameter_ranges={
            "categorical_parameter_ranges": [{"name": "quality", "values": ["0.5", "0.7"]}],
            "integer_parameter_ranges": [{"name": "max_depth", "min_value": 2, "max_value": 3}],
        },
    )
    code, job = await api("POST", "tuning-jobs", body)
    assert code == 201, job
    assert job["max_jobs"] == 4 and job["status"] == "InProgress"
    job = await _wait_tuning(api, "grid", ("Completed", "Failed"))
    assert job["status"] == "Completed", job
    assert job["best_training_job"]["objective_value"] == 0.7
    _, trials = await api("GET", "tuning-jobs/grid/training-jobs")
    points = [
        (t["tuned_hyperparameters"]["quality"], t["tuned_hyperparameters"]["max_depth"])
        for t in trials["training_jobs"]
    ]
    assert points == [("0.5", 2), ("0.7", 2), ("0.5", 3), ("0.7", 3)]  # integer ranges vary slowest
    # each training job is tracked in the tuning job's experiment
    _, tcs = await api("GET", "trials", params={"experiment_name": "grid"})
    assert tcs["total"] == 4

    slow = _body(
        tuning_job_name="slow",
        max_jobs=6,
        max_parallel_jobs=2,
        training_job={
            "entry_point": "tune_train.py",
            "source_dir": "src",
            "metric_definitions": METRIC,
            "hyperparameters": {"epochs": 100, "epoch_seconds": 0.5, "quality": 0.5},
        },
    )
    code, job = await api("POST", "tuning-jobs", slow)
    assert code == 201, job
    code, job = await api("POST", "tuning-jobs/slow/stop")
    assert code == 200 and job["status"] in ("Stopping", "Stopped")
    job = await _wait_tuning(api, "slow", ("Stopped",), timeout=60)
    assert job["status_counters"]["Stopped"] == 2 and job["status_counters"]["Completed"] == 0
    assert job["end_time"] is not None


# -- early stopping, restart ------------------------------------------------------------------------------


def _services(home: Path, root: Path):
    services = build_services(StudioSettings(smstudio_home=str(home), root_dir=str(root)))
    services.get(JOBS).reconcile()  # what the server and the SDK do at start-up
    services.get(TUNING).resume()
    return services


def _wait(services, viewer, name, statuses, timeout=120.0):
    deadline = time.monotonic() + timeout
    while True:
        job = services.get(TUNING).describe(viewer, name)
        if job.status in statuses:
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.3)


def test_median_rule_stops_a_poor_job_early(tmp_path):
    root = _project(tmp_path / "work")
    services = _services(tmp_path / "home", root)
    viewer = services.viewer("alice")
    req = TuningJobRequest.model_validate(
        _body(
            tuning_job_name="early",
            strategy="Grid",
            max_jobs=None,
            max_parallel_jobs=1,
            early_stopping_type="Auto",
            parameter_ranges={
                "categorical_parameter_ranges": [{"name": "quality", "values": ["0.9", "0.8", "0.7", "0.1"]}]
            },
            training_job={
                "entry_point": str(root / "src" / "tune_train.py"),
                "metric_definitions": METRIC,
                "hyperparameters": {"epochs": 8, "epoch_seconds": 0.4},
            },
        )
    )
    try:
        services.get(TUNING).create(viewer, req)
        job = _wait(services, viewer, "early", ("Completed", "Failed"), timeout=180)
        trials = services.get(TUNING).training_jobs(viewer, "early").training_jobs
        assert [t.status for t in trials] == ["Completed", "Completed", "Completed", "Stopped"], trials
        assert trials[-1].early_stopped and trials[-1].objective_value == 0.1
        assert job.status == "Completed" and job.best_training_job.tuned_hyperparameters == {"quality": "0.9"}
        assert services.get(JOBS).get(viewer, trials[-1].training_job_name).status == "Stopped"
    finally:
        services.close()


def test_a_restart_resumes_the_tuning_job(tmp_path, monkeypatch):
    monkeypatch.setattr(tuning_driver, "LEASE_SECONDS", 1.0)
    monkeypatch.setattr(tuning_driver, "SCAN_SECONDS", 0.2)
    root = _project(tmp_path / "work")
    services = _services(tmp_path / "home", root)
    viewer = services.viewer("alice")
    req = TuningJobRequest.model_validate(
        _body(
            tuning_job_name="resume",
            strategy="Random",
            max_jobs=4,
            max_parallel_jobs=1,
            random_seed=1,
            training_job={
                "entry_point": str(root / "src" / "tune_train.py"),
                "metric_definitions": METRIC,
                "hyperparameters": {"epochs": 3, "epoch_seconds": 0.3},
            },
        )
    )
    services.get(TUNING).create(viewer, req)
    deadline = time.monotonic() + 60
    while len(services.get(TUNING).training_jobs(viewer, "resume").training_jobs) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    services.close()  # the server goes away with a training job running
    time.sleep(1.5)
    again = _services(tmp_path / "home", root)  # and comes back: the study is rebuilt from the store
    try:
        job = _wait(again, viewer, "resume", ("Completed", "Failed"), timeout=120)
        trials = again.get(TUNING).training_jobs(viewer, "resume").training_jobs
        assert job.status == "Completed" and len(trials) == 4, trials
        assert [t.number for t in trials] == [0, 1, 2, 3]
        assert all(t.objective_status == "Succeeded" for t in trials), trials
        assert len({t.training_job_name for t in trials}) == 4
    finally:
        again.close()


def test_warm_start_and_completion_criteria(tmp_path):
    from jupyter_smstudio.core.errors import BadRequest, NotFound

    root = _project(tmp_path / "work")
    services = _services(tmp_path / "home", root)
    viewer = services.viewer("alice")
    script = str(root / "src" / "tune_train.py")

    def request(name, values, **extra):
        return TuningJobRequest.model_validate(
            _body(
                tuning_job_name=name,
                max_parallel_jobs=1,
                random_seed=4,
                parameter_ranges={"categorical_parameter_ranges": [{"name": "quality", "values": values}]},
                training_job={"entry_point": script, "metric_definitions": METRIC, "hyperparameters": {"epochs": 1}},
                **extra,
            )
        )

    try:
        services.get(TUNING).create(viewer, request("parent", ["0.2", "0.6", "0.95"], strategy="Grid", max_jobs=None))
        with pytest.raises(BadRequest) as err:  # a parent must have ended
            services.get(TUNING).create(
                viewer,
                request(
                    "early-child",
                    ["0.2"],
                    max_jobs=1,
                    warm_start={"warm_start_type": "IdenticalDataAndAlgorithm", "parents": ["parent"]},
                ),
            )
        assert err.value.field == "warm_start.parents.0"
        assert _wait(services, viewer, "parent", ("Completed",)).status == "Completed"
        with pytest.raises(NotFound) as err:
            services.get(TUNING).create(
                viewer,
                request(
                    "orphan",
                    ["0.2"],
                    max_jobs=1,
                    warm_start={"warm_start_type": "TransferLearning", "parents": ["parent", "nobody"]},
                ),
            )
        assert err.value.field == "warm_start.parents.1"
        with pytest.raises(BadRequest) as err:  # the same objective, or the parent's results mean nothing
            services.get(TUNING).create(
                viewer,
                request(
                    "other",
                    ["0.2"],
                    max_jobs=1,
                    objective={"type": "Minimize", "metric_name": "validation:accuracy"},
                    warm_start={"warm_start_type": "TransferLearning", "parents": ["parent"]},
                ),
            )
        assert err.value.field == "warm_start.parents.0"
        with pytest.raises(NotFound):  # another user's tuning job is no parent of bob's
            services.get(TUNING).create(
                services.viewer("bob"),
                request(
                    "bobs",
                    ["0.2"],
                    max_jobs=1,
                    warm_start={"warm_start_type": "TransferLearning", "parents": ["parent"]},
                ),
            )

        # the child knows the parent's three results before its first job, and ends at the target
        child = services.get(TUNING).create(
            viewer,
            request(
                "child",
                ["0.2", "0.6", "0.95", "0.5"],
                strategy="Bayesian",
                max_jobs=8,
                warm_start={"warm_start_type": "IdenticalDataAndAlgorithm", "parents": ["parent"]},
                completion_criteria={"target_objective_metric_value": 0.9},
            ),
        )
        assert child.warm_start.parents == ["parent"]
        job = _wait(services, viewer, "child", ("Completed", "Failed"))
        trials = services.get(TUNING).training_jobs(viewer, "child").training_jobs
        assert job.status == "Completed" and job.completion_reason.startswith("the objective reached 0.95"), job
        assert len(trials) < 8 and trials[-1].tuned_hyperparameters == {"quality": "0.95"}, trials
        store = services.get(TUNING).store
        rebuilt = ActiveTuning(store.get(viewer.user, "child"), (store.get(viewer.user, "parent"),))
        assert rebuilt.offset == 3 and len(rebuilt.study.trials) == 3 + len(trials)

        # patience: the best never improves after the first job
        services.get(TUNING).create(
            viewer,
            request(
                "flat",
                ["0.5"],
                strategy="Random",
                max_jobs=10,
                completion_criteria={"max_number_training_jobs_not_improving": 3},
            ),
        )
        job = _wait(services, viewer, "flat", ("Completed", "Failed"))
        assert job.completion_reason == "3 training jobs in a row did not improve on 0.5", job
        assert len(services.get(TUNING).training_jobs(viewer, "flat").training_jobs) == 4
    finally:
        services.close()
