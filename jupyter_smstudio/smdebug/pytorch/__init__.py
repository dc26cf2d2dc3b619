"""smdebug.pytorch: the PyTorch hook and the names a script imports with it."""

from ...debugger.collections import Collection, CollectionKeys, ReductionConfig
from ...debugger.modes import ModeKeys, SaveConfig, SaveConfigMode
from ...debugger.pytorch_hook import Hook
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
