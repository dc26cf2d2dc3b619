"""The step writer in a process of its own, fed through shared memory: what keeps a hook's overhead at
about one memcpy per saved tensor.

A writer thread in the training process costs the loop more than its own work: it holds the GIL while it
reduces, encodes and writes, and the training thread waits for it at every hook call (up to the 5 ms
switch interval each time). Here the training thread only copies each saved tensor into a ring buffer
in shared memory (a file in /dev/shm, mapped by both processes) and sends the step's few names and
offsets down a pipe; the writer process reduces, bins, encodes and writes (store's layout, and the
TensorBoard export), then hands the step's bytes of the ring back through a counter in the ring's
header. The ring is bounded: a writer that falls far behind makes the loop wait for space rather than
grow memory; a tensor that cannot fit is copied apart and sent down the pipe.

The writer is `python -m jupyter_smstudio.debugger.writer_process`, not a multiprocessing child: spawn
would import the training script again in the child, and fork would copy a process full of torch
threads. A writer process that dies is logged once and the training goes on without it.
"""

from __future__ import annotations

import json
import logging
import math
import mmap
import os
import pickle
import queue
import struct
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any, BinaryIO, Optional, Union

import numpy as np

from .copier import Copier
from .events_file import EventsFile
from .store import END_MARKER, StepRecord, StepWriter, Storage, TensorRecord, encode_step, export_step, put_step
from .tensorboard_export import TensorBoardExport

log = logging.getLogger(__name__)

# the ring's header: the count of bytes the writer has handed back (int64), 1 once the writer process
# is up (int64), then padding to a cache line
HEADER = 64
ALIGN = 64
DEFAULT_RING_BYTES = 64 << 20
# the ring's size in MiB, for models whose saved tensors outgrow the default (a tensor over half the
# ring is copied apart and sent down the pipe: it works, it costs two more copies)
RING_ENV = "SMSTUDIO_DEBUGGER_RING_MB"
# "thread" makes hooks write from a thread of the training process instead (the writer before this one)
WRITER_ENV = "SMSTUDIO_DEBUGGER_WRITER"
_LENGTH = struct.Struct("<Q")


def _ring_folder(size: int) -> str:
    """/dev/shm when it has room (memory, no disk under it), else the temporary folder."""
    try:
        stats = os.statvfs("/dev/shm")
        if stats.f_bavail * stats.f_frsize > 4 * size:
            return "/dev/shm"
    except OSError:
        pass
    return tempfile.gettempdir()


