"""Data capture on the embedded path (the SDK without a server): sampled requests and answers written off the
request path in SageMaker's format and layout; a clean stop flushes every queued record, and after a restart
of the services the endpoint is back InService with its configuration and no record is lost. The capture
writer's own rules (sampling, modes, encodings) are checked without processes."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import pytest

from jupyter_smstudio.endpoints.capture import CaptureWriter, record
from jupyter_smstudio.endpoints.models import CreateEndpointConfigRequest, CreateEndpointRequest, CreateModelRequest
from jupyter_smstudio.endpoints.routing import Route
from jupyter_smstudio.sdk._boto import ClientError
from jupyter_smstudio.studio import ENDPOINTS, StudioSettings, build_services
from tests.test_endpoint_updates import constant_model, wait_status

pytestmark = pytest.mark.timeout(120)


def _records(folder: Path) -> list[dict]:
    return [json.loads(line) for f in sorted(folder.rglob("*.jsonl")) for line in f.read_text().splitlines()]


def _services(tmp_path: Path):
    services = build_services(StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(tmp_path / "work")))
    services.start()
    return services


def test_capture_survives_a_restart(tmp_path):
    work = tmp_path / "work"
    capture = work / "capture"
    services = _services(tmp_path)
    viewer = services.viewer("alice")
    service = services.get(ENDPOINTS)
    model_url = constant_model(work / "seven", 7)
    service.create_model(
        viewer,
        CreateModelRequest.model_validate({"ModelName": "seven", "PrimaryContainer": {"ModelDataUrl": model_url}}),
    )
    service.create_endpoint_config(
        viewer,
        CreateEndpointConfigRequest.model_validate(
            {
                "EndpointConfigName": "cap",
                "ProductionVariants": [{"VariantName": "main", "ModelName": "seven"}],
                "DataCaptureConfig": {
                    "InitialSamplingPercentage": 100,
                    "DestinationS3Uri": capture.as_uri(),
                    "CaptureOptions": [{"CaptureMode": "InputAndOutput"}],
                    "CaptureContentTypeHeader": {"CsvContentTypes": ["text/csv"]},
                },
            }
        ),
    )
    service.create_endpoint(viewer, CreateEndpointRequest(EndpointName="cap", EndpointConfigName="cap"))
    describe = service.describe_endpoint
    assert wait_status(_Client(describe, viewer), "cap")["EndpointStatus"] == "InService"
    try:
        for i in range(150):
            answer = service.invoke(viewer, "cap", f"{i},0,0,0".encode(), "text/csv", "application/json")
            assert json.loads(answer["Body"]) == [7]
    finally:
        services.close()  # a clean stop: every queued record is written before it returns
    assert len(_records(capture)) == 150

    again = _services(tmp_path)
    try:
        service = again.get(ENDPOINTS)
        desc = wait_status(_Client(service.describe_endpoint, viewer), "cap")
        assert desc["EndpointStatus"] == "InService" and desc["EndpointConfigName"] == "cap"
        assert desc["DataCaptureConfig"] == {
            "EnableCapture": True,
            "CaptureStatus": "Started",
            "CurrentSamplingPercentage": 100,
            "DestinationS3Uri": capture.as_uri(),
        }
        for i in range(50):
            service.invoke(viewer, "cap", json.dumps([[i, 0, 0, 0]]).encode(), "application/json")
        service.delete_endpoint(viewer, "cap")
    finally:
        again.close()
    found = _records(capture)
    assert len(found) == 200 and len({r["eventMetadata"]["eventId"] for r in found}) == 200
    inputs = sorted(r["captureData"]["endpointInput"]["data"] for r in found)
    assert inputs[:2] == ["0,0,0,0", "1,0,0,0"] and "[[49, 0, 0, 0]]" in inputs
    files = list(capture.rglob("*.jsonl"))
    assert all(f.relative_to(capture).parts[:2] == ("cap", "main") for f in files)


class _Client:
    """describe_endpoint as the boto3-shaped client has it (wait_status's argument)."""

    def __init__(self, describe, viewer):
        self.describe, self.viewer = describe, viewer

    def describe_endpoint(self, EndpointName: str) -> dict:  # noqa: N803 - boto3's
        return self.describe(self.viewer, EndpointName).model_dump(mode="json")


def _route(**capture) -> Route:
    return Route("alice", "ep", "v", (1,), capture)


def test_records_follow_the_modes_and_encodings():
    both = {"CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}], "InitialSamplingPercentage": 100}
    from jupyter_smstudio.endpoints.capture import _Sample

    line = record(_Sample(_route(**both), 0.0, b"\x00\x01", "application/x-npy", b'{"a": 1}', "application/json"))
    assert line["captureData"]["endpointInput"] == {
        "observedContentType": "application/x-npy",
        "mode": "INPUT",
        "data": base64.b64encode(b"\x00\x01").decode(),
        "encoding": "BASE64",
    }
    assert line["captureData"]["endpointOutput"]["encoding"] == "JSON"
    assert line["eventMetadata"]["inferenceTime"] == "1970-01-01T00:00:00.000Z" and line["eventVersion"] == "0"
    only_input = {**both, "CaptureOptions": [{"CaptureMode": "Input"}]}
    line = record(_Sample(_route(**only_input), 0.0, b"1,2", "text/csv", b"3", "text/csv"))
    assert set(line["captureData"]) == {"endpointInput"}
    # custom JSON types; text that is not UTF-8 is kept as BASE64
    custom = {**both, "CaptureContentTypeHeader": {"JsonContentTypes": ["application/jsonlines"]}}
    line = record(_Sample(_route(**custom), 0.0, b'{"x":1}', "application/jsonlines", b"\xff", "text/csv"))
    assert line["captureData"]["endpointInput"]["encoding"] == "JSON"
    assert line["captureData"]["endpointOutput"]["encoding"] == "BASE64"


def test_sampling_and_refusals_stay_off_the_files(tmp_path):
    from jupyter_smstudio.core.settings import CoreSettings
    from jupyter_smstudio.core.storage import StorageService

    storage = StorageService.from_settings(CoreSettings(smstudio_home=str(tmp_path / "h"), root_dir=str(tmp_path)))
    writer = CaptureWriter(storage.for_user)
    dest = (tmp_path / "cap").as_uri()
    options = {"CaptureOptions": [{"CaptureMode": "Input"}], "DestinationS3Uri": dest}
    half = _route(InitialSamplingPercentage=50, **options)
    for _ in range(2000):
        writer.offer(half, b"1", "text/csv", b"2", "text/csv", 200)
    writer.offer(_route(InitialSamplingPercentage=100, **options), b"1", "text/csv", b"bad", "text/plain", 400)
    writer.offer(_route(InitialSamplingPercentage=100, EnableCapture=False, **options), b"1", "text/csv", b"", "", 200)
    writer.close()
    count = len(_records(tmp_path / "cap"))
    assert 850 <= count <= 1150, count  # about half; a refused request and a disabled capture write nothing


def test_a_restart_during_an_update_rolls_it_back(tmp_path):
    """The services stop while a blue/green update's instances are starting: the next start stops them and the
    endpoint serves on its configuration, with the rollback in FailureReason."""
    import psutil

    from jupyter_smstudio.endpoints.models import UpdateEndpointRequest
    from tests.conftest import write_script

    work = tmp_path / "work"
    services = _services(tmp_path)
    viewer = services.viewer("alice")
    service = services.get(ENDPOINTS)
    write_script(work / "slow", "slow.py", "import time\n\ndef model_fn(model_dir):\n    time.sleep(600)\n")
    models = {
        "seven": {"ModelDataUrl": constant_model(work / "seven", 7)},
        "slow": {
            "ModelDataUrl": constant_model(work / "slowm", 1),
            "Environment": {"SAGEMAKER_PROGRAM": "slow.py", "SAGEMAKER_SUBMIT_DIRECTORY": str(work / "slow")},
        },
    }
    for name, container in models.items():
        service.create_model(viewer, CreateModelRequest(ModelName=name, PrimaryContainer=container))
        service.create_endpoint_config(
            viewer,
            CreateEndpointConfigRequest.model_validate(
                {"EndpointConfigName": name, "ProductionVariants": [{"VariantName": "v", "ModelName": name}]}
            ),
        )
    service.create_endpoint(viewer, CreateEndpointRequest(EndpointName="ep", EndpointConfigName="seven"))
    assert wait_status(_Client(service.describe_endpoint, viewer), "ep")["EndpointStatus"] == "InService"
    service.update_endpoint(viewer, "ep", UpdateEndpointRequest(EndpointConfigName="slow"))
    deadline = time.monotonic() + 30
    while not any(h.get("pending") for h in service.store.get_endpoint("alice", "ep").instances):
        assert time.monotonic() < deadline  # the new instance is stored (pending) before it is waited for
        time.sleep(0.05)
    pending = [h["pid"] for h in service.store.get_endpoint("alice", "ep").instances if h.get("pending")]
    services.close()

    again = _services(tmp_path)
    try:
        service = again.get(ENDPOINTS)
        desc = wait_status(_Client(service.describe_endpoint, viewer), "ep")
        assert desc["EndpointStatus"] == "InService" and desc["EndpointConfigName"] == "seven"
        assert "rolled back" in desc["FailureReason"]
        assert not any(psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE for p in pending)
        assert json.loads(service.invoke(viewer, "ep", b"1,2,3,4", "text/csv", "application/json")["Body"]) == [7]
        service.delete_endpoint(viewer, "ep")
    finally:
        again.close()


def test_a_server_restart_keeps_the_endpoint_and_every_captured_record(tmp_path):
    """A real Jupyter server stopped cleanly and started again on the same home: the endpoint is InService with
    its configuration (its instances re-adopted) and the capture holds every request of both servers."""
    import requests

    from jupyter_smstudio.sdk import Session
    from tests.live_server import instance_pids, jupyter_server

    capture = tmp_path / "srv" / "root" / "capture"

    def post(srv, n: int) -> None:
        url = f"{srv['url']}smstudio/api/endpoints/kept/invocations"
        headers = {"Authorization": f"token {srv['token']}", "Content-Type": "text/csv"}
        with requests.Session() as http:
            for i in range(n):
                assert http.post(url, data=f"{i},1,1,1", headers=headers, timeout=30).text.strip() == "7"

    with jupyter_server(tmp_path / "srv", keep_instances=True) as srv:
        sm = Session(server_url=srv["url"], token=srv["token"]).sagemaker_client
        sm.create_model(ModelName="seven", PrimaryContainer={"ModelDataUrl": constant_model(srv["root"] / "m", 7)})
        sm.create_endpoint_config(
            EndpointConfigName="kept",
            ProductionVariants=[{"VariantName": "v", "ModelName": "seven"}],
            DataCaptureConfig={
                "InitialSamplingPercentage": 100,
                "DestinationS3Uri": capture.as_uri(),
                "CaptureOptions": [{"CaptureMode": "Input"}],
            },
        )
        sm.create_endpoint(EndpointName="kept", EndpointConfigName="kept")
        assert wait_status(sm, "kept")["EndpointStatus"] == "InService"
        pids = set(instance_pids(srv["home"]))
        post(srv, 100)  # the server stops right after: the queued records are written as it closes
    with jupyter_server(tmp_path / "srv") as srv:
        sm = Session(server_url=srv["url"], token=srv["token"]).sagemaker_client
        desc = wait_status(sm, "kept")
        assert desc["EndpointStatus"] == "InService" and desc["EndpointConfigName"] == "kept"
        assert set(instance_pids(srv["home"])) == pids
        post(srv, 20)
        # InvokeEndpoint's InferenceId goes with the captured record (Model Monitor matches ground truth on it)
        runtime = Session(server_url=srv["url"], token=srv["token"]).sagemaker_runtime_client
        runtime.invoke_endpoint(EndpointName="kept", Body=b"1,1,1,1", ContentType="text/csv", InferenceId="ticket-7")
        with pytest.raises(ClientError) as refused:
            runtime.invoke_endpoint(EndpointName="kept", Body=b"1,1,1,1", ContentType="text/csv", InferenceId="x" * 65)
        assert "InferenceId" in str(refused.value)
        sm.delete_endpoint(EndpointName="kept")
        sm.get_waiter("endpoint_deleted").wait(EndpointName="kept", WaiterConfig={"Delay": 0.2})
    records = _records(capture)
    assert len(records) == 121
    assert [r["eventMetadata"].get("inferenceId") for r in records].count("ticket-7") == 1
