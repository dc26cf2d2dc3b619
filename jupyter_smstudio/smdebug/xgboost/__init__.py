"""smdebug.xgboost: the XGBoost hook (a training callback) and the names a script imports with it."""

from ...debugger.collections import Collection, CollectionKeys, ReductionConfig
from ...debugger.modes import ModeKeys, SaveConfig, SaveConfigMode
from ...debugger.xgboost_hook import Hook
from ..core import modes

__all__ = [
    "Collection",
    "CollectionKeys",
    "Hook",
    "ModeKeys",
    "ReductionConfig",
    "SaveConfig",
    "SaveConfigMode",
    "modes",
]
