"""Live changes under load, through a real Jupyter server and real instances on loopback: a weight and count
change and a blue/green UpdateEndpoint (REST, boto3-shaped client, Predictor.update_endpoint) lose no request,
the routing switches in one step, an update whose instances do not start rolls back, and a killed instance costs
at most the requests in flight on it and is replaced. Data capture through the server's router writes every
sampled answer."""

from __future__ import annotations

import json
import tarfile
import threading
import time
from collections import Counter
from pathlib import Path

import joblib
import numpy as np
import psutil
import pytest
import requests
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression

from tests.conftest import write_script
from tests.live_server import instance_pids, jupyter_server

pytestmark = pytest.mark.timeout(240)
ROW = "5.1,3.5,1.4,0.2"


def packed_model(folder: Path, estimator) -> str:
    """`model.tar.gz` holding `model.joblib` (the container's default model_fn loads it): its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(estimator, folder / "model.joblib")
    with tarfile.open(folder / "model.tar.gz", "w:gz") as tar:
        tar.add(folder / "model.joblib", arcname="model.joblib")
    return (folder / "model.tar.gz").as_uri()


def iris_model(folder: Path) -> str:
    x = np.random.default_rng(0).normal(size=(60, 4))
    return packed_model(folder, LogisticRegression().fit(x, (x[:, 0] > 0).astype(int)))


def constant_model(folder: Path, value: int) -> str:
    return packed_model(folder, DummyClassifier(strategy="constant", constant=value).fit([[0] * 4] * 2, [value] * 2))


class Load:
    """Threads posting to the router without pause: every answer's (status, body, variant), in order."""

    def __init__(self, url: str, token: str, endpoint: str, threads: int = 4):
        self.url = f"{url}smstudio/api/endpoints/{endpoint}/invocations"
        self.headers = {"Authorization": f"token {token}", "Content-Type": "text/csv", "Accept": "application/json"}
        self.answers: list[list[tuple[int, str, str]]] = [[] for _ in range(threads)]
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(threads)]

    def _run(self, i: int) -> None:
        with requests.Session() as http:
            while not self._stop.is_set():
                try:
                    r = http.post(self.url, data=ROW, headers=self.headers, timeout=60)
                    answer = (r.status_code, r.text, r.headers.get("X-Amzn-Invoked-Production-Variant", ""))
                except requests.RequestException as err:
                    answer = (0, str(err), "")
                self.answers[i].append(answer)

    def __enter__(self) -> Load:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(70)

    def count(self) -> int:
        return sum(len(a) for a in self.answers)

    def failures(self) -> list[tuple[int, str, str]]:
        return [a for answers in self.answers for a in answers if a[0] != 200]

    def wait_for(self, more: int, timeout: float = 60) -> None:
        target = self.count() + more
        deadline = time.monotonic() + timeout
        while self.count() < target:
            assert time.monotonic() < deadline, f"the load stalled at {self.count()} answers"
            time.sleep(0.05)


