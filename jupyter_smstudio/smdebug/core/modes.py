from ...debugger.modes import ModeKeys

__all__ = ["ModeKeys"]
