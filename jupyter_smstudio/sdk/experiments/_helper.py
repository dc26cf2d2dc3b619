"""Artifacts of a run: uploads through the session's storage, and the graph artifacts
(confusion matrix, ROC curve, precision-recall) in SageMaker's JSON format."""

from __future__ import annotations

import json
import math
import mimetypes
import os
import time
import uuid
from typing import Any, Optional

from ...core.storage import join_url

_DEFAULT_ARTIFACT_PREFIX = "trial-component-artifacts"
GRAPH_MEDIA_TYPE = "application/json"


def guess_media_type(file_path: str) -> Optional[str]:
    media_type, _ = mimetypes.guess_type(os.path.basename(file_path), strict=False)
    return media_type


def resolve_artifact_name(file_path: str) -> str:
    name = os.path.basename(file_path)
    return name or f"artifact-{uuid.uuid4().hex[:8]}"


def unique_name_from_base(base: str) -> str:
    return f"{base}-{time.strftime('%Y-%m-%d-%H-%M-%S')}-{uuid.uuid4().hex[:4]}"


def verify_length_of_true_and_predicted(true_labels: Any, predicted_attrs: Any, predicted_attrs_name: str) -> None:
    if len(true_labels) != len(predicted_attrs):
        raise ValueError(
            f"Lengths mismatch between true labels and {predicted_attrs_name}: "
            f"({len(true_labels)} vs {len(predicted_attrs)})."
        )


def _finite_or_none(obj: Any) -> Any:
    """Graph files must be valid JSON: NaN/Infinity (e.g. an AUC of one class) become null."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite_or_none(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite_or_none(v) for v in obj]
    return obj


def _sklearn_metrics() -> Any:  # sklearn.metrics, which has no types
    try:
        from sklearn import metrics
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("this method needs scikit-learn: pip install scikit-learn") from err
    return metrics


class _ArtifactUploader:
    """Writes a run's files to `<bucket>/<prefix>/<trial component>/<file>` (SageMaker's layout)."""

    def __init__(
        self,
        trial_component_name: str,
        sagemaker_session: Any,
        artifact_bucket: Optional[str] = None,
        artifact_prefix: str = _DEFAULT_ARTIFACT_PREFIX,
    ):
        self.sagemaker_session = sagemaker_session
        self.trial_component_name = trial_component_name
        self.artifact_bucket = artifact_bucket
        self.artifact_prefix = artifact_prefix

    def _target(self, file_name: str) -> str:
        session = self.sagemaker_session
        if self.artifact_bucket:
            root = self.artifact_bucket if "://" in self.artifact_bucket else f"s3://{self.artifact_bucket}"
            prefix = self.artifact_prefix
        else:  # SageMaker's determine_bucket_and_prefix: the default bucket gets the default prefix
            root = session.default_bucket()
            default_prefix = getattr(session, "default_bucket_prefix", None)
            prefix = "/".join(p.strip("/") for p in (default_prefix, self.artifact_prefix) if p)
        return join_url(root, *(p for p in (prefix, self.trial_component_name, file_name) if p))

    def upload_artifact(self, file_path: str) -> tuple[str, None]:
        file_path = os.path.expanduser(file_path)
        if not os.path.isfile(file_path):
            raise ValueError(f"{file_path} does not exist or is not a file. Please supply a file path.")
        url = self._target(os.path.basename(file_path))
        with open(file_path, "rb") as fh:
            self.sagemaker_session.backend.write_bytes(url, fh.read())
        return url, None

    def upload_object_artifact(
        self, artifact_name: str, artifact_object: Any, file_extension: Optional[str] = None
    ) -> tuple[str, None]:
        if file_extension:
            artifact_name += ("" if file_extension.startswith(".") else ".") + file_extension
        url = self._target(artifact_name)
        body = json.dumps(_finite_or_none(artifact_object), allow_nan=False)
        self.sagemaker_session.backend.write_bytes(url, body.encode("utf-8"))
        return url, None


# -- graph artifacts (the data dicts of SageMaker's Run.log_* methods) ------------------------------
def confusion_matrix_data(y_true: Any, y_pred: Any, title: Optional[str]) -> dict[str, Any]:
    verify_length_of_true_and_predicted(y_true, y_pred, "predicted labels")
    matrix = _sklearn_metrics().confusion_matrix(y_true, y_pred)
    return {"type": "ConfusionMatrix", "version": 0, "title": title, "confusionMatrix": matrix.tolist()}


def roc_curve_data(y_true: Any, y_score: Any, title: Optional[str]) -> dict[str, Any]:
    verify_length_of_true_and_predicted(y_true, y_score, "predicted scores")
    metrics = _sklearn_metrics()
    fpr, tpr, _ = metrics.roc_curve(y_true, y_score)
    return {
        "type": "ROCCurve",
        "version": 0,
        "title": title,
        "falsePositiveRate": fpr.tolist(),
        "truePositiveRate": tpr.tolist(),
        "areaUnderCurve": float(metrics.auc(fpr, tpr)),
    }


def precision_recall_data(
    y_true: Any, predicted_probabilities: Any, positive_label: Any, title: Optional[str], no_skill: Optional[float]
) -> dict[str, Any]:
    verify_length_of_true_and_predicted(y_true, predicted_probabilities, "predicted probabilities")
    metrics = _sklearn_metrics()
    kwargs: dict[str, Any] = {}
    if positive_label is not None:
        kwargs["pos_label"] = positive_label
    precision, recall, _ = metrics.precision_recall_curve(y_true, predicted_probabilities, **kwargs)
    kwargs["average"] = "micro"
    ap = metrics.average_precision_score(y_true, predicted_probabilities, **kwargs)
    return {
        "type": "PrecisionRecallCurve",
        "version": 0,
        "title": title,
        "precision": precision.tolist(),
        "recall": recall.tolist(),
        "averagePrecisionScore": float(ap),
        "noSkill": no_skill,
    }
