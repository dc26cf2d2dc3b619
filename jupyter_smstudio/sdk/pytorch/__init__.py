from .estimator import PyTorch
from .model import PyTorchModel, PyTorchPredictor

__all__ = ["PyTorch", "PyTorchModel", "PyTorchPredictor"]
