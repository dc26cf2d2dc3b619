# A processing script in the style of SageMaker's examples that also asks the older toolkit
# (`sagemaker_containers`) where it runs; its input and output are container paths.
import os
import sys

import sagemaker_containers

if __name__ == "__main__":
    env = sagemaker_containers.training_env()
    rows = open("/opt/ml/processing/input/raw.csv").read().splitlines()
    os.makedirs("/opt/ml/processing/output", exist_ok=True)
    with open("/opt/ml/processing/output/copy.csv", "w") as fh:
        fh.write("\n".join(rows) + "\n")
    print("processed", len(rows) - 1, "rows on", env.current_host, "of", env.hosts, "args", sys.argv[1:], flush=True)
