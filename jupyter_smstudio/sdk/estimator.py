"""`Estimator`, `Framework` and the training-job handle, as in `sagemaker.estimator`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Optional, Union

from ..core.names import name_from_base
from . import image_uris
from ._jobs import wait_for
from ._times import with_datetimes
from .debugger._estimator import artifacts_path, debugger_request
from .inputs import TrainingInput, as_url
from .session import Session
from .utils import base_name_from_image

# a framework's image repository: its jobs' default base name, as SageMaker names them
FRAMEWORK_REPOSITORIES = {
    "sklearn": "sagemaker-scikit-learn",
    "pytorch": "pytorch-training",
    "xgboost": "sagemaker-xgboost",
}

if TYPE_CHECKING:
    from .analytics import ExperimentAnalytics


class _TrainingJob:
    """`estimator.latest_training_job`: `describe()`, `wait()`, `stop()`."""

    def __init__(self, session: Session, job_name: str):
        self.sagemaker_session = session
        self.job_name = self.name = job_name

    def describe(self) -> dict[str, Any]:
        """DescribeTrainingJob's answer, times as datetimes (as boto3 gives them)."""
        job: dict[str, Any] = with_datetimes(self.sagemaker_session.backend.describe_training_job(self.job_name))
        return job

    def wait(self, logs: Any = True) -> dict[str, Any]:
        wait_for(self.sagemaker_session, self.job_name, logs=logs)
        return self.describe()

    def stop(self) -> None:
        self.sagemaker_session.stop_job(self.job_name)

    def rule_job_summary(self) -> list[dict[str, Any]]:
        """The job's rules and their statuses (DebugRuleEvaluationStatuses), as SageMaker's SDK answers it."""
        return list(self.describe().get("DebugRuleEvaluationStatuses") or [])


