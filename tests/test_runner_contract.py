"""One contract both job runners pass: local processes and a real Dask cluster (separate processes)."""

from __future__ import annotations

import time

import psutil
import pytest

from jupyter_smstudio.jobs.models import ScriptJobRequest
from jupyter_smstudio.jobs.runners.dask import DaskRunner
from jupyter_smstudio.jobs.runners.local import LocalProcessRunner
from jupyter_smstudio.studio import JOBS, StudioSettings, build_services
from tests.conftest import write_script


@pytest.fixture(params=["local", "dask"])
def runner(request):
    """The settings that choose the runner."""
    if request.param == "local":
        return {"job_runner_class": LocalProcessRunner}
    return {"job_runner_class": DaskRunner, "dask_scheduler_address": request.getfixturevalue("dask_address")}


@pytest.fixture
def settings(tmp_path, runner):
    root = tmp_path / "root"
    write_script(root, "ok.py", "import sys, os\nprint('args', sys.argv[1:], os.environ.get('K'))\n")
    write_script(root, "crash.py", "print('before');import sys; sys.exit(7)\n")
    write_script(root, "slow.py", "import time\nprint('started', flush=True)\ntime.sleep(300)\n")
    write_script(
        root,
        "stubborn.py",
        """
        import signal, time
        signal.signal(signal.SIGTERM, lambda *a: print('ignoring', flush=True))
        print('started', flush=True)
        while True: time.sleep(0.1)
    """,
    )
    # a child in a session of its own (out of the job's process group), and an orphan of a child that exited
    write_script(
        root,
        "detached.py",
        """
        import subprocess, sys, time
        forever = [sys.executable, "-c", "import time\\nwhile True: time.sleep(0.1)"]
        spawn = "import subprocess as s,sys;print(s.Popen(sys.argv[1:],start_new_session=1,stdout=-3,stderr=-3).pid)"
        child = subprocess.Popen(forever, start_new_session=True)
        middle = subprocess.run(
            [sys.executable, "-c", spawn, *forever],
            capture_output=True, text=True, check=True,
        )
        print("children", child.pid, middle.stdout.strip(), flush=True)
        if sys.argv[1:] == ["--wait"]:
            time.sleep(300)
    """,
    )
    return StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(root), **runner)


@pytest.fixture
def services(settings):
    s = build_services(settings)
    yield s
    s.close()


def run(services, **req):
    viewer = services.viewer("alice")
    job = services.get(JOBS).submit_script(viewer, ScriptJobRequest(**req))
    return viewer, job.job_name


