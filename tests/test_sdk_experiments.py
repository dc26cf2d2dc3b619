"""The Experiments SDK (`Run`, `load_run`, `list_runs`, `ExperimentAnalytics`): embedded mode in a
script, against a running server, inside jobs, and eight processes logging at once."""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import textwrap
import time

import pytest

from tests.live_server import jupyter_server

pytest.importorskip("pandas")
pytest.importorskip("sklearn")


def start_script(code: str, env: dict, cwd) -> subprocess.Popen:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SMSTUDIO_")}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={**clean, **env},
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_script(code: str, env: dict, cwd, expect_rc: int = 0, timeout: float = 180) -> str:
    proc = start_script(code, env, cwd)
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == expect_rc, out + err
    return out + err


def backend_of(env: dict):
    """The checker's own view of the store: the REST API for a server, the services for embedded mode."""
    from jupyter_smstudio.sdk._backend import EmbeddedBackend, RemoteBackend

    if env.get("SMSTUDIO_URL"):
        return RemoteBackend(env["SMSTUDIO_URL"], token=env["SMSTUDIO_TOKEN"])
    return EmbeddedBackend(home=env["SMSTUDIO_HOME"])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with jupyter_server(tmp_path_factory.mktemp("srv")) as srv:
        yield srv


@pytest.fixture(params=["embedded", "server"])
def target(request, tmp_path):
    """(env for scripts, working folder) for embedded mode or the module's server."""
    if request.param == "embedded":
        work = tmp_path / "work"
        work.mkdir()
        yield {"SMSTUDIO_HOME": str(tmp_path / "home")}, work
    else:
        srv = request.getfixturevalue("server")
        work = srv["root"] / request.node.name.replace("[", "-").replace("]", "")
        work.mkdir()
        yield {"SMSTUDIO_URL": srv["url"], "SMSTUDIO_TOKEN": srv["token"]}, work


