"""The SM_* variables of SageMaker's training toolkit that the container's base set (container.py) leaves to
this module: SM_TRAINING_ENV in full, the resource and input-data configs, the user's arguments, the module
name. `sagemaker_training.environment.Environment()` and `sagemaker_containers.training_env()` (the job-side
modules in _shim/) read them, so scripts written for either toolkit find the names they expect."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

    from .container import Job

# what each framework container names as its training entry (scripts sometimes log it)
FRAMEWORK_MODULES = {
    "sklearn": "sagemaker_sklearn_container.training:main",
    "pytorch": "sagemaker_pytorch_container.training:main",
    "xgboost": "sagemaker_xgboost_container.training:main",
}
_GPUS: list[int] = []  # counted once per job: nvidia-smi takes a moment


def gpu_count() -> int:
    """GPUs this job may use: CUDA_VISIBLE_DEVICES when set, else those nvidia-smi lists (none without it)."""
    if _GPUS:
        return _GPUS[0]
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    if visible is not None:
        count = len([d for d in visible.split(",") if d.strip() and d.strip() != "-1"])
    else:
        nvidia = shutil.which("nvidia-smi")
        listing = ""
        try:
            if nvidia:
                listing = subprocess.run([nvidia, "-L"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            pass  # a driver that does not answer: no GPUs for this job
        count = sum(1 for line in listing.splitlines() if line.startswith("GPU "))
    _GPUS.append(count)
    return count


def hyperparameter_args(hps: dict[str, Any]) -> list[str]:
    """`--name value` per hyperparameter: how SageMaker passes them to a script (and SM_USER_ARGS lists them)."""
    args: list[str] = []
    for k, v in hps.items():
        args += [f"--{k}", json.dumps(v) if isinstance(v, (dict, list)) else str(v)]
    return args


def input_data_config(channels: dict[str, Any]) -> dict[str, dict[str, str]]:
    """inputdataconfig.json: each channel's content type, input mode and distribution."""
    return {
        ch: {
            "ContentType": s.get("content_type") or "",
            "TrainingInputMode": s.get("input_mode") or "File",
            "S3DistributionType": s.get("distribution", "FullyReplicated"),
            "RecordWrapperType": "None",
        }
        for ch, s in channels.items()
    }


def training_env(job: Job, env: dict[str, str], resource: dict[str, Any], channels: list[str]) -> dict[str, str]:
    """The variables added to `env` (the base set container.py made) for one host."""
    c = job.c
    hps = c.get("hyperparameters") or {}
    entry = os.path.basename(c.get("entry_point") or "")
    data_config = input_data_config(c.get("channels") or {})
    intermediate = str(job.root / "output" / "intermediate")
    training = {
        "additional_framework_parameters": {},
        "channel_input_dirs": {ch: env[f"SM_CHANNEL_{ch.upper()}"] for ch in channels},
        "current_host": resource["current_host"],
        "current_instance_type": c.get("instance_type") or "local",
        "framework_module": FRAMEWORK_MODULES.get(c.get("framework") or ""),
        "hosts": resource["hosts"],
        "hyperparameters": hps,
        "input_config_dir": env["SM_INPUT_CONFIG_DIR"],
        "input_data_config": data_config,
        "input_dir": env["SM_INPUT_DIR"],
        "is_master": resource["current_host"] == resource["hosts"][0],
        "job_name": os.environ.get("SMSTUDIO_JOB_NAME", ""),
        "log_level": int(env["SM_LOG_LEVEL"]),
        "master_hostname": resource["hosts"][0],
        "model_dir": env["SM_MODEL_DIR"],
        "module_dir": c.get("code_url") or env["SM_MODULE_DIR"],
        "module_name": entry[:-3] if entry.endswith(".py") else entry,
        "network_interface_name": resource["network_interface_name"],
        "num_cpus": int(env["SM_NUM_CPUS"]),
        "num_gpus": int(env["SM_NUM_GPUS"]),
        "output_data_dir": env["SM_OUTPUT_DATA_DIR"],
        "output_dir": env["SM_OUTPUT_DIR"],
        "output_intermediate_dir": intermediate,
        "resource_config": resource,
        "user_entry_point": entry,
    }
    return {
        "SM_TRAINING_ENV": json.dumps(training),
        "SM_RESOURCE_CONFIG": json.dumps(resource),
        "SM_INPUT_DATA_CONFIG": json.dumps(data_config),
        "SM_USER_ARGS": json.dumps(hyperparameter_args(hps)),
        "SM_NETWORK_INTERFACE_NAME": resource["network_interface_name"],
        "SM_MODULE_NAME": training["module_name"],
        "SM_OUTPUT_INTERMEDIATE_DIR": intermediate,
        "SM_CURRENT_INSTANCE_TYPE": training["current_instance_type"],
        "SM_FRAMEWORK_MODULE": training["framework_module"] or "",
    }
