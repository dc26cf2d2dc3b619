"""A demo training script: start it from the Jobs room (Studio sidebar -> Jobs -> New script job).

Arguments: --epochs N --learning-rate LR. Prints a falling loss so the log has something to show,
and writes a small "model" to $SM_OUTPUT_DIR (kept with the job's outputs).
"""
import argparse
import json
import math
import os
import time

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--learning-rate", type=float, default=0.1)
args = parser.parse_args()

loss = 1.0
for epoch in range(1, args.epochs + 1):
    loss *= math.exp(-args.learning_rate)
    print(f"epoch {epoch}/{args.epochs} loss={loss:.4f}", flush=True)
    time.sleep(0.5)

out = os.environ.get("SM_OUTPUT_DIR", ".")
with open(os.path.join(out, "model.json"), "w") as fh:
    json.dump({"final_loss": loss, "epochs": args.epochs}, fh)
print("saved model.json to", out)
