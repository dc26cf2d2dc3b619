"""What the Debugger tab reads of a training job's tensors: names, statistics over steps, histograms.

Everything but a histogram comes from the step index alone (store.py keeps the reductions in it), so a
plot over thousands of steps never opens an events file. One pass over the index answers a question:
the per-tensor helpers below walk the trial's complete steps once rather than asking the analysis API
step by step (which would list the index folder per call).
"""

from __future__ import annotations

import math
import re
import threading
import weakref
from collections import OrderedDict
from typing import Any, Callable, Hashable, Iterable, NamedTuple, Optional, TypeVar, cast

import numpy as np

from ..core.auth import Viewer
from ..core.errors import BadRequest, NotFound
from .collections import CollectionKeys
from .exceptions import StepNotYetAvailable, StepUnavailable, TensorUnavailableForStep
from .modes import ModeKeys, mode_by_name
from .reductions import DEFAULT_REDUCTIONS, check_reductions, histogram
from .trial import Trial
from .view_models import (
    CollectionSummary,
    DebuggerLosses,
    DebuggerTensors,
    GradientHeatmap,
    LossSeries,
    ModeName,
    ModeSteps,
    TensorHistogram,
    TensorStatistics,
    TensorSummary,
)

# a plot line has no use for more points than a screen has pixels
MAX_POINTS = 2000
MAX_HEATMAP_STEPS = 500
POINT_LIMITS = (10, 10_000)
SUMMARY_REDUCTIONS = (*DEFAULT_REDUCTIONS, "nan_count", "inf_count")
# how a run of steps thinned into one point keeps each reduction: a spike must survive the thinning
KEEP_LOWEST = frozenset({"min", "abs_min"})
KEEP_HIGHEST = frozenset({"max", "abs_max", "nan_count", "inf_count"})
T = TypeVar("T")


class Point(NamedTuple):
    """One tensor at one saved step: its index entry (collections, reductions, where the full value is). A
    tuple: a long job's tab makes one per tensor and step at each request, and a tuple is the cheapest."""

    step: int
    mode: ModeKeys
    mode_step: int
    worker: str
    entry: dict[str, Any]


def finite(value: Any) -> Optional[float]:
    number = float(value)
    return number if math.isfinite(number) else None


def non_finite(entry: dict[str, Any]) -> bool:
    reduced = entry.get("reductions", {})
    return bool(reduced.get("nan_count") or reduced.get("inf_count"))


def has_value(entry: dict[str, Any]) -> bool:
    return "raw" in entry or "histogram" in entry


def complete_steps(trial: Trial) -> Iterable[tuple[int, dict[str, dict[str, Any]]]]:
    """The job's complete steps in order, with each worker's index entry. `steps()` refreshes the trial
    once and leaves out a step some worker has not written yet."""
    for step in trial.steps():
        yield step, trial._steps[step]


def points_by_tensor(trial: Trial, wanted: Optional[Callable[[str], bool]] = None) -> dict[str, list[Point]]:
    """Every saved step of each tensor (the first worker that saved it: the analysis API's choice)."""
    found: dict[str, list[Point]] = {}
    for step, workers in complete_steps(trial):
        for worker in sorted(workers):
            index = workers[worker]
            mode = ModeKeys[index["mode"]]
            for name, entry in index["tensors"].items():
                if wanted is not None and not wanted(name):
                    continue
                series = found.setdefault(name, [])
                if not series or series[-1].step != step:
                    series.append(Point(step, mode, int(index["mode_step"]), worker, entry))
    return found


def mode_steps(points: Iterable[tuple[ModeKeys, int]]) -> list[ModeSteps]:
    seen: dict[ModeKeys, list[int]] = {}
    for mode, step in points:
        seen.setdefault(mode, []).append(step)
    return [
        ModeSteps(Mode=cast(ModeName, m.name), StepCount=len(s), FirstStep=min(s), LastStep=max(s))
        for m, s in sorted(seen.items(), key=lambda item: item[0].value)
    ]


def runs(count: int, most: int) -> list[range]:
    """`count` items cut into at most `most` consecutive runs of (nearly) equal length."""
    if count <= most:
        return [range(i, i + 1) for i in range(count)]
    bounds = np.linspace(0, count, most + 1).round().astype(int)
    return [range(int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:], strict=True) if b > a]


def thin(items: list[T], most: int) -> list[T]:
    """At most `most` of `items`, evenly spread, the last always kept."""
    return [items[r[-1]] for r in runs(len(items), most)]


def combine(reduction: str, values: list[Optional[float]]) -> Optional[float]:
    kept = [v for v in values if v is not None]
    if not kept:
        return None
    if reduction in KEEP_LOWEST:
        return min(kept)
    if reduction in KEEP_HIGHEST:
        return max(kept)
    return sum(kept) / len(kept)


