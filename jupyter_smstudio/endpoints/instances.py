"""An endpoint's instances: processes of `python -m jupyter_smstudio.endpoints.serving` (serving/), one per
instance per variant, each on a free loopback port; or, when the server's jobs run on Dask, tasks on its workers
that run the same server on the worker's host (on_dask.py). A model whose code has a requirements.txt starts
through launch.py, which installs it into a cached environment first.

Each instance's handle (variant, index, pid, start time, port, log) is stored in the endpoint's record, so a
restarted server re-adopts the instances that still run (`alive` trusts a pid only if its start time matches)
and `converge` restarts the dead ones. A handle names where the router reaches the instance: "host" (127.0.0.1
but on Dask) and "port". Instances run in their own session: stopping one stops what it started.
An instance that leaves a live endpoint (a smaller count, a blue/green switch) first leaves the routing, then
finishes its requests in flight (the router drains it), then stops.

A scale-out (UpdateEndpointWeightsAndCapacities raising a count) whose new instances do not start leaves the
endpoint InService on the instances it had, as SageMaker's failed scaling does: the new ones stop, the counts go
back, and FailureReason says why. Only an endpoint being created, or left with a variant without instances, fails.
"""

from __future__ import annotations

import http.client
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Optional

import psutil

from ..core.errors import SmStudioError
from ..core.storage import UserStorage
from .artifacts import prepare
from .launch import SUBMIT_DIR, requirement_files
from .on_dask import DaskInstances
from .os_users import identity_of, popen_as, share_with
from .routing import Router
from .store import EndpointRecord, EndpointStore

