"""The Binder set-up works: binder/postBuild installs the extension into a fresh environment.

Runs the real ``binder/postBuild`` in a new virtual environment (created in a temp dir) with a temp
HOME.  If ``SMSTUDIO_WHEEL`` names a wheel (CI builds it once), postBuild installs that wheel;
otherwise it runs ``pip install .`` on the repository, which builds the frontend with jlpm.
Then both extension lists must show jupyter-smstudio enabled and OK, and the demo notebook must be
in the home directory.  Packages come from the package registry (network needed).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
POSTBUILD = REPO_ROOT / "binder" / "postBuild"
DEMO = "Getting started.ipynb"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

try:  # give the install room if pytest-timeout enforces a global limit
    import pytest_timeout  # noqa: F401

    pytestmark = pytest.mark.timeout(1800)
except ImportError:  # pragma: no cover
    pass


def _run(cmd, *, env, cwd, timeout=1500) -> str:
    proc = subprocess.run(
        cmd,
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )
    out = ANSI.sub("", proc.stdout)  # the extension lists colour "enabled" / "OK"
    if proc.returncode != 0:
        pytest.fail(f"{cmd!r} exited with {proc.returncode}:\n{out[-8000:]}")
    return out


def _clean_env(venv: Path, home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV", "CONDA", "PIP_PREFIX", "PIP_TARGET"))
    }
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = os.pathsep.join(
        [
            str(venv / "bin"),
            *[
                p
                for p in os.environ.get("PATH", "").split(os.pathsep)
                if p and Path(p).resolve() != Path(sys.executable).parent.resolve()
            ],
        ]
    )
    env["HOME"] = str(home)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PYTHONNOUSERSITE"] = "1"
    return env


def test_binder_postbuild_installs_extension(tmp_path):
    assert POSTBUILD.is_file() and os.access(POSTBUILD, os.X_OK), "binder/postBuild must be executable"
    assert (REPO_ROOT / "binder" / "demo" / DEMO).is_file()
    wheel = os.environ.get("SMSTUDIO_WHEEL")
    if wheel:
        assert Path(wheel).is_file(), f"SMSTUDIO_WHEEL={wheel!r} is not a file"
    elif not (REPO_ROOT / "pyproject.toml").is_file():
        pytest.fail("no pyproject.toml in the repository and no SMSTUDIO_WHEEL: nothing to install")

    venv = tmp_path / "venv"
    home = tmp_path / "home"
    work = tmp_path / "work"  # neutral cwd, so the source tree is not importable by accident
    home.mkdir()
    work.mkdir()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    env = _clean_env(venv, home)
    if wheel:
        env["SMSTUDIO_WHEEL"] = str(Path(wheel).resolve())
    else:
        env.pop("SMSTUDIO_WHEEL", None)

    _run(["python", "-m", "pip", "install", "--upgrade", "pip"], env=env, cwd=work, timeout=600)
    _run(["bash", str(POSTBUILD)], env=env, cwd=REPO_ROOT)

    # Installed into the venv, not imported from the source tree.
    where = (
        _run(
            ["python", "-c", "import jupyter_smstudio, os; print(os.path.realpath(jupyter_smstudio.__file__))"],
            env=env,
            cwd=work,
            timeout=120,
        )
        .strip()
        .splitlines()[-1]
    )
    assert where.startswith(str(venv.resolve())), where

    server = _run(["jupyter", "server", "extension", "list"], env=env, cwd=work, timeout=300)
    assert re.search(r"jupyter_smstudio\s+enabled", server), server
    assert re.search(r"^\s*jupyter_smstudio\s+(\S+\s+)?OK\s*$", server, re.M), server

    lab = _run(["jupyter", "labextension", "list"], env=env, cwd=work, timeout=300)
    line = next((ln for ln in lab.splitlines() if "jupyter-smstudio" in ln), None)
    assert line is not None, lab
    assert re.search(r"jupyter-smstudio\s+v\S+\s+enabled\s+.*OK", line), lab

    # what the demo notebooks import comes with the [notebook] extra
    _run(["python", "-c", "import sklearn, plotly, ipywidgets"], env=env, cwd=work, timeout=300)
    for notebook in (REPO_ROOT / "binder" / "demo").glob("*.ipynb"):
        assert (home / notebook.name).is_file(), notebook.name
    demo = home / DEMO
    assert demo.is_file(), sorted(p.name for p in home.iterdir())
    import nbformat

    nbformat.validate(nbformat.read(demo, as_version=4))
