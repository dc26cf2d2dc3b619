"""A step's events file, built in page-aligned memory and written to a local disk with direct I/O.

Why: the full tensors of a step are megabytes, and on a local disk the kernel's buffered write of a new
file costs far more CPU than the copy itself (measured on these machines' ext4: 25-40 ms of CPU for
4.3 MB, against 1 ms written with O_DIRECT, which moves the bytes to the disk without the page cache).
That CPU is taken from the training loop on a busy machine. Direct I/O needs the memory, the size and
the file offset aligned to the disk's blocks: the records are laid out in an anonymous memory map (page
aligned) reused step after step, written whole with the tail padded, and the file is then cut to its
size. A file system that refuses direct I/O (tmpfs, some network and overlay file systems) gets a
buffered write of the same bytes; SMSTUDIO_DEBUGGER_DIRECT_IO=0 asks for that everywhere.

The records are numpy's own .npy format, written with numpy.lib.format's header functions.
"""

from __future__ import annotations

import mmap
import os
from typing import Any

import numpy as np

PAGE = 4096  # a multiple of every block size direct I/O asks for
DIRECT_IO_ENV = "SMSTUDIO_DEBUGGER_DIRECT_IO"


def _pages(size: int) -> int:
    return -(-size // PAGE) * PAGE


class EventsFile:
    """The .npy records of one step, one after the other; `reset` starts the next step in the same memory."""

    def __init__(self, capacity: int = 1 << 20):
        self._map = mmap.mmap(-1, _pages(capacity))
        self.size = 0

    def reset(self) -> None:
        self.size = 0

    def __len__(self) -> int:
        return self.size

    def _room(self, needed: int) -> None:
        if self.size + needed <= len(self._map):
            return
        bigger = mmap.mmap(-1, _pages(max(2 * len(self._map), self.size + needed)))
        bigger[: self.size] = self._map[: self.size]
        self._map = bigger  # the old map is unmapped once no view of it is left

    def append(self, array: np.ndarray) -> list[int]:
        """Writes one .npy record; returns its byte range [start, end) in the file."""
        array = np.require(array, requirements="C")
        header = np.lib.format.header_data_from_array_1_0(array)
        start = self.size
        self._room(PAGE + array.nbytes)  # an .npy header is far less than a page
        self.size += self._write_header(header)
        if array.nbytes:
            np.frombuffer(self._map, np.uint8, array.nbytes, self.size)[:] = array.reshape(-1).view(np.uint8)
            self.size += array.nbytes
        return [start, self.size]

    def _write_header(self, header: dict[str, Any]) -> int:
        out = _At(self._map, self.size)
        try:
            np.lib.format.write_array_header_1_0(out, header)
        except ValueError:  # a header over 64 KiB (a huge record dtype): numpy's 2.0 format holds it
            np.lib.format.write_array_header_2_0(out, header)
        return out.at - self.size

    def content(self) -> memoryview:
        return memoryview(self._map)[: self.size]

    def write_to(self, path: str) -> bool:
        """Writes the file at `path` (new), directly to the disk where it can, else buffered; True when
        written directly."""
        if os.environ.get(DIRECT_IO_ENV, "1").strip() not in ("0", "false", "no") and self._write_direct(path):
            return True
        with open(path, "wb") as out:
            out.write(self.content())
        return False

    def _write_direct(self, path: str) -> bool:
        direct = getattr(os, "O_DIRECT", 0)
        if not direct or not self.size:
            return False
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | direct, 0o644)
        except OSError:  # EINVAL: the file system has no direct I/O
            return False
        try:
            padded = _pages(self.size)
            self._map[self.size : padded] = bytes(padded - self.size)
            view = memoryview(self._map)[:padded]
            done = 0
            while done < padded:
                done += os.write(fd, view[done:])
            os.ftruncate(fd, self.size)
            return True
        except OSError:  # a file system that takes the flag but not the write: the buffered one instead
            return False
        finally:
            os.close(fd)


class _At:
    """numpy writes a header through a file's `write`: this one writes into the map at a place."""

    def __init__(self, target: mmap.mmap, at: int):
        self.target, self.at = target, at

    def write(self, data: bytes) -> None:
        self.target[self.at : self.at + len(data)] = data
        self.at += len(data)
