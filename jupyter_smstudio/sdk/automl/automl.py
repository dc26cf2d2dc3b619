"""`sagemaker.automl.automl.AutoML` and `AutoMLInput`, pointed at SmStudio's Autopilot room.

.. code:: python

    automl = AutoML(role=role, target_attribute_name="target", max_candidates=4, problem_type="BinaryClassification",
                    job_objective={"MetricName": "F1"}, sagemaker_session=session)
    automl.fit("data/train.csv")                 # a local file is uploaded first; a URL is read where it is
    automl.list_candidates(sort_by="FinalObjectiveMetricValue")
    predictor = automl.deploy(1, "ml.m5.large", serializer=CSVSerializer(), deserializer=CSVDeserializer(),
                              inference_response_keys=["predicted_label", "probability"])

The arguments are the SageMaker Python SDK v2's, in its order; AWS-only ones (KMS keys, VPC, encryption) are taken
and ignored. The job runs in the room (analysis, candidates as training jobs, tuning, explainability); this class
builds its request, follows it, and turns its candidates into inference pipelines (`PipelineModel`).
"""

from __future__ import annotations

from typing import Any, Callable, Optional, Union

from ...core.names import name_from_base
from ..deserializers import BaseDeserializer
from ..model import Model
from ..pipeline import PipelineModel
from ..predictor import Predictor
from ..serializers import BaseSerializer
from ..session import Session
from ._job import AutoMLJob
from ._models import CandidatePipeline, choose_response_keys

NAME_MAX_LENGTH = 32  # SageMaker's limit on AutoMLJobName
INPUT_PREFIX = "auto-ml-input-data"  # where fit() uploads a local file, as SageMaker's SDK does


class AutoMLInput:
    """One or more CSV files (URLs or local paths) and their target column, as `sagemaker.automl.automl`'s."""

    def __init__(
        self,
        inputs: Union[str, list[str]],
        target_attribute_name: str,
        compression: Optional[str] = None,
        channel_type: Optional[str] = None,
        content_type: Optional[str] = None,
        s3_data_type: Optional[str] = None,
        sample_weight_attribute_name: Optional[str] = None,
    ):
        self.inputs = inputs
        self.target_attribute_name = target_attribute_name
        self.compression = compression
        self.channel_type = channel_type
        self.content_type = content_type
        self.s3_data_type = s3_data_type
        self.sample_weight_attribute_name = sample_weight_attribute_name

    def to_request_dict(self) -> list[dict[str, Any]]:
        """InputDataConfig's channels: one per input."""
        channels = []
        for entry in [self.inputs] if isinstance(self.inputs, str) else list(self.inputs):
            channel: dict[str, Any] = {
                "DataSource": {"S3DataSource": {"S3DataType": self.s3_data_type or "S3Prefix", "S3Uri": entry}},
                "TargetAttributeName": self.target_attribute_name,
            }
            optional = {
                "CompressionType": self.compression,
                "ChannelType": self.channel_type,
                "ContentType": self.content_type,
                "SampleWeightAttributeName": self.sample_weight_attribute_name,
            }
            channel.update({k: v for k, v in optional.items() if v is not None})
            channels.append(channel)
        return channels


