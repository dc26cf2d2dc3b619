"""What a model quality baselining job and a model quality execution run (container.py dispatches here).

A baseline reads a dataset of predictions and labels (CSV with or without a header, or JSON Lines; columns named by
the attributes, `_c0`, ... or an index when the CSV has no header). An execution merges the window's captured
inferences with the ground truth uploaded in SageMaker's merge format - JSON Lines under the ground truth URI in
`yyyy/mm/dd/hh/` folders, one record per inference:
`{"groundTruthData": {"data": "1", "encoding": "CSV"}, "eventMetadata": {"eventId": "<id>"}, "eventVersion": "0"}`
- by event id (the captured record's `inferenceId` when the request gave one, else its `eventId`). Labels arrive
after their inferences, so the ground truth is read from the window's first hour up to now.

A record that cannot be read (not JSON, no event id, a label of the wrong type) is a violation naming its file and
line, never a crashed execution; an execution where nothing merged fails as SageMaker words it ("no data").
"""

from __future__ import annotations

import csv
import io
import json
import math
import posixpath
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterator, Optional

import numpy as np

from . import quality
from .readers import NoData, dataset_chunks, hours

NO_DATA = "Job inputs had no data"
MAX_RECORD_VIOLATIONS = 100
_PATH_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class QualityFailure(Exception):
    """Why a model quality job fails (its FailureReason)."""


class BadValue(ValueError):
    """A prediction or a label that cannot be read as the problem type asks."""


@dataclass(frozen=True)
class Attributes:
    """Where the prediction is in a model's answer (or a baseline row), and what kind of problem it solves."""

    problem_type: str
    inference: Optional[str] = None
    probability: Optional[str] = None
    threshold: float = 0.5
    ground_truth: Optional[str] = None  # a baseline dataset's label column

    @classmethod
    def of(cls, config: dict[str, Any]) -> Attributes:
        threshold = config.get("probability_threshold")
        return cls(
            problem_type=config["problem_type"],
            inference=config.get("inference_attribute") or None,
            probability=config.get("probability_attribute") or None,
            threshold=0.5 if threshold is None else float(threshold),
            ground_truth=config.get("ground_truth_attribute") or None,
        )


# -- labels and predictions ---------------------------------------------------------------------------------------
def label(problem_type: str, value: Any) -> Any:
    """A label (a ground truth, or a predicted label) as the problem type reads it, or BadValue."""
    if isinstance(value, (list, dict)) or value is None:
        raise BadValue(f"{json.dumps(value)} is not a label")
    text = str(value).strip()
    if text.lower() in ("", "nan", "none", "null"):
        raise BadValue("a missing value is not a label")
    if problem_type == quality.REGRESSION:
        try:
            number = float(text)
        except ValueError:
            raise BadValue(f"'{text}' is not a number (Regression)") from None
        if not math.isfinite(number):
            raise BadValue(f"'{text}' is not a finite number (Regression)")
        return number
    if problem_type == quality.BINARY:
        found = {"1": 1, "1.0": 1, "true": 1, "0": 0, "0.0": 0, "false": 0}.get(text.lower())
        if found is None:
            raise BadValue(f"'{text}' is not a binary label (0 or 1)")
        return found
    try:  # a multiclass label is text; "2.0" and "2" are one class
        number = float(text)
        return str(int(number)) if number.is_integer() else text
    except ValueError:
        return text


def _step(body: Any, attribute: str) -> Any:
    """`attribute` of a JSON answer: a key, a dotted path (`predictions[0].score`) or, on a list, an index."""
    for key, index in _PATH_STEP.findall(attribute):
        if index:
            body = body[int(index)]
        elif isinstance(body, list) and key.isdigit():
            body = body[int(key)]
        elif isinstance(body, dict) and key in body:
            body = body[key]
        else:
            raise BadValue(f"the answer has no attribute '{attribute}'")
    return body


def _pick(answer: Any, attribute: Optional[str], csv_row: bool) -> Any:
    if csv_row:  # a CSV answer: its fields, by index (the first when no attribute is given)
        index = 0 if attribute is None else attribute.removeprefix("_c")
        if not str(index).isdigit():
            raise BadValue(f"a CSV answer has no attribute '{attribute}': give its column index")
        if int(index) >= len(answer):
            raise BadValue(f"the answer has {len(answer)} field(s); no index {index}")
        return answer[int(index)]
    if isinstance(answer, dict) and attribute in answer:  # a column of a baseline row, or a plain key
        return answer[attribute]
    if attribute is not None:
        try:
            return _step(answer, attribute)
        except (IndexError, KeyError, TypeError):
            raise BadValue(f"the answer has no attribute '{attribute}'") from None
    while isinstance(answer, list) and answer:  # [0.8] or [[0.8]]: the first record's first value
        answer = answer[0]
    if isinstance(answer, dict):
        raise BadValue("the answer is a JSON object: name the prediction with inference_attribute")
    return answer


