"""Everything a user can get wrong in a training or processing request, checked before a job starts
(a 400 naming the field instead of a failed job), and the code packed as the SageMaker SDK packs it."""

from __future__ import annotations

import io
import os
import re
import tarfile
from typing import Any, Optional

from ..core.errors import BadRequest, SmStudioError
from ..core.storage import UserStorage
from .images import FrameworkImage, framework_image
from .models import Channel, MetricDefinition

INSTANCE_TYPE = re.compile(r"^(local|local_cpu|ml\.[a-z0-9]+\.[a-z0-9]+)$")
CHANNEL_NAME = re.compile(r"[A-Za-z0-9\.\-_]{1,64}")
HYPERPARAMETER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_\-\.]{0,255}")


class NoContainerEngine(SmStudioError):
    status = 400
    reason = "ValidationError"


def image(image_uri: Optional[str]) -> Optional[FrameworkImage]:
    """The framework image `image_uri` names (its script runs here as in that container); None without one.
    Any other image is refused: running it needs a container engine, and jobs here are processes."""
    if not image_uri:
        return None
    known = framework_image(image_uri)
    if known is None:
        raise NoContainerEngine(
            f"'image_uri': {image_uri!r} is not one of SageMaker's scikit-learn, PyTorch or XGBoost framework "
            "images, and running any other image needs a container engine (Docker or Podman), which this server "
            "does not use (jobs run as processes); pass a framework image (image_uris.retrieve) or use a "
            "framework estimator (SKLearn, PyTorch, XGBoost) with entry_point",
            field="image_uri",
        )
    return known


def instance_type(value: str) -> None:
    if not INSTANCE_TYPE.match(value):
        raise BadRequest(
            f"'instance_type': '{value}' is not an instance type (use 'local' or 'ml.<family>.<size>')",
            field="instance_type",
        )


def hyperparameter_names(hps: dict[str, Any]) -> None:
    for key in hps:
        if not HYPERPARAMETER_NAME.fullmatch(key):
            raise BadRequest(f"invalid hyperparameter name '{key}'", field=f"hyperparameters.{key}")


def metric_regexes(definitions: list[MetricDefinition]) -> None:
    for i, md in enumerate(definitions):
        try:
            re.compile(md.regex)
        except re.error as err:
            raise BadRequest(
                f"metric_definitions.{i}.Regex is not a valid regular expression: {err}",
                field=f"metric_definitions.{i}.Regex",
            ) from err


def container_path(path: str, field: str) -> None:
    if not (path == "/opt/ml" or path.startswith("/opt/ml/")) or ".." in path.split("/"):
        raise BadRequest(
            f"'{field}' must be a container path under /opt/ml/ (e.g. /opt/ml/processing/input), got {path!r}",
            field=field,
        )


def local_path(storage: UserStorage, path: str, field: str) -> str:
    loc = storage.resolve(path, field_name=field)
    if not loc.is_local:
        raise BadRequest(f"'{field}' must be a local path in your home volume", field=field)
    if not os.path.exists(loc.path):
        raise BadRequest(f"'{field}': {path} does not exist", field=field)
    return loc.path


def code(storage: UserStorage, source_dir: Optional[str], entry_point: str) -> tuple[str, str]:
    """(the folder the code is packed from, the entry point's path)."""
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


def channel(storage: UserStorage, name: str, ch: Channel, default_mode: str) -> dict[str, Any]:
    field = f"inputs.{name}.s3_data"
    if not CHANNEL_NAME.fullmatch(name) or name in (".", ".."):
        raise BadRequest(f"invalid channel name '{name}'", field=f"inputs.{name}")
    loc = storage.resolve(ch.s3_data, field_name=field)
    if not loc.fs.exists(loc.path):
        raise BadRequest(f"'{field}': {ch.s3_data} does not exist", field=field)
    return {
        "s3_data": loc.url,
        "content_type": ch.content_type,
        "input_mode": ch.input_mode or default_mode,
        "distribution": ch.distribution,
    }


def writable(storage: UserStorage, url: str, field: str) -> str:
    """`url` resolved (where the job will write), once it is known to be writable for this user."""
    loc = storage.resolve(url, field_name=field, write=True)
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


def upload_code(storage: UserStorage, url: str, source_dir: Optional[str], entry: str, deps: list[str]) -> None:
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
                    tar.add(
                        os.path.join(source_dir, item),
                        arcname=item,
                        filter=lambda t: None if any(p in t.name.split("/") for p in skip) else t,
                    )
        for dep in deps:
            tar.add(dep, arcname=os.path.basename(dep.rstrip("/")))
    storage.write_bytes(url, buf.getvalue())
