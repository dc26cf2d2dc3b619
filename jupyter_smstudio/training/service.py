"""Training and processing jobs: validate, package the code, hand the container a config, submit a job.

The job itself (jobs/) runs `python -m jupyter_smstudio.training.container`, which follows
SageMaker's container contract; this module checks everything a user can get wrong first, so
mistakes come back as a 400 naming the field instead of a failed job.
"""
from __future__ import annotations

import io
import json
import os
import re
import tarfile
import time
from typing import Any, Optional

from ..core.auth import Viewer
from ..core.errors import BadRequest, SmStudioError
from ..core.storage import UserStorage, join_url
from ..jobs.models import Job, trial_component_name
from ..jobs.service import JobService
from .models import Channel, ProcessingJobRequest, TrainingJobRequest

INSTANCE_TYPE = re.compile(r"^(local|local_cpu|ml\.[a-z0-9]+\.[a-z0-9]+)$")


class NoContainerEngine(SmStudioError):
    status = 400
    reason = "ValidationError"


class TrainingService:
    def __init__(self, jobs: JobService):
        self.jobs = jobs

    # -- training -------------------------------------------------------------------------------
    def create_training_job(self, viewer: Viewer, req: TrainingJobRequest) -> Job:
        _no_images(req.image_uri)
        _instance_type(req.instance_type)
        if not req.entry_point:
            raise BadRequest("missing required field 'entry_point' (the script that trains)", field="entry_point")
        storage = self.jobs.storage.for_user(viewer.user)
        source_dir, entry = _code(storage, req.source_dir, req.entry_point)
        whole_folder = bool(req.source_dir)
        deps = [self._local(storage, d, f"dependencies.{i}") for i, d in enumerate(req.dependencies)]
        channels = {name: self._channel(storage, name, ch, req.input_mode) for name, ch in req.inputs.items()}
        name = req.job_name or _job_name(req.base_job_name or req.framework or "training")
        output_path = self._writable(storage, req.output_path or storage.root_url, "output_path")
        code_url = join_url(req.code_location or join_url(output_path, name, "source"), "sourcedir.tar.gz")
        self._writable(storage, code_url.rsplit("/", 1)[0], "code_location")
        if req.checkpoint_s3_uri:
            self._writable(storage, req.checkpoint_s3_uri, "checkpoint_s3_uri")
        _hyperparameter_names(req.hyperparameters)
        for i, md in enumerate(req.metric_definitions):
            try:
                re.compile(md.regex)
            except re.error as err:
                raise BadRequest(f"metric_definitions.{i}.Regex is not a valid regular expression: {err}",
                                 field=f"metric_definitions.{i}.Regex") from err
        _upload_code(storage, code_url, source_dir if whole_folder else None, entry, deps)
        model_output = join_url(output_path, name, "output")
        container = {
            "kind": "training", "entry_point": os.path.relpath(entry, source_dir), "code_url": code_url,
            "channels": channels, "hyperparameters": req.hyperparameters, "instance_count": req.instance_count,
            "metric_definitions": [md.model_dump(by_alias=True) for md in req.metric_definitions],
            "environment": req.environment, "checkpoint_s3_uri": req.checkpoint_s3_uri,
            "checkpoint_local_path": req.checkpoint_local_path, "model_output_url": model_output,
            "trial_component": trial_component_name(name, "training"),
            "storage_options": storage.s3_options, "environments_dir": os.path.join(self.jobs.home, "envs"),
        }
        config = {**req.model_dump(mode="json", by_alias=True), "model_data": f"{model_output}/model.tar.gz",
                  "output_path": output_path, "code_url": code_url,
                  "inputs": {k: v["s3_data"] for k, v in channels.items()}}
        return self._submit(viewer, "training", name, container, config, req.environment, req.max_run, req.tags,
                            req.experiment_config)

    # -- processing -----------------------------------------------------------------------------
    def create_processing_job(self, viewer: Viewer, req: ProcessingJobRequest) -> Job:
        _no_images(req.image_uri)
        _instance_type(req.instance_type)
        storage = self.jobs.storage.for_user(viewer.user)
        code = self._local(storage, req.code, "code")
        if not os.path.isfile(code):
            raise BadRequest(f"'code': {req.code} is not a file", field="code")
        name = req.job_name or _job_name(req.base_job_name or "processing")
        inputs = []
        for i, item in enumerate(req.inputs):
            loc = storage.resolve(item.source, field_name=f"inputs.{i}.source")
            if not loc.fs.exists(loc.path):
                raise BadRequest(f"'inputs.{i}.source': {item.source} does not exist", field=f"inputs.{i}.source")
            _container_path(item.destination, f"inputs.{i}.destination")
            inputs.append({"source": loc.url, "destination": item.destination})
        outputs = []
        for i, item in enumerate(req.outputs):
            _container_path(item.source, f"outputs.{i}.source")
            dest = item.destination or join_url(storage.root_url, name, "output", item.output_name or f"output-{i + 1}")
            outputs.append({"source": item.source, "destination": self._writable(storage, dest,
                                                                                 f"outputs.{i}.destination")})
        code_url = join_url(storage.root_url, name, "input", "code", "sourcedir.tar.gz")
        _upload_code(storage, code_url, None, code, [])
        container = {
            "kind": "processing", "entry_point": os.path.basename(code), "code_url": code_url,
            "command": req.command, "arguments": req.arguments, "processing_inputs": inputs,
            "processing_outputs": outputs, "instance_count": req.instance_count, "environment": req.environment,
            "storage_options": storage.s3_options, "environments_dir": os.path.join(self.jobs.home, "envs"),
        }
        config = {**req.model_dump(mode="json", by_alias=True), "resolved_inputs": inputs, "outputs": outputs}
        return self._submit(viewer, "processing", name, container, config, req.environment,
                            req.max_runtime_in_seconds, req.tags, req.experiment_config)

    # -- shared -----------------------------------------------------------------------------------
    def _submit(self, viewer: Viewer, kind: str, name: str, container: dict, config: dict, environment: dict,
                max_run: int, tags: dict, experiment_config) -> Job:
        from ..jobs.service import _experiment_environment

        env = {**environment, **_experiment_environment(experiment_config),
               "SMSTUDIO_CONTAINER_CONFIG": json.dumps(container)}
        return self.jobs.submit(viewer, kind=kind, job_name=name, argv=["python", "-m",
                                "jupyter_smstudio.training.container"], cwd="", environment=env, config=config,
                                max_runtime_seconds=max_run, stop_grace_seconds=10.0, tags=tags)

    def _local(self, storage: UserStorage, path: str, field: str) -> str:
        loc = storage.resolve(path, field_name=field)
        if not loc.is_local:
            raise BadRequest(f"'{field}' must be a local path in your home volume", field=field)
        if not os.path.exists(loc.path):
            raise BadRequest(f"'{field}': {path} does not exist", field=field)
        return loc.path

    def _channel(self, storage: UserStorage, name: str, ch: Channel, default_mode: str) -> dict[str, Any]:
        field = f"inputs.{name}.s3_data"
        if not re.fullmatch(r"[A-Za-z0-9\.\-_]{1,64}", name):
            raise BadRequest(f"invalid channel name '{name}'", field=f"inputs.{name}")
        loc = storage.resolve(ch.s3_data, field_name=field)
        if not loc.fs.exists(loc.path):
            raise BadRequest(f"'{field}': {ch.s3_data} does not exist", field=field)
        return {"s3_data": loc.url, "content_type": ch.content_type, "input_mode": ch.input_mode or default_mode,
                "distribution": ch.distribution}

    def _writable(self, storage: UserStorage, url: str, field: str) -> str:
        loc = storage.resolve(url, field_name=field)
        try:
            if loc.is_local:
                os.makedirs(loc.path, exist_ok=True)
                if not os.access(loc.path, os.W_OK):
                    raise PermissionError(loc.path)
            else:
                bucket = loc.path.split("/", 1)[0]
                if not loc.fs.exists(bucket):
                    raise FileNotFoundError(f"bucket {bucket} does not exist")
        except (OSError, PermissionError) as err:
            raise BadRequest(f"'{field}': {url} cannot be written: {err}", field=field) from err
        return loc.url.rstrip("/")


