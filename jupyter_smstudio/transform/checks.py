"""Everything a user can get wrong in a CreateTransformJob request, found before a job starts: a 400 naming the
field instead of a failed job."""

from __future__ import annotations

import json
import os
import posixpath
import re
from typing import Optional

from ..core.errors import BadRequest, Forbidden, SmStudioError
from ..core.storage import UserStorage
from ..endpoints.serving import codecs
from . import records
from .filters import parse
from .models import CreateTransformJobRequest

INSTANCE_TYPE = re.compile(r"^(local|local_cpu|ml\.[a-z0-9]+\.[a-z0-9]+)$")
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
INPUT = "TransformInput.DataSource.S3DataSource.S3Uri"
OUTPUT = "TransformOutput.S3OutputPath"
MAX_MANIFEST = 16 * 1024 * 1024
# a file's type by its name, when the request names no ContentType
BY_SUFFIX = {".csv": codecs.CSV, ".json": codecs.JSON, ".jsonl": "application/jsonlines", ".npy": codecs.NPY}


def resolve(storage: UserStorage, url: str, field: str, write: bool = False) -> str:
    """`url` inside the user's storage. Outside it is a 400 here (SageMaker's ValidationException for a
    location the job cannot use), with the storage layer's message."""
    try:
        return storage.resolve(url, field_name=field, write=write).url
    except Forbidden as err:
        raise BadRequest(err.message, field=field) from None


def input_url(storage: UserStorage, url: str, data_type: str) -> str:
    """The input, resolved, once something is there: a file, a folder, or (S3Prefix) names starting with it."""
    resolved = resolve(storage, url, INPUT)
    loc = storage.resolve(resolved, field_name=INPUT)
    try:
        if loc.fs.exists(loc.path):
            if data_type == "ManifestFile":
                manifest(storage, resolved)
            return resolved
        parent, stem = posixpath.split(loc.path.rstrip("/"))
        if (
            data_type == "S3Prefix"
            and loc.fs.isdir(parent)
            and any(posixpath.basename(p.rstrip("/")).startswith(stem) for p in loc.fs.ls(parent, detail=False))
        ):
            return resolved
    except SmStudioError:
        raise
    except OSError as err:
        raise BadRequest(f"'{INPUT}': {url} cannot be read: {err}", field=INPUT) from err
    raise BadRequest(f"'{INPUT}': nothing at {url} (no file, folder or name starting so)", field=INPUT)


def manifest(storage: UserStorage, url: str) -> list[str]:
    """The files a ManifestFile lists, `[{"prefix": URL}, "relative/name", ...]`, each one inside the user's
    storage (the job reads what it lists, so it is confined as the request's own URLs are)."""
    try:
        entries = json.loads(storage.read_bytes(url, limit=MAX_MANIFEST))
    except (ValueError, UnicodeDecodeError) as err:
        raise BadRequest(f"'{INPUT}': the manifest {url} is not JSON: {err}", field=INPUT) from None
    except BadRequest as err:  # a folder
        raise BadRequest(f"'{INPUT}': a ManifestFile is a file: {err.message}", field=INPUT) from None
    if (
        not isinstance(entries, list)
        or len(entries) < 2
        or not isinstance(entries[0], dict)
        or not isinstance(entries[0].get("prefix"), str)
        or not all(isinstance(e, str) and e for e in entries[1:])
    ):
        raise BadRequest(
            f"'{INPUT}': a manifest is a JSON list: {{\"prefix\": URL}}, then one or more names under it",
            field=INPUT,
        )
    prefix = entries[0]["prefix"]
    if "://" not in prefix and not os.path.isabs(prefix):
        raise BadRequest(f"'{INPUT}': the manifest's prefix must be a URL or an absolute path", field=INPUT)
    files = []
    for name in entries[1:]:
        if ".." in name.split("/"):
            raise BadRequest(f"'{INPUT}': '..' is not allowed in the manifest's names ({name})", field=INPUT)
        files.append(resolve(storage, prefix.rstrip("/") + "/" + name.lstrip("/"), INPUT))
    return files


def output_url(storage: UserStorage, url: str) -> str:
    resolved = resolve(storage, url, OUTPUT, write=True)
    loc = storage.resolve(resolved, field_name=OUTPUT, write=True)
    try:
        if loc.is_local:
            os.makedirs(loc.path, exist_ok=True)
            if not os.access(loc.path, os.W_OK):
                raise PermissionError(loc.path)
    except OSError as err:
        raise BadRequest(f"'{OUTPUT}': {url} cannot be written: {err}", field=OUTPUT) from err
    return resolved.rstrip("/")


def request(req: CreateTransformJobRequest) -> None:
    """The fields pydantic cannot check alone."""
    if not INSTANCE_TYPE.match(req.TransformResources.InstanceType):
        raise BadRequest(
            f"'{req.TransformResources.InstanceType}' is not an instance type (use 'local' or 'ml.<family>.<size>')",
            field="TransformResources.InstanceType",
        )
    for key in req.Environment:
        if not ENV_NAME.fullmatch(key):
            raise BadRequest(f"invalid environment variable name '{key}'", field=f"Environment.{key}")
    if (req.MaxConcurrentTransforms or 1) * (req.MaxPayloadInMB or 1) > 100:
        raise BadRequest(
            "MaxConcurrentTransforms * MaxPayloadInMB must not exceed 100 (MB), as on SageMaker", field="MaxPayloadInMB"
        )
    processing = req.DataProcessing
    if processing is None:
        return
    for name in ("InputFilter", "OutputFilter"):
        try:
            parse(getattr(processing, name))
        except ValueError as err:
            raise BadRequest(f"'DataProcessing.{name}': {err}", field=f"DataProcessing.{name}") from None


def content_type(req: CreateTransformJobRequest) -> str:
    """The records' type: as given, else by the input's name (`.csv`, `.json`, ...), else JSON (the default
    type of the model server's requests)."""
    given = req.TransformInput.ContentType
    if given:
        return codecs.media_type(given, codecs.JSON)
    suffix = os.path.splitext(req.TransformInput.DataSource.S3DataSource.S3Uri.rstrip("/"))[1].lower()
    return BY_SUFFIX.get(suffix, codecs.JSON)


def processing(req: CreateTransformJobRequest, media: str, accept: str) -> None:
    """Filters and joins read records: SageMaker's data processing reads CSV and JSON (Lines) only."""
    dp = req.DataProcessing
    if dp is None or (dp.InputFilter == "$" and dp.OutputFilter == "$" and dp.JoinSource == "None"):
        return
    if media not in records.FILTERABLE:
        raise BadRequest(
            f"DataProcessing reads CSV and JSON records; the input's ContentType is {media}",
            field="TransformInput.ContentType",
        )
    if (dp.OutputFilter != "$" or dp.JoinSource == "Input") and accept not in records.FILTERABLE:
        raise BadRequest(
            f"OutputFilter and JoinSource read the model's answers as CSV or JSON; Accept is {accept}",
            field="TransformOutput.Accept",
        )


def accept(req: CreateTransformJobRequest, media: str) -> str:
    given: Optional[str] = req.TransformOutput.Accept
    return codecs.accept_type(given, media)
