"""SageMaker's request shapes (CreateTrainingJob, CreateProcessingJob, as boto3 takes them) turned into the
requests of SmStudio's rooms (snake_case, training/models.py). AWS-only fields (RoleArn, VpcConfig,
VolumeSizeInGB, EnableNetworkIsolation, ...) are accepted and ignored.

A training job runs a script (script mode), as the SageMaker SDK submits one: a framework image, and the
hyperparameters `sagemaker_program` (the entry point) and `sagemaker_submit_directory` (the code)."""

from __future__ import annotations

import json
from typing import Any, Optional

from ...core.errors import BadRequest
from ...training.images import framework_image
from .._code import script_of_entrypoint, source_dir_of
from ._base import tags_dict


def _unquoted(value: Any) -> Any:
    """The SageMaker SDK JSON-encodes hyperparameter values ('"train.py"'); plain values stay as sent."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _channel(channel: dict[str, Any], index: int) -> tuple[str, dict[str, Any]]:
    source = (channel.get("DataSource") or {}).get("S3DataSource")
    if not channel.get("ChannelName") or not source or not source.get("S3Uri"):
        raise BadRequest(
            f"InputDataConfig.{index} needs ChannelName and DataSource.S3DataSource.S3Uri",
            field=f"InputDataConfig.{index}",
        )
    spec: dict[str, Any] = {"s3_data": source["S3Uri"]}
    if channel.get("ContentType"):
        spec["content_type"] = channel["ContentType"]
    if channel.get("InputMode"):
        spec["input_mode"] = channel["InputMode"]
    if source.get("S3DataDistributionType"):
        spec["distribution"] = source["S3DataDistributionType"]
    return channel["ChannelName"], spec


def training_request(
    session: Any, definition: dict[str, Any], job_name: Optional[str], hyperparameters_key: str = "HyperParameters"
) -> dict[str, Any]:
    """A TrainingJobRequest (as a dict) from CreateTrainingJob's fields, or a tuning job's TrainingJobDefinition."""
    algorithm = definition.get("AlgorithmSpecification") or {}
    image = algorithm.get("TrainingImage")
    if image and framework_image(image) is None:
        raise BadRequest(
            f"AlgorithmSpecification.TrainingImage {image!r} is not a scikit-learn, PyTorch or XGBoost framework "
            "image; SmStudio runs scripts in those frameworks' script mode, not other images",
            field="AlgorithmSpecification.TrainingImage",
        )
    hps = {k: _unquoted(v) for k, v in (definition.get(hyperparameters_key) or {}).items()}
    program = hps.pop("sagemaker_program", None) or algorithm.get("EntryPoint")
    submit = hps.pop("sagemaker_submit_directory", None)
    for key in [k for k in hps if k.startswith("sagemaker_")]:
        hps.pop(key)  # the SDK's container settings (log level, region, job name): nothing to set here
    if not program:
        raise BadRequest(
            f"{hyperparameters_key}.sagemaker_program is required: the script the framework image runs "
            "(SageMaker's script mode), with sagemaker_submit_directory holding the code",
            field=f"{hyperparameters_key}.sagemaker_program",
        )
    output = definition.get("OutputDataConfig") or {}
    resources = definition.get("ResourceConfig") or {}
    stopping = definition.get("StoppingCondition") or {}
    checkpoint = definition.get("CheckpointConfig") or {}
    body: dict[str, Any] = {
        "job_name": job_name,
        "entry_point": program,
        "hyperparameters": hps,
        "inputs": dict(_channel(c, i) for i, c in enumerate(definition.get("InputDataConfig") or [])),
        "metric_definitions": algorithm.get("MetricDefinitions") or [],
        "input_mode": algorithm.get("TrainingInputMode") or "File",
        "environment": definition.get("Environment") or {},
        "tags": tags_dict(definition.get("Tags")),
    }
    optional = {
        "source_dir": source_dir_of(session, submit, job_name or definition.get("DefinitionName") or "tuning")
        if submit
        else None,
        "image_uri": image,
        "output_path": output.get("S3OutputPath"),
        "instance_type": resources.get("InstanceType"),
        "instance_count": resources.get("InstanceCount"),
        "max_run": stopping.get("MaxRuntimeInSeconds"),
        "checkpoint_s3_uri": checkpoint.get("S3Uri"),
        "checkpoint_local_path": checkpoint.get("LocalPath"),
        "experiment_config": definition.get("ExperimentConfig"),
        "debug_hook_config": definition.get("DebugHookConfig"),
        "debug_rule_configurations": definition.get("DebugRuleConfigurations"),
        "tensor_board_output_config": definition.get("TensorBoardOutputConfig"),
    }
    body.update({k: v for k, v in optional.items() if v is not None})
    if not job_name:
        body.pop("job_name")
    return body


def processing_request(session: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """A ProcessingJobRequest (as a dict) from CreateProcessingJob's fields: the script is the one the
    entrypoint runs, found among the inputs."""
    name = kwargs["ProcessingJobName"]
    app = kwargs.get("AppSpecification") or {}
    inputs = []
    for i, item in enumerate(kwargs.get("ProcessingInputs") or []):
        s3 = item.get("S3Input")
        if not s3 or not s3.get("S3Uri") or not s3.get("LocalPath"):
            raise BadRequest(
                f"ProcessingInputs.{i}.S3Input with S3Uri and LocalPath is required (dataset definitions are "
                "not available)",
                field=f"ProcessingInputs.{i}.S3Input",
            )
        inputs.append({"source": s3["S3Uri"], "destination": s3["LocalPath"], "input_name": item.get("InputName")})
    try:
        command, code, rest = script_of_entrypoint(
            session,
            list(app.get("ContainerEntrypoint") or []),
            [(i["source"], i["destination"]) for i in inputs],
            name,
            "AppSpecification.ContainerEntrypoint",
        )
    except ValueError as err:
        raise BadRequest(str(err), field="AppSpecification.ContainerEntrypoint") from err
    outputs = [
        {
            "source": (o.get("S3Output") or {}).get("LocalPath", "/opt/ml/processing/output"),
            "destination": (o.get("S3Output") or {}).get("S3Uri"),
            "output_name": o.get("OutputName"),
        }
        for o in (kwargs.get("ProcessingOutputConfig") or {}).get("Outputs") or []
    ]
    cluster = (kwargs.get("ProcessingResources") or {}).get("ClusterConfig") or {}
    body: dict[str, Any] = {
        "job_name": name,
        "code": code,
        "command": command,
        "arguments": [*rest, *(app.get("ContainerArguments") or [])],
        "inputs": inputs,
        "outputs": outputs,
        "environment": kwargs.get("Environment") or {},
        "tags": tags_dict(kwargs.get("Tags")),
    }
    optional: dict[str, Optional[Any]] = {
        "image_uri": app.get("ImageUri"),
        "instance_type": cluster.get("InstanceType"),
        "instance_count": cluster.get("InstanceCount"),
        "max_runtime_in_seconds": (kwargs.get("StoppingCondition") or {}).get("MaxRuntimeInSeconds"),
        "experiment_config": kwargs.get("ExperimentConfig"),
    }
    body.update({k: v for k, v in optional.items() if v is not None})
    return body
