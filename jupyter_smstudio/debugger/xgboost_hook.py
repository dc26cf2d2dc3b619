"""smdebug's XGBoost hook: a training callback, `xgboost.train(params, dtrain, evals=..., callbacks=[hook])`.

A step is a boosting round (TRAIN mode). Tensor names (the contract with the rules and the plots):
- metrics: `<dataset>-<metric>` as xgboost names its evaluation log, `train-rmse`, `validation-logloss`;
- feature_importance: `feature_importance/<type>/<feature>` for type weight, gain, cover, total_gain and
  total_cover (booster.get_score), one scalar each;
- trees: `trees/<column>` for the numeric columns of booster.trees_to_dataframe() (Tree, Node, Split,
  Gain, Cover, ...), one value per node of all trees so far, and `trees/Depth`, each node's depth;
- labels and predictions: of `validation_data` when given, else of `train_data`;
- hyperparameters: `hyperparameters/<name>` for the numeric ones;
- average_shap: `average_shap/<feature>` (and `/bias`), the mean SHAP value over `train_data`'s rows;
  full_shap: `full_shap/<feature>`, every row's (booster.predict(pred_contribs=True)).
Only the collections that save at a round cost anything at it: trees, predictions and SHAP values are
computed only then. The hook saves every 10 rounds when its config says nothing (500 would save only
the first round of most trainings).
"""

from __future__ import annotations

import logging
import math
from typing import Any, Optional

import numpy as np
import xgboost

from ..core.errors import BadRequest
from .collections import CollectionKeys, ReductionConfig
from .hook_setup import guarded
from .keras_xgboost_base import CallbackHook
from .modes import ModeKeys, SaveConfig

log = logging.getLogger(__name__)

METRICS = "metrics"
FEATURE_IMPORTANCE = "feature_importance"
TREES = "trees"
LABELS = "labels"
PREDICTIONS = "predictions"
HYPERPARAMETERS = "hyperparameters"
AVERAGE_SHAP = "average_shap"
FULL_SHAP = "full_shap"
IMPORTANCE_TYPES = ("weight", "gain", "cover", "total_gain", "total_cover")
# trees_to_dataframe's numeric columns (checked before building the frame, which costs)
TREE_COLUMNS = ("Tree", "Node", "Split", "Gain", "Cover", "Category", "Depth")


