"""c.SmStudio.job_os_user: on a server shared by several people, each job runs as its owner's OS user and
can read neither the store nor another user's storage (real OS users; needs root, as CI runs)."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from jupyter_smstudio.jobs.models import JobConfig, ScriptJobRequest
from jupyter_smstudio.studio import JOBS, StudioSettings, build_services
from tests.conftest import write_script

PROBE = """
import os, pathlib, sys
print("uid", os.getuid(), flush=True)
for what, path in [("store", sys.argv[1]), ("other", sys.argv[2])]:
    try:
        pathlib.Path(path).read_bytes() if what == "store" else os.listdir(path)
        print(what, "READ", flush=True)
    except PermissionError:
        print(what, "denied", flush=True)
pathlib.Path(os.environ["SM_OUTPUT_DIR"], "result.txt").write_text("mine")
print("server secret:", os.environ.get("SERVER_SECRET"), flush=True)
"""


# the interpreter the jobs' users can run: this venv's may lie under /root (mode 0700) as on these machines
SYSTEM_PYTHON = "/usr/bin/python3"


def _os_user(name: str) -> int:
    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True)
        return pwd.getpwnam(name).pw_uid


@pytest.fixture
def place():
    if os.geteuid() != 0 or shutil.which("useradd") is None or not os.path.exists(SYSTEM_PYTHON):
        pytest.skip("starting jobs as other OS users needs root, useradd and /usr/bin/python3 (CI has them)")
    folder = Path(tempfile.mkdtemp(prefix="smstudio-osusers-"))
    folder.chmod(0o755)  # pytest's own tmp_path is root's alone: the jobs' users could not read their scripts
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_jobs_run_as_their_owners_and_reach_neither_the_store_nor_other_users(place, monkeypatch):
    uids = {user: _os_user(f"smst-{user}") for user in ("alice", "bob")}
    root = place / "root"
    write_script(root, "probe.py", PROBE)
    root.chmod(0o755)
    home = place / "home"
    monkeypatch.setenv("SERVER_SECRET", "s3cr3t")
    settings = StudioSettings(smstudio_home=str(home), root_dir=str(root), job_os_user="smst-{user}")
    services = build_services(settings, server_url=lambda: "http://127.0.0.1:9")  # a server's, not embedded
    try:
        jobs = services.get(JOBS)
        store = str(home / "smstudio.db")
        assert Path(store).exists() and (os.stat(store).st_mode & 0o077) == 0  # the store: the server's alone
        bob_storage = home / "storage" / "bob"
        done = {}
        for user in ("bob", "alice"):
            viewer = services.viewer(user)
            job = jobs.submit(
                viewer,
                kind="script",
                job_name=None,
                argv=[SYSTEM_PYTHON, str(root / "probe.py"), store, str(bob_storage)],
                cwd=str(root),
                environment={},
                config=JobConfig(),
                max_runtime_seconds=60,
                stop_grace_seconds=1,
                tags={},
            )
            done[user] = jobs.wait(viewer, job.job_name, timeout=60)
            assert done[user].status == "Completed", jobs.logs(viewer, job.job_name).text
        alice = services.viewer("alice")
        text = jobs.logs(alice, done["alice"].job_name).text
        assert f"uid {uids['alice']}" in text
        assert "store denied" in text and "other denied" in text and "READ" not in text
        assert "server secret: None" in text
        assert services.storage.for_user("alice").read_bytes(done["alice"].output_url + "/result.txt") == b"mine"
        assert os.stat(bob_storage).st_uid == uids["bob"] and (os.stat(bob_storage).st_mode & 0o077) == 0
    finally:
        services.close()


def test_a_missing_os_user_fails_the_job_with_the_reason(place):
    root = place / "root"
    write_script(root, "probe.py", "print('ran')\n")
    settings = StudioSettings(smstudio_home=str(place / "home"), root_dir=str(root), job_os_user="smst-nobody-{user}")
    services = build_services(settings, server_url=lambda: "http://127.0.0.1:9")
    try:
        viewer = services.viewer("alice")
        job = services.get(JOBS).submit_script(viewer, ScriptJobRequest(script="probe.py"))
        job = services.get(JOBS).wait(viewer, job.job_name, timeout=60)
        assert job.status == "Failed" and "no OS user named 'smst-nobody-alice'" in job.failure_reason
    finally:
        services.close()