MAIN = """
    import json, math, pathlib, statistics
    import numpy as np
    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk.experiments import Run, load_run, list_runs, SortByType, SortOrderType
    from jupyter_smstudio.sdk.analytics import ExperimentAnalytics
    from jupyter_smstudio.sdk.s3 import S3Downloader

    session = Session()
    series = {}
    for i, (lr, depth) in enumerate([(0.1, 1), (0.01, 2), (0.001, 3)]):
        with Run("MNIST", f"run-{i}", run_display_name=f"Run {i}", tags={"team": "cv"}) as run:
            assert load_run() is run
            run.log_parameters({"lr": lr, "depth": depth, "optimizer": "adam" if i % 2 == 0 else "sgd"})
            run.log_parameter("nan_is_skipped", float("nan"))
            values = [(i + 1) / (step + 1) + 0.01 * (step % 3) for step in range(50)]
            for step, v in enumerate(values):
                run.log_metric("loss", v, step=step)
            run.log_metric("acc", 0.5 + i / 10)
            series[run.trial_component_name] = values
            if i == 0:
                run.log_confusion_matrix([0, 1, 1, 0, 1], [0, 1, 0, 0, 1], title="cm")
                run.log_roc_curve([0, 1, 1, 0], [0.1, 0.9, 0.4, 0.3], title="roc")
                run.log_precision_recall([0, 1, 1, 0], [0.1, 0.9, 0.4, 0.3], title="pr")
                pathlib.Path("notes.txt").write_text("hello")
                file_url = run.log_file("notes.txt", is_output=False)
                run.log_artifact("dataset", "s3://bucket/data.csv", media_type="text/csv", is_output=False)
                assert run.experiment_config == {"ExperimentName": "mnist", "TrialName": "Default-Run-Group-mnist",
                                                 "RunName": "mnist-run-0"}, run.experiment_config

    # 1,000 single log_metric calls, then the with block ends: every point is stored
    with Run("mnist", "big") as run:
        for step in range(1000):
            run.log_metric("loss", 1.0 / (step + 1), step=step)
        run.log_metric("odd", float("inf"))
        run.log_metric("odd", float("nan"))
    assert session.backend.metric_series("mnist-big", "loss", max_points=5000)["total_points"] == 1000

    tc = session.backend.get_trial_component("mnist-run-0")
    assert tc["status"] == "Completed" and tc["end_time"], tc
    assert tc["parameters"] == {"lr": 0.1, "depth": 1, "optimizer": "adam"}, tc["parameters"]
    assert tc["display_name"] == "Run 0" and tc["tags"]["team"] == "cv"
    assert tc["tags"]["sagemaker:trial-component-source"] == "run"
    assert tc["parents"] == [{"trial_name": "Default-Run-Group-mnist", "experiment_name": "mnist"}]
    out = tc["output_artifacts"]
    assert set(out) == {"cm", "roc", "pr"} and all(a["media_type"] == "application/json" for a in out.values())
    prefix = session.default_bucket().rstrip("/") + "/trial-component-artifacts/mnist-run-0/"
    assert out["cm"]["value"] == prefix + "cm.json", out["cm"]
    cm = json.loads(S3Downloader.read_file(out["cm"]["value"], sagemaker_session=session))
    assert cm == {"type": "ConfusionMatrix", "version": 0, "title": "cm", "confusionMatrix": [[2, 0], [1, 2]]}, cm
    roc = json.loads(S3Downloader.read_file(out["roc"]["value"], sagemaker_session=session))
    assert roc["type"] == "ROCCurve" and roc["areaUnderCurve"] == 1.0 and roc["truePositiveRate"][-1] == 1.0
    pr = json.loads(S3Downloader.read_file(out["pr"]["value"], sagemaker_session=session))
    assert pr["type"] == "PrecisionRecallCurve" and pr["averagePrecisionScore"] == 1.0 and "noSkill" in pr
    assert tc["input_artifacts"]["notes.txt"] == {"value": prefix + "notes.txt", "media_type": "text/plain"}
    assert S3Downloader.read_file(file_url, sagemaker_session=session) == "hello"
    assert tc["input_artifacts"]["dataset"] == {"value": "s3://bucket/data.csv", "media_type": "text/csv"}

    # ExperimentAnalytics: SageMaker's columns, statistics as numpy/statistics compute them
    df = ExperimentAnalytics(experiment_name="mnist", sort_by="CreationTime", sort_order="Ascending").dataframe()
    assert list(df["TrialComponentName"]) == ["mnist-run-0", "mnist-run-1", "mnist-run-2", "mnist-big"], df
    cols = list(df.columns)
    # pandas orders the columns by first appearance, row by row (as with SageMaker's frame)
    assert cols[:2] == ["TrialComponentName", "DisplayName"] and cols[-6:-4] == ["Trials", "Experiments"], cols
    for col in ["depth", "lr", "optimizer", "acc - Min", "acc - Last", "acc - Count", "loss - Min", "loss - Max",
                "loss - Avg", "loss - StdDev", "loss - Last", "loss - Count", "cm - MediaType", "cm - Value",
                "dataset - MediaType", "dataset - Value", "notes.txt - Value", "odd - Max"]:
        assert col in cols, (col, cols)
    assert "SourceArn" not in cols
    for _, row in df.iloc[:3].iterrows():
        values = series[row["TrialComponentName"]]
        assert row["loss - Min"] == min(values) and row["loss - Max"] == max(values)
        assert math.isclose(row["loss - Avg"], float(np.mean(values)), rel_tol=1e-9)
        assert math.isclose(row["loss - StdDev"], statistics.stdev(values), rel_tol=1e-9)
        assert row["loss - Last"] == values[-1] and row["loss - Count"] == 50
    big = df.set_index("TrialComponentName").loc["mnist-big"]
    assert big["odd - Max"] == math.inf and math.isnan(big["odd - Last"]) and big["odd - Count"] == 2
    assert df.iloc[0]["Trials"] == ["Default-Run-Group-mnist"] and df.iloc[0]["Experiments"] == ["mnist"]
    assert df.iloc[0]["DisplayName"] == "Run 0" and df.iloc[1]["optimizer"] == "sgd"

    by_min = ExperimentAnalytics(experiment_name="mnist", sort_by="metrics.loss.min", sort_order="Ascending",
                                 metric_names=["loss"], parameter_names=["lr"]).dataframe()
    assert list(by_min["TrialComponentName"]) == ["mnist-big", "mnist-run-0", "mnist-run-1", "mnist-run-2"]
    assert not any(c.startswith("acc") for c in by_min.columns) and "depth" not in by_min.columns

    expression = {"Filters": [{"Name": "Parameters.optimizer", "Operator": "Equals", "Value": "adam"}],
                  "SubExpressions": [{"Operator": "Or", "Filters": [
                      {"Name": "Parameters.depth", "Operator": "Equals", "Value": "1"},
                      {"Name": "Parameters.depth", "Operator": "Equals", "Value": "2"},
                      {"Name": "Parameters.depth", "Operator": "Equals", "Value": "3"}]}]}
    before = json.dumps(expression, sort_keys=True)
    either = ExperimentAnalytics(experiment_name="mnist", search_expression=expression,
                                 sort_by="Parameters.depth", sort_order="Descending").dataframe()
    assert list(either["TrialComponentName"]) == ["mnist-run-2", "mnist-run-0"], either
    assert json.dumps(expression, sort_keys=True) == before, "the caller's expression was changed"
    only_or = ExperimentAnalytics(search_expression={"Operator": "Or", "Filters": [
        {"Name": "TrialComponentName", "Operator": "Equals", "Value": "mnist-run-1"},
        {"Name": "Metrics.acc.Max", "Operator": "GreaterThan", "Value": "0.65"}]}).dataframe()
    assert set(only_or["TrialComponentName"]) == {"mnist-run-1", "mnist-run-2"}

    runs = list_runs("mnist", sort_by=SortByType.NAME, sort_order=SortOrderType.ASCENDING)
    assert [r.run_name for r in runs] == ["big", "run-0", "run-1", "run-2"], runs
    assert runs[1].experiment_config["RunName"] == "mnist-run-0" and runs[1]._trial_component.parameters["lr"] == 0.1
    assert len(list_runs("mnist", max_results=2)) == 2
    with load_run(run_name="run-1", experiment_name="mnist") as loaded:  # a loaded run keeps its status
        loaded.log_metric("acc", 0.99)
    tc1 = session.backend.get_trial_component("mnist-run-1")
    assert tc1["status"] == "Completed" and [m["count"] for m in tc1["metrics"] if m["metric_name"] == "acc"] == [2]
    try:
        load_run(run_name="ghost", experiment_name="mnist")
    except ValueError as err:
        print("ghost:", err)
    try:
        load_run()
    except RuntimeError as err:
        print("no run:", err)
    print("MAIN OK")
"""

