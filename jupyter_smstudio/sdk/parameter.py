"""Hyperparameter ranges, as in `sagemaker.parameter`."""

from __future__ import annotations

from typing import Any, Union


class ParameterRange:
    """A range of values a tuning job searches; `scaling_type` is Auto, Linear, Logarithmic or ReverseLogarithmic."""

    __all_types__ = ("Continuous", "Categorical", "Integer")
    kind = ""

    def __init__(self, min_value: Union[int, float], max_value: Union[int, float], scaling_type: str = "Auto"):
        self.min_value, self.max_value, self.scaling_type = min_value, max_value, scaling_type

    def as_tuning_range(self, name: str) -> dict[str, Any]:
        """The range in the request's shape (snake_case of SageMaker's ParameterRanges)."""
        return {
            "name": name,
            "min_value": self.min_value,
            "max_value": self.max_value,
            "scaling_type": self.scaling_type,
        }


class ContinuousParameter(ParameterRange):
    kind = "continuous_parameter_ranges"


class IntegerParameter(ParameterRange):
    kind = "integer_parameter_ranges"


class CategoricalParameter(ParameterRange):
    """A list of values; numbers are sent as strings (as SageMaker does) and reach the script as such."""

    kind = "categorical_parameter_ranges"

    def __init__(self, values: Union[list[Any], tuple[Any, ...], Any]):
        self.values = [str(v) for v in values] if isinstance(values, (list, tuple)) else [str(values)]

    def as_tuning_range(self, name: str) -> dict[str, Any]:
        return {"name": name, "values": self.values}
