"""The MLflow side of bench/serving.py; run with the peers' interpreter (bench/.venv-peers).

    bench/.venv-peers/bin/python bench/peers/mlflow_serving.py DIR

Trains the benchmark's model (bench/serving.py `train`: the same data, estimator and seed, so both sides serve
the same function; a pickle cannot cross the two environments' scikit-learn versions) and saves it as an MLflow
model in DIR for `mlflow models serve`.
"""

from __future__ import annotations

import sys

import mlflow.sklearn
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def main() -> None:
    X, y = load_breast_cancer(return_X_y=True)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(X, y)
    mlflow.sklearn.save_model(model, sys.argv[1])


if __name__ == "__main__":
    main()
