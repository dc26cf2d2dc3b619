"""The Endpoints room: a scikit-learn model trained by a real training job, deployed to endpoints whose
instances are real model servers on loopback, behind the router (weights, target variant, live updates),
its refusals, other users, a failing model_fn and a restart of the services."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from collections import Counter
from pathlib import Path

import psutil
import pytest

from jupyter_smstudio.core.errors import BadRequest, NotFound
from jupyter_smstudio.endpoints.models import (
    CreateEndpointConfigRequest,
    CreateEndpointRequest,
    CreateModelRequest,
)
from jupyter_smstudio.studio import ENDPOINTS, JOBS, TRAINING, StudioSettings, build_services
from jupyter_smstudio.training.models import TrainingJobRequest
from tests.conftest import write_script

MULTIUSER = True  # alice, bob and an admin (tests/conftest.py)
SCRIPTS = Path(__file__).parent / "training_scripts"
ROW = b"0.9,0.8,0.7"
pytestmark = pytest.mark.timeout(300)


@pytest.fixture(autouse=True)
def no_instance_left(tmp_path):
    """Whatever a test leaves running (a failed assertion before its delete), its instances end with it."""
    yield
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "jupyter_smstudio.endpoints.serving" in " ".join(proc.info["cmdline"] or []) and proc.environ().get(
                "SM_MODEL_DIR", ""
            ).startswith(str(tmp_path)):
                proc.kill()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """model.tar.gz of a real scikit-learn training job, and the folder of its code."""
    from tests.test_training import make_data

    root = tmp_path_factory.mktemp("train")
    (root / "src").mkdir()
    shutil.copy(SCRIPTS / "sklearn_train.py", root / "src" / "sklearn_train.py")
    make_data(root / "data")
    services = build_services(StudioSettings(smstudio_home=str(root / "home"), root_dir=str(root)))
    viewer = services.viewer("alice")
    try:
        services.get(TRAINING).create_training_job(
            viewer,
            TrainingJobRequest(
                job_name="sk", entry_point="sklearn_train.py", source_dir="src", inputs={"train": {"s3_data": "data"}}
            ),
        )
        job = services.get(JOBS).wait(viewer, "sk", timeout=120)
        assert job.status == "Completed", services.get(JOBS).logs(viewer, "sk").text
        model = Path(job.config.tracking.model_artifact[len("file://") :])
    finally:
        services.close()
    return model, root / "src"


def place(trained, folder: Path) -> tuple[str, str]:
    """The model and its code copied into a user's folder: (ModelDataUrl, code folder)."""
    model, code = trained
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(model, folder / "model.tar.gz")
    shutil.copytree(code, folder / "code", dirs_exist_ok=True)
    return (folder / "model.tar.gz").as_uri(), str(folder / "code")


def model_request(name: str, model_url: str, code: str, program: str = "sklearn_train.py") -> dict:
    return {
        "ModelName": name,
        "PrimaryContainer": {
            "ModelDataUrl": model_url,
            "Environment": {"SAGEMAKER_PROGRAM": program, "SAGEMAKER_SUBMIT_DIRECTORY": code},
        },
    }


def config_request(name: str, model: str, weights=(70, 30), counts=(1, 2)) -> dict:
    return {
        "EndpointConfigName": name,
        "ProductionVariants": [
            {
                "VariantName": variant,
                "ModelName": model,
                "InitialInstanceCount": count,
                "InstanceType": "ml.m5.large",
                "InitialVariantWeight": weight,
            }
            for variant, weight, count in zip(("blue", "green"), weights, counts, strict=True)
        ],
    }


