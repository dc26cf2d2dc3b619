"""smdebug's analysis API: `create_trial(path)` reads what a hook saved, by step, while the job runs.

A trial reads the index files of `store` (see its docstring for the layout) and reads from an events
file only the byte range of the full tensor or histogram asked for. Every question first picks up the steps written
since the last one, so a notebook or a rule beside a running job sees new steps without reopening.
"""

from __future__ import annotations

import io
import json
import re
import time
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Optional, Union

import numpy as np

from .collections import Collection
from .exceptions import NoMoreData, StepNotYetAvailable, StepUnavailable, TensorUnavailable, TensorUnavailableForStep
from .modes import ModeKeys, SaveConfig
from .reductions import ABS_OF, REDUCTIONS, histogram
from .store import END_MARKER, STEP_DIGITS, Storage, step_file

_INDEX_NAME = re.compile(rf"^(\d{{{STEP_DIGITS}}})_(.+)\.json$")


def _names(value: Union[None, str, Iterable[str]]) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class Trial:
    def __init__(self, path: str, name: Optional[str] = None, storage_options: Optional[dict[str, Any]] = None):
        self.path = path
        self.name = name or path.rstrip("/").rsplit("/", 1)[-1]
        self._storage = Storage(path, storage_options)
        self._seen: set[str] = set()
        # global step -> worker -> its index entry
        self._steps: dict[int, dict[str, dict[str, Any]]] = {}
        self._mode_steps: dict[ModeKeys, dict[int, int]] = {m: {} for m in ModeKeys}  # mode step -> global
        self._latest: dict[str, int] = {}  # worker -> latest global step it wrote
        self._ended = False
        self._frozen = 0
        self.refresh()

    # -- reading what is new ---------------------------------------------------------------------
    @contextmanager
    def no_refresh(self) -> Iterator[None]:
        """smdebug's no_refresh: answer from the steps read so far. Every question otherwise lists the job's files
        first (a request each on S3); a rule evaluating a step it knows is complete needs none."""
        self._frozen += 1
        try:
            yield
        finally:
            self._frozen -= 1

    def refresh(self) -> None:
        if self._frozen:
            return
        ended = self._ended or self._storage.exists(END_MARKER)  # looked at first: no step is missed after it
        for worker_file in self._storage.names("collections"):
            self._latest.setdefault(worker_file.rsplit(".", 1)[0], -1)
        for name in self._storage.names("index"):
            if name in self._seen or not (match := _INDEX_NAME.match(name)):
                continue
            entry = json.loads(self._storage.get(f"index/{name}"))
            self._seen.add(name)
            global_step, worker = int(match.group(1)), match.group(2)
            self._steps.setdefault(global_step, {})[worker] = entry
            self._mode_steps[ModeKeys[entry["mode"]]][entry["mode_step"]] = global_step
            self._mode_steps[ModeKeys.GLOBAL][global_step] = global_step
            self._latest[worker] = max(self._latest.get(worker, -1), global_step)
        self._ended = ended

    @property
    def loaded_all_steps(self) -> bool:
        """True once the job has ended and every step it wrote is read."""
        self.refresh()
        return self._ended

    def workers(self) -> list[str]:
        return sorted(self._latest)

    # -- steps and names -------------------------------------------------------------------------
    def steps(self, mode: Optional[ModeKeys] = None, show_incomplete_steps: bool = False) -> list[int]:
        """The saved steps: global steps, or the mode's own steps when a mode is given."""
        self.refresh()
        steps = self._mode_steps[mode or ModeKeys.GLOBAL]
        done = self._complete_through()
        return sorted(s for s, g in steps.items() if show_incomplete_steps or g <= done)

    def global_step(self, mode: ModeKeys, mode_step: int) -> int:
        if mode == ModeKeys.GLOBAL:
            return mode_step
        if mode_step not in self._mode_steps[mode]:
            self.refresh()
        found = self._mode_steps[mode].get(mode_step)
        if found is None:
            raise self._missing_step(mode_step, mode)
        return found

    def mode_of(self, global_step: int) -> tuple[ModeKeys, int]:
        entry = next(iter(self._entries(global_step, ModeKeys.GLOBAL).values()))
        return ModeKeys[entry["mode"]], int(entry["mode_step"])

    def tensor_names(
        self,
        collection: Union[None, str, Iterable[str]] = None,
        regex: Union[None, str, Iterable[str]] = None,
        mode: Optional[ModeKeys] = None,
        step: Optional[int] = None,
    ) -> list[str]:
        self.refresh()
        wanted_collections = set(_names(collection))
        patterns = [re.compile(p) for p in _names(regex)]
        globals_ = self._mode_steps[mode or ModeKeys.GLOBAL]
        chosen = (
            [globals_[step]] if step is not None and step in globals_ else [] if step is not None else globals_.values()
        )
        names: set[str] = set()
        for g in chosen:
            for entry in self._steps[g].values():
                for name, t in entry["tensors"].items():
                    if wanted_collections and not wanted_collections.intersection(t["collections"]):
                        continue
                    if patterns and not any(p.search(name) for p in patterns):
                        continue
                    names.add(name)
        return sorted(names)

    def tensor(self, name: str) -> "Tensor":
        if not self.has_tensor(name):
            raise TensorUnavailable(name)
        return Tensor(self, name)

    def has_tensor(self, name: str) -> bool:
        self.refresh()
        return any(name in e["tensors"] for workers in self._steps.values() for e in workers.values())

    def collections(self) -> dict[str, Collection]:
        found: dict[str, Collection] = {}
        for worker_file in self._storage.names("collections"):
            payload = json.loads(self._storage.get(f"collections/{worker_file}"))
            for c in payload.get("collections", []):
                known = found.get(c["name"])
                if known is None:
                    known = found[c["name"]] = Collection(
                        c["name"],
                        include_regex=tuple(c["include_regex"]),
                        save_config=SaveConfig(),
                        reductions=tuple(c["reductions"]),
                        save_raw_tensor=c["save_raw_tensor"],
                        save_histogram=c["save_histogram"],
                    )
                known.tensor_names.update(c["tensor_names"])
        for workers in self._steps.values():  # names saved under a collection the files did not list
            for entry in workers.values():
                for name, t in entry["tensors"].items():
                    for c in t["collections"]:
                        found.setdefault(c, Collection(c)).add_tensor_name(name)
        return found

    def wait_for_steps(
        self, required_steps: Iterable[int], mode: ModeKeys = ModeKeys.GLOBAL, timeout: Optional[float] = None
    ) -> None:
        """Returns once the job has saved or gone past each step; NoMoreData when it ended before one,
        StepNotYetAvailable when `timeout` seconds pass first."""
        required = sorted(set(required_steps))
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            self.refresh()
            waiting = [s for s in required if not self._has_passed(s, mode)]
            if not waiting:
                return
            if self._ended:
                raise NoMoreData(f"the job ended before step {waiting[0]} of mode {mode.name}")
            if deadline is not None and time.monotonic() >= deadline:
                raise StepNotYetAvailable(waiting[0], mode)
            time.sleep(0.1)

    # -- the values of one step ------------------------------------------------------------------
    def _complete_through(self) -> int:
        """The last global step every worker has written (steps after it may still get more workers)."""
        if not self._latest:
            return -1
        return max(self._latest.values()) if self._ended else min(self._latest.values())

    def _has_passed(self, step: int, mode: ModeKeys) -> bool:
        if step in self._mode_steps[mode]:
            return self._mode_steps[mode][step] <= self._complete_through()
        if mode == ModeKeys.GLOBAL:
            return step <= self._complete_through()
        later = [s for s, g in self._mode_steps[mode].items() if s > step and g <= self._complete_through()]
        return bool(later)

    def _missing_step(self, step: int, mode: ModeKeys) -> Exception:
        if self._ended or self._has_passed(step, mode):
            return StepUnavailable(step, mode)
        return StepNotYetAvailable(step, mode)

    def _entries(self, step: int, mode: ModeKeys) -> dict[str, dict[str, Any]]:
        global_step = self._mode_steps[mode].get(step)
        if global_step is None:  # a step read before needs no listing: values over many steps stay linear
            self.refresh()
            global_step = self._mode_steps[mode].get(step)
        if global_step is None:
            raise self._missing_step(step, mode)
        return self._steps[global_step]

    def _tensor_entry(self, name: str, step: int, mode: ModeKeys, worker: Optional[str]) -> tuple[str, dict[str, Any]]:
        entries = self._entries(step, mode)
        for w in [worker] if worker else sorted(entries):
            t = entries.get(w, {}).get("tensors", {}).get(name)
            if t is not None:
                return w, t
        raise TensorUnavailableForStep(name, step, mode)

    def _read(self, global_step: int, worker: str, span: list[int]) -> np.ndarray:
        """One .npy record of a step's events file: a ranged read, not the whole file."""
        data = self._storage.get_range(step_file("events", global_step, worker), span[0], span[1])
        array: np.ndarray = np.lib.format.read_array(io.BytesIO(data), allow_pickle=False)
        return array

    def value(self, name: str, step: int, mode: ModeKeys, worker: Optional[str]) -> np.ndarray:
        w, t = self._tensor_entry(name, step, mode, worker)
        if "raw" not in t:
            raise TensorUnavailableForStep(name, step, mode, has_reductions=True)
        return self._read(self._mode_steps[mode][step], w, t["raw"])

    def histogram(self, name: str, step: int, mode: ModeKeys, worker: Optional[str]) -> tuple[np.ndarray, np.ndarray]:
        w, t = self._tensor_entry(name, step, mode, worker)
        if "histogram" not in t:
            raise TensorUnavailableForStep(name, step, mode, has_reductions=True)
        global_step = self._mode_steps[mode][step]
        if t["histogram"] == "raw":  # binned here from the full tensor, as the writer would have
            return histogram(self._read(global_step, w, t["raw"]), t["reductions"])
        return self._read(global_step, w, t["histogram"]["counts"]), self._read(global_step, w, t["histogram"]["edges"])

    def reduction(
        self, name: str, step: int, reduction: str, mode: ModeKeys, worker: Optional[str], abs: bool
    ) -> float:
        key = reduction.strip().lower()
        if abs:
            key = ABS_OF.get(key, key)
        if key not in REDUCTIONS:
            raise ValueError(f"'reduction_name': unknown reduction {reduction!r}; one of {', '.join(REDUCTIONS)}")
        _, t = self._tensor_entry(name, step, mode, worker)
        return float(t["reductions"][key])