class EstimatorBase:
    """What every estimator shares; AWS-only arguments (role, subnets, volume_size, ...) are ignored."""

    _framework: Optional[str] = None
    framework_version: Optional[str] = None  # a Framework's; attach() takes it from the job

    def __init__(
        self,
        role: Optional[str] = None,
        instance_count: Optional[int] = 1,
        instance_type: Optional[str] = "local",
        max_run: int = 24 * 60 * 60,
        input_mode: str = "File",
        output_path: Optional[str] = None,
        base_job_name: Optional[str] = None,
        sagemaker_session: Optional[Session] = None,
        tags: Optional[Any] = None,
        metric_definitions: Optional[list[dict[str, str]]] = None,
        checkpoint_s3_uri: Optional[str] = None,
        checkpoint_local_path: Optional[str] = None,
        environment: Optional[dict[str, str]] = None,
        hyperparameters: Optional[dict[str, Any]] = None,
        entry_point: Optional[str] = None,
        source_dir: Optional[str] = None,
        dependencies: Optional[list[str]] = None,
        code_location: Optional[str] = None,
        image_uri: Optional[str] = None,
        debugger_hook_config: Any = None,
        rules: Optional[list[Any]] = None,
        tensorboard_output_config: Any = None,
        **_aws_only: Any,
    ):
        self.role = role
        self.instance_count = instance_count or 1
        self.instance_type = instance_type or "local"
        self.max_run = max_run
        self.input_mode = input_mode
        self.output_path = output_path
        self.base_job_name = base_job_name
        self.sagemaker_session = sagemaker_session
        self.tags = _tags(tags)
        self.metric_definitions = metric_definitions or []
        self.checkpoint_s3_uri = checkpoint_s3_uri
        self.checkpoint_local_path = checkpoint_local_path
        self.environment = environment or {}
        self._hyperparameters = dict(hyperparameters or {})
        self.entry_point = entry_point
        self.source_dir = source_dir
        self.dependencies = dependencies or []
        self.code_location = code_location
        self.image_uri = image_uri
        self.debugger_hook_config = debugger_hook_config  # a DebuggerHookConfig, False (off) or None
        self.rules = rules
        self.tensorboard_output_config = tensorboard_output_config
        self.latest_training_job: Optional[_TrainingJob] = None
        self.jobs: list[_TrainingJob] = []  # every job fit() started, as SageMaker's estimators keep them
        self._current_job_name: Optional[str] = None

    # -- SageMaker's API ----------------------------------------------------------------------------
    def hyperparameters(self) -> dict[str, Any]:
        return dict(self._hyperparameters)

    def set_hyperparameters(self, **kwargs: Any) -> None:
        self._hyperparameters.update(kwargs)

    def fit(
        self,
        inputs: Union[None, str, dict[str, Any], TrainingInput] = None,
        wait: bool = True,
        logs: Any = "All",
        job_name: Optional[str] = None,
        experiment_config: Optional[dict[str, str]] = None,
    ) -> None:
        session = self.sagemaker_session = self.sagemaker_session or Session()
        name = job_name or name_from_base(self._base_job_name())
        if self.output_path is None:  # SageMaker's default: the default bucket, with its "/"
            self.output_path = session._root(None).rstrip("/") + "/"
        session.backend.create_training_job(self._training_request(inputs, name, experiment_config))
        self._current_job_name = name
        self.latest_training_job = _TrainingJob(session, name)
        self.jobs.append(self.latest_training_job)
        if wait:
            self.latest_training_job.wait(logs=logs)

    def _training_request(
        self,
        inputs: Union[None, str, dict[str, Any], TrainingInput],
        name: Optional[str],
        experiment_config: Optional[dict[str, str]] = None,
    ) -> dict[str, Any]:
        """The CreateTrainingJob body of this estimator (the tuner sends it as its training job definition)."""
        experiment_config = experiment_config or _run_context_config()
        body: dict[str, Any] = {
            "job_name": name,
            "hyperparameters": self.hyperparameters(),
            "instance_type": self.instance_type,
            "instance_count": self.instance_count,
            "max_run": self.max_run,
            "input_mode": self.input_mode,
            "metric_definitions": self.metric_definitions,
            "environment": self.environment,
            "inputs": _channels(inputs),
            "tags": self.tags,
            "dependencies": [os.path.abspath(d) for d in self.dependencies],
        }
        optional = {
            "entry_point": self._entry_point(),
            "source_dir": os.path.abspath(self.source_dir) if self.source_dir else None,
            "output_path": _output_url(self.output_path) if self.output_path else None,
            "code_location": as_url(self.code_location) if self.code_location else None,
            "checkpoint_s3_uri": as_url(self.checkpoint_s3_uri) if self.checkpoint_s3_uri else None,
            "checkpoint_local_path": self.checkpoint_local_path,
            "image_uri": self.image_uri,
            "framework": self._framework,
            "experiment_config": experiment_config,
            "framework_version": self.framework_version,
        }
        body.update({k: v for k, v in optional.items() if v is not None})
        body.update(
            debugger_request(
                self.debugger_hook_config,
                self.rules,
                self.tensorboard_output_config,
                _output_url(self.output_path) if self.output_path else None,
                name or "",
            )
        )
        if name is None:
            body.pop("job_name")
        return body

    # -- Debugger ----------------------------------------------------------------------------------
    def latest_job_debugger_artifacts_path(self) -> Optional[str]:
        """Where the latest job's hook wrote its tensors: `smdebug.trials.create_trial(path)` reads them."""
        if self.latest_training_job is None:
            return None
        return artifacts_path(self.latest_training_job.describe(), "DebugHookConfig", "debug-output")

    def latest_job_tensorboard_artifacts_path(self) -> Optional[str]:
        if self.latest_training_job is None:
            return None
        return artifacts_path(self.latest_training_job.describe(), "TensorBoardOutputConfig", "tensorboard-output")

    def _base_job_name(self) -> str:
        """SageMaker's default: the image's repository name (`sagemaker-scikit-learn`, `pytorch-training`)."""
        if self.base_job_name:
            return self.base_job_name
        if self.image_uri:
            return base_name_from_image(self.image_uri)
        return FRAMEWORK_REPOSITORIES.get(self._framework or "", "training")

    def training_image_uri(self) -> str:
        """The image SageMaker would run: `image_uri`, or the framework's image for `framework_version`."""
        if self.image_uri:
            return self.image_uri
        if not self._framework:
            raise ValueError("this estimator has neither image_uri nor a framework")
        session = self.sagemaker_session
        return image_uris.retrieve(
            self._framework,
            session.boto_region_name if session else None,
            self.framework_version,
            getattr(self, "py_version", None),
            self.instance_type,
            image_scope="training",
        )

    def _entry_point(self) -> Optional[str]:
        if not self.entry_point:
            return None  # the server answers why (an image alone cannot run here)
        if self.source_dir:
            return self.entry_point
        return os.path.abspath(self.entry_point)

    def create_model(self, **kwargs: Any) -> Any:
        """The trained model with this estimator's code as its inference code (SKLearnModel for SKLearn)."""
        from .model import Model

        if self.model_data is None:
            raise RuntimeError("this estimator has no trained model yet: call fit() (or attach() to a job) first")
        cls: Any = Model
        if self._framework == "sklearn":
            from .sklearn.model import SKLearnModel

            cls = SKLearnModel
        kwargs.setdefault("entry_point", self.entry_point)
        kwargs.setdefault("source_dir", self.source_dir)
        session = self.sagemaker_session = self.sagemaker_session or Session()
        return cls(model_data=self.model_data, role=self.role, sagemaker_session=session, **kwargs)

    def deploy(
        self,
        initial_instance_count: Optional[int] = 1,
        instance_type: Optional[str] = "local",
        serializer: Any = None,
        deserializer: Any = None,
        endpoint_name: Optional[str] = None,
        wait: bool = True,
        model_name: Optional[str] = None,
        data_capture_config: Any = None,
        **_aws_only: Any,
    ) -> Any:
        """A real-time endpoint serving the trained model (sdk/model.py), and its Predictor."""
        model = self.create_model(name=model_name)
        return model.deploy(
            initial_instance_count=initial_instance_count,
            instance_type=instance_type,
            serializer=serializer,
            deserializer=deserializer,
            endpoint_name=endpoint_name,
            wait=wait,
            data_capture_config=data_capture_config,
        )

    def transformer(
        self,
        instance_count: int,
        instance_type: str,
        entry_point: Optional[str] = None,
        model_name: Optional[str] = None,
        role: Optional[str] = None,
        **kwargs: Any,
    ) -> Any:
        """A Transformer (sdk/transformer.py) over the trained model, created as deploy() creates it: from
        model_data and this estimator's entry point (or `entry_point`), named after the training job. The other
        arguments (strategy, assemble_with, output_path, accept, env, max_payload, ...) are Model.transformer's."""
        from ._boto import ResourceInUse

        extra = {"entry_point": entry_point} if entry_point else {}
        model = self.create_model(name=model_name or self._current_job_name, **extra)
        try:
            model.create(instance_type)
        except ResourceInUse:  # this job's model exists (an earlier transformer()): used as it is, as SageMaker does
            pass
        return model.transformer(instance_count, instance_type, **kwargs)

    @property
    def model_data(self) -> Optional[str]:
        if self.latest_training_job is None:
            return None
        url: Optional[str] = self.latest_training_job.describe().get("ModelArtifacts", {}).get("S3ModelArtifacts")
        return url

    @property
    def _job_name(self) -> Optional[str]:
        return self._current_job_name

    def logs(self) -> None:
        if self.latest_training_job is None:
            raise ValueError("Estimator is not associated with a training job")
        job = self.latest_training_job
        job.sagemaker_session.logs_for_job(job.name, wait=True)  # the session that started it

    def training_job_analytics(self) -> ExperimentAnalytics:
        from .analytics import ExperimentAnalytics

        if self.latest_training_job is None:  # not fitted: the error logs() gives
            raise ValueError("Estimator is not associated with a training job")
        return ExperimentAnalytics(
            search_expression={
                "Filters": [{"Name": "Source.SourceArn", "Operator": "Equals", "Value": self.latest_training_job.name}]
            },
            sagemaker_session=self.sagemaker_session,
        )

    @classmethod
    def attach(
        cls, training_job_name: str, sagemaker_session: Optional[Session] = None, model_channel_name: str = "model"
    ) -> "EstimatorBase":
        """An estimator for an existing training job (its hyperparameters and configuration)."""
        session = sagemaker_session or Session()
        desc = session.backend.describe_training_job(training_job_name)
        job = session.describe_job(training_job_name)
        config = job.get("config") or {}
        est = cls.__new__(cls)
        EstimatorBase.__init__(
            est,
            instance_count=config.get("instance_count", 1),
            instance_type=config.get("instance_type", "local"),
            max_run=config.get("max_run", 86400),
            input_mode=config.get("input_mode", "File"),
            output_path=config.get("output_path"),
            sagemaker_session=session,
            metric_definitions=config.get("metric_definitions"),
            environment=config.get("environment"),
            hyperparameters=config.get("hyperparameters"),
            entry_point=config.get("entry_point"),
            source_dir=config.get("source_dir"),
            checkpoint_s3_uri=config.get("checkpoint_s3_uri"),
        )
        est.framework_version = config.get("framework_version")
        est._current_job_name = training_job_name
        est.latest_training_job = _TrainingJob(session, training_job_name)
        if desc["TrainingJobStatus"] not in ("Completed", "Failed", "Stopped"):
            est.latest_training_job.wait(logs=False)
        return est


