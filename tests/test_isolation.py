"""Users isolated, as a hostile second user probed them: S3 confinement (real SeaweedFS), one folder per
user name, experiment_config that names another user's records, job tokens that may only record their own
job's work, jobs without the server's secrets, and bad input that used to be a 500 or stored as is."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from jupyter_smstudio.core.errors import Forbidden
from jupyter_smstudio.core.storage import StorageService
from tests.conftest import wait_status, write_script

SCRIPTS = Path(__file__).parent / "training_scripts"

MULTIUSER = True  # two users and an admin (tests/conftest.py jp_server_config)


# -- storage: s3:// confined like file:// -----------------------------------------------------------


@pytest.fixture
def s3(fresh_s3_config, tmp_path):
    cfg = fresh_s3_config
    service = StorageService(
        root_url_template=f"s3://{cfg['bucket']}/users/{{user}}",
        home_volume_template=str(tmp_path / "volumes" / "{user}"),
        shared_roots=[f"s3://{cfg['bucket']}/team"],
        readonly_roots=[f"s3://{cfg['bucket']}/datasets"],
        s3_options={
            "key": cfg["key"],
            "secret": cfg["secret"],
            "endpoint_url": cfg["endpoint_url"],
            "client_kwargs": {"region_name": "us-east-1"},
        },
        variables={"smstudio_home": str(tmp_path / "home"), "root_dir": str(tmp_path)},
    )
    return cfg["bucket"], service


def _admin_fs(cfg):
    """The bucket as the deployment (not a user) sees it."""
    import s3fs

    return s3fs.S3FileSystem(
        key=cfg["key"],
        secret=cfg["secret"],
        skip_instance_cache=True,
        client_kwargs={"endpoint_url": cfg["endpoint_url"], "region_name": "us-east-1"},
    )


def test_s3_urls_are_confined_to_the_users_prefix(s3, fresh_s3_config):
    bucket, service = s3
    alice, bob = service.for_user("alice"), service.for_user("bob")
    alice.write_bytes(f"s3://{bucket}/users/alice/private.txt", b"alice's")
    admin_fs = _admin_fs(fresh_s3_config)
    admin_fs.pipe(f"{bucket}/datasets/iris.csv", b"a,b\n")
    for url in (
        f"s3://{bucket}/users/alice/private.txt",
        f"s3://{bucket}/users/alice",
        f"s3://{bucket}/users",
        f"s3://{bucket}",
        "s3://other-bucket/x",
        f"s3://{bucket}/users/alice2/x",
        f"s3://{bucket}/users/bob/../alice/private.txt",
    ):
        with pytest.raises(Forbidden):
            bob.read_bytes(url)
        with pytest.raises(Forbidden):
            bob.write_bytes(url, b"overwritten")
        with pytest.raises(Forbidden):
            bob.list(url)
    assert alice.read_bytes(f"s3://{bucket}/users/alice/private.txt") == b"alice's"
    # shared prefixes: read and write for everyone; read-only ones: read only
    bob.write_bytes(f"s3://{bucket}/team/notes.txt", b"bob's")
    assert alice.read_bytes(f"s3://{bucket}/team/notes.txt") == b"bob's"
    assert bob.read_bytes(f"s3://{bucket}/datasets/iris.csv") == b"a,b\n"
    with pytest.raises(Forbidden, match="read-only"):
        bob.write_bytes(f"s3://{bucket}/datasets/iris.csv", b"poisoned")
    assert admin_fs.cat(f"{bucket}/datasets/iris.csv") == b"a,b\n"


def test_s3_options_per_user(tmp_path):
    templated = StorageService(
        "s3://b/{user}",
        str(tmp_path / "v" / "{user}"),
        [],
        {"key": "{user}-key", "anon": False},
        {"smstudio_home": str(tmp_path), "root_dir": str(tmp_path)},
    )
    assert templated.for_user("alice").s3_options == {"key": "alice-key", "anon": False}
    keys = {"alice": {"key": "a"}, "bob": {"key": "b"}}
    per_user = StorageService(
        "s3://b/{user}",
        str(tmp_path / "v" / "{user}"),
        [],
        {"key": "shared"},
        {"smstudio_home": str(tmp_path), "root_dir": str(tmp_path)},
        s3_options_for_user=lambda user: keys[user],
    )
    assert per_user.for_user("bob").s3_options == {"key": "b"}


def test_download_refuses_keys_that_climb_out(s3, fresh_s3_config, tmp_path):
    """SeaweedFS refuses to store a key with `..` in it, other S3 servers store it: the listing such a
    server answers is given to the download here (the one stand-in of this file, and it says so)."""
    bucket, service = s3
    alice = service.for_user("alice")
    _admin_fs(fresh_s3_config).pipe(f"{bucket}/users/alice/data/ok.txt", b"ok")
    loc = alice.resolve(f"s3://{bucket}/users/alice/data")
    real_find = loc.fs.find
    evil = f"{bucket}/users/alice/data/sub/../../../../escaped.txt"
    loc.fs.find = lambda path, **kw: [*real_find(path, **kw), evil]  # the S3 server's listing, with the bad key
    try:
        with pytest.raises(Forbidden):
            alice.download(f"s3://{bucket}/users/alice/data", str(tmp_path / "dl" / "here"))
    finally:
        del loc.fs.find
    assert not list(tmp_path.rglob("escaped.txt"))


def test_the_container_refuses_keys_that_climb_out(tmp_path):
    from jupyter_smstudio.training.container import inside

    assert inside(tmp_path, "a/b.txt") == tmp_path / "a" / "b.txt"
    with pytest.raises(ValueError, match="outside"):
        inside(tmp_path / "channel", "sub/../../../etc/passwd")


def test_user_names_map_to_folders_one_to_one(tmp_path):
    service = StorageService(
        "file://{smstudio_home}/s/{user}",
        str(tmp_path / "v" / "{user}"),
        [],
        {},
        {"smstudio_home": str(tmp_path), "root_dir": str(tmp_path)},
    )
    names = ["alice", "alice_x", "alice+x", "alice x", "alice/x", "ALICE", "jörg", "j\u00f6rg\u0301"]
    homes = [service.for_user(n).home_volume for n in names]
    assert len(set(homes)) == len(names), homes
    assert homes[0].endswith("/v/alice") and homes[1].endswith("/v/alice_x")  # plain names keep their folder


# -- through the server, two users and an admin ---------------------------------------------------------


@pytest.fixture
def smstudio_config(tmp_path):
    return {"home_volume": str(tmp_path / "volumes" / "{user}"), "admin_users": ["boss"]}


async def test_experiment_config_cannot_reach_another_users_records(api, tmp_path):
    """A job joins only its owner's own experiment and trial: names are unique per owner, so a name alice uses
    (privately or shared) names a new record of bob's, never hers, and answers nothing about hers."""
    write_script(tmp_path / "volumes" / "bob", "job.py", "print('bob')\n")
    await api("POST", "experiments", {"experiment_name": "alices"}, token="alice-token")
    await api("POST", "trials", {"trial_name": "alices-trial", "experiment_name": "alices"}, token="alice-token")
    await api("POST", "experiments", {"experiment_name": "alices-shared", "shared": True}, token="alice-token")
    names = []
    for config in (
        {"ExperimentName": "alices"},
        {"ExperimentName": "alices-shared"},
        {"ExperimentName": "bobs", "TrialName": "alices-trial"},
    ):
        code, body = await api("POST", "jobs", {"script": "job.py", "experiment_config": config}, token="bob-token")
        assert code == 201, body
        names.append(body["job_name"])
    # a tuning job named like alice's private experiment tracks its trials in bob's own experiment of that name
    shutil.copytree(SCRIPTS, tmp_path / "volumes" / "bob" / "src")
    code, body = await api(
        "POST",
        "tuning-jobs",
        {
            "tuning_job_name": "alices",
            "objective": {"metric_name": "acc"},
            "max_jobs": 1,
            "parameter_ranges": {"integer_parameter_ranges": [{"name": "d", "min_value": 1, "max_value": 2}]},
            "training_job": {
                "entry_point": "tune_train.py",
                "source_dir": "src",
                "metric_definitions": [{"Name": "acc", "Regex": "accuracy=([0-9.]+)"}],
            },
        },
        token="bob-token",
    )
    assert code == 201, body
    for name in names:
        await wait_status(api, name, ("Completed",), token="bob-token")
    # nothing of bob's landed in alice's records
    _, trials = await api("GET", "trials", params={"experiment_name": "alices"}, token="alice-token")
    assert [t["trial_name"] for t in trials["trials"]] == ["alices-trial"] and trials["trials"][0][
        "trial_component_count"
    ] == 0
    for name in ("alices", "alices-shared"):
        _, exp = await api("GET", f"experiments/{name}", token="bob-token")
        assert exp["owner"] == "bob", exp
        _, exp = await api("GET", f"experiments/{name}", token="alice-token")
        assert exp["owner"] == "alice" and exp["trial_count"] == (1 if name == "alices" else 0), exp
    _, mine = await api("GET", "trials/alices-trial", token="bob-token")
    assert mine["owner"] == "bob" and mine["experiment_name"] == "bobs"