FAILS = """
    from jupyter_smstudio.sdk.experiments import Run
    with Run("mnist", "boom") as run:
        run.log_parameter("lr", 0.5)
        for step in range(777):
            run.log_metric("loss", float(step), step=step)
        raise RuntimeError("diverged at step 777")
"""

NO_CLOSE = """
    from jupyter_smstudio.sdk.experiments import Run
    run = Run("mnist", "no-with")            # never closed: the atexit hook sends what is buffered
    run.log_parameter("kept", "yes")
    for step in range(1500):
        run.log_metric("loss", step / 1500, step=step)
    raise KeyError("uncaught")
"""


def test_runs_metrics_artifacts_analytics(target):
    env, work = target
    out = run_script(MAIN, env, work)
    assert "MAIN OK" in out, out
    assert "ghost: the run 'ghost' of experiment 'mnist' does not exist" in out
    assert "no run: Failed to load a Run object" in out

    out = run_script(FAILS, env, work, expect_rc=1)
    assert "diverged at step 777" in out
    out = run_script(NO_CLOSE, env, work, expect_rc=1)
    assert "KeyError" in out

    backend = backend_of(env)
    boom = backend.get_trial_component("mnist-boom")
    assert boom["status"] == "Failed" and boom["status_message"] == "diverged at step 777", boom
    assert boom["parameters"] == {"lr": 0.5}
    series = backend.metric_series("mnist-boom", "loss", max_points=5000)
    assert series["total_points"] == 777 and series["values"] == [float(s) for s in range(777)]
    kept = backend.get_trial_component("mnist-no-with")
    assert kept["parameters"] == {"kept": "yes"}
    assert backend.metric_series("mnist-no-with", "loss", max_points=5000)["total_points"] == 1500
    assert backend.metric_series("mnist-big", "loss", max_points=5000)["total_points"] == 1000


