# A training script as the SageMaker scikit-learn examples write it.
import argparse
import json
import os

import joblib
import pandas as pd
from sklearn.linear_model import LogisticRegression

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--model-dir", type=str, default=os.environ.get("SM_MODEL_DIR"))
    parser.add_argument("--train", type=str, default=os.environ.get("SM_CHANNEL_TRAIN"))
    args = parser.parse_args()

    df = pd.read_csv(os.path.join(args.train, "train.csv"))
    model = LogisticRegression(C=args.C, max_iter=500).fit(df.drop(columns="y"), df["y"])
    for epoch in range(args.epochs):
        print(f"epoch={epoch} train:accuracy={model.score(df.drop(columns='y'), df['y']):.4f}", flush=True)
    # container paths, as SageMaker scripts write them
    joblib.dump(model, "/opt/ml/model/model.joblib")
    with open("/opt/ml/input/config/hyperparameters.json") as fh:
        hyperparameters = json.load(fh)
    seen = {
        "rows": len(df),
        "hyperparameters": hyperparameters,
        "hosts": json.loads(os.environ["SM_HOSTS"]),
        "current_host": os.environ["SM_CURRENT_HOST"],
        "channels": json.loads(os.environ["SM_CHANNELS"]),
    }
    with open("/opt/ml/output/data/report.json", "w") as fh:
        json.dump(seen, fh)
    print("hyperparameters.json", hyperparameters)
