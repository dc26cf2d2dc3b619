"""Requests that reach an instance together are predicted together (dynamic batching, as Triton, TorchServe
and Ray Serve do it), with no waiting window: while one prediction runs, the requests that arrive queue, and
the next prediction takes all of them (up to `max_requests`) as the rows of one `predict`. A request alone is
predicted alone at once, so nothing waits for company. The predictions run in a thread (so /ping answers
meanwhile) until the model has shown it is quick, then on the event loop (INLINE_* below).

Why: a scikit-learn `predict` costs about 250 us here whatever the rows (validation, not arithmetic), so 16
one-row requests in flight cost 16 of those one after another; in one call they cost little more than one.

Only where it cannot change an answer: the container's default input_fn, predict_fn and output_fn (an entry
point's own functions may not be row by row) and a model that predicts row by row (a scikit-learn estimator,
pipelines and LightGBM / XGBoost's estimators included, or an XGBoost Booster). Requests are stacked only with
requests of the same column count and dtype; each is answered in its own Accept; when the stacked prediction
fails, each request is predicted alone, so only the one the model refuses gets the error.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import deque
from typing import Any, Optional, Union

import numpy as np
from starlette.concurrency import run_in_threadpool

from . import codecs
from .handler import ClientError, InferenceHandler, default_predict_fn

MAX_BATCH_REQUESTS = 64  # requests per prediction; SMSTUDIO_MAX_BATCH_REQUESTS=1 in the model's env turns it off
# A model that has predicted quickly INLINE_AFTER times in a row predicts on the event loop, not in a thread: for
# a 250 us prediction the hop to the thread and back costs a tenth more, and two threads taking turns with the GIL
# on a busy machine stretch the slowest answers. Only batches under INLINE_BYTES; one prediction that takes
# INLINE_SECONDS of CPU or more sends the model back to the thread (so /ping waits at most that long, once).
INLINE_SECONDS = 0.002
INLINE_AFTER = 20
INLINE_BYTES = 64 * 1024

Answer = tuple[bytes, str]
Outcome = Union[Answer, BaseException]
Request = tuple[bytes, str, str]  # body, content type, accept


def predicts_row_by_row(handler: InferenceHandler) -> bool:
    """Whether stacking requests' rows into one prediction gives each the answer it would get alone."""
    defaults = (
        handler.input_fn is codecs.decode
        and handler.predict_fn is default_predict_fn
        and handler.output_fn is codecs.encode
    )
    # by the classes' names: importing scikit-learn or XGBoost to ask would slow a PyTorch model's start
    kinds = {(c.__module__.split(".")[0], c.__name__) for c in type(handler.model).__mro__}
    return defaults and bool(kinds & {("sklearn", "BaseEstimator"), ("xgboost", "Booster")})


def batcher_for(handler: Any) -> Optional[Batcher]:
    """The instance's batcher, or None where its model must see each request alone."""
    size = int(os.environ.get("SMSTUDIO_MAX_BATCH_REQUESTS") or MAX_BATCH_REQUESTS)
    if size > 1 and isinstance(handler, InferenceHandler) and predicts_row_by_row(handler):
        return Batcher(handler, size)
    return None


class Batcher:
    """Lives on the instance's event loop (all its state is touched there only); one prediction at a time."""

    def __init__(self, handler: InferenceHandler, max_requests: int = MAX_BATCH_REQUESTS):
        self.handler = handler
        self.max_requests = max_requests
        self._waiting: deque[tuple[Request, asyncio.Future[Answer]]] = deque()
        self._task: Optional[asyncio.Task[None]] = None
        self.quick = 0  # predictions in a row that took under INLINE_SECONDS of CPU

    async def invoke(self, body: bytes, content_type: str, accept: str) -> Answer:
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._waiting.append(((body, content_type, accept), future))
        if self._task is None:
            self._task = asyncio.create_task(self._predict_waiting())
        return await future

    async def _predict_waiting(self) -> None:
        try:
            while self._waiting:
                taken = [self._waiting.popleft() for _ in range(min(len(self._waiting), self.max_requests))]
                try:
                    outcomes = await self._predict([r for r, _ in taken])
                except BaseException as err:  # predict_together answers each request; this is a bug or a stop
                    outcomes = [err] * len(taken)
                for (_, future), outcome in zip(taken, outcomes, strict=True):
                    if future.done():  # the caller went away
                        continue
                    if isinstance(outcome, BaseException):
                        future.set_exception(outcome)
                    else:
                        future.set_result(outcome)
        finally:
            self._task = None

    async def _predict(self, requests: list[Request]) -> list[Outcome]:
        if self.quick >= INLINE_AFTER and sum(len(body) for body, _, _ in requests) <= INLINE_BYTES:
            outcomes, cpu = _timed(self.handler, requests)
        else:
            outcomes, cpu = await run_in_threadpool(_timed, self.handler, requests)
        self.quick = self.quick + 1 if cpu < INLINE_SECONDS else 0
        return outcomes


def _timed(handler: InferenceHandler, requests: list[Request]) -> tuple[list[Outcome], float]:
    """predict_together, and the CPU it took (the thread's: a wait for the CPU or the GIL is not the model's)."""
    began = time.thread_time()
    outcomes = predict_together(handler, requests)
    return outcomes, time.thread_time() - began


def predict_together(handler: InferenceHandler, requests: list[Request]) -> list[Outcome]:
    """Each request's answer or ClientError, in order; stackable requests share one prediction."""
    outcomes: list[Optional[Outcome]] = [None] * len(requests)
    groups: dict[tuple[int, str], list[tuple[int, np.ndarray]]] = {}
    for i, (body, content_type, _) in enumerate(requests):
        try:
            data = handler.read(body, content_type)
        except ClientError as err:
            outcomes[i] = err
            continue
        if isinstance(data, np.ndarray) and data.ndim == 2 and data.dtype.kind in "biuf":
            groups.setdefault((data.shape[1], data.dtype.str), []).append((i, data))
        else:
            outcomes[i] = _alone(handler, data, requests[i][2])
    for members in groups.values():
        for i, outcome in _stacked(handler, members, requests):
            outcomes[i] = outcome
    return [o if o is not None else ClientError("no answer", 500) for o in outcomes]


def _stacked(
    handler: InferenceHandler, members: list[tuple[int, np.ndarray]], requests: list[Request]
) -> list[tuple[int, Outcome]]:
    if len(members) > 1:
        rows = np.vstack([data for _, data in members])
        try:
            prediction = np.asarray(handler.predict(rows))
        except ClientError:
            prediction = None  # one request's rows, or several: each is predicted alone to find which
        if prediction is not None and prediction.ndim >= 1 and len(prediction) == len(rows):
            cuts = np.cumsum([len(data) for _, data in members])[:-1]
            return [
                (i, _written(handler, part, requests[i][2]))
                for (i, _), part in zip(members, np.split(prediction, cuts), strict=True)
            ]
    return [(i, _alone(handler, data, requests[i][2])) for i, data in members]


def _alone(handler: InferenceHandler, data: Any, accept: str) -> Outcome:
    try:
        return handler.write(handler.predict(data), accept)
    except Exception as err:  # answered to its request alone, as the unbatched path would raise it
        return err


def _written(handler: InferenceHandler, prediction: Any, accept: str) -> Outcome:
    try:
        return handler.write(prediction, accept)
    except Exception as err:
        return err
