"""Real-time endpoints: models, endpoint configs, endpoints whose instances are local model servers.

An endpoint's instances are processes of `python -m jupyter_smstudio.endpoints.serving` (serving/), one per
instance per variant, each on a free loopback port, with the variant's model extracted into the endpoint's
folder. The endpoint is `Creating` until every instance answers `/ping` (then `InService`); an instance that
exits while starting fails the endpoint with the last line of its log as FailureReason (the log is kept).
Each instance's handle (pid, start time, port) is stored, so a restarted server re-adopts the instances that
still run and restarts the dead ones. The router (handlers.py) asks `route()` for a variant (by weight, or the
one named) and an instance (round robin), and forwards the request itself.
"""

from __future__ import annotations

import http.client
import itertools
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import psutil

from ..core.auth import Viewer, resolve_owner
from ..core.db import Database
from ..core.errors import BadRequest, Forbidden, SmStudioError
from ..core.paging import check_page
from ..core.storage import StorageService, UserStorage
from .models import (
    ContainerDefinition,
    CreateEndpointConfigRequest,
    CreateEndpointRequest,
    CreateModelRequest,
    Deleted,
    Endpoint,
    EndpointConfig,
    EndpointConfigList,
    EndpointList,
    EndpointStatus,
    Model,
    ModelList,
    ProductionVariant,
    ProductionVariantSummary,
    UpdateEndpointWeightsAndCapacitiesRequest,
)
from .orm import EndpointConfigRow, EndpointRow, ModelRow
from .store import EndpointRecord, EndpointStore, Named, SpecKind, SpecRecord

log = logging.getLogger(__name__)
START_TIMEOUT = 300.0  # seconds an instance may take to load its model and answer /ping
STOP_GRACE = 5.0
SUPERVISE_EVERY = 2.0
SUBMIT_DIR = "SAGEMAKER_SUBMIT_DIRECTORY"
PROGRAM = "SAGEMAKER_PROGRAM"


class ModelError(SmStudioError):
    """The model's instance refused the request (SageMaker's ModelError): its status and message."""

    status = 424
    reason = "ModelError"

    def __init__(self, message: str, original_status: int, body: bytes, content_type: str):
        super().__init__(message)
        self.original_status, self.body, self.content_type = original_status, body, content_type


@dataclass(frozen=True)
class Route:
    """Where one invocation goes: the variant, and its instances' ports in the order to try them."""

    owner: str
    endpoint_name: str
    variant: str
    ports: tuple[int, ...]


