"""The rules on labels and predictions: ClassImbalance and Confusion (deep learning frameworks and XGBoost).
Predictions are class numbers, or probabilities: rounded (binary), or their argmax (one column per class)."""

from __future__ import annotations

from typing import Optional

import numpy as np

from .base import BuiltinRule
from .params import Param


def classes(values: np.ndarray, argmax: bool) -> np.ndarray:
    if values.ndim > 1 and (argmax or values.shape[-1] > 1):
        picked: np.ndarray = np.asarray(np.argmax(values, axis=-1)).reshape(-1).astype(np.int64)
        return picked
    rounded: np.ndarray = np.rint(values.reshape(-1)).astype(np.int64)
    return rounded


class ClassImbalance(BuiltinRule):
    """Over the first `samples` labels and on: the largest class has more than `threshold_imbalance` times
    the samples of the smallest, or a class is mispredicted more often than `threshold_misprediction`."""

    PARAMETERS = (
        Param("threshold_imbalance", "float", 10.0, low=1),
        Param("threshold_misprediction", "float", 0.7, low=0, high=1),
        Param("samples", "int", 500, low=1),
        Param("argmax", "bool", False),
        Param("labels_regex", "regex", ".*labels"),
        Param("predictions_regex", "regex", ".*predictions"),
    )
    threshold_imbalance: float
    threshold_misprediction: float
    samples: int
    argmax: bool
    labels_regex: str
    predictions_regex: str

    def prepare(self) -> None:
        self._counts: dict[int, int] = {}
        self._wrong: dict[int, int] = {}

    def invoke_at_step(self, step: int) -> bool:
        labels_name = self.require(self.names_at(step, regexes=[self.labels_regex], all_if_none=False), step, "labels")
        predictions_name = self.names_at(step, regexes=[self.predictions_regex], all_if_none=False)
        predictions_name = self.require(predictions_name, step, "predictions")
        labels = classes(self.value(labels_name[0], step), argmax=True)
        predictions = classes(self.value(predictions_name[0], step), self.argmax)
        n = min(labels.size, predictions.size)
        for label, prediction in zip(labels[:n].tolist(), predictions[:n].tolist(), strict=True):
            self._counts[label] = self._counts.get(label, 0) + 1
            self._wrong[label] = self._wrong.get(label, 0) + int(label != prediction)
        seen = sum(self._counts.values())
        if seen < self.samples or not self._counts:
            return False
        largest = max(self._counts, key=lambda c: self._counts[c])
        smallest = min(self._counts, key=lambda c: self._counts[c])
        ratio = self._counts[largest] / self._counts[smallest]
        if ratio > self.threshold_imbalance:
            return self.fire(
                f"class {largest} has {self._counts[largest]} samples and class {smallest}"
                f" {self._counts[smallest]} ({ratio:.3g} times) > threshold_imbalance {self.threshold_imbalance:g}"
                f" over {seen} labels"
            )
        for label, count in sorted(self._counts.items()):
            wrong = self._wrong[label] / count
            if wrong > self.threshold_misprediction:
                return self.fire(
                    f"class {label} is mispredicted in {wrong:.0%} of its {count} samples"
                    f" > threshold_misprediction {self.threshold_misprediction:g}"
                )
        return False


class Confusion(BuiltinRule):
    """The confusion matrix of a step (rows: labels, columns: predictions): for each predicted class, the
    share that is right must be at least `min_diag` and the share of each other class at most `max_off_diag`."""

    PARAMETERS = (
        Param("category_no", "int", None, low=2),
        Param("labels", "str", "labels"),
        Param("predictions", "str", "predictions"),
        Param("labels_collection", "str", "labels"),
        Param("predictions_collection", "str", "predictions"),
        Param("min_diag", "float", 0.9, low=0, high=1),
        Param("max_off_diag", "float", 0.1, low=0, high=1),
    )
    category_no: Optional[int]
    labels: str
    predictions: str
    labels_collection: str
    predictions_collection: str
    min_diag: float
    max_off_diag: float

    def _tensor(self, step: int, name: str, collection: str) -> np.ndarray:
        """The tensor named `name`, else the first of `collection` (SageMaker takes either)."""
        at_step = self.base_trial.tensor_names(step=step)
        if name not in at_step:
            found = self.require(self.names_at(step, [collection], all_if_none=False), step, name)
            name = found[0]
        return self.value(name, step)

    def invoke_at_step(self, step: int) -> bool:
        labels = classes(self._tensor(step, self.labels, self.labels_collection), argmax=True)
        predictions = classes(self._tensor(step, self.predictions, self.predictions_collection), argmax=True)
        n = min(labels.size, predictions.size)
        labels, predictions = labels[:n], predictions[:n]
        if n == 0 or labels.min() < 0 or predictions.min() < 0:
            return False
        size = self.category_no or int(max(labels.max(), predictions.max())) + 1
        inside = (labels < size) & (predictions < size)
        matrix = np.zeros((size, size), dtype=np.int64)
        np.add.at(matrix, (labels[inside], predictions[inside]), 1)
        for column in range(size):
            total = int(matrix[:, column].sum())
            if total == 0:
                continue
            right = matrix[column, column] / total
            if right < self.min_diag:
                return self.fire(
                    f"of the {total} samples predicted as class {column}, {right:.0%} are right < min_diag"
                    f" {self.min_diag:g}"
                )
            for row in range(size):
                share = matrix[row, column] / total
                if row != column and share > self.max_off_diag:
                    return self.fire(
                        f"{share:.0%} of the samples predicted as class {column} are class {row} > max_off_diag"
                        f" {self.max_off_diag:g}"
                    )
        return False