class Hook(CallbackHook, xgboost.callback.TrainingCallback):
    BUILT_IN = (
        CollectionKeys.DEFAULT,
        CollectionKeys.ALL,
        METRICS,
        FEATURE_IMPORTANCE,
        TREES,
        LABELS,
        PREDICTIONS,
        HYPERPARAMETERS,
        AVERAGE_SHAP,
        FULL_SHAP,
        CollectionKeys.SCALARS,
    )
    # metrics are named as the evaluation log gives them (no mark to match): added when first seen
    REGEXES = {
        CollectionKeys.ALL: (".*",),
        FEATURE_IMPORTANCE: (r"^feature_importance/",),
        TREES: (r"^trees/",),
        LABELS: (r"^labels$",),
        PREDICTIONS: (r"^predictions$",),
        HYPERPARAMETERS: (r"^hyperparameters/",),
        AVERAGE_SHAP: (r"^average_shap/",),
        FULL_SHAP: (r"^full_shap/",),
    }
    DEFAULT_INCLUDE = (METRICS,)
    DEFAULT_SAVE_INTERVAL = 10

    def __init__(
        self,
        out_dir: Optional[str] = None,
        export_tensorboard: bool = False,
        tensorboard_dir: Optional[str] = None,
        dry_run: bool = False,
        reduction_config: Optional[ReductionConfig] = None,
        save_config: Optional[SaveConfig] = None,
        include_regex: Optional[list[str]] = None,
        include_collections: Optional[list[str]] = None,
        save_all: bool = False,
        include_workers: str = "one",
        hyperparameters: Optional[dict[str, Any]] = None,
        train_data: Any = None,
        validation_data: Any = None,
    ):
        if hyperparameters is not None and not isinstance(hyperparameters, dict):
            raise BadRequest("'hyperparameters': a dict of names to values", field="hyperparameters")
        CallbackHook.__init__(
            self,
            out_dir,
            export_tensorboard,
            tensorboard_dir,
            dry_run,
            reduction_config,
            save_config,
            include_regex,
            include_collections,
            save_all,
            include_workers,
        )
        xgboost.callback.TrainingCallback.__init__(self)
        self.hyperparameters = hyperparameters
        self.train_data = _dmatrix(train_data, "train_data")
        self.validation_data = _dmatrix(validation_data, "validation_data")

    @guarded
    def after_iteration(self, model: Any, epoch: int, evals_log: dict[str, dict[str, Any]]) -> bool:
        self._check_metrics(evals_log)
        if self.begin_step(ModeKeys.TRAIN):
            self._save_metrics(evals_log)
            for save in (self._save_hyperparameters, self._save_importance, self._save_trees):
                save(model)
            self._save_predictions(model)
            self._save_shap(model)
        return False  # never stops the training

    def after_training(self, model: Any) -> Any:
        # a round is handed to the writer when the next one starts or here, so that a callback listed
        # after the hook can still save_scalar into it
        self._end_training()
        return model  # also when the hook failed: xgboost goes on with what this returns

    @guarded
    def _end_training(self) -> None:
        self.end_step()

    # -- what a round saves ------------------------------------------------------------------------
    def _check_metrics(self, evals_log: dict[str, dict[str, Any]]) -> None:
        for data, metrics in evals_log.items():
            for metric, values in metrics.items():
                value = _last(values)
                if value is not None and not math.isfinite(value):
                    self.say_once(
                        "nan",
                        "%s-%s is %s at round %s: the debugger saves it as it is; training goes on",
                        data,
                        metric,
                        value,
                        self.step + 1,
                    )

    def _save_metrics(self, evals_log: dict[str, dict[str, Any]]) -> None:
        for data, metrics in evals_log.items():
            for metric, values in metrics.items():
                value = _last(values)
                if value is not None:
                    name = f"{data}-{metric}"
                    self.get_collection(METRICS).add_tensor_name(name)
                    self.save(name, value)

    def _save_hyperparameters(self, model: Any) -> None:
        for name, value in (self.hyperparameters or {}).items():
            number = _number(value)
            if number is not None:
                self.save(f"hyperparameters/{name}", number)

    def _save_importance(self, model: Any) -> None:
        for kind in IMPORTANCE_TYPES:
            if not self.wants(f"feature_importance/{kind}/"):
                continue
            try:
                scores = model.get_score(importance_type=kind)
            except xgboost.core.XGBoostError as err:  # a linear booster has weights only
                self.say_once(f"importance-{kind}", "the debugger saves no %s importance: %s", kind, err)
                continue
            for feature, score in scores.items():
                values = np.asarray(score, dtype=np.float64)  # a linear booster gives one per class
                self.save(f"feature_importance/{kind}/{feature}", values if values.size > 1 else float(values))

    def _save_trees(self, model: Any) -> None:
        if not any(self.wants(f"trees/{column}") for column in TREE_COLUMNS):
            return
        try:
            frame = model.trees_to_dataframe()
        except (ValueError, xgboost.core.XGBoostError) as err:  # a linear booster has no trees
            self.say_once("trees", "the debugger saves no trees: %s", err)
            return
        for column in frame.select_dtypes("number").columns:
            self.save(f"trees/{column}", frame[column].to_numpy(dtype=np.float64))
        self.save("trees/Depth", _depths(frame))

    def _save_predictions(self, model: Any) -> None:
        data = self.validation_data if self.validation_data is not None else self.train_data
        if data is None:
            return
        if self.wants("labels"):
            self.save("labels", data.get_label())
        if self.wants("predictions"):
            self.save("predictions", model.predict(data))

    def _save_shap(self, model: Any) -> None:
        average, full = self.wants("average_shap/bias"), self.wants("full_shap/bias")
        if self.train_data is None or not (average or full):
            return
        features = self._feature_names(model)
        shap = np.asarray(model.predict(self.train_data, pred_contribs=True))  # rows (, classes), features + 1
        for i, feature in enumerate([*features, "bias"]):
            column = shap[..., i]
            if average:
                self.save(f"average_shap/{feature}", float(column.mean()))
            if full:
                self.save(f"full_shap/{feature}", column)

    def _feature_names(self, model: Any) -> list[str]:
        names = model.feature_names
        if names:
            return list(names)
        return [f"f{i}" for i in range(model.num_features())]


def _dmatrix(data: Any, field: str) -> Optional[xgboost.DMatrix]:
    """A DMatrix as given, or one built from (features, labels)."""
    if data is None or isinstance(data, xgboost.DMatrix):
        return data
    if isinstance(data, (tuple, list)) and len(data) == 2:
        return xgboost.DMatrix(data[0], label=data[1])
    raise BadRequest(f"'{field}': an xgboost.DMatrix or a (features, labels) pair", field=field)


def _last(values: Any) -> Optional[float]:
    """The round's value from an evaluation log list (xgboost.cv logs (mean, std) pairs)."""
    if not values:
        return None
    last = values[-1]
    return float(last[0] if isinstance(last, tuple) else last)


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool):
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None  # "binary:logistic" and other words are not tensors


def _depths(frame: Any) -> np.ndarray:
    """Each node's depth (0 at a tree's root), in the frame's row order; a child's ID is in its parent's
    Yes and No columns, and xgboost numbers a child after its parent."""
    depth: dict[str, int] = {}
    ordered = frame.sort_values(["Tree", "Node"])
    for node, yes, no in zip(ordered["ID"], ordered["Yes"], ordered["No"], strict=True):
        level = depth.setdefault(node, 0)
        if isinstance(yes, str):
            depth[yes] = depth[no] = level + 1
    return np.array([depth[node] for node in frame["ID"]], dtype=np.float64)