JOB_SCRIPT = """
    import os, sys
    from jupyter_smstudio.sdk.experiments import load_run
    print("env", os.environ.get("SMSTUDIO_EXPERIMENT_NAME"), os.environ.get("SMSTUDIO_RUN_NAME"),
          os.environ.get("SMSTUDIO_TRIAL_COMPONENT_NAME"))
    with load_run() as run:
        for step in range(300):
            run.log_metric("job_loss", 1.0 / (step + 1), step=step)
        run.log_parameter("from_job", sys.argv[1])
    print("logged to", run.trial_component_name)
"""

SUBMIT = """
    import os, pathlib
    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk.experiments import Run

    session = Session()
    pathlib.Path("job_metrics.py").write_text(%r)
    with Run("jobs-exp", "notebook-run") as run:
        run.log_parameter("lr", 0.3)
        job = session.backend.submit_script_job({"script": os.environ["JOB_SCRIPT"], "arguments": ["with-config"],
                                                 "job_name": "with-config", "experiment_config": run.experiment_config})
        job = session.wait_for_job(job["job_name"], logs=True)
        assert job["status"] == "Completed", job
    job = session.backend.submit_script_job(
        {"script": os.environ["JOB_SCRIPT"], "arguments": ["plain"], "job_name": "plain"})
    job = session.wait_for_job(job["job_name"], logs=True)
    assert job["status"] == "Completed", job
    print("SUBMIT OK")
""" % textwrap.dedent(JOB_SCRIPT)


def test_load_run_inside_jobs(target):
    env, work = target
    # the script path is relative to the server's root folder (embedded mode: the current folder)
    rel = work.name + "/job_metrics.py" if env.get("SMSTUDIO_URL") else "job_metrics.py"
    out = run_script(SUBMIT, {**env, "JOB_SCRIPT": rel}, work)
    assert "SUBMIT OK" in out, out
    assert "env jobs-exp jobs-exp-notebook-run with-config-script-job" in out, out
    assert "logged to jobs-exp-notebook-run" in out
    assert "logged to plain-script-job" in out
    backend = backend_of(env)
    tc = backend.get_trial_component("jobs-exp-notebook-run")
    assert tc["status"] == "Completed" and tc["parameters"] == {"lr": 0.3, "from_job": "with-config"}, tc
    assert backend.metric_series("jobs-exp-notebook-run", "job_loss")["total_points"] == 300
    job_tc = backend.get_trial_component("plain-script-job")
    assert job_tc["source_arn"] == "plain" and job_tc["parameters"]["from_job"] == "plain"
    assert backend.metric_series("plain-script-job", "job_loss")["total_points"] == 300
    # the job started from the run is tracked in the run's group
    tracked = backend.get_trial_component("with-config-script-job")
    assert {"trial_name": "Default-Run-Group-jobs-exp", "experiment_name": "jobs-exp"} in tracked["parents"]


WORKER = """
    import sys, time
    from jupyter_smstudio.sdk.experiments import Run, load_run
    worker, n, start_at = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    own = Run("crowd", f"worker-{worker}")
    shared = load_run(run_name="shared", experiment_name="crowd")
    time.sleep(max(0.0, start_at - time.time()))
    with own, shared:
        for step in range(n):
            own.log_metric("loss", step * 0.5, step=step)
            shared.log_metric("loss", float(worker), step=step)
            if step % 500 == 0:
                own.log_metric("acc", step / n)
    print("worker", worker, "done")
"""


