"""Job status changes reach listeners as jupyter_events with a versioned schema."""

from __future__ import annotations

import asyncio

from jupyter_smstudio.jobs.room import JOB_CHANGED
from tests.conftest import wait_status, write_script

JOB_STATUS_SCHEMA = JOB_CHANGED.schema_id


async def test_status_changes_are_emitted(jp_serverapp, api, jp_root_dir):
    write_script(jp_root_dir, "ok.py", "print('ok')\n")
    seen = []

    async def listener(logger, schema_id, data):
        seen.append((schema_id, dict(data)))

    jp_serverapp.event_logger.add_listener(schema_id=JOB_STATUS_SCHEMA, listener=listener)
    _, job = await api("POST", "jobs", {"script": "ok.py", "job_name": "evented"})
    await wait_status(api, "evented", ("Completed",))
    for _ in range(50):
        if any(d["status"] == "Completed" for _, d in seen):
            break
        await asyncio.sleep(0.1)
    statuses = [d["status"] for s, d in seen if d["job_name"] == "evented"]
    assert statuses[0] == "InProgress" and statuses[-1] == "Completed"
    assert all(s == JOB_STATUS_SCHEMA for s, _ in seen)
    assert seen[-1][1]["owner"] == "tester" and seen[-1][1]["job_kind"] == "script"
    # the schema is versioned and registered with the server's event logger
    schema = jp_serverapp.event_logger.schemas.get(JOB_STATUS_SCHEMA)
    assert schema.version == "1"
