from .estimator import SKLearn
from .model import SKLearnModel, SKLearnPredictor
from .processing import SKLearnProcessor

__all__ = ["SKLearn", "SKLearnModel", "SKLearnPredictor", "SKLearnProcessor"]
