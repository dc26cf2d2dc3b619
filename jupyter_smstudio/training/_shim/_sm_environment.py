"""What SageMaker's training toolkits tell a script about its job, read from the SM_* variables the
container sets (jupyter_smstudio/training/sm_env.py): one implementation behind `sagemaker_training.environment`
and the older `sagemaker_containers`, so scripts written for either run unchanged.

Paths are the job folder's own (what SM_MODEL_DIR and friends name); /opt/ml/... paths work too, through
sitecustomize.py."""

import json
import os


def _json_env(name, default):
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return json.loads(raw)
    except ValueError:
        return default


def _decoded(value):
    """SageMaker stores every hyperparameter as a string and the toolkit decodes it ("0.5" -> 0.5)."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _training():
    """SM_TRAINING_ENV, completed from the other variables when a job runs without it (a plain script)."""
    env = _json_env("SM_TRAINING_ENV", {})
    hosts = env.get("hosts") or _json_env("SM_HOSTS", ["algo-1"])
    current = env.get("current_host") or os.environ.get("SM_CURRENT_HOST") or hosts[0]
    defaults = {
        "hosts": hosts,
        "current_host": current,
        "hyperparameters": _json_env("SM_HPS", {}),
        "channel_input_dirs": {
            ch: os.environ.get(f"SM_CHANNEL_{ch.upper()}", "") for ch in _json_env("SM_CHANNELS", [])
        },
        "model_dir": os.environ.get("SM_MODEL_DIR", "/opt/ml/model"),
        "output_dir": os.environ.get("SM_OUTPUT_DIR", "/opt/ml/output"),
        "output_data_dir": os.environ.get("SM_OUTPUT_DATA_DIR", "/opt/ml/output/data"),
        "output_intermediate_dir": os.environ.get("SM_OUTPUT_INTERMEDIATE_DIR", "/opt/ml/output/intermediate"),
        "input_dir": os.environ.get("SM_INPUT_DIR", "/opt/ml/input"),
        "input_config_dir": os.environ.get("SM_INPUT_CONFIG_DIR", "/opt/ml/input/config"),
        "input_data_config": _json_env("SM_INPUT_DATA_CONFIG", {}),
        "resource_config": _json_env("SM_RESOURCE_CONFIG", {"current_host": current, "hosts": hosts}),
        "num_cpus": int(os.environ.get("SM_NUM_CPUS") or os.cpu_count() or 1),
        "num_gpus": int(os.environ.get("SM_NUM_GPUS") or 0),
        "log_level": int(os.environ.get("SM_LOG_LEVEL") or 20),
        "module_name": os.environ.get("SM_MODULE_NAME", ""),
        "module_dir": os.environ.get("SM_MODULE_DIR", ""),
        "user_entry_point": os.environ.get("SM_USER_ENTRY_POINT", ""),
        "network_interface_name": os.environ.get("SM_NETWORK_INTERFACE_NAME", "lo"),
        "current_instance_type": os.environ.get("SM_CURRENT_INSTANCE_TYPE", "local"),
        "framework_module": os.environ.get("SM_FRAMEWORK_MODULE") or None,
        "job_name": os.environ.get("SMSTUDIO_JOB_NAME", ""),
        "additional_framework_parameters": {},
    }
    return {**defaults, **env}


class Environment:
    """`sagemaker_training.environment.Environment` (and `sagemaker_containers`' TrainingEnv): the job's
    hyperparameters, channels, folders, hosts and devices as attributes, or as `env["name"]`."""

    def __init__(self, resource_config=None, input_data_config=None, hyperparameters=None):
        values = _training()
        if resource_config:
            values["resource_config"] = resource_config
            values["hosts"] = resource_config.get("hosts", values["hosts"])
            values["current_host"] = resource_config.get("current_host", values["current_host"])
        if input_data_config:
            values["input_data_config"] = input_data_config
        raw = hyperparameters if hyperparameters is not None else values["hyperparameters"]
        all_hps = {k: _decoded(v) for k, v in raw.items()}
        values["hyperparameters"] = {k: v for k, v in all_hps.items() if not k.startswith("sagemaker_")}
        values["additional_framework_parameters"] = {k: v for k, v in all_hps.items() if k.startswith("sagemaker_")}
        values["is_master"] = values["current_host"] == values["hosts"][0]
        values["master_hostname"] = values["hosts"][0]
        values["distribution_hosts"] = list(values["hosts"])
        values["distribution"] = values.get("distribution") or {}
        self._values = values
        for name, value in values.items():
            setattr(self, name, value)

    # the toolkits' Mapping side: env["model_dir"], dict(env), env.properties()
    def properties(self):
        return sorted(self._values)

    def keys(self):
        return self.properties()

    def __getitem__(self, name):
        return getattr(self, name)

    def __contains__(self, name):
        return name in self._values

    def __iter__(self):
        return iter(self.properties())

    def __len__(self):
        return len(self._values)

    def __str__(self):
        return str({k: self._values[k] for k in self.properties()})

    __repr__ = __str__

    def to_cmd_args(self):
        """The script's arguments: `--name value` per hyperparameter."""
        return _json_env("SM_USER_ARGS", [])

    def to_env_vars(self):
        """SM_* variables as the toolkit exports them to the script."""
        return {k: v for k, v in os.environ.items() if k.startswith("SM_")}

    def sagemaker_s3_output(self):
        return None  # SageMaker's output bucket; jobs here write to their own output folder


def num_gpus():
    return int(os.environ.get("SM_NUM_GPUS") or 0)


def num_cpus():
    return int(os.environ.get("SM_NUM_CPUS") or os.cpu_count() or 1)


def read_hyperparameters():
    return {k: _decoded(v) for k, v in _training()["hyperparameters"].items()}


def read_resource_config():
    return _training()["resource_config"]


def read_input_data_config():
    return _training()["input_data_config"]
