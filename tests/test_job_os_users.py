"""c.SmStudio.job_os_user: on a server shared by several people, each job runs as its owner's OS user and
can read neither the store nor another user's storage (real OS users; needs root, as CI runs)."""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from jupyter_smstudio.jobs.models import ScriptJobRequest
from jupyter_smstudio.studio import JOBS, StudioSettings, build_services
from tests.conftest import write_script
from tests.live_server import stop_instances

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


def _os_user(name: str) -> int:
    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True)
        return pwd.getpwnam(name).pw_uid


@pytest.fixture
def place():
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("starting jobs as other OS users needs root and useradd (CI has them)")
    folder = Path(tempfile.mkdtemp(prefix="smstudio-osusers-"))
    folder.chmod(0o755)  # pytest's own tmp_path is root's alone: the jobs' users could not read their scripts
    # The launcher runs as the job's user with this interpreter, which here may lie under /root (mode 0700):
    # let others cross (not list) its folders while the test runs, as a deployment's Python allows.
    changed = []
    for parent in Path(os.path.realpath(sys.executable)).parents:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            parent.chmod(mode | stat.S_IXOTH)
            changed.append((parent, mode))
    yield folder
    stop_instances(folder)  # the endpoints' instances outlive their services on purpose
    for parent, mode in changed:
        parent.chmod(mode)
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
            job = jobs.submit_script(viewer, ScriptJobRequest(script="probe.py", arguments=[store, str(bob_storage)]))
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


def test_a_symlink_a_job_plants_never_leads_root_out_of_the_users_folders(place):
    """alice's job puts a symlink where her next job's folder will be, pointing at a folder of root's: the next
    job fails (it runs as alice), and root's folder is neither handed to her nor written to."""
    _os_user("smst-alice")
    root = place / "root"
    victim = place / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("root's")
    write_script(
        root,
        "plant.py",
        f"""
        import os, pathlib
        jobs = pathlib.Path(os.environ["SM_OUTPUT_DIR"]).parents[1]
        os.symlink({str(victim)!r}, jobs / "trap")
        print("planted", flush=True)
    """,
    )
    write_script(root, "ok.py", "print('ran')\n")
    root.chmod(0o755)
    settings = StudioSettings(smstudio_home=str(place / "home"), root_dir=str(root), job_os_user="smst-{user}")
    services = build_services(settings, server_url=lambda: "http://127.0.0.1:9")
    try:
        jobs = services.get(JOBS)
        viewer = services.viewer("alice")
        first = jobs.submit_script(viewer, ScriptJobRequest(script="plant.py"))
        assert jobs.wait(viewer, first.job_name, timeout=60).status == "Completed"
        trap = jobs.submit_script(viewer, ScriptJobRequest(script="ok.py", job_name="trap"))
        assert jobs.wait(viewer, trap.job_name, timeout=60).status == "Failed"
        assert os.stat(victim).st_uid == 0 and sorted(p.name for p in victim.iterdir()) == ["keep.txt"]
    finally:
        services.close()


ENDPOINT_PROBE = """
import os, pathlib

def model_fn(model_dir):
    return "loaded"

def predict_fn(data, model):
    seen = {}
    for what, path in [("store", os.environ["PROBE_STORE"]), ("other", os.environ["PROBE_OTHER"])]:
        try:
            pathlib.Path(path).read_bytes() if what == "store" else os.listdir(path)
            seen[what] = "READ"
        except PermissionError:
            seen[what] = "denied"
    return {"uid": os.getuid(), "model": model, **seen}
"""


def test_endpoint_instances_run_as_their_owners_and_reach_neither_the_store_nor_other_endpoints(place):
    """As jobs do: each user's instance runs as that user's OS user, reads its own model and code, and can read
    neither the store nor another user's endpoint folder."""
    import json

    from jupyter_smstudio.core.storage import local_path
    from jupyter_smstudio.endpoints.models import CreateEndpointConfigRequest, CreateEndpointRequest, CreateModelRequest
    from jupyter_smstudio.studio import ENDPOINTS

    uids = {user: _os_user(f"smst-{user}") for user in ("alice", "bob")}
    root = place / "root"
    root.mkdir(mode=0o755)
    home = place / "home"
    settings = StudioSettings(smstudio_home=str(home), root_dir=str(root), job_os_user="smst-{user}")
    services = build_services(settings, server_url=lambda: "http://127.0.0.1:9")  # a server's, not embedded
    services.start()
    endpoints = services.get(ENDPOINTS)
    try:
        store = str(home / "smstudio.db")
        folders = {}
        for user, other in (("bob", "alice"), ("alice", "bob")):
            viewer = services.viewer(user)
            code = Path(local_path(services.storage.for_user(user).root_url)) / "code"
            write_script(code, "inference.py", ENDPOINT_PROBE)
            env = {
                "SAGEMAKER_PROGRAM": "inference.py",
                "SAGEMAKER_SUBMIT_DIRECTORY": code.as_uri(),
                "PROBE_STORE": store,
                "PROBE_OTHER": folders.get(other, str(home / "endpoints")),
            }
            endpoints.create_model(
                viewer, CreateModelRequest.model_validate({"ModelName": "m", "PrimaryContainer": {"Environment": env}})
            )
            variant = {"VariantName": "main", "ModelName": "m", "InitialInstanceCount": 1, "InstanceType": "local"}
            endpoints.create_endpoint_config(
                viewer,
                CreateEndpointConfigRequest.model_validate(
                    {"EndpointConfigName": "c", "ProductionVariants": [variant]}
                ),
            )
            endpoints.create_endpoint(viewer, CreateEndpointRequest(EndpointName="e", EndpointConfigName="c"))
            deadline = time.monotonic() + 120
            while (status := endpoints.describe_endpoint(viewer, "e")).EndpointStatus == "Creating":
                assert time.monotonic() < deadline
                time.sleep(0.2)
            assert status.EndpointStatus == "InService", status.FailureReason
            folders[user] = endpoints.store.find_endpoint(user, "e").folder
        alice = services.viewer("alice")
        answer = json.loads(endpoints.invoke(alice, "e", b"[1]", "application/json", "application/json")["Body"])
        assert answer == {"uid": uids["alice"], "model": "loaded", "store": "denied", "other": "denied"}
        assert os.stat(folders["alice"]).st_uid == os.geteuid()  # the server's folder: no link can be planted in it
    finally:
        services.close()
