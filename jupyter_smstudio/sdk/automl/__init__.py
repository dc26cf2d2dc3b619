"""`sagemaker.automl`: AutoML jobs of the Autopilot room (`from jupyter_smstudio.sdk.automl.automl import AutoML`)."""

from .automl import AutoML, AutoMLInput, AutoMLJob, CandidatePipeline

__all__ = ["AutoML", "AutoMLInput", "AutoMLJob", "CandidatePipeline"]
