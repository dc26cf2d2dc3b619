"""The Autopilot demo notebook (binder/demo/Autopilot.ipynb) runs top to bottom in a real kernel against a real
Jupyter server: breast cancer as a CSV, AutoML fit with three candidates, the leaderboard, a plotly chart, the job's
two notebooks copied beside it, the best candidate deployed and asked about held-out raw rows, clean up. Then the two
notebooks the job wrote run top to bottom in a fresh kernel, and the candidate definition notebook reproduces the
scores the job's candidates reported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jupyter_smstudio.sdk import AutoML, Session
from tests.live_server import jupyter_server
from tests.notebooks import DEMO_DIR, against, execute

DEMO = DEMO_DIR / "Autopilot.ipynb"
# about 60-90 s on 2 cores, server start included; the bound is generous for a busy machine
pytestmark = pytest.mark.timeout(300)


def test_autopilot_demo_and_the_notebooks_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with jupyter_server(tmp_path / "srv") as srv:
        root = against(monkeypatch, srv)
        text = execute(DEMO, root, timeout=240)  # a cell that raises fails the test here
        job = re.search(r"job: (demo-automl-\S+) Completed MaxCandidatesReached", text)
        assert job, text
        assert "AnalyzingData" in text or "ModelTuning" in text, text  # the live progress, as the steps changed
        assert re.search(r"best: demo-automl-\S+-dpp\d-\S+ 0\.9\d", text), text
        correct = re.search(r"correct on held-out rows: (\d+) of 20", text)
        assert correct and int(correct[1]) >= 17, text
        assert f"deleted the endpoint {job[1][:20]}" in text or "deleted the endpoint" in text

        notebooks = root / "automl_demo" / "notebooks"
        found = sorted(p.name for p in notebooks.glob("*.ipynb"))
        assert found == [
            "SageMakerAutopilotCandidateDefinitionNotebook.ipynb",
            "SageMakerAutopilotDataExplorationNotebook.ipynb",
        ], found
        explored = execute(notebooks / found[1], notebooks, timeout=120)
        assert "diagnosis" in explored, explored[:2000]
        rerun = execute(notebooks / found[0], notebooks, timeout=180)
        line = next(ln for ln in rerun.splitlines() if ln.startswith('{"metric"'))
        scores = json.loads(line)
        session = Session(server_url=srv["url"], token=srv["token"])
        candidates = AutoML.attach(job[1], sagemaker_session=session).list_candidates()
        reported = {c["CandidateName"]: c["FinalAutoMLJobObjectiveMetric"]["Value"] for c in candidates}
    assert scores["metric"] == "F1" and set(scores["scores"]) == set(reported), (scores, reported)
    for name, value in reported.items():
        assert scores["scores"][name] == pytest.approx(value, abs=1e-6), (name, scores, reported)
