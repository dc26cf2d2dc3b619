"""Bad input gets a 400 that names the field: never a 500, never a traceback."""

from __future__ import annotations

import pytest

from tests.conftest import write_script


@pytest.fixture(autouse=True)
def script(jp_root_dir):
    write_script(jp_root_dir, "ok.py", "print('ok')\n")


def assert_clean(code, body, status, field=None):
    assert code == status, body
    assert isinstance(body, dict) and set(body) == {"message", "reason", "field"}, body
    assert "Traceback" not in body["message"]
    if field is not None:
        assert body["field"] == field, body
        if status == 400:
            assert field.split(".")[-1] in body["message"], body


async def test_malformed_json(api):
    code, body = await api("POST", "jobs", raw_body=b'{"script": "ok.py",')
    assert_clean(code, body, 400, "body")
    assert "malformed JSON" in body["message"]


async def test_body_not_an_object(api):
    code, body = await api("POST", "jobs", raw_body=b'["ok.py"]')
    assert_clean(code, body, 400, "body")


async def test_not_utf8(api):
    code, body = await api("POST", "jobs", raw_body=b"\xff\xfe{}")
    assert_clean(code, body, 400, "body")


@pytest.mark.parametrize(
    "payload, field",
    [
        ({}, "script"),
        ({"script": "ok.py", "colour": "red"}, "colour"),
        ({"script": 42}, "script"),
        ({"script": "ok.py", "arguments": "--epochs 3"}, "arguments"),
        ({"script": "ok.py", "environment": {"A": 1}}, "environment.A"),
        (
            {"script": "ok.py", "stopping_condition": {"max_runtime_seconds": 0}},
            "stopping_condition.max_runtime_seconds",
        ),
        (
            {"script": "ok.py", "stopping_condition": {"max_runtime_seconds": "soon"}},
            "stopping_condition.max_runtime_seconds",
        ),
        ({"script": "ok.py", "job_name": "has spaces!"}, "job_name"),
        ({"script": "ok.py", "job_name": "x" * 64}, "job_name"),
        ({"script": "ok.py", "stop_grace_seconds": -1}, "stop_grace_seconds"),
        ({"script": "ok.py", "environment": {"BAD-NAME": "1"}}, "environment.BAD-NAME"),
        ({"script": "missing.py"}, "script"),
        ({"script": ""}, "script"),
        ({"script": "ftp://host/x.py"}, "script"),
    ],
)
async def test_invalid_fields(api, payload, field):
    code, body = await api("POST", "jobs", payload)
    assert_clean(code, body, 400, field)


async def test_oversized_body(api):
    code, body = await api("POST", "jobs", {"script": "ok.py", "arguments": ["x" * (2 * 1024 * 1024)]})
    assert_clean(code, body, 413, "body")


async def test_duplicate_job_name(api):
    code, _ = await api("POST", "jobs", {"script": "ok.py", "job_name": "twice"})
    assert code == 201
    code, body = await api("POST", "jobs", {"script": "ok.py", "job_name": "twice"})
    assert_clean(code, body, 409, "job_name")


async def test_unknown_job(api):
    for method, path in [("GET", "jobs/nope"), ("POST", "jobs/nope/stop"), ("GET", "jobs/nope/logs")]:
        code, body = await api(method, path)
        assert_clean(code, body, 404, "job_name")


@pytest.mark.parametrize(
    "params, field",
    [
        ({"limit": "many"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"status": "Sleeping"}, "status"),
    ],
)
async def test_bad_query(api, params, field):
    code, body = await api("GET", "jobs", params=params)
    assert_clean(code, body, 400, field)


async def test_unknown_route_is_json_404(api):
    code, body = await api("GET", "no/such/thing")
    assert_clean(code, body, 404)


async def test_storage_needs_url(api):
    code, body = await api("GET", "storage")
    assert_clean(code, body, 400, "url")