class Tensor:
    """One saved tensor across steps (smdebug's Tensor)."""

    def __init__(self, trial: Trial, name: str):
        self.trial = trial
        self.name = name

    def steps(self, mode: Optional[ModeKeys] = None, show_incomplete_steps: bool = False) -> list[int]:
        mode = mode or ModeKeys.GLOBAL
        saved = []
        for step in self.trial.steps(mode, show_incomplete_steps):
            workers = self.trial._steps[self.trial._mode_steps[mode][step]]
            if any(self.name in e["tensors"] for e in workers.values()):
                saved.append(step)
        return saved

    def value(self, step_num: int, mode: ModeKeys = ModeKeys.GLOBAL, worker: Optional[str] = None) -> np.ndarray:
        return self.trial.value(self.name, step_num, mode, worker)

    def values(self, mode: ModeKeys = ModeKeys.GLOBAL) -> dict[int, np.ndarray]:
        out = {}
        for step in self.steps(mode):
            try:
                out[step] = self.value(step, mode)
            except TensorUnavailableForStep:
                continue  # only reductions at that step
        return out

    def reduction_value(
        self,
        step_num: int,
        reduction_name: str,
        mode: ModeKeys = ModeKeys.GLOBAL,
        worker: Optional[str] = None,
        abs: bool = False,
    ) -> float:
        return self.trial.reduction(self.name, step_num, reduction_name, mode, worker, abs)

    def reduction_values(self, step_num: int, mode: ModeKeys = ModeKeys.GLOBAL) -> dict[str, float]:
        return {r: self.reduction_value(step_num, r, mode) for r in REDUCTIONS}

    def histogram(
        self, step_num: int, mode: ModeKeys = ModeKeys.GLOBAL, worker: Optional[str] = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(counts, bin edges) over the tensor's finite values at that step."""
        return self.trial.histogram(self.name, step_num, mode, worker)


def create_trial(path: str, name: Optional[str] = None) -> Trial:
    """A trial over what a hook wrote under `path` (a local folder, `file://` or `s3://` URL)."""
    return Trial(path, name=name)
