from ...debugger.collections import ReductionConfig

__all__ = ["ReductionConfig"]
