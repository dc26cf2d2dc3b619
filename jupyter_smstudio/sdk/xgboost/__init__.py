from .estimator import XGBoost
from .model import XGBoostModel, XGBoostPredictor

__all__ = ["XGBoost", "XGBoostModel", "XGBoostPredictor"]
