"""Unique names for records a request does not name (jobs, tuning jobs), as the SageMaker SDK makes them."""

from __future__ import annotations

import secrets
import time


def name_from_base(base: str, max_length: int = 63) -> str:
    """`<base>-<timestamp>`, SageMaker's `name_from_base`: a millisecond stamp where the name may be long,
    a short stamp and a random suffix where it must fit in 32 characters (tuning jobs)."""
    now = time.time()
    if max_length >= 63:
        stamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime(now)) + f"-{int(now * 1000) % 1000:03d}"
    else:
        stamp = time.strftime("%y%m%d-%H%M%S", time.gmtime(now)) + f"-{secrets.token_hex(2)}"
    return f"{base[: max_length - len(stamp) - 1]}-{stamp}"
