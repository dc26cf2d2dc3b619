"""The Endpoints demo notebook (binder/demo/Endpoints.ipynb) runs top to bottom in a real kernel, against a
real Jupyter server: two variants A/B tested, traffic shifted, a batch transform."""

from __future__ import annotations

import re

from tests.live_server import jupyter_server
from tests.notebooks import DEMO_DIR, against, execute

DEMO = DEMO_DIR / "Endpoints.ipynb"


def test_endpoints_demo_against_a_server(tmp_path, monkeypatch):
    with jupyter_server(tmp_path / "srv") as srv:
        text = execute(DEMO, against(monkeypatch, srv), timeout=240)
    assert "InService [('VariantA', 70.0), ('VariantB', 30.0)]" in text, text
    split = dict(re.findall(r"'(Variant[AB])': (\d+)", text.split("answered by:")[1].split("\n")[0]))
    assert abs(int(split["VariantA"]) - 140) <= 6 and int(split["VariantA"]) + int(split["VariantB"]) == 200
    assert "after the change: {'VariantB': 50}" in text
    assert "Completed 569 lines scored" in text
    assert "deleted demo-ab-test" in text
