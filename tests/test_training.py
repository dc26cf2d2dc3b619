"""Training and processing jobs in SageMaker's script contract: SDK (embedded and server), REST, Dask, S3."""

from __future__ import annotations

import shutil
import tarfile
import time
from pathlib import Path

import pytest

from jupyter_smstudio.jobs.runners.dask import DaskRunner
from jupyter_smstudio.studio import EXPERIMENTS, JOBS, TRAINING, StudioSettings, build_services
from jupyter_smstudio.training.models import ProcessingJobRequest, TrainingJobRequest
from tests.conftest import wait_status
from tests.test_sdk import script_values

SCRIPTS = Path(__file__).parent / "training_scripts"


def make_data(folder: Path) -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    folder.mkdir(parents=True, exist_ok=True)
    x = rng.random((200, 3))
    y = (x.sum(axis=1) > 1.5).astype(int)
    lines = ["a,b,c,y"] + [f"{r[0]:.4f},{r[1]:.4f},{r[2]:.4f},{t}" for r, t in zip(x, y, strict=True)]
    (folder / "train.csv").write_text("\n".join(lines) + "\n")


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "work"
    (root / "src").mkdir(parents=True)
    for script in SCRIPTS.glob("*.py"):
        shutil.copy(script, root / "src" / script.name)
    make_data(root / "data")
    (root / "raw").mkdir()
    (root / "raw" / "raw.csv").write_text("x\n" + "\n".join(str(i / 10) for i in range(10)) + "\n")
    return root


SDK_TRAIN = """
    import json, tarfile
    from jupyter_smstudio.sdk.sklearn import SKLearn, SKLearnProcessor
    from jupyter_smstudio.sdk.inputs import TrainingInput
    from jupyter_smstudio.sdk.processing import ProcessingInput, ProcessingOutput
    from jupyter_smstudio.sdk.estimator import Estimator
    from jupyter_smstudio.sdk import Session

    session = Session()
    processor = SKLearnProcessor(framework_version="1.2-1", role="ignored", instance_type="local", instance_count=1)
    processor.run(code="src/preprocess.py", arguments=["--threshold", "0.45"],
                  inputs=[ProcessingInput(source="raw", destination="/opt/ml/processing/input")],
                  outputs=[ProcessingOutput(source="/opt/ml/processing/train", output_name="train",
                                            destination=session.default_bucket() + "/prepared")])
    desc = processor.latest_job.describe()
    report(processing=desc["ProcessingJobStatus"],
           processed="processed 10 rows" in open(desc["LogUrl"][len("file://"):]).read())

    est = SKLearn(entry_point="sklearn_train.py", source_dir="src", framework_version="1.2-1", role="ignored",
                  instance_type="local", hyperparameters={"C": 0.5, "epochs": 3},
                  metric_definitions=[{"Name": "train:accuracy", "Regex": "train:accuracy=([0-9\\\\.]+)"}])
    est.fit({"train": TrainingInput("data", content_type="text/csv")}, logs=True, job_name="sk-train")
    desc = est.latest_training_job.describe()
    report(training=desc["TrainingJobStatus"], hyperparameters=desc["HyperParameters"],
           secondary=desc["SecondaryStatus"], model_data=est.model_data)
    with tarfile.open(est.model_data[len("file://"):]) as tar:
        report(members=sorted(tar.getnames()))
    with tarfile.open(est.model_data[len("file://"):].replace("model.tar.gz", "output.tar.gz")) as tar:
        report(seen=json.load(tar.extractfile("report.json")))
    report(metrics={m["MetricName"]: m["Value"] for m in desc["FinalMetricDataList"]})
    attached = SKLearn.attach("sk-train", sagemaker_session=session)
    report(attached=attached.hyperparameters(), attached_model=attached.model_data == est.model_data)
    try:
        Estimator(image_uri="123.dkr.ecr.us-west-2.amazonaws.com/xgb:1", role="r", instance_type="local").fit()
    except Exception as err:
        report(image_refused=[type(err).__name__, getattr(err, "field", None)])
"""


def _check_sdk_values(v: dict, refused_as: str) -> None:
    assert v["processing"] == "Completed" and v["processed"] is True
    assert v["training"] == "Completed" and v["secondary"] == "Completed"
    assert v["hyperparameters"] == {"C": "0.5", "epochs": "3"}
    assert v["seen"] == {
        "rows": 200,
        "hyperparameters": {"C": "0.5", "epochs": "3"},
        "hosts": ["algo-1"],
        "current_host": "algo-1",
        "channels": ["train"],
    }
    assert v["members"] == ["model.joblib"]
    assert set(v["metrics"]) == {"train:accuracy"} and 0.5 < v["metrics"]["train:accuracy"] <= 1.0
    assert v["attached"] == {"C": 0.5, "epochs": 3} and v["attached_model"] is True
    assert v["image_refused"] == [refused_as, "image_uri"]  # over REST the client raises the status's class


