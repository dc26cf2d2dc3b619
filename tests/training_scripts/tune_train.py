# A script to tune: scikit-learn's breast-cancer data (bundled), a gradient-boosted model whose
# validation accuracy depends on the tuned hyperparameters; one line per epoch for the metric regex.
import argparse
import os
import time

import joblib
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning_rate", type=float, default=0.1)
    parser.add_argument("--max_depth", type=int, default=3)
    parser.add_argument("--quality", type=float, default=None, help="a fixed score per epoch (early-stop tests)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--epoch_seconds", type=float, default=0.0)
    args = parser.parse_args()

    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.3, random_state=0)
    model = None
    for epoch in range(args.epochs):
        if args.quality is None:
            model = HistGradientBoostingClassifier(
                learning_rate=args.learning_rate, max_depth=args.max_depth, max_iter=10 * (epoch + 1), random_state=0
            ).fit(X_train, y_train)
            acc = model.score(X_val, y_val)
        else:
            acc = args.quality
        print(f"epoch={epoch} validation:accuracy={acc:.4f}", flush=True)
        time.sleep(args.epoch_seconds)
    if model is not None:
        joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
