"""Code written for SageMaker runs with only its imports rewritten (issue 10): the top-level names,
`image_uris`, `utils`, framework images and their version warnings, the training toolkits inside jobs.

boto3's SageMaker client is tested in test_sdk_sagemaker_compat_client.py; the notebook in
tests/notebooks_sagemaker/ runs the SDK's side against a server (test_sdk_sagemaker_compat_notebook.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from jupyter_smstudio.sdk import image_uris, utils
from jupyter_smstudio.sdk._times import with_datetimes
from jupyter_smstudio.training import images

SHIM = Path(images.__file__).parent / "_shim"


# -- top-level names -------------------------------------------------------------------------------------


def test_the_package_exposes_what_sagemaker_does():
    import jupyter_smstudio.sdk as sagemaker

    assert re.fullmatch(r"2\.\d+\.\d+", sagemaker.__version__)
    for name in (
        "Session",
        "get_execution_role",
        "Estimator",
        "Processor",
        "ScriptProcessor",
        "TrainingInput",
        "HyperparameterTuningJobAnalytics",
        "TrainingJobAnalytics",
    ):
        assert callable(getattr(sagemaker, name)), name
    # submodules reached without importing them, as `import sagemaker` allows
    assert sagemaker.tuner.HyperparameterTuner and sagemaker.estimator.Estimator and sagemaker.utils.name_from_base
    assert sagemaker.image_uris.retrieve and sagemaker.s3.S3Downloader and sagemaker.inputs.TrainingInput
    from jupyter_smstudio.sdk.tuner import CategoricalParameter, ContinuousParameter, IntegerParameter

    assert IntegerParameter is sagemaker.parameter.IntegerParameter
    assert sagemaker.tuner.ContinuousParameter is ContinuousParameter
    assert sagemaker.tuner.CategoricalParameter is CategoricalParameter


# -- image_uris.retrieve ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, uri",
    [
        (
            {"framework": "sklearn", "region": "us-east-1", "version": "1.2-1"},
            "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
        ),
        (
            {
                "framework": "sklearn",
                "region": "eu-west-1",
                "version": "1.2-1",
                "py_version": "py3",
                "image_scope": "inference",
            },
            "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
        ),
        (
            {"framework": "xgboost", "region": "us-west-2", "version": "1.7-1"},
            "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1",
        ),
        (
            {"framework": "xgboost", "region": "us-east-1", "version": "1.0-1"},
            "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.0-1-cpu-py3",
        ),
        (
            {"framework": "pytorch", "region": "us-east-1", "version": "2.0", "instance_type": "ml.p3.2xlarge"},
            "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.0.1-gpu-py310",
        ),
        (
            {
                "framework": "pytorch",
                "region": "cn-north-1",
                "version": "1.13.1",
                "py_version": "py39",
                "instance_type": "ml.m5.xlarge",
                "image_scope": "inference",
            },
            "727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/pytorch-inference:1.13.1-cpu-py39",
        ),
    ],
)
def test_retrieve_forms_sagemakers_uris(args, uri):
    assert image_uris.retrieve(**args) == uri
    known = images.framework_image(uri)
    assert known is not None and known.framework == args["framework"]


@pytest.mark.parametrize(
    "args, argument",
    [
        ({"framework": "tensorflow", "version": "2.13"}, "framework"),
        ({"framework": "sklearn"}, "version"),
        ({"framework": "sklearn", "version": "9.9-9"}, "version"),
        ({"framework": "sklearn", "version": "1.2-1", "region": "mars-1"}, "region"),
        ({"framework": "sklearn", "version": "1.2-1", "instance_type": "ml.g5.xlarge"}, "instance_type"),
        ({"framework": "sklearn", "version": "1.2-1", "instance_type": "big"}, "instance_type"),
        ({"framework": "sklearn", "version": "1.2-1", "py_version": "py2"}, "py_version"),
        ({"framework": "sklearn", "version": "1.2-1", "image_scope": "serving"}, "image_scope"),
        ({"framework": "pytorch", "version": "2.0.1"}, "instance_type"),
        ({"framework": "pytorch", "version": "0.1", "instance_type": "local"}, "version"),
    ],
)
def test_retrieve_names_the_bad_argument(args, argument):
    with pytest.raises(ValueError, match=f"'{argument}'"):
        image_uris.retrieve(**{"region": "us-east-1", **args})


def test_known_framework_images_and_version_warnings(monkeypatch):
    assert images.framework_image("sagemaker-scikit-learn:0.23-1-cpu-py3").version == "0.23-1"
    assert images.framework_image("x/pytorch-training:2.0.1-gpu-py310-cu118-ubuntu20.04-sagemaker").version == "2.0.1"
    for other in ("123.dkr.ecr.us-west-2.amazonaws.com/xgb:1", "xgboost:1", "my-image:latest", "sagemaker-xgboost"):
        assert images.framework_image(other) is None, other
    monkeypatch.setattr(images, "installed_version", lambda framework: {"sklearn": "1.2.2", "pytorch": None}[framework])
    assert images.version_warning("sklearn", "1.2-1") is None  # 1.2.2 is a 1.2
    monkeypatch.setattr(images, "installed_version", lambda framework: "1.5.0")
    warning = images.version_warning("sklearn", "1.2-1")
    assert warning.startswith("smstudio: WARNING: framework_version 1.2-1 asks for scikit-learn 1.2")
    assert "1.5.0" in warning
    monkeypatch.setattr(images, "installed_version", lambda framework: None)
    assert "not installed" in images.version_warning("pytorch", "2.0.1")
    assert images.version_warning(None, "1.0") is None and images.version_warning("sklearn", None) is None


# -- utils -----------------------------------------------------------------------------------------------


def test_utils_make_sagemakers_names(tmp_path):
    stamp = r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}"
    assert re.fullmatch(stamp, utils.sagemaker_timestamp())
    assert re.fullmatch(rf"my-job-{stamp}", utils.name_from_base("my-job"))
    assert len(utils.name_from_base("x" * 80)) == 63 and len(utils.name_from_base("x" * 80, max_length=40)) == 40
    assert re.fullmatch(r"base-\d{6}-\d{4}", utils.name_from_base("base", short=True))
    assert re.fullmatch(r"exp-\d{10}-[0-9a-f]{4}", utils.unique_name_from_base("exp"))
    assert len(utils.unique_name_from_base("e" * 80, max_length=32)) == 32
    assert utils.base_from_name(utils.name_from_base("my-job")) == "my-job"
    assert utils.base_from_name("plain") == "plain"
    uri = image_uris.retrieve("sklearn", "us-east-1", "1.2-1")
    assert utils.base_name_from_image(uri) == "sagemaker-scikit-learn"
    assert utils.name_from_image(uri).startswith("sagemaker-scikit-learn-")
    assert utils.base_name_from_image(None, default_base_name="dflt") == "dflt"
    assert utils.get_config_value("a.b", {"a": {"b": 3}}) == 3 and utils.get_config_value("a.c", {"a": {}}) is None
    assert utils.get_short_version("1.13.1") == "1.13"
    assert utils.build_dict("k", None) == {} and utils.build_dict("k", 1) == {"k": 1}
    assert utils.format_tags({"a": 1}) == [{"Key": "a", "Value": "1"}]
    assert utils.get_ecr_image_uri_prefix("1", "cn-north-1") == "1.dkr.ecr.cn-north-1.amazonaws.com.cn"
    (tmp_path / "a.py").write_text("x")
    tar = utils.create_tar_file([str(tmp_path / "a.py")], str(tmp_path / "code.tar.gz"))
    import tarfile

    with tarfile.open(tar) as t:
        assert t.getnames() == ["a.py"]
    with pytest.raises(Exception, match="maximum retry count"):
        for _ in utils.retries(2, "waiting", seconds_to_sleep=0):
            pass


def test_times_become_datetimes():
    answer = with_datetimes(
        {
            "CreationTime": "2024-05-01T12:00:00Z",
            "TrainingTimeInSeconds": 3,
            "FinalMetricDataList": [{"MetricName": "m", "Timestamp": "2024-05-01T12:00:01+00:00"}],
            "Name": "2024-05-01T12:00:00Z",
        }
    )
    assert answer["CreationTime"] == datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
    assert isinstance(answer["FinalMetricDataList"][0]["Timestamp"], datetime)
    assert answer["Name"] == "2024-05-01T12:00:00Z" and answer["TrainingTimeInSeconds"] == 3


# -- the training toolkits inside a job ------------------------------------------------------------------


def test_toolkit_modules_read_the_jobs_environment(tmp_path):
    """sagemaker_training / sagemaker_containers as a job imports them (the shim folder first on PYTHONPATH)."""
    training_env = {
        "hosts": ["algo-1", "algo-2"],
        "current_host": "algo-2",
        "hyperparameters": {"lr": "0.5", "name": "relu", "sagemaker_program": '"train.py"'},
        "channel_input_dirs": {"train": str(tmp_path / "train")},
        "model_dir": str(tmp_path / "model"),
        "num_gpus": 2,
    }
    env = {
        **os.environ,
        "PYTHONPATH": str(SHIM),
        "SM_TRAINING_ENV": json.dumps(training_env),
        "SM_USER_ARGS": json.dumps(["--lr", "0.5"]),
        "SM_MODEL_DIR": str(tmp_path / "model"),
    }
    code = """
