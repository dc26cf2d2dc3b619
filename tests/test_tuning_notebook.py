"""binder/demo/Tuning.ipynb runs top to bottom in a real kernel (embedded: its training jobs are real)."""

from __future__ import annotations

from tests.notebooks import DEMO_DIR, embedded, execute

NOTEBOOK = DEMO_DIR / "Tuning.ipynb"


def test_tuning_notebook_embedded(tmp_path, monkeypatch):
    text = execute(NOTEBOOK, embedded(monkeypatch, tmp_path), timeout=240)
    assert "script written" in text and "Completed" in text, text
    assert "best training job: demo-tune-" in text, text
    assert "best model: file://" in text and "/output/model.tar.gz" in text, text
    assert "FinalObjectiveValue" in text
