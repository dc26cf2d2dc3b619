"""The best candidate's refit on the training and validation rows (the explain step, data_job.py): what it writes,
that a refit that fails leaves the ranked model served, and when it is skipped because it would not fit in time.
The whole path through a real AutoML job is tested in test_autopilot_job.py."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from jupyter_smstudio.autopilot import tables
from jupyter_smstudio.autopilot.analysis import analyze
from jupyter_smstudio.autopilot.candidates import build_pipeline, definitions_for, fit_candidate
from jupyter_smstudio.autopilot.data_job import DataJob
from jupyter_smstudio.autopilot.layout import TRAIN
from jupyter_smstudio.autopilot.plan import refit_fits


def _job(tmp_path: Path) -> tuple[DataJob, pd.DataFrame, object]:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=120), "color": rng.choice(["red", "blue"], 120)})
    frame["label"] = np.where(frame["x"] + (frame["color"] == "red") > 0.5, "yes", "no")
    source = tmp_path / "table.csv"
    frame.to_csv(source, index=False)
    analysis = analyze(str(source), "label")
    out = tmp_path / "out"
    (out / TRAIN).mkdir(parents=True)
    frame.iloc[:90].to_csv(out / TRAIN / "train.csv", index=False)
    job = DataJob({"output": f"file://{out}"})
    (job.work / "model").mkdir()
    (job.work / "model" / "autopilot.json").write_text(json.dumps({"candidate": "dpp0-hgb"}))
    valid = tables.read_table(str(source), analysis).iloc[90:]
    return job, valid, analysis


def test_the_refit_learns_from_every_row_and_keeps_the_ranked_hyperparameters(tmp_path: Path) -> None:
    job, valid, analysis = _job(tmp_path)
    definition = definitions_for(analysis)[0]
    ranked = build_pipeline(definition, {"max_iter": "7"})
    train = tables.read_table(str(tmp_path / "out" / TRAIN / "train.csv"), analysis)
    fit_candidate(ranked, train[tables.feature_columns(analysis)], train["label"])
    job.refit(ranked, analysis, valid, "refit/best/model.tar.gz")
    with tarfile.open(tmp_path / "out" / "refit" / "best" / "model.tar.gz") as tar:
        meta = json.load(tar.extractfile("autopilot.json"))  # type: ignore[arg-type]
        model = joblib.load(io.BytesIO(tar.extractfile("model.joblib").read()))  # type: ignore[union-attr]
    assert meta == {"candidate": "dpp0-hgb", "refit_rows": 120}
    assert model is not ranked and definition.algorithm == "hgb"
    assert [v for k, v in model.get_params().items() if k.endswith("max_iter")] == [7]
    step = model.named_steps["model"]
    assert getattr(step, "estimator_", step).n_iter_ == 7  # a fitted clone, not the ranked model
    assert set(model.predict(valid[tables.feature_columns(analysis)])) <= {"yes", "no"}


def test_a_refit_that_fails_leaves_the_ranked_model_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job, valid, analysis = _job(tmp_path)
    broken = Pipeline([("model", LogisticRegression(C=-1.0))])  # scikit-learn refuses C <= 0 when it fits
    job.refit(broken, analysis, valid, "refit/best/model.tar.gz")
    assert not (tmp_path / "out" / "refit").exists()
    assert "the refit on all 120 rows failed, the ranked model stays" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("trained", "explain", "fits"),
    [(10.0, 1800, True), (600.0, 1800, True), (601.0, 1800, False), (None, 1800, False)],
)
def test_a_refit_runs_only_where_it_leaves_the_explanation_half_the_step(
    trained: float | None, explain: int, fits: bool
) -> None:
    assert refit_fits(trained, explain) is fits