def reduced(entry: dict[str, Any], reduction: str) -> Optional[float]:
    value = entry.get("reductions", {}).get(reduction)
    return None if value is None else finite(value)


def check_points(value: int, field: str) -> int:
    low, high = POINT_LIMITS
    if not low <= value <= high:
        raise BadRequest(f"'{field}': between {low} and {high}, not {value}", field=field)
    return value


def check_regex(regex: Optional[str]) -> Optional[re.Pattern[str]]:
    if not regex:
        return None
    try:
        return re.compile(regex)
    except re.error as err:
        raise BadRequest(f"'regex': {regex!r} is not a regular expression: {err}", field="regex") from None


def reduction_names(text: Optional[str], default: tuple[str, ...]) -> tuple[str, ...]:
    names = [n for n in (text or "").split(",") if n.strip()]
    return check_reductions(names, "reductions") if names else default


def natural_key(name: str) -> list[Any]:
    """fc2 before fc10: layers in the order a model numbers them."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


class OpenTrials:
    """The trials the tab reads, kept open between its requests: opening one reads every index file of the
    job (2.3 s for 5,000 steps of 13 tensors here), a kept one reads only the steps written since (its
    refresh), which is what a tab polling a running job needs. The least recently read go first.

    A trial's refresh changes the dicts a view walks, so one request at a time reads a trial (`lock`)."""

    def __init__(self, most: int = 16):
        self.most = most
        self._lock = threading.Lock()
        self._open: OrderedDict[Hashable, Trial] = OrderedDict()
        self._locks: weakref.WeakKeyDictionary[Trial, threading.Lock] = weakref.WeakKeyDictionary()

    def get(self, key: Hashable, open_trial: Callable[[], Trial]) -> Trial:
        with self._lock:
            if key in self._open:
                self._open.move_to_end(key)
                return self._open[key]
        trial = open_trial()  # outside the lock: one job's slow first read never holds up the others
        with self._lock:
            trial = self._open.setdefault(key, trial)
            self._open.move_to_end(key)
            while len(self._open) > self.most:
                self._open.popitem(last=False)
            return trial

    def lock(self, trial: Trial) -> threading.Lock:
        with self._lock:
            return self._locks.setdefault(trial, threading.Lock())


