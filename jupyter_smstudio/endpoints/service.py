"""Real-time endpoints: the operations on models, endpoint configs and endpoints, answered from the store.

An endpoint's instances are local model servers (instances.py), started from its variants' models and code
(artifacts.py), replaced when they die (supervisor.py); the endpoint is `Creating` until every instance answers
`/ping` (then `InService`). The router (handlers.py) asks `route()` for a variant and an instance (routing.py),
forwards the request itself, then tells `answered()` (metrics, data capture, the request is no longer in flight).
UpdateEndpoint is blue/green (updates.py); data capture is written off the request path (capture.py).
"""

from __future__ import annotations

import atexit
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Optional

from ..core.auth import Viewer, resolve_owner
from ..core.db import Database
from ..core.errors import BadRequest, Forbidden, SmStudioError
from ..core.paging import check_page
from ..core.storage import StorageService, UserStorage
from .artifacts import PROGRAM, check_readable, is_url
from .capture import CaptureWriter, check_destination, check_inference_id
from .instances import Instances
from .launch import SUBMIT_DIR
from .metrics import KEEP_MINUTES, InvocationMetrics
from .models import (
    ContainerDefinition,
    CreateEndpointConfigRequest,
    CreateEndpointRequest,
    CreateModelRequest,
    DataCaptureConfigSummary,
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
    UpdateEndpointRequest,
    UpdateEndpointWeightsAndCapacitiesRequest,
    VariantMetrics,
    VariantMinute,
)
from .orm import EndpointConfigRow, EndpointRow, ModelRow
from .route_cache import RecordCache
from .routing import ModelError as ModelError  # re-exported: the SDK's client catches it from here
from .routing import NoInstance, Route, Router, forward
from .store import EndpointRecord, EndpointStore, Named, SpecKind, SpecRecord
from .supervisor import Supervisor
from .updates import BlueGreen

ROUTE_TRIES = 5  # reads of an endpoint whose instances a switch retired meanwhile (each one read after it)


