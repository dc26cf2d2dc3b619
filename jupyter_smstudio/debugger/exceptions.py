"""smdebug's analysis errors, with its names (rules and notebooks catch them by name)."""

from __future__ import annotations

from .modes import ModeKeys


class StepNotYetAvailable(Exception):
    """The job has not reached this step yet (it may still save it)."""

    def __init__(self, step: int, mode: ModeKeys = ModeKeys.GLOBAL):
        super().__init__(f"step {step} of mode {mode.name} is not yet available")
        self.step, self.mode = step, mode


class StepUnavailable(Exception):
    """The job went past this step (or ended) without saving it."""

    def __init__(self, step: int, mode: ModeKeys = ModeKeys.GLOBAL):
        super().__init__(f"step {step} of mode {mode.name} was not saved")
        self.step, self.mode = step, mode


class TensorUnavailable(Exception):
    def __init__(self, name: str):
        super().__init__(f"no tensor named {name!r} was saved")
        self.tensor = name


class TensorUnavailableForStep(Exception):
    def __init__(self, name: str, step: int, mode: ModeKeys = ModeKeys.GLOBAL, has_reductions: bool = False):
        what = "only its reductions were saved" if has_reductions else "it was not saved at that step"
        super().__init__(f"tensor {name!r} is not available at step {step} of mode {mode.name}: {what}")
        self.tensor, self.step, self.mode, self.has_reductions = name, step, mode, has_reductions


class NoMoreData(Exception):
    """The job ended: what was asked for will never come."""
