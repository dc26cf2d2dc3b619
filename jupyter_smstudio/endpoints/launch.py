"""`python -m jupyter_smstudio.endpoints.launch --port N`: an instance whose code has a requirements.txt.

As SageMaker's framework containers do, the model's `requirements.txt` (in SAGEMAKER_SUBMIT_DIRECTORY) is
installed before the model server starts: into the virtual environment training uses, cached by the file's hash
(training/environments.py), so an instance replaced or scaled out later starts at once. Then this process becomes
the model server (serving/) in that environment. A requirement that fails to install ends the process with
pip's error as the last line of the instance's log, which the room reads as the endpoint's FailureReason.

An inference pipeline's containers run in one process, so their requirements.txt files (in order) make one
environment; requirements that conflict fail the endpoint with pip's error.

The environment sees the server's packages after its own (the model server needs uvicorn and this package;
the requirements' versions win), whatever Python the environment was created from.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

REQUIREMENTS = "requirements.txt"
SUBMIT_DIR = "SAGEMAKER_SUBMIT_DIRECTORY"
ENVIRONMENTS = "SMSTUDIO_ENVIRONMENTS_DIR"  # the cache of environments (artifacts.py sets it)
SERVER_PATH = "SMSTUDIO_SERVER_PATH"  # the server's package folders, for the environment's Python

# Run by the environment's Python: the server's folders go right after the environment's own site-packages
# (before the base Python's), their .pth files read as site-packages' are; then the model server.
BOOT = """
import json, os, runpy, site, sys
own = site.getsitepackages()[0]
before = list(sys.path)
for folder in json.loads(os.environ.pop("SMSTUDIO_SERVER_PATH")):
    site.addsitedir(folder)
added = [p for p in sys.path if p not in before]
at = before.index(own) + 1 if own in before else len(before)
sys.path[:] = before[:at] + added + before[at:]
sys.argv[0] = "jupyter_smstudio.endpoints.serving"
runpy.run_module("jupyter_smstudio.endpoints.serving", run_name="__main__", alter_sys=True)
"""


PIPELINE = "SMSTUDIO_PIPELINE"  # an inference pipeline's containers in order, each with its code_dir (serving/)


def requirements_of(code_dir: str) -> Path | None:
    path = Path(code_dir) / REQUIREMENTS
    return path if path.is_file() else None


def requirement_files(env: Mapping[str, str]) -> list[Path]:
    """The requirements.txt files an instance with this environment installs: its code's, or each of its
    pipeline's containers' in order."""
    steps = json.loads(env[PIPELINE]) if env.get(PIPELINE) else [{"code_dir": env.get(SUBMIT_DIR, "")}]
    return [path for step in steps if (path := requirements_of(str(step.get("code_dir") or "")))]


def _one_file(files: list[Path]) -> Path:
    """A pipeline's files as one (the environment's cache key is its content)."""
    if len(files) == 1:
        return files[0]
    combined = Path(tempfile.mkdtemp(prefix="smstudio-requirements-")) / REQUIREMENTS
    combined.write_text("".join(f.read_text().rstrip("\n") + "\n" for f in files))
    return combined


def server_path() -> list[str]:
    """Where the server finds its packages: this package's folder and its site-packages."""
    return [str(Path(__file__).resolve().parents[2]), *site.getsitepackages()]


def main() -> None:
    from ..training.environments import environment_for

    files = requirement_files(os.environ)
    if not files:  # nothing to install: the server's Python serves
        python = sys.executable
    else:
        try:
            python = environment_for(_one_file(files), Path(os.environ[ENVIRONMENTS]))
        except subprocess.CalledProcessError:
            # pip said why on this log already: its last line stays the log's last line (the FailureReason)
            sys.stdout.flush()
            os._exit(1)
    env = dict(os.environ)
    env[SERVER_PATH] = json.dumps(server_path())
    env.pop("PYTHONPATH", None)  # the server's folders come after the environment's own (BOOT)
    sys.stdout.flush()
    os.execve(python, [python, "-c", BOOT, *sys.argv[1:]], env)


if __name__ == "__main__":
    main()
