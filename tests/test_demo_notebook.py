"""The demo notebook Binder and the demo script open runs top to bottom in a real kernel."""

from __future__ import annotations

from tests.live_server import jupyter_server
from tests.notebooks import DEMO_DIR, against, embedded, execute

DEMO = DEMO_DIR / "Getting started.ipynb"


def test_demo_notebook_embedded(tmp_path, monkeypatch):
    text = execute(DEMO, embedded(monkeypatch, tmp_path), timeout=120)
    assert "'status': 'Completed'" in text, text
    assert "fitted a=" in text


def test_demo_notebook_against_a_server(tmp_path, monkeypatch):
    with jupyter_server(tmp_path / "srv") as srv:
        text = execute(DEMO, against(monkeypatch, srv), timeout=120)
        assert "'status': 'Completed'" in text, text
        assert str(srv["home"]) in text  # the server's storage, not an embedded one
