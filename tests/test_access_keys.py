"""Access keys as IAM names them, on a real Jupyter server with two users and an admin: the secret shown once and
stored encrypted, the limit, each user's own keys only, a job's token refused, bad input named; the SDK's
embedded calls; and the SigV4 check itself (service.authenticate) against requests botocore signs."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sqlite3
import stat
import time

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from jupyter_smstudio.access_keys.sigv4 import (
    IncompleteSignature,
    MissingAuthenticationToken,
    ReceivedRequest,
    SignatureRefused,
    UnrecognizedClient,
)
from jupyter_smstudio.core.errors import Forbidden
from jupyter_smstudio.studio import ACCESS_KEYS, StudioSettings, build_services
from tests.conftest import wait_status, write_script

MULTIUSER = True  # alice, bob and the admin boss (tests/identity.py)
ALICE, BOB, BOSS = "alice-token", "bob-token", "admin-token"
pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def smstudio_config(tmp_path):
    return {"home_volume": str(tmp_path / "volumes" / "{user}"), "admin_users": ["boss"]}


async def test_keys_are_their_users_own_and_the_secret_is_shown_once(api, smstudio_home, jp_http_port, jp_base_url):
    assert (await api("GET", "access-keys"))[0] == 403  # Jupyter's login first
    assert (await api("POST", "access-keys", token="wrong"))[0] == 403

    code, first = await api("POST", "access-keys", token=ALICE)
    assert code == 201, first
    key = first["AccessKey"]
    assert key["UserName"] == "alice" and key["Status"] == "Active" and len(key["SecretAccessKey"]) == 40
    assert key["AccessKeyId"].startswith("AKIA") and len(key["AccessKeyId"]) == 20
    code, second = await api("POST", "access-keys", token=ALICE)
    assert code == 201
    code, third = await api("POST", "access-keys", token=ALICE)
    assert code == 409 and third["reason"] == "LimitExceeded" and "2" in third["message"], third

    code, listed = await api("GET", "access-keys", token=ALICE)
    assert code == 200 and not listed["IsTruncated"]
    assert [k["AccessKeyId"] for k in listed["AccessKeyMetadata"]] == [
        key["AccessKeyId"],
        second["AccessKey"]["AccessKeyId"],
    ]
    assert all("SecretAccessKey" not in k and "LastUsedDate" not in k for k in listed["AccessKeyMetadata"])
    secrets = {key["SecretAccessKey"], second["AccessKey"]["SecretAccessKey"]}
    assert not any(s in repr(listed) for s in secrets)

    # the store holds no secret in clear (nor its WAL); the key file that opens them is the owner's alone
    for path in smstudio_home.rglob("*"):
        if path.is_file():
            assert not any(s.encode() in path.read_bytes() for s in secrets), path
    cipher = smstudio_home / "access-keys.fernet"
    assert stat.S_IMODE(cipher.stat().st_mode) == 0o600
    db = next(smstudio_home.glob("*.db"))
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT access_key_id, secret FROM smstudio_access_keys").fetchall())
    from cryptography.fernet import Fernet

    assert Fernet(cipher.read_bytes()).decrypt(stored[key["AccessKeyId"]].encode()).decode() == key["SecretAccessKey"]

    # bob sees none of them and can change none; naming alice is refused
    assert (await api("GET", "access-keys", token=BOB))[1]["AccessKeyMetadata"] == []
    kid = key["AccessKeyId"]
    assert (await api("PATCH", f"access-keys/{kid}", {"Status": "Inactive"}, token=BOB))[0] == 404
    assert (await api("DELETE", f"access-keys/{kid}", token=BOB))[0] == 404
    code, err = await api("GET", "access-keys", params={"user_name": "alice"}, token=BOB)
    assert code == 403 and err["field"] == "user_name"
    # an admin may see and revoke them (a key that leaked), never make one for someone else
    code, seen = await api("GET", "access-keys", params={"user_name": "alice"}, token=BOSS)
    assert code == 200 and len(seen["AccessKeyMetadata"]) == 2
    code, meta = await api(
        "PATCH", f"access-keys/{kid}", {"Status": "Inactive"}, params={"user_name": "alice"}, token=BOSS
    )
    assert code == 200 and meta["Status"] == "Inactive" and meta["UserName"] == "alice"

    # alice enables it again, deletes the other; bad input names its field
    code, meta = await api("PATCH", f"access-keys/{kid}", {"Status": "Active"}, token=ALICE)
    assert code == 200 and meta["Status"] == "Active"
    code, err = await api("PATCH", f"access-keys/{kid}", {"Status": "Revoked"}, token=ALICE)
    assert code == 400 and err["field"] == "Status"
    code, err = await api("PATCH", f"access-keys/{kid}", {"Status": "Active", "Secret": "x"}, token=ALICE)
    assert code == 400 and err["field"] == "Secret"
    code, err = await api("DELETE", "access-keys/not-a-key", token=ALICE)
    assert code == 400 and err["field"] == "AccessKeyId"
    gone = second["AccessKey"]["AccessKeyId"]
    code, deleted = await api("DELETE", f"access-keys/{gone}", token=ALICE)
    assert code == 200 and deleted == {"AccessKeyId": gone}
    code, err = await api("DELETE", f"access-keys/{gone}", token=ALICE)
    assert code == 404 and err["field"] == "AccessKeyId"
    assert [k["AccessKeyId"] for k in (await api("GET", "access-keys", token=ALICE))[1]["AccessKeyMetadata"]] == [kid]
    # the SDK against this server: the same calls (in a thread: the server answers on this loop)
    from jupyter_smstudio.sdk._backend import RemoteBackend

    remote = RemoteBackend(f"http://127.0.0.1:{jp_http_port}{jp_base_url}", token=ALICE)
    listed = await asyncio.to_thread(remote.list_access_keys)
    assert [k["AccessKeyId"] for k in listed["AccessKeyMetadata"]] == [kid]
    assert (await asyncio.to_thread(remote.update_access_key, kid, {"Status": "Inactive"}))["Status"] == "Inactive"


async def test_a_jobs_token_cannot_make_or_see_keys(api, tmp_path):
    write_script(
        tmp_path / "volumes" / "alice",
        "wait.py",
        """
        import os, time
        open("token.txt", "w").write(os.environ["SMSTUDIO_JOB_TOKEN"])
        time.sleep(600)
        """,
    )
    _, job = await api("POST", "jobs", {"script": "wait.py", "stop_grace_seconds": 0}, token=ALICE)
    token_file = tmp_path / "volumes" / "alice" / "token.txt"
    for _ in range(300):
        if token_file.exists() and token_file.read_text():
            break
        await asyncio.sleep(0.1)
    headers = {"Authorization": f"SmStudioJob {token_file.read_text()}"}
    try:
        for method, path in (("POST", "access-keys"), ("GET", "access-keys")):
            code, err = await api(method, path, headers=headers)
            assert code == 403 and "job" in err["message"], (method, err)
    finally:
        await api("POST", f"jobs/{job['job_name']}/stop", token=ALICE)
        await wait_status(api, job["job_name"], ("Stopped",), token=ALICE)
    assert (await api("GET", "access-keys", token=ALICE))[1]["AccessKeyMetadata"] == []


# -- the service in-process: the SDK's embedded calls and the signature check ----------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def services(request, tmp_path):
    """The services on either store (the key table and its look-up on both)."""
    url = request.getfixturevalue("fresh_postgres_url") if request.param == "postgresql" else ""
    settings = StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(tmp_path), db_url=url)
    services = build_services(settings)
    yield services
    services.close()


def test_the_sdks_embedded_calls(tmp_path, monkeypatch):
    from jupyter_smstudio.sdk._backend import EmbeddedBackend

    monkeypatch.setenv("JUPYTERHUB_USER", "carol")
    backend = EmbeddedBackend(home=str(tmp_path / "home"), root_dir=str(tmp_path))
    try:
        made = backend.create_access_key()["AccessKey"]
        kid = made["AccessKeyId"]
        assert made["UserName"] == "carol" and made["SecretAccessKey"]
        assert backend.list_access_keys()["AccessKeyMetadata"][0]["AccessKeyId"] == kid
        assert backend.update_access_key(kid, {"Status": "Inactive"})["Status"] == "Inactive"
        assert backend.delete_access_key(kid) == {"AccessKeyId": kid}
        assert backend.list_access_keys()["AccessKeyMetadata"] == []
    finally:
        backend.close()


def test_a_job_viewer_is_refused_by_the_service(services):
    keys = services.get(ACCESS_KEYS)
    with pytest.raises(Forbidden):
        keys.create_access_key(services.viewer("alice", job="some-job"))


NOW = dt.datetime(2026, 5, 4, 12, 0, 0, tzinfo=dt.timezone.utc)
URL = "http://127.0.0.1:8888/user/a%40b/smstudio/api/runtime/endpoints/ep/invocations"


def signed(monkeypatch, key_id: str, secret: str, body: bytes = b"1,2,3", service: str = "sagemaker", **headers: str):
    """A request signed by botocore at NOW, as the server receives it."""
    monkeypatch.setattr("botocore.auth.get_current_datetime", lambda: NOW.replace(tzinfo=None))
    request = AWSRequest("POST", URL, headers={"Content-Type": "text/csv", **headers}, data=body)
    SigV4Auth(Credentials(key_id, secret), service, "eu-west-1").add_auth(request)
    received = {k.lower(): [v] for k, v in request.headers.items()}
    received["host"] = ["127.0.0.1:8888"]
    return ReceivedRequest("POST", URL[len("http://127.0.0.1:8888") :], received, body)


def test_the_signature_check(services, monkeypatch):
    keys = services.get(ACCESS_KEYS)
    made = keys.create_access_key(services.viewer("alice")).AccessKey
    kid, secret = made.AccessKeyId, made.SecretAccessKey
    request = signed(monkeypatch, kid, secret)
    assert keys.authenticate(request, NOW) == "alice"
    assert keys.list_access_keys(services.viewer("alice")).AccessKeyMetadata[0].LastUsedDate == NOW
    assert keys.authenticate(request, NOW + dt.timedelta(minutes=14)) == "alice"

    def refused(request: ReceivedRequest, kind: type = SignatureRefused, now: dt.datetime = NOW, words: str = ""):
        with pytest.raises(kind) as err:
            keys.authenticate(request, now)
        assert err.value.status == 403 and words in err.value.message, err.value.message
        return err.value

    # the clock: 15 minutes either side of the request's date
    refused(request, now=NOW + dt.timedelta(minutes=16), words="Signature expired")
    refused(request, now=NOW - dt.timedelta(minutes=16), words="not yet current")
    # the body, a header, the path changed after signing; the wrong secret; another service's scope
    refused(ReceivedRequest(request.method, request.uri, request.headers, b"1,2,4"), words="does not match")
    changed = {**request.headers, "content-type": ["application/json"]}
    refused(ReceivedRequest(request.method, request.uri, changed, request.body), words="does not match")
    refused(ReceivedRequest(request.method, request.uri.replace("/ep/", "/other/"), request.headers, request.body))
    refused(signed(monkeypatch, kid, secret + "x"), words="does not match")
    refused(signed(monkeypatch, kid, secret, service="iam"), words="'sagemaker'")
    # a payload hash that does not describe the body (or UNSIGNED-PAYLOAD) lets no changed body through
    unsigned = signed(monkeypatch, kid, secret, **{"X-Amz-Content-SHA256": "UNSIGNED-PAYLOAD"})
    refused(unsigned, words="x-amz-content-sha256")
    # unknown, malformed and absent credentials
    refused(signed(monkeypatch, "AKIA" + "A" * 16, secret), UnrecognizedClient)
    no_auth = {k: v for k, v in request.headers.items() if k != "authorization"}
    refused(ReceivedRequest("POST", request.uri, no_auth, request.body), MissingAuthenticationToken)
    for bad in (
        "token abc",
        "AWS4-HMAC-SHA256 Credential=x",
        "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=h, Signature=s",
    ):
        refused(
            ReceivedRequest("POST", request.uri, {**no_auth, "authorization": [bad]}, request.body), IncompleteSignature
        )
    # an inactive key, then a deleted one: the same answer as a key that never was
    keys.update_access_key(services.viewer("alice"), kid, _status("Inactive"))
    refused(request, UnrecognizedClient)
    keys.update_access_key(services.viewer("alice"), kid, _status("Active"))
    assert keys.authenticate(request, NOW) == "alice"
    keys.delete_access_key(services.viewer("alice"), kid)
    refused(request, UnrecognizedClient)


def _status(value: str):
    from jupyter_smstudio.access_keys.models import UpdateAccessKeyRequest

    return UpdateAccessKeyRequest(Status=value)  # type: ignore[arg-type]


def test_the_key_file_is_made_once_and_private(tmp_path):
    from jupyter_smstudio.access_keys.cipher import SecretCipher

    path = tmp_path / "home" / "access-keys.fernet"
    first, second = SecretCipher(str(path)), SecretCipher(str(path))
    token = first.encrypt("s3cret")
    assert second.decrypt(token) == "s3cret" and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not list(path.parent.glob(".access-keys*"))  # no temporary file left
    other = SecretCipher(str(tmp_path / "elsewhere" / "access-keys.fernet"))
    assert other.decrypt(token) is None  # another server's key opens nothing: the key is unknown there


def test_a_key_revoked_by_another_process_counts_within_a_second(services, tmp_path, monkeypatch):
    """The server keeps a key it just read for a second; a script on the same store revokes it meanwhile."""
    server = services.get(ACCESS_KEYS)
    made = server.create_access_key(services.viewer("alice")).AccessKey
    request = signed(monkeypatch, made.AccessKeyId, made.SecretAccessKey)
    assert server.authenticate(request, NOW) == "alice"
    script = build_services(services.settings)
    try:
        script.get(ACCESS_KEYS).update_access_key(script.viewer("alice"), made.AccessKeyId, _status("Inactive"))
    finally:
        script.close()
    time.sleep(1.1)
    with pytest.raises(UnrecognizedClient):
        server.authenticate(request, NOW)


def test_boto3s_iam_calls_make_and_revoke_keys(tmp_path, monkeypatch):
    """`Session().boto_session.client("iam")`: the key a user then gives boto3's own sagemaker-runtime client."""
    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk._boto import ClientError, ParamValidationError

    monkeypatch.setenv("SMSTUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JUPYTERHUB_USER", "dave")
    for key in ("SMSTUDIO_URL", "SMSTUDIO_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    session = Session()
    iam = session.boto_session.client("iam")
    try:
        made = iam.create_access_key()["AccessKey"]
        assert made["UserName"] == "dave" and len(made["SecretAccessKey"]) >= 40
        listed = iam.list_access_keys()["AccessKeyMetadata"]
        assert [k["AccessKeyId"] for k in listed] == [made["AccessKeyId"]] and "SecretAccessKey" not in listed[0]
        iam.update_access_key(AccessKeyId=made["AccessKeyId"], Status="Inactive")
        assert iam.list_access_keys()["AccessKeyMetadata"][0]["Status"] == "Inactive"
        iam.delete_access_key(AccessKeyId=made["AccessKeyId"])
        with pytest.raises(ClientError) as gone:
            iam.delete_access_key(AccessKeyId=made["AccessKeyId"])
        assert gone.value.response["Error"]["Code"] == "NoSuchEntity"
        with pytest.raises(ParamValidationError):
            iam.update_access_key(AccessKeyId=made["AccessKeyId"])
        iam.create_access_key()
        iam.create_access_key()
        with pytest.raises(iam.exceptions.LimitExceededException):
            iam.create_access_key()
    finally:
        session.backend.close()
