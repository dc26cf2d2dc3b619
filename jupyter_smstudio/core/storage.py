"""The "S3 URLs" of SageMaker: `file://` under the user's volume, `s3://` through fsspec/s3fs.

A user's URLs are confined, local and S3 alike: to their home volume, their storage root and the
configured shared roots (read and write), and to the read-only roots (read only). `..`, symlinks that
leave them, other users' folders and prefixes, other buckets and absolute paths elsewhere are refused
(403) before anything is read or written.
"""

from __future__ import annotations

import builtins
import hashlib
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Optional
from urllib.parse import unquote, urlparse

import fsspec

from .errors import BadRequest, Forbidden, NotFound
from .models import StorageEntry, StorageListing

SUPPORTED = ("file", "s3")


def _is_within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:
        return False


def file_url(path: str | os.PathLike[str]) -> str:
    return Path(path).absolute().as_uri()


def join_url(base: str, *parts: str) -> str:
    base = base.rstrip("/")
    tail = "/".join(p.strip("/") for p in parts if p)
    return f"{base}/{tail}" if tail else base


@dataclass
class Location:
    url: str
    scheme: str
    path: str  # local absolute path or "bucket/key"
    fs: Any

    @property
    def is_local(self) -> bool:
        return self.scheme == "file"


def _root(entry: str) -> tuple[str, str]:
    """A configured root as (scheme, path): a local folder's real path, or an S3 prefix as bucket/key."""
    if entry.startswith("s3://"):
        return "s3", entry[len("s3://") :].strip("/")
    path = local_path(entry) if entry.startswith("file://") else os.path.expanduser(entry)
    return "file", os.path.realpath(os.path.abspath(path))


def _within_prefix(key: str, prefix: str) -> bool:
    return key == prefix or key.startswith(prefix + "/")