def test_eight_processes_log_at_once_on_sqlite(tmp_path):
    env = {"SMSTUDIO_HOME": str(tmp_path / "home")}
    run_script(
        """
        from jupyter_smstudio.sdk.experiments import Run
        with Run("crowd", "shared"):
            pass
    """,
        env,
        tmp_path,
    )
    n, workers = 3000, 8
    start_at = time.time() + 4
    procs = []
    for w in range(workers):
        clean = {k: v for k, v in os.environ.items() if not k.startswith("SMSTUDIO_")}
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", textwrap.dedent(WORKER), str(w), str(n), str(start_at)],
                env={**clean, **env},
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    backend = backend_of(env)
    for w in range(workers):
        tc = backend.get_trial_component(f"crowd-worker-{w}")
        loss = next(m for m in tc["metrics"] if m["metric_name"] == "loss")
        assert loss["count"] == n and tc["status"] == "Completed", tc
        assert backend.metric_series(f"crowd-worker-{w}", "loss", max_points=100000)["total_points"] == n
    shared = backend.get_trial_component("crowd-shared")
    loss = next(m for m in shared["metrics"] if m["metric_name"] == "loss")
    assert loss["count"] == n * workers
    assert math.isclose(loss["avg"], statistics.mean(range(workers)))
    assert backend.metric_series("crowd-shared", "loss", max_points=100000)["total_points"] == n * workers


RATE = """
    import time
    from jupyter_smstudio.sdk.experiments import Run
    with Run("speed", "rate") as run:
        start = time.perf_counter()
        for step in range(20000):
            run.log_metric("loss", 1.0 / (step + 1), step=step)
        logged = time.perf_counter() - start
        run.close()
        total = time.perf_counter() - start
    print(f"RATE log_metric={20000 / logged:.0f}/s with_close={20000 / total:.0f}/s")
"""


def test_log_metric_rate(target, capsys):
    env, work = target
    out = run_script(RATE, env, work)
    line = next(row for row in out.splitlines() if row.startswith("RATE"))
    with capsys.disabled():
        print("\n", env.get("SMSTUDIO_URL") and "server" or "embedded", line)
    calls = float(line.split("log_metric=")[1].split("/s")[0])
    assert calls > 20000, line  # a training loop is never held up by the store
    assert backend_of(env).metric_series("speed-rate", "loss")["total_points"] == 20000


