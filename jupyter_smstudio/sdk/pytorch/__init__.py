from .estimator import PyTorch

__all__ = ["PyTorch"]
