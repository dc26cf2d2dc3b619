"""Listings: one check of `limit`/`offset` for every room, and one query that pages and counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from typing_extensions import Unpack

from .errors import BadRequest

MAX_PAGE = 1000


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise BadRequest(f"'limit' must be between 1 and {MAX_PAGE}", field="limit")
    if offset < 0:
        raise BadRequest("'offset' must not be negative", field="offset")


def fetch_page(
    s: Session, query: Select[Unpack[tuple[Any, ...]]], order: tuple[Any, ...], limit: int, offset: int
) -> tuple[list[Any], int]:
    """One page of `query`'s rows in `order`, and how many rows there are in all."""
    total = s.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = list(s.execute(query.order_by(*order).limit(limit).offset(offset)).all())
    return rows, int(total)
