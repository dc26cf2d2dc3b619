"""The git commit a script runs from, for trial-component lineage (trial-to-commit).

Plain `git` subprocess calls: two read-only commands do not justify GitPython in the core."""

from __future__ import annotations

import subprocess
from typing import Optional


def _git(folder: str, *args: str) -> Optional[str]:
    try:
        out = subprocess.run(["git", "-C", folder, *args], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def commit_of(folder: str) -> Optional[dict[str, object]]:
    """{'commit', 'repository', 'dirty'} when `folder` is inside a git work tree, else None."""
    commit = _git(folder, "rev-parse", "HEAD")
    if not commit:
        return None
    repository = _git(folder, "config", "--get", "remote.origin.url") or _git(folder, "rev-parse", "--show-toplevel")
    dirty = bool(_git(folder, "status", "--porcelain", "--untracked-files=no"))
    return {"commit": commit, "repository": repository, "dirty": dirty}
