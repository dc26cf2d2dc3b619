"""A candidate served: its inference pipeline (preprocessing, then prediction) as a model of the Endpoints room, an
endpoint config and an endpoint. "Deploy best" in the browser and ModelDeployConfig of a request both come here."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from ..core.auth import Viewer
from ..core.errors import BadRequest, NotFound
from ..endpoints.models import (
    ContainerDefinition,
    CreateEndpointConfigRequest,
    CreateEndpointRequest,
    CreateModelRequest,
    ProductionVariant,
)
from .candidate_records import CandidateRecords, one_container
from .shapes import DeployBestAnswer, DeployBestRequest
from .store import AutoMLRecord

if TYPE_CHECKING:
    from ..endpoints.service import EndpointService


def deploy_candidate(
    endpoints: EndpointService,
    records: CandidateRecords,
    viewer: Viewer,
    record: AutoMLRecord,
    request: DeployBestRequest,
) -> DeployBestAnswer:
    name = request.CandidateName or record.state.get("best")
    if not name:
        raise BadRequest(f"AutoML job '{record.name}' has no best candidate yet", field="CandidateName")
    if name not in records.job_names(viewer, record):
        raise NotFound(f"AutoML job '{record.name}' has no candidate '{name}'", field="CandidateName")
    candidate = records.candidate(viewer, record, name)
    if not candidate.InferenceContainers:
        raise BadRequest(f"candidate '{name}' has no model ({candidate.CandidateStatus})", field="CandidateName")
    from .inference import inference_containers

    problem_type = str((record.state.get("resolved") or {}).get("ProblemType") or "")
    first = candidate.InferenceContainers[0]
    code = first.Environment.get("SAGEMAKER_SUBMIT_DIRECTORY", "")
    keys = list(request.InferenceResponseKeys) or None
    containers = inference_containers(first.ModelDataUrl or "", code, keys, problem_type)
    if len(candidate.InferenceContainers) == 1:  # an ensemble, served whole
        containers = [one_container(containers)]
    suffix = secrets.token_hex(3)
    model = f"{request.EndpointName[:52]}-{suffix}"
    endpoints.create_model(
        viewer,
        CreateModelRequest(ModelName=model, Containers=[ContainerDefinition.model_validate(c) for c in containers]),
    )
    endpoints.create_endpoint_config(
        viewer,
        CreateEndpointConfigRequest(
            EndpointConfigName=model,
            ProductionVariants=[
                ProductionVariant(
                    VariantName="AllTraffic",
                    ModelName=model,
                    InitialInstanceCount=request.InitialInstanceCount,
                    InstanceType=request.InstanceType,
                )
            ],
        ),
    )
    endpoints.create_endpoint(
        viewer, CreateEndpointRequest(EndpointName=request.EndpointName, EndpointConfigName=model)
    )
    return DeployBestAnswer(
        EndpointName=request.EndpointName, ModelName=model, EndpointConfigName=model, CandidateName=name
    )


def deploy_config_endpoint(driver: Any, record: AutoMLRecord) -> str:
    """ModelDeployConfig: the best candidate behind the endpoint it names (or one named after the job)."""
    config = record.request.ModelDeployConfig
    assert config is not None
    endpoint = config.EndpointName or f"{record.name[:40]}-{secrets.token_hex(3)}"
    endpoints = driver.endpoints
    answer = deploy_candidate(
        endpoints, driver.records, Viewer(user=record.owner), record, DeployBestRequest(EndpointName=endpoint)
    )
    return answer.EndpointName
