"""Real-time endpoints: the operations on models, endpoint configs and endpoints, answered from the store.

An endpoint's instances are local model servers (instances.py), started from its variants' models and code
(artifacts.py), replaced when they die (supervisor.py); the endpoint is `Creating` until every instance answers
`/ping` (then `InService`). The router (handlers.py) asks `route()` for a variant and an instance (routing.py)
and forwards the request itself.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from ..core.auth import Viewer, resolve_owner
from ..core.db import Database
from ..core.errors import BadRequest, Forbidden, SmStudioError
from ..core.paging import check_page
from ..core.storage import StorageService, UserStorage
from .artifacts import PROGRAM, SUBMIT_DIR, check_readable, is_url
from .instances import Instances
from .metrics import KEEP_MINUTES, InvocationMetrics
from .models import (
    CreateEndpointConfigRequest,
    CreateEndpointRequest,
    CreateModelRequest,
    Deleted,
    Endpoint,
    EndpointConfig,
    EndpointConfigList,
    EndpointList,
    EndpointMetrics,
    EndpointStatus,
    Model,
    ModelList,
    ProductionVariant,
    ProductionVariantSummary,
    UpdateEndpointWeightsAndCapacitiesRequest,
    VariantMetrics,
    VariantMinute,
)
from .orm import EndpointConfigRow, EndpointRow, ModelRow
from .routing import ModelError as ModelError  # re-exported: the SDK's client catches it from here
from .routing import Route, Router, forward
from .store import EndpointRecord, EndpointStore, Named, SpecKind, SpecRecord
from .supervisor import Supervisor


class EndpointService:
    """The room's operations; the instances, the background work and the routing are its parts'."""

    def __init__(self, db: Database, storage: StorageService, home: str, refuse: bool = False):
        self.store = EndpointStore(db)
        self.refuse = refuse  # c.SmStudio.job_os_user is set: instances cannot run as their owner's OS user yet
        self.storage = storage
        self.root = Path(home) / "endpoints"
        self.instances = Instances(self.store, self._user_storage)
        self.router = Router()
        self.metrics = InvocationMetrics()  # the router's counts per variant and minute (autoscaling, charts)
        self.supervisor = Supervisor(self.store)

    # -- lifecycle ----------------------------------------------------------------------------------
    def start(self) -> None:
        """After a restart: re-adopt the live instances, restart the dead ones, finish deletes; then watch."""
        for record in self.store.live_endpoints():
            if record.status == "Deleting":
                self.supervisor.background(record.owner, record.name, self._finish_delete)
            elif record.status != "Failed":
                self.supervisor.background(record.owner, record.name, self.instances.converge)
        self.supervisor.watch(self.instances.alive, self.instances.converge)

    def close(self) -> None:
        """Instances outlive the server (as jobs do): a restarted server re-adopts them."""
        self.supervisor.close()

    # -- whose record -------------------------------------------------------------------------------
    def _owner(self, viewer: Viewer, kind: Named, name: str, field: str) -> str:
        what = {ModelRow: "model", EndpointConfigRow: "endpoint config", EndpointRow: "endpoint"}[kind]
        return resolve_owner(viewer, ((o, False) for o in self.store.holders(kind, name)), what, name, field)

    def _user_storage(self, owner: str) -> UserStorage:
        return self.storage.for_user(owner)

    # -- models -------------------------------------------------------------------------------------
    def create_model(self, viewer: Viewer, request: CreateModelRequest) -> Model:
        container = request.PrimaryContainer
        storage = self._user_storage(viewer.user)
        if container.ModelDataUrl:
            check_readable(storage, container.ModelDataUrl, "PrimaryContainer.ModelDataUrl")
        submit = container.Environment.get(SUBMIT_DIR)
        if submit and is_url(submit):
            check_readable(storage, submit, f"PrimaryContainer.Environment.{SUBMIT_DIR}")
        if not container.ModelDataUrl and not container.Environment.get(PROGRAM):
            raise BadRequest(
                "PrimaryContainer needs a ModelDataUrl or an inference program (Environment.SAGEMAKER_PROGRAM)",
                field="PrimaryContainer.ModelDataUrl",
            )
        self.store.add_spec(ModelRow, viewer.user, request.ModelName, request.model_dump(mode="json"))
        return self.describe_model(viewer, request.ModelName)

    def describe_model(self, viewer: Viewer, model_name: str) -> Model:
        owner = self._owner(viewer, ModelRow, model_name, "ModelName")
        return _model(self.store.get_spec(ModelRow, owner, model_name))

    def list_models(
        self, viewer: Viewer, name_contains: Optional[str] = None, limit: int = 100, offset: int = 0
    ) -> ModelList:
        check_page(limit, offset)
        found, total = self.store.list_specs(ModelRow, viewer.owner_filter, name_contains, limit, offset)
        return ModelList(Models=[_model(r) for r in found], Total=total)

    def delete_model(self, viewer: Viewer, model_name: str) -> Deleted:
        owner = self._owner(viewer, ModelRow, model_name, "ModelName")
        self.store.delete(ModelRow, owner, model_name)  # running endpoints keep their copy (as SageMaker's do)
        return Deleted(Deleted=model_name)

    # -- endpoint configs ---------------------------------------------------------------------------
    def create_endpoint_config(self, viewer: Viewer, request: CreateEndpointConfigRequest) -> EndpointConfig:
        seen: set[str] = set()
        for i, variant in enumerate(request.ProductionVariants):
            field = f"ProductionVariants.{i}"
            if variant.VariantName in seen:
                raise BadRequest(
                    f"the variant name '{variant.VariantName}' is used twice", field=f"{field}.VariantName"
                )
            seen.add(variant.VariantName)
            self._owner(viewer, ModelRow, variant.ModelName, f"{field}.ModelName")  # 404 naming the field
        if not any(v.InitialVariantWeight > 0 for v in request.ProductionVariants):
            raise BadRequest("at least one variant needs a weight above 0", field="ProductionVariants")
        self.store.add_spec(EndpointConfigRow, viewer.user, request.EndpointConfigName, request.model_dump(mode="json"))
        return self.describe_endpoint_config(viewer, request.EndpointConfigName)

    def describe_endpoint_config(self, viewer: Viewer, endpoint_config_name: str) -> EndpointConfig:
        owner = self._owner(viewer, EndpointConfigRow, endpoint_config_name, "EndpointConfigName")
        return _config(self.store.get_spec(EndpointConfigRow, owner, endpoint_config_name))

    def list_endpoint_configs(
        self, viewer: Viewer, name_contains: Optional[str] = None, limit: int = 100, offset: int = 0
    ) -> EndpointConfigList:
        check_page(limit, offset)
        found, total = self.store.list_specs(EndpointConfigRow, viewer.owner_filter, name_contains, limit, offset)
        return EndpointConfigList(EndpointConfigs=[_config(r) for r in found], Total=total)

    def delete_endpoint_config(self, viewer: Viewer, endpoint_config_name: str) -> Deleted:
        owner = self._owner(viewer, EndpointConfigRow, endpoint_config_name, "EndpointConfigName")
        self.store.delete(EndpointConfigRow, owner, endpoint_config_name)
        return Deleted(Deleted=endpoint_config_name)

    # -- endpoints ----------------------------------------------------------------------------------
    def create_endpoint(self, viewer: Viewer, request: CreateEndpointRequest) -> Endpoint:
        if self.refuse:
            raise Forbidden(
                "endpoints are not available on this server: jobs run as their owner's OS user (job_os_user) and "
                "endpoint instances cannot yet",
                field="EndpointName",
            )
        owner = viewer.user
        config = _config(self._spec_of(viewer, EndpointConfigRow, request.EndpointConfigName, "EndpointConfigName"))
        variants = []
        for i, v in enumerate(config.ProductionVariants):
            model = _model(self._spec_of(viewer, ModelRow, v.ModelName, f"ProductionVariants.{i}.ModelName"))
            variants.append(
                {
                    "VariantName": v.VariantName,
                    "ModelName": v.ModelName,
                    "Container": model.PrimaryContainer.model_dump(mode="json"),
                    "Weight": v.InitialVariantWeight,
                    "InstanceCount": 0,
                    "DesiredInstanceCount": v.InitialInstanceCount,
                }
            )
        folder = self.root / uuid.uuid4().hex
        self.store.add_endpoint(owner, request.EndpointName, request.EndpointConfigName, str(folder), variants)
        self.supervisor.background(owner, request.EndpointName, self.instances.converge)
        return self.describe_endpoint(viewer, request.EndpointName)

    def _spec_of(self, viewer: Viewer, kind: SpecKind, name: str, field: str) -> SpecRecord:
        return self.store.get_spec(kind, self._owner(viewer, kind, name, field), name)

    def _endpoint(self, viewer: Viewer, endpoint_name: str) -> EndpointRecord:
        owner = self._owner(viewer, EndpointRow, endpoint_name, "EndpointName")
        return self.store.get_endpoint(owner, endpoint_name)

    def describe_endpoint(self, viewer: Viewer, endpoint_name: str) -> Endpoint:
        return _describe(self._endpoint(viewer, endpoint_name))

    def list_endpoints(
        self,
        viewer: Viewer,
        status: Optional[str] = None,
        name_contains: Optional[str] = None,
        limit: int = 100,
        offset: int = 0,
    ) -> EndpointList:
        if status and status not in EndpointStatus.__args__:  # type: ignore[attr-defined]
            raise BadRequest(f"unknown status '{status}'", field="status")
        check_page(limit, offset)
        found, total = self.store.list_endpoints(viewer.owner_filter, status, name_contains, limit, offset)
        return EndpointList(Endpoints=[_describe(r) for r in found], Total=total)

    def delete_endpoint(self, viewer: Viewer, endpoint_name: str) -> Deleted:
        record = self._endpoint(viewer, endpoint_name)
        self.store.update_endpoint(record.owner, endpoint_name, status="Deleting")
        self.supervisor.background(record.owner, endpoint_name, self._finish_delete)
        return Deleted(Deleted=endpoint_name)

    def update_endpoint_weights_and_capacities(
        self, viewer: Viewer, endpoint_name: str, request: UpdateEndpointWeightsAndCapacitiesRequest
    ) -> Endpoint:
        record = self._endpoint(viewer, endpoint_name)
        variants = {v["VariantName"]: dict(v) for v in record.variants}
        seen: set[str] = set()
        resize = False
        for i, desired in enumerate(request.DesiredWeightsAndCapacities):
            field = f"DesiredWeightsAndCapacities.{i}.VariantName"
            if desired.VariantName not in variants:
                raise BadRequest(
                    f"endpoint '{endpoint_name}' has no variant '{desired.VariantName}' (it has {', '.join(variants)})",
                    field=field,
                )
            if desired.VariantName in seen:
                raise BadRequest(f"the variant '{desired.VariantName}' is named twice", field=field)
            seen.add(desired.VariantName)
            variant = variants[desired.VariantName]
            if desired.DesiredWeight is not None:
                variant["Weight"] = desired.DesiredWeight
            if desired.DesiredInstanceCount is not None and desired.DesiredInstanceCount != variant["InstanceCount"]:
                variant["DesiredInstanceCount"] = desired.DesiredInstanceCount
                resize = True
        if not any(v["Weight"] > 0 for v in variants.values()):
            raise BadRequest("at least one variant needs a weight above 0", field="DesiredWeightsAndCapacities")
        if record.status != "InService":
            raise BadRequest(
                f"endpoint '{endpoint_name}' is {record.status}: only an InService endpoint can be updated",
                field="EndpointName",
            )
        # weights take effect now, on the instances that run; a new count starts or stops instances
        self.store.update_endpoint(
            record.owner,
            endpoint_name,
            variants=list(variants.values()),
            **({"status": "Updating"} if resize else {}),
        )
        if resize:
            self.supervisor.background(record.owner, endpoint_name, self.instances.converge)
        return self.describe_endpoint(viewer, endpoint_name)

    # -- the router's part --------------------------------------------------------------------------
    def route(self, viewer: Viewer, endpoint_name: str, target_variant: Optional[str] = None) -> Route:
        record = self._endpoint(viewer, endpoint_name)
        if record.status not in ("InService", "Updating"):
            raise BadRequest(f"endpoint '{endpoint_name}' is {record.status}, not InService", field="EndpointName")
        return self.router.choose(record, endpoint_name, target_variant)

    def invoke(
        self,
        viewer: Viewer,
        endpoint_name: str,
        body: bytes,
        content_type: Optional[str] = None,
        accept: Optional[str] = None,
        target_variant: Optional[str] = None,
    ) -> dict[str, Any]:
        """The router's work in this process (the SDK's embedded mode): the instance's answer as
        InvokeEndpoint's ({Body, ContentType, InvokedProductionVariant}); a refusal is a ModelError."""
        route = self.route(viewer, endpoint_name, target_variant)
        started = time.monotonic()
        status = 200
        try:
            return forward(route, endpoint_name, body, content_type, accept)
        except ModelError as err:
            status = err.original_status
            raise
        except SmStudioError:
            status = 503
            raise
        finally:
            self.metrics.record(route.owner, endpoint_name, route.variant, time.monotonic() - started, status)

    def describe_endpoint_metrics(self, viewer: Viewer, endpoint_name: str, minutes: int = 60) -> EndpointMetrics:
        if not 1 <= minutes <= KEEP_MINUTES:
            raise BadRequest(f"minutes must be between 1 and {KEEP_MINUTES}", field="minutes")
        record = self._endpoint(viewer, endpoint_name)
        variants = []
        for v in record.variants:
            figures = self.metrics.figures(record.owner, endpoint_name, v["VariantName"], minutes)
            points = [
                VariantMinute(
                    Start=datetime.fromtimestamp(f.start, timezone.utc),
                    Invocations=f.invocations,
                    Invocation4XXErrors=f.errors_4xx,
                    Invocation5XXErrors=f.errors_5xx,
                    LatencyP50Ms=f.latency_p50_ms,
                    LatencyP99Ms=f.latency_p99_ms,
                )
                for f in figures
            ]
            variants.append(
                VariantMetrics(
                    VariantName=v["VariantName"], CurrentInstanceCount=int(v["InstanceCount"]), Minutes=points
                )
            )
        return EndpointMetrics(EndpointName=endpoint_name, Variants=variants)

    def _finish_delete(self, owner: str, name: str) -> None:
        record = self.store.find_endpoint(owner, name)
        if record is None:
            return
        self.instances.remove(record)
        try:
            self.store.delete(EndpointRow, owner, name)
        except SmStudioError:
            pass
        self.router.forget(owner, name)
        self.metrics.forget(owner, name)


