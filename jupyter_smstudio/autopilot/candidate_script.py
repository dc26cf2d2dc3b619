"""One Autopilot candidate: trained as a training job, served as the containers of its inference pipeline.

The AutoML job copies this file as `autopilot_candidate.py` and runs it as a training job with the channels `train`
(train.csv), `validation` (validation.csv) and `analysis` (analysis.json, the DataAnalysis) and the hyperparameters
`candidate` (a definition's name), `metric` (SageMaker's metric name) and the tuned ones by name. It prints
`validation:<metric>=<value>` (the objective: `metric_definitions`) and saves `model.joblib` (the fitted Pipeline)
and `autopilot.json` (what serving needs) in SM_MODEL_DIR. A bad hyperparameter or bad data fails the job with the
reason in /opt/ml/output/failure.

Served (inference.py builds the containers), SMSTUDIO_AUTOPILOT_STEP picks the container's work:
- `preprocess`: raw rows (text/csv without a header, the feature columns in training order; or JSON instances)
  read as training read its CSV (tables.py), answered as the preprocessing's matrix (application/x-npy, or
  application/x-npz when sparse);
- `predict`: that matrix in, the inference response keys of SAGEMAKER_INFERENCE_OUTPUT out (text/csv, JSON,
  JSON lines);
- `all` (or unset): raw rows in, response keys out, in one container.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
from pydantic import ValidationError
from scipy import sparse
from threadpoolctl import threadpool_limits

from jupyter_smstudio.autopilot import inference, tables
from jupyter_smstudio.autopilot.candidates import (
    N_JOBS,
    SMALL_TABLE_ROWS,
    CandidateDefinition,
    build_pipeline,
    definitions_for,
    fit_candidate,
    score,
)
from jupyter_smstudio.autopilot.checks import check_metric
from jupyter_smstudio.autopilot.ensemble import ENSEMBLE, ensemble_members, ensemble_pipeline
from jupyter_smstudio.autopilot.models import DataAnalysis
from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.endpoints.serving import codecs

MODEL_FILE = "model.joblib"
META_FILE = "autopilot.json"
TRAIN_SCORE_ROWS = 50_000  # the training score is a diagnostic: a sample bounds its cost on a large table
JSON_LINES = "application/jsonlines"
_NUMBER = r"([-+]?(?:inf|nan|[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?))"


def objective_metric_name(metric: str) -> str:
    """The name the objective is logged and tuned under, as SageMaker's Autopilot names it: validation:f1macro."""
    return f"validation:{metric.lower()}"


def metric_definitions(metric: str) -> list[dict[str, str]]:
    """The training job's metric_definitions: the objective on the validation channel, and the training score."""
    return [
        {"Name": f"{channel}:{metric.lower()}", "Regex": f"{channel}:{metric.lower()}={_NUMBER}"}
        for channel in ("validation", "train")
    ]


class Failure(Exception):
    """Training cannot go on: the message is the job's FailureReason."""


# -- training ---------------------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    try:
        train(hyperparameters(argv))
    except Failure as err:
        reason = str(err)
    except BadRequest as err:  # a bad hyperparameter, metric or table: the caller's to fix
        reason = f"ClientError: {err.message}"
    else:
        return 0
    out = Path(os.environ.get("SM_OUTPUT_DIR", "/opt/ml/output"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "failure").write_text(reason)  # SageMaker's convention: the job's FailureReason
    print(reason, file=sys.stderr, flush=True)
    return 1


def hyperparameters(argv: list[str]) -> dict[str, str]:
    """SM_HPS (the training toolkit's JSON) when set, else `--name value` pairs; every value as a string."""
    found: dict[str, Any] = json.loads(os.environ["SM_HPS"]) if os.environ.get("SM_HPS") else {}
    if not found:
        if len(argv) % 2 or not all(a.startswith("--") for a in argv[::2]):
            raise Failure(f"ClientError: arguments must be --name value pairs, got {' '.join(argv)}")
        found = {argv[i][2:]: argv[i + 1] for i in range(0, len(argv), 2)}
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in found.items()}


