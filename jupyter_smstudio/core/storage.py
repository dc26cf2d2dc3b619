"""The "S3 URLs" of SageMaker: `file://` under the user's volume, `s3://` through fsspec/s3fs.

A user's URLs are confined, local and S3 alike: to their home volume, their storage root and the
configured shared roots (read and write), and to the read-only roots (read only). `..`, symlinks that
leave them, other users' folders and prefixes, other buckets and absolute paths elsewhere are refused
(403) before anything is read or written. Listings report a symlink itself (lstat), never its target.

What the file system refuses (a name too long, a folder where a file is meant, a file where a folder
is meant) is the request's fault: a 400 naming the field, never a 500.

An embedded SDK session (no server) is the user's own process: its storage is not confined
(`StorageService.confined = False`), it reaches any path the process can.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import os
import posixpath
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterator, Optional
from urllib.parse import unquote, urlparse

import fsspec

from .errors import BadRequest, Forbidden, NotFound
from .models import StorageEntry, StorageListing

if TYPE_CHECKING:
    from .settings import CoreSettings

SUPPORTED = ("file", "s3")
# Linux's limits (NAME_MAX, PATH_MAX less the NUL): checked before the file system is asked, so the answer
# names the field whatever the file system; a volume with smaller limits still answers ENAMETOOLONG (below)
NAME_MAX = 255
PATH_MAX = 4095


def _check_local_path(path: str, field_name: str) -> None:
    encoded = os.fsencode(path)
    if len(encoded) > PATH_MAX:
        raise BadRequest(
            f"'{field_name}': the path is {len(encoded)} bytes long; the limit is {PATH_MAX}", field=field_name
        )
    for part in encoded.split(b"/"):
        if len(part) > NAME_MAX:
            raise BadRequest(
                f"'{field_name}': a file or folder name in the path is {len(part)} bytes long; the limit is {NAME_MAX}",
                field=field_name,
            )


@contextmanager
def _fs_errors(url: str, field_name: str = "url") -> Iterator[None]:
    """What the file system refuses, as the request's error (400/403/404) naming the field, not a 500."""
    try:
        yield
    except FileNotFoundError as err:
        raise NotFound(f"{url} does not exist", field=field_name) from err
    except IsADirectoryError as err:
        raise BadRequest(f"'{field_name}': {url} is a folder, not a file", field=field_name) from err
    except (NotADirectoryError, FileExistsError) as err:
        # writing a/b where a is a file (NotADirectoryError, or FileExistsError from makedirs)
        raise BadRequest(f"'{field_name}': a part of {url} is a file, not a folder", field=field_name) from err
    except PermissionError as err:
        raise Forbidden(f"'{field_name}': the file system does not allow this on {url}", field=field_name) from err
    except OSError as err:
        if err.errno == errno.ENAMETOOLONG:
            raise BadRequest(f"'{field_name}': the path is too long for the file system", field=field_name) from err
        raise


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
    confined: bool = True  # False only in an embedded SDK session: the user's own process, any path it can reach

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
            raw = local_path(url, field_name) if scheme == "file" else url
            if self.confined and any(part == ".." for part in Path(raw).parts):
                raise Forbidden(f"'{field_name}': '..' is not allowed in storage paths", field=field_name)
            if not os.path.isabs(raw):
                raw = os.path.join(self.home_volume, raw)
            _check_local_path(os.path.abspath(raw), field_name)
            real = os.path.realpath(raw)
            _check_local_path(real, field_name)
            if self.confined and not any(_is_within(real, root) for root in self.allowed_roots("file", write)):
                self._refuse(url, field_name, write, any(_is_within(real, r) for r in self.allowed_roots("file")))
            return Location(url=Path(real).as_uri(), scheme="file", path=real, fs=fsspec.filesystem("file"))
        if scheme == "s3":
            if not parsed.netloc:
                raise BadRequest(f"'{field_name}': an s3:// URL needs a bucket", field=field_name)
            path = f"{parsed.netloc}{parsed.path}"
            if self.confined and any(part in ("..", ".") for part in path.split("/")):
                raise Forbidden(f"'{field_name}': '..' is not allowed in storage URLs", field=field_name)
            key = path.rstrip("/")
            if self.confined and not any(_within_prefix(key, root) for root in self.allowed_roots("s3", write)):
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
        with _fs_errors(url):
            if "w" in mode or "a" in mode:
                self._makedirs_parent(loc)
            fh: IO[Any] = loc.fs.open(loc.path, mode)
            return fh

    def _makedirs_parent(self, loc: Location) -> None:
        if loc.is_local:
            os.makedirs(os.path.dirname(loc.path), exist_ok=True)

    def read_bytes(self, url: str, limit: Optional[int] = None) -> bytes:
        loc = self.resolve(url)
        with _fs_errors(url):
            if loc.fs.isdir(loc.path):
                raise BadRequest(f"{url} is a directory", field="url")
            with loc.fs.open(loc.path, "rb") as fh:
                data: bytes = fh.read() if limit is None else fh.read(limit)
                return data

    def write_bytes(self, url: str, data: bytes) -> StorageEntry:
        loc = self.resolve(url, write=True)
        with _fs_errors(url):
            if loc.is_local and os.path.isdir(loc.path):  # checked first: nothing is created on the way
                raise BadRequest(f"'url': {url} is a folder, not a file", field="url")
            self._makedirs_parent(loc)
            with loc.fs.open(loc.path, "wb") as fh:
                fh.write(data)
        return self.info(loc.url)

    def exists(self, url: str) -> bool:
        loc = self.resolve(url)
        with _fs_errors(url):
            found: bool = loc.fs.exists(loc.path)
            return found

    def info(self, url: str) -> StorageEntry:
        loc = self.resolve(url)
        with _fs_errors(url):
            if loc.is_local:
                return _local_entry(loc.path)
            return _s3_entry(loc.fs.info(loc.path))

    def list(self, url: str) -> StorageListing:
        loc = self.resolve(url)
        with _fs_errors(url):
            if loc.is_local:
                return StorageListing(url=loc.url, entries=_local_listing(loc.path))
            if not loc.fs.isdir(loc.path):
                return StorageListing(url=loc.url, entries=[_s3_entry(loc.fs.info(loc.path))])
            infos = loc.fs.ls(loc.path, detail=True)
        entries = [_s3_entry(i) for i in infos if i["name"].rstrip("/") != loc.path.rstrip("/")]
        return StorageListing(url=loc.url, entries=sorted(entries, key=lambda e: e.name))

    def upload_file(self, local_path: str, url: str) -> str:
        """Copy a local file or folder (the caller's own) to `url`; returns the URL written."""
        loc = self.resolve(url, write=True)
        src = Path(local_path)
        if not src.exists():
            raise NotFound(f"{local_path} does not exist", field="local_path")
        with _fs_errors(url):
            if loc.is_local:
                os.makedirs(loc.path if src.is_dir() else os.path.dirname(loc.path), exist_ok=True)
            loc.fs.put(str(src), loc.path, recursive=src.is_dir())
        return loc.url

    def download(self, url: str, local_path: str) -> builtins.list[str]:  # `list` is a method here
        """Copy `url` (a file or a prefix) into the local folder or file `local_path`."""
        loc = self.resolve(url)
        with _fs_errors(url):
            return self._download(loc, url, local_path)

    def _download(self, loc: Location, url: str, local_path: str) -> builtins.list[str]:
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


