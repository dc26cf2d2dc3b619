"""binder/demo/Debugger.ipynb runs top to bottom in a real kernel (embedded: its training and rule jobs are real)."""

from __future__ import annotations

from tests.notebooks import DEMO_DIR, embedded, execute

NOTEBOOK = DEMO_DIR / "Debugger.ipynb"


def test_debugger_notebook_embedded(tmp_path, monkeypatch):
    text = execute(NOTEBOOK, embedded(monkeypatch, tmp_path), timeout=240)
    assert "script written" in text, text
    assert "Stopped" in text and "reason: Stopped by the Debugger rule VanishingGradient at step" in text, text
    assert "VanishingGradient" in text and "IssuesFound" in text, text
    assert "gradient tensors" in text, text
