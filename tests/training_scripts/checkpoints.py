# Resumes from /opt/ml/checkpoints when a previous run left a checkpoint there.
import os

path = "/opt/ml/checkpoints/step.txt"
step = int(open(path).read()) if os.path.exists(path) else 0
print("resuming from step", step, flush=True)
with open(path, "w") as fh:
    fh.write(str(step + 10))
open(os.path.join(os.environ["SM_MODEL_DIR"], "done.txt"), "w").write(str(step + 10))
