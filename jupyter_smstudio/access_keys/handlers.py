"""Routes reached with SigV4-signed requests (boto3's own clients) instead of Jupyter's login (being built)."""

from __future__ import annotations

HANDLERS: list[tuple[str, type]] = []