def test_sdk_embedded_train_and_process(project, tmp_path):
    _check_sdk_values(
        script_values(SDK_TRAIN, {"SMSTUDIO_HOME": str(tmp_path / "home")}, cwd=project), "NoContainerEngine"
    )


def test_sdk_against_a_server(tmp_path):
    from tests.live_server import jupyter_server

    with jupyter_server(tmp_path / "srv") as srv:
        root = srv["root"]
        (root / "src").mkdir()
        for script in SCRIPTS.glob("*.py"):
            shutil.copy(script, root / "src" / script.name)
        make_data(root / "data")
        (root / "raw").mkdir()
        (root / "raw" / "raw.csv").write_text("x\n" + "\n".join(str(i / 10) for i in range(10)) + "\n")
        _check_sdk_values(
            script_values(SDK_TRAIN, {"SMSTUDIO_URL": srv["url"], "SMSTUDIO_TOKEN": srv["token"]}, cwd=root),
            "BadRequest",
        )


# -- the REST API: bad input -----------------------------------------------------------------------------


@pytest.fixture
def rest_project(jp_root_dir):
    (jp_root_dir / "src").mkdir()
    for script in SCRIPTS.glob("*.py"):
        shutil.copy(script, jp_root_dir / "src" / script.name)
    make_data(jp_root_dir / "data")
    (jp_root_dir / "src" / "crash.py").write_text("import sys\nprint('loading')\nraise ValueError('bad shapes')\n")
    (jp_root_dir / "src" / "hang.py").write_text("import time\nprint('hanging', flush=True)\ntime.sleep(600)\n")
    (jp_root_dir / "src" / "explain.py").write_text(
        "open('/opt/ml/output/failure', 'w').write('train channel has no rows')\nraise SystemExit(1)\n"
    )
    return jp_root_dir


@pytest.mark.parametrize(
    "body, status, field",
    [
        ({"entry_point": "nope.py", "source_dir": "src"}, 400, "entry_point"),
        ({"entry_point": "missing.py"}, 400, "entry_point"),
        (
            {"entry_point": "sklearn_train.py", "source_dir": "src", "inputs": {"train": {"s3_data": "nowhere"}}},
            400,
            "inputs.train.s3_data",
        ),
        (
            {"entry_point": "sklearn_train.py", "source_dir": "src", "inputs": {"train": {"s3_data": "file:///etc"}}},
            403,
            "inputs.train.s3_data",
        ),
        (
            {"entry_point": "sklearn_train.py", "source_dir": "src", "hyperparameters": {"C": {"nested": 1}}},
            400,
            "hyperparameters.C",
        ),
        ({"entry_point": "sklearn_train.py", "source_dir": "src", "image_uri": "xgboost:1"}, 400, "image_uri"),
        ({"entry_point": "sklearn_train.py", "source_dir": "src", "instance_type": "huge"}, 400, "instance_type"),
        (
            {"entry_point": "sklearn_train.py", "source_dir": "src", "checkpoint_local_path": "/etc"},
            400,
            "checkpoint_local_path",
        ),
        (
            {"entry_point": "sklearn_train.py", "source_dir": "src", "checkpoint_local_path": "/opt/ml/../.."},
            400,
            "checkpoint_local_path",
        ),
        (
            {"entry_point": "sklearn_train.py", "source_dir": "src", "inputs": {"..": {"s3_data": "data"}}},
            400,
            "inputs...",
        ),
        (
            {"entry_point": "sklearn_train.py", "source_dir": "src", "output_path": "/proc/forbidden"},
            403,
            "output_path",
        ),
        (
            {
                "entry_point": "sklearn_train.py",
                "source_dir": "src",
                "metric_definitions": [{"Name": "x", "Regex": "(("}],
            },
            400,
            "metric_definitions.0.Regex",
        ),
    ],
)
async def test_bad_training_requests(api, rest_project, body, status, field):
    code, resp = await api("POST", "training-jobs", body)
    assert code == status, resp
    assert resp["field"] == field, resp


async def test_unwritable_output_path(api, rest_project):
    locked = rest_project / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, resp = await api(
            "POST",
            "training-jobs",
            {"entry_point": "sklearn_train.py", "source_dir": "src", "output_path": str(locked / "out")},
        )
        import os

        if os.geteuid() == 0:  # root writes anywhere; the check is for everyone else
            assert code == 201
        else:
            assert code == 400 and resp["field"] == "output_path"
    finally:
        locked.chmod(0o700)


