"""The Jobs REST API end to end: a real jupyter server, real job processes."""

from __future__ import annotations

import pytest

from tests.conftest import wait_status, write_script


@pytest.fixture
def scripts(jp_root_dir):
    write_script(
        jp_root_dir,
        "ok.py",
        """
        import os, sys
        print("hello from", os.environ["SMSTUDIO_JOB_NAME"], sys.argv[1:], os.environ.get("COLOR"))
    """,
    )
    write_script(
        jp_root_dir,
        "crash.py",
        """
        print("working...")
        raise RuntimeError("the data set is empty")
    """,
    )
    write_script(
        jp_root_dir,
        "explain.py",
        """
        import os, pathlib
        pathlib.Path(os.environ["SM_OUTPUT_DIR"], "failure").write_text("bad channel: train is empty")
        raise SystemExit(2)
    """,
    )
    write_script(
        jp_root_dir,
        "slow.py",
        """
        import time
        print("started", flush=True)
        time.sleep(600)
    """,
    )
    write_script(
        jp_root_dir,
        "stubborn.py",
        """
        import signal, time
        signal.signal(signal.SIGTERM, lambda *a: print("ignoring SIGTERM", flush=True))
        print("started", flush=True)
        while True:
            time.sleep(0.1)
    """,
    )
    return jp_root_dir


async def test_whoami(api, smstudio_home):
    code, me = await api("GET", "whoami")
    assert code == 200
    assert me["user"] == "tester" and me["job_runner"] == "local" and "jobs" in me["rooms"]
    assert me["storage_root"].startswith("file://" + str(smstudio_home))


async def test_script_job_completes_with_log(api, scripts):
    code, job = await api(
        "POST",
        "jobs",
        {"script": "ok.py", "arguments": ["--epochs", "3"], "environment": {"COLOR": "blue"}, "job_name": "first-job"},
    )
    assert code == 201, job
    assert job["status"] == "InProgress" and job["owner"] == "tester" and job["job_kind"] == "script"
    done = await wait_status(api, "first-job", ("Completed", "Failed"))
    assert done["status"] == "Completed", done
    assert done["exit_code"] == 0 and done["end_time"] and done["start_time"]
    code, chunk = await api("GET", "jobs/first-job/logs")
    assert code == 200
    assert "hello from first-job ['--epochs', '3'] blue" in chunk["text"]
    assert chunk["complete"] is True
    code, again = await api("GET", "jobs/first-job/logs", params={"offset": str(chunk["next_offset"])})
    assert again["text"] == "" and again["complete"]
    code, listing = await api("GET", "jobs")
    assert listing["total"] == 1 and listing["jobs"][0]["job_name"] == "first-job"


async def test_crash_fails_with_reason_and_keeps_log(api, scripts):
    _, job = await api("POST", "jobs", {"script": "crash.py"})
    done = await wait_status(api, job["job_name"], ("Completed", "Failed"))
    assert done["status"] == "Failed"
    assert "exit code 1" in done["failure_reason"]
    assert "RuntimeError: the data set is empty" in done["failure_reason"]
    _, chunk = await api("GET", f"jobs/{job['job_name']}/logs")
    assert "working..." in chunk["text"] and "Traceback" in chunk["text"]


async def test_failure_file_is_the_reason(api, scripts):
    _, job = await api("POST", "jobs", {"script": "explain.py"})
    done = await wait_status(api, job["job_name"], ("Completed", "Failed"))
    assert done["status"] == "Failed" and done["failure_reason"] == "bad channel: train is empty"


async def test_stop_a_long_job(api, scripts):
    _, job = await api("POST", "jobs", {"script": "slow.py", "job_name": "long-one"})
    await _wait_log(api, "long-one", "started")
    code, stopping = await api("POST", "jobs/long-one/stop")
    assert code == 200 and stopping["status"] in ("Stopping", "Stopped")
    done = await wait_status(api, "long-one", ("Stopped", "Completed", "Failed"))
    assert done["status"] == "Stopped" and done["secondary_status"] == "Stopped"
    code, again = await api("POST", "jobs/long-one/stop")  # stopping twice is harmless
    assert code == 200 and again["status"] == "Stopped"


async def test_stop_kills_after_grace(api, scripts):
    _, job = await api("POST", "jobs", {"script": "stubborn.py", "stop_grace_seconds": 1})
    name = job["job_name"]
    await _wait_log(api, name, "started")
    await api("POST", f"jobs/{name}/stop")
    done = await wait_status(api, name, ("Stopped",), timeout=20)
    assert done["status"] == "Stopped"
    _, chunk = await api("GET", f"jobs/{name}/logs")
    assert "ignoring SIGTERM" in chunk["text"]


async def test_max_runtime_stops(api, scripts):
    _, job = await api(
        "POST", "jobs", {"script": "slow.py", "stop_grace_seconds": 1, "stopping_condition": {"max_runtime_seconds": 1}}
    )
    done = await wait_status(api, job["job_name"], ("Stopped", "Failed", "Completed"), timeout=20)
    assert done["status"] == "Stopped" and done["secondary_status"] == "MaxRuntimeExceeded"
    assert "MaxRuntimeExceeded" in done["failure_reason"]


async def test_list_filters_and_pages(api, scripts):
    for i in range(3):
        await api("POST", "jobs", {"script": "ok.py", "job_name": f"page-{i}"})
    for i in range(3):
        await wait_status(api, f"page-{i}", ("Completed",))
    _, first = await api("GET", "jobs", params={"limit": "2"})
    assert first["total"] == 3 and [j["job_name"] for j in first["jobs"]] == ["page-2", "page-1"]
    _, rest = await api("GET", "jobs", params={"limit": "2", "offset": "2"})
    assert [j["job_name"] for j in rest["jobs"]] == ["page-0"]
    _, done = await api("GET", "jobs", params={"status": "Completed", "name_contains": "page-1"})
    assert [j["job_name"] for j in done["jobs"]] == ["page-1"]


async def test_job_process_reports_through_the_api(api, jp_root_dir):
    write_script(
        jp_root_dir,
        "reporter.py",
        """
        from jupyter_smstudio.sdk import Session
        s = Session()
        print("mode", s.mode)
        s.report_job_status("Training epoch 1")
        print("reported")
    """,
    )
    _, job = await api("POST", "jobs", {"script": "reporter.py"})
    done = await wait_status(api, job["job_name"], ("Completed", "Failed"))
    _, chunk = await api("GET", f"jobs/{job['job_name']}/logs")
    assert done["status"] == "Completed", chunk["text"]
    assert "mode server" in chunk["text"] and "reported" in chunk["text"]
    assert done["secondary_status"] == "Completed"


async def _wait_log(api, name, text, timeout=20.0):
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, chunk = await api("GET", f"jobs/{name}/logs")
        if text in chunk["text"]:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"'{text}' never appeared in {name}'s log")