def wait_endpoint(describe, name: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        desc = describe(name)
        if desc["EndpointStatus"] not in ("Creating", "Updating"):
            return desc
        assert time.monotonic() < deadline, desc
        time.sleep(0.2)


# -- the service, in-process --------------------------------------------------------------------------------------


def _services(home: Path, root: Path):
    services = build_services(StudioSettings(smstudio_home=str(home), root_dir=str(root)))
    services.start()
    return services


def _deploy(service, viewer, model_url: str, code: str, name: str, program: str = "sklearn_train.py", **config):
    service.create_model(viewer, CreateModelRequest.model_validate(model_request(name, model_url, code, program)))
    service.create_endpoint_config(
        viewer, CreateEndpointConfigRequest.model_validate(config_request(name, name, **config))
    )
    service.create_endpoint(viewer, CreateEndpointRequest(EndpointName=name, EndpointConfigName=name))
    return wait_endpoint(lambda n: service.describe_endpoint(viewer, n).model_dump(), name)


def _gone(service, viewer, name: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            service.describe_endpoint(viewer, name)
        except NotFound:
            return
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_restart_readopts_a_live_endpoint(tmp_path, trained):
    root = tmp_path / "work"
    model_url, code = place(trained, root / "m")
    services = _services(tmp_path / "home", root)
    viewer = services.viewer("alice")
    service = services.get(ENDPOINTS)
    desc = _deploy(service, viewer, model_url, code, "kept", counts=(1, 1))
    assert desc["EndpointStatus"] == "InService", desc
    pids = {h["pid"] for h in service.store.get_endpoint("alice", "kept").instances}
    assert len(pids) == 2
    services.close()  # the server goes; the instances stay

    again = _services(tmp_path / "home", root)
    try:
        service = again.get(ENDPOINTS)
        desc = wait_endpoint(lambda n: service.describe_endpoint(viewer, n).model_dump(), "kept")
        assert desc["EndpointStatus"] == "InService"
        assert {h["pid"] for h in service.store.get_endpoint("alice", "kept").instances} == pids  # re-adopted
        answer = service.invoke(viewer, "kept", ROW, "text/csv", "application/json")
        assert answer["InvokedProductionVariant"] in ("blue", "green") and json.loads(answer["Body"]) in ([0], [1])
        # a dead instance is restarted
        victim = next(iter(pids))
        psutil.Process(victim).kill()
        deadline = time.monotonic() + 60
        while True:
            now = {h["pid"] for h in service.store.get_endpoint("alice", "kept").instances}
            if victim not in now and len(now) == 2:
                break
            assert time.monotonic() < deadline
            time.sleep(0.2)
        wait_endpoint(lambda n: service.describe_endpoint(viewer, n).model_dump(), "kept")
        service.delete_endpoint(viewer, "kept")
        _gone(service, viewer, "kept")
        assert not any(psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE for p in now)
    finally:
        again.close()


def test_a_model_fn_that_raises_fails_the_endpoint(tmp_path, trained):
    root = tmp_path / "work"
    model_url, code = place(trained, root / "m")
    write_script(Path(code), "broken.py", "def model_fn(model_dir):\n    raise RuntimeError('weights are corrupt')\n")
    services = _services(tmp_path / "home", root)
    try:
        viewer = services.viewer("alice")
        service = services.get(ENDPOINTS)
        desc = _deploy(service, viewer, model_url, code, "broken", program="broken.py", counts=(1, 1))
        assert desc["EndpointStatus"] == "Failed"
        assert "RuntimeError: weights are corrupt" in desc["FailureReason"], desc
        assert not service.store.get_endpoint("alice", "broken").instances  # every instance stopped
        logs = list(Path(service.store.get_endpoint("alice", "broken").folder, "logs").glob("*.log"))
        assert logs and any("weights are corrupt" in p.read_text() for p in logs)  # the log is kept
        with pytest.raises(BadRequest) as err:
            service.invoke(viewer, "broken", ROW, "text/csv")
        assert err.value.field == "EndpointName"
        service.delete_endpoint(viewer, "broken")
        _gone(service, viewer, "broken")
    finally:
        services.close()


# -- the REST API and the router -----------------------------------------------------------------------------------

ALICE, BOB = "alice-token", "bob-token"


async def _wait_rest(api, name: str, token: str = ALICE, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        code, desc = await api("GET", f"endpoints/{name}", token=token)
        assert code == 200, desc
        if desc["EndpointStatus"] not in ("Creating", "Updating"):
            return desc
        assert time.monotonic() < deadline, desc
        await asyncio.sleep(0.2)


def _instance_pids(root: Path) -> set[int]:
    """The instances running for the test whose folders are beside `root`."""
    found = set()
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "jupyter_smstudio.endpoints.serving" in " ".join(proc.info["cmdline"] or []) and proc.environ().get(
                "SM_MODEL_DIR", ""
            ).startswith(str(root.parent)):
                found.add(proc.pid)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return found


async def test_the_router_splits_by_weight_targets_and_updates_live(api, jp_fetch, jp_root_dir, trained):
    model_url, code = place(trained, jp_root_dir / "deploy")
    assert (await api("POST", "models", model_request("sk", model_url, code), token=ALICE))[0] == 201
    assert (await api("POST", "endpoint-configs", config_request("sk", "sk"), token=ALICE))[0] == 201
    code_, desc = await api("POST", "endpoints", {"EndpointName": "sk", "EndpointConfigName": "sk"}, token=ALICE)
    assert code_ == 201 and desc["EndpointStatus"] == "Creating", desc
    desc = await _wait_rest(api, "sk")
    assert desc["EndpointStatus"] == "InService", desc
    assert [(v["VariantName"], v["CurrentWeight"], v["CurrentInstanceCount"]) for v in desc["ProductionVariants"]] == [
        ("blue", 70, 1),
        ("green", 30, 2),
    ]

    async def invoke(token: str = ALICE, **headers: str):
        headers = {
            "Authorization": f"token {token}",
            "Content-Type": "text/csv",
            "Accept": "application/json",
            **headers,
        }
        return await jp_fetch(
            "smstudio",
            "api",
            "endpoints",
            "sk",
            "invocations",
            method="POST",
            body=ROW,
            raise_error=False,
            headers=headers,
        )

    async def split(n: int, **headers: str) -> Counter:
        seen: Counter = Counter()
        for _ in range(n):
            resp = await invoke(**headers)
            assert resp.code == 200, resp.body
            assert json.loads(resp.body) in ([0], [1]) and resp.headers["Content-Type"] == "application/json"
            seen[resp.headers["X-Amzn-Invoked-Production-Variant"]] += 1
        return seen

    seen = await split(1000)
    assert abs(seen["blue"] / 1000 - 0.7) <= 0.04 and seen["blue"] + seen["green"] == 1000, seen
    assert await split(20, **{"X-Amzn-SageMaker-Target-Variant": "green"}) == Counter(green=20)
    # an instance that is gone (refuses connections) is skipped for the other one of its variant
    green = [
        p
        for p in psutil.process_iter(["cmdline"])
        if "jupyter_smstudio.endpoints.serving" in " ".join(p.info["cmdline"] or [])
        and "/green/" in p.environ().get("SM_MODEL_DIR", "")
        and p.environ()["SM_MODEL_DIR"].startswith(str(jp_root_dir.parent))
    ]
    assert len(green) == 2
    green[0].kill()
    green[0].wait(5)
    assert await split(20, **{"X-Amzn-SageMaker-Target-Variant": "green"}) == Counter(green=20)
    # and the supervisor starts it again
    deadline = time.monotonic() + 30
    while green[0].pid in _instance_pids(jp_root_dir) or len(_instance_pids(jp_root_dir)) != 3:
        assert time.monotonic() < deadline, _instance_pids(jp_root_dir)
        await asyncio.sleep(0.2)
    assert (await _wait_rest(api, "sk"))["EndpointStatus"] == "InService"
    assert await split(20, **{"X-Amzn-SageMaker-Target-Variant": "green"}) == Counter(green=20)
    # an unknown target variant names it
    resp = await invoke(**{"X-Amzn-SageMaker-Target-Variant": "purple"})
    assert resp.code == 400 and json.loads(resp.body)["field"] == "TargetVariant"
    # the model's own refusal comes back with the instance's status and message
    resp = await jp_fetch(
        "smstudio",
        "api",
        "endpoints",
        "sk",
        "invocations",
        method="POST",
        body=b"1,2",
        raise_error=False,
        headers={"Authorization": f"token {ALICE}", "Content-Type": "text/csv"},
    )
    assert resp.code == 400 and b"the model refused the input" in resp.body

    # bob sees nothing of alice's endpoint, right after alice's requests (the router remembers who sent which
    # credentials for a few seconds: recent_users.py) and in turns with hers; a refused token is never remembered
    assert (await invoke(token=BOB)).code == 404
    for _ in range(3):
        assert (await invoke(token=ALICE)).code == 200
        assert (await invoke(token=BOB)).code == 404
        assert (await invoke(token="alice-token-forged")).code == 403
    for path in ("endpoints/sk", "endpoint-configs/sk", "models/sk"):
        code_, err = await api("GET", path, token=BOB)
        assert code_ == 404, (path, err)
    assert (await api("GET", "endpoints", token=BOB))[1]["Endpoints"] == []
    assert (await api("DELETE", "endpoints/sk", token=BOB))[0] == 404

    # weights change live, without a restart of the instances
    code_, desc = await api(
        "POST",
        "endpoints/sk/weights-and-capacities",
        {
            "DesiredWeightsAndCapacities": [
                {"VariantName": "blue", "DesiredWeight": 0},
                {"VariantName": "green", "DesiredWeight": 100},
            ]
        },
        token=ALICE,
    )
    assert code_ == 200 and desc["EndpointStatus"] == "InService", desc
    assert await split(50) == Counter(green=50)

    # bad updates name their field
    for body, field in (
        (
            {"DesiredWeightsAndCapacities": [{"VariantName": "purple", "DesiredWeight": 1}]},
            "DesiredWeightsAndCapacities.0.VariantName",
        ),
        (
            {"DesiredWeightsAndCapacities": [{"VariantName": "green", "DesiredWeight": -1}]},
            "DesiredWeightsAndCapacities.0.DesiredWeight",
        ),
        (
            {"DesiredWeightsAndCapacities": [{"VariantName": "green", "DesiredWeight": 0}]},
            "DesiredWeightsAndCapacities",
        ),
        (
            {"DesiredWeightsAndCapacities": [{"VariantName": "green", "DesiredInstanceCount": 17}]},
            "DesiredWeightsAndCapacities.0.DesiredInstanceCount",
        ),
        (
            {
                "DesiredWeightsAndCapacities": [
                    {"VariantName": "green", "DesiredWeight": 1},
                    {"VariantName": "green", "DesiredWeight": 2},
                ]
            },
            "DesiredWeightsAndCapacities.1.VariantName",
        ),
    ):
        code_, err = await api("POST", "endpoints/sk/weights-and-capacities", body, token=ALICE)
        assert (code_, err["field"]) == (400, field), (body, err)

    # a new instance count starts and stops instances; requests keep flowing
    code_, desc = await api(
        "POST",
        "endpoints/sk/weights-and-capacities",
        {"DesiredWeightsAndCapacities": [{"VariantName": "green", "DesiredInstanceCount": 1}]},
        token=ALICE,
    )
    assert code_ == 200, desc
    desc = await _wait_rest(api, "sk")
    assert desc["EndpointStatus"] == "InService"
    assert [v["CurrentInstanceCount"] for v in desc["ProductionVariants"]] == [1, 1]
    assert await split(10) == Counter(green=10)

    assert (await api("DELETE", "endpoints/sk", token=ALICE))[0] == 200
    deadline = time.monotonic() + 30
    while (await api("GET", "endpoints/sk", token=ALICE))[0] != 404:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.1)
    assert (await invoke()).code == 404


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("models", {"ModelName": "bad_name", "PrimaryContainer": {}}, 400, "ModelName"),
        (
            "models",
            {"ModelName": "m", "PrimaryContainer": {"ModelDataUrl": "file:///etc/passwd"}},
            403,
            "PrimaryContainer.ModelDataUrl",
        ),
        (
            "models",
            {"ModelName": "m", "PrimaryContainer": {"ModelDataUrl": "nowhere/model.tar.gz"}},
            400,
            "PrimaryContainer.ModelDataUrl",
        ),
        ("endpoint-configs", {"EndpointConfigName": "c", "ProductionVariants": []}, 400, "ProductionVariants"),
        ("endpoint-configs", config_request("c", "nomodel"), 404, "ProductionVariants.0.ModelName"),
        ("endpoint-configs", config_request("c", "m", weights=(0, 0)), 400, "ProductionVariants"),
        (
            "endpoint-configs",
            config_request("c", "m", weights=(-1, 1)),
            400,
            "ProductionVariants.0.InitialVariantWeight",
        ),
        ("endpoint-configs", config_request("c", "m", counts=(0, 1)), 400, "ProductionVariants.0.InitialInstanceCount"),
        (
            "endpoint-configs",
            config_request("c", "m", counts=(1, 17)),
            400,
            "ProductionVariants.1.InitialInstanceCount",
        ),
        (
            "endpoint-configs",
            {"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "a", "ModelName": "m"}] * 2},
            400,
            "ProductionVariants.1.VariantName",
        ),
        ("endpoints", {"EndpointName": "e", "EndpointConfigName": "noconfig"}, 404, "EndpointConfigName"),
        ("endpoints", {"EndpointName": "e"}, 400, "EndpointConfigName"),
    ],
)
async def test_bad_requests_name_the_field(api, jp_root_dir, trained, path, body, status, field):
    model_url, code = place(trained, jp_root_dir / "m")
    assert (await api("POST", "models", model_request("m", model_url, code), token=ALICE))[0] == 201
    got, err = await api("POST", path, body, token=ALICE)
    assert (got, err["field"]) == (status, field), err
    # bob cannot build on alice's model either
    if path == "endpoint-configs" and status == 404:
        got, err = await api("POST", path, config_request("c", "m"), token=BOB)
        assert (got, err["field"]) == (404, "ProductionVariants.0.ModelName"), err


# -- the SDK ---------------------------------------------------------------------------------------------------------


def test_sdk_model_deploy_predict_delete(tmp_path, trained, monkeypatch):
    """Embedded mode: SKLearnModel.deploy -> Predictor.predict -> delete, in this process."""
    import numpy as np

    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk._boto import ClientError
    from jupyter_smstudio.sdk.deserializers import JSONDeserializer
    from jupyter_smstudio.sdk.serializers import CSVSerializer
    from jupyter_smstudio.sdk.sklearn import SKLearnModel, SKLearnPredictor

    root = tmp_path / "work"
    model_url, code = place(trained, root / "m")
    monkeypatch.chdir(root)
    session = Session(home=str(tmp_path / "home"))
    try:
        model = SKLearnModel(
            model_data=model_url,
            entry_point="sklearn_train.py",
            source_dir=code,
            framework_version="1.2-1",
            role="ignored",
            sagemaker_session=session,
        )
        predictor = model.deploy(
            initial_instance_count=2,
            instance_type="ml.m5.large",
            endpoint_name="sdk-ep",
            serializer=CSVSerializer(),
            deserializer=JSONDeserializer(),
        )
        assert predictor.predict([[0.9, 0.8, 0.7], [0.1, 0.1, 0.1]]) == [1, 0]
        assert predictor.predict([0.9, 0.8, 0.7], target_variant="AllTraffic") == [1]
        npy = SKLearnPredictor("sdk-ep", sagemaker_session=session)  # NPY in and out, SageMaker's default there
        assert np.array_equal(npy.predict(np.array([[0.1, 0.1, 0.1]])), np.array([0]))
        desc = session.sagemaker_client.describe_endpoint(EndpointName="sdk-ep")
        assert desc["EndpointStatus"] == "InService" and desc["ProductionVariants"][0]["CurrentInstanceCount"] == 2
        env = session.sagemaker_client.describe_model(ModelName=model.name)["PrimaryContainer"]["Environment"]
        assert env["SAGEMAKER_PROGRAM"] == "sklearn_train.py"
        assert env["SAGEMAKER_SUBMIT_DIRECTORY"].endswith("sourcedir.tar.gz")  # packed and uploaded, as SageMaker's
        predictor.delete_endpoint()
        predictor.delete_model()
        session.sagemaker_client.get_waiter("endpoint_deleted").wait(EndpointName="sdk-ep")
        with pytest.raises(ClientError) as err:
            session.sagemaker_client.describe_model(ModelName=model.name)
        assert err.value.response["Error"]["Code"] == "ResourceNotFound"
    finally:
        session.backend.close()


CLIENT_SCRIPT = """
    import json
    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk._boto import ClientError

    session = Session()
    sm, rt = session.sagemaker_client, session.sagemaker_runtime_client
    sm.create_model(ModelName="cm", ExecutionRoleArn="r", PrimaryContainer={
        "ModelDataUrl": MODEL_URL,
        "Environment": {"SAGEMAKER_PROGRAM": "sklearn_train.py", "SAGEMAKER_SUBMIT_DIRECTORY": CODE}})
    sm.create_endpoint_config(EndpointConfigName="cc", ProductionVariants=[
        {"VariantName": "blue", "ModelName": "cm", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large",
         "InitialVariantWeight": 1},
        {"VariantName": "green", "ModelName": "cm", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large",
         "InitialVariantWeight": 1}])
    sm.create_endpoint(EndpointName="ce", EndpointConfigName="cc")
    sm.get_waiter("endpoint_in_service").wait(EndpointName="ce", WaiterConfig={"Delay": 0.2, "MaxAttempts": 600})
    r = rt.invoke_endpoint(EndpointName="ce", Body=b"0.9,0.8,0.7", ContentType="text/csv",
                           Accept="application/json", TargetVariant="green")
    report(body=json.loads(r["Body"].read()), variant=r["InvokedProductionVariant"], content_type=r["ContentType"])
    sm.update_endpoint_weights_and_capacities(EndpointName="ce", DesiredWeightsAndCapacities=[
        {"VariantName": "blue", "DesiredWeight": 0}])
    seen = {rt.invoke_endpoint(EndpointName="ce", Body="0.1,0.1,0.1", ContentType="text/csv")[
        "InvokedProductionVariant"] for _ in range(10)}
    desc = sm.describe_endpoint(EndpointName="ce")
    report(seen=sorted(seen), status=desc["EndpointStatus"],
           weights=[v["CurrentWeight"] for v in desc["ProductionVariants"]],
           listed=[e["EndpointName"] for e in sm.list_endpoints()["Endpoints"]])
    for kwargs, key in ((dict(EndpointName="nope", Body=b"1"), "missing"),
                        (dict(EndpointName="ce", Body=b"1,2", ContentType="text/csv"), "refused")):
        try:
            rt.invoke_endpoint(**kwargs)
        except ClientError as err:
            report(**{key: [err.response["Error"]["Code"], err.response.get("OriginalStatusCode")]})
    sm.delete_endpoint(EndpointName="ce")
    sm.get_waiter("endpoint_deleted").wait(EndpointName="ce", WaiterConfig={"Delay": 0.2})
    sm.delete_endpoint_config(EndpointConfigName="cc")
    sm.delete_model(ModelName="cm")
    report(models=sm.list_models()["Models"], ended=sm.list_endpoints()["Endpoints"])
"""


def test_boto3_client_against_a_server(tmp_path, trained):
    from tests.live_server import jupyter_server
    from tests.test_sdk import script_values

    with jupyter_server(tmp_path / "srv") as srv:
        model_url, code = place(trained, srv["root"] / "m")
        script = f"\n    MODEL_URL, CODE = {model_url!r}, {code!r}" + CLIENT_SCRIPT
        values = script_values(script, {"SMSTUDIO_URL": srv["url"], "SMSTUDIO_TOKEN": srv["token"]}, cwd=srv["root"])
    assert values["body"] == [1] and values["variant"] == "green" and values["content_type"] == "application/json"
    assert values["seen"] == ["green"] and values["status"] == "InService" and values["weights"] == [0, 1]
    assert values["listed"] == ["ce"]
    assert values["missing"] == ["ValidationError", None]
    assert values["refused"] == ["ModelError", 400]
    assert values["models"] == [] and values["ended"] == []


def test_estimator_deploy_after_fit(tmp_path, trained, monkeypatch):
    """A trained SKLearn estimator deploys its model with its own script as the inference code."""
    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk.deserializers import JSONDeserializer
    from jupyter_smstudio.sdk.serializers import CSVSerializer
    from jupyter_smstudio.sdk.sklearn import SKLearn
    from tests.test_training import make_data

    root = tmp_path / "work"
    shutil.copytree(trained[1], root / "src")
    make_data(root / "data")
    monkeypatch.chdir(root)
    session = Session(home=str(tmp_path / "home"))
    try:
        est = SKLearn(
            entry_point="sklearn_train.py",
            source_dir="src",
            framework_version="1.2-1",
            role="ignored",
            instance_type="local",
            sagemaker_session=session,
        )
        est.fit({"train": "data"}, logs=False, job_name="fit-then-deploy")
        predictor = est.deploy(
            initial_instance_count=1,
            instance_type="ml.m5.large",
            endpoint_name="fitted",
            serializer=CSVSerializer(),
            deserializer=JSONDeserializer(),
        )
        assert predictor.predict([[0.9, 0.8, 0.7]]) == [1]
        predictor.delete_model()
        predictor.delete_endpoint()
        session.sagemaker_client.get_waiter("endpoint_deleted").wait(EndpointName="fitted")
    finally:
        session.backend.close()


def test_endpoints_are_refused_where_jobs_run_as_their_owner(tmp_path):
    from jupyter_smstudio.core.auth import Viewer
    from jupyter_smstudio.core.db import Database
    from jupyter_smstudio.core.errors import Forbidden
    from jupyter_smstudio.endpoints.service import EndpointService

    services = build_services(StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(tmp_path)))
    try:
        db: Database = services.db
        why = "instances would run as the Dask workers' user, and jobs run as their owners (job_os_user)"
        service = EndpointService(db, services.storage, str(tmp_path / "home"), refuse=why)
        with pytest.raises(Forbidden) as err:
            service.create_endpoint(Viewer("alice"), CreateEndpointRequest(EndpointName="e", EndpointConfigName="c"))
        assert err.value.field == "EndpointName" and "job_os_user" in err.value.message
    finally:
        services.close()


