"""`python -m jupyter_smstudio.endpoints.serving --port N`: one endpoint instance.

Reads SageMaker's variables: `SM_MODEL_DIR` (the model folder; default /opt/ml/model mapped like training's),
`SAGEMAKER_PROGRAM` and `SAGEMAKER_SUBMIT_DIRECTORY` (the inference entry point and its folder), or
`SMSTUDIO_PIPELINE` (an inference pipeline's containers, each with its own, run in order), and
`SMSTUDIO_INSTANCE_TOKEN` (the token the router sends: see app.py). The model is
loaded before the port opens, so `/ping` answers only once the instance can predict; a `model_fn` that raises
ends the process with the traceback in its log (the room reads the last line as the endpoint's FailureReason).
"""

from __future__ import annotations

import argparse
import os

import uvicorn

from .app import MAX_PAYLOAD_BYTES, build_app
from .handler import InferenceHandler
from .pipeline import PipelineHandler


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m jupyter_smstudio.endpoints.serving")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--max-payload-bytes", type=int, default=MAX_PAYLOAD_BYTES)
    args = parser.parse_args()
    steps = os.environ.get("SMSTUDIO_PIPELINE")
    handler: InferenceHandler | PipelineHandler
    if steps:
        handler = PipelineHandler.from_json(steps)
    else:
        handler = InferenceHandler(
            os.environ.get("SM_MODEL_DIR", "/opt/ml/model"),
            os.environ.get("SAGEMAKER_SUBMIT_DIRECTORY"),
            os.environ.get("SAGEMAKER_PROGRAM"),
        )
    app = build_app(handler, args.max_payload_bytes, os.environ.get("SMSTUDIO_INSTANCE_TOKEN") or None)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
