"""A real `jupyter server` process with the extension, for SDK and kernel tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import psutil
import requests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def instance_pids(home: Path | str) -> dict[int, str]:
    """The endpoint instances of the server whose SmStudio home is `home`: pid -> SM_MODEL_DIR (an inference
    pipeline's instance: its containers' JSON)."""
    found = {}
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "jupyter_smstudio.endpoints.serving" in " ".join(proc.info["cmdline"] or []):
                env = proc.environ()
                model = env.get("SM_MODEL_DIR") or env.get("SMSTUDIO_PIPELINE") or ""
                if str(home) in model:
                    found[proc.pid] = model
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return found


def stop_instances(home: Path | str) -> None:
    """Endpoint instances outlive their server on purpose (a restarted server adopts them); a test's server is
    gone for good, so its instances go too (they piled up over a whole run of the tests and the benches)."""
    for pid in instance_pids(home):
        try:
            psutil.Process(pid).kill()
        except psutil.NoSuchProcess:
            pass


@contextmanager
def jupyter_server(tmp: Path, extra_env: dict | None = None, keep_instances: bool = False):
    """`keep_instances`: leave the endpoint instances running for the next server on the same `tmp` to adopt."""
    port, token = free_port(), "sdk-test-token"
    root, runtime = tmp / "root", tmp / "runtime"
    root.mkdir(parents=True, exist_ok=True)
    runtime.mkdir(parents=True, exist_ok=True)
    config = tmp / "jupyter_server_config.json"
    config.write_text(
        json.dumps(
            {
                "ServerApp": {
                    "jpserver_extensions": {"jupyter_smstudio": True},
                    "port": port,
                    "ip": "127.0.0.1",
                    "open_browser": False,
                    "root_dir": str(root),
                    "allow_root": True,
                },
                "IdentityProvider": {"token": token},
            }
        )
    )
    env = {
        **os.environ,
        "SMSTUDIO_HOME": str(tmp / "smstudio-home"),
        "JUPYTER_RUNTIME_DIR": str(runtime),
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        **(extra_env or {}),
    }
    for key in ("SMSTUDIO_URL", "SMSTUDIO_TOKEN", "SMSTUDIO_JOB_TOKEN"):
        env.pop(key, None)
    log = open(tmp / "server.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", f"--config={config}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=root,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}api/status", headers={"Authorization": f"token {token}"}, timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("jupyter server did not start:\n" + (tmp / "server.log").read_text()[-3000:])
            time.sleep(0.2)
        yield {
            "url": url,
            "token": token,
            "root": root,
            "runtime": runtime,
            "home": tmp / "smstudio-home",
            "log": tmp / "server.log",
        }
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        if not keep_instances:
            stop_instances(tmp / "smstudio-home")
