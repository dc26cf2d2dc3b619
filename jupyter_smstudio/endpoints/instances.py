"""An endpoint's instances: processes of `python -m jupyter_smstudio.endpoints.serving` (serving/), one per
instance per variant, each on a free loopback port.

Each instance's handle (variant, index, pid, start time, port, log) is stored in the endpoint's record, so a
restarted server re-adopts the instances that still run (`alive` trusts a pid only if its start time matches)
and `converge` restarts the dead ones. Instances run in their own session: stopping one stops what it started.
An instance that leaves a live endpoint (a smaller count, a blue/green switch) first leaves the routing, then
finishes its requests in flight (the router drains it), then stops.
"""

from __future__ import annotations

import http.client
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

import psutil

from ..core.errors import SmStudioError
from ..core.storage import UserStorage
from .artifacts import SUBMIT_DIR, prepare
from .routing import Router
from .store import EndpointRecord, EndpointStore

log = logging.getLogger(__name__)
START_TIMEOUT = 300.0  # seconds an instance may take to load its model and answer /ping
STOP_GRACE = 5.0
DRAIN_TIMEOUT = 65.0  # the router's invocation timeout and a little: no answered request is cut off


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


def _ping(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
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

    def alive(self, handle: dict[str, Any]) -> bool:
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

    def retire(self, handles: list[dict[str, Any]]) -> None:
        """Instances already out of the routing: stopped once their requests in flight are answered."""
        ports = [int(h["port"]) for h in handles]
        if not self.router.drain(ports, DRAIN_TIMEOUT):
            log.warning("smstudio: instances on ports %s still had requests after %ss", ports, DRAIN_TIMEOUT)
        for handle in handles:
            self.stop(handle)
        self.router.release(ports)

    def spawn(self, record: EndpointRecord, variant: str, index: int, env: dict[str, str]) -> dict[str, Any]:
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
        try:
            for variant in record.variants:
                have = {h["index"] for h in kept if h["variant"] == variant["VariantName"]}
                missing = [i for i in range(variant["DesiredInstanceCount"]) if i not in have]
                if missing:
                    env = prepare(self.storage_for(record.owner), record, variant)
                    started += [self.spawn(record, variant["VariantName"], i, env) for i in missing]
        except SmStudioError as err:
            self.fail(record, [*kept, *started], f"{err.message}")
            return
        # the handles are stored before waiting: a restart now re-adopts them
        self.store.update_endpoint(owner, name, instances=[*kept, *started])
        failure = self.wait_ready(started)
        if failure is not None:
            self.fail(record, [*kept, *started], failure)
            return
        current = self.store.find_endpoint(owner, name)
        if current is None or current.status in ("Deleting", "Failed"):
            return
        variants = [{**v, "InstanceCount": v["DesiredInstanceCount"]} for v in current.variants]
        note = {}
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
                if _ping(int(handle["port"])):
                    waiting.remove(handle)
                elif not self.alive(handle):
                    reason = _last_line(handle["log"]) or "the instance exited while starting"
                    return f"instance {handle['variant']}-{handle['index']} failed to start: {reason}"
            if waiting and time.monotonic() > deadline:
                return f"instance {waiting[0]['variant']}-{waiting[0]['index']} did not answer /ping in time"
            if waiting:
                time.sleep(0.1)
        return None

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
