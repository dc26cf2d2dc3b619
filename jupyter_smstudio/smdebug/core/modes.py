from ...debugger.modes import ModeKeys

# smdebug's module-level names (`smdebug.modes.TRAIN`)
TRAIN = ModeKeys.TRAIN
EVAL = ModeKeys.EVAL
PREDICT = ModeKeys.PREDICT
GLOBAL = ModeKeys.GLOBAL

__all__ = ["EVAL", "GLOBAL", "PREDICT", "TRAIN", "ModeKeys"]
