"""`sagemaker_containers.beta.framework`: `training_env()` as older training scripts call it."""

from sagemaker_containers import TrainingEnv, training_env  # noqa: F401 - the module's public names
