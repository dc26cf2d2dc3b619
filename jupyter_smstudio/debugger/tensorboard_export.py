"""The TensorBoard export (SageMaker's TensorBoardOutputConfig, smdebug's `export_tensorboard`): the
steps a hook saves, also as TensorBoard event files that `tensorboard --logdir` opens.

Written by the step writer, never on the training thread: a scalar for each tensor of one value
(losses, what `save_scalar` saves), a histogram for each tensor saved with a histogram. One run per
mode (`train/`, `eval/`, ... under the folder), on the global step, so that TensorBoard draws the
training and the validation loss on one axis. The `tensorboard` package writes the files; without it
the export logs once how to get it and the hook goes on saving for the analysis API.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any, Optional

import numpy as np

from . import reductions
from .modes import ModeKeys

log = logging.getLogger(__name__)
_INSTALL_HINT = "the debugger's TensorBoard export needs the tensorboard package: pip install tensorboard"


def _tensorboard() -> Optional[Any]:
    """tensorboard's event writer and protos, or None (logged) when the package is missing."""
    try:
        from tensorboard.compat.proto import event_pb2, summary_pb2
        from tensorboard.summary.writer.event_file_writer import EventFileWriter
    except ImportError:
        log.warning(_INSTALL_HINT)
        return None
    return EventFileWriter, event_pb2, summary_pb2


class TensorBoardExport:
    def __init__(self, folder: str):
        self.folder = folder
        self._writers: dict[ModeKeys, Any] = {}
        self._api = None
        if "://" in folder and not folder.startswith("file://"):
            # a training job uploads its local TensorBoard folder itself (TensorBoardOutputConfig.LocalPath)
            log.warning("the debugger's TensorBoard export writes to a local folder, not to %s; skipped", folder)
            return
        self.folder = folder.removeprefix("file://")
        self._api = _tensorboard()

    @property
    def enabled(self) -> bool:
        return self._api is not None

    def write(self, mode: ModeKeys, global_step: int, tensors: dict[str, Any], arrays: dict[str, Any]) -> None:
        """One step: `tensors` as the index entry has them (collections, shape, reductions, histogram),
        `arrays` the full values of the tensors whose histogram is kept."""
        if self._api is None:
            return
        _, event_pb2, summary_pb2 = self._api
        values = []
        for name, entry in tensors.items():
            reduced = entry["reductions"]
            if int(np.prod(entry["shape"])) == 1 and np.isfinite(reduced["mean"]):
                values.append(summary_pb2.Summary.Value(tag=name, simple_value=reduced["mean"]))
            array = arrays.get(name)
            if "histogram" in entry and array is not None:
                histogram = self._histogram(summary_pb2, array, reduced)
                if histogram is not None:
                    values.append(summary_pb2.Summary.Value(tag=name, histo=histogram))
        if not values:
            return
        event = event_pb2.Event(wall_time=time.time(), step=global_step, summary=summary_pb2.Summary(value=values))
        writer = self._writer(mode)
        writer.add_event(event)
        writer.flush()  # a TensorBoard open beside a running job shows each step as it comes

    @staticmethod
    def _histogram(summary_pb2: Any, array: Any, reduced: dict[str, float]) -> Optional[Any]:
        counts, edges = reductions.histogram(array, reduced)
        if counts.size == 0:  # no finite value to draw
            return None
        finite = reduced["min"], reduced["max"]
        n = float(counts.sum())
        # TensorBoard keeps only right bin edges: an empty first bin carries the left edge
        return summary_pb2.HistogramProto(
            min=finite[0],
            max=finite[1],
            num=n,
            sum=reduced["mean"] * n,
            sum_squares=reduced["l2"] ** 2,
            bucket_limit=edges.tolist(),
            bucket=[0.0, *counts.tolist()],
        )

    def _writer(self, mode: ModeKeys) -> Any:
        if mode not in self._writers:
            event_file_writer = self._api[0]  # type: ignore[index]
            folder = os.path.join(self.folder, mode.name.lower())
            os.makedirs(folder, exist_ok=True)
            self._writers[mode] = event_file_writer(folder)
        return self._writers[mode]

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers = {}