class TensorViews:
    """Mixed into the room's service, which says where a training job's tensors are (`trial_of`, after
    checking that the viewer may see the job; `shared_trial` keeps the trial open for the next request)."""

    _trials: Optional[OpenTrials] = None
    _trials_made = threading.Lock()

    def trial_of(self, viewer: Viewer, training_job_name: str) -> Trial:
        raise NotImplementedError

    def shared_trial(self, key: Hashable, open_trial: Callable[[], Trial]) -> Trial:
        """The open trial of `key` (owner, job, URL), opened by `open_trial` the first time."""
        return self._open_trials().get(key, open_trial)

    def _open_trials(self) -> OpenTrials:
        with self._trials_made:
            if self._trials is None:
                self._trials = OpenTrials()
            return self._trials

    def _points(
        self, viewer: Viewer, training_job_name: str, wanted: Optional[Callable[[str], bool]] = None
    ) -> tuple[Trial, dict[str, list[Point]]]:
        """The job's trial and its tensors' saved steps, read while no other request refreshes it (the
        index entries themselves never change once read)."""
        trial = self.trial_of(viewer, training_job_name)
        with self._open_trials().lock(trial):
            return trial, points_by_tensor(trial, wanted)

    # -- the tensor picker -----------------------------------------------------------------------
    def list_debugger_tensors(
        self,
        viewer: Viewer,
        training_job_name: str,
        collection: Optional[str] = None,
        regex: Optional[str] = None,
    ) -> DebuggerTensors:
        """The saved tensors with their collections, steps per mode, latest reductions and NaN/inf count."""
        pattern = check_regex(regex)
        trial, everything = self._points(viewer, training_job_name)
        collections_of = {
            name: {c for p in series for c in p.entry["collections"]} for name, series in everything.items()
        }
        in_collection: dict[str, int] = {}
        for names in collections_of.values():
            for name in names:
                in_collection[name] = in_collection.get(name, 0) + 1
        chosen = {
            name: series
            for name, series in everything.items()
            if (not collection or collection in collections_of[name]) and (pattern is None or pattern.search(name))
        }
        all_steps = {(p.step, p.mode, p.mode_step) for series in everything.values() for p in series}
        return DebuggerTensors(
            TrainingJobName=training_job_name,
            Collections=[CollectionSummary(CollectionName=c, TensorCount=n) for c, n in sorted(in_collection.items())],
            Modes=mode_steps((m, s) for _, m, s in all_steps),
            TrainingEnded=trial._ended,  # as of the steps just read (loaded_all_steps would read again)
            Tensors=[
                self._summary(name, chosen[name], collections_of[name]) for name in sorted(chosen, key=natural_key)
            ],
            Warning=None if chosen else self._nothing_found(everything, in_collection, collection, regex),
        )

    @staticmethod
    def _summary(name: str, series: list[Point], collections: set[str]) -> TensorSummary:
        last = series[-1]
        value_steps = [p.step for p in series if has_value(p.entry)]
        return TensorSummary(
            TensorName=name,
            Collections=sorted(collections),
            Shape=list(last.entry.get("shape", [])),
            DType=last.entry.get("dtype"),
            Modes=mode_steps((p.mode, p.mode_step) for p in series),
            StepCount=len(series),
            LatestStep=last.step,
            Latest={r: reduced(last.entry, r) for r in SUMMARY_REDUCTIONS},
            NonFiniteStepCount=sum(1 for p in series if non_finite(p.entry)),
            ValueSteps=thin(value_steps, MAX_POINTS),
        )

    @staticmethod
    def _nothing_found(
        everything: dict[str, list[Point]],
        in_collection: dict[str, int],
        collection: Optional[str],
        regex: Optional[str],
    ) -> str:
        if not everything:
            return "The job has saved no tensors yet."
        if collection and collection not in in_collection:
            known = ", ".join(sorted(in_collection))
            return f"No tensor is in the collection '{collection}'. The job saved these collections: {known}."
        where = f" in the collection '{collection}'" if collection else ""
        return f"The regex '{regex}' matches none of the {len(everything)} tensors{where}."

    # -- one tensor over steps ---------------------------------------------------------------------
    def describe_tensor_statistics(
        self,
        viewer: Viewer,
        training_job_name: str,
        tensor_name: str,
        reductions: Optional[str] = None,
        mode: Optional[str] = None,
        max_points: int = MAX_POINTS,
    ) -> TensorStatistics:
        """A tensor's reductions at each saved step, thinned to `max_points` (see TensorStatistics)."""
        names = reduction_names(reductions, SUMMARY_REDUCTIONS)
        check_points(max_points, "max_points")
        _, points = self._points(viewer, training_job_name, lambda n: n == tensor_name)
        series = self._series(points, tensor_name, mode)
        groups = runs(len(series), max_points)
        return TensorStatistics(
            TrainingJobName=training_job_name,
            TensorName=tensor_name,
            Steps=[series[g[-1]].step for g in groups],
            Modes=[cast(ModeName, series[g[-1]].mode.name) for g in groups],
            ModeSteps=[series[g[-1]].mode_step for g in groups],
            Values={r: [combine(r, [reduced(series[i].entry, r) for i in g]) for g in groups] for r in names},
            StepCount=len(series),
            Downsampled=len(groups) < len(series),
        )

    @staticmethod
    def _series(points: dict[str, list[Point]], tensor_name: str, mode: Optional[str]) -> list[Point]:
        chosen = None if mode is None else mode_by_name(mode)
        series = points.get(tensor_name)
        if not series:
            raise NotFound(f"'tensor_name': the job saved no tensor named {tensor_name!r}", field="tensor_name")
        if chosen is None or chosen == ModeKeys.GLOBAL:
            return series
        return [p for p in series if p.mode == chosen]

    # -- one tensor at one step ----------------------------------------------------------------------
    def describe_tensor_histogram(
        self,
        viewer: Viewer,
        training_job_name: str,
        tensor_name: str,
        step: Optional[int] = None,
        mode: Optional[str] = None,
    ) -> TensorHistogram:
        """The histogram saved at a step (a global step, or the mode's own step when `mode` is given), or
        one binned from the full value; the latest step that has either when `step` is absent."""
        trial, points = self._points(viewer, training_job_name, lambda n: n == tensor_name)
        series = self._series(points, tensor_name, mode)
        with_value = [p for p in series if has_value(p.entry)]
        if not with_value:
            raise NotFound(
                f"'step': the job saved only reductions of {tensor_name!r}, no full value nor histogram "
                "(a collection's save_histogram or save_raw_tensor parameter keeps them)",
                field="step",
            )
        point = with_value[-1] if step is None else self._point_at(series, with_value, step, mode)
        entry = point.entry
        with self._open_trials().lock(trial):
            try:
                if "histogram" in entry:
                    counts, edges = trial.histogram(tensor_name, point.step, ModeKeys.GLOBAL, point.worker)
                    source = "histogram"
                else:
                    value = trial.value(tensor_name, point.step, ModeKeys.GLOBAL, point.worker)
                    counts, edges = histogram(value, entry["reductions"])
                    source = "value"
            except (StepUnavailable, StepNotYetAvailable, TensorUnavailableForStep) as err:
                raise NotFound(f"'step': {err}", field="step") from None
        return TensorHistogram(
            TrainingJobName=training_job_name,
            TensorName=tensor_name,
            Step=point.step,
            Mode=cast(ModeName, point.mode.name),
            ModeStep=point.mode_step,
            Counts=[int(c) for c in counts],
            Edges=[float(e) for e in edges],
            NanCount=int(entry["reductions"].get("nan_count") or 0),
            InfCount=int(entry["reductions"].get("inf_count") or 0),
            Source=source,
        )

    @staticmethod
    def _point_at(series: list[Point], with_value: list[Point], step: int, mode: Optional[str]) -> Point:
        own = mode is not None and mode_by_name(mode) != ModeKeys.GLOBAL
        found = next((p for p in series if (p.mode_step if own else p.step) == step), None)
        nearby = ", ".join(str(p.mode_step if own else p.step) for p in thin(with_value, 10))
        if found is None:
            raise NotFound(
                f"'step': the tensor was not saved at step {step}; steps with a histogram: {nearby}", field="step"
            )
        if not has_value(found.entry):
            raise NotFound(
                f"'step': only the reductions were saved at step {step}; steps with a histogram: {nearby}",
                field="step",
            )
        return found

    # -- the losses --------------------------------------------------------------------------------
    def describe_debugger_losses(
        self, viewer: Viewer, training_job_name: str, max_points: int = MAX_POINTS
    ) -> DebuggerLosses:
        """Each tensor of the losses collection as one line per mode: training vs validation loss."""
        check_points(max_points, "max_points")
        _, points = self._points(viewer, training_job_name)
        lines: list[LossSeries] = []
        for name, series in sorted(points.items()):
            if not any(CollectionKeys.LOSSES in p.entry["collections"] for p in series):
                continue
            for mode in sorted({p.mode for p in series}, key=lambda m: m.value):
                own = [p for p in series if p.mode == mode]
                groups = runs(len(own), max_points)
                lines.append(
                    LossSeries(
                        TensorName=name,
                        Mode=cast(ModeName, mode.name),
                        Steps=[own[g[-1]].step for g in groups],
                        ModeSteps=[own[g[-1]].mode_step for g in groups],
                        Values=[combine("mean", [reduced(own[i].entry, "mean") for i in g]) for g in groups],
                        Downsampled=len(groups) < len(own),
                    )
                )
        return DebuggerLosses(TrainingJobName=training_job_name, Series=lines)

    # -- the gradients -------------------------------------------------------------------------------
    def describe_gradient_heatmap(
        self,
        viewer: Viewer,
        training_job_name: str,
        reduction: str = "l2",
        regex: Optional[str] = None,
        mode: Optional[str] = None,
        max_steps: int = MAX_HEATMAP_STEPS,
    ) -> GradientHeatmap:
        """Layers x steps of one reduction of each gradient (the l2 norm by default: a vanishing gradient is
        a row fading to zero, an exploding one a column lighting up)."""
        (name,) = check_reductions([reduction], "reduction")
        pattern = check_regex(regex)
        chosen = None if mode is None else mode_by_name(mode)
        check_points(max_steps, "max_steps")
        _, points = self._points(viewer, training_job_name)
        gradients = {
            tensor: [p for p in series if chosen in (None, ModeKeys.GLOBAL, p.mode)]
            for tensor, series in points.items()
            if any(CollectionKeys.GRADIENTS in p.entry["collections"] for p in series) or tensor.startswith("gradient/")
        }
        layers = sorted(
            (t for t, s in gradients.items() if s and (pattern is None or pattern.search(t))), key=natural_key
        )
        steps = sorted({p.step for t in layers for p in gradients[t]})
        groups = runs(len(steps), max_steps)
        cells: list[list[Optional[float]]] = []
        for tensor in layers:
            at = {p.step: reduced(p.entry, name) for p in gradients[tensor]}
            cells.append([combine(name, [at.get(steps[i]) for i in g]) for g in groups])
        warning = None
        if not layers:
            warning = (
                f"The regex '{regex}' matches none of the {len(gradients)} gradients."
                if gradients and pattern is not None
                else "The job saved no gradients: add the 'gradients' collection to the DebuggerHookConfig."
            )
        return GradientHeatmap(
            TrainingJobName=training_job_name,
            Reduction=name,
            TensorNames=layers,
            Steps=[steps[g[-1]] for g in groups],
            Values=cells,
            StepCount=len(steps),
            Downsampled=len(groups) < len(steps),
            Warning=warning,
        )