def wait_status(sm, name: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        desc = sm.describe_endpoint(EndpointName=name)
        if desc["EndpointStatus"] not in ("Creating", "Updating"):
            return desc
        assert time.monotonic() < deadline, desc
        time.sleep(0.1)


def variant(name: str, model: str, weight: float = 1, count: int = 1) -> dict:
    return {
        "VariantName": name,
        "ModelName": model,
        "InitialInstanceCount": count,
        "InstanceType": "ml.m5.large",
        "InitialVariantWeight": weight,
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with jupyter_server(tmp_path_factory.mktemp("srv")) as srv:
        yield srv


@pytest.fixture(scope="module")
def sm(server):
    from jupyter_smstudio.sdk import Session

    session = Session(server_url=server["url"], token=server["token"])
    root = server["root"]
    client = session.sagemaker_client
    client.create_model(ModelName="iris", PrimaryContainer={"ModelDataUrl": iris_model(root / "iris")})
    client.create_model(ModelName="nine", PrimaryContainer={"ModelDataUrl": constant_model(root / "nine", 9)})
    write_script(
        root / "broken", "broken.py", "def model_fn(model_dir):\n    raise RuntimeError('weights are corrupt')\n"
    )
    client.create_model(
        ModelName="broken",
        PrimaryContainer={
            "ModelDataUrl": iris_model(root / "broken"),
            "Environment": {"SAGEMAKER_PROGRAM": "broken.py", "SAGEMAKER_SUBMIT_DIRECTORY": str(root / "broken")},
        },
    )
    return client


def test_weights_and_blue_green_under_load_lose_no_request(server, sm):
    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk.predictor import Predictor

    capture_dir = server["root"] / "capture"
    sm.create_endpoint_config(
        EndpointConfigName="ab", ProductionVariants=[variant("blue", "iris"), variant("green", "iris", count=2)]
    )
    sm.create_endpoint_config(
        EndpointConfigName="nines",
        ProductionVariants=[variant("nine", "nine")],
        DataCaptureConfig={
            "EnableCapture": True,
            "InitialSamplingPercentage": 100,
            "DestinationS3Uri": capture_dir.as_uri(),
            "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
        },
    )
    sm.create_endpoint_config(EndpointConfigName="bad", ProductionVariants=[variant("nine", "broken")])
    sm.create_endpoint(EndpointName="live", EndpointConfigName="ab")
    assert wait_status(sm, "live")["EndpointStatus"] == "InService"
    before = set(instance_pids(server["home"]))
    assert len(before) == 3

    with Load(server["url"], server["token"], "live") as load:
        load.wait_for(40)
        sm.update_endpoint_weights_and_capacities(
            EndpointName="live",
            DesiredWeightsAndCapacities=[
                {"VariantName": "blue", "DesiredWeight": 0},
                {"VariantName": "green", "DesiredWeight": 1, "DesiredInstanceCount": 1},  # one green instance leaves
            ],
        )
        assert wait_status(sm, "live")["ProductionVariants"][1]["CurrentInstanceCount"] == 1
        load.wait_for(40)
        sm.update_endpoint(EndpointName="live", EndpointConfigName="nines")
        assert sm.describe_endpoint(EndpointName="live")["EndpointStatus"] == "Updating"
        desc = wait_status(sm, "live")
        load.wait_for(40)
        # an update whose instances fail to start rolls back: the endpoint serves on, on its configuration
        sm.update_endpoint(EndpointName="live", EndpointConfigName="bad")
        failed = wait_status(sm, "live")
        load.wait_for(40)

    assert load.failures() == [], Counter(load.failures())
    print(f"\n{load.count()} requests across a weight and count change, a switch and a rollback: none failed")
    assert desc["EndpointStatus"] == "InService" and desc["EndpointConfigName"] == "nines"
    assert [v["VariantName"] for v in desc["ProductionVariants"]] == ["nine"]
    assert desc["DataCaptureConfig"]["CaptureStatus"] == "Started"
    assert failed["EndpointStatus"] == "InService" and failed["EndpointConfigName"] == "nines", failed
    assert "rolled back" in failed["FailureReason"] and "weights are corrupt" in failed["FailureReason"]
    for answers in load.answers:
        variants = [v for _, _, v in answers]
        # the weight change, then the switch, each in one step: a thread never goes back
        last_blue = max(i for i, v in enumerate(variants) if v == "blue")
        first_nine = variants.index("nine")
        assert set(variants[last_blue + 1 : first_nine]) == {"green"}, variants
        assert set(variants[first_nine:]) == {"nine"}, variants
        assert {b for _, b, v in answers if v == "nine"} == {"[9]"}
    # the old instances are stopped, the new one runs
    after = instance_pids(server["home"])
    assert not before & set(after) and len(after) == 1 and "/nine/" in next(iter(after.values()))

    # every answer of the captured configuration is in the capture files (100% sampled), in SageMaker's format
    nines = sum(1 for answers in load.answers for _, _, v in answers if v == "nine")
    deadline = time.monotonic() + 10
    while True:
        files = sorted((capture_dir / "live" / "nine").rglob("*.jsonl"))
        records = [json.loads(line) for f in files for line in f.read_text().splitlines()]
        if len(records) >= nines or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(records) == nines
    first = records[0]
    assert first["eventVersion"] == "0" and first["eventMetadata"]["eventId"]
    assert first["captureData"]["endpointInput"] == {
        "observedContentType": "text/csv",
        "mode": "INPUT",
        "data": ROW,
        "encoding": "CSV",
    }
    assert first["captureData"]["endpointOutput"]["data"] == "[9]"
    assert first["captureData"]["endpointOutput"]["encoding"] == "JSON"
    assert len(files[0].relative_to(capture_dir / "live" / "nine").parts) == 5  # yyyy/mm/dd/hh/<file>.jsonl

    # Predictor.update_endpoint: a new config copied from the current one, with another model and count
    session = Session(server_url=server["url"], token=server["token"])
    predictor = Predictor("live", sagemaker_session=session)
    predictor.update_endpoint(initial_instance_count=2, instance_type="ml.m5.large", model_name="iris")
    desc = sm.describe_endpoint(EndpointName="live")
    assert desc["EndpointConfigName"].startswith("nines-") and desc["EndpointStatus"] == "InService"
    assert [(v["VariantName"], v["ModelName"], v["CurrentInstanceCount"]) for v in desc["ProductionVariants"]] == [
        ("AllTraffic", "iris", 2)
    ]
    config = sm.describe_endpoint_config(EndpointConfigName=desc["EndpointConfigName"])
    assert config["DataCaptureConfig"]["DestinationS3Uri"] == capture_dir.as_uri()  # kept from the copied config
    with pytest.raises(ValueError, match="instance_type"):
        predictor.update_endpoint(initial_instance_count=1)
    sm.delete_endpoint(EndpointName="live")
    sm.get_waiter("endpoint_deleted").wait(EndpointName="live", WaiterConfig={"Delay": 0.2})


def test_update_refusals_name_the_field(server, sm):
    from jupyter_smstudio.sdk._boto import ClientError

    headers = {"Authorization": f"token {server['token']}"}
    api = f"{server['url']}smstudio/api/"
    r = requests.post(f"{api}endpoints/nowhere/update", json={"EndpointConfigName": "ab"}, headers=headers)
    assert (r.status_code, r.json()["field"]) == (404, "EndpointName")
    sm.create_endpoint_config(EndpointConfigName="one", ProductionVariants=[variant("nine", "nine")])
    sm.create_endpoint(EndpointName="refused", EndpointConfigName="one")
    try:
        r = requests.post(f"{api}endpoints/refused/update", json={"EndpointConfigName": "one"}, headers=headers)
        assert (r.status_code, r.json()["field"]) == (400, "EndpointName")  # still Creating
        wait_status(sm, "refused")
        for body, status, field in (
            ({"EndpointConfigName": "none-such"}, 404, "EndpointConfigName"),
            ({}, 400, "EndpointConfigName"),
            ({"EndpointConfigName": "one", "RetainAllVariantProperties": "perhaps"}, 400, "RetainAllVariantProperties"),
        ):
            r = requests.post(f"{api}endpoints/refused/update", json=body, headers=headers)
            assert (r.status_code, r.json().get("field")) == (status, field), r.text
        with pytest.raises(ClientError) as err:
            sm.update_endpoint(EndpointName="refused", EndpointConfigName="none-such")
        assert err.value.response["Error"]["Code"] == "ResourceNotFound"
        bad = {
            "EndpointConfigName": "outside",
            "ProductionVariants": [variant("nine", "nine")],
            "DataCaptureConfig": {
                "InitialSamplingPercentage": 10,
                "DestinationS3Uri": "file:///etc/capture",
                "CaptureOptions": [{"CaptureMode": "Input"}],
            },
        }
        r = requests.post(f"{api}endpoint-configs", json=bad, headers=headers)
        assert (r.status_code, r.json()["field"]) == (400, "DataCaptureConfig.DestinationS3Uri"), r.text
    finally:
        sm.delete_endpoint(EndpointName="refused")


def test_a_killed_instance_costs_at_most_its_requests_in_flight(server, sm):
    sm.create_endpoint_config(EndpointConfigName="pair", ProductionVariants=[variant("only", "iris", count=2)])
    sm.create_endpoint(EndpointName="sturdy", EndpointConfigName="pair")
    assert wait_status(sm, "sturdy")["EndpointStatus"] == "InService"
    pids = instance_pids(server["home"])
    assert len(pids) == 2
    victim = next(iter(pids))
    with Load(server["url"], server["token"], "sturdy") as load:
        load.wait_for(40)
        psutil.Process(victim).kill()
        load.wait_for(40)
        deadline = time.monotonic() + 60  # the supervisor replaces it
        while victim in instance_pids(server["home"]) or len(instance_pids(server["home"])) != 2:
            assert time.monotonic() < deadline, instance_pids(server["home"])
            time.sleep(0.2)
        assert wait_status(sm, "sturdy")["EndpointStatus"] == "InService"
        load.wait_for(40)
    # a request on the victim when it died is retried on the other instance; none may fail beyond the
    # ones in flight on it (one per load thread at most)
    assert len(load.failures()) <= 4, load.failures()
    print(f"\n{load.count()} requests across an instance killed and replaced: {len(load.failures())} failed")
    sm.delete_endpoint(EndpointName="sturdy")
    sm.get_waiter("endpoint_deleted").wait(EndpointName="sturdy", WaiterConfig={"Delay": 0.2})
