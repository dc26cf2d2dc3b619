"""Requests predicted together (endpoints/serving/batching.py) with a real scikit-learn model: each request gets
the answer it would get alone, in its own Accept; one the model refuses fails alone; concurrent requests share a
prediction; entry points with their own functions are never batched. Then a real instance process under
concurrent requests, each with different rows."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import joblib
import numpy as np
import pytest
import requests
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from jupyter_smstudio.endpoints.serving.batching import (
    INLINE_AFTER,
    INLINE_BYTES,
    INLINE_SECONDS,
    Batcher,
    batcher_for,
    predict_together,
)
from jupyter_smstudio.endpoints.serving.handler import ClientError, InferenceHandler
from jupyter_smstudio.endpoints.serving.pipeline import PipelineHandler
from tests.conftest import write_script
from tests.test_endpoint_serving import _serve

X, Y = load_iris(return_X_y=True)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("model")
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)).fit(X, Y)
    joblib.dump(model, folder / "model.joblib")
    return folder


class Counting(InferenceHandler):
    """The real handler, counting its predictions."""

    predictions = 0

    def predict(self, data):
        self.predictions += 1
        return super().predict(data)


def _csv(rows: np.ndarray) -> bytes:
    return "\n".join(",".join(repr(float(v)) for v in row) for row in rows).encode()


def _requests() -> list[tuple[bytes, str, str]]:
    return [
        (_csv(X[0:1]), "text/csv", "text/csv"),
        (_csv(X[50:53]), "text/csv", "application/json"),
        (json.dumps(X[100:102].tolist()).encode(), "application/json", "application/json"),
        (_csv(X[120:121]), "text/csv", "application/x-npy"),
    ]


def test_stacked_requests_get_the_answers_they_would_get_alone(model_dir):
    handler = Counting(str(model_dir))
    batch = _requests()
    outcomes = predict_together(handler, batch)
    assert handler.predictions == 1  # four requests of four columns: one prediction
    alone = [InferenceHandler(str(model_dir)).invoke(*r) for r in batch]
    assert outcomes == alone
    assert json.loads(outcomes[1][0]) == [1, 1, 1] and outcomes[1][1] == "application/json"
    assert outcomes[0] == (b"0\n", "text/csv")


def test_a_request_the_model_refuses_fails_alone(model_dir):
    handler = Counting(str(model_dir))
    nan_row = X[0:1].copy()
    nan_row[0, 2] = np.nan
    batch = [
        *_requests(),
        (_csv(nan_row), "text/csv", "text/csv"),  # stacked with the others: the stacked prediction fails
        (b"1,2,3", "text/csv", "text/csv"),  # three columns: predicted alone, and refused
        (b"not,a,number,here", "text/csv", "text/csv"),  # unreadable
        (_csv(X[0:1]), "text/csv", "text/html"),  # an Accept the default output_fn does not write
    ]
    outcomes = predict_together(handler, batch)
    assert outcomes[:4] == [InferenceHandler(str(model_dir)).invoke(*r) for r in _requests()]
    for refused, status, words in zip(
        outcomes[4:], [400, 400, 400, 406], ["NaN", "features", "could not read", "not supported"], strict=True
    ):
        assert isinstance(refused, ClientError) and refused.status == status and words in str(refused), refused
    with pytest.raises(ClientError) as alone:
        InferenceHandler(str(model_dir)).invoke(*batch[4])
    assert str(outcomes[4]) == str(alone.value)


def test_concurrent_requests_share_a_prediction(model_dir):
    handler = Counting(str(model_dir))
    batcher = Batcher(handler)
    bodies = [_csv(X[i : i + 1]) for i in range(0, 150, 5)]

    async def invoke_all():
        return await asyncio.gather(*(batcher.invoke(b, "text/csv", "text/csv") for b in bodies))

    answers = asyncio.run(invoke_all())
    assert [int(a[0]) for a in answers] == [int(v) for v in handler.model.predict(X[0:150:5])]
    assert handler.predictions < len(bodies) / 4, handler.predictions


class Watched(InferenceHandler):
    """The real handler, noting the thread of each prediction; `slow` makes one burn CPU past INLINE_SECONDS."""

    slow = False

    def predict(self, data):
        self.threads.append(threading.get_ident())
        began = time.thread_time()
        while self.slow and time.thread_time() - began < INLINE_SECONDS * 2:
            pass
        return super().predict(data)


def test_a_quick_model_predicts_on_the_event_loop_until_one_prediction_is_slow(model_dir):
    handler = Watched(str(model_dir))
    handler.threads = []
    batcher = Batcher(handler)
    row = _csv(X[:1])

    async def scenario():
        loop_thread = threading.get_ident()
        for _ in range(INLINE_AFTER):
            await batcher.invoke(row, "text/csv", "text/csv")
        assert loop_thread not in handler.threads  # in the thread until it has proven quick
        handler.threads.clear()
        await batcher.invoke(row, "text/csv", "text/csv")
        assert handler.threads == [loop_thread]
        handler.slow = True
        assert await batcher.invoke(row, "text/csv", "text/csv") == (b"0\n", "text/csv")
        handler.slow = False
        handler.threads.clear()
        await batcher.invoke(row, "text/csv", "text/csv")
        assert handler.threads[0] != loop_thread and batcher.quick == 1  # back in the thread
        batcher.quick = INLINE_AFTER
        big = _csv(np.tile(X, (30, 1)))
        assert len(big) > INLINE_BYTES
        handler.threads.clear()
        await batcher.invoke(big, "text/csv", "text/csv")
        assert handler.threads[0] != loop_thread  # a large payload is never predicted on the loop

    asyncio.run(scenario())


def test_only_models_that_predict_row_by_row_are_batched(model_dir, tmp_path, monkeypatch):
    assert isinstance(batcher_for(InferenceHandler(str(model_dir))), Batcher)
    code = tmp_path / "code"
    write_script(code, "own.py", "def predict_fn(data, model):\n    return model.predict(data) * 10\n")
    assert batcher_for(InferenceHandler(str(model_dir), str(code), "own.py")) is None
    write_script(code, "other.py", "def model_fn(model_dir):\n    return {'weights': [1, 2]}\n")
    assert batcher_for(InferenceHandler(str(model_dir), str(code), "other.py")) is None
    assert batcher_for(PipelineHandler([{"model_dir": str(model_dir)}])) is None
    monkeypatch.setenv("SMSTUDIO_MAX_BATCH_REQUESTS", "1")
    assert batcher_for(InferenceHandler(str(model_dir))) is None


def test_an_instance_answers_each_of_many_concurrent_requests_with_its_own_rows(tmp_path, model_dir):
    proc, url = _serve(tmp_path, model_dir)
    try:
        assert url

        def ask(i: int) -> list[int]:
            rows = X[i : i + 1 + i % 3]
            answer = requests.post(
                f"{url}/invocations",
                data=_csv(rows),
                headers={"Content-Type": "text/csv", "Accept": "application/json"},
            )
            assert answer.status_code == 200, answer.text
            return answer.json()

        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(ask, range(150)))
        model = joblib.load(model_dir / "model.joblib")
        assert answers == [[int(v) for v in model.predict(X[i : i + 1 + i % 3])] for i in range(150)]
    finally:
        proc.terminate()
        proc.wait(10)
