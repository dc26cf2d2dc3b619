"""One instance of a transform job: `python -m jupyter_smstudio.transform.worker PLAN.json FD`.

It loads the model once, as the Endpoints room's instances do (InferenceHandler, or PipelineHandler for a
pipeline model: SageMaker's model_fn / input_fn / predict_fn / output_fn and the default CSV, JSON and NPY
codecs), then answers its share of each input file, in order, into one part file per share, which the job
(container.py) joins in order into `<file>.out`. The model runs in this process, not behind HTTP: a batch
needs no server, and each record is answered exactly once by construction.

It tells the job how far it is through the pipe FD (`P <records done>`), and why it failed (`F {"reason"}`).
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import IO, Any, Iterator, NamedTuple, Optional

from ..endpoints.serving.handler import InferenceHandler
from ..endpoints.serving.pipeline import PipelineHandler
from . import records
from .filters import FilterError, JsonPath, parse

REPORT_SECONDS = 0.2
READ_BLOCK = 6 * 1024 * 1024  # a request's size where MaxPayloadInMB is 0 (no limit)


class Record(NamedTuple):  # a tuple: made once per line, where a dataclass would cost a second per million
    line: Optional[int]  # 1-based; None when the whole file is the record (SplitType None)
    raw: bytes


class RecordFailure(Exception):
    """A record the job cannot answer: the reason names the file and the line."""


def load_model() -> InferenceHandler | PipelineHandler:
    """The model as the Endpoints room's instance loads it (serving/__main__.py), from the same environment."""
    steps = os.environ.get("SMSTUDIO_PIPELINE")
    if steps:
        return PipelineHandler.from_json(steps)
    return InferenceHandler(
        os.environ.get("SM_MODEL_DIR", "/opt/ml/model"),
        os.environ.get("SAGEMAKER_SUBMIT_DIRECTORY"),
        os.environ.get("SAGEMAKER_PROGRAM"),
    )