def _no_images(image_uri: Optional[str]) -> None:
    if image_uri:
        raise NoContainerEngine(
            "'image_uri': running a container image needs a container engine (Docker or Podman), and this "
            "server runs jobs as processes without one; use entry_point with a framework estimator "
            "(SKLearn, PyTorch, XGBoost) instead", field="image_uri")


def _instance_type(value: str) -> None:
    if not INSTANCE_TYPE.match(value):
        raise BadRequest(f"'instance_type': '{value}' is not an instance type (use 'local' or 'ml.<family>.<size>')",
                         field="instance_type")


def _hyperparameter_names(hps: dict[str, Any]) -> None:
    for key in hps:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-\.]{0,255}", key):
            raise BadRequest(f"invalid hyperparameter name '{key}'", field=f"hyperparameters.{key}")


def _container_path(path: str, field: str) -> None:
    if not (path == "/opt/ml" or path.startswith("/opt/ml/")) or ".." in path.split("/"):
        raise BadRequest(f"'{field}' must be a container path under /opt/ml/ (e.g. /opt/ml/processing/input), "
                         f"got {path!r}", field=field)


def _code(storage: UserStorage, source_dir: Optional[str], entry_point: str) -> tuple[str, str]:
    if source_dir:
        loc = storage.resolve(source_dir, field_name="source_dir")
        if not loc.is_local or not os.path.isdir(loc.path):
            raise BadRequest(f"'source_dir': {source_dir} is not a folder in your home volume", field="source_dir")
        if os.path.isabs(entry_point) or ".." in entry_point.split("/"):
            raise BadRequest("'entry_point' must be relative to source_dir", field="entry_point")
        entry = os.path.join(loc.path, entry_point)
        if not os.path.isfile(entry):
            raise BadRequest(f"'entry_point': {entry_point} does not exist in source_dir", field="entry_point")
        return loc.path, entry
    loc = storage.resolve(entry_point, field_name="entry_point")
    if not loc.is_local or not os.path.isfile(loc.path):
        raise BadRequest(f"'entry_point': {entry_point} does not exist or is not a file", field="entry_point")
    return os.path.dirname(loc.path), loc.path


def _upload_code(storage: UserStorage, url: str, source_dir: Optional[str], entry: str, deps: list[str]) -> None:
    """sourcedir.tar.gz, as the SageMaker SDK uploads it: the source folder (or, without one, the lone
    entry point) plus each dependency at the top level."""
    buf = io.BytesIO()
    skip = ("__pycache__", ".git", ".ipynb_checkpoints")
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        if source_dir is None:
            tar.add(entry, arcname=os.path.basename(entry))
        else:
            for item in sorted(os.listdir(source_dir)):
                if item not in skip:
                    tar.add(os.path.join(source_dir, item), arcname=item,
                            filter=lambda t: None if any(p in t.name.split("/") for p in skip) else t)
        for dep in deps:
            tar.add(dep, arcname=os.path.basename(dep.rstrip("/")))
    storage.write_bytes(url, buf.getvalue())


def _job_name(base: str) -> str:
    return f"{base[:40]}-{time.strftime('%Y-%m-%d-%H-%M-%S')}-{int(time.time() * 1000) % 1000:03d}"
