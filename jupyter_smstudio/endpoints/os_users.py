"""Endpoint instances as their owner's OS user (`c.SmStudio.job_os_user`), as jobs run (jobs/runners/identity.py).

The server fetches the model and code into the endpoint's folder as it always does; that folder stays the
server's (so the user can plant no symlink for it to follow) and its group becomes the user's, readable and not
writable: the instance, started as the user, reads its model and code, and reaches neither the store nor another
user's endpoint. Its log is written through the file the server opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from ..jobs.runners.identity import JobIdentity, identity_of

__all__ = ["JobIdentity", "identity_of", "popen_as", "share_with"]


def share_with(folder: Path, who: JobIdentity) -> None:
    """`folder` and what is below it: the server's, readable by `who`'s group alone (links are not followed)."""
    for top, dirs, files in os.walk(folder, followlinks=False):
        os.chown(top, -1, who.gid, follow_symlinks=False)
        os.chmod(top, stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP)
        for name in files:
            path = os.path.join(top, name)
            if os.path.islink(path):
                continue
            mode = os.stat(path, follow_symlinks=False).st_mode
            run = stat.S_IXUSR | stat.S_IXGRP if mode & stat.S_IXUSR else 0
            os.chown(path, -1, who.gid, follow_symlinks=False)
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | run)
        for name in dirs:  # walked next; a link to a folder is left as it is (never followed)
            if os.path.islink(os.path.join(top, name)):
                dirs.remove(name)


def popen_as(who: JobIdentity, env: dict[str, str]) -> dict[str, Any]:
    """subprocess.Popen's arguments that start the instance as `who`, with that user's own variables."""
    return {
        "env": {**env, "HOME": who.home, "USER": who.name, "LOGNAME": who.name},
        "user": who.uid,
        "group": who.gid,
        "extra_groups": [],
        "umask": 0o077,
    }
