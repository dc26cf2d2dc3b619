"""A candidate's inference pipeline in SageMaker's shape: the InferenceContainers of a candidate (preprocessing,
then prediction), and the inference response keys each problem type answers.

Both containers run the candidate's training script (`autopilot_candidate.py`, candidate_script.py as the AutoML
job copies it) from the training job's `sourcedir.tar.gz` over the job's `model.tar.gz`; the step each runs is its
`SMSTUDIO_AUTOPILOT_STEP`. Light on imports: the server and the SDK build containers without loading a model.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from ..core.errors import BadRequest
from .checks import check_problem_type

PROGRAM = "autopilot_candidate.py"
PREPROCESS_IMAGE = "smstudio/autopilot-preprocess"
PREDICT_IMAGE = "smstudio/autopilot-predict"

STEP_VARIABLE = "SMSTUDIO_AUTOPILOT_STEP"
OUTPUT_VARIABLE = "SAGEMAKER_INFERENCE_OUTPUT"
SUPPORTED_VARIABLE = "SAGEMAKER_INFERENCE_SUPPORTED"
# an inner container of a pipeline answers the next one in this type (endpoints/serving/pipeline.py)
ACCEPT_VARIABLE = "SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT"
STEPS = ("preprocess", "predict", "all")
# the preprocessing's matrix between the two containers: dense as NPY, sparse (TF-IDF, one-hot) as scipy's NPZ
MATRIX = "application/x-npy"
SPARSE_MATRIX = "application/x-npz"

RESPONSE_KEYS_FIELD = "inference_response_keys"
_CLASSIFICATION_KEYS = ("predicted_label", "probability", "probabilities", "labels")
SUPPORTED_RESPONSE_KEYS: dict[str, tuple[str, ...]] = {
    "BinaryClassification": _CLASSIFICATION_KEYS,
    "MulticlassClassification": _CLASSIFICATION_KEYS,
    "Regression": ("predicted_label",),
}
DEFAULT_RESPONSE_KEYS = ("predicted_label",)


def check_response_keys(keys: Optional[Sequence[str]], problem_type: str) -> list[str]:
    """The keys to answer, in the order asked (repeats dropped); none asked: `predicted_label`."""
    supported = SUPPORTED_RESPONSE_KEYS[check_problem_type(problem_type)]
    if keys is None:
        return list(DEFAULT_RESPONSE_KEYS)
    if isinstance(keys, str) or not all(isinstance(key, str) for key in keys):
        raise BadRequest(
            f"{RESPONSE_KEYS_FIELD} must be a list of key names such as ['predicted_label', 'probability']",
            field=RESPONSE_KEYS_FIELD,
        )
    chosen: list[str] = []
    for key in keys:
        if key not in supported:
            raise BadRequest(
                f"inference response key {key!r} is not one a {problem_type} model answers; use {', '.join(supported)}",
                field=RESPONSE_KEYS_FIELD,
            )
        if key not in chosen:
            chosen.append(key)
    return chosen or list(DEFAULT_RESPONSE_KEYS)


def inference_containers(
    model_data_url: str, code_url: str, response_keys: Optional[list[str]], problem_type: str
) -> list[dict[str, Any]]:
    """SageMaker's InferenceContainers of a candidate: [{Image, ModelDataUrl, Environment}], preprocessing first.
    `code_url` is the candidate's training job's sourcedir.tar.gz, which holds autopilot_candidate.py."""
    keys = check_response_keys(response_keys, problem_type)
    if not model_data_url:
        raise BadRequest("the candidate has no model artifact (ModelDataUrl)", field="ModelDataUrl")
    if not code_url:
        raise BadRequest("the candidate has no code (its training job's sourcedir.tar.gz)", field="code_url")
    code = {"SAGEMAKER_PROGRAM": PROGRAM, "SAGEMAKER_SUBMIT_DIRECTORY": code_url}
    return [
        {
            "Image": PREPROCESS_IMAGE,
            "ModelDataUrl": model_data_url,
            "Environment": {**code, STEP_VARIABLE: "preprocess", ACCEPT_VARIABLE: MATRIX},
        },
        {
            "Image": PREDICT_IMAGE,
            "ModelDataUrl": model_data_url,
            "Environment": {
                **code,
                STEP_VARIABLE: "predict",
                OUTPUT_VARIABLE: ",".join(keys),
                SUPPORTED_VARIABLE: ",".join(SUPPORTED_RESPONSE_KEYS[problem_type]),
            },
        },
    ]
