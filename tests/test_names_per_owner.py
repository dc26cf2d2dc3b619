"""Names are unique per owner, as if each user were a SageMaker account of their own (docs/security.md): two
users hold records of the same names without a 409 that would reveal the other's, each sees, runs, tracks
and deletes only their own; a shared experiment of that name does not hide the reader's own; an admin is
told when a name is held by several users. Over HTTP on the real server, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from tests.conftest import wait_status, write_script

MULTIUSER = True  # alice, bob and the admin boss (tests/conftest.py)
SCRIPTS = Path(__file__).parent / "training_scripts"
USERS = {"alice": "alice-token", "bob": "bob-token"}
TUNING = {
    "tuning_job_name": "same-tune",
    "objective": {"metric_name": "acc"},
    "max_jobs": 1,
    "parameter_ranges": {"integer_parameter_ranges": [{"name": "max_depth", "min_value": 1, "max_value": 2}]},
    "training_job": {
        "entry_point": "tune_train.py",
        "source_dir": "src",
        "hyperparameters": {"epochs": "1"},
        "metric_definitions": [{"Name": "acc", "Regex": "accuracy=([0-9.]+)"}],
    },
}


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, smstudio_home):
    if request.param == "sqlite":
        return f"sqlite:///{smstudio_home / 'smstudio.db'}"
    return request.getfixturevalue("fresh_postgres_url")


@pytest.fixture
def smstudio_config(tmp_path, db_url):
    return {"home_volume": str(tmp_path / "volumes" / "{user}"), "admin_users": ["boss"], "db_url": db_url}


async def test_two_users_hold_the_same_names(api, tmp_path):
    for user, token in USERS.items():
        volume = tmp_path / "volumes" / user
        write_script(
            volume,
            "job.py",
            f"""
            import json, os
            with open(os.environ["SMSTUDIO_METRICS_FILE"], "a") as out:
                out.write(json.dumps({{"metric_name": "{user}-metric", "value": 1.0, "step": 0}}) + "\\n")
            """,
        )
        shutil.copytree(SCRIPTS, volume / "src")
        # no 409 for bob: alice's records of these names are none of his business
        for path, body in (
            ("experiments", {"experiment_name": "same"}),
            ("trials", {"trial_name": "same", "experiment_name": "same"}),
            ("trial-components", {"trial_component_name": "same", "trial_name": "same"}),
            ("jobs", {"script": "job.py", "job_name": "same", "experiment_config": {"ExperimentName": "same"}}),
            ("tuning-jobs", TUNING),
        ):
            code, answer = await api("POST", path, body, token=token)
            assert code == 201, (user, path, answer)
        # a second record of one's own name is still a conflict
        code, answer = await api("POST", "experiments", {"experiment_name": "same"}, token=token)
        assert code == 409 and answer["field"] == "experiment_name", answer

    for user, token in USERS.items():
        job = await wait_status(api, "same", ("Completed",), token=token, timeout=60)
        assert job["owner"] == user
        for path in ("experiments/same", "trials/same", "trial-components/same", "tuning-jobs/same-tune"):
            code, answer = await api("GET", path, token=token)
            assert code == 200 and answer["owner"] == user, (path, answer)
        # each one's job was tracked into their own component, placed in their own experiment
        code, tc = await api("GET", "trial-components/same-script-job", token=token)
        assert code == 200 and tc["owner"] == user and tc["status"] == "Completed", tc
        assert [m["metric_name"] for m in tc["metrics"]] == [f"{user}-metric"], tc
        assert tc["parents"] and all(p["experiment_name"] == "same" for p in tc["parents"]), tc
        # lists: one's own only
        for path, key in (("jobs", "jobs"), ("experiments", "experiments"), ("tuning-jobs", "tuning_jobs")):
            _, listed = await api("GET", path, token=token)
            assert {item["owner"] for item in listed[key]} == {user}, (path, listed)
        _, trials = await api("GET", "trials", params={"experiment_name": "same"}, token=token)
        assert {t["owner"] for t in trials["trials"]} == {user}, trials
        # search by name: the components of that name (and in experiments of that name) the user may read
        for name, value in (("TrialComponentName", "same"), ("Parents.ExperimentName", "same")):
            search = {"SearchExpression": {"Filters": [{"Name": name, "Operator": "Equals", "Value": value}]}}
            _, found = await api("POST", "search", search, token=token)
            assert found["total"] >= 1 and {tc["owner"] for tc in found["trial_components"]} == {user}, found

    # the admin is told the name does not say whose, naming the field
    for path, field in (
        ("jobs/same", "job_name"),
        ("experiments/same", "experiment_name"),
        ("trials/same", "trial_name"),
        ("trial-components/same", "trial_component_name"),
        ("tuning-jobs/same-tune", "tuning_job_name"),
    ):
        code, answer = await api("GET", path, token="admin-token")
        assert code == 409 and answer["field"] == field and "several users" in answer["message"], (path, answer)

    for token in USERS.values():  # the tuning jobs end (their own training jobs), each for its owner
        for _ in range(300):
            _, tuning = await api("GET", "tuning-jobs/same-tune", token=token)
            if tuning["status"] not in ("InProgress", "Stopping"):
                break
            await asyncio.sleep(0.2)
        assert tuning["status"] == "Completed", tuning

    # deleting alice's experiment (cascade) leaves bob's records of the same names untouched
    code, answer = await api("DELETE", "experiments/same", params={"cascade": "true"}, token="alice-token")
    assert code == 200, answer
    for path in ("experiments/same", "trials/same", "trial-components/same"):
        code, _ = await api("GET", path, token="alice-token")
        assert code == 404, path
        code, answer = await api("GET", path, token="bob-token")
        assert code == 200 and answer["owner"] == "bob", (path, answer)
    # with one holder left, the admin's name means bob's
    code, answer = await api("GET", "experiments/same", token="admin-token")
    assert code == 200 and answer["owner"] == "bob", answer


async def test_a_shared_experiment_does_not_hide_the_readers_own(api):
    await api("POST", "experiments", {"experiment_name": "same", "shared": True}, token="alice-token")
    await api("POST", "trials", {"trial_name": "same-trial", "experiment_name": "same"}, token="alice-token")
    await api("POST", "experiments", {"experiment_name": "only-alice", "shared": True}, token="alice-token")
    code, answer = await api("POST", "experiments", {"experiment_name": "same"}, token="bob-token")
    assert code == 201, answer
    code, answer = await api("GET", "experiments/same", token="bob-token")
    assert code == 200 and answer["owner"] == "bob" and not answer["shared"], answer
    # a name only alice holds (shared) is hers to him, read-only; so is a trial inside it
    code, answer = await api("GET", "experiments/only-alice", token="bob-token")
    assert code == 200 and answer["owner"] == "alice", answer
    code, answer = await api("GET", "trials/same-trial", token="bob-token")
    assert code == 200 and answer["owner"] == "alice", answer
    code, answer = await api("PATCH", "experiments/only-alice", {"description": "x"}, token="bob-token")
    assert code == 403, answer
    # a search by name finds what he may read of that name: his own, and what is inside alice's shared one
    search = {
        "SearchExpression": {"Filters": [{"Name": "Parents.ExperimentName", "Operator": "Equals", "Value": "same"}]}
    }
    await api("POST", "trials", {"trial_name": "bobs-trial", "experiment_name": "same"}, token="bob-token")
    for token, trial in (("alice-token", "same-trial"), ("bob-token", "bobs-trial")):
        code, _ = await api(
            "POST", "trial-components", {"trial_component_name": "tc", "trial_name": trial}, token=token
        )
        assert code == 201
    _, found = await api("POST", "search", search, token="bob-token")
    assert sorted(tc["owner"] for tc in found["trial_components"]) == ["alice", "bob"], found
    _, found = await api("POST", "search", search, token="alice-token")
    assert [tc["owner"] for tc in found["trial_components"]] == ["alice"], found
    # the admin: two holders -> 409; once he holds the name himself, his own
    code, answer = await api("GET", "experiments/same", token="admin-token")
    assert code == 409 and answer["field"] == "experiment_name" and "several users" in answer["message"], answer
    code, _ = await api("POST", "experiments", {"experiment_name": "same"}, token="admin-token")
    assert code == 201
    code, answer = await api("GET", "experiments/same", token="admin-token")
    assert code == 200 and answer["owner"] == "boss", answer


async def test_job_tokens_act_for_their_own_job_only(api, tmp_path):
    for user, token in USERS.items():
        write_script(
            tmp_path / "volumes" / user,
            "wait.py",
            """
            import os, time
            open("token.txt", "w").write(os.environ["SMSTUDIO_JOB_TOKEN"])
            time.sleep(600)
            """,
        )
        code, answer = await api(
            "POST", "jobs", {"script": "wait.py", "job_name": "tok", "stop_grace_seconds": 0}, token=token
        )
        assert code == 201, answer
    auth = {}
    for user in USERS:
        path = tmp_path / "volumes" / user / "token.txt"
        for _ in range(150):
            if path.exists() and path.read_text():
                break
            await asyncio.sleep(0.1)
        auth[user] = {"Authorization": f"SmStudioJob {path.read_text()}"}
    try:
        for user, token in USERS.items():
            code, me = await api("GET", "whoami", headers=auth[user])
            assert code == 200 and me["user"] == user, me
            code, answer = await api("POST", "jobs/tok/report", {"secondary_status": f"by {user}"}, headers=auth[user])
            assert code == 200 and answer["owner"] == user, answer
            _, job = await api("GET", "jobs/tok", token=token)
            assert job["secondary_status"] == f"by {user}", job
        # each token reached its own job, never the other user's job of the same name
        for user, token in USERS.items():
            _, job = await api("GET", "jobs/tok", token=token)
            assert job["secondary_status"] == f"by {user}", job
        # a token with the other job's secret swapped in is no token
        alice_secret = auth["alice"]["Authorization"].split(":", 1)[1]
        code, _ = await api("GET", "whoami", headers={"Authorization": f"SmStudioJob tok:{alice_secret[::-1]}"})
        assert code == 403
    finally:
        for token in USERS.values():
            await api("POST", "jobs/tok/stop", token=token)
    for token in USERS.values():
        await wait_status(api, "tok", ("Stopped",), token=token)