async def test_a_job_token_records_only_its_own_work(api, tmp_path):
    import asyncio

    write_script(
        tmp_path / "volumes" / "alice",
        "wait.py",
        """
        import os, time
        open("token.txt", "w").write(os.environ["SMSTUDIO_JOB_TOKEN"])
        open("env.json", "w").write(__import__("json").dumps(dict(os.environ)))
        time.sleep(600)
    """,
    )
    os.environ["SMSTUDIO_TEST_SERVER_SECRET"] = "do-not-leak"
    try:
        _, job = await api(
            "POST",
            "jobs",
            {"script": "wait.py", "stop_grace_seconds": 0, "environment": {"MINE": "1"}},
            token="alice-token",
        )
        folder = tmp_path / "volumes" / "alice"
        for _ in range(100):
            if (folder / "env.json").exists() and (folder / "env.json").read_text():
                break
            await asyncio.sleep(0.1)
    finally:
        os.environ.pop("SMSTUDIO_TEST_SERVER_SECRET")
    env = json.loads((folder / "env.json").read_text())
    assert env["MINE"] == "1" and "PATH" in env and "SMSTUDIO_JOB_TOKEN" in env
    assert "SMSTUDIO_TEST_SERVER_SECRET" not in env and "SMSTUDIO_HOME" not in env  # no secrets, no store path
    job_auth = {"Authorization": f"SmStudioJob {(folder / 'token.txt').read_text()}"}
    code, _ = await api("POST", f"jobs/{job['job_name']}/report", {"secondary_status": "Epoch 1"}, headers=job_auth)
    assert code == 200
    # a user's token cannot report for a job; a job's token cannot start jobs
    code, body = await api("POST", f"jobs/{job['job_name']}/report", {"secondary_status": "x"}, token="alice-token")
    assert code == 403, body
    code, body = await api("POST", "jobs", {"script": "wait.py"}, headers=job_auth)
    assert code == 403 and "job's token" in body["message"], body
    code, _ = await api("POST", "experiments", {"experiment_name": "from-the-job"}, headers=job_auth)
    assert code == 201  # recording its work is what a job token is for
    await api("POST", f"jobs/{job['job_name']}/stop", token="alice-token")
    await wait_status(api, job["job_name"], ("Stopped",), token="alice-token")
    code, _ = await api("GET", "whoami", headers=job_auth)
    assert code == 403  # the token died with the job


