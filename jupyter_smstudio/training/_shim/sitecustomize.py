"""Maps SageMaker's container paths (/opt/ml/...) onto the job's own folder.

Loaded by Python at start-up (this folder is first on the job's PYTHONPATH) when
SMSTUDIO_OPT_ML names the job's folder, so a script written for SageMaker that opens
`/opt/ml/model/model.joblib` writes inside the job folder and nowhere else. It covers file access
made through Python (open, os, pathlib, shutil, glob and the libraries built on them); a C
extension that opens a hard-coded /opt/ml path by itself is not covered.
"""

import builtins
import io
import os

_ROOT = os.environ.get("SMSTUDIO_OPT_ML")
_PREFIX = "/opt/ml"


def _map(path):
    try:
        raw = os.fspath(path)
    except TypeError:
        return path
    if isinstance(raw, bytes):
        if raw == b"/opt/ml" or raw.startswith(b"/opt/ml/"):
            return _ROOT.encode() + raw[len(b"/opt/ml") :]
        return path
    if raw == _PREFIX or raw.startswith(_PREFIX + "/"):
        return _ROOT + raw[len(_PREFIX) :]
    return path


def _wrap1(fn):
    def wrapper(path, *args, **kwargs):
        return fn(_map(path), *args, **kwargs)

    wrapper.__wrapped__ = fn
    wrapper.__name__ = getattr(fn, "__name__", "wrapped")
    return wrapper


def _wrap2(fn):
    def wrapper(src, dst, *args, **kwargs):
        return fn(_map(src), _map(dst), *args, **kwargs)

    wrapper.__wrapped__ = fn
    wrapper.__name__ = getattr(fn, "__name__", "wrapped")
    return wrapper


def _streaming_open(original):
    """FastFile channels: reading a stand-in file streams the object it stands for."""
    import json

    config = json.loads(os.environ.get("SMSTUDIO_FASTFILE") or "{}")
    channels, options = config.get("channels") or {}, config.get("options") or {}
    if not channels:
        return original

    def opener(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and not any(c in mode for c in "wax+"):
            path = os.fspath(file)
            for local, url in channels.items():
                if path.startswith(local + os.sep):
                    import fsspec

                    remote = fsspec.open(url + "/" + path[len(local) + 1 :], "rb", **options).open()
                    if "b" in mode:
                        return remote
                    encoding = kwargs.get("encoding") or (args[1] if len(args) > 1 else None) or "utf-8"
                    return io.TextIOWrapper(remote, encoding=encoding, newline=kwargs.get("newline"))
        return original(file, mode, *args, **kwargs)

    return opener


def _install():
    builtins.open = _wrap1(_streaming_open(builtins.open))
    io.open = builtins.open
    for name in (
        "open",
        "stat",
        "lstat",
        "listdir",
        "scandir",
        "mkdir",
        "makedirs",
        "remove",
        "unlink",
        "rmdir",
        "chmod",
        "utime",
        "access",
        "truncate",
        "readlink",
        "removedirs",
    ):
        if hasattr(os, name):
            setattr(os, name, _wrap1(getattr(os, name)))
    for name in ("rename", "replace", "link", "symlink"):
        setattr(os, name, _wrap2(getattr(os, name)))
    for name in ("exists", "isdir", "isfile", "islink", "getsize", "getmtime", "lexists"):
        setattr(os.path, name, _wrap1(getattr(os.path, name)))
    os.chdir = _wrap1(os.chdir)


if _ROOT:
    _install()


# SageMaker Debugger with no script change: a job whose estimator has a debug hook config gets its
# torch / keras / xgboost hooked as they are imported. Never what breaks a job: an error is said, the
# script runs on.
if os.environ.get("SMDEBUG_CONFIG_FILE_PATH") and os.environ.get("SMSTUDIO_DEBUGGER_AUTO_HOOK") != "0":
    try:
        if os.path.isfile(os.environ["SMDEBUG_CONFIG_FILE_PATH"]):
            from jupyter_smstudio.debugger import auto_hook

            auto_hook.install()
    except Exception as _err:
        import sys

        sys.stderr.write(f"smstudio: the debugger's automatic hook is off: {_err!r}\n")
