"""Run a demo notebook in a real kernel (nbclient) and read back what its cells printed."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

DEMO_DIR = Path(__file__).resolve().parents[1] / "binder" / "demo"


def execute(notebook: Path, folder: Path, timeout: int = 180) -> str:
    """Every code cell's text output, joined; raises with the cell's error when one fails."""
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return "\n".join(_printed(c) for c in nb.cells if c.cell_type == "code")


def _printed(cell: nbformat.NotebookNode) -> str:
    """A cell's outputs as text: its printed pieces joined as printed (the kernel flushes on a timer, so one
    print can arrive as two stream outputs), a result on a line of its own."""
    text = ""
    for o in cell.outputs:
        if o.get("output_type") == "stream":
            text += str(o.get("text", ""))
        else:
            text += "\n" + str(o.get("data", {}).get("text/plain", ""))
    return text


def embedded(monkeypatch, tmp_path: Path) -> Path:
    """A working folder for a notebook in embedded mode (its own SmStudio home, no server)."""
    monkeypatch.setenv("SMSTUDIO_HOME", str(tmp_path / "home"))
    for key in ("SMSTUDIO_URL", "SMSTUDIO_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def against(monkeypatch, server: dict) -> Path:
    """A notebook's kernel talks to `server` (a tests.live_server.jupyter_server) from its root folder."""
    monkeypatch.setenv("SMSTUDIO_URL", server["url"])
    monkeypatch.setenv("SMSTUDIO_TOKEN", server["token"])
    monkeypatch.chdir(server["root"])
    return server["root"]
