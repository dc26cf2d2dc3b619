"""Jobs as their owner's own OS user (`c.SmStudio.job_os_user`), for a server shared by several people.

A job otherwise runs as the server's OS user, so its code can read the store file and every user's folders
(docs/security.md). With a server that runs as root, the local runner starts each job's launcher as the OS user
the setting names for the job's owner, so everything in the job's folders is done by that user: root never
writes below a folder a user controls (a symlink planted there could point it anywhere). The one thing root
does is give the user their storage root (mode 0700), whose parent is the server's.
"""

from __future__ import annotations

import os
import pwd
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True)
class JobIdentity:
    name: str
    uid: int
    gid: int
    home: str


class NoSuchUser(Exception):
    pass


def identity_of(name: str) -> JobIdentity:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise NoSuchUser(f"no OS user named {name!r} to run the job as (c.SmStudio.job_os_user)") from None
    return JobIdentity(name=entry.pw_name, uid=entry.pw_uid, gid=entry.pw_gid, home=entry.pw_dir)


def make_private(folder: str, who: JobIdentity) -> None:
    """`folder` (a user's storage root) becomes `who`'s alone (0700). Its parent must be the server's and
    writable by no one else, so the user cannot swap the folder for a symlink; a symlink there is refused."""
    path = Path(folder)
    parent = path.parent.stat()
    if parent.st_uid != os.geteuid() or parent.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise PermissionError(f"{path.parent} must belong to the server's user and be writable by it alone")
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)  # fails on a symlink
    try:
        mine = os.fstat(fd).st_uid == who.uid
        os.fchown(fd, who.uid, who.gid)
        os.fchmod(fd, stat.S_IRWXU)
    finally:
        os.close(fd)
    if not mine:  # the first time: what the server wrote there before is handed over too (never following links)
        _hand_over_tree(path, who)


def _hand_over_tree(root: Path, who: JobIdentity) -> None:
    for top, dirs, files in os.walk(root, followlinks=False):
        for name in [*dirs, *files]:
            os.chown(os.path.join(top, name), who.uid, who.gid, follow_symlinks=False)


def protect_store(store_files: Iterable[str], home: str) -> None:
    """The server's own files stay its own: the store 0600; its home may be crossed (users' storage lies
    below it) but not listed."""
    for name in store_files:
        if os.path.exists(name):
            os.chmod(name, stat.S_IRUSR | stat.S_IWUSR)
    if os.path.isdir(home):
        os.chmod(home, stat.S_IRWXU | stat.S_IXGRP | stat.S_IXOTH)