class EndpointService:
    """The room's operations; the instances, the background work and the routing are its parts'."""

    def __init__(self, db: Database, storage: StorageService, home: str, refuse: str = ""):
        self.store = EndpointStore(db)
        self.refuse = refuse  # why this server cannot run endpoints ("" when it can): room.py
        self.storage = storage
        self.root = Path(home) / "endpoints"
        self.router = Router()
        self.instances = Instances(self.store, self._user_storage, self.router)
        self.metrics = InvocationMetrics()  # the router's counts per variant and minute (autoscaling, charts)
        self.route_cache = RecordCache()  # the router's copies of endpoint records (no query per invocation)
        self.store.changed.append(self.route_cache.drop)
        self.supervisor = Supervisor(self.store)
        self.capture = CaptureWriter(self._user_storage)
        self.blue_green = BlueGreen(self.store, self.instances, self._user_storage)
        # called as guard(owner, endpoint_name) before UpdateEndpoint changes anything; a guard raises
        # BadRequest to refuse (autoscaling: a variant with a scaling policy is not updated, as on SageMaker)
        self.update_guards: list[Callable[[str, str], None]] = []
        self._stop_with_process = False

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
        """Instances outlive the server (as jobs do): a restarted server re-adopts them; in a script without a
        server they stop with it (`serve_while_this_process_lives`). Every captured record still queued is
        written first."""
        self.supervisor.close()
        self.capture.close()
        if self._stop_with_process:
            self.instances.stop_started()
        self.instances.close()  # the Dask client, when instances run on the cluster

    def serve_while_this_process_lives(self) -> None:
        """The SDK's embedded mode: the instances this process starts stop when it ends (or closes the room);
        the endpoints stay, and the next process on this home starts their instances again."""
        if not self._stop_with_process:
            self._stop_with_process = True
            atexit.register(self.close)

    # -- whose record -------------------------------------------------------------------------------
    def _owner(self, viewer: Viewer, kind: Named, name: str, field: str) -> str:
        what = {ModelRow: "model", EndpointConfigRow: "endpoint config", EndpointRow: "endpoint"}[kind]
        return resolve_owner(viewer, ((o, False) for o in self.store.holders(kind, name)), what, name, field)

    def _user_storage(self, owner: str) -> UserStorage:
        return self.storage.for_user(owner)

    # -- models -------------------------------------------------------------------------------------
    def create_model(self, viewer: Viewer, request: CreateModelRequest) -> Model:
        if (request.PrimaryContainer is None) == (request.Containers is None):
            raise BadRequest(
                "give either PrimaryContainer or Containers (an inference pipeline), not both or neither",
                field="PrimaryContainer",
            )
        mode = request.InferenceExecutionConfig.Mode if request.InferenceExecutionConfig else "Serial"
        if mode != "Serial":
            raise BadRequest(
                "only Serial inference pipelines are served (each container's answer is the next one's request)",
                field="InferenceExecutionConfig.Mode",
            )
        storage = self._user_storage(viewer.user)
        if request.Containers is not None:
            for i, container in enumerate(request.Containers):
                _check_container(storage, container, f"Containers.{i}")
        else:
            assert request.PrimaryContainer is not None  # one of them is set (checked above)
            _check_container(storage, request.PrimaryContainer, "PrimaryContainer")
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
        if request.DataCaptureConfig is not None:
            check_destination(self._user_storage(viewer.user), request.DataCaptureConfig)
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
            raise Forbidden(f"endpoints are not available on this server: {self.refuse}", field="EndpointName")
        owner = viewer.user
        variants = self._variants(viewer, request.EndpointConfigName)
        folder = self.root / uuid.uuid4().hex
        self.store.add_endpoint(owner, request.EndpointName, request.EndpointConfigName, str(folder), variants)
        self.supervisor.background(owner, request.EndpointName, self.instances.converge)
        return self.describe_endpoint(viewer, request.EndpointName)

    def _variants(self, viewer: Viewer, config_name: str) -> list[dict[str, Any]]:
        """An endpoint's variants as stored: the config's, each with a copy of its model's containers (a model
        deleted later does not change a running endpoint) and the config's data capture."""
        config = _config(self._spec_of(viewer, EndpointConfigRow, config_name, "EndpointConfigName"))
        capture = config.DataCaptureConfig.model_dump(mode="json") if config.DataCaptureConfig else None
        variants = []
        for i, v in enumerate(config.ProductionVariants):
            model = _model(self._spec_of(viewer, ModelRow, v.ModelName, f"ProductionVariants.{i}.ModelName"))
            variant: dict[str, Any] = {
                "VariantName": v.VariantName,
                "ModelName": v.ModelName,
                "Weight": v.InitialVariantWeight,
                "InstanceCount": 0,
                "DesiredInstanceCount": v.InitialInstanceCount,
            }
            if model.Containers:
                variant["Containers"] = [c.model_dump(mode="json") for c in model.Containers]
            else:
                assert model.PrimaryContainer is not None  # a model has one or the other (create_model)
                variant["Container"] = model.PrimaryContainer.model_dump(mode="json")
            if capture is not None:
                variant["DataCapture"] = capture
            variants.append(variant)
        return variants

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

    def update_endpoint(self, viewer: Viewer, endpoint_name: str, request: UpdateEndpointRequest) -> Endpoint:
        """UpdateEndpoint: blue/green to another configuration (updates.py); the answer says Updating."""
        record = self._endpoint(viewer, endpoint_name)
        for guard in self.update_guards:
            guard(record.owner, endpoint_name)
        if record.status != "InService":
            raise BadRequest(
                f"endpoint '{endpoint_name}' is {record.status}: only an InService endpoint can be updated",
                field="EndpointName",
            )
        variants = self._variants(viewer, request.EndpointConfigName)
        if request.RetainAllVariantProperties:
            _retain(
                variants, record.variants, {p.VariantPropertyType for p in request.ExcludeRetainedVariantProperties}
            )
        if not any(v["Weight"] > 0 for v in variants):
            raise BadRequest("at least one variant needs a weight above 0", field="EndpointConfigName")
        if not self.store.update_endpoint(record.owner, endpoint_name, status="Updating"):
            raise SmStudioError(f"endpoint '{endpoint_name}' was deleted meanwhile")
        self.supervisor.background(
            record.owner, endpoint_name, self.blue_green.work(request.EndpointConfigName, variants)
        )
        return self.describe_endpoint(viewer, endpoint_name)

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
        """Where one request goes; it is in flight until `answered`."""
        for attempt in range(ROUTE_TRIES):
            if attempt:  # the copy named instances a switch retired meanwhile: read the record itself
                self.route_cache.drop(endpoint_name)
            record = self.route_cache.get(viewer, endpoint_name, lambda: self._endpoint(viewer, endpoint_name))
            route = self._choose(record, endpoint_name, target_variant)
            if route is not None:
                return route
        raise NoInstance(f"endpoint '{endpoint_name}' is switching instances; try again")

    def cached_route(self, viewer: Viewer, endpoint_name: str, target_variant: Optional[str] = None) -> Optional[Route]:
        """`route` from the router's copy alone (no store: the event loop may call it); None when there is none."""
        record = self.route_cache.peek(viewer, endpoint_name)
        return self._choose(record, endpoint_name, target_variant) if record is not None else None

    def _choose(self, record: EndpointRecord, endpoint_name: str, target_variant: Optional[str]) -> Optional[Route]:
        if record.status not in ("InService", "Updating"):
            raise BadRequest(f"endpoint '{endpoint_name}' is {record.status}, not InService", field="EndpointName")
        return self.router.choose(record, endpoint_name, target_variant)

    def answered(
        self,
        route: Route,
        latency_s: float,
        status: int,
        request: bytes = b"",
        request_type: str = "",
        answer: bytes = b"",
        answer_type: str = "",
        inference_id: Optional[str] = None,
    ) -> None:
        """After a request on `route`, answered or not: no longer in flight, counted, and maybe captured."""
        self.router.done(route)
        self.metrics.record(route.owner, route.endpoint_name, route.variant, latency_s, status)
        if route.capture is not None:
            self.capture.offer(route, request, request_type, answer, answer_type, status, inference_id)

    def invoke(
        self,
        viewer: Viewer,
        endpoint_name: str,
        body: bytes,
        content_type: Optional[str] = None,
        accept: Optional[str] = None,
        target_variant: Optional[str] = None,
        inference_id: Optional[str] = None,
    ) -> dict[str, Any]:
        """The router's work in this process (the SDK's embedded mode): the instance's answer as
        InvokeEndpoint's ({Body, ContentType, InvokedProductionVariant}); a refusal is a ModelError."""
        check_inference_id(inference_id)
        route = self.route(viewer, endpoint_name, target_variant)
        started = time.monotonic()
        status = 503
        answer: dict[str, Any] = {}
        try:
            answer = forward(route, endpoint_name, body, content_type, accept)
            status = 200
            return answer
        except ModelError as err:
            status = err.original_status
            raise
        finally:
            self.answered(
                route,
                time.monotonic() - started,
                status,
                body,
                content_type or "application/json",
                answer.get("Body", b""),
                answer.get("ContentType", ""),
                inference_id,
            )

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


