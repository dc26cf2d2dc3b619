"""Where a hook's tensors go, and how a reader finds them by step while the job still writes.

The layout under the output URL (a local folder or `s3://...`, through fsspec), per worker:

    collections/<worker>.json               the collections and their settings (written at start)
    index/<global step, 12 digits>_<worker>.json
                                            one per saved step: its mode and mode step, and per tensor
                                            its collections, its reductions and whether the full tensor
                                            and a histogram are in the events file
    events/<global step>_<worker>.tensors   the full tensors and histograms of that step (only when any):
                                            .npy records one after the other, their byte ranges
                                            in the index entry
    training_job_end.ts                     written when the hook closes (smdebug's marker)

Why this layout: one small file per step and worker is what S3 can do (no appends, but a PUT is
atomic) and what a local disk does atomically (write a hidden temporary file, then rename). The events
file is written before the index file, so a reader that goes by the index never sees a partial step.
The index file names sort by step, so one listing is the index of a running job and a step is found
without reading the others (random access); the reductions sit in the index itself, so the statistics
over steps (what plots and rules read most) never open an events file, and one tensor of a step is one
ranged read (a seek on disk, a Range GET on S3). The records are numpy's own .npy format (no pickle),
read by numpy 2 without any other library; not a zip (npz), whose CRCs cost 5 ms per 3 MB written.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any, Optional, Union

import fsspec
import numpy as np
from fsspec.implementations.local import LocalFileSystem

from . import reductions
from .events_file import EventsFile
from .modes import ModeKeys
from .tensorboard_export import TensorBoardExport

log = logging.getLogger(__name__)

END_MARKER = "training_job_end.ts"
STEP_DIGITS = 12


def step_file(kind: str, global_step: int, worker: str) -> str:
    suffix = "json" if kind == "index" else "tensors"
    return f"{kind}/{global_step:0{STEP_DIGITS}d}_{worker}.{suffix}"


@dataclass
class TensorRecord:
    """One tensor of one step, as the training thread hands it to the writer."""

    name: str
    collections: list[str]
    # the reductions launched on the tensor's device (reductions.launch); None: computed from `array`
    # on the writer thread
    pending: Any
    size: int
    shape: tuple[int, ...]
    dtype: str
    # a copy, only when the full tensor or a histogram is saved (a tensor not saved is never copied)
    array: Optional[np.ndarray] = None
    save_raw: bool = False
    save_histogram: bool = False


def numpy_record(
    name: str, array: np.ndarray, collections: list[str], save_raw: bool = True, save_histogram: bool = True
) -> TensorRecord:
    """A tensor record of a numpy value (a scalar a script saves, a test's data); copied when kept."""
    keep = save_raw or save_histogram
    return TensorRecord(
        name,
        collections,
        None if keep else reductions.launch_numpy(array),
        int(array.size),
        tuple(array.shape),
        str(array.dtype),
        array.copy() if keep else None,
        save_raw=save_raw,
        save_histogram=save_histogram,
    )


@dataclass
class StepRecord:
    global_step: int
    mode: ModeKeys
    mode_step: int
    tensors: dict[str, TensorRecord] = field(default_factory=dict)


class Storage:
    """Whole-file writes that a reader never sees half done, on a local disk or S3."""

    def __init__(self, url: str, storage_options: Optional[dict[str, Any]] = None):
        # options: the server reads a user's S3 volume with that user's; a job gets them from FSSPEC_S3
        self.fs, self.root = fsspec.core.url_to_fs(url, **(storage_options or {}))
        self.root = self.root.rstrip("/")
        self.local = isinstance(self.fs, LocalFileSystem)

    def path(self, relative: str) -> str:
        return f"{self.root}/{relative}"

    def put(self, relative: str, data: Union[bytes, memoryview, EventsFile]) -> None:
        target = self.path(relative)
        if not self.local:
            # an S3 PUT is atomic: the object appears whole or not at all
            self.fs.pipe_file(target, bytes(data.content() if isinstance(data, EventsFile) else data))
            return
        folder = os.path.dirname(target)
        os.makedirs(folder, exist_ok=True)
        temporary = os.path.join(folder, f".{uuid.uuid4().hex}.tmp")
        if isinstance(data, EventsFile):
            data.write_to(temporary)
        else:
            with open(temporary, "wb") as out:
                out.write(data)
        os.replace(temporary, target)

    def get(self, relative: str) -> bytes:
        data: bytes = self.fs.cat_file(self.path(relative))
        return data

    def get_range(self, relative: str, start: int, end: int) -> bytes:
        data: bytes = self.fs.cat_file(self.path(relative), start=start, end=end)
        return data

    def exists(self, relative: str) -> bool:
        self.fs.invalidate_cache(self.path(relative))  # S3 listings are cached; a running job's are not final
        return bool(self.fs.exists(self.path(relative)))

    def names(self, folder: str) -> list[str]:
        """The file names in a folder, temporary files left out; [] while the folder does not exist."""
        try:
            entries = self.fs.ls(self.path(folder), detail=False, refresh=True)
        except FileNotFoundError:
            return []
        names = (str(e).rstrip("/").rsplit("/", 1)[-1] for e in entries)
        return sorted(n for n in names if not n.startswith("."))


def _encode_tensor(t: TensorRecord, events: EventsFile) -> dict[str, Any]:
    entry: dict[str, Any] = {"collections": t.collections, "shape": list(t.shape), "dtype": t.dtype}
    pending = t.pending if t.pending is not None else reductions.launch_numpy(t.array)  # type: ignore[arg-type]
    entry["reductions"] = reduced = reductions.finish(pending, t.size)
    if t.array is not None and t.save_raw:
        entry["raw"] = events.append(t.array)
    if t.array is not None and t.save_histogram and t.save_raw:
        # the full tensor is there: a reader bins it (same bins) when asked, the writer spends nothing
        entry["histogram"] = "raw"
    elif t.array is not None and t.save_histogram:
        counts, edges = reductions.histogram(t.array, reduced)
        entry["histogram"] = {"counts": events.append(counts), "edges": events.append(edges)}
    return entry


def encode_step(record: StepRecord, events: Optional[EventsFile] = None) -> tuple[dict[str, Any], Optional[EventsFile]]:
    """The index entry of a step and its events file (None when it holds no full tensor nor histogram);
    `events`, a writer's EventsFile reused step after step, is filled anew."""
    events = events if events is not None else EventsFile()
    events.reset()
    tensors: dict[str, Any] = {}
    for name, t in record.tensors.items():
        try:
            tensors[name] = _encode_tensor(t, events)
        except Exception:  # one tensor that cannot be reduced (a user's odd value) must not lose the step
            log.exception("the debugger could not save tensor %s at step %s", name, record.global_step)
    index = {
        "global_step": record.global_step,
        "mode": record.mode.name,
        "mode_step": record.mode_step,
        "tensors": tensors,
    }
    return index, (events if len(events) else None)


def export_step(export: Optional[TensorBoardExport], record: StepRecord, index: dict[str, Any]) -> None:
    """The step in TensorBoard's files too, when the hook exports there; a failure is logged, not fatal."""
    if export is None or not export.enabled:
        return
    arrays = {n: t.array for n, t in record.tensors.items() if t.save_histogram and t.array is not None}
    try:
        export.write(record.mode, record.global_step, index["tensors"], arrays)
    except Exception:
        log.exception("the debugger could not export step %s to TensorBoard", record.global_step)


def put_step(
    storage: Storage, worker: str, global_step: int, index: dict[str, Any], events: Optional[EventsFile]
) -> None:
    """The events file first, then the index that points into it: a reader never sees half a step."""
    if events is not None:
        storage.put(step_file("events", global_step, worker), events)
    storage.put(step_file("index", global_step, worker), json.dumps(index).encode())


class StepWriter:
    """Writes steps on its own thread, so the training loop never waits for a disk or S3.

    The queue is bounded: a writer that falls far behind slows the loop down rather than holding an
    unbounded number of tensor copies in memory. A write that fails is logged; training goes on.
    (The PyTorch hook writes from a process of its own instead: `writer_process`.)
    """

    def __init__(self, url: str, worker: str, max_pending_steps: int = 64, tensorboard_dir: Optional[str] = None):
        self.storage = Storage(url)
        self.worker = worker
        self.failures = 0
        self._export = TensorBoardExport(tensorboard_dir) if tensorboard_dir else None
        self._queue: queue.Queue[Optional[StepRecord]] = queue.Queue(maxsize=max_pending_steps)
        self._events = EventsFile()
        self._thread = threading.Thread(target=self._run, name=f"smdebug-writer-{worker}", daemon=True)
        self._thread.start()
        self._closed = False

    def write_collections(self, payload: dict[str, Any]) -> None:
        self.storage.put(f"collections/{self.worker}.json", json.dumps(payload).encode())

    def submit(self, record: StepRecord) -> None:
        if record.tensors:
            self._queue.put(record)

    def close(self) -> None:
        """Waits for every step handed over, then marks the job's end for readers."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        self._thread.join()
        if self._export is not None:
            self._export.close()
        try:
            self.storage.put(END_MARKER, b"")
        except OSError:
            log.exception("the debugger could not mark the end of the job")

    def _run(self) -> None:
        while True:
            record = self._queue.get()
            if record is None:
                return
            try:
                index, events = encode_step(record, self._events)
                export_step(self._export, record, index)
                put_step(self.storage, self.worker, record.global_step, index, events)
            except Exception:  # a failed write must not stop training nor the next steps' writes
                self.failures += 1
                log.exception("the debugger could not write step %s", record.global_step)
