"""jupyter-smstudio: SageMaker Studio's workflow for self-hosted Jupyter."""

from typing import Any

from ._version import __version__


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyter-smstudio"}]


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    from .app import SmStudio

    return [{"module": "jupyter_smstudio.app", "app": SmStudio}]


__all__ = ["__version__"]
