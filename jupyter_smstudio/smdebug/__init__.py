"""smdebug's names over the Debugger room's library, so a smdebug script runs with only its import
changed (`from jupyter_smstudio.smdebug.pytorch import Hook`). The code is in jupyter_smstudio.debugger."""

from ..debugger.collections import ReductionConfig
from ..debugger.modes import SaveConfig, SaveConfigMode
from .core import modes

__all__ = ["ReductionConfig", "SaveConfig", "SaveConfigMode", "modes"]
