"""boto3's own sagemaker-runtime client, signed with SigV4 by a user's access key, invokes that user's endpoint
on a real Jupyter server (under a JupyterHub-like base URL with an escaped character) whose instances are real
model servers: the prediction and InvokedProductionVariant, TargetVariant, the model's refusal as a ModelError;
a revoked, re-enabled and deleted key, a tampered body, a wrong secret, another user's key and no signature."""

from __future__ import annotations

import asyncio
import io
import json
import tarfile
import time

import boto3
import joblib
import psutil
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

MULTIUSER = True  # alice, bob and an admin (tests/identity.py)
ALICE, BOB = "alice-token", "bob-token"
SETOSA, VIRGINICA = b"5.1,3.5,1.4,0.2", b"6.7,3.0,5.2,2.3"
pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def jp_base_url():
    return "/user/a%40b/"  # as JupyterHub prefixes a user's server, with a character the client escapes


@pytest.fixture
def jp_server_config(jp_server_config):
    """A server that lets nothing in without its login but what a route allows: the signed route says so."""
    jp_server_config["ServerApp"]["allow_unauthenticated_access"] = False
    return jp_server_config


@pytest.fixture(autouse=True)
def no_instance_left(jp_root_dir):
    """Instances outlive their server by design: whatever this test leaves running ends with it."""
    yield
    for proc in psutil.process_iter(["cmdline"]):
        try:
            cmdline = " ".join(proc.info["cmdline"] or [])
            if "jupyter_smstudio.endpoints.serving" in cmdline and str(jp_root_dir.parent) in str(proc.environ()):
                proc.kill()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass


def _model_tar(folder) -> str:
    x, y = load_iris(return_X_y=True)
    buffer = io.BytesIO()
    joblib.dump(LogisticRegression(max_iter=500).fit(x, y), buffer)
    with tarfile.open(folder / "model.tar.gz", "w:gz") as tar:
        info = tarfile.TarInfo("model.joblib")
        info.size = len(buffer.getvalue())
        tar.addfile(info, io.BytesIO(buffer.getvalue()))
    return (folder / "model.tar.gz").as_uri()


async def _deploy(api, model_url: str, name: str = "iris") -> None:
    container = {"ModelDataUrl": model_url}
    assert (await api("POST", "models", {"ModelName": name, "PrimaryContainer": container}, token=ALICE))[0] == 201
    variants = [
        {"VariantName": v, "ModelName": name, "InitialInstanceCount": 1, "InitialVariantWeight": 1}
        for v in ("blue", "green")
    ]
    body = {"EndpointConfigName": name, "ProductionVariants": variants}
    assert (await api("POST", "endpoint-configs", body, token=ALICE))[0] == 201
    body = {"EndpointName": name, "EndpointConfigName": name}
    assert (await api("POST", "endpoints", body, token=ALICE))[0] == 201
    deadline = time.monotonic() + 90
    while True:
        code, desc = await api("GET", f"endpoints/{name}", token=ALICE)
        if desc["EndpointStatus"] not in ("Creating", "Updating"):
            break
        assert time.monotonic() < deadline, desc
        await asyncio.sleep(0.2)
    assert desc["EndpointStatus"] == "InService", desc


