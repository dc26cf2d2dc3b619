"""The demo notebook Binder and the demo script open runs top to bottom in a real kernel."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tests.live_server import jupyter_server

DEMO = Path(__file__).resolve().parents[1] / "binder" / "demo" / "Getting started.ipynb"


def _execute(folder: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(DEMO, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def _outputs(nb) -> str:
    return "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_demo_notebook_embedded(tmp_path, monkeypatch):
    monkeypatch.setenv("SMSTUDIO_HOME", str(tmp_path / "home"))
    for key in ("SMSTUDIO_URL", "SMSTUDIO_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    text = _outputs(_execute(work))
    assert "'status': 'Completed'" in text, text
    assert "fitted a=" in text


def test_demo_notebook_against_a_server(tmp_path, monkeypatch):
    with jupyter_server(tmp_path / "srv") as srv:
        monkeypatch.setenv("SMSTUDIO_URL", srv["url"])
        monkeypatch.setenv("SMSTUDIO_TOKEN", srv["token"])
        monkeypatch.chdir(srv["root"])
        text = _outputs(_execute(srv["root"]))
        assert "'status': 'Completed'" in text, text
        assert str(srv["home"]) in text  # the server's storage, not an embedded one
