"""Seeds the Galata server's fresh SmStudio home with a 10,000-component experiment before start-up
(bulk inserts: about a second; through the REST API it took 106-232 s here)."""

from __future__ import annotations

import sys
from pathlib import Path

EXPERIMENT = "galata-10k"
ROWS = 10_000


def seed(home: str, rows: int = ROWS) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests/seeding.py
    from jupyter_smstudio.core.settings import default_db_url, default_owner
    from tests.seeding import seed_components

    seed_components(
        default_db_url(home), default_owner(), EXPERIMENT, rows, display_name="10,000 trials", folder="galata"
    )