async def test_boto3_sagemaker_runtime_with_a_users_key(api, jp_root_dir, jp_http_port, jp_base_url):
    await _deploy(api, _model_tar(jp_root_dir))
    url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}smstudio/api/runtime"

    async def key(token: str) -> tuple[str, str]:
        code, made = await api("POST", "access-keys", token=token)
        assert code == 201, made
        return made["AccessKey"]["AccessKeyId"], made["AccessKey"]["SecretAccessKey"]

    def runtime(key_id: str, secret: str):
        return boto3.client(
            "sagemaker-runtime",
            endpoint_url=url,
            aws_access_key_id=key_id,
            aws_secret_access_key=secret,
            region_name="us-east-1",
            config=Config(retries={"max_attempts": 1}),
        )

    async def invoke(client, body: bytes = SETOSA, **kwargs) -> dict:
        # boto3 blocks: in a thread, while the server answers on this loop
        args = {"EndpointName": "iris", "Body": body, "ContentType": "text/csv", "Accept": "application/json"}
        answer = await asyncio.to_thread(client.invoke_endpoint, **{**args, **kwargs})
        return {**answer, "Body": json.loads(answer["Body"].read())}

    async def refused(client, body: bytes = SETOSA, **kwargs) -> dict:
        with pytest.raises(ClientError) as err:
            await invoke(client, body, **kwargs)
        return err.value.response

    alice_id, alice_secret = await key(ALICE)
    alice = runtime(alice_id, alice_secret)
    answer = await invoke(alice)
    assert answer["Body"] == [0] and answer["ContentType"] == "application/json"
    assert answer["InvokedProductionVariant"] in ("blue", "green")
    assert (await invoke(alice, VIRGINICA))["Body"] == [2]
    for _ in range(5):
        assert (await invoke(alice, TargetVariant="green"))["InvokedProductionVariant"] == "green"
    # the model refuses the payload: SageMaker's ModelError with the instance's status and message
    error = await refused(alice, b"1,2")
    assert error["Error"]["Code"] == "ModelError" and error["OriginalStatusCode"] == 400, error
    assert "the model refused the input" in error["Error"]["Message"]
    assert error["OriginalMessage"].startswith("the model refused the input")
    # an endpoint that does not exist, a variant that does not
    error = await refused(alice, EndpointName="nope")
    assert error["Error"]["Code"] == "ValidationError" and "nope" in error["Error"]["Message"]
    error = await refused(alice, TargetVariant="purple")
    assert error["Error"]["Code"] == "ValidationError" and "purple" in error["Error"]["Message"]
    # the use is recorded
    code, listed = await api("GET", "access-keys", token=ALICE)
    assert listed["AccessKeyMetadata"][0]["LastUsedDate"]

    # a wrong secret; a body changed after signing (a hook on the wire, after botocore signed)
    error = await refused(runtime(alice_id, alice_secret[:-1] + "x"))
    assert error["Error"]["Code"] == "InvalidSignatureException", error
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403 and error["ResponseMetadata"]["RequestId"]
    tampered = runtime(alice_id, alice_secret)

    def change_body(request, **_):
        request.body = VIRGINICA[:-1] + b"4"
        request.headers["Content-Length"] = str(len(request.body))

    tampered.meta.events.register("before-send.sagemaker-runtime.InvokeEndpoint", change_body)
    assert (await refused(tampered))["Error"]["Code"] == "InvalidSignatureException"

    # bob's key: alice's endpoint does not exist for him
    bob = runtime(*(await key(BOB)))
    error = await refused(bob)
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 404 and "does not exist" in error["Error"]["Message"]

    # revoked, then enabled again, then deleted
    assert (await api("PATCH", f"access-keys/{alice_id}", {"Status": "Inactive"}, token=ALICE))[0] == 200
    error = await refused(alice)
    assert (
        error["Error"]["Code"] == "UnrecognizedClientException" and error["ResponseMetadata"]["HTTPStatusCode"] == 403
    )
    assert (await api("PATCH", f"access-keys/{alice_id}", {"Status": "Active"}, token=ALICE))[0] == 200
    assert (await invoke(alice))["Body"] == [0]
    assert (await api("DELETE", f"access-keys/{alice_id}", token=ALICE))[0] == 200
    assert (await refused(alice))["Error"]["Code"] == "UnrecognizedClientException"

    # Jupyter's own token is no signature; nothing at all is no signature either
    for headers in ({"Authorization": f"token {ALICE}"}, {}):
        code, err = await api("POST", "runtime/endpoints/iris/invocations", raw_body=SETOSA, headers=headers)
        assert code == 403 and err["__type"] in ("IncompleteSignatureException", "MissingAuthenticationTokenException")
    assert (await api("DELETE", "endpoints/iris", token=ALICE))[0] == 200
