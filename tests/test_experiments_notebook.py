"""binder/demo/Experiments.ipynb runs top to bottom in a real kernel: embedded and against a server."""

from __future__ import annotations

import pytest

from tests.live_server import jupyter_server
from tests.notebooks import DEMO_DIR, against, embedded, execute

pytest.importorskip("pandas")

NOTEBOOK = DEMO_DIR / "Experiments.ipynb"


def _check(text: str) -> None:
    assert "best run: demo-fit-" in text and "-lr-0-6 lr=0.6" in text, text
    assert "(25 points)" in text
    assert "['lr-0-6', 'lr-0-2', 'lr-0-05']" in text  # newest first
    assert "evaluated demo-fit-" in text and "Completed [{'TrialComponentName': 'demo-fit-" in text
    assert "'eval_score - Last': 0.93" in text


def test_experiments_notebook_embedded(tmp_path, monkeypatch):
    text = execute(NOTEBOOK, embedded(monkeypatch, tmp_path))
    assert text.startswith("embedded demo-fit-"), text
    _check(text)


def test_experiments_notebook_against_a_server(tmp_path, monkeypatch):
    with jupyter_server(tmp_path / "srv") as srv:
        text = execute(NOTEBOOK, against(monkeypatch, srv))
        assert text.startswith("server demo-fit-"), text
        _check(text)
