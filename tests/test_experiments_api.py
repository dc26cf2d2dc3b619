"""Experiments over REST: the data model, metric statistics, search, lineage, cascade, ownership, auto-tracking."""

from __future__ import annotations

import math
import statistics

import pytest

from tests.conftest import wait_status, write_script


async def seed(api, exp="mnist", trials=("t1",), token=None):
    code, body = await api(
        "POST",
        "experiments",
        {"experiment_name": exp, "folder": "team/vision", "description": "digits", "tags": {"team": "cv"}},
        token=token,
    )
    assert code == 201, body
    for t in trials:
        code, body = await api("POST", "trials", {"trial_name": t, "experiment_name": exp}, token=token)
        assert code == 201, body


async def component(api, name, trial, params=None, inputs=None, outputs=None, token=None):
    code, body = await api(
        "POST",
        "trial-components",
        {
            "trial_component_name": name,
            "trial_name": trial,
            "parameters": params or {},
            "input_artifacts": inputs or {},
            "output_artifacts": outputs or {},
            "display_name": f"Run ü {name}",
        },
        token=token,
    )
    assert code == 201, body
    return body


async def test_experiment_trial_component_roundtrip(api):
    await seed(api)
    tc = await component(api, "run-1", "t1", {"lr": 0.1, "optimizer": "adam", "layers": 3})
    assert tc["parents"] == [{"trial_name": "t1", "experiment_name": "mnist"}]
    assert tc["parameters"] == {"lr": 0.1, "optimizer": "adam", "layers": 3.0}
    code, exp = await api("GET", "experiments/mnist")
    assert exp["trial_count"] == 1 and exp["folder"] == "team/vision"
    code, listing = await api("GET", "experiments", params={"folder": "team"})
    assert [e["experiment_name"] for e in listing["experiments"]] == ["mnist"]
    code, trials = await api("GET", "trials", params={"experiment_name": "mnist"})
    assert trials["trials"][0]["trial_component_count"] == 1
    code, upd = await api(
        "PATCH",
        "trial-components/run-1",
        {"status": "Completed", "parameters": {"lr": 0.2}, "parameters_to_remove": ["layers"]},
    )
    assert upd["status"] == "Completed" and upd["end_time"] and upd["parameters"] == {"lr": 0.2, "optimizer": "adam"}


async def test_duplicates_and_unknowns(api):
    await seed(api)
    code, body = await api("POST", "experiments", {"experiment_name": "mnist"})
    assert code == 409 and body["field"] == "experiment_name"
    code, body = await api("POST", "trials", {"trial_name": "t2", "experiment_name": "nope"})
    assert code == 404 and body["field"] == "experiment_name"
    code, body = await api("POST", "experiments", {"experiment_name": "ünïcode"})
    assert code == 400 and body["field"] == "experiment_name"
    code, body = await api("GET", "trial-components/ghost")
    assert code == 404


async def test_metric_statistics_nan_and_inf(api):
    await seed(api)
    await component(api, "run-1", "t1")
    values = [0.9, 0.7, 0.4, 0.35, 0.2]
    points = [{"metric_name": "loss", "value": v, "step": i} for i, v in enumerate(values)]
    code, body = await api("POST", "trial-components/run-1/metrics", {"metrics": points[:2]})
    assert code == 201 and body["count"] == 2
    await api("POST", "trial-components/run-1/metrics", {"metrics": points[2:]})
    await api(
        "POST",
        "trial-components/run-1/metrics",
        {
            "metrics": [
                {"metric_name": "odd", "value": "NaN", "step": 0},
                {"metric_name": "odd", "value": "Infinity", "step": 1},
                {"metric_name": "odd", "value": 2.0, "step": 2},
                {"metric_name": "odd", "value": "NaN", "step": 3},
            ]
        },
    )
    _, tc = await api("GET", "trial-components/run-1")
    loss = next(m for m in tc["metrics"] if m["metric_name"] == "loss")
    assert loss["count"] == 5 and loss["min"] == 0.2 and loss["max"] == 0.9 and loss["last"] == 0.2
    assert math.isclose(loss["avg"], statistics.mean(values))
    assert math.isclose(loss["std_dev"], statistics.stdev(values))
    odd = next(m for m in tc["metrics"] if m["metric_name"] == "odd")
    assert odd["count"] == 4 and odd["max"] == "Infinity" and odd["last"] == "NaN" and odd["min"] == 2.0
    _, series = await api("GET", "trial-components/run-1/metrics/odd")
    assert series["values"] == ["NaN", "Infinity", 2.0, "NaN"] and series["steps"] == [0, 1, 2, 3]