def local_path(url: str, field_name: str = "url") -> str:
    parsed = urlparse(url)
    if parsed.netloc not in ("", "localhost"):
        raise BadRequest(
            f"'{field_name}': file URLs must be local (file:///path), got host '{parsed.netloc}'", field=field_name
        )
    return unquote(parsed.path)


def _local_entry(path: str, st: Optional[os.stat_result] = None) -> StorageEntry:
    """A local file, folder or symlink as it is itself (lstat): a symlink is never followed, so a link to
    /etc or to another user's volume tells nothing of its target (resolving it again is refused)."""
    st = st or os.lstat(path)
    link = stat.S_ISLNK(st.st_mode)
    folder = stat.S_ISDIR(st.st_mode)
    return StorageEntry(
        url=Path(path).as_uri(),
        name=os.path.basename(path.rstrip("/")) or path,
        type="directory" if folder else "file",
        size=None if folder else st.st_size,
        modified=datetime.fromtimestamp(st.st_mtime, tz=timezone.utc),
        symlink=link,
    )


def _local_listing(path: str) -> builtins.list[StorageEntry]:
    if not os.path.isdir(path):  # `path` is resolved already: a file lists as itself
        return [_local_entry(path)]
    entries = []
    with os.scandir(path) as found:
        for item in found:
            try:
                entries.append(_local_entry(item.path, item.stat(follow_symlinks=False)))
            except FileNotFoundError:  # removed while listing
                continue
    return sorted(entries, key=lambda e: e.name)


def _s3_entry(info: dict[str, Any]) -> StorageEntry:
    """An S3 object or prefix as s3fs describes it (local entries: `_local_entry`)."""
    name = info["name"].rstrip("/")
    url = f"s3://{name}"
    modified = info.get("mtime") or info.get("LastModified")
    if isinstance(modified, (int, float)):
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
    # False only for an embedded SDK session (sdk/session.py): it is the user's own process, and a script in
    # ~/project/scripts may read ~/project/data; every request that reaches a server stays confined
    confined: bool = True

    @classmethod
    def from_settings(cls, settings: CoreSettings) -> StorageService:
        """The deployment's storage from its settings (needs no store: it answers while the store is down)."""
        return cls(
            root_url_template=settings.storage_root,
            home_volume_template=settings.home_volume,
            shared_roots=list(settings.shared_roots),
            readonly_roots=list(settings.readonly_roots),
            s3_options=dict(settings.s3_options),
            s3_options_for_user=settings.s3_options_for_user,
            variables={
                "smstudio_home": os.path.abspath(os.path.expanduser(settings.smstudio_home)),
                "root_dir": os.path.abspath(os.path.expanduser(settings.root_dir)),
            },
        )

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
            confined=self.confined,
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
