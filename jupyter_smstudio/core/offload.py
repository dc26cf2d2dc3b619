"""Store work off the server's event loop, fairly between users.

Services are synchronous (the SDK's embedded mode and the job monitor call them from plain threads),
so the server runs each request's service call in a bounded thread pool rather than rewriting every
store for SQLAlchemy's asyncio engine: one code path for the server, the SDK and the threads. A
per-user limit keeps one user's slow requests from taking every thread: the others' requests always
find one free.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")


class Offloader:
    def __init__(self, threads: int = 16, per_user: int = 4):
        self.per_user = max(1, min(per_user, threads))
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="smstudio-request")
        self._slots: dict[str, asyncio.Semaphore] = {}

    async def run(self, user: str, work: Callable[[], T]) -> T:
        """`work()` in the pool; at most `per_user` at once for one user (the rest of theirs wait their turn)."""
        slots = self._slots.get(user)
        if slots is None:
            slots = self._slots[user] = asyncio.Semaphore(self.per_user)
        async with slots:
            return await asyncio.get_running_loop().run_in_executor(self.pool, work)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
