"""Jupyter Server configuration for the Galata UI tests.

Each run gets a fresh root directory (galata's helper) and a fresh SMSTUDIO_HOME, so the
job database and storage start empty.

The usual set-up installs the package first (`pip install -e .` from the repository root).
When it is not installed, this file falls back to the working tree: the repository goes on
sys.path and its built labextension (`jlpm build`) is linked into a temporary labextensions
folder.
"""

import importlib.util
import os
import sys
from pathlib import Path
from tempfile import mkdtemp

from jupyterlab.galata import configure_jupyter_server

# Set before the server extension loads: SmStudio reads $SMSTUDIO_HOME for its state folder.
os.environ["SMSTUDIO_HOME"] = mkdtemp(prefix="smstudio-galata-")

configure_jupyter_server(c)  # noqa: F821

c.ServerApp.allow_root = True  # noqa: F821

REPO = Path(__file__).resolve().parent.parent

if importlib.util.find_spec("jupyter_smstudio") is None:
    sys.path.insert(0, str(REPO))
c.ServerApp.jpserver_extensions = {"jupyter_smstudio": True}  # noqa: F821

# A 10,000-trial experiment for the leaderboard's first-render timing (bulk-inserted: seconds, not minutes).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_leaderboard import seed  # noqa: E402

seed(os.environ["SMSTUDIO_HOME"])

# A scikit-learn model.tar.gz in the root folder, for the Endpoints room's tests (`endpoint-seed/model.tar.gz`).
from seed_endpoint import seed as seed_endpoint  # noqa: E402

seed_endpoint(c.ServerApp.root_dir)  # noqa: F821

installed = Path(sys.prefix, "share", "jupyter", "labextensions", "jupyter-smstudio")
built = REPO / "jupyter_smstudio" / "labextension"
if not installed.exists() and (built / "package.json").exists():
    link_dir = Path(mkdtemp(prefix="smstudio-labext-"))
    (link_dir / "jupyter-smstudio").symlink_to(built, target_is_directory=True)
    c.LabServerApp.extra_labextensions_path = [  # noqa: F821
        str(c.LabServerApp.extra_labextensions_path),  # noqa: F821  galata's helper extension
        str(link_dir),
    ]