def _check_container(storage: UserStorage, container: ContainerDefinition, field: str) -> None:
    """A missing artifact or code fails CreateModel (naming the field), not the endpoint later."""
    if container.ModelDataUrl:
        check_readable(storage, container.ModelDataUrl, f"{field}.ModelDataUrl")
    submit = container.Environment.get(SUBMIT_DIR)
    if submit and is_url(submit):
        check_readable(storage, submit, f"{field}.Environment.{SUBMIT_DIR}")
    if not container.ModelDataUrl and not container.Environment.get(PROGRAM):
        raise BadRequest(
            f"{field} needs a ModelDataUrl or an inference program (Environment.SAGEMAKER_PROGRAM)",
            field=f"{field}.ModelDataUrl",
        )


def _retain(variants: list[dict[str, Any]], current: list[dict[str, Any]], excluded: set[str]) -> None:
    """RetainAllVariantProperties: the live weight, count and data capture of each variant both configurations
    name, unless excluded (ExcludeRetainedVariantProperties)."""
    live = {v["VariantName"]: v for v in current}
    for variant in variants:
        old = live.get(variant["VariantName"])
        if old is None:
            continue
        if "DesiredWeight" not in excluded:
            variant["Weight"] = old["Weight"]
        if "DesiredInstanceCount" not in excluded:
            variant["DesiredInstanceCount"] = old["DesiredInstanceCount"]
        if "DataCaptureConfig" not in excluded:
            variant.pop("DataCapture", None)
            if old.get("DataCapture") is not None:
                variant["DataCapture"] = old["DataCapture"]


def _model(record: SpecRecord) -> Model:
    spec = CreateModelRequest.model_validate(record.spec)
    return Model(
        ModelName=record.name,
        ModelArn=f"smstudio:model/{record.name}",
        PrimaryContainer=spec.PrimaryContainer,
        Containers=spec.Containers,
        InferenceExecutionConfig=spec.InferenceExecutionConfig,
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
        DataCaptureConfig=spec.DataCaptureConfig,
        CreationTime=record.creation_time,
        Owner=record.owner,
    )


def _describe(record: EndpointRecord) -> Endpoint:
    capture = next((v["DataCapture"] for v in record.variants if v.get("DataCapture")), None)
    summary = None
    if capture is not None:
        enabled = bool(capture.get("EnableCapture", True))
        summary = DataCaptureConfigSummary(
            EnableCapture=enabled,
            CaptureStatus="Started" if enabled else "Stopped",
            CurrentSamplingPercentage=int(capture["InitialSamplingPercentage"]),
            DestinationS3Uri=capture["DestinationS3Uri"],
            KmsKeyId=capture.get("KmsKeyId"),
        )
    return Endpoint(
        EndpointName=record.name,
        EndpointArn=f"smstudio:endpoint/{record.name}",
        EndpointConfigName=record.config_name,
        EndpointStatus=record.status,
        FailureReason=record.failure_reason or None,
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
        DataCaptureConfig=summary,
        CreationTime=record.creation_time,
        LastModifiedTime=record.last_modified_time,
        Owner=record.owner,
    )