def wait_log(services, viewer, name, text, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in services.get(JOBS).logs(viewer, name).text:
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not in the log of {name}")


def test_completes_with_arguments_environment_and_log(services):
    viewer, name = run(services, script="ok.py", arguments=["--lr", "0.1"], environment={"K": "v"})
    job = services.get(JOBS).wait(viewer, name, timeout=60)
    assert job.status == "Completed" and job.exit_code == 0
    assert "args ['--lr', '0.1'] v" in services.get(JOBS).logs(viewer, name).text


def test_failure_keeps_log_and_reason(services):
    viewer, name = run(services, script="crash.py")
    job = services.get(JOBS).wait(viewer, name, timeout=60)
    assert job.status == "Failed" and job.exit_code == 7
    assert "exit code 7" in job.failure_reason and "before" in job.failure_reason
    assert "before" in services.get(JOBS).logs(viewer, name).text


def test_stop_then_kill_after_grace(services):
    viewer, name = run(services, script="stubborn.py", stop_grace_seconds=1)
    wait_log(services, viewer, name, "started")
    services.get(JOBS).stop(viewer, name)
    job = services.get(JOBS).wait(viewer, name, timeout=30)
    assert job.status == "Stopped"
    assert "ignoring" in services.get(JOBS).logs(viewer, name).text


def _children(services, viewer, name):
    wait_log(services, viewer, name, "children")
    line = next(x for x in services.get(JOBS).logs(viewer, name).text.splitlines() if x.startswith("children"))
    return [int(pid) for pid in line.split()[1:]]


def _gone(pids, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE for p in pids):
            return True
        time.sleep(0.1)
    return False


def test_stop_ends_children_in_their_own_session_and_orphans(services):
    viewer, name = run(services, script="detached.py", arguments=["--wait"], stop_grace_seconds=1)
    pids = _children(services, viewer, name)
    services.get(JOBS).stop(viewer, name)
    assert services.get(JOBS).wait(viewer, name, timeout=30).status == "Stopped"
    assert _gone(pids), "a process of the stopped job is still running"


def test_a_finished_job_leaves_no_process_behind(services):
    viewer, name = run(services, script="detached.py")
    pids = _children(services, viewer, name)
    assert services.get(JOBS).wait(viewer, name, timeout=30).status == "Completed"
    assert _gone(pids), "the job ended but a process it started is still running"


def test_max_runtime(services):
    viewer, name = run(services, script="slow.py", stop_grace_seconds=1, stopping_condition={"max_runtime_seconds": 2})
    job = services.get(JOBS).wait(viewer, name, timeout=30)
    assert job.status == "Stopped" and job.secondary_status == "MaxRuntimeExceeded"


def test_restart_adopts_running_jobs_and_fails_dead_ones(settings):
    first = build_services(settings)
    viewer, running = run(first, script="slow.py", stop_grace_seconds=1)
    _, finished_while_down = run(first, script="ok.py")
    wait_log(first, viewer, running, "started")
    time.sleep(0.5)
    first.get(JOBS)._closing.set()  # the server goes away without ending its jobs
    first.get(JOBS)._wake.set()
    first.get(JOBS)._thread.join()
    first.get(JOBS).runner.close()
    time.sleep(3)  # ok.py ends while no server watches

    second = build_services(settings)
    try:
        second.get(JOBS).reconcile()
        assert second.get(JOBS).wait(viewer, finished_while_down, timeout=30).status == "Completed"
        assert second.get(JOBS).get(viewer, running).status == "InProgress"
        second.get(JOBS).stop(viewer, running)
        assert second.get(JOBS).wait(viewer, running, timeout=30).status == "Stopped"
        assert "started" in second.get(JOBS).logs(viewer, running).text
    finally:
        second.close()


def test_process_killed_while_server_down_is_failed_with_reason(tmp_path):
    """The local runner's own case: its process killed from outside while no server watched."""
    import os
    import signal

    write_script(tmp_path / "root", "slow.py", "import time\nprint('started', flush=True)\ntime.sleep(300)\n")
    settings = StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(tmp_path / "root"))
    first = build_services(settings)
    viewer, name = run(first, script="slow.py")
    wait_log(first, viewer, name, "started")
    handle = first.get(JOBS).store.state(viewer.user, name).runner_handle
    first.get(JOBS)._closing.set()
    first.get(JOBS)._wake.set()
    first.get(JOBS)._thread.join()
    os.killpg(handle["pid"], signal.SIGKILL)
    time.sleep(0.5)
    second = build_services(settings)
    try:
        second.get(JOBS).reconcile()
        job = second.get(JOBS).wait(viewer, name, timeout=10)
        assert job.status == "Failed" and "without an exit status" in job.failure_reason
        assert "started" in second.get(JOBS).logs(viewer, name).text  # the log is kept
    finally:
        second.close()


def test_jobs_on_an_s3_storage_root(tmp_path, runner, fresh_s3_config):
    cfg = fresh_s3_config
    root = tmp_path / "root"
    write_script(
        root,
        "out.py",
        """
        import os, pathlib
        print('writing output', flush=True)
        pathlib.Path(os.environ['SM_OUTPUT_DIR'], 'result.txt').write_text('42')
    """,
    )
    settings = StudioSettings(
        smstudio_home=str(tmp_path / "home"),
        root_dir=str(root),
        **runner,
        storage_root=f"s3://{cfg['bucket']}/smstudio/{{user}}",
        s3_options={
            "key": cfg["key"],
            "secret": cfg["secret"],
            "endpoint_url": cfg["endpoint_url"],
            "client_kwargs": {"region_name": "us-east-1"},
        },
    )
    services = build_services(settings)
    try:
        viewer, name = run(services, script="out.py")
        job = services.get(JOBS).wait(viewer, name, timeout=60)
        assert job.status == "Completed", job
        assert job.log_url.startswith("s3://")
        assert "writing output" in services.get(JOBS).logs(viewer, name).text
        storage = services.storage.for_user("alice")
        assert storage.read_bytes(job.output_url + "/result.txt") == b"42"
    finally:
        services.close()


def test_two_owners_run_jobs_of_one_name_apart(services):
    """Names are unique per owner: alice's and bob's jobs "same" run side by side, and stopping one (the
    runner keys its processes, its task and its stop signal by the run's mark, not the name) leaves the other."""
    jobs = services.get(JOBS)
    alice, bob = services.viewer("alice"), services.viewer("bob")
    for viewer in (alice, bob):
        jobs.submit_script(viewer, ScriptJobRequest(script="slow.py", job_name="same", stop_grace_seconds=0))
    for viewer in (alice, bob):
        wait_log(services, viewer, "same", "started")
    assert jobs.stop(alice, "same").owner == "alice"
    assert jobs.wait(alice, "same", timeout=60).status == "Stopped"
    time.sleep(1.0)  # a stop that reached bob's job too would have ended it by now
    assert jobs.get(bob, "same").status == "InProgress"
    jobs.stop(bob, "same")
    assert jobs.wait(bob, "same", timeout=60).status == "Stopped"
