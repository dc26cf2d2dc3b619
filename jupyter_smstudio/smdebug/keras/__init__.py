"""smdebug.keras: the Keras 3 hook (a callback) and the names a script imports with it."""

from ...debugger.collections import Collection, CollectionKeys, ReductionConfig
from ...debugger.keras_hook import KerasHook
from ...debugger.modes import ModeKeys, SaveConfig, SaveConfigMode
from ..core import modes

__all__ = [
    "Collection",
    "CollectionKeys",
    "KerasHook",
    "ModeKeys",
    "ReductionConfig",
    "SaveConfig",
    "SaveConfigMode",
    "modes",
]
