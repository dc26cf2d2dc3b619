"""Real-time serving: this project's endpoint (through the router in the Jupyter server) against
`mlflow models serve`, the same scikit-learn model, the same load generator (bench/_load.py), loopback, one run.

    python bench/serving.py [--seconds 5]

Prints, at concurrency 1 and 16: MLflow, the endpoint through the router, and the endpoint's instance called
directly (the router's own cost); then a 2-variant endpoint against a 1-variant one with the same two instances
(the split's cost). Targets (issue 11): throughput at c=16 at least 2x MLflow's; p99 at c=16 no worse than 15 ms;
the router adds at most 1 ms p50 over the instance; a 2-variant split costs at most 5% of throughput.
The MLflow side runs in bench/.venv-peers (`pip install mlflow scikit-learn` there on the first run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, Iterator

import joblib
import requests
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(REPO), os.environ.get("PYTHONPATH", "")] if p)

from tests.live_server import free_port, jupyter_server  # noqa: E402

PEERS = REPO / "bench" / ".venv-peers"
PEER_PYTHON = PEERS / "bin" / "python"
LOAD = REPO / "bench" / "_load.py"


def train() -> tuple[Any, list[float]]:
    """The model both sides serve (bench/peers/mlflow_serving.py trains the same one) and one row to send."""
    X, y = load_breast_cancer(return_X_y=True)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(X, y)
    return model, [float(v) for v in X[0]]


def ensure_peers() -> None:
    if not PEER_PYTHON.exists():
        print("installing MLflow into bench/.venv-peers (once)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    if subprocess.run([str(PEER_PYTHON), "-c", "import mlflow, sklearn"], capture_output=True).returncode:
        subprocess.run([str(PEER_PYTHON), "-m", "pip", "install", "-q", "mlflow", "scikit-learn"], check=True)


def wait_ping(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


@contextmanager
def process(cmd: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield proc
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(15)


def measure(url: str, body: Path, content_type: str, concurrency: int, seconds: float, headers: dict[str, str]) -> dict:
    cmd = [sys.executable, str(LOAD), url, "--body", str(body), "--content-type", content_type]
    cmd += ["-c", str(concurrency), "--seconds", str(seconds)]
    cmd += [f"--header={k}={v}" for k, v in headers.items()]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])
    return result


class Studio:
    """The REST calls that deploy an endpoint on the running server."""

    def __init__(self, server: dict[str, Any]):
        self.base = f"{server['url']}smstudio/api/"
        self.auth = {"Authorization": f"token {server['token']}"}

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        resp = requests.post(self.base + path, json=body, headers=self.auth, timeout=60)
        if not resp.ok:
            raise RuntimeError(f"POST {path}: {resp.status_code} {resp.text}")
        out: dict[str, Any] = resp.json()
        return out

    def deploy(self, name: str, model_url: str, variants: list[tuple[str, int]]) -> str:
        self.post("models", {"ModelName": f"{name}-model", "PrimaryContainer": {"ModelDataUrl": model_url}})
        self.post(
            "endpoint-configs",
            {
                "EndpointConfigName": f"{name}-config",
                "ProductionVariants": [
                    {"VariantName": v, "ModelName": f"{name}-model", "InitialInstanceCount": n} for v, n in variants
                ],
            },
        )
        self.post("endpoints", {"EndpointName": name, "EndpointConfigName": f"{name}-config"})
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            status = requests.get(self.base + f"endpoints/{name}", headers=self.auth, timeout=10).json()
            if status["EndpointStatus"] == "InService":
                return f"{self.base}endpoints/{name}/invocations"
            if status["EndpointStatus"] == "Failed":
                raise RuntimeError(status.get("FailureReason"))
            time.sleep(0.3)
        raise RuntimeError(f"endpoint {name} did not come InService")


def row(label: str, r: dict) -> str:
    errors = sum(r["errors"].values())
    return (
        f"  {label:<34} c={r['concurrency']:<3} {r['rps']:8.0f} req/s   p50 {r['p50_ms']:6.2f} ms   "
        f"p99 {r['p99_ms']:7.2f} ms   errors {errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    ensure_peers()
    tmp = Path(tempfile.mkdtemp(prefix="smstudio-bench-serving-"))
    model, features = train()
    model_dir = tmp / "model"
    model_dir.mkdir()
    joblib.dump(model, model_dir / "model.joblib")
    csv_body = tmp / "row.csv"
    csv_body.write_text(",".join(repr(v) for v in features))
    json_body = tmp / "row.json"
    json_body.write_text(json.dumps({"inputs": [features]}))
    print(
        f"# bench/serving.py --seconds {args.seconds}  ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}); one breast-cancer row, StandardScaler + LogisticRegression"
    )
    mlflow_dir = tmp / "mlflow-model"
    subprocess.run([str(PEER_PYTHON), str(REPO / "bench" / "peers" / "mlflow_serving.py"), str(mlflow_dir)], check=True)
    results: dict[str, dict[int, dict]] = {}
    with ExitStack() as stack:
        port = free_port()
        peer_env = {**os.environ, "PATH": f"{PEERS / 'bin'}{os.pathsep}{os.environ['PATH']}"}
        peer_env.pop("PYTHONPATH", None)
        stack.enter_context(
            process(
                [str(PEERS / "bin" / "mlflow"), "models", "serve", "-m", str(mlflow_dir), "-p", str(port)]
                + ["-h", "127.0.0.1", "--env-manager", "local"],
                peer_env,
                tmp / "mlflow.log",
            )
        )
        wait_ping(f"http://127.0.0.1:{port}/ping")
        direct_port = free_port()
        stack.enter_context(
            process(
                [sys.executable, "-m", "jupyter_smstudio.endpoints.serving", "--port", str(direct_port)],
                {**os.environ, "SM_MODEL_DIR": str(model_dir)},
                tmp / "direct.log",
            )
        )
        wait_ping(f"http://127.0.0.1:{direct_port}/ping")
        server = stack.enter_context(jupyter_server(tmp / "server"))
        studio = Studio(server)
        served = Path(server["root"]) / "model"  # in the user's volume: the only place a model may come from
        shutil.copytree(model_dir, served)
        one = studio.deploy("bench-one", served.as_uri(), [("AllTraffic", 1)])
        pair = studio.deploy("bench-pair", served.as_uri(), [("AllTraffic", 2)])
        split = studio.deploy("bench-split", served.as_uri(), [("VariantA", 1), ("VariantB", 1)])
        targets = {
            "MLflow models serve": (f"http://127.0.0.1:{port}/invocations", json_body, "application/json", {}),
            "SmStudio endpoint (router)": (one, csv_body, "text/csv", studio.auth),
            "SmStudio instance (direct)": (f"http://127.0.0.1:{direct_port}/invocations", csv_body, "text/csv", {}),
        }
        for concurrency in (1, 16):
            print(f"\nconcurrency {concurrency}")
            for label, (url, body, media, headers) in targets.items():
                r = measure(url, body, media, concurrency, args.seconds, headers)
                results.setdefault(label, {})[concurrency] = r
                print(row(label, r), flush=True)
        print("\nthe split's cost at concurrency 16 (two instances either way)")
        r_pair = measure(pair, csv_body, "text/csv", 16, args.seconds, studio.auth)
        print(row("1 variant x 2 instances", r_pair))
        r_split = measure(split, csv_body, "text/csv", 16, args.seconds, studio.auth)
        print(row("2 variants x 1 instance (50/50)", r_split) + f"   split {r_split['variants']}")
    mlflow16, ours16 = results["MLflow models serve"][16], results["SmStudio endpoint (router)"][16]
    router1, direct1 = results["SmStudio endpoint (router)"][1], results["SmStudio instance (direct)"][1]
    ratio = ours16["rps"] / mlflow16["rps"]
    added = router1["p50_ms"] - direct1["p50_ms"]
    cost = 1 - r_split["rps"] / r_pair["rps"]
    print(f"\nRATIO throughput at c=16, SmStudio / MLflow: {ratio:.2f}x (target >= 2x)")
    print(f"p99 at c=16 through the router: {ours16['p99_ms']:.2f} ms (target <= 15 ms)")
    print(f"router's added p50 at c=1: {added:.2f} ms (target <= 1 ms)")
    print(f"2-variant split's throughput cost: {cost * 100:.1f}% (target <= 5%)")


if __name__ == "__main__":
    main()