async def test_crash_hang_and_failure_file(api, rest_project):
    _, crash = await api("POST", "training-jobs", {"entry_point": "crash.py", "source_dir": "src", "job_name": "crash"})
    _, hang = await api(
        "POST", "training-jobs", {"entry_point": "hang.py", "source_dir": "src", "job_name": "hang", "max_run": 2}
    )
    _, explain = await api(
        "POST", "training-jobs", {"entry_point": "explain.py", "source_dir": "src", "job_name": "explain"}
    )
    done = await wait_status(api, "crash", ("Failed", "Completed"), timeout=60)
    assert "ValueError: bad shapes" in done["failure_reason"]
    _, logs = await api("GET", "jobs/crash/logs")
    assert "loading" in logs["text"]
    done = await wait_status(api, "hang", ("Stopped", "Failed", "Completed"), timeout=60)
    assert done["status"] == "Stopped" and "MaxRuntimeExceeded" in done["failure_reason"]
    done = await wait_status(api, "explain", ("Failed", "Completed"), timeout=60)
    assert done["failure_reason"] == "train channel has no rows"
    code, desc = await api("GET", "training-jobs/explain")
    assert desc["TrainingJobStatus"] == "Failed" and desc["FailureReason"] == "train channel has no rows"


async def test_metrics_stream_to_the_trial_component(api, rest_project):
    code, desc = await api(
        "POST",
        "training-jobs",
        {
            "entry_point": "sklearn_train.py",
            "source_dir": "src",
            "job_name": "live",
            "hyperparameters": {"epochs": 4},
            "inputs": {"train": {"s3_data": "data"}},
            "metric_definitions": [{"Name": "train:accuracy", "Regex": r"train:accuracy=([0-9\.]+)"}],
        },
    )
    assert code == 201, desc
    await wait_status(api, "live", ("Completed",), timeout=90)
    _, tc = await api("GET", "trial-components/live-aws-training-job")
    acc = next(m for m in tc["metrics"] if m["metric_name"] == "train:accuracy")
    assert acc["count"] == 4 and 0.5 < acc["last"] <= 1.0
    assert tc["parameters"] == {"epochs": 4}
    assert tc["input_artifacts"]["train"]["value"].endswith("/data")
    assert tc["output_artifacts"]["SageMaker.ModelArtifact"]["value"].endswith("model.tar.gz")


# -- runners and storage -----------------------------------------------------------------------------------


@pytest.fixture(params=["local", "dask"])
def runner(request):
    """The settings that choose the runner."""
    if request.param == "local":
        return {}
    return {"job_runner_class": DaskRunner, "dask_scheduler_address": request.getfixturevalue("dask_address")}


def _services(tmp_path, project, runner, **extra):
    return build_services(
        StudioSettings(
            smstudio_home=str(tmp_path / "home"),
            root_dir=str(project),
            **runner,
            **extra,
        )
    )


def test_checkpoints_are_restored_into_a_rerun(tmp_path, project, runner):
    services = _services(tmp_path, project, runner)
    viewer = services.viewer("alice")
    ckpt = (tmp_path / "home" / "storage" / "alice" / "ckpt").as_uri()
    try:
        for name, expected in (("first", "10"), ("second", "20")):
            job = services.get(TRAINING).create_training_job(
                viewer,
                TrainingJobRequest(
                    job_name=name, entry_point="checkpoints.py", source_dir="src", checkpoint_s3_uri=ckpt
                ),
            )
            job = services.get(JOBS).wait(viewer, job.job_name, timeout=60)
            assert job.status == "Completed", services.get(JOBS).logs(viewer, name).text
            model = Path(job.config.tracking.model_artifact[len("file://") :])
            with tarfile.open(model) as tar:
                assert tar.extractfile("done.txt").read().decode() == expected
    finally:
        services.close()