@pytest.mark.parametrize(
    "method, path, body, params, status, field",
    [
        ("POST", "jobs", {"script": "ok.py", "arguments": ["a\u0000b"]}, None, 400, "arguments.0"),
        ("POST", "experiments", {"experiment_name": "x", "shared": "yes"}, None, 400, "shared"),
        ("POST", "trial-components", {"trial_component_name": "tc", "parameters": {"lr": "Infinity"}}, None, 201, None),
        ("GET", "jobs", None, {"offset": str(2**63)}, 400, "offset"),
        ("POST", "search", {"NextToken": str(2**70)}, None, 400, "NextToken"),
    ],
)
async def test_bad_input_is_a_400_not_a_500(api, tmp_path, method, path, body, params, status, field):
    write_script(tmp_path / "volumes" / "alice", "ok.py", "print('ok')\n")
    code, answer = await api(method, path, body, params=params, token="alice-token")
    assert code == status, answer
    if field:
        assert answer["field"] == field, answer


async def test_non_finite_parameters_and_huge_steps_are_refused(api):
    code, body = await api(
        "POST",
        "trial-components",
        {"trial_component_name": "tc", "parameters": {"lr": float("inf")}},
        token="alice-token",
    )
    assert code == 400 and body["field"].startswith("parameters.lr"), body
    await api("POST", "trial-components", {"trial_component_name": "tc2"}, token="alice-token")
    code, body = await api(
        "POST",
        "trial-components/tc2/metrics",
        {"metrics": [{"metric_name": "loss", "value": 1.0, "step": 2**40}]},
        token="alice-token",
    )
    assert code == 400 and body["field"] == "metrics.0.step", body


async def test_oversized_and_deep_bodies(api):
    code, body = await api(
        "POST", "experiments", raw_body=b'{"experiment_name": "' + b"x" * (2 * 1024 * 1024) + b'"}', token="alice-token"
    )
    assert code == 413 and body["reason"] == "PayloadTooLarge", body
    deep = b'{"experiment_name": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    code, body = await api("POST", "experiments", raw_body=deep, token="alice-token")
    assert code == 400 and body["field"] == "body", body


async def test_a_long_failure_reason_is_clipped_and_the_component_ends(api, tmp_path):
    write_script(
        tmp_path / "volumes" / "alice",
        "explain.py",
        """
        import os
        open(os.path.join(os.environ["SM_OUTPUT_DIR"], "failure"), "w").write("x" * 3000)
        raise SystemExit(1)
    """,
    )
    _, job = await api("POST", "jobs", {"script": "explain.py", "job_name": "long-reason"}, token="alice-token")
    done = await wait_status(api, "long-reason", ("Failed",), token="alice-token")
    assert len(done["failure_reason"]) == 1024 and done["failure_reason"].endswith("...")
    code, tc = await api("GET", "trial-components/long-reason-script-job", token="alice-token")
    assert code == 200 and tc["status"] == "Failed", tc  # not left InProgress by a reason too long to record
