"""`S3Uploader`, `S3Downloader` and the URL helpers of `sagemaker.s3`, for file:// and s3:// URLs."""

from __future__ import annotations

import builtins
import os
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import urlparse

from ..core.storage import join_url

if TYPE_CHECKING:
    from .session import Session


def parse_s3_url(url: str) -> tuple[str, str]:
    parsed = urlparse(url)
    if parsed.scheme not in ("s3", "file"):
        raise ValueError(f"Expecting 's3' or 'file' scheme, got: {parsed.scheme} in {url}.")
    return parsed.netloc, parsed.path.lstrip("/")


def s3_path_join(*args: str, with_end_slash: bool = False) -> str:
    parts = [a for a in args if a]
    if not parts:
        return ""
    head, *rest = parts
    joined = join_url(head, *rest) if rest else head.rstrip("/") if "://" not in head else head
    return joined.rstrip("/") + "/" if with_end_slash else joined


def _session(sagemaker_session: Any) -> Session:
    from .session import Session

    session: Session = sagemaker_session or Session()
    return session


class S3Uploader:
    @staticmethod
    def upload(
        local_path: str,
        desired_s3_uri: str,
        kms_key: Optional[str] = None,
        sagemaker_session: Any = None,
        callback: Any = None,
    ) -> str:
        """Upload a file (to desired_s3_uri/<name>) or a folder's contents (under desired_s3_uri)."""
        return _session(sagemaker_session).upload_path(local_path, desired_s3_uri)

    @staticmethod
    def upload_string_as_file_body(
        body: str, desired_s3_uri: Optional[str] = None, kms_key: Optional[str] = None, sagemaker_session: Any = None
    ) -> Optional[str]:  # SageMaker's signature: the URI is optional, and the store refuses None
        _session(sagemaker_session).backend.write_bytes(desired_s3_uri, body.encode("utf-8"))
        return desired_s3_uri

    @staticmethod
    def upload_bytes(b: bytes, s3_uri: str, kms_key: Optional[str] = None, sagemaker_session: Any = None) -> str:
        data = b if isinstance(b, (bytes, bytearray)) else b.read()
        _session(sagemaker_session).backend.write_bytes(s3_uri, bytes(data))
        return s3_uri


class S3Downloader:
    @staticmethod
    def list(s3_uri: str, sagemaker_session: Any = None) -> list[str]:
        """Every file under the URL, recursively, as URLs."""
        backend = _session(sagemaker_session).backend
        out: list[str] = []
        stack = [s3_uri]
        while stack:
            for entry in backend.list(stack.pop())["entries"]:
                (stack if entry["type"] == "directory" else out).append(entry["url"])
        return sorted(out)

    @staticmethod
    def read_file(s3_uri: str, sagemaker_session: Any = None) -> str:
        data: bytes = _session(sagemaker_session).backend.read_bytes(s3_uri)
        return data.decode("utf-8")

    @staticmethod
    def read_bytes(s3_uri: str, sagemaker_session: Any = None) -> bytes:
        data: bytes = _session(sagemaker_session).backend.read_bytes(s3_uri)
        return data

    @staticmethod
    def download(
        s3_uri: str, local_path: str, kms_key: Optional[str] = None, sagemaker_session: Any = None
    ) -> builtins.list[str]:  # `list` is a method here
        """Download a file or everything under a prefix into the folder `local_path`."""
        session = _session(sagemaker_session)
        entries = session.backend.list(s3_uri)["entries"]
        single = len(entries) == 1 and entries[0]["type"] == "file" and _normal(entries[0]["url"]) == _normal(s3_uri)
        files = [entries[0]["url"]] if single else S3Downloader.list(s3_uri, sagemaker_session=session)
        base = _normal(s3_uri)
        written = []
        for url in files:
            rel = os.path.basename(url) if single else _normal(url)[len(base) :].lstrip("/")
            target = os.path.join(local_path, rel)
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(session.backend.read_bytes(url))
            written.append(target)
        return written


def _normal(url: str) -> str:
    """file:///a/b and /a/b compare equal; trailing slashes do not matter."""
    if url.startswith("file://"):
        return "file://" + urlparse(url).path.rstrip("/")
    return url.rstrip("/")
