"""A candidate as a model: its inference pipeline (preprocessing, then prediction) with the inference response keys
chosen, as `AutoML.create_model` builds it."""

from __future__ import annotations

from typing import Any, Optional

from ...core.errors import BadRequest
from ..pipeline import PipelineModel

SUPPORTED_KEYS_VARIABLE = "SAGEMAKER_INFERENCE_SUPPORTED"
OUTPUT_KEYS_VARIABLE = "SAGEMAKER_INFERENCE_OUTPUT"


def choose_response_keys(
    inference_containers: list[dict[str, Any]],
    inference_response_keys: Optional[list[str]],
    problem_type: Optional[str] = None,
) -> None:
    """Refuse keys the model cannot answer (a ValueError, as SageMaker's SDK raises) and set them on the last
    container, which answers them."""
    if not inference_response_keys:
        return
    if isinstance(inference_response_keys, str):
        raise ValueError("inference_response_keys must be a list of key names, such as ['predicted_label']")
    last = inference_containers[-1]["Environment"]
    supported = last.get(SUPPORTED_KEYS_VARIABLE)
    if supported is None:
        raise ValueError(
            "The inference model does not support selection of inference content beyond its default content. "
            "Please retry without setting inference_response_keys key word argument."
        )
    if problem_type:
        from ...autopilot.inference import check_response_keys

        try:
            keys = check_response_keys(inference_response_keys, problem_type)
        except BadRequest as err:
            raise ValueError(err.message) from None
    else:
        keys = list(inference_response_keys)
    bad = [k for k in keys if k not in supported.split(",")]
    if bad:
        raise ValueError(
            f"Requested inference output keys [{', '.join(bad)}] are unsupported. "
            f"The supported inference keys are [{supported}]"
        )
    last[OUTPUT_KEYS_VARIABLE] = ",".join(keys)


class CandidatePipeline(PipelineModel):
    """A candidate's PipelineModel: the model is created in the Endpoints room once, by whichever comes first of
    deploy() and transformer(), so a transform and then an endpoint share it."""

    _base_name = "automl-candidate"

    def create(self, instance_type: Optional[str] = None, **_aws_only: Any) -> None:
        if not getattr(self, "_created", False):  # once: a transformer, then a deploy, share the model
            super().create(instance_type)
            self._created = True