def predicted(attrs: Attributes, answer: Any, csv_row: bool) -> tuple[Any, Optional[float]]:
    """(predicted label, predicted probability or None) read from one answer."""

    def probability(attribute: Optional[str]) -> float:
        value = _pick(answer, attribute, csv_row)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise BadValue(f"the probability '{value}' is not a number") from None

    if attrs.problem_type != quality.BINARY:
        return label(attrs.problem_type, _pick(answer, attrs.inference, csv_row)), None
    if attrs.probability is not None:
        p = probability(attrs.probability)
        guess = label(quality.BINARY, _pick(answer, attrs.inference, csv_row)) if attrs.inference else None
        return (int(p >= attrs.threshold) if guess is None else guess), p
    if attrs.inference is not None:
        return label(quality.BINARY, _pick(answer, attrs.inference, csv_row)), None
    value = probability(None)  # neither named: a 0/1 label, or a probability between them
    if value in (0.0, 1.0):  # a label (also a probability: the same AUC)
        return int(value), value
    if 0.0 <= value <= 1.0:
        return int(value >= attrs.threshold), value
    raise BadValue(f"'{value}' is neither a binary label nor a probability")


def _payload(payload: dict[str, Any]) -> tuple[Any, bool]:
    """A captured answer (or ground truth) as (its value, whether it is a CSV row)."""
    data, encoding = payload.get("data", ""), payload.get("encoding", "CSV")
    if encoding == "CSV":
        rows = [row for row in csv.reader(io.StringIO(str(data))) if row]
        if not rows:
            raise BadValue("the CSV payload is empty")
        return rows[0], True
    if encoding == "JSON":
        return json.loads(data), False
    raise BadValue(f"a {encoding} payload is not read")


# -- the arrays the metrics are computed on ----------------------------------------------------------------------
class Pairs:
    def __init__(self, problem_type: str):
        self.problem_type = problem_type
        self.truth: list[Any] = []
        self.guess: list[Any] = []
        self.probability: list[Optional[float]] = []

    def add(self, truth: Any, guess: Any, probability: Optional[float]) -> None:
        self.truth.append(truth)
        self.guess.append(guess)
        self.probability.append(probability)

    def statistics(self) -> dict[str, Any]:
        kind = object if self.problem_type == quality.MULTICLASS else float
        truth, guess = np.asarray(self.truth, dtype=kind), np.asarray(self.guess, dtype=kind)
        if self.problem_type == quality.BINARY:
            truth, guess = truth.astype(int), guess.astype(int)
        if self.problem_type == quality.MULTICLASS:
            truth, guess = truth.astype(str), guess.astype(str)
        have = all(p is not None for p in self.probability)
        probability = np.asarray(self.probability, dtype=float) if have and self.probability else None
        return quality.statistics(self.problem_type, truth, guess, probability)


# -- a baseline ---------------------------------------------------------------------------------------------------
def _column(frame: Any, attribute: str) -> Any:
    if attribute in frame.columns:
        return frame[attribute]
    index = attribute.removeprefix("_c")
    if index.isdigit() and int(index) < len(frame.columns):
        return frame.iloc[:, int(index)]
    raise QualityFailure(f"ClientError: the baseline dataset has no column '{attribute}'")


def baseline(job: Any) -> None:
    """statistics.json and the suggested constraints.json of a dataset of predictions and labels."""
    c = job.c
    attrs = Attributes.of(c["quality"])
    assert attrs.ground_truth is not None  # the service asks for it
    fs, path = job.fs(c["dataset_url"])
    files = sorted(fs.find(path)) if fs.isdir(path) else [path]
    pairs, row = Pairs(attrs.problem_type), 0
    for file in files:
        print(f"smstudio monitor: reading {file}", flush=True)
        with fs.open(file, "rb") as fh:
            for chunk in dataset_chunks(fh, c["format"]):
                truths = _column(chunk, attrs.ground_truth).tolist()
                named = [a for a in (attrs.inference, attrs.probability) if a]
                columns = {a: _column(chunk, a).tolist() for a in named}
                for i, truth in enumerate(truths):
                    row += 1
                    answer = {a: columns[a][i] for a in named}
                    try:
                        guess, probability = predicted(attrs, answer, csv_row=False)
                        pairs.add(label(attrs.problem_type, truth), guess, probability)
                    except BadValue as err:
                        raise QualityFailure(f"ClientError: {posixpath.basename(file)} row {row}: {err}") from None
    if not pairs.truth:
        raise QualityFailure(f"ClientError: {NO_DATA} (the baseline dataset {c['dataset_url']} has no rows)")
    stats = pairs.statistics()
    job.write_json("statistics.json", stats)
    job.write_json("constraints.json", quality.suggest(attrs.problem_type, stats))
    print(f"smstudio monitor: {row} row(s); {attrs.problem_type} metrics written", flush=True)


# -- an execution -------------------------------------------------------------------------------------------------
def _when(text: Any) -> Optional[datetime]:
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00")).astimezone(timezone.utc)
    except ValueError:
        return None