def test_train_and_process_on_s3(tmp_path, project, runner, fresh_s3_config):
    cfg = fresh_s3_config
    opts = {
        "key": cfg["key"],
        "secret": cfg["secret"],
        "endpoint_url": cfg["endpoint_url"],
        "client_kwargs": {"region_name": "us-east-1"},
    }
    services = _services(tmp_path, project, runner, storage_root=f"s3://{cfg['bucket']}/{{user}}", s3_options=opts)
    viewer = services.viewer("alice")
    storage = services.storage.for_user("alice")
    bucket = storage.root_url
    try:
        storage.upload_file(str(project / "raw" / "raw.csv"), f"{bucket}/raw/raw.csv")
        job = services.get(TRAINING).create_processing_job(
            viewer,
            ProcessingJobRequest(
                code="src/preprocess.py",
                inputs=[{"source": f"{bucket}/raw", "destination": "/opt/ml/processing/input"}],
                outputs=[{"source": "/opt/ml/processing/train", "destination": f"{bucket}/prepared"}],
            ),
        )
        job = services.get(JOBS).wait(viewer, job.job_name, timeout=90)
        assert job.status == "Completed", services.get(JOBS).logs(viewer, job.job_name).text
        assert b"x,y" in storage.read_bytes(f"{bucket}/prepared/train.csv")
        storage.upload_file(str(project / "data" / "train.csv"), f"{bucket}/data/train.csv")
        job = services.get(TRAINING).create_training_job(
            viewer,
            TrainingJobRequest(
                entry_point="sklearn_train.py",
                source_dir="src",
                inputs={"train": {"s3_data": f"{bucket}/data"}},
                hyperparameters={"epochs": 1},
            ),
        )
        job = services.get(JOBS).wait(viewer, job.job_name, timeout=90)
        assert job.status == "Completed", services.get(JOBS).logs(viewer, job.job_name).text
        assert job.config.tracking.model_artifact.startswith("s3://")
        local = tmp_path / "model.tar.gz"
        local.write_bytes(storage.read_bytes(job.config.tracking.model_artifact))
        with tarfile.open(local) as tar:
            assert tar.getnames() == ["model.joblib"]
        assert "epoch=0" in services.get(JOBS).logs(viewer, job.job_name).text
    finally:
        services.close()


def test_two_process_pytorch_ddp(tmp_path, project, runner):
    pytest.importorskip("torch", reason="torch==2.13.0 (CPU) is installed by scripts/test.sh")
    services = _services(tmp_path, project, runner)
    viewer = services.viewer("alice")
    try:
        job = services.get(TRAINING).create_training_job(
            viewer,
            TrainingJobRequest(entry_point="ddp_train.py", source_dir="src", instance_count=2, framework="pytorch"),
        )
        job = services.get(JOBS).wait(viewer, job.job_name, timeout=180)
        text = services.get(JOBS).logs(viewer, job.job_name).text
        assert job.status == "Completed", text
        assert "[algo-1] rank=0 world=2 host=algo-1" in text and "[algo-2] rank=1 world=2 host=algo-2" in text
        with tarfile.open(job.config.tracking.model_artifact[len("file://") :]) as tar:
            assert tar.getnames() == ["model.pth"]
    finally:
        services.close()


def test_xgboost_script(tmp_path, project, runner):
    pytest.importorskip("xgboost", reason="xgboost-cpu is installed by scripts/test.sh")
    services = _services(tmp_path, project, runner)
    viewer = services.viewer("alice")
    try:
        job = services.get(TRAINING).create_training_job(
            viewer,
            TrainingJobRequest(
                entry_point="xgb_train.py",
                source_dir="src",
                framework="xgboost",
                inputs={"train": {"s3_data": "data"}},
                hyperparameters={"max_depth": 2, "num_round": 5},
                metric_definitions=[{"Name": "train:logloss", "Regex": r"train-logloss:([0-9\.]+)"}],
            ),
        )
        job = services.get(JOBS).wait(viewer, job.job_name, timeout=120)
        assert job.status == "Completed", services.get(JOBS).logs(viewer, job.job_name).text
        tc = services.get(EXPERIMENTS).get_component(viewer, f"{job.job_name}-aws-training-job")
        assert next(m for m in tc.metrics if m.metric_name == "train:logloss").count == 5
    finally:
        services.close()


def test_fastfile_streams_without_a_copy(tmp_path, project, fresh_s3_config):
    cfg = fresh_s3_config
    opts = {
        "key": cfg["key"],
        "secret": cfg["secret"],
        "endpoint_url": cfg["endpoint_url"],
        "client_kwargs": {"region_name": "us-east-1"},
    }
    services = _services(tmp_path, project, {}, storage_root=f"s3://{cfg['bucket']}/{{user}}", s3_options=opts)
    viewer = services.viewer("alice")
    storage = services.storage.for_user("alice")
    try:
        storage.upload_file(str(project / "data" / "train.csv"), f"{storage.root_url}/data/train.csv")
        channels = {}
        for source in (f"{storage.root_url}/data", "data"):
            job = services.get(TRAINING).create_training_job(
                viewer,
                TrainingJobRequest(
                    entry_point="sklearn_train.py",
                    source_dir="src",
                    input_mode="FastFile",
                    hyperparameters={"epochs": 1},
                    inputs={"train": {"s3_data": source}},
                ),
            )
            job = services.get(JOBS).wait(viewer, job.job_name, timeout=90)
            text = services.get(JOBS).logs(viewer, job.job_name).text
            assert job.status == "Completed", text
            assert "FastFile" in text and "epoch=0" in text
            channels[source] = (
                Path(services.get(JOBS).store.state(viewer.user, job.job_name).work_dir) / "opt/ml/input/data/train"
            )
        # S3: the folder holds an empty stand-in, the data was streamed; local: the folder is a link
        assert (channels[f"{storage.root_url}/data"] / "train.csv").stat().st_size == 0
        assert channels["data"].is_symlink()
    finally:
        services.close()


