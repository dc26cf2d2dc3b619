from ..debugger.exceptions import (
    NoMoreData,
    StepNotYetAvailable,
    StepUnavailable,
    TensorUnavailable,
    TensorUnavailableForStep,
)

__all__ = ["NoMoreData", "StepNotYetAvailable", "StepUnavailable", "TensorUnavailable", "TensorUnavailableForStep"]
