"""The transform room's REST routes on a real Jupyter server with two users: alice's transform job is hers
(bob neither sees, lists nor stops it), the job is listed and logged in the Jobs room, a bad body is a 400
naming its field, and a request without a token is refused."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.conftest import wait_status
from tests.test_transform import make_model, request

MULTIUSER = True  # alice, bob and an admin (tests/conftest.py)
ALICE, BOB = "alice-token", "bob-token"
pytestmark = pytest.mark.timeout(120)


async def test_a_transform_job_over_rest_is_its_owners(api, jp_fetch, jp_root_dir):
    assert (await api("POST", "models", make_model(jp_root_dir, "doubler"), token=ALICE))[0] == 201
    (jp_root_dir / "rows.csv").write_text("1,2\n3,4\n")
    code, desc = await api("POST", "transform-jobs", request("rest", "doubler", "rows.csv", "rest-out"), token=ALICE)
    assert code == 201 and desc["TransformJobStatus"] == "InProgress", desc
    job = await wait_status(api, "rest", ("Completed", "Failed"), token=ALICE, timeout=60)
    assert (job["status"], job["job_kind"]) == ("Completed", "transform"), job
    code, desc = await api("GET", "transform-jobs/rest", token=ALICE)
    assert code == 200 and desc["Progress"] == {"RecordsDone": 2, "RecordsTotal": 2}, desc
    assert (jp_root_dir / "rest-out" / "rows.csv.out").read_text() == "6.0\n14.0\n"
    code, chunk = await api("GET", "jobs/rest/logs", token=ALICE)
    assert code == 200 and "2 record(s) answered" in chunk["text"]

    # bob: not his job, not his model
    assert (await api("GET", "transform-jobs/rest", token=BOB))[0] == 404
    assert (await api("POST", "transform-jobs/rest/stop", token=BOB))[0] == 404
    code, listed = await api("GET", "transform-jobs", token=BOB)
    assert code == 200 and listed["Total"] == 0
    code, err = await api("POST", "transform-jobs", request("mine", "doubler", "rows.csv", "bob-out"), token=BOB)
    assert code == 400 and err["field"] == "ModelName", err
    code, listed = await api("GET", "transform-jobs", params={"status": "Completed"}, token=ALICE)
    assert [s["TransformJobName"] for s in listed["TransformJobSummaries"]] == ["rest"]
    assert (await api("GET", "transform-jobs", params={"status": "Done"}, token=ALICE))[0] == 400

    bad = request("bad", "doubler", "rows.csv", "out", TransformOutput={"AssembleWith": "Paragraph"})
    code, err = await api("POST", "transform-jobs", bad, token=ALICE)
    assert code == 400 and err["field"] == "TransformOutput.AssembleWith", err
    code, _ = await api("GET", "transform-jobs", headers={"Authorization": "token wrong"})
    assert code in (401, 403)

    # stop through the room's route: the job of the foundation stops
    slow = make_model(jp_root_dir, "slow", delay=0.2)
    assert (await api("POST", "models", slow, token=ALICE))[0] == 201
    (jp_root_dir / "many.csv").write_text("".join(f"{i},1\n" for i in range(300)))
    body = request("long", "doubler", "many.csv", "long-out", BatchStrategy="SingleRecord")
    body["ModelName"] = "slow"
    assert (await api("POST", "transform-jobs", body, token=ALICE))[0] == 201
    deadline = time.monotonic() + 60
    while (await api("GET", "transform-jobs/long", token=ALICE))[1]["Progress"]["RecordsDone"] == 0:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.2)
    code, desc = await api("POST", "transform-jobs/long/stop", token=ALICE)
    assert code == 200 and desc["TransformJobStatus"] in ("Stopping", "Stopped"), desc
    job = await wait_status(api, "long", ("Stopped",), token=ALICE, timeout=60)
    assert job["status"] == "Stopped"
