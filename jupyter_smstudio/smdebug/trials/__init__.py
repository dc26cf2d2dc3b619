"""smdebug.trials: the analysis API."""

from ...debugger.trial import Tensor, Trial, create_trial

__all__ = ["Tensor", "Trial", "create_trial"]