class _WeightedPick:
    """Smooth weighted round robin (nginx's): over any window the split follows the weights exactly."""

    def __init__(self, weights: dict[str, float]):
        self.weights = weights
        self.current = dict.fromkeys(weights, 0.0)

    def pick(self) -> str:
        total = sum(self.weights.values())
        for name, weight in self.weights.items():
            self.current[name] += weight
        chosen = max(self.current, key=lambda n: self.current[n])
        self.current[chosen] -= total
        return chosen


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _last_line(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(max(0, os.path.getsize(path) - 8192))
            lines = [line.strip() for line in fh.read().decode("utf-8", "replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return lines[-1][:1024] if lines else ""


def _python_path() -> str:
    """The instance must import this package even when the server runs from a source checkout."""
    root = str(Path(__file__).resolve().parents[2])
    current = os.environ.get("PYTHONPATH", "")
    return f"{root}{os.pathsep}{current}" if current else root


def _is_url(value: str) -> bool:
    return "://" in value or os.path.isabs(value)


class EndpointService:
    def __init__(self, db: Database, storage: StorageService, home: str, refuse: bool = False):
        self.store = EndpointStore(db)
        self.refuse = refuse  # c.SmStudio.job_os_user is set: instances cannot run as their owner's OS user yet
        self.storage = storage
        self.root = Path(home) / "endpoints"
        self._procs: dict[int, subprocess.Popen[bytes]] = {}  # instances this process started (reaped here)
        self._lock = threading.RLock()
        self._busy: dict[tuple[str, str], threading.Lock] = {}
        self._picks: dict[tuple[str, str], _WeightedPick] = {}
        self._round_robin: dict[tuple[str, str, str], itertools.count[int]] = {}
        self._closed = threading.Event()
        self._supervisor: Optional[threading.Thread] = None

    # -- lifecycle ----------------------------------------------------------------------------------
    def start(self) -> None:
        """After a restart: re-adopt the live instances, restart the dead ones, finish deletes; then watch."""
        for record in self.store.live_endpoints():
            if record.status == "Deleting":
                self._background(record.owner, record.name, self._finish_delete)
            elif record.status != "Failed":
                self._background(record.owner, record.name, self._converge)
        if self._supervisor is None:
            self._supervisor = threading.Thread(target=self._supervise, name="smstudio-endpoints", daemon=True)
            self._supervisor.start()

    def close(self) -> None:
        """Instances outlive the server (as jobs do): a restarted server re-adopts them."""
        self._closed.set()

    def _supervise(self) -> None:
        while not self._closed.wait(SUPERVISE_EVERY):
            try:
                for record in self.store.live_endpoints():
                    if record.status == "InService" and not all(self._alive(h) for h in record.instances):
                        self._background(record.owner, record.name, self._converge, skip_if_busy=True)
            except Exception:  # a busy store now and then: the next round tries again
                log.exception("smstudio: endpoint supervision failed")

    def _background(self, owner: str, name: str, work: Callable[[str, str], None], skip_if_busy: bool = False) -> None:
        """`work(owner, name)` in a thread, one at a time per endpoint."""
        key = (owner, name)
        with self._lock:
            lock = self._busy.setdefault(key, threading.Lock())

        def run() -> None:
            if not lock.acquire(blocking=not skip_if_busy):
                return  # the endpoint is being worked on: the supervisor looks again later
            try:
                work(owner, name)
            except Exception as err:
                log.exception("smstudio: endpoint %s of %s", name, owner)
                self.store.update_endpoint(owner, name, status="Failed", failure_reason=f"internal error: {err}")
            finally:
                lock.release()

        threading.Thread(target=run, name=f"smstudio-endpoint-{name}", daemon=True).start()

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
            self._check_readable(storage, container.ModelDataUrl, "PrimaryContainer.ModelDataUrl")
        submit = container.Environment.get(SUBMIT_DIR)
        if submit and _is_url(submit):
            self._check_readable(storage, submit, f"PrimaryContainer.Environment.{SUBMIT_DIR}")
        if not container.ModelDataUrl and not container.Environment.get(PROGRAM):
            raise BadRequest(
                "PrimaryContainer needs a ModelDataUrl or an inference program (Environment.SAGEMAKER_PROGRAM)",
                field="PrimaryContainer.ModelDataUrl",
            )
        self.store.add_spec(ModelRow, viewer.user, request.ModelName, request.model_dump(mode="json"))
        return self.describe_model(viewer, request.ModelName)

    @staticmethod
    def _check_readable(storage: UserStorage, url: str, field: str) -> None:
        storage.resolve(url, field)  # confined like every URL: a 403 naming the field
        try:
            found = storage.exists(url)
        except SmStudioError:
            found = False
        if not found:
            raise BadRequest(f"'{field}': {url} does not exist", field=field)

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
        self._background(owner, request.EndpointName, self._converge)
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
        self._background(record.owner, endpoint_name, self._finish_delete)
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
            self._background(record.owner, endpoint_name, self._converge)
        return self.describe_endpoint(viewer, endpoint_name)

    # -- the router's part --------------------------------------------------------------------------
    def route(self, viewer: Viewer, endpoint_name: str, target_variant: Optional[str] = None) -> Route:
        record = self._endpoint(viewer, endpoint_name)
        if record.status not in ("InService", "Updating"):
            raise BadRequest(f"endpoint '{endpoint_name}' is {record.status}, not InService", field="EndpointName")
        weights = {v["VariantName"]: float(v["Weight"]) for v in record.variants}
        key = (record.owner, endpoint_name)
        if target_variant:
            if target_variant not in weights:
                raise BadRequest(f"endpoint '{endpoint_name}' has no variant '{target_variant}'", field="TargetVariant")
            variant = target_variant
        else:
            with self._lock:
                pick = self._picks.get(key)
                if pick is None or pick.weights != weights:
                    pick = self._picks[key] = _WeightedPick(weights)
                variant = pick.pick()
        ports = [int(h["port"]) for h in record.instances if h["variant"] == variant]
        if not ports:
            raise BadRequest(f"variant '{variant}' has no instance running", field="TargetVariant")
        with self._lock:
            turn = next(self._round_robin.setdefault((*key, variant), itertools.count())) % len(ports)
        return Route(record.owner, endpoint_name, variant, tuple(ports[turn:] + ports[:turn]))

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
        headers = {"Content-Type": content_type or "application/json", "Accept": accept or "*/*"}
        for port in route.ports:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                conn.request("POST", "/invocations", body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
            except ConnectionRefusedError:
                continue  # an instance going away: the next one of the variant
            finally:
                conn.close()
            media = resp.getheader("Content-Type") or "application/octet-stream"
            if resp.status >= 400:
                raise ModelError(
                    f"Received client error ({resp.status}) from primary with message "
                    f'"{data.decode("utf-8", "replace")[:1000]}"',
                    resp.status,
                    data,
                    media,
                )
            return {"Body": data, "ContentType": media, "InvokedProductionVariant": route.variant}
        raise SmStudioError(f"no instance of variant '{route.variant}' of '{endpoint_name}' answered")

    # -- instances ----------------------------------------------------------------------------------
    def _alive(self, handle: dict[str, Any]) -> bool:
        pid = int(handle.get("pid") or 0)
        with self._lock:
            proc = self._procs.get(pid)
        if proc is not None:
            if proc.poll() is None:
                return True
            with self._lock:
                self._procs.pop(pid, None)
            return False
        try:  # not our child (the server restarted): trust the pid only if its start time matches
            p = psutil.Process(pid)
            same = abs(p.create_time() - float(handle["create_time"])) < 0.01
            return bool(same and p.status() != psutil.STATUS_ZOMBIE)
        except (psutil.NoSuchProcess, psutil.AccessDenied, KeyError, ValueError):
            return False

    def _stop(self, handle: dict[str, Any]) -> None:
        if not self._alive(handle):
            return
        pid = int(handle["pid"])
        try:
            os.killpg(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + STOP_GRACE
        while time.monotonic() < deadline and self._alive(handle):
            time.sleep(0.05)
        if self._alive(handle):
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        with self._lock:
            proc = self._procs.pop(pid, None)
        if proc is not None:
            proc.wait(timeout=STOP_GRACE)

    def _prepare(self, record: EndpointRecord, variant: dict[str, Any]) -> dict[str, str]:
        """The variant's model and code in the endpoint's folder (once), and the instance's environment."""
        container = ContainerDefinition.model_validate(variant["Container"])
        base = Path(record.folder) / variant["VariantName"]
        model_dir, code_dir = base / "model", base / "code"
        storage = self._user_storage(record.owner)
        ready = base / ".ready"
        submit = container.Environment.get(SUBMIT_DIR)
        if not ready.exists():
            shutil.rmtree(base, ignore_errors=True)
            model_dir.mkdir(parents=True)
            if container.ModelDataUrl:
                _fetch(storage, container.ModelDataUrl, model_dir, "PrimaryContainer.ModelDataUrl")
            if submit and _is_url(submit):
                _fetch(storage, submit, code_dir, f"PrimaryContainer.Environment.{SUBMIT_DIR}")
            ready.touch()
        if submit and _is_url(submit):
            code = str(code_dir)
        else:  # SageMaker's framework containers also find the code inside the model, under code/
            code = str(model_dir / "code") if (model_dir / "code").is_dir() else str(model_dir)
        from ..jobs.runners.base import job_environment

        return {
            **job_environment(os.environ),
            **container.Environment,
            "PYTHONPATH": _python_path(),
            "SM_MODEL_DIR": str(model_dir),
            SUBMIT_DIR: code,
            "PYTHONUNBUFFERED": "1",
        }

    def _spawn(self, record: EndpointRecord, variant: str, index: int, env: dict[str, str]) -> dict[str, Any]:
        port = free_port()
        logs = Path(record.folder) / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        log_path = logs / f"{variant}-{index}.log"
        with open(log_path, "ab") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "jupyter_smstudio.endpoints.serving", "--port", str(port)],
                cwd=env[SUBMIT_DIR] if os.path.isdir(env[SUBMIT_DIR]) else record.folder,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=env,
            )
        with self._lock:
            self._procs[proc.pid] = proc
        try:
            created = psutil.Process(proc.pid).create_time()
        except psutil.NoSuchProcess:
            created = 0.0
        return {
            "variant": variant,
            "index": index,
            "pid": proc.pid,
            "create_time": created,
            "port": port,
            "log": str(log_path),
        }

    def _converge(self, owner: str, name: str) -> None:
        """Run each variant's desired count of instances: keep the live ones, start the missing, stop the extra;
        then InService once every instance answers /ping, or Failed with an instance's last log line."""
        record = self.store.find_endpoint(owner, name)
        if record is None or record.status in ("Deleting", "Failed"):
            return
        kept: list[dict[str, Any]] = []
        started: list[dict[str, Any]] = []
        for handle in record.instances:
            variant = next((v for v in record.variants if v["VariantName"] == handle["variant"]), None)
            if variant is not None and handle["index"] < variant["DesiredInstanceCount"] and self._alive(handle):
                kept.append(handle)
            else:
                self._stop(handle)
        try:
            for variant in record.variants:
                have = {h["index"] for h in kept if h["variant"] == variant["VariantName"]}
                missing = [i for i in range(variant["DesiredInstanceCount"]) if i not in have]
                if missing:
                    env = self._prepare(record, variant)
                    started += [self._spawn(record, variant["VariantName"], i, env) for i in missing]
        except SmStudioError as err:
            self._fail(record, [*kept, *started], f"{err.message}")
            return
        # the handles are stored before waiting: a restart now re-adopts them
        self.store.update_endpoint(owner, name, instances=[*kept, *started])
        failure = self._wait_ready(started)
        if failure is not None:
            self._fail(record, [*kept, *started], failure)
            return
        current = self.store.find_endpoint(owner, name)
        if current is None or current.status in ("Deleting", "Failed"):
            return
        variants = [{**v, "InstanceCount": v["DesiredInstanceCount"]} for v in current.variants]
        self.store.update_endpoint(owner, name, status="InService", failure_reason=None, variants=variants)

    def _wait_ready(self, handles: list[dict[str, Any]]) -> Optional[str]:
        """None once every instance answers /ping; else why one did not."""
        waiting = list(handles)
        deadline = time.monotonic() + START_TIMEOUT
        while waiting:
            for handle in list(waiting):
                if _ping(int(handle["port"])):
                    waiting.remove(handle)
                elif not self._alive(handle):
                    reason = _last_line(handle["log"]) or "the instance exited while starting"
                    return f"instance {handle['variant']}-{handle['index']} failed to start: {reason}"
            if waiting and time.monotonic() > deadline:
                return f"instance {waiting[0]['variant']}-{waiting[0]['index']} did not answer /ping in time"
            if waiting:
                time.sleep(0.1)
        return None

    def _fail(self, record: EndpointRecord, handles: list[dict[str, Any]], reason: str) -> None:
        for handle in handles:
            self._stop(handle)
        self.store.update_endpoint(
            record.owner, record.name, status="Failed", failure_reason=reason[:2048], instances=[]
        )

    def _finish_delete(self, owner: str, name: str) -> None:
        record = self.store.find_endpoint(owner, name)
        if record is None:
            return
        for handle in record.instances:
            self._stop(handle)
        shutil.rmtree(record.folder, ignore_errors=True)
        try:
            self.store.delete(EndpointRow, owner, name)
        except SmStudioError:
            pass
        with self._lock:
            self._picks.pop((owner, name), None)


def _ping(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", "/ping")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def _fetch(storage: UserStorage, url: str, dest: Path, field: str) -> None:
    """`url` (a .tar.gz, extracted; a file or a folder, copied) into the folder `dest`, as its owner reads it."""
    storage.resolve(url, field)
    dest.mkdir(parents=True, exist_ok=True)
    if url.rstrip("/").endswith((".tar.gz", ".tgz")):
        with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
            files = storage.download(url, tmp + os.sep)
            try:
                with tarfile.open(files[0]) as tar:
                    tar.extractall(dest, filter="data")
            except (tarfile.TarError, OSError) as err:
                raise BadRequest(f"'{field}': {url} is not a readable .tar.gz: {err}", field=field) from err
    else:
        storage.download(url, str(dest) + os.sep)


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
