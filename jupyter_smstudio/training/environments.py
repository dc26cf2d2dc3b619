"""A job's requirements.txt installs into a virtual environment cached by the file's hash, built on
top of the server's packages (--system-site-packages), so the job's dependencies never leak into
the user's kernel and a second job with the same file starts at once."""

from __future__ import annotations

import fcntl
import hashlib
import subprocess
import sys
import venv
from pathlib import Path


def environment_for(requirements: Path, cache: Path) -> str:
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()[:16]
    target = cache / digest
    python = target / "bin" / "python"
    ready = target / ".ready"
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / f"{digest}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two jobs with the same file build it once
        if not ready.exists():
            print(f"smstudio: installing {requirements.name} into {target}", flush=True)
            venv.EnvBuilder(system_site_packages=True, with_pip=True, clear=True).create(target)
            subprocess.run(
                [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(requirements)],
                check=True,
                stdout=sys.stdout,
                stderr=sys.stdout,
            )
            ready.write_text(digest)
    return str(python)
