# An XGBoost script in SageMaker's script mode.
import argparse
import os

import pandas as pd
import xgboost as xgb

parser = argparse.ArgumentParser()
parser.add_argument("--max_depth", type=int, default=3)
parser.add_argument("--num_round", type=int, default=10)
args = parser.parse_args()
df = pd.read_csv(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "train.csv"))
dtrain = xgb.DMatrix(df.drop(columns="y"), label=df["y"])
booster = xgb.train(
    {"max_depth": args.max_depth, "objective": "binary:logistic", "eval_metric": "logloss"},
    dtrain,
    num_boost_round=args.num_round,
    evals=[(dtrain, "train")],
)
booster.save_model(os.path.join(os.environ["SM_MODEL_DIR"], "xgboost-model.json"))