async def test_long_series_is_downsampled_keeping_spikes(api):
    await seed(api)
    await component(api, "run-1", "t1")
    for start in range(0, 20000, 5000):
        pts = [
            {"metric_name": "acc", "value": 100.0 if i == 12345 else i / 20000, "step": i}
            for i in range(start, start + 5000)
        ]
        await api("POST", "trial-components/run-1/metrics", {"metrics": pts})
    _, series = await api("GET", "trial-components/run-1/metrics/acc", params={"max_points": "300"})
    assert series["downsampled"] and series["total_points"] == 20000 and len(series["values"]) <= 400
    assert 100.0 in series["values"]


async def test_search_sort_filter_or_and_pages(api):
    await seed(api, trials=("t1", "t2"))
    for i in range(10):
        await component(api, f"run-{i}", "t1" if i < 5 else "t2", {"depth": i % 4, "opt": "sgd" if i % 2 else "adam"})
        await api(
            "POST",
            f"trial-components/run-{i}/metrics",
            {"metrics": [{"metric_name": "loss", "value": 1.0 / (i + 1), "step": s} for s in range(3)]},
        )
    code, res = await api(
        "POST",
        "search",
        {
            "SearchExpression": {
                "Filters": [{"Name": "Parents.ExperimentName", "Operator": "Equals", "Value": "mnist"}],
                "SubExpressions": [
                    {
                        "Operator": "Or",
                        "Filters": [
                            {"Name": "Parameters.depth", "Operator": "Equals", "Value": "1"},
                            {"Name": "Parameters.depth", "Operator": "Equals", "Value": "3"},
                        ],
                    }
                ],
            },
            "SortBy": "Metrics.loss.Min",
            "SortOrder": "Ascending",
            "MaxResults": 3,
        },
    )
    assert code == 200, res
    names = [t["trial_component_name"] for t in res["trial_components"]]
    assert res["total"] == 5 and names == ["run-9", "run-7", "run-5"] and res["next_token"] == "3"
    _, page2 = await api(
        "POST",
        "search",
        {
            "SearchExpression": {
                "Operator": "Or",
                "Filters": [
                    {"Name": "Parameters.depth", "Operator": "Equals", "Value": "1"},
                    {"Name": "Parameters.depth", "Operator": "Equals", "Value": "3"},
                ],
            },
            "SortBy": "Metrics.loss.Min",
            "SortOrder": "Ascending",
            "MaxResults": 3,
            "NextToken": "3",
        },
    )
    assert [t["trial_component_name"] for t in page2["trial_components"]] == ["run-3", "run-1"]
    _, res = await api(
        "POST",
        "search",
        {
            "SearchExpression": {
                "Filters": [
                    {"Name": "Metrics.loss.Last", "Operator": "GreaterThan", "Value": "0.3"},
                    {"Name": "Parameters.opt", "Operator": "Equals", "Value": "adam"},
                    {"Name": "Parents.TrialName", "Operator": "In", "Value": "t1,t2"},
                ]
            },
            "SortBy": "Parameters.depth",
        },
    )
    assert {t["trial_component_name"] for t in res["trial_components"]} == {"run-0", "run-2"}
    code, cols = await api("GET", "search/columns", params={"experiment_name": "mnist"})
    assert cols["parameters"] == ["depth", "opt"] and cols["metrics"] == ["loss"]


async def test_unassigned_components_leaderboard(api):
    """The room's "Unassigned trial components": the components of no trial, found by search, with
    their own columns (`search/columns?unassigned=true`)."""
    await seed(api)
    await component(api, "run-1", "t1", {"lr": 0.1})
    code, body = await api("POST", "trial-components", {"trial_component_name": "loose-1", "parameters": {"seed": 7}})
    assert code == 201, body
    for name, metric in (("run-1", "loss"), ("loose-1", "acc")):
        code, body = await api(
            "POST", f"trial-components/{name}/metrics", {"metrics": [{"metric_name": metric, "value": 0.5}]}
        )
        assert code == 201, body
    _, res = await api(
        "POST",
        "search",
        {"SearchExpression": {"Filters": [{"Name": "Parents.TrialName", "Operator": "NotExists"}]}},
    )
    assert [t["trial_component_name"] for t in res["trial_components"]] == ["loose-1"] and res["total"] == 1
    code, cols = await api("GET", "search/columns", params={"unassigned": "true"})
    assert code == 200 and cols == {"parameters": ["seed"], "metrics": ["acc"], "statistics": cols["statistics"]}
    code, body = await api("GET", "search/columns", params={"unassigned": "true", "experiment_name": "mnist"})
    assert code == 400 and body["field"] == "unassigned"
    code, body = await api("GET", "search/columns", params={"unassigned": "maybe"})
    assert code == 400 and body["field"] == "unassigned"


