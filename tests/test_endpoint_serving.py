"""One endpoint instance (jupyter_smstudio/endpoints/serving) as a real process on loopback: SageMaker's
container contract with a scikit-learn model, the default CSV / JSON / NPY codecs, an entry point's own
functions, payloads the model refuses (4xx with its message, the instance keeps serving), a model_fn that
raises (the process ends with the traceback's last line in its log)."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import joblib
import numpy as np
import pytest
import requests
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

from tests.conftest import write_script


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(tmp_path: Path, model_dir: Path, code_dir: Path | None = None, program: str | None = None, **env: str):
    port = _free_port()
    log = open(tmp_path / f"instance-{port}.log", "wb")
    variables = {**os.environ, "SM_MODEL_DIR": str(model_dir), **env}
    if program:
        variables.update(SAGEMAKER_PROGRAM=program, SAGEMAKER_SUBMIT_DIRECTORY=str(code_dir))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_smstudio.endpoints.serving",
            "--port",
            str(port),
            "--max-payload-bytes",
            "4096",
        ],
        env=variables,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if requests.get(f"{url}/ping", timeout=1).status_code == 200:
                return proc, url
        except requests.ConnectionError:
            time.sleep(0.1)
    return proc, None


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("model")
    x, y = load_iris(return_X_y=True)
    joblib.dump(LogisticRegression(max_iter=500).fit(x, y), folder / "model.joblib")
    return folder


def test_default_codecs_answer_as_sagemakers_containers(tmp_path, model_dir):
    proc, url = _serve(tmp_path, model_dir)
    try:
        assert url, (tmp_path / "instance.log").read_text() if (tmp_path / "instance.log").exists() else "no ping"
        rows = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]
        csv = requests.post(
            f"{url}/invocations", data="5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n", headers={"Content-Type": "text/csv"}
        )
        assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
        assert [int(float(v)) for v in csv.text.split()] == [0, 2]
        as_json = requests.post(f"{url}/invocations", json=rows, headers={"Accept": "application/json"})
        assert as_json.json() == [0, 2]
        buffer = io.BytesIO()
        np.save(buffer, np.asarray(rows))
        npy = requests.post(
            f"{url}/invocations",
            data=buffer.getvalue(),
            headers={"Content-Type": "application/x-npy", "Accept": "application/x-npy"},
        )
        assert np.load(io.BytesIO(npy.content)).tolist() == [0, 2]
        # what the model refuses is the caller's to fix: a 4xx with the model's message, and it keeps serving
        wrong = requests.post(f"{url}/invocations", json=[[1.0, 2.0]])
        assert wrong.status_code == 400 and "the model refused the input" in wrong.json()["message"]
        assert "features" in wrong.json()["message"]
        garbled = requests.post(f"{url}/invocations", data="1,2,x", headers={"Content-Type": "text/csv"})
        assert garbled.status_code == 400 and "could not read the text/csv payload" in garbled.json()["message"]
        odd = requests.post(f"{url}/invocations", data=b"..", headers={"Content-Type": "image/png"})
        assert odd.status_code == 415
        refused = requests.post(f"{url}/invocations", json=rows, headers={"Accept": "image/png"})
        assert refused.status_code == 406
        big = requests.post(f"{url}/invocations", data="1," * 5000, headers={"Content-Type": "text/csv"})
        assert big.status_code == 413
        assert requests.post(f"{url}/invocations", json=rows).json() == [0, 2]
    finally:
        proc.terminate()
        proc.wait(10)


def test_an_entry_points_own_functions(tmp_path, model_dir):
    code = tmp_path / "code"
    write_script(code, "helpers.py", "SCALE = 10\n")
    write_script(
        code,
        "inference.py",
        """
        import json, os
        import joblib
        from helpers import SCALE

        def model_fn(model_dir):
            return {"model": joblib.load(os.path.join(model_dir, "model.joblib")), "scale": SCALE}

        def input_fn(body, content_type):
            if content_type != "application/json":
                raise ValueError(f"only JSON, not {content_type}")
            return json.loads(body)["features"]

        def predict_fn(data, model):
            return [int(p) * model["scale"] for p in model["model"].predict(data)]

        def output_fn(prediction, accept):
            return json.dumps({"predictions": prediction}), "application/json"
    """,
    )
    proc, url = _serve(tmp_path, model_dir, code, "inference.py")
    try:
        assert url
        answer = requests.post(f"{url}/invocations", json={"features": [[6.7, 3.0, 5.2, 2.3]]})
        assert answer.json() == {"predictions": [20]}
        refused = requests.post(f"{url}/invocations", data="1,2", headers={"Content-Type": "text/csv"})
        assert refused.status_code == 400 and "only JSON, not text/csv" in refused.json()["message"]
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_model_fn_that_raises_ends_the_instance_with_its_reason(tmp_path, model_dir):
    code = tmp_path / "code"
    write_script(code, "broken.py", "def model_fn(model_dir):\n    raise RuntimeError('weights are corrupt')\n")
    proc, url = _serve(tmp_path, model_dir, code, "broken.py")
    assert url is None
    assert proc.wait(30) != 0
    log = next(tmp_path.glob("instance-*.log")).read_text()
    assert log.strip().splitlines()[-1] == "RuntimeError: weights are corrupt"


def test_no_model_and_no_model_fn_says_what_to_do(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    proc, url = _serve(tmp_path, empty)
    assert url is None and proc.wait(30) != 0
    log = next(tmp_path.glob("instance-*.log")).read_text()
    assert "define model_fn(model_dir)" in log
