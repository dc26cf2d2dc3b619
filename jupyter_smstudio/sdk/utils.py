"""`sagemaker.utils`: the helpers notebooks import (names, timestamps, image names, tarballs, config lookups).

Names carry SageMaker's timestamps: `name_from_base("x")` is `x-2024-05-01-12-30-45-123`,
`unique_name_from_base("x")` is `x-1714566645-1a2b`, so code that parses or trims them behaves the same."""

from __future__ import annotations

import os
import re
import secrets
import tarfile
import tempfile
import time
from typing import Any, Iterator, Optional, Union

from ..core.names import name_from_base as _name_from_base

_STAMPED = re.compile(r"^(.+)-(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}|\d{6}-\d{4})")
_IMAGE = re.compile(r"^(.+/)?([^:/]+)(:[^:]+)?$")


def sagemaker_timestamp() -> str:
    """`%Y-%m-%d-%H-%M-%S-<milliseconds>` in UTC."""
    now = time.time()
    return time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime(now)) + f"-{int(now * 1000) % 1000:03d}"


def sagemaker_short_timestamp() -> str:
    """`%y%m%d-%H%M` (local time, as SageMaker's)."""
    return time.strftime("%y%m%d-%H%M")


def name_from_base(base: str, max_length: int = 63, short: bool = False) -> str:
    """`<base>-<timestamp>`, `base` trimmed so the whole fits in `max_length`."""
    if not short and max_length >= 63:
        return _name_from_base(base, max_length)  # the job names the server makes, one implementation
    stamp = sagemaker_short_timestamp() if short else sagemaker_timestamp()
    return f"{base[: max(max_length - len(stamp) - 1, 0)]}-{stamp}"


def unique_name_from_base(base: str, max_length: int = 63) -> str:
    """`<base>-<epoch seconds>-<4 hex digits>`, trimmed to `max_length`."""
    stamp, unique = str(int(time.time())), secrets.token_hex(2)
    return f"{base[: max(max_length - 2 - len(stamp) - len(unique), 0)]}-{stamp}-{unique}"


def base_from_name(name: str) -> str:
    """The base of a name made by name_from_base (the name itself when it has no timestamp)."""
    match = _STAMPED.match(name)
    return match.group(1) if match else name


def base_name_from_image(image: Optional[str], default_base_name: Optional[str] = None) -> str:
    """An image's repository name: `.../sagemaker-scikit-learn:1.2-1-cpu-py3` -> `sagemaker-scikit-learn`."""
    if not image:
        if default_base_name is None:
            raise ValueError("base_name_from_image needs an image (or default_base_name)")
        return default_base_name
    match = _IMAGE.match(image)
    return match.group(2) if match else image


def name_from_image(image: str, max_length: int = 63) -> str:
    return name_from_base(base_name_from_image(image), max_length=max_length)


def build_dict(key: str, value: Any) -> dict[str, Any]:
    """`{key: value}`, or `{}` when value is empty (for optional request fields)."""
    return {key: value} if value else {}


def get_config_value(key_path: str, config: Optional[dict[str, Any]]) -> Any:
    """The value at a dotted path (`"local.region_name"`) of a nested dict, None when absent."""
    current: Any = config
    for key in key_path.split("."):
        if not isinstance(current, dict) or key not in current:
            return None
        current = current[key]
    return current


def get_short_version(framework_version: str) -> str:
    """`1.13.1` -> `1.13`."""
    return ".".join(framework_version.split(".")[:2])


def get_ecr_image_uri_prefix(account: str, region: str) -> str:
    domain = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    return f"{account}.dkr.ecr.{region}.{domain}"


def format_tags(tags: Union[None, dict[str, str], list[dict[str, str]]]) -> Optional[list[dict[str, str]]]:
    """SageMaker's tag list (`[{"Key": ..., "Value": ...}]`) from a dict or a list."""
    if isinstance(tags, dict):
        return [{"Key": str(k), "Value": str(v)} for k, v in tags.items()]
    return tags


def create_tar_file(source_files: list[str], target: Optional[str] = None) -> str:
    """A .tar.gz of the files (each at the top level; folders whole); returns its path."""
    if target is None:
        fd, target = tempfile.mkstemp(suffix=".tar.gz")
        os.close(fd)
    with tarfile.open(target, "w:gz") as tar:
        for path in source_files:
            tar.add(path, arcname=os.path.basename(path.rstrip("/")))
    return target


def download_folder(bucket_name: str, prefix: str, target: str, sagemaker_session: Any) -> None:
    """Every file under `<bucket>/<prefix>` into the local folder `target`."""
    sagemaker_session.download_data(target, bucket_name, key_prefix=prefix)


def download_file(bucket_name: str, path: str, target: str, sagemaker_session: Any) -> None:
    """One file, `<bucket>/<path>`, to the local path `target`."""
    from ..core.storage import join_url

    bucket = bucket_name if "://" in bucket_name else f"s3://{bucket_name}"
    data: bytes = sagemaker_session.backend.read_bytes(join_url(bucket, path))
    with open(target, "wb") as fh:
        fh.write(data)


def retries(max_retry_count: int, exception_message_prefix: str, seconds_to_sleep: float = 2) -> Iterator[int]:
    """`for _ in retries(5, "waiting for x"): ...; break` — raises once the tries are spent."""
    for i in range(max_retry_count):
        yield max_retry_count - i
        time.sleep(seconds_to_sleep)
    raise Exception(f"'{exception_message_prefix}' has reached the maximum retry count of {max_retry_count}")