class Estimator(EstimatorBase):
    """`sagemaker.estimator.Estimator`. SageMaker runs `image_uri`; this server runs scripts: a framework
    image (scikit-learn, PyTorch, XGBoost, as image_uris.retrieve gives them) runs `entry_point` in that
    framework's script mode; any other image is refused with a clear error (no container engine here)."""

    def __init__(
        self,
        image_uri: Optional[str] = None,
        role: Optional[str] = None,
        instance_count: Optional[int] = 1,
        instance_type: Optional[str] = "local",
        **kwargs: Any,
    ):
        super().__init__(
            role=role, instance_count=instance_count, instance_type=instance_type, image_uri=image_uri, **kwargs
        )


class Framework(EstimatorBase):
    """`sagemaker.estimator.Framework`: a script (`entry_point`) in a framework's container."""

    def __init__(
        self,
        entry_point: str,
        source_dir: Optional[str] = None,
        hyperparameters: Optional[dict[str, Any]] = None,
        framework_version: Optional[str] = None,
        py_version: Optional[str] = None,
        image_uri: Optional[str] = None,
        dependencies: Optional[list[str]] = None,
        **kwargs: Any,
    ):
        self.framework_version = framework_version
        self.py_version = py_version
        super().__init__(
            entry_point=entry_point,
            source_dir=source_dir,
            hyperparameters=hyperparameters,
            image_uri=image_uri,
            dependencies=dependencies,
            **kwargs,
        )


def _output_url(path: str) -> str:
    """as_url, keeping a trailing "/" (SageMaker records S3OutputPath as given)."""
    url = as_url(path)
    return url + "/" if path.endswith("/") and not url.endswith("/") else url


def _channels(inputs: Union[None, str, dict[str, Any], TrainingInput]) -> dict[str, dict[str, Any]]:
    if inputs is None:
        return {}
    if isinstance(inputs, (str, TrainingInput)):
        inputs = {"training": inputs}
    out: dict[str, dict[str, Any]] = {}
    for name, value in inputs.items():
        channel = value if isinstance(value, TrainingInput) else TrainingInput(str(value))
        out[name] = channel.to_channel()
    return out


def _tags(tags: Any) -> dict[str, str]:
    if not tags:
        return {}
    if isinstance(tags, dict):
        return {str(k): str(v) for k, v in tags.items()}
    return {str(t["Key"]): str(t["Value"]) for t in tags}


def _run_context_config() -> Optional[dict[str, str]]:
    """Inside `with Run(...)`, jobs join that run (SageMaker passes run.experiment_config)."""
    from .experiments._support import _RunContext

    run = _RunContext.get_current_run()
    return getattr(run, "experiment_config", None) if run is not None else None
