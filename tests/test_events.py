"""Live updates reach only those allowed to read the record: on this extension's own websocket
(`smstudio/api/events`), alice's job events go to alice and the admin, never to bob, and carry no
failure reason (it quotes the log). jupyter_server's shared event bus does not carry them, and no
client can post events of this extension's schemas there."""

from __future__ import annotations

import asyncio
import json

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_smstudio.experiments.room import COMPONENT_CHANGED
from jupyter_smstudio.jobs.room import JOB_CHANGED
from tests.conftest import wait_status, write_script

JOB_STATUS_SCHEMA = JOB_CHANGED.schema_id

MULTIUSER = True  # two users and an admin (tests/conftest.py jp_server_config)


@pytest.fixture
def smstudio_config(tmp_path):
    return {"home_volume": str(tmp_path / "volumes" / "{user}"), "admin_users": ["boss"]}


async def subscribe(jp_ws_fetch, token):
    return await jp_ws_fetch("smstudio", "api", "events", headers={"Authorization": f"token {token}"})


async def frames(ws, seconds):
    """Every frame that arrives within `seconds`."""
    out = []
    deadline = asyncio.get_running_loop().time() + seconds
    while (left := deadline - asyncio.get_running_loop().time()) > 0:
        try:
            message = await asyncio.wait_for(ws.read_message(), left)
        except asyncio.TimeoutError:
            break
        if message is None:
            break
        out.append(json.loads(message))
    return out


async def test_events_reach_only_those_who_may_read_the_record(api, jp_ws_fetch, tmp_path, jp_serverapp):
    alice = await subscribe(jp_ws_fetch, "alice-token")
    bob = await subscribe(jp_ws_fetch, "bob-token")
    boss = await subscribe(jp_ws_fetch, "admin-token")
    write_script(tmp_path / "volumes" / "alice", "boom.py", "print('secret in the log'); raise SystemExit(3)\n")
    code, job = await api("POST", "jobs", {"script": "boom.py", "job_name": "alice-boom"}, token="alice-token")
    assert code == 201
    await wait_status(api, "alice-boom", ("Failed",), token="alice-token")
    seen_by_alice, seen_by_boss, seen_by_bob = await asyncio.gather(frames(alice, 2), frames(boss, 2), frames(bob, 2))
    jobs = [f for f in seen_by_alice if f["schema_id"] == JOB_STATUS_SCHEMA]
    assert [f["status"] for f in jobs][0] == "InProgress" and jobs[-1]["status"] == "Failed", seen_by_alice
    assert all(f["job_name"] == "alice-boom" and f["owner"] == "alice" and f["version"] == "2" for f in jobs)
    assert all("failure_reason" not in f for f in jobs)
    assert {f["schema_id"] for f in seen_by_alice} == {JOB_STATUS_SCHEMA, COMPONENT_CHANGED.schema_id}
    assert len(seen_by_boss) == len(seen_by_alice)  # the admin reads everyone's
    assert seen_by_bob == []
    assert "secret in the log" not in json.dumps(seen_by_alice)
    # not on jupyter_server's shared bus, where every user would see them
    assert JOB_STATUS_SCHEMA not in jp_serverapp.event_logger.schemas.schema_ids
    for ws in (alice, bob, boss):
        ws.close()


async def test_clients_cannot_post_this_extensions_events(jp_fetch):
    body = {
        "schema_id": JOB_STATUS_SCHEMA,
        "version": "2",
        "data": {"job_name": "fake", "job_kind": "script", "owner": "alice", "status": "Completed"},
    }
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch(
            "api", "events", method="POST", body=json.dumps(body), headers={"Authorization": "token bob-token"}
        )
    assert err.value.code in (400, 403)


async def test_the_event_socket_needs_authentication(jp_ws_fetch):
    with pytest.raises(HTTPClientError) as err:
        await jp_ws_fetch("smstudio", "api", "events", headers={"Authorization": "token wrong"})
    assert err.value.code in (401, 403)
