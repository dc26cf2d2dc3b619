"""Model quality in the Model Monitor room's service (a mixin MonitorService inherits): SageMaker's
Create/Describe/List/DeleteModelQualityJobDefinition, the checks of a ModelQuality schedule (its ground truth inside
the user's volume, its problem type, a model quality constraints.json) and what its baselines and executions are
told (quality_job.py runs them)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import select

from ..core.auth import Viewer
from ..core.errors import BadRequest, Conflict, NotFound, SmStudioError
from ..core.storage import UserStorage
from ..endpoints.models import Deleted
from . import quality
from .constraints import SchemaError
from .executions import resolved_url
from .models import (
    MODEL_QUALITY,
    CreateBaseliningJobRequest,
    CreateModelQualityJobDefinitionRequest,
    ModelQualityJobDefinition,
    MonitoringJobDefinition,
    MonitoringJobDefinitionList,
)
from .orm import MonitoringJobDefinitionRow

if TYPE_CHECKING:
    from ..core.db import Database
    from ..jobs.service import JobService

MODEL_QUALITY_FIELDS = (
    "ModelQualityJobInput.EndpointInput.EndpointName",
    "ModelQualityJobOutputConfig.MonitoringOutputs.0.S3Output.S3Uri",
    "ModelQualityBaselineConfig",
)


def is_model_quality(spec: dict[str, Any]) -> bool:
    """Whether a job definition row holds a model quality definition (else a data quality one)."""
    return "ModelQualityJobInput" in spec


class ModelQualityMixin:
    jobs: JobService
    db: Database

    if TYPE_CHECKING:  # MonitorService's

        def _definition_row(self, viewer: Viewer, name: str) -> MonitoringJobDefinitionRow: ...

        def _definitions(
            self, viewer: Viewer, model_quality: bool, endpoint_name: Optional[str], limit: int, offset: int
        ) -> MonitoringJobDefinitionList: ...

        def _delete_definition(self, viewer: Viewer, name: str) -> Deleted: ...

        def _check_definition(
            self,
            viewer: Viewer,
            definition: MonitoringJobDefinition,
            fields: tuple[str, str, str],
            monitoring_type: str = "DataQuality",
        ) -> None: ...

    # -- job definitions ----------------------------------------------------------------------------------------
    def create_model_quality_job_definition(
        self, viewer: Viewer, request: CreateModelQualityJobDefinitionRequest
    ) -> ModelQualityJobDefinition:
        name = request.JobDefinitionName
        self._check_definition(viewer, request.as_monitoring_job_definition(), MODEL_QUALITY_FIELDS, MODEL_QUALITY)
        with self.db.session() as s:
            found = s.scalars(select(MonitoringJobDefinitionRow).filter_by(name=name, owner=viewer.user)).first()
            if found is not None:
                raise Conflict(f"job definition '{name}' already exists", field="JobDefinitionName")
            spec = request.model_dump(mode="json")
            now = datetime.now(timezone.utc)
            s.add(MonitoringJobDefinitionRow(name=name, owner=viewer.user, spec=spec, creation_time=now))
        return self.describe_model_quality_job_definition(viewer, name)

    def describe_model_quality_job_definition(
        self, viewer: Viewer, job_definition_name: str
    ) -> ModelQualityJobDefinition:
        row = self._definition_row(viewer, job_definition_name)
        if not is_model_quality(row.spec):
            raise NotFound(f"model quality job definition '{job_definition_name}' does not exist", "JobDefinitionName")
        arn = f"smstudio:model-quality-job-definition/{row.name}"
        return ModelQualityJobDefinition.model_validate(
            {**row.spec, "JobDefinitionArn": arn, "CreationTime": row.creation_time}
        )

    def list_model_quality_job_definitions(
        self, viewer: Viewer, endpoint_name: Optional[str] = None, limit: int = 100, offset: int = 0
    ) -> MonitoringJobDefinitionList:
        return self._definitions(viewer, True, endpoint_name, limit, offset)

    def delete_model_quality_job_definition(self, viewer: Viewer, job_definition_name: str) -> Deleted:
        self.describe_model_quality_job_definition(viewer, job_definition_name)  # a 404 for another kind's
        return self._delete_definition(viewer, job_definition_name)

    # -- a model quality baseline -------------------------------------------------------------------------------
    @staticmethod
    def _quality_of_baseline(request: CreateBaseliningJobRequest) -> Optional[dict[str, Any]]:
        """What a model quality baselining job is told (None for a data quality baseline), or a 400."""
        named = (request.InferenceAttribute, request.ProbabilityAttribute, request.GroundTruthAttribute)
        if request.ProblemType is None:
            if any(named):
                raise BadRequest("a model quality baseline needs its ProblemType", field="ProblemType")
            return None
        if not request.GroundTruthAttribute:
            raise BadRequest("a model quality baseline needs GroundTruthAttribute", field="GroundTruthAttribute")
        if not request.InferenceAttribute and not (
            request.ProblemType == quality.BINARY and request.ProbabilityAttribute
        ):
            raise BadRequest(
                "name the prediction's column: InferenceAttribute (or, for BinaryClassification, ProbabilityAttribute)",
                field="InferenceAttribute",
            )
        return _quality_config(
            request.ProblemType,
            request.InferenceAttribute,
            request.ProbabilityAttribute,
            request.ProbabilityThresholdAttribute,
            request.GroundTruthAttribute,
        )

    # -- a model quality schedule -------------------------------------------------------------------------------
    def _check_quality(
        self, storage: UserStorage, definition: MonitoringJobDefinition, fields: tuple[str, str, str]
    ) -> None:
        """A model quality definition names its problem type and a ground truth inside the user's volume; its
        constraints are a model quality constraints.json of that problem type. `fields`: how the request names
        (the ground truth, the problem type, the baseline config)."""
        truth_field, problem_field, baseline_field = fields
        if definition.ProblemType is None:
            raise BadRequest("a ModelQuality monitor needs its ProblemType", field=problem_field)
        given = definition.MonitoringInputs[0].GroundTruthS3Input
        if given is None:
            raise BadRequest("a ModelQuality monitor needs GroundTruthS3Input", field=truth_field)
        resolved_url(storage, given.S3Uri, truth_field)
        baseline = definition.BaselineConfig
        rules = baseline.ConstraintsResource if baseline else None
        if rules is None:
            return
        field = f"{baseline_field}.ConstraintsResource.S3Uri"
        url = resolved_url(storage, rules.S3Uri, field)
        try:
            quality.check_constraints(json.loads(storage.read_bytes(url, limit=64 << 20)), definition.ProblemType)
        except (SmStudioError, OSError) as err:
            reason = getattr(err, "message", err)
            raise BadRequest(f"'{field}': {rules.S3Uri} cannot be read: {reason}", field=field) from None
        except (ValueError, SchemaError) as err:
            raise BadRequest(f"'{field}': {rules.S3Uri}: {err}", field=field) from None

    @staticmethod
    def _quality_container(storage: UserStorage, definition: MonitoringJobDefinition, now: datetime) -> dict[str, Any]:
        """What a model quality execution is told besides the window and the output (service.py adds them)."""
        endpoint = definition.MonitoringInputs[0].EndpointInput
        truth = definition.MonitoringInputs[0].GroundTruthS3Input
        # _check_definition asked for an endpoint, _check_quality for the rest
        assert truth is not None and definition.ProblemType is not None and endpoint is not None
        rules = definition.BaselineConfig.ConstraintsResource if definition.BaselineConfig else None
        return {
            "mode": "quality",
            "ground_truth_url": resolved_url(storage, truth.S3Uri, "GroundTruthS3Input.S3Uri"),
            "constraints_url": resolved_url(storage, rules.S3Uri, "ConstraintsResource") if rules else None,
            "statistics_url": None,
            "now": now.isoformat(),
            "quality": _quality_config(
                definition.ProblemType,
                endpoint.InferenceAttribute,
                endpoint.ProbabilityAttribute,
                endpoint.ProbabilityThresholdAttribute,
                None,
            ),
        }


def _quality_config(
    problem_type: str,
    inference: Optional[str],
    probability: Optional[str],
    threshold: Optional[float],
    ground_truth: Optional[str],
) -> dict[str, Any]:
    return {
        "problem_type": problem_type,
        "inference_attribute": inference,
        "probability_attribute": probability,
        "probability_threshold": threshold,
        "ground_truth_attribute": ground_truth,
    }
