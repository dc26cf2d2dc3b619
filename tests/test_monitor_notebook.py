"""The Model Monitor demo notebook (binder/demo/Model monitor.ipynb) runs top to bottom in a real kernel, against a
real Jupyter server: a model deployed with data capture, a baseline, traffic with `mean radius` drifted and
`mean texture` missing, a NOW schedule whose violations name exactly those two, an hourly schedule, ground truth
uploaded and a NOW model quality schedule whose accuracy is scikit-learn's on the same pairs, clean up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.live_server import jupyter_server
from tests.notebooks import DEMO_DIR, against, execute

DEMO = DEMO_DIR / "Model monitor.ipynb"
# 50-85 s on 2 cores, server start included, depending on what else runs; the bound is generous on purpose
pytestmark = pytest.mark.timeout(240)


def test_model_monitor_demo_against_a_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with jupyter_server(tmp_path / "srv") as srv:
        text = execute(DEMO, against(monkeypatch, srv), timeout=120)  # a cell that raises fails the test here
    assert "InService capture: True" in text, text
    assert "Completed baseline-suggestion-job" in text
    assert "captured records: 301 of 301 requests" in text
    assert "execution: CompletedWithViolations" in text
    # the violations table, printed line by line: drift on the drifted feature, completeness on the emptied one
    table = text.split("feature_name constraint_check_type")[1].split("\n\n")[0]
    found = sorted(tuple(line.strip().rsplit(maxsplit=1)) for line in table.strip().splitlines())
    assert found == [("mean radius", "baseline_drift_check"), ("mean texture", "completeness_check")], table
    drift = dict(re.findall(r"'(mean [a-z ]+)': ([0-9.]+)", text.split("drift per feature:")[1].split("\n")[0]))
    assert max(drift, key=lambda k: float(drift[k])) == "mean radius" and float(drift["mean radius"]) > 0.1
    assert "demo-monitor-hourly Scheduled cron(0 * ? * * *)" in text
    # model quality: ground truth for every request of the traffic (not the deploy cell's one), metrics as sklearn's
    assert "ground truth uploaded for 300 requests, by their inference ids" in text
    assert re.search(r"quality execution: Completed(WithViolations)? ", text), text
    last_hour = re.search(r"'accuracy': \{'baseline': [0-9.]+, 'last hour': ([0-9.]+)\}", text)
    sklearn = re.search(r"scikit-learn on the same pairs: accuracy ([0-9.]+)", text)
    assert last_hour and sklearn and abs(float(last_hour[1]) - float(sklearn[1])) < 1e-3, text
    assert "deleted demo-monitored and its schedules" in text
