"""Where a job's code is when a request names it SageMaker's way instead of as a local file: a processing
container's entrypoint running a script that one of the inputs provides (`Processor(entrypoint=[...])`,
CreateProcessingJob), or a training job's `sagemaker_submit_directory` (a folder, or the SDK's
sourcedir.tar.gz). The server runs code from the user's files, so remote code is fetched into
`.smstudio-code/<job>/` under the current folder."""

from __future__ import annotations

import io
import os
import tarfile
from typing import Any, Optional
from urllib.parse import unquote, urlparse

from .inputs import as_url

CODE_FOLDER = ".smstudio-code"


def _local(url_or_path: str) -> Optional[str]:
    """The local path a URL or path names, or None for remote storage (s3://)."""
    if url_or_path.startswith("file://"):
        return unquote(urlparse(url_or_path).path)
    return None if "://" in url_or_path else os.path.abspath(os.path.expanduser(url_or_path))


def _fetch(session: Any, url: str, job_name: str, name: str) -> str:
    target = os.path.join(os.getcwd(), CODE_FOLDER, job_name, name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as fh:
        fh.write(session.backend.read_bytes(url))
    return target


def script_of_entrypoint(
    session: Any, entrypoint: list[str], inputs: list[tuple[str, str]], job_name: str, argument: str
) -> tuple[list[str], str, list[str]]:
    """(command, local script, arguments) of an entrypoint such as ["python3", "/opt/ml/processing/input/code/
    run.py", "--x", "1"], where `inputs` are (source, container destination) pairs, one of which holds the script."""
    index = next((i for i, part in enumerate(entrypoint) if part.endswith(".py")), None)
    if index is None or index == 0:
        raise ValueError(
            f"'{argument}' must run a Python script (e.g. ['python3', '/opt/ml/processing/input/code/run.py']); "
            f"got {entrypoint!r}"
        )
    script = entrypoint[index]
    # the deepest destination first: /opt/ml/processing/input/code before /opt/ml/processing/input
    for source, destination in sorted(inputs, key=lambda i: -len(i[1].rstrip("/"))):
        folder = destination.rstrip("/") + "/"
        if not script.startswith(folder):
            continue
        relative = script[len(folder) :]
        # a file source lands as <destination>/<its name>; a folder source holds the script at its relative path
        base = source.rstrip("/")
        local = _local(base)
        if local is not None:
            if os.path.isfile(local):
                path = local if relative == os.path.basename(local) else None
            else:
                path = os.path.join(local, relative)
            if path and os.path.isfile(path):
                return entrypoint[:index], path, entrypoint[index + 1 :]
            continue
        url = as_url(base if base.rsplit("/", 1)[-1] == relative else f"{base}/{relative}")
        return entrypoint[:index], _fetch(session, url, job_name, os.path.basename(script)), entrypoint[index + 1 :]
    raise ValueError(
        f"'{argument}': no input provides {script} (add a ProcessingInput with the code, destination "
        f"{os.path.dirname(script)})"
    )


def source_dir_of(session: Any, submit_directory: str, job_name: str) -> str:
    """A local folder with the code of `sagemaker_submit_directory` (a folder, or a .tar.gz unpacked)."""
    if not submit_directory.endswith((".tar.gz", ".tgz")):
        local = _local(submit_directory)
        if local is None or not os.path.isdir(local):
            raise ValueError(f"'sagemaker_submit_directory': {submit_directory} is not a folder or a .tar.gz of code")
        return local
    data: bytes = session.backend.read_bytes(as_url(submit_directory))
    target = os.path.join(os.getcwd(), CODE_FOLDER, job_name, "source")
    os.makedirs(target, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        tar.extractall(target, filter="data")
    return target
