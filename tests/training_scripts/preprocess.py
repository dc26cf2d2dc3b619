# A processing script as the SageMaker examples write it: container paths for inputs and outputs.
import argparse
import os

import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("--threshold", type=float, default=0.5)
args = parser.parse_args()
df = pd.read_csv("/opt/ml/processing/input/raw.csv")
df["y"] = (df["x"] > args.threshold).astype(int)
os.makedirs("/opt/ml/processing/train", exist_ok=True)
df.to_csv("/opt/ml/processing/train/train.csv", index=False)
print("processed", len(df), "rows")