@pytest.mark.parametrize(
    "expr, field",
    [
        ({"Filters": [{"Name": "Bogus.thing", "Operator": "Equals", "Value": "x"}]}, "SearchExpression.Filters.Name"),
        (
            {"Filters": [{"Name": "Metrics.loss.Min", "Operator": "GreaterThan", "Value": "abc"}]},
            "SearchExpression.Filters.Value",
        ),
        ({"Filters": [{"Name": "Metrics.loss.Median", "Operator": "GreaterThan", "Value": "1"}]}, "SortBy"),
        (
            {"Filters": [{"Name": "DisplayName", "Operator": "Like", "Value": "x"}]},
            "SearchExpression.Filters.0.Operator",
        ),
        ({"Operator": "Xor"}, "SearchExpression.Operator"),
    ],
)
async def test_bad_search_expressions(api, expr, field):
    code, body = await api("POST", "search", {"SearchExpression": expr})
    assert code == 400 and body["field"] == field, body


async def test_lineage_through_artifacts(api):
    await seed(api)
    await component(api, "prep", "t1", outputs={"train": {"value": "s3://b/data/train.csv", "media_type": "text/csv"}})
    await component(
        api,
        "train",
        "t1",
        inputs={"train": {"value": "s3://b/data/train.csv"}},
        outputs={"model": {"value": "s3://b/model.tar.gz"}},
    )
    await component(api, "evaluate", "t1", inputs={"model": {"value": "s3://b/model.tar.gz"}})
    _, lin = await api("GET", "trial-components/train/lineage")
    assert [n["trial_component_name"] for n in lin["upstream"]] == ["prep"]
    assert [n["trial_component_name"] for n in lin["downstream"]] == ["evaluate"]


async def test_delete_experiment_refuses_then_cascades(api):
    await seed(api, trials=("t1", "t2"))
    await component(api, "only-here", "t1")
    await component(api, "shared", "t1")
    await api("POST", "experiments", {"experiment_name": "other"})
    await api("POST", "trials", {"trial_name": "o1", "experiment_name": "other"})
    await api("POST", "trial-components/shared/associations", {"trial_name": "o1"})
    code, body = await api("DELETE", "experiments/mnist")
    assert code == 409 and body["field"] == "cascade"
    code, body = await api("DELETE", "experiments/mnist", params={"cascade": "true"})
    assert code == 200 and body["deleted"] == {"experiments": 1, "trials": 2, "trial_components": 1}
    assert (await api("GET", "trial-components/only-here"))[0] == 404
    _, shared = await api("GET", "trial-components/shared")
    assert shared["parents"] == [{"trial_name": "o1", "experiment_name": "other"}]


async def test_ten_thousand_parameters(api):
    await seed(api)
    params = {f"p{i}": i * 0.5 for i in range(10000)}
    code, body = await api(
        "POST", "trial-components", {"trial_component_name": "wide", "trial_name": "t1", "parameters": params}
    )
    assert code == 201, body
    _, tc = await api("GET", "trial-components/wide")
    assert len(tc["parameters"]) == 10000 and tc["parameters"]["p9999"] == 4999.5
    _, res = await api(
        "POST",
        "search",
        {"SearchExpression": {"Filters": [{"Name": "Parameters.p1234", "Operator": "GreaterThan", "Value": "600"}]}},
    )
    assert [t["trial_component_name"] for t in res["trial_components"]] == ["wide"]


async def test_jobs_are_auto_tracked(api, jp_root_dir):
    import subprocess

    write_script(jp_root_dir, "train.py", "print('training')\n")
    for cmd in (
        ["init", "-q"],
        ["add", "train.py"],
        ["-c", "user.email=t@x", "-c", "user.name=t", "commit", "-qm", "train"],
    ):
        subprocess.run(["git", "-C", str(jp_root_dir), *cmd], check=True)
    head = subprocess.run(
        ["git", "-C", str(jp_root_dir), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    code, job = await api(
        "POST",
        "jobs",
        {
            "script": "train.py",
            "arguments": ["--lr", "0.01", "--epochs", "3"],
            "job_name": "tracked",
            "experiment_config": {
                "ExperimentName": "auto",
                "TrialName": "auto-trial",
                "TrialComponentDisplayName": "My training",
            },
        },
    )
    assert code == 201, job
    await wait_status(api, "tracked", ("Completed",))
    _, tc = await api("GET", "trial-components/tracked-script-job")
    assert tc["source_arn"] == "tracked" and tc["display_name"] == "My training"
    assert tc["parameters"] == {"lr": 0.01, "epochs": 3}
    assert tc["status"] == "Completed" and tc["parents"] == [{"trial_name": "auto-trial", "experiment_name": "auto"}]
    assert tc["output_artifacts"]["log"]["value"].endswith("output.log")
    assert tc["git_commit"] == head
