from .estimator import SKLearn
from .processing import SKLearnProcessor

__all__ = ["SKLearn", "SKLearnProcessor"]
