"""Shared fixtures: a jupyter server with the extension on a fresh SmStudio home per test,
and the real services (PostgreSQL, SeaweedFS, Dask) from tests/plugin_services.py."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["pytest_jupyter.jupyter_server", "tests.plugin_services"]

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
# Job processes import the package from the checkout even without `pip install -e`.
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(REPO), os.environ.get("PYTHONPATH", "")] if p)
os.environ.pop("SMSTUDIO_URL", None)
os.environ.pop("SMSTUDIO_TOKEN", None)
os.environ.pop("SMSTUDIO_JOB_TOKEN", None)

USERS = {"alice-token": "alice", "bob-token": "bob", "admin-token": "boss"}


@pytest.fixture(scope="session", autouse=True)
def _instances_end_with_the_tests(tmp_path_factory):
    """Endpoint instances outlive their server on purpose (a restarted server adopts them), so those of the
    tests' in-process servers are stopped when the session ends: every one whose model lies in this session's
    temporary folder (another pytest running beside this one has its own)."""
    yield
    from tests.live_server import stop_instances

    stop_instances(tmp_path_factory.getbasetemp())


@pytest.fixture
def smstudio_home(tmp_path):
    home = tmp_path / "smstudio-home"
    home.mkdir()
    return home


@pytest.fixture
def smstudio_config(smstudio_home):
    """Extra `c.SmStudio` settings a test module may extend (override this fixture)."""
    return {}


@pytest.fixture
def jp_server_config(request, smstudio_home, smstudio_config):
    """The server of a test; a module with `MULTIUSER = True` gets two users and an admin (tests/identity.py),
    each of them a real name, as under JupyterHub."""
    server = {"jpserver_extensions": {"jupyter_smstudio": True}}
    if getattr(request.module, "MULTIUSER", False):
        server["identity_provider_class"] = "tests.identity.TokenUsers"
    return {
        "ServerApp": server,
        "SmStudio": {
            "smstudio_home": str(smstudio_home),
            "export_environment": False,
            "default_owner": "tester",
            **smstudio_config,
        },
    }


def write_script(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(body))
    return path


@pytest.fixture
def api(jp_fetch):
    """`await api(method, path, body=None, params=None, token=None)` -> (status, json)."""

    async def call(method, path, body=None, params=None, token=None, raw_body=None, headers=None):
        hdrs = dict(headers or {})
        if token is not None:
            hdrs["Authorization"] = f"token {token}"
        kwargs = {"method": method, "raise_error": False, "headers": hdrs, "params": params}
        if raw_body is not None:
            kwargs["body"] = raw_body
        elif body is not None:
            kwargs["body"] = json.dumps(body)
        elif method in ("POST", "PUT", "PATCH"):
            kwargs["body"] = b""
        resp = await jp_fetch("smstudio", "api", *path.split("/"), **kwargs)
        text = resp.body.decode() if resp.body else ""
        try:
            data = json.loads(text) if text else None
        except ValueError:
            data = text
        return resp.code, data

    return call


async def wait_status(api, job_name, statuses, token=None, timeout=30.0):
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while True:
        code, job = await api("GET", f"jobs/{job_name}", token=token)
        assert code == 200, job
        if job["status"] in statuses:
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"{job_name} still {job['status']} after {timeout}s")
        await asyncio.sleep(0.2)
