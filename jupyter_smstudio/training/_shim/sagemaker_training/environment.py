"""`sagemaker_training.environment`: the job's environment, its folders and its hardware."""

import os

from _sm_environment import (  # noqa: F401 - the module's public names
    Environment,
    num_cpus,
    num_gpus,
    read_hyperparameters,
    read_input_data_config,
    read_resource_config,
)

base_dir = os.path.dirname(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
model_dir = os.environ.get("SM_MODEL_DIR", "/opt/ml/model")
input_dir = os.environ.get("SM_INPUT_DIR", "/opt/ml/input")
input_config_dir = os.environ.get("SM_INPUT_CONFIG_DIR", "/opt/ml/input/config")
output_dir = os.environ.get("SM_OUTPUT_DIR", "/opt/ml/output")
output_data_dir = os.environ.get("SM_OUTPUT_DATA_DIR", "/opt/ml/output/data")
output_intermediate_dir = os.environ.get("SM_OUTPUT_INTERMEDIATE_DIR", "/opt/ml/output/intermediate")
code_dir = os.environ.get("SM_MODULE_DIR", "/opt/ml/code")
data_dir = os.path.join(input_dir, "data")