@dataclass
class UserStorage:
    """Storage as one user sees it."""

    user: str
    home_volume: str
    root_url: str
    shared_roots: list[str] = field(default_factory=list)  # local folders or s3:// prefixes, read and write
    s3_options: dict[str, Any] = field(default_factory=dict)
    readonly_roots: list[str] = field(default_factory=list)  # local folders or s3:// prefixes, read only

    # -- resolving -------------------------------------------------------------------------
    def allowed_roots(self, scheme: str = "file", write: bool = False) -> list[str]:
        """Where this user may read (or, with `write`, write) for `scheme`, as real paths or bucket/key prefixes."""
        entries = [self.home_volume, self.root_url, *self.shared_roots]
        if not write:
            entries += self.readonly_roots
        return [path for kind, path in map(_root, entries) if kind == scheme]

    def resolve(self, url: str, field_name: str = "url", write: bool = False) -> Location:
        """The location of `url`, once it is known to be inside this user's roots (a 403 otherwise)."""
        if not isinstance(url, str) or not url.strip():
            raise BadRequest(f"'{field_name}' must be a non-empty URL or path", field=field_name)
        url = url.strip()
        parsed = urlparse(url)
        scheme = parsed.scheme.lower()
        if scheme in ("", "file") or (len(scheme) == 1 and os.name == "nt"):
            raw = local_path(url) if scheme == "file" else url
            if any(part == ".." for part in Path(raw).parts):
                raise Forbidden(f"'{field_name}': '..' is not allowed in storage paths", field=field_name)
            if not os.path.isabs(raw):
                raw = os.path.join(self.home_volume, raw)
            real = os.path.realpath(raw)
            if not any(_is_within(real, root) for root in self.allowed_roots("file", write)):
                self._refuse(url, field_name, write, any(_is_within(real, r) for r in self.allowed_roots("file")))
            return Location(url=Path(real).as_uri(), scheme="file", path=real, fs=fsspec.filesystem("file"))
        if scheme == "s3":
            if not parsed.netloc:
                raise BadRequest(f"'{field_name}': an s3:// URL needs a bucket", field=field_name)
            path = f"{parsed.netloc}{parsed.path}"
            if any(part in ("..", ".") for part in path.split("/")):
                raise Forbidden(f"'{field_name}': '..' is not allowed in storage URLs", field=field_name)
            key = path.rstrip("/")
            if not any(_within_prefix(key, root) for root in self.allowed_roots("s3", write)):
                self._refuse(url, field_name, write, any(_within_prefix(key, r) for r in self.allowed_roots("s3")))
            return Location(url=f"s3://{path}", scheme="s3", path=path, fs=self._s3())
        raise BadRequest(f"'{field_name}': unsupported URL scheme '{scheme}' (use file:// or s3://)", field=field_name)

    @staticmethod
    def _refuse(url: str, field_name: str, write: bool, readable: bool) -> None:
        if write and readable:
            raise Forbidden(f"'{field_name}': {url} is in read-only shared storage", field=field_name)
        raise Forbidden(f"'{field_name}': {url} is outside your storage and shared storage", field=field_name)

    def _s3(self) -> Any:  # an s3fs filesystem (fsspec has no types)
        opts = dict(self.s3_options)
        endpoint = opts.pop("endpoint_url", None)
        if endpoint:
            opts.setdefault("client_kwargs", {})["endpoint_url"] = endpoint
        return fsspec.filesystem("s3", skip_instance_cache=False, **opts)

    # -- operations ------------------------------------------------------------------------
    def open(self, url: str, mode: str = "rb") -> IO[Any]:
        loc = self.resolve(url, write="w" in mode or "a" in mode)
        if "w" in mode or "a" in mode:
            self._makedirs_parent(loc)
        try:
            fh: IO[Any] = loc.fs.open(loc.path, mode)
            return fh
        except FileNotFoundError as err:
            raise NotFound(f"{url} does not exist", field="url") from err

    def _makedirs_parent(self, loc: Location) -> None:
        if loc.is_local:
            os.makedirs(os.path.dirname(loc.path), exist_ok=True)

    def read_bytes(self, url: str, limit: Optional[int] = None) -> bytes:
        loc = self.resolve(url)
        try:
            if loc.fs.isdir(loc.path):
                raise BadRequest(f"{url} is a directory", field="url")
            with loc.fs.open(loc.path, "rb") as fh:
                data: bytes = fh.read() if limit is None else fh.read(limit)
                return data
        except FileNotFoundError as err:
            raise NotFound(f"{url} does not exist", field="url") from err

    def write_bytes(self, url: str, data: bytes) -> StorageEntry:
        loc = self.resolve(url, write=True)
        self._makedirs_parent(loc)
        with loc.fs.open(loc.path, "wb") as fh:
            fh.write(data)
        return self.info(loc.url)

    def exists(self, url: str) -> bool:
        loc = self.resolve(url)
        found: bool = loc.fs.exists(loc.path)
        return found

    def info(self, url: str) -> StorageEntry:
        loc = self.resolve(url)
        try:
            info = loc.fs.info(loc.path)
        except FileNotFoundError as err:
            raise NotFound(f"{url} does not exist", field="url") from err
        return _entry(loc, info)

    def list(self, url: str) -> StorageListing:
        loc = self.resolve(url)
        try:
            if not loc.fs.isdir(loc.path):
                return StorageListing(url=loc.url, entries=[_entry(loc, loc.fs.info(loc.path))])
            infos = loc.fs.ls(loc.path, detail=True)
        except FileNotFoundError as err:
            raise NotFound(f"{url} does not exist", field="url") from err
        entries = [_entry(loc, i) for i in infos if i["name"].rstrip("/") != loc.path.rstrip("/")]
        return StorageListing(url=loc.url, entries=sorted(entries, key=lambda e: e.name))

    def upload_file(self, local_path: str, url: str) -> str:
        """Copy a local file or folder (the caller's own) to `url`; returns the URL written."""
        loc = self.resolve(url, write=True)
        src = Path(local_path)
        if not src.exists():
            raise NotFound(f"{local_path} does not exist", field="local_path")
        if loc.is_local:
            os.makedirs(loc.path if src.is_dir() else os.path.dirname(loc.path), exist_ok=True)
        loc.fs.put(str(src), loc.path, recursive=src.is_dir())
        return loc.url

    def download(self, url: str, local_path: str) -> builtins.list[str]:  # `list` is a method here
        """Copy `url` (a file or a prefix) into the local folder or file `local_path`."""
        loc = self.resolve(url)
        if not loc.fs.exists(loc.path):
            raise NotFound(f"{url} does not exist", field="url")
        dest = Path(local_path)
        if loc.fs.isdir(loc.path):
            dest.mkdir(parents=True, exist_ok=True)
            files = list(loc.fs.find(loc.path))
            out = []
            for f in files:
                rel = posixpath.relpath(f, loc.path.rstrip("/"))
                target = dest / rel
                if not _is_within(os.path.realpath(target), os.path.realpath(dest)):
                    raise Forbidden(f"{url}: the object {f} would land outside {local_path}", field="url")
                target.parent.mkdir(parents=True, exist_ok=True)
                loc.fs.get(f, str(target))
                out.append(str(target))
            return out
        if dest.is_dir() or local_path.endswith(("/", os.sep)):
            dest.mkdir(parents=True, exist_ok=True)
            dest = dest / posixpath.basename(loc.path)
        dest.parent.mkdir(parents=True, exist_ok=True)
        loc.fs.get(loc.path, str(dest))
        return [str(dest)]