def test_requirements_install_into_a_cached_environment(tmp_path, project):
    (project / "src" / "requirements.txt").write_text("six\n")  # satisfied from the server's packages
    (project / "src" / "which.py").write_text("import sys, six\nprint('python', sys.prefix)\n")
    services = _services(tmp_path, project, {})
    viewer = services.viewer("alice")
    try:
        prefixes = []
        for _ in range(2):
            job = services.get(TRAINING).create_training_job(
                viewer, TrainingJobRequest(entry_point="which.py", source_dir="src")
            )
            job = services.get(JOBS).wait(viewer, job.job_name, timeout=180)
            text = services.get(JOBS).logs(viewer, job.job_name).text
            assert job.status == "Completed", text
            prefixes.append(next(line for line in text.splitlines() if line.startswith("python ")))
        envs = tmp_path / "home" / "envs"
        assert prefixes[0] == prefixes[1] and str(envs) in prefixes[0]  # the second job reused it
        assert len([p for p in envs.iterdir() if p.is_dir()]) == 1
    finally:
        services.close()


def test_max_run_and_stop_reach_the_training_process(tmp_path, project, runner):
    """On Dask the container is forked from a preloaded server process: stop must still reach the script."""
    (project / "src" / "hang.py").write_text("import time\nprint('hanging', flush=True)\ntime.sleep(600)\n")
    services = _services(tmp_path, project, runner)
    viewer = services.viewer("alice")
    try:
        timed = services.get(TRAINING).create_training_job(
            viewer, TrainingJobRequest(entry_point="hang.py", source_dir="src", max_run=2)
        )
        stopped = services.get(TRAINING).create_training_job(
            viewer, TrainingJobRequest(entry_point="hang.py", source_dir="src")
        )
        job = services.get(JOBS).wait(viewer, timed.job_name, timeout=60)
        assert job.status == "Stopped" and job.secondary_status == "MaxRuntimeExceeded"
        for _ in range(100):
            if "hanging" in services.get(JOBS).logs(viewer, stopped.job_name).text:
                break
            time.sleep(0.1)
        services.get(JOBS).stop(viewer, stopped.job_name)
        job = services.get(JOBS).wait(viewer, stopped.job_name, timeout=60)
        assert job.status == "Stopped"
        assert "hanging" in services.get(JOBS).logs(viewer, stopped.job_name).text
    finally:
        services.close()


def test_metric_points_survive_a_restart(tmp_path, project):
    """The job appends its points to its metrics file; the server records them and only then moves its
    offset on. With the server gone for part of the job, every point is still recorded, once."""
    (project / "src" / "epochs.py").write_text(
        "import time\nfor step in range(20):\n"
        "    print(f'loss={1 / (step + 1):.4f}', flush=True)\n    time.sleep(0.15)\n"
    )
    services = _services(tmp_path, project, {})
    viewer = services.viewer("alice")
    job = services.get(TRAINING).create_training_job(
        viewer,
        TrainingJobRequest(
            entry_point="epochs.py", source_dir="src", metric_definitions=[{"Name": "loss", "Regex": "loss=([0-9.]+)"}]
        ),
    )
    component = f"{job.job_name}-aws-training-job"
    deadline = time.monotonic() + 60
    while not services.get(EXPERIMENTS).get_component(viewer, component).metrics:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    services.close()  # the server goes away mid-job; the job goes on writing its points
    time.sleep(1.5)
    again = _services(tmp_path, project, {})  # and comes back: it adopts the job and reads on where it stopped
    again.start()  # what a server and an SDK session do at start-up
    try:
        done = again.get(JOBS).wait(viewer, job.job_name, timeout=60)
        assert done.status == "Completed"
        series = again.get(EXPERIMENTS).series(viewer, component, "loss")
        assert series.steps == list(range(20)) and series.total_points == 20
        assert series.values == pytest.approx([1 / (s + 1) for s in range(20)], abs=1e-4)
    finally:
        again.close()
