"""A variant's model and code, fetched from its owner's storage into the endpoint's folder, and the
environment its instances start with (SageMaker's inference container contract).

Fetched once per variant (a `.ready` marker): a restarted or replaced instance reuses the extracted copy, and
a model deleted or overwritten after the endpoint started does not change it (as SageMaker's do not).
"""

from __future__ import annotations

import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from ..core.errors import BadRequest, SmStudioError
from ..core.storage import UserStorage
from .launch import ENVIRONMENTS, PIPELINE, SUBMIT_DIR
from .models import ContainerDefinition
from .store import EndpointRecord

PROGRAM = "SAGEMAKER_PROGRAM"


def is_url(value: str) -> bool:
    """SAGEMAKER_SUBMIT_DIRECTORY may be a URL to fetch, or a folder name inside the model."""
    return "://" in value or os.path.isabs(value)


def check_readable(storage: UserStorage, url: str, field: str) -> None:
    """Checked when the model is created: a missing artifact fails CreateModel, not the endpoint later."""
    storage.resolve(url, field)  # confined like every URL: a 403 naming the field
    try:
        found = storage.exists(url)
    except SmStudioError:
        found = False
    if not found:
        raise BadRequest(f"'{field}': {url} does not exist", field=field)


def _python_path() -> str:
    """The instance must import this package even when the server runs from a source checkout."""
    root = str(Path(__file__).resolve().parents[2])
    current = os.environ.get("PYTHONPATH", "")
    return f"{root}{os.pathsep}{current}" if current else root


def _place(
    storage: UserStorage, container: ContainerDefinition, base: Path, field: str, fetched: bool
) -> tuple[str, str]:
    """One container's model and code under `base` (fetched unless `fetched`): (model folder, code folder)."""
    model_dir, code_dir = base / "model", base / "code"
    submit = container.Environment.get(SUBMIT_DIR)
    if not fetched:
        model_dir.mkdir(parents=True)
        if container.ModelDataUrl:
            fetch(storage, container.ModelDataUrl, model_dir, f"{field}.ModelDataUrl")
        if submit and is_url(submit):
            fetch(storage, submit, code_dir, f"{field}.Environment.{SUBMIT_DIR}")
    if submit and is_url(submit):
        return str(model_dir), str(code_dir)
    # SageMaker's framework containers also find the code inside the model, under code/
    return str(model_dir), str(model_dir / "code") if (model_dir / "code").is_dir() else str(model_dir)


def prepare(storage: UserStorage, record: EndpointRecord, variant: dict[str, Any]) -> dict[str, str]:
    """The variant's model and code in the endpoint's folder (once), and the instance's environment. An
    inference pipeline's containers each get a folder; the instance runs them in order (one process)."""
    pipeline = variant.get("Containers")
    containers = [ContainerDefinition.model_validate(c) for c in pipeline or [variant["Container"]]]
    base = Path(record.folder) / variant["VariantName"]
    ready = base / ".ready"
    fetched = ready.exists()
    if not fetched:
        shutil.rmtree(base, ignore_errors=True)
    if pipeline:
        folders = [
            _place(storage, c, base / "containers" / str(i), f"Containers.{i}", fetched)
            for i, c in enumerate(containers)
        ]
    else:
        folders = [_place(storage, containers[0], base, "PrimaryContainer", fetched)]
    ready.touch()
    from ..jobs.runners.base import job_environment

    environment: dict[str, str] = {}
    for container in containers:  # a pipeline's containers share one process, so one environment
        environment.update(container.Environment)
    env = {
        **job_environment(os.environ),
        **environment,
        "PYTHONPATH": _python_path(),
        "SM_MODEL_DIR": folders[0][0],
        SUBMIT_DIR: folders[0][1],
        "PYTHONUNBUFFERED": "1",
        # a requirements.txt installs into training's cache of environments (launch.py): <home>/envs, beside
        # <home>/endpoints/<the endpoint's folder>
        ENVIRONMENTS: str(Path(record.folder).resolve().parents[1] / "envs"),
    }
    if pipeline:
        steps = [
            {
                "model_dir": model_dir,
                "code_dir": code_dir,
                "program": c.Environment.get(PROGRAM, ""),
                # what an inner container answers in (SageMaker's variable); else the type it was sent
                "accept": c.Environment.get("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT", ""),
                # its own environment while its model loads (SageMaker's containers do not share one)
                "environment": dict(c.Environment),
            }
            for c, (model_dir, code_dir) in zip(containers, folders, strict=True)
        ]
        env[PIPELINE] = json.dumps(steps)
        env.pop(PROGRAM, None)
    return env


def fetch(storage: UserStorage, url: str, dest: Path, field: str) -> None:
    """`url` (a .tar.gz, extracted; a file or a folder, copied) into the folder `dest`, as its owner reads it."""
    storage.resolve(url, field)
    dest.mkdir(parents=True, exist_ok=True)
    if url.rstrip("/").endswith((".tar.gz", ".tgz")):
        with tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
            files = storage.download(url, tmp + os.sep)
            try:
                with tarfile.open(files[0]) as tar:
                    tar.extractall(dest, filter="data")
            except (tarfile.TarError, OSError) as err:
                raise BadRequest(f"'{field}': {url} is not a readable .tar.gz: {err}", field=field) from err
    else:
        storage.download(url, str(dest) + os.sep)