def local_path(url: str) -> str:
    parsed = urlparse(url)
    if parsed.netloc not in ("", "localhost"):
        raise BadRequest(f"file URLs must be local (file:///path), got host '{parsed.netloc}'", field="url")
    return unquote(parsed.path)


def _entry(loc: Location, info: dict[str, Any]) -> StorageEntry:
    name = info["name"].rstrip("/")
    if loc.is_local:
        url = Path(name).as_uri()
    else:
        url = f"s3://{name}"
    modified = info.get("mtime") or info.get("LastModified")
    if isinstance(modified, (int, float)):
        from datetime import datetime, timezone

        modified = datetime.fromtimestamp(modified, tz=timezone.utc)
    return StorageEntry(
        url=url,
        name=posixpath.basename(name),
        type="directory" if info.get("type") == "directory" else "file",
        size=info.get("size") if info.get("type") != "directory" else None,
        modified=modified if modified else None,
    )


@dataclass
class StorageService:
    """Builds each user's view from the deployment's templates (`{user}`, `{smstudio_home}`, `{root_dir}`).

    `s3_options` string values are templates too (`"key": "{user}-key"`), and `s3_options_for_user`, when
    set, gives each user their own credentials: a shared key would let one user's jobs reach another's."""

    root_url_template: str
    home_volume_template: str
    shared_roots: list[str]
    s3_options: dict[str, Any]
    variables: dict[str, str]
    readonly_roots: list[str] = field(default_factory=list)
    s3_options_for_user: Optional[Callable[[str], dict[str, Any]]] = None

    def for_user(self, user: str) -> UserStorage:
        values = {**self.variables, "user": _safe_user(user)}
        home = os.path.abspath(os.path.expanduser(self.home_volume_template.format(**values)))
        root = self.root_url_template.format(**values)
        if "://" not in root:
            root = file_url(os.path.expanduser(root))
        os.makedirs(home, exist_ok=True)
        if root.startswith("file://"):
            os.makedirs(local_path(root), exist_ok=True)
        return UserStorage(
            user=user,
            home_volume=home,
            root_url=root.rstrip("/"),
            shared_roots=[_expand(p, values) for p in self.shared_roots],
            readonly_roots=[_expand(p, values) for p in self.readonly_roots],
            s3_options=self._s3_options(user, values),
        )

    def _s3_options(self, user: str, values: dict[str, str]) -> dict[str, Any]:
        if self.s3_options_for_user is not None:
            return dict(self.s3_options_for_user(user))
        return {k: v.format(**values) if isinstance(v, str) else v for k, v in self.s3_options.items()}


def _expand(entry: str, values: dict[str, str]) -> str:
    entry = entry.format(**values)
    return entry if "://" in entry else os.path.abspath(os.path.expanduser(entry))


def _safe_user(user: str) -> str:
    """A user name as a folder name, one-to-one: a name of letters, digits and `-_.@` is itself; any other
    name gets a digest of itself appended (`~` cannot occur in the first kind), so `alice+x` and `alice_x`
    never share a folder."""
    if user in ("", ".", ".."):
        raise Forbidden("this user name cannot own storage")
    safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in user)
    if safe != user:
        safe = f"{safe[:64]}~{hashlib.sha256(user.encode()).hexdigest()[:16]}"
    return safe
