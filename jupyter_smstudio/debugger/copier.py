"""The copier: a thread of the training process that copies a saved step's weights and gradients into the
writer's ring and hands the step to the writer process, off the training thread.

Why a thread for a memcpy: a saved step's 4 MB of copies on the training thread cost the loop twice their
own time (measured on the bench's MLP: 0.7 ms of copies, then ~0.8 ms more as the step's own work runs
with its data pushed out of the core's cache by them), and the pipe write of the step's description waits
for the writer's reader thread to wake (0.2 ms, up to 4 ms on a loaded machine). torch's copy_ and the
pipe's write release the GIL, so on another core this thread's work costs the loop its few microseconds
of Python a job.

The hook says when the copies must be done (`wait`): a parameter's weights before backward has its
gradient (after which an optimizer may change them), the gradients before backward returns to the script
(after which it may clip them in place), or at the next step for a script that does not. Jobs run in the
order given, so a step's description, sent after its copies, reaches the writer process after its bytes are
in the ring.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any, Callable, Optional

import numpy as np

log = logging.getLogger(__name__)


class Copier:
    def __init__(self) -> None:
        self.failures = 0
        self._jobs: "queue.SimpleQueue[Optional[Callable[[], None]]]" = queue.SimpleQueue()
        self._queued = 0  # jobs given (the training thread's count)
        self._done = 0  # jobs finished (this thread's count): `wait` compares the two
        self._finished = threading.Condition()
        self._warned = False
        self._thread = threading.Thread(target=self._run, name="smdebug-copier", daemon=True)
        self._thread.start()

    def copy(self, targets: list[np.ndarray], tensors: list[Any]) -> int:
        """Copies the (CPU) tensors into their `targets` later, in one job; returns the ticket to `wait` for."""
        return self.then(_CopyInto(self, targets, tensors))

    def then(self, job: Callable[[], None]) -> int:
        """Runs `job` after the jobs given before it; returns its ticket."""
        self._queued += 1
        self._jobs.put(job)
        return self._queued

    def wait(self, ticket: Optional[int] = None) -> None:
        """Returns once the job of `ticket` (every job given, by default) is done."""
        ticket = self._queued if ticket is None else ticket
        if self._done >= ticket:  # the usual case: done long before it is needed, no lock taken
            return
        with self._finished:
            while self._done < ticket and self._thread.is_alive():
                self._finished.wait(0.5)

    def close(self) -> None:
        """Finishes every job given, then ends the thread."""
        self._jobs.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                job()
            except Exception:  # a debugger's failure must never stop the training: said, counted, went on
                self.failures += 1
                log.exception("the debugger's copier failed a job")
            with self._finished:
                self._done += 1
                self._finished.notify_all()

    def changed_while_copied(self, name: str) -> None:
        if not self._warned:
            self._warned = True
            log.warning(
                "the debugger saw a tensor (%s) change while it was copied (the script changed it in place before the"
                " hook could wait for its copy); its saved values may mix two steps",
                name,
            )


class _CopyInto:
    __slots__ = ("copier", "targets", "tensors", "versions")

    def __init__(self, copier: Copier, targets: list[np.ndarray], tensors: list[Any]):
        self.copier, self.targets, self.tensors = copier, targets, tensors
        # torch counts a tensor's in-place changes: one before its copy is done is seen
        self.versions = [t._version for t in tensors]

    def __call__(self) -> None:
        import torch

        targets = [torch.from_numpy(t) for t in self.targets]
        if hasattr(torch, "_foreach_copy_"):  # one call, the GIL released once for all of them
            torch._foreach_copy_(targets, self.tensors)  # casts a float16 / bfloat16 tensor to float32 on the way
        else:
            for target, tensor in zip(targets, self.tensors, strict=True):
                target.copy_(tensor)
        for tensor, version in zip(self.tensors, self.versions, strict=True):
            if tensor._version != version:
                self.copier.changed_while_copied(str(tuple(tensor.shape)))
