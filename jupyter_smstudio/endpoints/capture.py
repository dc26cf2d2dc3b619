"""Data capture: a sample of an endpoint's requests and answers, as SageMaker's Model Monitor reads them.

The request path only decides whether a request is sampled and enqueues it (`offer`); one writer thread per
service turns the queue into JSON Lines in SageMaker's capture record format and writes them in the owner's
storage under `<DestinationS3Uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/<mm-ss-mmm>-<id>.jsonl`, one file per
variant, hour and flush (a file is written whole, so S3 needs no appends). `close` writes whatever is queued
before it returns: a clean stop loses no record.
"""

from __future__ import annotations

import base64
import json
import logging
import queue
import random
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Optional

from ..core.errors import BadRequest, Forbidden
from ..core.storage import UserStorage, join_url
from .models import DataCapture
from .routing import Route

log = logging.getLogger(__name__)
FLUSH_EVERY = 1.0  # seconds a sampled record may wait in memory
BATCH = 1000  # records written at most per file
QUEUE_LIMIT = 100_000  # beyond this the writer is far behind: new samples are dropped, never the request
DESTINATION_FIELD = "DataCaptureConfig.DestinationS3Uri"


INFERENCE_ID_HEADER = "X-Amzn-SageMaker-Inference-Id"


def check_inference_id(inference_id: Optional[str]) -> None:
    """InvokeEndpoint's InferenceId as SageMaker takes it: 1 to 64 printable characters, not starting with a space."""
    if inference_id is None:
        return
    if not 1 <= len(inference_id) <= 64 or inference_id[0].isspace() or not inference_id.isprintable():
        raise BadRequest(
            "InferenceId is 1 to 64 printable characters and does not start with a space", field="InferenceId"
        )


def check_destination(storage: UserStorage, config: DataCapture) -> None:
    """CreateEndpointConfig: the destination must be writable by its owner (a 400 naming it otherwise)."""
    try:
        storage.resolve(config.DestinationS3Uri, DESTINATION_FIELD, write=True)
    except Forbidden as err:
        raise BadRequest(err.message, field=DESTINATION_FIELD) from err


@dataclass(frozen=True)
class _Sample:
    route: Route
    when: float  # epoch seconds
    request: bytes
    request_type: str
    answer: bytes
    answer_type: str
    inference_id: Optional[str] = None  # InvokeEndpoint's InferenceId: what ground truth is matched on


def _encoding(media: str, header: dict[str, Any]) -> str:
    """CSV or JSON (captured as text) by the config's content types (SageMaker's defaults when it names none)."""
    kind = media.split(";")[0].strip().lower()
    if kind in [t.lower() for t in header.get("CsvContentTypes") or ["text/csv"]]:
        return "CSV"
    if kind in [t.lower() for t in header.get("JsonContentTypes") or ["application/json"]]:
        return "JSON"
    return "BASE64"


def _payload(data: bytes, media: str, mode: str, header: dict[str, Any]) -> dict[str, str]:
    encoding = _encoding(media, header)
    text: Optional[str] = None
    if encoding != "BASE64":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "BASE64"  # declared as text but is not: kept byte for byte
    if text is None:
        text = base64.b64encode(data).decode("ascii")
    return {"observedContentType": media, "mode": mode, "data": text, "encoding": encoding}


def record(sample: _Sample) -> dict[str, Any]:
    """One line of a capture file, in SageMaker's format (eventVersion 0)."""
    config = sample.route.capture or {}
    modes = {o["CaptureMode"] for o in config.get("CaptureOptions", [])}
    header = config.get("CaptureContentTypeHeader") or {}
    data: dict[str, Any] = {}
    if modes & {"Input", "InputAndOutput"}:
        data["endpointInput"] = _payload(sample.request, sample.request_type, "INPUT", header)
    if modes & {"Output", "InputAndOutput"}:
        data["endpointOutput"] = _payload(sample.answer, sample.answer_type, "OUTPUT", header)
    when = datetime.fromtimestamp(sample.when, timezone.utc)
    metadata = {
        "eventId": str(uuid.uuid4()),
        "inferenceTime": when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z",
    }
    if sample.inference_id:
        metadata["inferenceId"] = sample.inference_id
    return {"captureData": data, "eventMetadata": metadata, "eventVersion": "0"}


class CaptureWriter:
    """The service's capture queue and its writer thread (started with the first sample)."""

    def __init__(self, storage_for: Callable[[str], UserStorage]):
        self.storage_for = storage_for
        self._queue: queue.Queue[Optional[_Sample]] = queue.Queue(maxsize=QUEUE_LIMIT)
        self._lock = threading.Lock()
        self._thread: Optional[threading.Thread] = None
        self.dropped = 0  # samples refused because the queue was full
        self.failed = 0  # records whose file could not be written (logged)

    def offer(
        self,
        route: Route,
        request: bytes,
        request_type: str,
        answer: bytes,
        answer_type: str,
        status: int,
        inference_id: Optional[str] = None,
    ) -> None:
        """On the request path: sample an answered request and enqueue it (nothing else)."""
        config = route.capture
        if not config or not config.get("EnableCapture", True) or not 200 <= status < 300:
            return
        if random.random() * 100 >= float(config.get("InitialSamplingPercentage", 0)):
            return
        self._ensure_thread()
        try:
            sample = _Sample(route, time.time(), request, request_type, answer, answer_type, inference_id)
            self._queue.put_nowait(sample)
        except queue.Full:
            self.dropped += 1

    def _ensure_thread(self) -> None:
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="smstudio-data-capture", daemon=True)
                    self._thread.start()

    def close(self, timeout: float = 60.0) -> None:
        """Write every queued record, then stop the writer (a clean stop loses none)."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout)

    def _run(self) -> None:
        batch: list[_Sample] = []
        deadline = time.monotonic() + FLUSH_EVERY
        while True:
            try:
                sample = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pass  # time to write what waits
            else:
                if sample is None:  # close(): everything queued before it is in `batch`
                    self._flush(batch)
                    return
                batch.append(sample)
            if len(batch) >= BATCH or time.monotonic() >= deadline:
                self._flush(batch)
                batch = []
                deadline = time.monotonic() + FLUSH_EVERY

    def _flush(self, batch: list[_Sample]) -> None:
        files: dict[tuple[str, str, str, str, str], list[dict[str, Any]]] = {}
        for sample in batch:
            route = sample.route
            hour = datetime.fromtimestamp(sample.when, timezone.utc).strftime("%Y/%m/%d/%H")
            key = (
                route.owner,
                str((route.capture or {})["DestinationS3Uri"]),
                route.endpoint_name,
                route.variant,
                hour,
            )
            files.setdefault(key, []).append(record(sample))
        for (owner, destination, endpoint, variant, hour), lines in files.items():
            now = datetime.now(timezone.utc)
            name = f"{now:%M-%S}-{now.microsecond // 1000:03d}-{uuid.uuid4().hex[:8]}.jsonl"
            try:
                storage = self.storage_for(owner)
                root = storage.resolve(destination, DESTINATION_FIELD, write=True).url
                url = join_url(root, endpoint, variant, hour, name)
                storage.write_bytes(url, "".join(json.dumps(line) + "\n" for line in lines).encode("utf-8"))
            except Exception:  # storage gone or refused: the requests were answered; the samples are lost, logged
                self.failed += len(lines)
                log.exception("smstudio: data capture of %s/%s could not be written", endpoint, variant)