def _lines(fs: Any, files: list[str], root: str) -> Iterator[tuple[str, str]]:
    """(file:line, text) of every non-empty line of the files."""
    for file in files:
        with fs.open(file, "rb") as fh:
            for number, raw in enumerate(io.TextIOWrapper(fh, encoding="utf-8", errors="replace"), 1):
                if raw.strip():
                    yield f"{posixpath.relpath(file, root)}:{number}", raw


def _hour_files(fs: Any, roots: list[str], start: datetime, end: datetime) -> list[str]:
    found = []
    for root in roots:
        for hour in hours(start, end):
            folder = posixpath.join(root, hour)
            if fs.isdir(folder):
                found.extend(sorted(fs.find(folder)))
    return found


def ground_truth(job: Any, start: datetime, now: datetime, bad: list[str]) -> dict[str, tuple[Any, str]]:
    """{event id: (its ground truth, file:line)} uploaded from the window's first hour up to now."""
    fs, root = job.fs(job.c["ground_truth_url"])
    files = _hour_files(fs, [root], start, now + timedelta(hours=1))
    print(f"smstudio monitor: {len(files)} ground truth file(s)", flush=True)
    found: dict[str, tuple[Any, str]] = {}
    for where, raw in _lines(fs, files, root):
        try:
            record = json.loads(raw)
            event = (record.get("eventMetadata") or {}).get("eventId")
            data = record.get("groundTruthData")
        except (ValueError, AttributeError) as err:
            bad.append(f"Record {where}: not a ground truth record (JSON): {err}")
            continue
        if not event:
            bad.append(f"Record {where}: a ground truth record needs eventMetadata.eventId")
            continue
        if not isinstance(data, dict) or "data" not in data:
            bad.append(f"Record {where} (eventId {event}): a ground truth record needs groundTruthData.data")
            continue
        try:
            value, csv_row = _payload(data)
        except (BadValue, ValueError) as err:
            bad.append(f"Record {where} (eventId {event}): the ground truth cannot be read: {err}")
            continue
        found[str(event)] = (value[0] if csv_row else value, where)
    return found


def execution(job: Any) -> None:
    """The window's captured inferences merged with their ground truth, their metrics, checked against the
    baseline's constraints."""
    c = job.c
    attrs = Attributes.of(c["quality"])
    start, end, now = (datetime.fromisoformat(c[k]) for k in ("start", "end", "now"))
    constraints = job.read_json(c["constraints_url"], quality.check_constraints) if c.get("constraints_url") else None
    bad: list[str] = []
    truths = ground_truth(job, start, now, bad)
    fs, root = job.fs(c["capture_url"])
    variants = sorted(fs.ls(root, detail=False)) if fs.isdir(root) else []
    files = _hour_files(fs, variants, start, end)
    print(f"smstudio monitor: {len(files)} capture file(s) in {start.isoformat()} .. {end.isoformat()}", flush=True)
    pairs, captured, answered = Pairs(attrs.problem_type), 0, 0
    for where, raw in _lines(fs, files, root):
        try:
            record = json.loads(raw)
            meta = record.get("eventMetadata") or {}
            when = _when(meta.get("inferenceTime", ""))
        except (ValueError, AttributeError) as err:
            bad.append(f"Record {where}: not a capture record (JSON): {err}")
            continue
        if when is None or not start <= when < end:
            continue
        captured += 1
        answer = (record.get("captureData") or {}).get("endpointOutput")
        # labelled by the request's inferenceId when it gave one, else by the capture's eventId
        ids = [str(meta[k]) for k in ("inferenceId", "eventId") if meta.get(k) is not None]
        event = next((i for i in ids if i in truths), "")
        if not isinstance(answer, dict) or not event:
            continue
        answered += 1
        truth, truth_where = truths[event]
        try:
            guess, probability = predicted(attrs, *_payload(answer))
        except (BadValue, ValueError) as err:
            bad.append(f"Record {where} (eventId {event}): the prediction cannot be read: {err}")
            continue
        try:
            pairs.add(label(attrs.problem_type, truth), guess, probability)
        except BadValue as err:
            bad.append(f"Record {truth_where} (eventId {event}): the ground truth {err}")
    merged = len(pairs.truth)
    print(f"smstudio monitor: {captured} captured inference(s), {merged} merged with ground truth", flush=True)
    found = [
        {"metric_name": "", "constraint_check_type": "data_type_check", "description": text}
        for text in bad[:MAX_RECORD_VIOLATIONS]
    ]
    if not pairs.truth:
        if found:
            job.write_json("constraint_violations.json", {"violations": found})
            raise QualityFailure(f"{NO_DATA}: nothing merged; {len(bad)} record(s) unreadable, first: {bad[0]}")
        raise NoData(NO_DATA)
    stats = pairs.statistics()
    if constraints is not None:
        found = quality.violations(stats, constraints) + found
        job.write_json("constraints.json", constraints)
    job.write_json("statistics.json", stats)
    job.write_json("constraint_violations.json", {"violations": found})
    print(f"smstudio monitor: {len(pairs.truth)} pair(s), {len(found)} violation(s)", flush=True)


RUNS: dict[str, Callable[[Any], None]] = {"quality_baseline": baseline, "quality": execution}
