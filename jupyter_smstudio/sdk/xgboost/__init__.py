from .estimator import XGBoost

__all__ = ["XGBoost"]
