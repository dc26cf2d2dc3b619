"""The rules on a model's inputs: CheckInputImages and NLPSequenceRatio (deep learning applications)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import BuiltinRule
from .params import Param, refuse


class CheckInputImages(BuiltinRule):
    """Once `threshold_samples` images are seen, the mean of a color channel is further than
    `threshold_mean` from 0: the images are not normalized."""

    PARAMETERS = (
        Param("threshold_mean", "float", 0.2, low=0),
        Param("threshold_samples", "int", 500, low=1),
        Param("regex", "regex", ".*hybridsequential0_input_0"),
        Param("channel", "int", 1, low=0),
    )
    threshold_mean: float
    threshold_samples: int
    regex: str
    channel: int

    def prepare(self) -> None:
        self._sums: dict[str, np.ndarray] = {}
        self._counts: dict[str, int] = {}
        self._images: dict[str, int] = {}

    def invoke_at_step(self, step: int) -> bool:
        for name in self.require(self.names_at(step, regexes=[self.regex], all_if_none=False), step, "images"):
            images = self.value(name, step).astype(np.float64)
            if images.ndim <= self.channel:
                raise ValueError(f"channel {self.channel} is not an axis of {name!r}, of shape {images.shape}")
            by_channel = np.moveaxis(images, self.channel, 0).reshape(images.shape[self.channel], -1)
            if name in self._sums and self._sums[name].shape[0] != by_channel.shape[0]:
                continue  # another shape (a last, partial batch reshaped): not the same channels
            self._sums[name] = self._sums.get(name, np.zeros(by_channel.shape[0])) + by_channel.sum(axis=1)
            self._counts[name] = self._counts.get(name, 0) + by_channel.shape[1]
            self._images[name] = self._images.get(name, 0) + (images.shape[0] if self.channel != 0 else 1)
            if self._images[name] < self.threshold_samples:
                continue
            means = self._sums[name] / self._counts[name]
            worst = int(np.argmax(np.abs(means)))
            if abs(means[worst]) > self.threshold_mean:
                return self.fire(
                    f"input {name!r} has mean {means[worst]:.3g} in channel {worst} over {self._images[name]}"
                    f" images, further than threshold_mean {self.threshold_mean:g} from 0"
                )
        return False


class NLPSequenceRatio(BuiltinRule):
    """The share of a token (padding, unknown words) in the input sequences is above its threshold."""

    PARAMETERS = (
        Param("tensor_regex", "regexes", (".*embedding0_input_0",)),
        Param("token_values", "floats", (0.0,)),
        Param("token_thresholds_percent", "floats", (50.0,), low=0, high=100),
    )
    tensor_regex: tuple[str, ...]
    token_values: tuple[float, ...]
    token_thresholds_percent: tuple[float, ...]

    @classmethod
    def check_together(cls, values: dict[str, Any]) -> None:
        if len(values["token_values"]) != len(values["token_thresholds_percent"]):
            raise refuse(
                "token_thresholds_percent",
                f"one threshold per token value: {len(values['token_values'])} token values,"
                f" {len(values['token_thresholds_percent'])} thresholds",
            )

    def invoke_at_step(self, step: int) -> bool:
        names = self.require(self.names_at(step, regexes=self.tensor_regex, all_if_none=False), step, "sequences")
        for name in names:
            tokens = self.value(name, step)
            if tokens.size == 0:
                continue
            for token, threshold in zip(self.token_values, self.token_thresholds_percent, strict=True):
                share = float(np.mean(tokens == token) * 100)
                if share > threshold:
                    return self.fire(f"{share:.0f}% of the tokens of {name!r} are {token:g} > {threshold:g}%")
        return False
