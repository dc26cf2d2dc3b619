"""The events file's direct-I/O write: the same .npy bytes as numpy writes, on a disk (ext4 here) and
on tmpfs (direct I/O there since Linux 6.6, a buffered write before), written directly or not, and a
buffer that grows past its first size."""

from __future__ import annotations

import io
import os

import numpy as np
import pytest

from jupyter_smstudio.debugger.events_file import DIRECT_IO_ENV, EventsFile


def _arrays() -> list[np.ndarray]:
    rng = np.random.default_rng(3)
    return [
        rng.standard_normal((300, 700)).astype(np.float32),  # bigger than the first 1 MiB: the map grows
        np.float64(2.5) * np.ones(()),  # a 0-d value (a loss)
        np.arange(7, dtype=np.int64)[::2],  # not contiguous
        np.zeros((0, 3), dtype=np.float16),  # empty
    ]


def _numpys_bytes(arrays: list[np.ndarray]) -> tuple[bytes, list[list[int]]]:
    out, ranges = io.BytesIO(), []
    for a in arrays:
        start = out.tell()
        np.lib.format.write_array(out, np.require(a, requirements="C"), allow_pickle=False)
        ranges.append([start, out.tell()])
    return out.getvalue(), ranges


@pytest.mark.parametrize("folder", ["tmp", "shm"])
@pytest.mark.parametrize("direct", ["1", "0"])
def test_the_file_holds_numpys_records_byte_for_byte(tmp_path, monkeypatch, folder, direct):
    if folder == "shm" and not os.path.isdir("/dev/shm"):
        pytest.skip("no /dev/shm here")
    monkeypatch.setenv(DIRECT_IO_ENV, direct)
    target = tmp_path if folder == "tmp" else os.path.join("/dev/shm", f"smstudio-test-{os.getpid()}")
    os.makedirs(target, exist_ok=True)
    expected, expected_ranges = _numpys_bytes(_arrays())
    events = EventsFile()
    for step in range(2):  # the same memory serves the next step
        events.reset()
        ranges = [events.append(a) for a in _arrays()]
        path = os.path.join(target, f"step{step}.tensors")
        directly = events.write_to(path)
        if direct == "0":
            assert not directly
        assert ranges == expected_ranges
        with open(path, "rb") as written:
            assert written.read() == expected
        with open(path, "rb") as written:
            written.seek(ranges[0][0])
            assert np.array_equal(np.lib.format.read_array(written), _arrays()[0])
    if folder == "shm":
        for name in os.listdir(target):
            os.unlink(os.path.join(target, name))
        os.rmdir(target)
