"""binder/demo/Experiments.ipynb runs top to bottom in a real kernel: embedded and against a server."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.live_server import jupyter_server

pytest.importorskip("pandas")

NOTEBOOK = Path(__file__).resolve().parents[1] / "binder" / "demo" / "Experiments.ipynb"


def _execute(folder: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def _outputs(nb) -> str:
    return "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def _check(text: str) -> None:
    assert "best run: demo-fit-" in text and "-lr-0-6 lr=0.6" in text, text
    assert "(25 points)" in text
    assert "['lr-0-6', 'lr-0-2', 'lr-0-05']" in text  # newest first
    assert "evaluated demo-fit-" in text and "Completed [{'TrialComponentName': 'demo-fit-" in text
    assert "'eval_score - Last': 0.93" in text


def test_experiments_notebook_embedded(tmp_path, monkeypatch):
    monkeypatch.setenv("SMSTUDIO_HOME", str(tmp_path / "home"))
    for key in ("SMSTUDIO_URL", "SMSTUDIO_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    text = _outputs(_execute(work))
    assert text.startswith("embedded demo-fit-"), text
    _check(text)


def test_experiments_notebook_against_a_server(tmp_path, monkeypatch):
    with jupyter_server(tmp_path / "srv") as srv:
        monkeypatch.setenv("SMSTUDIO_URL", srv["url"])
        monkeypatch.setenv("SMSTUDIO_TOKEN", srv["token"])
        monkeypatch.chdir(srv["root"])
        text = _outputs(_execute(srv["root"]))
        assert text.startswith("server demo-fit-"), text
        _check(text)
