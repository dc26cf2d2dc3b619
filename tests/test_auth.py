"""Every route needs authentication; users see only their own records; admins see all."""

from __future__ import annotations

import re

import pytest

from tests.conftest import wait_status, write_script

MULTIUSER = True  # two users and an admin (tests/conftest.py jp_server_config)


async def test_every_route_requires_authentication(jp_serverapp, jp_fetch):
    """Walk the routes the extension registered and call each without credentials."""
    from jupyter_smstudio.core.handlers import SmStudioHandler

    routes = []

    def walk(rules):
        for rule in rules:
            target = rule.target
            if hasattr(target, "rules"):
                walk(target.rules)
            elif isinstance(target, type) and issubclass(target, SmStudioHandler):
                routes.append(rule.matcher.regex.pattern)

    walk(jp_serverapp.web_app.default_router.rules)
    walk(jp_serverapp.web_app.wildcard_router.rules)
    assert len(routes) >= 9, routes
    for pattern in routes:
        path = re.sub(r"\(\?P<\w+>[^)]*\)", "some-job", pattern).rstrip("$")
        path = path.replace("(.*)", "anything").lstrip("/")
        base = jp_serverapp.base_url.strip("/")
        if base and path.startswith(base):
            path = path[len(base) :].lstrip("/")
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            resp = await jp_fetch(
                *path.split("/"),
                method=method,
                raise_error=False,
                headers={"Authorization": "token wrong"},
                body=b"{}" if method in ("POST", "PUT", "PATCH") else None,
            )
            assert resp.code in (401, 403, 405), (method, path, resp.code)
            assert b"Traceback" not in resp.body


@pytest.fixture
def smstudio_config(tmp_path):
    return {"home_volume": str(tmp_path / "volumes" / "{user}"), "admin_users": ["boss"]}


async def test_users_see_only_their_jobs(api, tmp_path):
    write_script(tmp_path / "volumes" / "alice", "mine.py", "print('alice was here')\n")
    code, me = await api("GET", "whoami", token="alice-token")
    assert me["user"] == "alice" and not me["admin"]
    code, job = await api("POST", "jobs", {"script": "mine.py", "job_name": "alice-job"}, token="alice-token")
    assert code == 201 and job["owner"] == "alice"
    await wait_status(api, "alice-job", ("Completed",), token="alice-token")

    # bob: the job does not exist for him, in any route
    for method, path in [("GET", "jobs/alice-job"), ("GET", "jobs/alice-job/logs"), ("POST", "jobs/alice-job/stop")]:
        code, body = await api(method, path, token="bob-token")
        assert code == 404, (path, body)
    _, bobs = await api("GET", "jobs", token="bob-token")
    assert bobs["total"] == 0
    # bob cannot run alice's script through a path into her volume
    code, body = await api(
        "POST", "jobs", {"script": str(tmp_path / "volumes" / "alice" / "mine.py")}, token="bob-token"
    )
    assert code == 403 and body["field"] == "script"

    # the admin sees everyone's
    _, all_jobs = await api("GET", "jobs", token="admin-token")
    assert [j["job_name"] for j in all_jobs["jobs"]] == ["alice-job"]
    code, logs = await api("GET", "jobs/alice-job/logs", token="admin-token")
    assert code == 200 and "alice was here" in logs["text"]


async def test_job_token_acts_as_owner_only_while_running(api, tmp_path, jp_fetch):
    write_script(
        tmp_path / "volumes" / "alice",
        "wait.py",
        """
        import os, time
        open("token.txt", "w").write(os.environ["SMSTUDIO_JOB_TOKEN"])
        time.sleep(600)
    """,
    )
    _, job = await api("POST", "jobs", {"script": "wait.py", "stop_grace_seconds": 0}, token="alice-token")
    token_file = tmp_path / "volumes" / "alice" / "token.txt"
    import asyncio

    for _ in range(100):
        if token_file.exists() and token_file.read_text():
            break
        await asyncio.sleep(0.1)
    credential = token_file.read_text()
    headers = {"Authorization": f"SmStudioJob {credential}"}
    code, body = await api("POST", f"jobs/{job['job_name']}/report", {"secondary_status": "Epoch 2"}, headers=headers)
    assert code == 200 and body["secondary_status"] == "Epoch 2" and body["owner"] == "alice"
    code, _ = await api("GET", "whoami", headers={"Authorization": f"SmStudioJob {credential}x"})
    assert code == 403
    code, _ = await api("GET", "whoami", headers={"Authorization": "SmStudioJob nonsense"})
    assert code == 403
    await api("POST", f"jobs/{job['job_name']}/stop", token="alice-token")
    await wait_status(api, job["job_name"], ("Stopped",), token="alice-token")
    code, _ = await api("GET", "whoami", headers=headers)
    assert code == 403  # the token died with the job


async def test_tuning_jobs_are_private(api, tmp_path):
    import shutil
    from pathlib import Path

    src = tmp_path / "volumes" / "alice" / "src"
    src.mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "training_scripts" / "tune_train.py", src / "tune_train.py")
    body = {
        "tuning_job_name": "alices-tuning",
        "objective": {"metric_name": "acc"},
        "max_jobs": 1,
        "parameter_ranges": {"integer_parameter_ranges": [{"name": "max_depth", "min_value": 2, "max_value": 3}]},
        "training_job": {
            "entry_point": "tune_train.py",
            "source_dir": "src",
            "metric_definitions": [{"Name": "acc", "Regex": "accuracy=([0-9.]+)"}],
        },
    }
    code, job = await api("POST", "tuning-jobs", body, token="alice-token")
    assert code == 201 and job["owner"] == "alice", job
    for method, path in (
        ("GET", "tuning-jobs/alices-tuning"),
        ("GET", "tuning-jobs/alices-tuning/training-jobs"),
        ("POST", "tuning-jobs/alices-tuning/stop"),
    ):
        code, resp = await api(method, path, token="bob-token")
        assert code == 404 and "Traceback" not in str(resp), (path, resp)
    code, listing = await api("GET", "tuning-jobs", token="bob-token")
    assert listing["total"] == 0
    # bob cannot point a tuning job at alice's code either
    body["tuning_job_name"] = "bobs-tuning"
    body["training_job"]["source_dir"] = str(src)
    code, resp = await api("POST", "tuning-jobs", body, token="bob-token")
    assert code == 403 and resp["field"] == "training_job.source_dir", resp
    code, listing = await api("GET", "tuning-jobs", token="admin-token")
    assert [j["tuning_job_name"] for j in listing["tuning_jobs"]] == ["alices-tuning"]
    code, job = await api("POST", "tuning-jobs/alices-tuning/stop", token="alice-token")
    assert code == 200