class Instance:
    def __init__(self, plan: dict[str, Any], model: InferenceHandler | PipelineHandler, progress: IO[bytes]):
        self.plan = plan
        self.model = model
        self.progress = progress
        self.content_type: str = plan["content_type"]
        self.accept: str = plan["accept"]
        self.multi = plan["strategy"] == "MultiRecord"
        self.max_bytes: int = plan["max_payload_bytes"]
        self.line_end = b"\n" if plan["assemble"] == "Line" else b""
        self.input_filter: JsonPath = parse(plan["input_filter"])
        self.output_filter: JsonPath = parse(plan["output_filter"])
        self.join: bool = plan["join"]
        self.per_record = self.join or not self.output_filter.is_root
        # MultiRecord lines with no data processing go as the file holds them: a block of whole lines per
        # request, no record looked at unless the model refuses one
        self.whole_lines = self.multi and plan["split"] == "Line" and not self.per_record and self.input_filter.is_root
        self.done = 0
        self._reported = 0.0

    # -- the share of one file ----------------------------------------------------------------------------------
    def run(self, task: dict[str, Any]) -> None:
        self.name = task["name"]
        os.makedirs(os.path.dirname(task["part"]), exist_ok=True)
        with open(task["part"], "wb") as out:
            if self.whole_lines:
                for first_line, block in self._blocks(task):
                    self._answer_block(first_line, block, out)
                    self.done += block.count(b"\n") + (0 if block.endswith(b"\n") else 1)
                    self.report()
                return
            for batch in self._batches(_records(task, self.plan["split"] == "Line", self._count_blank)):
                self._answer(batch, out)
                self.done += len(batch)
                self.report()

    def _count_blank(self) -> None:
        self.done += 1

    def _batches(self, found: Iterator[Record]) -> Iterator[list[tuple[Record, bytes]]]:
        """Requests: one record each (SingleRecord), or as many as fit in MaxPayloadInMB (MultiRecord)."""
        batch: list[tuple[Record, bytes]] = []
        size = 0
        for record in found:
            payload = self._filtered(record)
            if self.max_bytes and len(payload) > self.max_bytes:
                raise self._failure(record, f"the record is {len(payload)} bytes, over MaxPayloadInMB")
            if batch and (not self.multi or (self.max_bytes and size + 1 + len(payload) > self.max_bytes)):
                yield batch
                batch, size = [], 0
            batch.append((record, payload))
            size += len(payload) + 1
        if batch:
            yield batch

    def _blocks(self, task: dict[str, Any]) -> Iterator[tuple[int, bytes]]:
        """(first line, block) of whole lines of the share, each at most MaxPayloadInMB."""
        limit = self.max_bytes or READ_BLOCK
        line, left, rest = task["first_line"], task["end"] - task["start"], b""
        with open(task["path"], "rb") as fh:
            fh.seek(task["start"])
            while left > 0 or rest:
                data = fh.read(min(limit - len(rest), left)) if left > 0 else b""
                left = left - len(data) if data else 0  # a file cut shorter since the job looked ends here
                buffer = rest + data
                cut = len(buffer) if left <= 0 else buffer.rfind(b"\n") + 1
                if cut == 0:  # one line longer than a request may be
                    raise self._failure(Record(line, b""), "the record is over MaxPayloadInMB")
                block, rest = buffer[:cut], buffer[cut:]
                yield line, block
                line += block.count(b"\n")

    def _answer_block(self, first_line: int, block: bytes, out: IO[bytes]) -> None:
        try:
            body, _ = self.model.invoke(block, self.content_type, self.accept)
        except Exception as err:  # now the block's records are looked at, to name the one refused
            lines = block.rstrip(b"\n").split(b"\n")
            batch = [(Record(first_line + i, r.rstrip(b"\r")), r.rstrip(b"\r")) for i, r in enumerate(lines)]
            asked = [b for b in batch if b[1].strip()]
            if not asked:
                refused = f"the model refused the request: {_message(err)}"
                raise self._failure(Record(first_line, b""), refused) from None
            raise self._refused(asked, err) from None
        out.write(body)
        if self.line_end and not body.endswith(b"\n"):
            out.write(self.line_end)

    def _filtered(self, record: Record) -> bytes:
        if self.input_filter.is_root:
            return record.raw
        try:
            value = self.input_filter.apply(records.read(record.raw, self.content_type))
            return records.write(value, self.content_type)
        except (records.RecordError, FilterError, UnicodeDecodeError) as err:
            raise self._failure(record, f"InputFilter: {err}") from None

    # -- asking the model ---------------------------------------------------------------------------------------
    def _answer(self, batch: list[tuple[Record, bytes]], out: IO[bytes]) -> None:
        try:
            body, media = self.model.invoke(b"\n".join(p for _, p in batch), self.content_type, self.accept)
        except Exception as err:  # the model refused the request: find the record it refused
            raise self._refused(batch, err) from None
        if not self.per_record:
            out.write(body)
            if self.line_end and not body.endswith(b"\n"):
                out.write(self.line_end)
            return
        try:
            answers = records.split(body, media, len(batch), self.multi)
        except records.RecordError as err:
            raise self._failure(batch[0][0], str(err), last=batch[-1][0]) from None
        for (record, _), answer in zip(batch, answers, strict=True):
            out.write(self._processed(record, answer, media) + self.line_end)

    def _processed(self, record: Record, answer: bytes, media: str) -> bytes:
        """The answer joined with its input record (JoinSource=Input) and filtered (OutputFilter)."""
        try:
            value = records.read(answer, media)
            written_as = media
            if self.join:
                value = records.join(records.read(record.raw, self.content_type), value, self.content_type)
                written_as = self.content_type
            return records.write(self.output_filter.apply(value), written_as)
        except (records.RecordError, FilterError, UnicodeDecodeError) as err:
            raise self._failure(record, f"OutputFilter/JoinSource: {err}") from None

    def _refused(self, batch: list[tuple[Record, bytes]], err: Exception) -> RecordFailure:
        """The first record the model refuses on its own (halving the batch: about twice its records asked),
        else the batch's first and last lines."""
        bad = self._first_refused(batch) if len(batch) > 1 else (batch[0][0], err)
        if bad is None:
            return self._failure(batch[0][0], f"the model refused the request: {_message(err)}", last=batch[-1][0])
        return self._failure(bad[0], _message(bad[1]))

    def _first_refused(self, batch: list[tuple[Record, bytes]]) -> Optional[tuple[Record, Exception]]:
        try:
            self.model.invoke(b"\n".join(p for _, p in batch), self.content_type, self.accept)
            return None
        except Exception as err:
            if len(batch) == 1:
                return batch[0][0], err
        half = len(batch) // 2
        return self._first_refused(batch[:half]) or self._first_refused(batch[half:])

    def _failure(self, record: Record, message: str, last: Optional[Record] = None) -> RecordFailure:
        where = self.name if record.line is None else f"{self.name}, line {record.line}"
        if last is not None and last.line is not None and last.line != record.line:
            where += f"-{last.line}"
        return RecordFailure(f"ClientError: {where}: {message}")

    # -- telling the job ----------------------------------------------------------------------------------------
    def report(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._reported >= REPORT_SECONDS:
            self._reported = now
            self.progress.write(f"P {self.done}\n".encode())
            self.progress.flush()


def _records(task: dict[str, Any], by_line: bool, blank: Any) -> Iterator[Record]:
    """The records of the share [start, end) of the file (whole lines: the job cut it at line ends)."""
    with open(task["path"], "rb") as fh:
        if not by_line:
            yield Record(None, fh.read())
            return
        fh.seek(task["start"])
        position, line = task["start"], task["first_line"]
        while position < task["end"]:
            raw = fh.readline()
            if not raw:
                break
            position += len(raw)
            record = raw.rstrip(b"\r\n")
            if record.strip():
                yield Record(line, record)
            else:  # a blank line is no record: nothing is asked or written for it
                blank()
            line += 1


def _message(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[-1] if text else type(err).__name__


def main() -> None:
    plan = json.loads(open(sys.argv[1], encoding="utf-8").read())
    progress = os.fdopen(int(sys.argv[2]), "wb", buffering=0)
    try:
        model = load_model()
    except Exception as err:  # model_fn raised: the job fails with its last line, the traceback in the log
        import traceback

        traceback.print_exc()
        _fail(progress, f"AlgorithmError: the model could not be loaded: {type(err).__name__}: {_message(err)}")
    instance = Instance(plan, model, progress)
    try:
        for task in plan["tasks"]:
            instance.run(task)
    except RecordFailure as err:
        print(f"smstudio transform: {err}", file=sys.stderr, flush=True)
        _fail(progress, str(err))
    instance.report(force=True)


def _fail(progress: IO[bytes], reason: str) -> None:
    progress.write(b"F " + json.dumps({"reason": reason}).encode() + b"\n")
    progress.flush()
    sys.exit(1)


if __name__ == "__main__":
    main()