import json, sagemaker_containers
from sagemaker_training import environment
from sagemaker_containers.beta import framework
e = environment.Environment()
print(json.dumps({"hps": e.hyperparameters, "extra": e.additional_framework_parameters, "gpus": e.num_gpus,
                  "hosts": e.hosts, "host": e.current_host, "master": e.is_master, "train": e.channel_input_dirs,
                  "args": e.to_cmd_args(), "item": e["model_dir"], "keys": "model_dir" in e.properties(),
                  "old": sagemaker_containers.training_env().current_host, "beta": framework.training_env().hosts,
                  "module_gpus": environment.num_gpus(), "module_model_dir": environment.model_dir}))
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout)
    assert seen["hps"] == {"lr": 0.5, "name": "relu"}  # decoded as the toolkit does; sagemaker_* set apart
    assert seen["extra"] == {"sagemaker_program": "train.py"}
    assert (seen["gpus"], seen["hosts"], seen["host"], seen["master"]) == (2, ["algo-1", "algo-2"], "algo-2", False)
    assert seen["train"] == {"train": str(tmp_path / "train")} and seen["args"] == ["--lr", "0.5"]
    assert seen["item"] == str(tmp_path / "model") and seen["keys"] is True
    assert seen["old"] == "algo-2" and seen["beta"] == ["algo-1", "algo-2"]
    assert seen["module_model_dir"] == str(tmp_path / "model")


def test_jobs_count_their_gpus(monkeypatch, tmp_path):
    """SM_NUM_GPUS (and the toolkit's num_gpus): CUDA_VISIBLE_DEVICES when set, else what nvidia-smi lists."""
    from jupyter_smstudio.training import sm_env

    fake = tmp_path / "nvidia-smi"
    fake.write_text("#!/bin/sh\necho 'GPU 0: NVIDIA H200 (UUID: a)'\necho 'GPU 1: NVIDIA H200 (UUID: b)'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    counts = {}
    for visible in (None, "3", "-1", "0,1,2"):
        monkeypatch.setattr(sm_env, "_GPUS", [])  # counted once per job: start afresh
        if visible is None:
            monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
        else:
            monkeypatch.setenv("CUDA_VISIBLE_DEVICES", visible)
        counts[visible] = sm_env.gpu_count()
    assert counts == {None: 2, "3": 1, "-1": 0, "0,1,2": 3}
