"""`PyTorch`, as `sagemaker.pytorch.estimator.PyTorch`: the script runs with this server's Python and packages."""

from __future__ import annotations

from ..estimator import Framework


class PyTorch(Framework):
    _framework = "pytorch"
