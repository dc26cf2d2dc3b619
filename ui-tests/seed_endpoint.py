"""A model.tar.gz for the Galata endpoint tests: a joblib'd scikit-learn classifier at the archive's top
(`model.joblib`, read by the serving defaults, as SageMaker's scikit-learn container does), written into the
server's root folder before start-up, so a test can create a model from it through the REST API."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

FOLDER = "endpoint-seed"


def seed(root_dir: str) -> Path:
    import joblib
    from sklearn.linear_model import LogisticRegression

    folder = Path(root_dir, FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    features = [[0.0, 0.0, 0.0], [0.1, 0.2, 0.1], [0.9, 0.8, 0.7], [1.0, 0.9, 1.0]]
    model = LogisticRegression().fit(features, [0, 0, 1, 1])
    buffer = io.BytesIO()
    joblib.dump(model, buffer)
    data = buffer.getvalue()
    archive = folder / "model.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("model.joblib")
        info.size = len(data)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(data))
    return archive
