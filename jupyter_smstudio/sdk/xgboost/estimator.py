"""`XGBoost`, as `sagemaker.xgboost.estimator.XGBoost`: the script runs with this server's Python and packages."""

from __future__ import annotations

from ..estimator import Framework


class XGBoost(Framework):
    _framework = "xgboost"
