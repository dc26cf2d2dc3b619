"""Batch transform of 1M CSV lines against a plain `model.predict` loop over the same file.

    python bench/transform.py [--lines 1000000] [--instances 2]

The same scikit-learn model (LogisticRegression on 4 features, saved with joblib, served by the default model_fn,
input_fn and output_fn of SageMaker's containers) answers every line of one CSV file:
1. a batch transform job (MultiRecord, 6 MB requests, SplitType Line, AssembleWith Line) on N instances, timed
   from CreateTransformJob to Completed (job start, model load and the output's assembly included);
2. a plain loop in this process: read the file in chunks of 10,000 lines, parse them as the default input_fn
   does (numpy), `model.predict`, write the answers as the default output_fn does.
Both outputs are compared line by line; the ratio printed is transform time / loop time.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(REPO), os.environ.get("PYTHONPATH", "")] if p)

import joblib  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from jupyter_smstudio.endpoints.models import CreateModelRequest  # noqa: E402
from jupyter_smstudio.endpoints.serving import codecs  # noqa: E402
from jupyter_smstudio.studio import ENDPOINTS, JOBS, TRANSFORM, StudioSettings, build_services  # noqa: E402
from jupyter_smstudio.transform.models import CreateTransformJobRequest  # noqa: E402

CHUNK = 10_000


def make_data(root: Path, lines: int) -> tuple[Path, LogisticRegression]:
    x, y = load_iris(return_X_y=True)
    model = LogisticRegression(max_iter=500).fit(x, y)
    rng = np.random.default_rng(0)
    rows = x[rng.integers(0, len(x), lines)] + rng.normal(0, 0.05, (lines, 4))
    path = root / "data" / "big.csv"
    path.parent.mkdir(parents=True)
    np.savetxt(path, rows, delimiter=",", fmt="%.3f")
    folder = root / "model"
    folder.mkdir()
    joblib.dump(model, folder / "model.joblib")
    with tarfile.open(root / "model.tar.gz", "w:gz") as tar:
        tar.add(folder / "model.joblib", arcname="model.joblib")
    return path, model


def plain_loop(path: Path, model: LogisticRegression, out: Path) -> float:
    started = time.perf_counter()
    with open(path, "rb") as src, open(out, "wb") as dst:
        while True:
            chunk = b"".join(itertools.islice(src, CHUNK))
            if not chunk:
                break
            rows = codecs.decode(chunk, codecs.CSV)
            dst.write(codecs.encode(model.predict(rows), codecs.CSV)[0])
    return time.perf_counter() - started


def transform(root: Path, instances: int) -> float:
    services = build_services(StudioSettings(smstudio_home=str(root / "home"), root_dir=str(root)))
    services.start()
    viewer = services.viewer("bench")
    try:
        services.get(ENDPOINTS).create_model(
            viewer,
            CreateModelRequest.model_validate(
                {"ModelName": "iris", "PrimaryContainer": {"ModelDataUrl": (root / "model.tar.gz").as_uri()}}
            ),
        )
        request = CreateTransformJobRequest.model_validate(
            {
                "TransformJobName": "bench",
                "ModelName": "iris",
                "BatchStrategy": "MultiRecord",
                "MaxPayloadInMB": 6,
                "TransformInput": {
                    "DataSource": {"S3DataSource": {"S3Uri": "data/big.csv"}},
                    "ContentType": "text/csv",
                    "SplitType": "Line",
                },
                "TransformOutput": {"S3OutputPath": "out", "AssembleWith": "Line"},
                "TransformResources": {"InstanceType": "ml.m5.large", "InstanceCount": instances},
            }
        )
        started = time.perf_counter()
        services.get(TRANSFORM).create_transform_job(viewer, request)
        job = services.get(JOBS).wait(viewer, "bench", poll=0.05)
        took = time.perf_counter() - started
        if job.status != "Completed":
            raise SystemExit(f"the transform job ended {job.status}: {job.failure_reason}")
        return took
    finally:
        services.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--instances", type=int, default=2)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="smstudio-bench-transform-"))
    path, model = make_data(root, args.lines)
    size = path.stat().st_size / 1e6
    loop = plain_loop(path, model, root / "loop.out")
    job = transform(root, args.instances)
    same = (root / "out" / "big.csv.out").read_bytes() == (root / "loop.out").read_bytes()
    print(f"cpus: {os.cpu_count()}, lines: {args.lines:,} ({size:.1f} MB), instances: {args.instances}")
    print(f"plain model.predict loop ({CHUNK:,}-line chunks): {loop:.2f} s ({args.lines / loop:,.0f} lines/s)")
    print(f"batch transform job (create -> Completed):     {job:.2f} s ({args.lines / job:,.0f} lines/s)")
    print(f"ratio transform / loop: {job / loop:.2f}; same answers, line for line: {same}")


if __name__ == "__main__":
    main()