def train(hps: dict[str, str]) -> None:
    if hps.get("candidate") == ENSEMBLE:  # ENSEMBLING mode: the best default candidates, stacked
        analysis, metric = _analysis_and_metric(hps)
        members = ensemble_members(hps.get("members", ""), definitions_for(analysis))
        pipeline, name, tuned = ensemble_pipeline(members, analysis.ProblemType), ENSEMBLE, {"members": hps["members"]}
    else:
        analysis, definition, metric, tuned = _candidate(hps)
        pipeline = build_pipeline(definition, tuned)  # a BadRequest naming the hyperparameter
        name = definition.name
    training = _rows(analysis, "train")
    validation = _rows(analysis, "validation")
    features, target = tables.feature_columns(analysis), analysis.TargetAttributeName
    weight = analysis.SampleWeightAttributeName
    print(f"smstudio: training {name} on {len(training)} rows, {len(features)} columns", flush=True)
    try:
        fit_candidate(pipeline, training[features], training[target], training[weight] if weight else None)
    except (ValueError, TypeError, MemoryError) as err:  # a hyperparameter out of the estimator's range, mostly
        used = tuned or "its defaults"
        raise Failure(f"ClientError: {name} could not be trained with {used}: {err}") from None
    sample = training.sample(n=min(len(training), TRAIN_SCORE_ROWS), random_state=0)
    try:
        train_score = score(pipeline, sample[features], sample[target], metric, analysis.ProblemType)
        objective = score(pipeline, validation[features], validation[target], metric, analysis.ProblemType)
    except ValueError as err:  # LogLoss over a class the training rows never held, say
        raise Failure(f"ClientError: {metric} cannot score {name} on these rows: {err}") from None
    print(f"train:{metric.lower()}={train_score!r}", flush=True)
    print(f"{objective_metric_name(metric)}={objective!r}", flush=True)
    model_dir = Path(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    model_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, model_dir / MODEL_FILE)
    classes = getattr(pipeline, "classes_", None)
    meta = {
        "candidate": name,
        "problem_type": analysis.ProblemType,
        "metric": metric,
        "target": target,
        "sample_weight": weight,
        "columns": features,
        "kinds": tables.feature_kinds(analysis),
        "file_columns": [str(c) for c in training.columns],  # a served row may still carry the target in place
        "classes": [str(c) for c in classes] if classes is not None else None,
        "hyperparameters": tuned,
        "objective": {"MetricName": objective_metric_name(metric), "Value": objective},
    }
    (model_dir / META_FILE).write_text(json.dumps(meta, indent=1))


def _candidate(hps: dict[str, str]) -> tuple[DataAnalysis, CandidateDefinition, str, dict[str, str]]:
    """The analysis, the named candidate, the metric and the tuned hyperparameters; what is wrong with them."""
    for needed in ("candidate", "metric"):
        if not hps.get(needed):
            raise Failure(f"ClientError: the hyperparameter {needed!r} is missing")
    # SageMaker's own (sagemaker_program, _tuning_objective_metric) are not the estimator's
    tuned = {k: v for k, v in hps.items() if k not in ("candidate", "metric") and not k.startswith(("_", "sagemaker_"))}
    analysis, metric = _analysis_and_metric(hps)
    definitions = definitions_for(analysis)  # the AutoML job's own list: the same names, in the same order
    chosen = [d for d in definitions if d.name == hps["candidate"]]
    if not chosen:
        names = ", ".join(d.name for d in definitions)
        raise Failure(f"ClientError: the candidate {hps['candidate']!r} is not one of this table's: {names}")
    return analysis, chosen[0], metric, tuned


def _analysis_and_metric(hps: dict[str, str]) -> tuple[DataAnalysis, str]:
    try:
        analysis = DataAnalysis.model_validate_json(_channel_file("analysis", ".json").read_text())
    except ValidationError as err:
        raise Failure(f"ClientError: analysis.json is not a data analysis: {err}") from None
    return analysis, check_metric(hps.get("metric"), analysis.ProblemType)


def _rows(analysis: DataAnalysis, channel: str) -> pd.DataFrame:
    rows = tables.read_table(_channel_file(channel, ".csv"), analysis)
    if rows.empty:
        raise Failure(f"ClientError: the {channel!r} channel holds no rows with a target")
    return rows


def _channel_file(channel: str, suffix: str) -> Path:
    """The channel's file: <channel><suffix> (train.csv), else the only *<suffix> in its folder."""
    folder = Path(os.environ.get(f"SM_CHANNEL_{channel.upper()}", f"/opt/ml/input/data/{channel}"))
    named = folder / f"{channel}{suffix}"
    if named.is_file():
        return named
    found = sorted(folder.glob(f"*{suffix}")) if folder.is_dir() else []
    if len(found) != 1:
        raise Failure(f"ClientError: the {channel!r} channel must hold {channel}{suffix} (found {len(found)} files)")
    return found[0]


# -- serving ----------------------------------------------------------------------------------------------------------


# plain classes, not dataclasses: the serving loads this file as a module it does not register in sys.modules,
# where @dataclass cannot look its module up
class Served:
    """What model_fn answers: the fitted pipeline, what training recorded, this container's step and keys."""

    def __init__(self, pipeline: Any, meta: dict[str, Any], step: str, keys: list[str]) -> None:
        self.pipeline, self.meta, self.step, self.keys = pipeline, meta, step, keys


class Matrix:
    """The preprocessing's answer: a dense ndarray or a scipy sparse matrix."""

    def __init__(self, values: Any) -> None:
        self.values = values


def model_fn(model_dir: str) -> Served:
    meta = json.loads((Path(model_dir) / META_FILE).read_text())
    step = container_step()
    wanted = os.environ.get(inference.OUTPUT_VARIABLE)
    keys = inference.check_response_keys(
        [k.strip() for k in wanted.split(",") if k.strip()] if wanted else None, meta["problem_type"]
    )
    return Served(joblib.load(Path(model_dir) / MODEL_FILE), meta, step, keys)


