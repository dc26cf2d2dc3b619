"""Endpoint instances like jobs: the model's requirements.txt installs into training's cached environment (and
a requirement that cannot install fails the endpoint with pip's error), and a scale-out whose new instances do
not start leaves the endpoint InService on the instances it had. Real model servers on loopback; pip installs
from a wheel built here (no network)."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path

import psutil
import pytest

from jupyter_smstudio.endpoints.models import (
    CreateEndpointConfigRequest,
    CreateEndpointRequest,
    CreateModelRequest,
    UpdateEndpointWeightsAndCapacitiesRequest,
)
from jupyter_smstudio.studio import ENDPOINTS, StudioSettings, build_services
from tests.conftest import write_script

pytestmark = pytest.mark.timeout(240)

# the instance says where its Python lives and what the probe package (installed from requirements.txt) says
PROBE = """
import os, sys

def model_fn(model_dir):
    if os.path.exists(os.environ.get("BREAK_WHEN", "/nonexistent")):
        raise RuntimeError("the new instance cannot load its model")
    return "loaded"

def predict_fn(data, model):
    try:
        import smstudio_probe
        probe = smstudio_probe.VALUE
    except ImportError:
        probe = None
    return {"prefix": sys.prefix, "probe": probe, "model": model}
"""


def probe_wheel(folder: Path) -> Path:
    """A real wheel of one module, installable by pip without an index."""
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / "smstudio_probe-1.0-py3-none-any.whl"
    info = "smstudio_probe-1.0.dist-info"
    files = {
        "smstudio_probe.py": "VALUE = 'from the requirements'\n",
        f"{info}/METADATA": "Metadata-Version: 2.1\nName: smstudio_probe\nVersion: 1.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
        zf.writestr(f"{info}/RECORD", "".join(f"{n},,\n" for n in [*files, f"{info}/RECORD"]))
    return wheel


def deploy(service, viewer, name: str, code: Path, count: int = 1, env: dict | None = None) -> dict:
    service.create_model(
        viewer,
        CreateModelRequest.model_validate(
            {
                "ModelName": name,
                "PrimaryContainer": {
                    "Environment": {
                        "SAGEMAKER_PROGRAM": "inference.py",
                        "SAGEMAKER_SUBMIT_DIRECTORY": str(code),
                        **(env or {}),
                    }
                },
            }
        ),
    )
    service.create_endpoint_config(
        viewer,
        CreateEndpointConfigRequest.model_validate(
            {
                "EndpointConfigName": name,
                "ProductionVariants": [
                    {
                        "VariantName": "main",
                        "ModelName": name,
                        "InitialInstanceCount": count,
                        "InstanceType": "ml.m5.large",
                        "InitialVariantWeight": 1,
                    }
                ],
            }
        ),
    )
    service.create_endpoint(viewer, CreateEndpointRequest(EndpointName=name, EndpointConfigName=name))
    return settled(service, viewer, name)


def settled(service, viewer, name: str, timeout: float = 150) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        desc = service.describe_endpoint(viewer, name).model_dump()
        if desc["EndpointStatus"] not in ("Creating", "Updating"):
            return desc
        assert time.monotonic() < deadline, desc
        time.sleep(0.2)


def ask(service, viewer, name: str) -> dict:
    return json.loads(service.invoke(viewer, name, b"[1]", "application/json", "application/json")["Body"])


def serving(root: Path) -> set[int]:
    """The model-server processes of the endpoints under `root`."""
    found = set()
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "jupyter_smstudio.endpoints" in " ".join(proc.info["cmdline"] or []) and proc.environ().get(
                "SM_MODEL_DIR", ""
            ).startswith(str(root)):
                found.add(proc.pid)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return found


@pytest.fixture
def studio(tmp_path):
    services = build_services(StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(tmp_path)))
    services.start()
    yield services, services.get(ENDPOINTS), services.viewer("alice")
    services.close()
    for pid in serving(tmp_path):  # what a failed assertion left running
        psutil.Process(pid).kill()


def test_requirements_install_into_a_cached_environment_the_instances_run_in(tmp_path, studio):
    services, service, viewer = studio
    code = tmp_path / "code"
    write_script(code, "inference.py", PROBE)
    (code / "requirements.txt").write_text(f"--no-index\n{probe_wheel(tmp_path / 'wheels')}\n")
    desc = deploy(service, viewer, "reqs", code, count=2)
    assert desc["EndpointStatus"] == "InService", desc
    envs = tmp_path / "home" / "envs"  # training's cache
    answers = [ask(service, viewer, "reqs") for _ in range(4)]  # both instances (round robin)
    assert {a["probe"] for a in answers} == {"from the requirements"}
    assert {a["prefix"] for a in answers} == {a["prefix"] for a in answers[:1]} and answers[0]["prefix"].startswith(
        str(envs)
    )
    assert len([p for p in envs.iterdir() if p.is_dir()]) == 1  # built once for both instances

    # a scale-out reuses the environment: the new instance starts without installing
    service.update_endpoint_weights_and_capacities(
        viewer,
        "reqs",
        UpdateEndpointWeightsAndCapacitiesRequest.model_validate(
            {"DesiredWeightsAndCapacities": [{"VariantName": "main", "DesiredInstanceCount": 3}]}
        ),
    )
    started = time.monotonic()
    desc = settled(service, viewer, "reqs")
    assert desc["EndpointStatus"] == "InService" and desc["ProductionVariants"][0]["CurrentInstanceCount"] == 3
    assert time.monotonic() - started < 30
    log = Path(service.store.get_endpoint("alice", "reqs").folder, "logs", "main-2.log").read_text()
    assert "installing" not in log
    service.delete_endpoint(viewer, "reqs")
    deadline = time.monotonic() + 30
    while serving(tmp_path):
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_a_requirement_that_does_not_install_fails_the_endpoint_with_pips_error(tmp_path, studio):
    services, service, viewer = studio
    code = tmp_path / "code"
    write_script(code, "inference.py", PROBE)
    (code / "requirements.txt").write_text("--no-index\nno-such-package-smstudio==1.0\n")
    desc = deploy(service, viewer, "badreqs", code)
    assert desc["EndpointStatus"] == "Failed", desc
    assert "No matching distribution found for no-such-package-smstudio==1.0" in desc["FailureReason"], desc
    assert desc["FailureReason"].splitlines()[-1].endswith("no-such-package-smstudio==1.0"), desc
    assert not service.store.get_endpoint("alice", "badreqs").instances
    assert not serving(tmp_path)


def test_a_failed_scale_out_leaves_the_endpoint_in_service_on_its_instances(tmp_path, studio):
    services, service, viewer = studio
    code = tmp_path / "code"
    write_script(code, "inference.py", PROBE)
    broken = tmp_path / "broken"
    desc = deploy(service, viewer, "scale", code, env={"BREAK_WHEN": str(broken)})
    assert desc["EndpointStatus"] == "InService", desc
    before = serving(tmp_path)
    assert len(before) == 1

    def resize(count: int) -> dict:
        service.update_endpoint_weights_and_capacities(
            viewer,
            "scale",
            UpdateEndpointWeightsAndCapacitiesRequest.model_validate(
                {"DesiredWeightsAndCapacities": [{"VariantName": "main", "DesiredInstanceCount": count}]}
            ),
        )
        return settled(service, viewer, "scale")

    broken.touch()  # from now on a new instance cannot load its model
    desc = resize(3)
    assert desc["EndpointStatus"] == "InService", desc
    variant = desc["ProductionVariants"][0]
    assert (variant["CurrentInstanceCount"], variant["DesiredInstanceCount"]) == (1, 1), desc
    assert "could not scale out" in desc["FailureReason"] and "cannot load its model" in desc["FailureReason"]
    assert ask(service, viewer, "scale")["model"] == "loaded"  # the instance it had still serves
    assert serving(tmp_path) == before  # the new ones are stopped
    assert len(service.store.get_endpoint("alice", "scale").instances) == 1
    time.sleep(3)  # the supervisor does not retry the failed scale-out behind the user's back
    assert service.describe_endpoint(viewer, "scale").EndpointStatus == "InService"
    assert serving(tmp_path) == before

    broken.unlink()  # a later scale-out that works clears the note
    desc = resize(2)
    assert desc["EndpointStatus"] == "InService" and desc.get("FailureReason") is None, desc
    assert desc["ProductionVariants"][0]["CurrentInstanceCount"] == 2
    service.delete_endpoint(viewer, "scale")


def test_instances_on_dask_are_served_readopted_replaced_and_stopped(tmp_path):
    """One worker of one thread: the instance runs there beside the tasks jobs need, outlives a restart of the
    services, is replaced when it dies and stops when the endpoint is deleted."""
    from tests.services import dask_cluster

    code = tmp_path / "code"
    write_script(code, "inference.py", PROBE)
    with dask_cluster(n_workers=1) as address:
        settings = StudioSettings(
            smstudio_home=str(tmp_path / "home"), root_dir=str(tmp_path), dask_scheduler_address=address
        )
        services = build_services(settings)
        services.start()
        service, viewer = services.get(ENDPOINTS), services.viewer("alice")
        try:
            desc = deploy(service, viewer, "remote", code)
            assert desc["EndpointStatus"] == "InService", desc
            (handle,) = service.store.get_endpoint("alice", "remote").instances
            assert handle["runner"] == "dask" and handle["worker"].startswith("tcp://127.0.0.1:")
            assert handle["host"] == "127.0.0.1"  # the worker's host: where the router reaches it
            assert ask(service, viewer, "remote")["model"] == "loaded"
            (pid,) = serving(tmp_path)  # started by the worker, not by this process
            assert psutil.Process(pid).ppid() != os.getpid()
            dask = service.instances.dask
            assert dask is not None
            # the instance's task left the worker's only thread to other work (a job's task)
            assert dask.client.submit(sum, [20, 22], pure=False).result(timeout=30) == 42

            services.close()  # a restarted server re-adopts the instance on the cluster
            services = build_services(settings)
            services.start()
            service = services.get(ENDPOINTS)
            time.sleep(0.5)
            assert settled(service, viewer, "remote")["EndpointStatus"] == "InService"
            assert service.store.get_endpoint("alice", "remote").instances == [handle]
            assert serving(tmp_path) == {pid}
            assert ask(service, viewer, "remote")["model"] == "loaded"

            psutil.Process(pid).kill()  # the instance dies: the supervisor replaces it on the cluster
            deadline = time.monotonic() + 60
            while True:
                now = service.store.get_endpoint("alice", "remote").instances
                if now and now[0]["key"] != handle["key"] and service.instances.alive(now[0]):
                    break
                assert time.monotonic() < deadline, (now, service.describe_endpoint(viewer, "remote"))
                time.sleep(0.2)
            deadline = time.monotonic() + 60
            while True:  # it serves once the new instance answers
                try:
                    assert ask(service, viewer, "remote")["model"] == "loaded"
                    break
                except Exception:
                    assert time.monotonic() < deadline
                    time.sleep(0.2)

            service.delete_endpoint(viewer, "remote")
            deadline = time.monotonic() + 30
            dask = service.instances.dask
            assert dask is not None
            while serving(tmp_path) or dask._placements():  # the process stopped and its task ended
                assert time.monotonic() < deadline, serving(tmp_path)
                time.sleep(0.2)
        finally:
            services.close()
            for pid in serving(tmp_path):
                psutil.Process(pid).kill()


def test_an_instance_answers_only_its_router_not_another_user_on_its_loopback_port(tmp_path, studio):
    """The model server's port is on loopback, where every user of the machine can reach it: without the token
    the room gave it (kept in the endpoint's record), /invocations is refused; the router's requests carry it."""
    import requests

    services, service, viewer = studio
    code = tmp_path / "code"
    write_script(code, "inference.py", PROBE)
    assert deploy(service, viewer, "guarded", code)["EndpointStatus"] == "InService"
    assert ask(service, viewer, "guarded")["model"] == "loaded"
    (handle,) = service.store.find_endpoint("alice", "guarded").instances
    url = f"http://127.0.0.1:{handle['port']}"
    assert requests.get(f"{url}/ping", timeout=10).status_code == 200  # the health check stays open
    refused = requests.post(f"{url}/invocations", json=[1], timeout=10)
    assert refused.status_code == 403 and "router" in refused.json()["message"]
    forged = requests.post(f"{url}/invocations", json=[1], headers={"X-Smstudio-Instance-Token": "guess"}, timeout=10)
    assert forged.status_code == 403
    described = json.dumps(service.describe_endpoint(viewer, "guarded").model_dump(mode="json"))
    assert handle["token"] not in described  # the token never leaves the server


FIRST_STEP = """
def model_fn(model_dir):
    return None

def predict_fn(data, model):
    return data
"""


def test_a_pipelines_requirements_install_from_every_container_into_one_environment(tmp_path, studio):
    """Its containers share one process: the second container's requirements.txt counts as much as the first's."""
    services, service, viewer = studio
    first, second = tmp_path / "first", tmp_path / "second"
    write_script(first, "inference.py", FIRST_STEP)
    (first / "requirements.txt").write_text("--no-index\n")
    write_script(second, "inference.py", PROBE)
    (second / "requirements.txt").write_text(f"--no-index\n{probe_wheel(tmp_path / 'wheels')}\n")
    containers = [
        {"Environment": {"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": str(code)}}
        for code in (first, second)
    ]
    service.create_model(viewer, CreateModelRequest.model_validate({"ModelName": "pipe", "Containers": containers}))
    variant = {"VariantName": "main", "ModelName": "pipe", "InitialInstanceCount": 1, "InstanceType": "local"}
    config = {"EndpointConfigName": "pipe", "ProductionVariants": [variant]}
    service.create_endpoint_config(viewer, CreateEndpointConfigRequest.model_validate(config))
    service.create_endpoint(viewer, CreateEndpointRequest(EndpointName="pipe", EndpointConfigName="pipe"))
    desc = settled(service, viewer, "pipe")
    assert desc["EndpointStatus"] == "InService", desc
    answer = ask(service, viewer, "pipe")
    assert answer["probe"] == "from the requirements" and answer["prefix"].startswith(str(tmp_path / "home" / "envs"))
