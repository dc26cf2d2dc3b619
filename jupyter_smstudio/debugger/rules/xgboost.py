"""The rules on an XGBoost model: TreeDepth and FeatureImportanceOverweight. The tensors are the XGBoost
hook's: `trees/<column>` (the numeric columns of the booster's trees_to_dataframe(), and `trees/Depth`,
each node's depth) and `feature_importance/<type>/<feature>` scalars."""

from __future__ import annotations

import math

import numpy as np

from .base import BuiltinRule
from .params import Param


class TreeDepth(BuiltinRule):
    """The trees are shallower than `depth`: XGBoost rejects the splits that do not improve the loss, so
    trees that stop short of the depth allowed say a lower max_depth gives the same model, faster."""

    PARAMETERS = (Param("depth", "float", 4.0, low=0),)
    depth: float

    def _deepest(self, step: int) -> float:
        names = set(self.base_trial.tensor_names(step=step))
        if "trees/Depth" in names:
            return float(np.max(self.value("trees/Depth", step)))
        # SageMaker's measure: the base 2 logarithm of the largest node ID (nodes numbered level by level)
        nodes = self.value(self.require(sorted(names & {"trees/Node"}), step, "trees/Depth or trees/Node")[0], step)
        return float(math.floor(math.log2(float(np.max(nodes)) + 1))) if nodes.size else 0.0

    def invoke_at_step(self, step: int) -> bool:
        deepest = self._deepest(step)
        if deepest < self.depth:
            return self.fire(f"the deepest tree is {deepest:g} levels deep < depth {self.depth:g}")
        return False


class FeatureImportanceOverweight(BuiltinRule):
    """The `nfeatures` most important features hold more than `threshold` of the total importance."""

    PARAMETERS = (
        Param("threshold", "float", 0.8, low=0, high=1),
        Param("nfeatures", "int", 3, low=1),
        Param("tensor_regex", "regexes", (".*feature_importance/weight",)),
    )
    threshold: float
    nfeatures: int
    tensor_regex: tuple[str, ...]

    def invoke_at_step(self, step: int) -> bool:
        names = self.names_at(step, regexes=self.tensor_regex, all_if_none=False)
        names = self.require(names, step, "feature importance")
        importance = sorted(((self.reduction(n, step, "mean"), n) for n in names), reverse=True)
        total = sum(value for value, _ in importance)
        if total <= 0:
            return False
        top = importance[: self.nfeatures]
        share = sum(value for value, _ in top) / total
        if share > self.threshold:
            features = ", ".join(repr(n.rsplit("/", 1)[-1]) for _, n in top)
            return self.fire(
                f"the {self.nfeatures} most important features ({features}) hold {share:.0%} of the total"
                f" importance > threshold {self.threshold:g}"
            )
        return False