class ProcessStepWriter:
    """StepWriter's interface (write_collections, submit, close, failures) plus `reserve`, the place in
    shared memory where the hook copies a tensor."""

    def __init__(
        self, url: str, worker: str, tensorboard_dir: Optional[str] = None, ring_bytes: int = DEFAULT_RING_BYTES
    ):
        self.storage = Storage(url)
        self.worker = worker
        self.failures = 0
        self._closed = False
        self._broken = False
        self._capacity = ring_bytes
        fd, self._ring_path = tempfile.mkstemp(prefix="smdebug-ring-", dir=_ring_folder(ring_bytes))
        try:
            os.ftruncate(fd, HEADER + ring_bytes)
            self._map = mmap.mmap(fd, HEADER + ring_bytes)
        finally:
            os.close(fd)
        self._ring = np.frombuffer(self._map, dtype=np.uint8, offset=HEADER)
        self._ring.fill(0)  # every page touched now, not in the first save steps of the training loop
        header = np.frombuffer(self._map, dtype=np.int64, count=2)
        self._released, self._ready = header[:1], header[1:]
        self._base = self._ring.ctypes.data
        self._allocated = 0  # bytes handed out since the start (the ring position is this modulo capacity)
        self._submitted = 0  # what `_allocated` was at the last step sent: the bytes the writer will free
        package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])))
        args = [url, worker, self._ring_path, str(ring_bytes), tensorboard_dir or ""]
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self._copier = Copier()  # the copies a hook leaves for later, and every write to the pipe, in order

    @property
    def ready(self) -> bool:
        """Whether the writer process is up (it starts in the background: nothing waits for it)."""
        return bool(self._ready[0])

    # -- the training thread's side --------------------------------------------------------------
    def reserve(self, shape: tuple[int, ...], dtype: Any) -> Optional[np.ndarray]:
        """An array in the ring for the hook to copy a tensor into; None when it cannot have one (the
        hook then copies the tensor apart)."""
        kind = np.dtype(dtype)
        nbytes = math.prod(shape) * kind.itemsize
        size = -(-max(nbytes, 1) // ALIGN) * ALIGN
        if self._broken or size > self._capacity // 2:
            return None
        start = self._allocated % self._capacity
        skip = self._capacity - start if start + size > self._capacity else 0  # no tensor wraps around the end
        if not self._wait_for_room(skip + size):
            return None
        offset = (self._allocated + skip) % self._capacity
        self._allocated += skip + size
        place: np.ndarray = np.ndarray(shape, kind, self._ring, offset)
        return place

    def copy_later(self, targets: list[np.ndarray], tensors: list[Any]) -> int:
        """Copies CPU tensors into their places in the ring (from `reserve`) on the copier's thread, in one
        job; the hook `wait`s for the ticket before the tensors can change."""
        return self._copier.copy(targets, tensors)

    def wait(self, ticket: Optional[int] = None) -> None:
        """Returns once the copy of `ticket` (every copy left for later, by default) is in the ring."""
        self._copier.wait(ticket)

    def _wait_for_room(self, size: int) -> bool:
        if self._allocated - self._submitted + size > self._capacity:
            return False  # this step alone would fill the ring: waiting would never end
        while self._allocated - int(self._released[0]) + size > self._capacity:
            if self._process.poll() is not None:
                self._lost()
                return False
            time.sleep(0.0005)  # the writer is behind: the loop waits, memory does not grow
        return True

    def write_collections(self, payload: dict[str, Any]) -> None:
        self._send(("put", f"collections/{self.worker}.json", json.dumps(payload).encode()))

    def submit(self, record: StepRecord) -> None:
        if not record.tensors or self._broken or self._closed:
            return
        self._submitted = allocated = self._allocated
        if any(t.pending is not None and not isinstance(t.pending, np.ndarray) for t in record.tensors.values()):
            # a device's reductions are read on the thread that queued them, on its stream
            message = self._step_message(record, allocated)
            self._copier.then(lambda: self._write(message))
            return
        # described and sent by the copier's thread, after the step's copies (the record is not changed after)
        self._copier.then(lambda: self._write(self._step_message(record, allocated)))

    def _step_message(self, record: StepRecord, allocated: int) -> tuple[Any, ...]:
        tensors = [self._describe(t) for t in record.tensors.values()]
        return ("step", record.global_step, record.mode, record.mode_step, tensors, allocated)

    def _describe(self, t: TensorRecord) -> tuple[Any, ...]:
        """A tensor as the pipe carries it: its array as a place in the ring, or inline when elsewhere."""
        place: Any = None
        if t.array is not None:
            address = t.array.ctypes.data - self._base
            if 0 <= address < self._capacity:
                place = ("ring", address, t.array.dtype.str, t.array.shape)
            else:
                place = ("inline", t.array)
        pending = t.pending
        if pending is not None and not isinstance(pending, np.ndarray):
            pending = np.asarray(pending.tolist())  # a device's few reduced values: read here, once a step
        return (t.name, t.collections, pending, t.size, t.shape, t.dtype, place, t.save_raw, t.save_histogram)

    def _send(self, message: Any) -> None:
        """Writes `message` down the pipe from the copier's thread, after the copies given before it."""
        if not self._broken and not self._closed:
            self._copier.then(lambda: self._write(message))

    def _write(self, message: Any) -> None:
        if self._broken:
            return
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        pipe = self._process.stdin
        assert pipe is not None
        try:
            pipe.write(_LENGTH.pack(len(data)))
            pipe.write(data)
            pipe.flush()
        except (OSError, ValueError):
            self._lost()

    def _lost(self) -> None:
        if not self._broken:
            self._broken = True
            log.error(
                "the debugger's writer process ended (exit status %s); training goes on, no more steps are saved",
                self._process.poll(),
            )

    def close(self) -> None:
        """Waits for every step handed over, then marks the job's end for readers."""
        if self._closed:
            return
        self._send(("close",))
        self._closed = True
        self._copier.close()
        out, _ = self._process.communicate()
        try:
            self.failures = int(json.loads(out.decode().strip().splitlines()[-1])["failures"])
        except (ValueError, IndexError, KeyError):
            self.failures = max(self.failures, 1)
        self.failures += self._copier.failures
        try:
            os.unlink(self._ring_path)  # the writer unlinks it once mapped; this is for one that never started
        except FileNotFoundError:
            pass
        if self._process.returncode != 0:
            self._lost()
        try:  # even after a lost writer: the job has ended, and rules waiting for more steps must know
            self.storage.put(END_MARKER, b"")
        except OSError:
            log.exception("the debugger could not mark the end of the job")


def open_writer(url: str, worker: str, tensorboard_dir: Optional[str] = None) -> Union[ProcessStepWriter, StepWriter]:
    """The writer process, or the writer thread when asked for (SMSTUDIO_DEBUGGER_WRITER=thread) or
    when no process can be started here."""
    if os.environ.get(WRITER_ENV, "process").strip().lower() != "thread":
        try:
            ring_bytes = int(float(os.environ.get(RING_ENV) or DEFAULT_RING_BYTES >> 20) * (1 << 20))
        except ValueError:
            log.warning("%s=%r is not a number of MiB; the ring has the default size", RING_ENV, os.environ[RING_ENV])
            ring_bytes = DEFAULT_RING_BYTES
        try:
            return ProcessStepWriter(url, worker, tensorboard_dir=tensorboard_dir, ring_bytes=max(ring_bytes, 1 << 20))
        except OSError:
            log.warning("the debugger cannot start its writer process; it writes from a thread", exc_info=True)
    return StepWriter(url, worker, tensorboard_dir=tensorboard_dir)


# -- the writer process's side -------------------------------------------------------------------
def _read_exactly(source: BinaryIO, size: int) -> Optional[bytes]:
    data = source.read(size)
    return data if data is not None and len(data) == size else None


def _read_messages(source: BinaryIO, into: "queue.Queue[Any]") -> None:
    """Drains the pipe as fast as it fills (a thread of the writer process), so that the training
    thread's write of a step's names never waits for the step before it to be written; bounded: a
    writer far behind makes the pipe, then the training thread, wait."""
    while (header := _read_exactly(source, _LENGTH.size)) is not None:
        body = _read_exactly(source, _LENGTH.unpack(header)[0])
        if body is None:
            break  # the training process is gone mid-message: what came whole is written
        message = pickle.loads(body)  # from the training process that started this one, through its own pipe
        into.put(message)
        if message[0] == "close":
            return
    into.put(("close",))


def _record(message: tuple[Any, ...], ring: np.ndarray) -> StepRecord:
    _, global_step, mode, mode_step, tensors, _ = message
    record = StepRecord(global_step, mode, mode_step)
    for name, collections, pending, size, shape, dtype, place, save_raw, save_histogram in tensors:
        array = None
        if place is not None and place[0] == "ring":
            _, offset, kind, array_shape = place
            nbytes = math.prod(array_shape) * np.dtype(kind).itemsize
            array = ring[offset : offset + nbytes].view(kind).reshape(array_shape)
        elif place is not None:
            array = place[1]
        record.tensors[name] = TensorRecord(
            name, collections, pending, size, tuple(shape), dtype, array, save_raw, save_histogram
        )
    return record


def serve(url: str, worker: str, ring_path: str, capacity: int, tensorboard_dir: str, source: BinaryIO) -> int:
    """Writes the steps that come down `source` until it says close or ends; returns the failures."""
    fd = os.open(ring_path, os.O_RDWR)
    try:
        shared = mmap.mmap(fd, HEADER + capacity)
    finally:
        os.close(fd)
    os.unlink(ring_path)  # both processes have it mapped: nothing is left behind however either ends
    ring = np.frombuffer(shared, dtype=np.uint8, offset=HEADER)
    released = np.frombuffer(shared, dtype=np.int64, count=2)
    storage = Storage(url)
    export = TensorBoardExport(tensorboard_dir) if tensorboard_dir else None
    events = EventsFile()  # one page-aligned buffer for every step's events file
    released[1] = 1  # up
    failures = 0
    messages: queue.Queue[Any] = queue.Queue(maxsize=1024)
    threading.Thread(target=_read_messages, args=(source, messages), name="smdebug-pipe", daemon=True).start()
    while (message := messages.get())[0] != "close":
        try:
            if message[0] == "put":
                storage.put(message[1], message[2])
                continue
            record = _record(message, ring)
            try:
                index, step_events = encode_step(record, events)  # copies what it keeps: the ring is free after
                export_step(export, record, index)
            finally:
                record.tensors.clear()
                released[0] = message[5]  # the step's bytes of the ring are the training thread's again
            put_step(storage, worker, record.global_step, index, step_events)
        except Exception:  # a failed step must not stop the next ones
            failures += 1
            what = f"step {message[1]}" if message[0] == "step" else message[1]
            log.exception("the debugger could not write %s", what)
    if export is not None:
        export.close()
    return failures


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="smdebug writer: %(levelname)s %(message)s")
    try:
        os.nice(5)  # on a busy machine the training loop goes first; the ring holds what waits meanwhile
    except (OSError, AttributeError):  # AttributeError: a system without nice
        pass
    url, worker, ring_path, capacity, tensorboard_dir = argv
    failures = serve(url, worker, ring_path, int(capacity), tensorboard_dir, sys.stdin.buffer)
    try:
        print(json.dumps({"failures": failures}), flush=True)
    except BrokenPipeError:  # the training process is gone (a hook dropped without close): nobody to tell
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
