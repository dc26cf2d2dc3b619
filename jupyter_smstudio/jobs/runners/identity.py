"""Jobs as their owner's own OS user (`c.SmStudio.job_os_user`), for a server shared by several people.

A job otherwise runs as the server's OS user, so its code can read the store file and every user's folders
(docs/security.md). With a server that runs as root, the launcher starts each job's command as the OS user
the setting names for the job's owner: the job's folders and the user's storage root are given to that user
(mode 0700), and the store stays the server's (0600), out of the job's reach.
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


def hand_over(who: JobIdentity, private: Iterable[str], writable: Iterable[str]) -> None:
    """`private` folders become the user's alone (0700); `writable` ones (the job's own) the user's."""
    for folder in private:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        os.chown(path, who.uid, who.gid)
        os.chmod(path, stat.S_IRWXU)
    for folder in writable:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        for item in [path, *path.iterdir()]:  # the folder and what the launcher made in it (log, metrics)
            os.chown(item, who.uid, who.gid, follow_symlinks=False)


def protect_store(store_files: Iterable[str], home: str) -> None:
    """The server's own files stay its own: the store 0600; its home may be crossed (users' storage lies
    below it) but not listed."""
    for name in store_files:
        if os.path.exists(name):
            os.chmod(name, stat.S_IRUSR | stat.S_IWUSR)
    if os.path.isdir(home):
        os.chmod(home, stat.S_IRWXU | stat.S_IXGRP | stat.S_IXOTH)
