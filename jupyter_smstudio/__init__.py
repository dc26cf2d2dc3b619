"""jupyter-smstudio: SageMaker Studio's workflow for self-hosted Jupyter."""

from ._version import __version__


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyter-smstudio"}]


def _jupyter_server_extension_points():
    from .app import SmStudio

    return [{"module": "jupyter_smstudio.app", "app": SmStudio}]


__all__ = ["__version__"]
