"""A local CSV file profiled by several processes at once: the file is cut at line ends into one byte range per
worker, each worker profiles its range in chunks (memory bounded by the chunk) and the profiles merge (their
sketches merge without loss of their guarantees). The baselining job runs one worker per instance it was given
(SageMaker's InstanceCount); the benchmark runs the same function."""

from __future__ import annotations

import io
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Optional

import pandas as pd

from .profile import Profile
from .readers import CHUNK_ROWS, dataset_chunks, unnamed

READ_BLOCK = 1 << 20


def ranges(path: str, count: int, start: int = 0) -> list[tuple[int, int]]:
    """`count` byte ranges of the file from `start`, each ending at a line end."""
    size = os.path.getsize(path)
    bounds = [start]
    with open(path, "rb") as fh:
        for k in range(1, count):
            target = max(start + (size - start) * k // count, bounds[-1])
            if target >= size:
                break
            fh.seek(target)
            fh.readline()  # the rest of the line the cut fell in belongs to the range before
            bounds.append(min(fh.tell(), size))
    bounds.append(size)
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


class _Range(io.RawIOBase):
    """A byte range of a file as a file (what pandas reads a worker's share from)."""

    def __init__(self, path: str, start: int, end: int):
        self._fh = open(path, "rb")  # noqa: SIM115 - closed with the range
        self._fh.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)[: min(len(buffer), self._left)]
        read = self._fh.readinto(view)
        self._left -= read or 0
        return read or 0

    def close(self) -> None:
        self._fh.close()
        super().close()


def profile_range(path: str, start: int, end: int, names: Optional[list[str]], chunk_rows: int) -> Profile:
    profile = Profile()
    with io.BufferedReader(_Range(path, start, end), READ_BLOCK) as fh:
        for chunk in dataset_chunks(fh, {"csv": {"header": False}}, chunk_rows):
            if names is not None:
                chunk.columns = names[: len(chunk.columns)] + unnamed(len(chunk.columns))[len(names) :]
            profile.add(chunk)  # into the range's profile: no sketch made and merged per chunk
    return profile


def profile_csv(path: str, header: bool, workers: int = 1, chunk_rows: int = CHUNK_ROWS) -> Profile:
    """The whole file's profile, `workers` processes at once (one: in this process)."""
    start, names = 0, None
    if header:
        with open(path, "rb") as fh:
            first = fh.readline()
            start = fh.tell()
        names = [str(n) for n in pd.read_csv(io.BytesIO(first), nrows=0).columns] if first.strip() else []
    shares = ranges(path, max(1, workers), start)
    if workers <= 1 or len(shares) <= 1:
        return profile_range(path, *(shares[0] if shares else (start, start)), names, chunk_rows)
    total = Profile()
    with ProcessPoolExecutor(len(shares)) as pool:
        for part in pool.map(profile_range, *zip(*[(path, a, b, names, chunk_rows) for a, b in shares], strict=False)):
            total.merge(part)
    return total
