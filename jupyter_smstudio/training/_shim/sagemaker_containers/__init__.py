"""`sagemaker_containers`, the older toolkit of SageMaker's framework containers, as far as training scripts
use it: `sagemaker_containers.training_env()` (also under `sagemaker_containers.beta.framework`)."""

from _sm_environment import Environment

TrainingEnv = Environment


def training_env():
    """The job's environment: hyperparameters, channel_input_dirs, model_dir, hosts, current_host, ..."""
    return Environment()
