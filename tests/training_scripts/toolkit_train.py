# A training script written for SageMaker's framework containers: it reads its job through the training
# toolkit (`sagemaker_training`, and the older `sagemaker_containers`) instead of SM_* variables.
import json
import os

import sagemaker_containers
from sagemaker_training import environment

if __name__ == "__main__":
    env = environment.Environment()
    old = sagemaker_containers.training_env()
    seen = {
        "hyperparameters": env.hyperparameters,
        "channels": sorted(env.channel_input_dirs),
        "channel_has_data": all(os.listdir(d) for d in env.channel_input_dirs.values()),
        "model_dir_is_sm": env.model_dir == os.environ["SM_MODEL_DIR"],
        "output_data_dir": env["output_data_dir"] == os.environ["SM_OUTPUT_DATA_DIR"],
        "num_gpus": env.num_gpus,
        "hosts": env.hosts,
        "current_host": env.current_host,
        "is_master": env.is_master,
        "module_name": env.module_name,
        "job_name": env.job_name,
        "user_args": env.to_cmd_args(),
        "old_hyperparameters": old.hyperparameters,
        "old_model_dir": old["model_dir"] == env.model_dir,
    }
    print("toolkit-env " + json.dumps(seen, sort_keys=True), flush=True)
    with open(os.path.join(env.model_dir, "seen.json"), "w") as fh:
        json.dump(seen, fh)
    print(f"train:loss={0.25 * env.hyperparameters.get('scale', 1):.4f}", flush=True)