def container_step() -> str:
    """This container's step (each container of a pipeline loads its model under its own Environment)."""
    step = os.environ.get(inference.STEP_VARIABLE) or "all"
    if step not in inference.STEPS:
        raise ValueError(f"{inference.STEP_VARIABLE}={step!r}: use one of {', '.join(inference.STEPS)}")
    return step


def input_fn(body: bytes, content_type: str) -> tuple[str, Any]:
    """The payload decoded; the model's columns read it in predict_fn (input_fn does not see the model)."""
    if content_type == codecs.CSV:
        return "csv", body.decode("utf-8")
    if content_type == codecs.JSON:
        return "json", json.loads(body)
    if content_type == JSON_LINES:
        return "json", [json.loads(line) for line in body.decode("utf-8").splitlines() if line.strip()]
    if content_type == inference.MATRIX:
        return "matrix", np.load(io.BytesIO(body), allow_pickle=False)
    if content_type == inference.SPARSE_MATRIX:
        return "matrix", sparse.load_npz(io.BytesIO(body))
    accepted = (codecs.CSV, codecs.JSON, JSON_LINES, inference.MATRIX, inference.SPARSE_MATRIX)
    raise codecs.UnsupportedMediaType(f"content type {content_type!r} is not supported (use {', '.join(accepted)})")


def predict_fn(data: tuple[str, Any], served: Served) -> Any:
    kind, payload = data
    steps = served.pipeline.steps
    if kind == "matrix":
        if served.step == "preprocess":
            raise ValueError("the preprocessing container takes raw rows (text/csv or application/json)")
        return _predictions(steps[-1][1], payload, served)
    if served.step == "predict":
        raise ValueError(f"the prediction container takes the preprocessing's matrix ({inference.MATRIX})")
    meta = served.meta
    if kind == "csv":
        raw = tables.rows_from_csv(payload, meta["columns"], meta.get("file_columns"))
    else:
        set_aside = [c for c in (meta["target"], meta.get("sample_weight")) if c]
        raw = tables.rows_from_json(payload, meta["columns"], ignored=set_aside)
    rows = tables.typed(raw, meta["kinds"])
    with threadpool_limits(limits=1 if len(rows) < SMALL_TABLE_ROWS else N_JOBS):
        matrix = served.pipeline[:-1].transform(rows)
    if served.step == "preprocess":
        return Matrix(matrix)
    return _predictions(steps[-1][1], matrix, served)


def _predictions(model: Any, matrix: Any, served: Served) -> list[dict[str, Any]]:
    regression = served.meta["problem_type"] == "Regression"
    with threadpool_limits(limits=1 if matrix.shape[0] < SMALL_TABLE_ROWS else N_JOBS):
        # one pass: a classifier's label is its most probable class (what predict answers, at half the cost)
        values = model.predict(matrix) if regression else model.predict_proba(matrix)
    if regression:
        return [{"predicted_label": float(value)} for value in values]
    labels = [str(c) for c in model.classes_]
    best = values.argmax(axis=1)
    # binary: the positive (second) class's probability, as SageMaker documents; else the winner's
    probability = values[:, 1] if len(labels) == 2 else values[np.arange(len(values)), best]
    columns: dict[str, Any] = {
        "predicted_label": lambda: [labels[i] for i in best],
        "probability": lambda: probability.tolist(),
        "probabilities": lambda: values.tolist(),
        "labels": lambda: [labels] * len(values),
    }
    answered = {key: columns[key]() for key in served.keys}  # only the keys asked for
    return [dict(zip(answered, row, strict=True)) for row in zip(*answered.values(), strict=True)]


def output_fn(prediction: Any, accept: str) -> tuple[bytes, str]:
    if isinstance(prediction, Matrix):
        values = prediction.values
        if accept in (inference.MATRIX, inference.SPARSE_MATRIX) and sparse.issparse(values):
            out = io.BytesIO()
            sparse.save_npz(out, sparse.csr_matrix(values), compressed=False)
            return out.getvalue(), inference.SPARSE_MATRIX
        dense = values.toarray() if sparse.issparse(values) else np.asarray(values)
        return codecs.encode(
            dense.astype(np.float64), inference.MATRIX if accept == inference.SPARSE_MATRIX else accept
        )
    if accept == codecs.JSON:
        return json.dumps({"predictions": prediction}).encode(), codecs.JSON
    if accept == JSON_LINES:
        return "".join(json.dumps(p) + "\n" for p in prediction).encode(), JSON_LINES
    if accept == codecs.CSV:
        out_text = io.StringIO()
        writer = csv.writer(out_text, lineterminator="\n")
        for answer in prediction:  # a list value (probabilities, labels) as one quoted JSON list
            writer.writerow([json.dumps(v) if isinstance(v, list) else v for v in answer.values()])
        return out_text.getvalue().encode(), codecs.CSV
    raise codecs.NotAcceptable(f"accept {accept!r} is not supported (use text/csv, application/json, {JSON_LINES})")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
