"""Faults a job meets on the local runner: its launcher killed with SIGKILL, its volume full (a real tmpfs)."""

from __future__ import annotations

import os
import signal
import subprocess

import psutil
import pytest

from jupyter_smstudio.jobs.runners.sweep import marked
from jupyter_smstudio.studio import JOBS, StudioSettings, build_services
from tests.conftest import write_script
from tests.test_runner_contract import run, wait_log


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "root"
    write_script(root, "slow.py", "import os, time\nprint('pid', os.getpid(), flush=True)\ntime.sleep(300)\n")
    return root


def test_killing_the_launcher_ends_the_job_and_its_script(tmp_path, root):
    services = build_services(StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(root)))
    try:
        viewer, name = run(services, script="slow.py")
        wait_log(services, viewer, name, "pid")
        script = int(services.get(JOBS).logs(viewer, name).text.split()[1])
        handle = services.get(JOBS).store.state(viewer.user, name).runner_handle
        os.kill(handle["pid"], signal.SIGKILL)  # the launcher only: its script lives on, adopted by init
        job = services.get(JOBS).wait(viewer, name, timeout=30)
        assert job.status == "Failed"
        assert "launcher was killed by signal 9" in job.failure_reason
        assert "1 remaining process(es) were killed" in job.failure_reason
        assert not psutil.pid_exists(script) or psutil.Process(script).status() == psutil.STATUS_ZOMBIE
        assert marked(handle["mark"]) == []
    finally:
        services.close()


def test_stop_reaches_the_script_after_its_launcher_was_killed_while_the_server_was_down(tmp_path, root):
    settings = StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(root))
    first = build_services(settings)
    viewer, name = run(first, script="slow.py")
    wait_log(first, viewer, name, "pid")
    script = int(first.get(JOBS).logs(viewer, name).text.split()[1])
    handle = first.get(JOBS).store.state(viewer.user, name).runner_handle
    first.get(JOBS)._closing.set()  # the server goes away without ending its jobs
    first.get(JOBS)._wake.set()
    first.get(JOBS)._thread.join()
    os.kill(handle["pid"], signal.SIGKILL)
    second = build_services(settings)
    try:
        second.get(JOBS).reconcile()
        job = second.get(JOBS).wait(viewer, name, timeout=30)
        assert job.status == "Failed" and "1 remaining process(es) were killed" in job.failure_reason
        assert not psutil.pid_exists(script) or psutil.Process(script).status() == psutil.STATUS_ZOMBIE
    finally:
        second.close()


@pytest.fixture
def small_volume(tmp_path):
    """A 2 MiB tmpfs as the user's volume: a real full disk (needs root, as CI runs)."""
    volume = tmp_path / "small"
    volume.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(volume)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield volume
    subprocess.run(["umount", "-l", str(volume)], check=False)


def test_a_job_that_fills_its_volume_fails_at_once_with_the_reason(tmp_path, small_volume):
    write_script(
        small_volume,
        "fill.py",
        """
        import os
        print('filling', flush=True)
        with open(os.path.join(os.environ['SM_OUTPUT_DIR'], 'big.bin'), 'wb') as out:
            for _ in range(160):  # 10 MiB at most: never fills a real disk if the volume is not the tmpfs
                out.write(b'x' * 65536)
    """,
    )
    settings = StudioSettings(
        smstudio_home=str(tmp_path / "home"),  # the store is elsewhere: only the job's volume is full
        root_dir=str(small_volume),
        storage_root=f"file://{small_volume}/{{user}}",
    )
    first = build_services(settings)
    viewer, name = run(first, script="fill.py")
    assert first.get(JOBS).wait(viewer, name, timeout=60).status == "Failed"
    # and as a restarted server learns it, from the exit record alone (written into space set aside for it)
    first.get(JOBS).store.update(
        viewer.user, name, status="InProgress", end_time=None, failure_reason=None, exit_code=None
    )
    first.close()
    second = build_services(settings)
    try:
        second.get(JOBS).reconcile()
        job = second.get(JOBS).wait(viewer, name, timeout=30)
        assert job.status == "Failed", job
        assert job.exit_code != 0 and "no space left on the device" in job.failure_reason
        assert "filling" in second.get(JOBS).logs(viewer, name).text
    finally:
        second.close()