class AutoML:
    """Find the best model for a table: candidates (preprocessing + algorithm) trained, tuned and ranked."""

    def __init__(
        self,
        role: Optional[str] = None,
        target_attribute_name: Optional[str] = None,
        output_kms_key: Optional[str] = None,
        output_path: Optional[str] = None,
        base_job_name: Optional[str] = None,
        compression_type: Optional[str] = None,
        sagemaker_session: Optional[Session] = None,
        volume_kms_key: Optional[str] = None,
        encrypt_inter_container_traffic: Optional[bool] = None,
        vpc_config: Optional[dict[str, Any]] = None,
        problem_type: Optional[str] = None,
        max_candidates: Optional[int] = None,
        max_runtime_per_training_job_in_seconds: Optional[int] = None,
        total_job_runtime_in_seconds: Optional[int] = None,
        job_objective: Optional[dict[str, str]] = None,
        generate_candidate_definitions_only: Optional[bool] = False,
        tags: Optional[list[dict[str, str]]] = None,
        content_type: Optional[str] = None,
        s3_data_type: Optional[str] = None,
        feature_specification_s3_uri: Optional[str] = None,
        validation_fraction: Optional[float] = None,
        mode: Optional[str] = None,
        auto_generate_endpoint_name: Optional[bool] = None,
        endpoint_name: Optional[str] = None,
        sample_weight_attribute_name: Optional[str] = None,
    ):
        self.role = role
        self.target_attribute_name = target_attribute_name
        self.output_kms_key = output_kms_key
        self.output_path = output_path
        self.base_job_name = base_job_name
        self.compression_type = compression_type
        self.sagemaker_session = sagemaker_session
        self.volume_kms_key = volume_kms_key
        self.encrypt_inter_container_traffic = encrypt_inter_container_traffic
        self.vpc_config = vpc_config
        self.problem_type = problem_type
        self.max_candidate = max_candidates  # SageMaker's attribute name (singular)
        self.max_runtime_per_training_job_in_seconds = max_runtime_per_training_job_in_seconds
        self.total_job_runtime_in_seconds = total_job_runtime_in_seconds
        self.job_objective = job_objective
        self.generate_candidate_definitions_only = bool(generate_candidate_definitions_only)
        self.tags = tags
        self.content_type = content_type
        self.s3_data_type = s3_data_type
        self.feature_specification_s3_uri = feature_specification_s3_uri
        self.validation_fraction = validation_fraction
        self.mode = mode
        self.auto_generate_endpoint_name = auto_generate_endpoint_name
        self.endpoint_name = endpoint_name
        self.sample_weight_attribute_name = sample_weight_attribute_name
        self.current_job_name: Optional[str] = None
        self.latest_auto_ml_job: Optional[AutoMLJob] = None
        self._auto_ml_job_desc: Optional[dict[str, Any]] = None
        self._best_candidate: Optional[dict[str, Any]] = None

    @property
    def max_candidates(self) -> Optional[int]:
        return self.max_candidate

    def _session(self) -> Session:
        if self.sagemaker_session is None:
            self.sagemaker_session = Session()
        return self.sagemaker_session

    # -- the job ----------------------------------------------------------------------------------------------------
    def fit(
        self,
        inputs: Union[None, str, AutoMLInput, list[Any]] = None,
        wait: bool = True,
        logs: bool = True,
        job_name: Optional[str] = None,
    ) -> None:
        """Start an AutoML job on `inputs`: a CSV file's URL, a folder's URL (one CSV in it), a local path (uploaded
        under the default bucket first) or AutoMLInput(s); with `wait`, follow it until it ends."""
        if inputs is None:
            raise ValueError("fit() needs inputs: a CSV file's URL or local path, or an AutoMLInput")
        session = self._session()
        logs = logs and wait  # SageMaker: logs only mean something while waiting
        self.current_job_name = job_name or name_from_base(self.base_job_name or "automl", NAME_MAX_LENGTH)
        request = self._request(self.current_job_name, self._channels(session, inputs))
        session.sagemaker_client.create_auto_ml_job(**request)
        self._auto_ml_job_desc, self._best_candidate = None, None
        self.latest_auto_ml_job = AutoMLJob(session, self.current_job_name, inputs)
        if wait:
            self.latest_auto_ml_job.wait(logs=logs)

    def _channels(self, session: Session, inputs: Any) -> list[dict[str, Any]]:
        entries = inputs if isinstance(inputs, list) else [inputs]
        channels: list[dict[str, Any]] = []
        for entry in entries:
            if isinstance(entry, AutoMLInput):
                found = entry.to_request_dict()
            elif isinstance(entry, str):
                if not self.target_attribute_name:
                    raise ValueError("target_attribute_name is required: the column to predict")
                found = AutoMLInput(
                    entry,
                    self.target_attribute_name,
                    compression=self.compression_type,
                    content_type=self.content_type,
                    s3_data_type=self.s3_data_type,
                    sample_weight_attribute_name=self.sample_weight_attribute_name,
                ).to_request_dict()
            else:
                raise ValueError(
                    f"inputs must be a URL, a local path, an AutoMLInput or a list of them, not {type(entry).__name__}"
                )
            for channel in found:
                source = channel["DataSource"]["S3DataSource"]
                if "://" not in source["S3Uri"]:  # a local file or folder: to storage first, as SageMaker's SDK does
                    source["S3Uri"] = session.upload_data(source["S3Uri"], key_prefix=INPUT_PREFIX)
            channels += found
        return channels

    def _request(self, name: str, channels: list[dict[str, Any]]) -> dict[str, Any]:
        """CreateAutoMLJob's arguments from this object's settings."""
        session = self._session()
        output = self.output_path or session._root(None).rstrip("/") + "/"
        criteria = {
            "MaxCandidates": self.max_candidate,
            "MaxRuntimePerTrainingJobInSeconds": self.max_runtime_per_training_job_in_seconds,
            "MaxAutoMLJobRuntimeInSeconds": self.total_job_runtime_in_seconds,
        }
        config: dict[str, Any] = {}
        if any(v is not None for v in criteria.values()):
            config["CompletionCriteria"] = {k: v for k, v in criteria.items() if v is not None}
        if self.validation_fraction is not None:
            config["DataSplitConfig"] = {"ValidationFraction": self.validation_fraction}
        if self.mode is not None:
            config["Mode"] = self.mode
        request: dict[str, Any] = {
            "AutoMLJobName": name,
            "InputDataConfig": channels,
            "OutputDataConfig": {"S3OutputPath": output},
            "GenerateCandidateDefinitionsOnly": self.generate_candidate_definitions_only,
        }
        optional: dict[str, Any] = {
            "ProblemType": self.problem_type,
            "AutoMLJobObjective": self.job_objective,
            "AutoMLJobConfig": config or None,
            "RoleArn": self.role,
            "Tags": self.tags,
        }
        if self.auto_generate_endpoint_name or self.endpoint_name:
            optional["ModelDeployConfig"] = {
                "AutoGenerateEndpointName": bool(self.auto_generate_endpoint_name),
                **({"EndpointName": self.endpoint_name} if self.endpoint_name else {}),
            }
        request.update({k: v for k, v in optional.items() if v is not None})
        return request

    def _job_name(self, job_name: Optional[str]) -> str:
        name = job_name or self.current_job_name
        if not name:
            raise ValueError("No AutoML job yet: call fit() first, or AutoML.attach(auto_ml_job_name)")
        return name

    def describe_auto_ml_job(self, job_name: Optional[str] = None) -> dict[str, Any]:
        """DescribeAutoMLJob's answer for this object's job (or `job_name`)."""
        name = self._job_name(job_name)
        desc: dict[str, Any] = self._session().sagemaker_client.describe_auto_ml_job(AutoMLJobName=name)
        if name == self.current_job_name:
            self._auto_ml_job_desc = desc
        return desc

    def best_candidate(self, job_name: Optional[str] = None) -> dict[str, Any]:
        """The candidate with the best objective so far (SageMaker's BestCandidate)."""
        name = self._job_name(job_name)
        if name == self.current_job_name and self._best_candidate is not None:
            return self._best_candidate
        desc = self.describe_auto_ml_job(name)
        best: Optional[dict[str, Any]] = desc.get("BestCandidate")
        if best is None:
            raise ValueError(
                f"AutoML job {name} has no best candidate ({desc['AutoMLJobStatus']}, "
                f"{desc['AutoMLJobSecondaryStatus']}): no candidate finished with a score"
            )
        if name == self.current_job_name and desc["AutoMLJobStatus"] in ("Completed", "Stopped", "Failed"):
            self._best_candidate = best  # a finished job's best no longer changes
        return best

    def list_candidates(
        self,
        job_name: Optional[str] = None,
        status_equals: Optional[str] = None,
        candidate_name: Optional[str] = None,
        candidate_arn: Optional[str] = None,
        sort_order: Optional[str] = None,
        sort_by: Optional[str] = None,
        max_results: Optional[int] = None,
        *,
        candidate_status: Optional[str] = None,
        objective_status: Optional[str] = None,
    ) -> list[dict[str, Any]]:
        """The job's candidates as SageMaker lists them (best first by default); `candidate_status` is
        `status_equals` by its field's name, `objective_status` keeps those whose ObjectiveStatus it names."""
        client = self._session().sagemaker_client
        args: dict[str, Any] = {"AutoMLJobName": self._job_name(job_name)}
        optional = {
            "StatusEquals": status_equals or candidate_status,
            "CandidateNameEquals": candidate_name or (candidate_arn.rsplit("/", 1)[-1] if candidate_arn else None),
            "SortOrder": sort_order,
            "SortBy": sort_by,
        }
        args.update({k: v for k, v in optional.items() if v is not None})
        found: list[dict[str, Any]] = []
        for answer in client.get_paginator("list_candidates_for_auto_ml_job").paginate(
            PaginationConfig={"PageSize": 100}, **args
        ):
            found += [c for c in answer["Candidates"] if objective_status in (None, c.get("ObjectiveStatus"))]
            if max_results is not None and len(found) >= max_results:
                break
        return found if max_results is None else found[:max_results]

    # -- models -----------------------------------------------------------------------------------------------------
    def create_model(
        self,
        name: Optional[str] = None,
        sagemaker_session: Optional[Session] = None,
        candidate: Optional[dict[str, Any]] = None,
        vpc_config: Optional[dict[str, Any]] = None,
        enable_network_isolation: bool = False,
        model_kms_key: Optional[str] = None,
        predictor_cls: Optional[Callable[..., Predictor]] = None,
        inference_response_keys: Optional[list[str]] = None,
    ) -> PipelineModel:
        """The candidate (the best by default) as an inference pipeline: preprocessing, then prediction, answering
        `inference_response_keys` (predicted_label, probability, probabilities, labels) as CSV or JSON."""
        session = sagemaker_session or self._session()
        chosen = candidate if candidate is not None else self.best_candidate()
        containers = [dict(c, Environment=dict(c.get("Environment") or {})) for c in chosen["InferenceContainers"]]
        if not containers:
            raise ValueError(f"candidate {chosen.get('CandidateName')} has no model ({chosen.get('CandidateStatus')})")
        self.validate_and_update_inference_response(containers, inference_response_keys, self._problem_type())
        models = [
            Model(
                image_uri=c.get("Image"),
                model_data=c.get("ModelDataUrl"),
                role=self.role,
                env=c["Environment"],
                sagemaker_session=session,
            )
            for c in containers
        ]
        return CandidatePipeline(
            models=models, role=self.role, predictor_cls=predictor_cls, name=name, sagemaker_session=session
        )

    def _problem_type(self) -> Optional[str]:
        desc = self._auto_ml_job_desc or (self.describe_auto_ml_job() if self.current_job_name else {})
        resolved: Optional[str] = (desc.get("ResolvedAttributes") or {}).get("ProblemType") or desc.get("ProblemType")
        return resolved or self.problem_type

    @staticmethod
    def validate_and_update_inference_response(
        inference_containers: list[dict[str, Any]],
        inference_response_keys: Optional[list[str]],
        problem_type: Optional[str] = None,
    ) -> None:
        """Refuse keys the model cannot answer (a ValueError, as SageMaker's SDK raises) and set them on the last
        container, which answers them."""
        choose_response_keys(inference_containers, inference_response_keys, problem_type)

    def deploy(
        self,
        initial_instance_count: int,
        instance_type: str,
        serializer: Optional[BaseSerializer] = None,
        deserializer: Optional[BaseDeserializer] = None,
        candidate: Optional[dict[str, Any]] = None,
        sagemaker_session: Optional[Session] = None,
        name: Optional[str] = None,
        endpoint_name: Optional[str] = None,
        tags: Optional[list[dict[str, str]]] = None,
        wait: bool = True,
        vpc_config: Optional[dict[str, Any]] = None,
        enable_network_isolation: bool = False,
        model_kms_key: Optional[str] = None,
        predictor_cls: Optional[Callable[..., Predictor]] = None,
        inference_response_keys: Optional[list[str]] = None,
        **_aws_only: Any,
    ) -> Predictor:
        """The candidate (the best by default) behind a real-time endpoint, and its Predictor."""
        model = self.create_model(
            name=name,
            sagemaker_session=sagemaker_session,
            candidate=candidate,
            predictor_cls=predictor_cls,
            inference_response_keys=inference_response_keys,
        )
        return model.deploy(
            initial_instance_count=initial_instance_count,
            instance_type=instance_type,
            serializer=serializer,
            deserializer=deserializer,
            endpoint_name=endpoint_name,
            tags=tags,
            wait=wait,
        )

    # -- an existing job --------------------------------------------------------------------------------------------
    @classmethod
    def attach(cls, auto_ml_job_name: str, sagemaker_session: Optional[Session] = None) -> AutoML:
        """An AutoML object for an existing job, with the settings it was started with."""
        session = sagemaker_session or Session()
        desc = session.sagemaker_client.describe_auto_ml_job(AutoMLJobName=auto_ml_job_name)
        channel = desc["InputDataConfig"][0]
        config = desc.get("AutoMLJobConfig") or {}
        criteria = config.get("CompletionCriteria") or {}
        deploy = desc.get("ModelDeployConfig") or {}
        automl = cls(
            role=desc.get("RoleArn"),
            target_attribute_name=channel["TargetAttributeName"],
            output_path=desc["OutputDataConfig"]["S3OutputPath"],
            compression_type=channel.get("CompressionType"),
            sagemaker_session=session,
            problem_type=desc.get("ProblemType"),
            max_candidates=criteria.get("MaxCandidates"),
            max_runtime_per_training_job_in_seconds=criteria.get("MaxRuntimePerTrainingJobInSeconds"),
            total_job_runtime_in_seconds=criteria.get("MaxAutoMLJobRuntimeInSeconds"),
            job_objective=desc.get("AutoMLJobObjective"),
            generate_candidate_definitions_only=desc.get("GenerateCandidateDefinitionsOnly", False),
            content_type=channel.get("ContentType"),
            s3_data_type=channel["DataSource"]["S3DataSource"].get("S3DataType"),
            validation_fraction=(config.get("DataSplitConfig") or {}).get("ValidationFraction"),
            mode=config.get("Mode"),
            auto_generate_endpoint_name=deploy.get("AutoGenerateEndpointName"),
            endpoint_name=deploy.get("EndpointName"),
            sample_weight_attribute_name=channel.get("SampleWeightAttributeName"),
        )
        automl.current_job_name = auto_ml_job_name
        automl.latest_auto_ml_job = AutoMLJob(session, auto_ml_job_name, desc["InputDataConfig"])
        automl._auto_ml_job_desc = desc
        return automl


__all__ = ["AutoML", "AutoMLInput", "AutoMLJob", "CandidatePipeline"]
