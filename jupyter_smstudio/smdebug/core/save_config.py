from ...debugger.modes import SaveConfig, SaveConfigMode

__all__ = ["SaveConfig", "SaveConfigMode"]
