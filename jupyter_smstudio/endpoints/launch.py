"""`python -m jupyter_smstudio.endpoints.launch --port N`: an instance whose code folder has a requirements.txt.

As SageMaker's framework containers do, the model's `requirements.txt` (in SAGEMAKER_SUBMIT_DIRECTORY) is
installed before the model server starts: into the virtual environment training uses, cached by the file's hash
(training/environments.py), so an instance replaced or scaled out later starts at once. Then this process becomes
the model server (serving/) in that environment. A requirement that fails to install ends the process with
pip's error as the last line of the instance's log, which the room reads as the endpoint's FailureReason.

The environment sees the server's packages after its own (the model server needs uvicorn and this package;
the requirements' versions win), whatever Python the environment was created from.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

REQUIREMENTS = "requirements.txt"
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


def requirements_of(code_dir: str) -> Path | None:
    path = Path(code_dir) / REQUIREMENTS
    return path if path.is_file() else None


def server_path() -> list[str]:
    """Where the server finds its packages: this package's folder and its site-packages."""
    return [str(Path(__file__).resolve().parents[2]), *site.getsitepackages()]


def main() -> None:
    from ..training.environments import environment_for

    requirements = requirements_of(os.environ.get("SAGEMAKER_SUBMIT_DIRECTORY", ""))
    if requirements is None:  # nothing to install: the server's Python serves
        python = sys.executable
    else:
        try:
            python = environment_for(requirements, Path(os.environ[ENVIRONMENTS]))
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