def test_model_and_code_from_s3(tmp_path, trained, fresh_s3_config):
    """ModelDataUrl and a sourcedir.tar.gz on S3, read through the owner's storage; another user's prefix is refused."""
    import tarfile

    cfg = fresh_s3_config
    opts = {"key": cfg["key"], "secret": cfg["secret"], "endpoint_url": cfg["endpoint_url"]}
    opts["client_kwargs"] = {"region_name": "us-east-1"}
    services = build_services(
        StudioSettings(
            smstudio_home=str(tmp_path / "home"),
            root_dir=str(tmp_path),
            storage_root=f"s3://{cfg['bucket']}/{{user}}",
            s3_options=opts,
        )
    )
    services.start()
    viewer = services.viewer("alice")
    service = services.get(ENDPOINTS)
    storage = services.storage.for_user("alice")
    bucket = storage.root_url
    try:
        with tarfile.open(tmp_path / "sourcedir.tar.gz", "w:gz") as tar:
            tar.add(trained[1] / "sklearn_train.py", arcname="sklearn_train.py")
        storage.upload_file(str(tmp_path / "sourcedir.tar.gz"), f"{bucket}/code/sourcedir.tar.gz")
        storage.upload_file(str(trained[0]), f"{bucket}/model/model.tar.gz")
        desc = _deploy(
            service,
            viewer,
            f"{bucket}/model/model.tar.gz",
            f"{bucket}/code/sourcedir.tar.gz",
            "ons3",
            weights=(1, 1),
            counts=(1, 1),
        )
        assert desc["EndpointStatus"] == "InService", desc
        answer = service.invoke(viewer, "ons3", ROW, "text/csv", "application/json", target_variant="green")
        assert json.loads(answer["Body"]) == [1] and answer["InvokedProductionVariant"] == "green"
        service.delete_endpoint(viewer, "ons3")
        _gone(service, viewer, "ons3")
        from jupyter_smstudio.core.errors import Forbidden

        with pytest.raises(Forbidden) as err:  # bob's model cannot read alice's prefix
            service.create_model(
                services.viewer("bob"),
                CreateModelRequest.model_validate(
                    model_request("stolen", f"{bucket}/model/model.tar.gz", f"{bucket}/code/sourcedir.tar.gz")
                ),
            )
        assert err.value.field == "PrimaryContainer.ModelDataUrl"
    finally:
        services.close()
