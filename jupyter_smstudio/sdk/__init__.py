"""The SageMaker Python SDK's names, pointed at SmStudio.

Where a user writes `from sagemaker.X import Y`, `from jupyter_smstudio.sdk.X import Y` works
with the same arguments; AWS-only arguments are accepted and ignored. `import jupyter_smstudio.sdk as
sagemaker` gives what `import sagemaker` gives as far as SmStudio has it: the top-level names below, and
the submodules notebooks reach without importing them (`sagemaker.tuner`, `sagemaker.image_uris`, ...).
Not here yet: SageMaker Pipelines (workflows) and the built-in algorithms (later rooms).
"""

from . import (
    analytics,
    automl,
    deserializers,
    estimator,
    image_uris,
    inputs,
    model,
    model_monitor,
    parameter,
    pipeline,
    predictor,
    processing,
    s3,
    serializers,
    session,
    transformer,
    tuner,
    utils,
)
from ._version import SAGEMAKER_SDK_VERSION
from .analytics import ExperimentAnalytics, HyperparameterTuningJobAnalytics, TrainingJobAnalytics
from .automl import AutoML, AutoMLInput
from .estimator import Estimator, EstimatorBase, Framework
from .inputs import BatchDataCaptureConfig, TrainingInput
from .model import Model
from .model_monitor import ModelQualityMonitor
from .pipeline import PipelineModel
from .predictor import Predictor
from .processing import Processor, ScriptProcessor
from .session import Session, get_execution_role, production_variant
from .transformer import Transformer

# the SageMaker SDK release whose API these names follow (notebooks compare it: "needs sagemaker>=2.x")
__version__ = SAGEMAKER_SDK_VERSION

__all__ = [
    "Session",
    "AutoML",
    "AutoMLInput",
    "get_execution_role",
    "production_variant",
    "Estimator",
    "EstimatorBase",
    "Framework",
    "TrainingInput",
    "BatchDataCaptureConfig",
    "Model",
    "ModelQualityMonitor",
    "PipelineModel",
    "Predictor",
    "Transformer",
    "Processor",
    "ScriptProcessor",
    "ExperimentAnalytics",
    "HyperparameterTuningJobAnalytics",
    "TrainingJobAnalytics",
    "analytics",
    "automl",
    "deserializers",
    "estimator",
    "image_uris",
    "inputs",
    "model",
    "model_monitor",
    "parameter",
    "pipeline",
    "predictor",
    "processing",
    "s3",
    "serializers",
    "session",
    "transformer",
    "tuner",
    "utils",
]
