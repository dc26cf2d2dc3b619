"""`SKLearn`, as `sagemaker.sklearn.estimator.SKLearn`: the script runs with this server's Python and packages."""

from __future__ import annotations

from ..estimator import Framework


class SKLearn(Framework):
    _framework = "sklearn"