def _model(record: SpecRecord) -> Model:
    spec = CreateModelRequest.model_validate(record.spec)
    return Model(
        ModelName=record.name,
        ModelArn=f"smstudio:model/{record.name}",
        PrimaryContainer=spec.PrimaryContainer,
        ExecutionRoleArn=spec.ExecutionRoleArn,
        CreationTime=record.creation_time,
        Owner=record.owner,
    )


def _config(record: SpecRecord) -> EndpointConfig:
    spec = CreateEndpointConfigRequest.model_validate(record.spec)
    return EndpointConfig(
        EndpointConfigName=record.name,
        EndpointConfigArn=f"smstudio:endpoint-config/{record.name}",
        ProductionVariants=[ProductionVariant.model_validate(v) for v in spec.ProductionVariants],
        CreationTime=record.creation_time,
        Owner=record.owner,
    )


def _describe(record: EndpointRecord) -> Endpoint:
    live: dict[str, int] = {}
    for handle in record.instances:
        live[handle["variant"]] = live.get(handle["variant"], 0) + 1
    return Endpoint(
        EndpointName=record.name,
        EndpointArn=f"smstudio:endpoint/{record.name}",
        EndpointConfigName=record.config_name,
        EndpointStatus=record.status,
        FailureReason=record.failure_reason if record.status == "Failed" else None,
        ProductionVariants=[
            ProductionVariantSummary(
                VariantName=v["VariantName"],
                ModelName=v["ModelName"],
                CurrentWeight=float(v["Weight"]),
                DesiredWeight=float(v["Weight"]),
                CurrentInstanceCount=int(v["InstanceCount"]),
                DesiredInstanceCount=int(v["DesiredInstanceCount"]),
            )
            for v in record.variants
        ],
        CreationTime=record.creation_time,
        LastModifiedTime=record.last_modified_time,
        Owner=record.owner,
    )