log = logging.getLogger(__name__)
START_TIMEOUT = 300.0  # seconds an instance may take to load its model and answer /ping
STOP_GRACE = 5.0
SCALE_OUT_FAILED = "UpdateEndpointWeightsAndCapacities could not scale out"  # the note autoscaling reads
DRAIN_TIMEOUT = 65.0  # the router's invocation timeout and a little: no answered request is cut off
LOCAL = "127.0.0.1"
ON_DASK = "dask"  # a handle's "runner" when its instance is a task on the cluster


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _last_line(path: str) -> str:
    """The FailureReason of an instance that exited while starting: the end of its log (the log is kept)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(max(0, os.path.getsize(path) - 8192))
            lines = [line.strip() for line in fh.read().decode("utf-8", "replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return lines[-1][:1024] if lines else ""


def host_of(handle: dict[str, Any]) -> str:
    """Where the router reaches an instance (handles stored before hosts existed are local)."""
    return str(handle.get("host") or LOCAL)


def _ping(host: str, port: int) -> bool:
    conn = http.client.HTTPConnection(host, port, timeout=2)
    try:
        conn.request("GET", "/ping")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


class Instances:
    """Starts, pings and stops the instances, and brings an endpoint's to its variants' desired counts."""

    def __init__(self, store: EndpointStore, storage_for: Callable[[str], UserStorage], router: Router):
        self.store = store
        self.storage_for = storage_for
        self.router = router
        self._procs: dict[int, subprocess.Popen[bytes]] = {}  # instances this process started (reaped here)
        self._lock = threading.RLock()
        self.dask: Optional[DaskInstances] = None  # set when the server's jobs run on Dask (room.py)
        self.os_user_template = ""  # c.SmStudio.job_os_user: instances run as their owner's OS user (os_users.py)
        self._on_dask: list[dict[str, Any]] = []  # instances this process started there (stop_started)

    def use_dask(self, scheduler_address: str) -> None:
        """New instances start on this Dask cluster's workers."""
        self.dask = DaskInstances(scheduler_address)

    def alive(self, handle: dict[str, Any]) -> bool:
        if handle.get("runner") == ON_DASK:
            # a server no longer configured for Dask cannot see it: replaced by a local one
            return self.dask is not None and self.dask.alive(handle)
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

    def stop(self, handle: dict[str, Any]) -> None:
        if handle.get("runner") == ON_DASK:
            if self.dask is not None:
                self.dask.stop(handle, STOP_GRACE)
            return
        if not self.alive(handle):
            return
        pid = int(handle["pid"])
        try:
            os.killpg(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + STOP_GRACE
        while time.monotonic() < deadline and self.alive(handle):
            time.sleep(0.05)
        if self.alive(handle):
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        with self._lock:
            proc = self._procs.pop(pid, None)
        if proc is not None:
            proc.wait(timeout=STOP_GRACE)

    def stop_started(self) -> None:
        """Every instance this process started (a script without a server ends)."""
        with self._lock:
            pids = list(self._procs)
            remote, self._on_dask = self._on_dask, []
        for handle in remote:
            self.stop(handle)
        for pid in pids:
            try:
                os.killpg(pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                continue
        for pid in pids:
            with self._lock:
                proc = self._procs.pop(pid, None)
            if proc is None:
                continue
            try:
                proc.wait(timeout=STOP_GRACE)
            except subprocess.TimeoutExpired:
                os.killpg(pid, signal.SIGKILL)
                proc.wait(timeout=STOP_GRACE)

    def close(self) -> None:
        """The server stops: instances keep running (a restarted server re-adopts them); the Dask client goes."""
        if self.dask is not None:
            self.dask.close()

    def retire(self, handles: list[dict[str, Any]]) -> None:
        """Instances already out of the routing: stopped once their requests in flight are answered."""
        ports = [int(h["port"]) for h in handles]
        if not self.router.drain(ports, DRAIN_TIMEOUT):
            log.warning("smstudio: instances on ports %s still had requests after %ss", ports, DRAIN_TIMEOUT)
        for handle in handles:
            self.stop(handle)
        self.router.release(ports)

    def spawn(self, record: EndpointRecord, variant: str, index: int, env: dict[str, str]) -> dict[str, Any]:
        logs = Path(record.folder) / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        log_path = logs / f"{variant}-{index}.log"
        # with a requirements.txt the instance installs it first (launch.py), then becomes the model server
        module = "launch" if requirement_files(env) else "serving"
        args = ["-m", f"jupyter_smstudio.endpoints.{module}"]
        cwd = env[SUBMIT_DIR] if os.path.isdir(env[SUBMIT_DIR]) else record.folder
        token = secrets.token_urlsafe(24)  # the router's, kept in the endpoint's record (serving/app.py)
        env = {**env, "SMSTUDIO_INSTANCE_TOKEN": token}
        if self.dask is not None:
            placed = self.dask.start(args, env, cwd, str(log_path), STOP_GRACE)
            handle = {"variant": variant, "index": index, **placed, "log": str(log_path), "token": token}
            with self._lock:
                self._on_dask.append(handle)
            return handle
        port = free_port()
        launch: dict[str, Any] = {"env": env}
        if self.os_user_template:
            who = identity_of(self.os_user_template.replace("{user}", record.owner))
            share_with(Path(record.folder), who)
            launch = popen_as(who, env)
        with open(log_path, "ab") as out:
            proc = subprocess.Popen(
                [sys.executable, *args, "--port", str(port)],
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **launch,
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
            "host": LOCAL,
            "port": port,
            "log": str(log_path),
            "token": token,
        }

    def converge(self, owner: str, name: str) -> None:
        """Run each variant's desired count of instances: keep the live ones, start the missing, retire the
        extra; then InService once every instance answers /ping, or Failed with an instance's last log line.
        Instances of a blue/green update that a restart interrupted are stopped: the endpoint stays on the
        configuration it served (a rollback, noted in FailureReason)."""
        record = self.store.find_endpoint(owner, name)
        if record is None or record.status in ("Deleting", "Failed"):
            return
        kept: list[dict[str, Any]] = []
        leaving: list[dict[str, Any]] = []
        interrupted = False
        for handle in record.instances:
            variant = next((v for v in record.variants if v["VariantName"] == handle["variant"]), None)
            interrupted = interrupted or bool(handle.get("pending"))
            if handle.get("pending") or variant is None or handle["index"] >= variant["DesiredInstanceCount"]:
                leaving.append(handle)
            elif self.alive(handle):
                kept.append(handle)
            else:
                self.stop(handle)  # dead: nothing to drain
        if leaving:  # out of the routing first, then stopped once answered
            self.store.update_endpoint(owner, name, instances=kept)
            self.retire(leaving)
        started: list[dict[str, Any]] = []
        failure: Optional[str] = None
        try:
            for variant in record.variants:
                have = {h["index"] for h in kept if h["variant"] == variant["VariantName"]}
                missing = [i for i in range(variant["DesiredInstanceCount"]) if i not in have]
                if missing:
                    env = prepare(self.storage_for(record.owner), record, variant)
                    started += [self.spawn(record, variant["VariantName"], i, env) for i in missing]
        except SmStudioError as err:
            failure = err.message
        except OSError as err:  # a process or task that cannot start (no more processes, no Dask worker)
            failure = f"an instance could not start: {err}"
        else:
            # the handles are stored before waiting: a restart now re-adopts them
            self.store.update_endpoint(owner, name, instances=[*kept, *started])
            failure = self.wait_ready(started)
        if failure is not None:
            scaling = record.status == "Updating" and not interrupted
            if not (scaling and self.scale_back(record, kept, started, failure)):
                self.fail(record, [*kept, *started], failure)
            return
        current = self.store.find_endpoint(owner, name)
        if current is None or current.status in ("Deleting", "Failed"):
            return
        variants = [{**v, "InstanceCount": v["DesiredInstanceCount"]} for v in current.variants]
        note: dict[str, Any] = {}
        if record.status == "Updating":  # a resize that worked: an earlier failed one's note is stale
            note["failure_reason"] = None
        if interrupted:
            note["failure_reason"] = (
                f"UpdateEndpoint was interrupted (the server stopped) and rolled back: the endpoint serves "
                f"'{current.config_name}'"
            )
        self.store.update_endpoint(owner, name, status="InService", variants=variants, **note)

    def wait_ready(self, handles: list[dict[str, Any]]) -> Optional[str]:
        """None once every instance answers /ping; else why one did not."""
        waiting = list(handles)
        deadline = time.monotonic() + START_TIMEOUT
        while waiting:
            for handle in list(waiting):
                if _ping(host_of(handle), int(handle["port"])):
                    waiting.remove(handle)
                elif not self.alive(handle):
                    reason = _last_line(handle["log"]) or "the instance exited while starting"
                    return f"instance {handle['variant']}-{handle['index']} failed to start: {reason}"
            if waiting and time.monotonic() > deadline:
                return f"instance {waiting[0]['variant']}-{waiting[0]['index']} did not answer /ping in time"
            if waiting:
                time.sleep(0.1)
        return None

    def scale_back(
        self, record: EndpointRecord, kept: list[dict[str, Any]], started: list[dict[str, Any]], failure: str
    ) -> bool:
        """A resize whose new instances did not start: they stop, and the endpoint stays InService on the
        instances it kept, each variant's counts set to those (so nothing retries it in a loop). False when a
        variant would be left without instances: then the endpoint fails."""
        counts = Counter(h["variant"] for h in kept)
        if any(counts[v["VariantName"]] == 0 for v in record.variants):
            return False
        current = self.store.find_endpoint(record.owner, record.name)
        if current is None or current.status in ("Deleting", "Failed"):
            self.retire(started)
            return True
        variants = [
            {**v, "InstanceCount": counts[v["VariantName"]], "DesiredInstanceCount": counts[v["VariantName"]]}
            for v in current.variants
        ]
        self.store.update_endpoint(
            record.owner,
            record.name,
            status="InService",
            variants=variants,
            instances=kept,
            failure_reason=(
                f"{SCALE_OUT_FAILED}: {failure}. The endpoint serves on its {len(kept)} running instance(s)"
            )[:2048],
        )
        self.retire(started)  # out of the routing now; one that did start may have taken requests meanwhile
        return True

    def fail(self, record: EndpointRecord, handles: list[dict[str, Any]], reason: str) -> None:
        for handle in handles:
            self.stop(handle)
        self.store.update_endpoint(
            record.owner, record.name, status="Failed", failure_reason=reason[:2048], instances=[]
        )

    def remove(self, record: EndpointRecord) -> None:
        """A deleted endpoint's instances stopped and its folder (model, code, logs) gone."""
        for handle in record.instances:
            self.stop(handle)
        shutil.rmtree(record.folder, ignore_errors=True)
