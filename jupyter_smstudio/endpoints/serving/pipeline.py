"""An inference pipeline in one instance: SageMaker's serial containers, each one's answer the next one's request.

Each step is an `InferenceHandler` with its own model folder and entry point; the content type of a step's
answer becomes the next request's. An inner step answers in its `SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT` when the
model sets it, else in the type it was sent (the default codecs pass CSV on as CSV); the last answers the
caller's Accept. A step that refuses its input refuses the request, its message naming the step.
"""

from __future__ import annotations

import json
import os
from typing import Any

from . import codecs
from .handler import ClientError, InferenceHandler


def _load(step: dict[str, Any]) -> InferenceHandler:
    """A step's handler, its model loaded under the step's own environment: the instance's process holds every
    container's variables merged (the last one's win), where SageMaker gives each container its own, and a
    model_fn that reads one (a container's role, say) must see its container's."""
    own = {str(k): str(v) for k, v in (step.get("environment") or {}).items()}
    saved = {k: os.environ.get(k) for k in own}
    os.environ.update(own)
    try:
        return InferenceHandler(step["model_dir"], step.get("code_dir"), step.get("program") or None)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class PipelineHandler:
    def __init__(self, steps: list[dict[str, Any]]):
        self.steps = [_load(s) for s in steps]
        self.accepts = [str(s.get("accept") or "") for s in steps]

    @classmethod
    def from_json(cls, text: str) -> PipelineHandler:
        return cls(json.loads(text))

    def invoke(self, body: bytes, content_type: str, accept: str) -> tuple[bytes, str]:
        last = len(self.steps) - 1
        for i, (step, inner_accept) in enumerate(zip(self.steps, self.accepts, strict=True)):
            wanted = accept if i == last else codecs.media_type(inner_accept, content_type)
            try:
                body, answered = step.invoke(body, content_type, wanted)
            except ClientError as err:
                raise ClientError(f"container {i + 1} of {len(self.steps)}: {err}", err.status) from err
            content_type = codecs.media_type(answered, wanted)
        return body, content_type