def test_widget_and_names_in_process(tmp_path):
    pytest.importorskip("ipywidgets")
    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk.analytics import ExperimentAnalytics
    from jupyter_smstudio.sdk.experiments import Run

    session = Session(home=str(tmp_path / "home"))
    for i in range(3):
        with Run("Leader_Board", f"R {i}", sagemaker_session=session) as run:
            assert run.experiment_name == "leader-board" and run.run_name == f"r-{i}"
            run.log_metric("loss", 3 - i)
    auto = Run("leader-board", sagemaker_session=session)
    assert auto.run_name.startswith("smstudio-run-") and len(auto.trial_component_name) <= 120
    auto.close()
    with pytest.raises(ValueError):
        Run("x" * 60, "r", sagemaker_session=session)
    with pytest.raises(RuntimeError):
        with Run("leader-board", "outer", sagemaker_session=session):
            with Run("leader-board", "inner", sagemaker_session=session):
                pass
    assert session.backend.get_trial_component("leader-board-outer")["status"] == "Failed"

    import datetime

    from jupyter_smstudio.sdk.experiments import list_runs

    hour = datetime.timedelta(hours=1)
    now = datetime.datetime.now()  # naive: local time, as SageMaker takes it
    assert len(list_runs("leader-board", created_after=now - hour, sagemaker_session=session)) == 6
    assert list_runs("leader-board", created_before=now - hour, sagemaker_session=session) == []
    assert list_runs("leader-board", created_after=now + hour, sagemaker_session=session) == []

    analytics = ExperimentAnalytics(experiment_name="leader-board", sagemaker_session=session)
    box = analytics.widget()
    board = box.leaderboard
    assert board.sort.value == "loss - Last"
    board.sort.value = "loss - Last"
    board.order.value = "Ascending"
    names = list(board.sorted_frame()["TrialComponentName"])
    assert names[:3] == ["leader-board-r-2", "leader-board-r-1", "leader-board-r-0"], names
    board.order.value = "Descending"
    assert list(board.sorted_frame()["TrialComponentName"])[:3] == names[:3][::-1]
    assert "leader-board-r-2" in board.table.value and "<table" in board.table.value
    assert 'title="leader-board-r-2"' in board.table.value  # cut names are readable on hover
    # the widget starts in the order the analytics asked for (SageMaker's SortBy and SortOrder)
    by_loss = ExperimentAnalytics(
        experiment_name="leader-board", sort_by="Metrics.loss.last", sort_order="Descending", sagemaker_session=session
    ).widget()
    assert by_loss.leaderboard.sort.value == "loss - Last" and by_loss.leaderboard.order.value == "Descending"
    assert list(by_loss.leaderboard.sorted_frame()["TrialComponentName"])[:3] == names[:3][::-1]
    by_time = ExperimentAnalytics(
        experiment_name="leader-board", sort_by="CreationTime", sort_order="Descending", sagemaker_session=session
    ).widget()
    board = by_time.leaderboard
    newest_first = list(board.sorted_frame()["TrialComponentName"])
    assert board.sort.value == "(search order)" and newest_first[-1] == "leader-board-r-0"
    board.order.value = "Ascending"
    assert list(board.sorted_frame()["TrialComponentName"]) == newest_first[::-1]
    with pytest.raises(ValueError):
        ExperimentAnalytics(sagemaker_session=session)


def test_close_is_one_write_and_loses_nothing_when_it_fails(tmp_path):
    """Embedded runs close with ONE transaction (last points + final status); if that write fails, the
    points go back to the buffer and a later close stores them. Many runs share one sender thread."""
    import threading

    from jupyter_smstudio.core.db import StoreUnavailable
    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk.experiments import Run

    session = Session(home=str(tmp_path / "home"))
    backend = session.backend
    for i in range(30):
        with Run("one-write", f"r-{i}", sagemaker_session=session) as run:
            run.log_parameter("i", i)
            for step in range(50):
                run.log_metric("loss", step, step=step)
    senders = [t for t in threading.enumerate() if t.name.startswith("smstudio-metrics")]
    assert len(senders) <= 1, senders
    tc = backend.get_trial_component("one-write-r-29")
    assert tc["status"] == "Completed" and tc["parameters"] == {"i": 29.0}
    assert [m["count"] for m in tc["metrics"]] == [50]

    calls = []
    real_finish = backend.finish_trial_component

    def finish_fails_once(*args, **kwargs):  # fault injection: the store refuses the closing write once
        calls.append(args[0])
        if len(calls) == 1:
            raise StoreUnavailable("the metadata store is unavailable: injected")
        return real_finish(*args, **kwargs)

    backend.finish_trial_component = finish_fails_once
    try:
        run = Run("one-write", "unlucky", sagemaker_session=session)
        with pytest.raises(StoreUnavailable):
            with run:
                for step in range(70):
                    run.log_metric("acc", step / 70, step=step)
        assert backend.metric_series("one-write-unlucky", "acc")["total_points"] == 0
        run.close()  # what the atexit hook would do: the 70 points and the status are sent again
    finally:
        backend.finish_trial_component = real_finish
    series = backend.metric_series("one-write-unlucky", "acc")
    assert series["total_points"] == 70 and series["values"][:2] == [0.0, 1 / 70]
    assert backend.get_trial_component("one-write-unlucky")["status"] == "Completed"
