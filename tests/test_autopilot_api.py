"""The Autopilot room's REST routes on a real Jupyter server with two users and an admin: every route needs a user;
every bad input of CreateAutoMLJob is a 400 naming its field, and nothing is created; what only the whole table shows
fails the job with a FailureReason naming it; alice's AutoML job is hers (bob neither lists, describes, reads, stops
nor deploys it; a job of his by the same name is his own); the wizard's preview."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from tests.test_autopilot_sdk import mixed_table

MULTIUSER = True  # alice, bob and an admin (tests/conftest.py)
ALICE, BOB, ADMIN = "alice-token", "bob-token", "admin-token"
pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def smstudio_config() -> dict[str, Any]:
    return {"admin_users": ["boss"]}


def _job(name: str, url: str = "table.csv", target: str = "bought", **fields: Any) -> dict[str, Any]:
    channel = {"DataSource": {"S3DataSource": {"S3Uri": url}}, "TargetAttributeName": target}
    return {
        "AutoMLJobName": name,
        "InputDataConfig": [channel],
        "OutputDataConfig": {"S3OutputPath": "automl-out"},
        **fields,
    }


def _with_channel(**channel: Any) -> dict[str, Any]:
    body = _job("bad")
    body["InputDataConfig"][0].update(channel)
    return body


def _bad_bodies(root: Path) -> list[tuple[dict[str, Any], str]]:
    (root / "latin1.csv").write_bytes(b"name,bought\n" + "Zo\u00eb,yes\n".encode("latin-1") * 30)
    (root / "semicolons.csv").write_text("a;b;bought\n" + "1;2;yes\n" * 30)
    (root / "empty.csv").write_text("")
    (root / "two").mkdir()
    for name in ("a.csv", "b.csv"):
        (root / "two" / name).write_text("x,bought\n1,2\n")
    uri = "InputDataConfig.0.DataSource.S3DataSource.S3Uri"
    return [
        (_job("bad", target="nope"), "TargetAttributeName"),
        (_job("bad", url="latin1.csv"), "InputDataConfig"),
        (_job("bad", url="semicolons.csv"), "InputDataConfig"),
        (_job("bad", url="empty.csv"), "InputDataConfig"),
        (_job("bad", url="missing.csv"), uri),
        (_job("bad", url="two"), uri),
        (_job("bad", url="file:///etc/passwd"), uri),
        (
            _job("bad", ProblemType="Regression", AutoMLJobObjective={"MetricName": "AUC"}),
            "AutoMLJobObjective.MetricName",
        ),
        (_job("bad", AutoMLJobObjective={"MetricName": "Speed"}), "AutoMLJobObjective.MetricName"),
        (_job("bad", ProblemType="Clustering"), "ProblemType"),
        (_with_channel(SampleWeightAttributeName="w8"), "SampleWeightAttributeName"),
        (_with_channel(SampleWeightAttributeName="bought"), "SampleWeightAttributeName"),
        (_with_channel(CompressionType="Gzip"), uri),
        (_job("bad_name!"), "AutoMLJobName"),
        (
            _job("bad", AutoMLJobConfig={"CompletionCriteria": {"MaxCandidates": 0}}),
            "AutoMLJobConfig.CompletionCriteria.MaxCandidates",
        ),  # fmt: skip
        (_job("bad", AutoMLJobConfig={"Mode": "FAST"}), "AutoMLJobConfig.Mode"),
        (
            _job("bad", AutoMLJobConfig={"DataSplitConfig": {"ValidationFraction": 0.9}}),
            "AutoMLJobConfig.DataSplitConfig.ValidationFraction",
        ),  # fmt: skip
        (_job("bad", OutputDataConfig={"S3OutputPath": "file:///etc"}), "OutputDataConfig.S3OutputPath"),
        (_job("bad", ModelDeployConfig={}), "ModelDeployConfig"),
        (_job("bad", Colour="blue"), "Colour"),
    ]


async def _until(api: Any, name: str, statuses: tuple[str, ...], timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        code, desc = await api("GET", f"auto-ml-jobs/{name}", token=ALICE)
        assert code == 200, desc
        if desc["AutoMLJobStatus"] in statuses:
            return desc
        assert time.monotonic() < deadline, desc
        await asyncio.sleep(0.3)


async def test_bad_input_is_a_400_naming_the_field_and_creates_nothing(api: Any, jp_root_dir: Path) -> None:
    mixed_table(60).to_csv(jp_root_dir / "table.csv", index=False)
    for method, path in (("GET", "auto-ml-jobs"), ("POST", "auto-ml-jobs"), ("GET", "auto-ml-jobs/x"),
                         ("POST", "auto-ml-jobs/x/stop"), ("POST", "auto-ml-preview")):  # fmt: skip
        assert (await api(method, path, {} if method == "POST" else None))[0] in (401, 403), path
    for body, field in _bad_bodies(jp_root_dir):
        code, err = await api("POST", "auto-ml-jobs", body, token=ALICE)
        assert (code, err.get("field")) == (400, field), (body, err)
        assert err["message"] and "Traceback" not in err["message"]
    code, listed = await api("GET", "auto-ml-jobs", token=ALICE)
    assert code == 200 and listed["Total"] == 0, listed
    for params, field in (({"status": "Done"}, "status"), ({"limit": "0"}, "limit"), ({"limit": "x"}, "limit")):
        code, err = await api("GET", "auto-ml-jobs", params=params, token=ALICE)
        assert (code, err.get("field")) == (400, field), err

    # the wizard's preview: the first rows and what each column looks like
    code, seen = await api("POST", "auto-ml-preview", {"S3Uri": "table.csv", "Rows": 3}, token=ALICE)
    assert code == 200 and len(seen["Rows"]) == 3, seen
    kinds = {c["Name"]: c["Kind"] for c in seen["Columns"]}
    assert kinds["review"] == "text" and kinds["colour"] == "categorical" and kinds["bought_on"] == "datetime"
    assert seen["SuggestedProblemTypes"]["bought"] == "BinaryClassification"
    code, err = await api("POST", "auto-ml-preview", {"S3Uri": "nothing.csv"}, token=ALICE)
    assert (code, err.get("field")) == (400, "S3Uri"), err
    code, err = await api("POST", "auto-ml-preview", {"S3Uri": "table.csv", "Rows": 1000}, token=ALICE)
    assert (code, err.get("field")) == (400, "Rows"), err


async def test_an_automl_job_is_its_owners(api: Any, jp_root_dir: Path) -> None:
    mixed_table(60).to_csv(jp_root_dir / "table.csv", index=False)
    body = _job("alices", GenerateCandidateDefinitionsOnly=True)
    code, desc = await api("POST", "auto-ml-jobs", body, token=ALICE)
    assert code == 201 and desc["AutoMLJobStatus"] == "InProgress" and desc["Owner"] == "alice", desc
    code, err = await api("POST", "auto-ml-jobs", body, token=ALICE)
    assert code == 409 and err["field"] == "AutoMLJobName", err
    desc = await _until(api, "alices", ("Completed", "Failed"))
    assert desc["AutoMLJobSecondaryStatus"] == "CandidateDefinitionsGenerated", desc
    assert desc["OutputDataConfig"]["S3OutputPath"].startswith("file://")  # resolved in alice's storage

    # bob: as if it did not exist
    for method, path in (
        ("GET", "auto-ml-jobs/alices"),
        ("GET", "auto-ml-jobs/alices/candidates"),
        ("GET", "auto-ml-jobs/alices/data-analysis"),
        ("GET", "auto-ml-jobs/alices/explainability"),
        ("POST", "auto-ml-jobs/alices/stop"),
    ):
        code, err = await api(method, path, token=BOB)
        assert code == 404 and err["field"] == "AutoMLJobName", (path, err)
    code, err = await api("POST", "auto-ml-jobs/alices/deploy", {"EndpointName": "stolen"}, token=BOB)
    assert code == 404, err
    code, listed = await api("GET", "auto-ml-jobs", token=BOB)
    assert code == 200 and listed == {"AutoMLJobSummaries": [], "Total": 0}, listed
    code, listed = await api("GET", "auto-ml-jobs", params={"name_contains": "alice"}, token=BOB)
    assert listed["Total"] == 0
    # names are per owner: bob's job of the same name is his own, in an experiment of his own
    (jp_root_dir / "bobs.csv").write_bytes((jp_root_dir / "table.csv").read_bytes())
    code, desc = await api(
        "POST", "auto-ml-jobs", _job("alices", url="bobs.csv", GenerateCandidateDefinitionsOnly=True), token=BOB
    )
    assert code == 201 and desc["Owner"] == "bob", desc
    code, desc = await api("GET", "auto-ml-jobs/alices", token=ALICE)
    assert desc["Owner"] == "alice" and desc["AutoMLJobStatus"] == "Completed", desc
    assert (await api("GET", "endpoints/stolen", token=BOB))[0] == 404

    # the admin sees everyone's; alice sees hers, with what it made
    code, listed = await api("GET", "auto-ml-jobs", token=ADMIN)
    assert sorted(s["Owner"] for s in listed["AutoMLJobSummaries"]) == ["alice", "bob"], listed
    code, listed = await api("GET", "auto-ml-jobs", params={"status": "Completed"}, token=ALICE)
    assert [(s["AutoMLJobName"], s["Owner"]) for s in listed["AutoMLJobSummaries"]] == [("alices", "alice")]
    code, analysis = await api("GET", "auto-ml-jobs/alices/data-analysis", token=ALICE)
    assert code == 200 and analysis["ProblemType"] == "BinaryClassification" and analysis["row_count"] == 60
    code, found = await api("GET", "auto-ml-jobs/alices/candidates", token=ALICE)
    assert code == 200 and found == {"Candidates": [], "Total": 0}, found
    code, err = await api("GET", "auto-ml-jobs/alices/candidates", params={"sort_by": "Score"}, token=ALICE)
    assert (code, err["field"]) == (400, "sort_by"), err
    code, err = await api("POST", "auto-ml-jobs/alices/deploy", {"EndpointName": "ep"}, token=ALICE)
    assert (code, err["field"]) == (400, "CandidateName") and "no best candidate" in err["message"], err
    code, err = await api("POST", "auto-ml-jobs/alices/deploy", {"EndpointName": "bad name"}, token=ALICE)
    assert (code, err["field"]) == (400, "EndpointName"), err
    # stopping a finished job changes nothing
    code, desc = await api("POST", "auto-ml-jobs/alices/stop", token=ALICE)
    assert code == 200 and desc["AutoMLJobStatus"] == "Completed", desc


async def test_what_only_the_whole_table_shows_fails_the_job_with_its_reason(api: Any, jp_root_dir: Path) -> None:
    """Read before any training starts: the job fails at AnalyzingData, its FailureReason naming the problem."""
    good = mixed_table(60, seed=1)
    constant, one_class, empty_target, negative, empty_column = (good.copy() for _ in range(5))
    constant["bought"] = 1.5
    one_class["bought"] = "yes"
    empty_target["bought"] = None
    negative.loc[3, "weight"] = -2.0
    empty_column["colour"] = None
    weight = {"SampleWeightAttributeName": "weight"}
    cases: dict[str, tuple[Any, dict[str, Any], dict[str, Any], str]] = {
        "constant": (constant, {}, {}, "holds the same value in every row"),
        "oneclass": (one_class, {"ProblemType": "BinaryClassification"}, {}, "has one class"),
        "emptytarget": (empty_target, {}, {}, "is empty in every row"),
        "fewrows": (good.head(12), {}, {}, "at least 20"),
        "negweights": (negative, {}, weight, "negative weights"),
        "emptycolumn": (empty_column, {}, {}, "Column 'colour' is empty in every row"),
    }
    for name, (frame, fields, channel, _) in cases.items():
        frame.to_csv(jp_root_dir / f"{name}.csv", index=False)
        body = _job(name, url=f"{name}.csv", **fields)
        body["InputDataConfig"][0].update(channel)
        code, desc = await api("POST", "auto-ml-jobs", body, token=ALICE)
        assert code == 201, desc
    for name, (_, _, _, reason) in cases.items():
        desc = await _until(api, name, ("Completed", "Failed", "Stopped"))
        assert (desc["AutoMLJobStatus"], desc["AutoMLJobSecondaryStatus"]) == ("Failed", "Failed"), desc
        assert reason in desc["FailureReason"] and "Traceback" not in desc["FailureReason"], desc
        assert "BestCandidate" not in desc and desc["CandidateCount"] == 0, desc
        code, found = await api("GET", f"auto-ml-jobs/{name}/candidates", token=ALICE)
        assert found["Total"] == 0
    # the analysis stays readable: it shows which column is empty
    code, analysis = await api("GET", "auto-ml-jobs/emptycolumn/data-analysis", token=ALICE)
    colour = next(c for c in analysis["columns"] if c["name"] == "colour")
    assert "empty" in colour["warnings"] and colour["missing_fraction"] == 1.0, colour
