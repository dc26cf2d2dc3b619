"""Runs one job's command where the runner put it (a local process or a Dask worker).

`python -m jupyter_smstudio.jobs.launcher SPEC.json`: starts the command with its output in the
job log, forwards stop signals, syncs the log when it lives on S3, and writes the exit status
beside the log so the outcome survives a server restart.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any, Callable, Optional, Union
from urllib.parse import unquote, urlparse

from .runners.base import LaunchSpec, job_environment
from .runners.preload import ForkedJob, preloadable
from .runners.sweep import MARK_VARIABLE, end_all

SYNC_SECONDS = 2.0
# what the job's leftover processes get between SIGTERM and SIGKILL once its command has ended
LEFTOVER_GRACE_SECONDS = 2.0
# Space set aside beside the exit record when the job starts and freed just before the record is written,
# so that a job that filled its volume still ends Failed with its reason instead of leaving no record.
RESERVE_BYTES = 64 * 1024
# below this much free space, a failed job is reported as having run out of space
FULL_BELOW_BYTES = 256 * 1024
# what runs the job's command: both answer pid, poll, wait and send_signal
Child = Union["subprocess.Popen[bytes]", ForkedJob]


def _is_local(url: str) -> bool:
    return url.startswith("file://")


def _local(url: str) -> str:
    return unquote(urlparse(url).path)


def _put(local: str, url: str, options: dict[str, Any]) -> None:
    import fsspec  # only for remote (s3://) logs and outputs: keeps job start-up fast

    fs, path = fsspec.core.url_to_fs(url, **options)
    fs.put(local, path, recursive=os.path.isdir(local))


def run(spec: LaunchSpec, watch: Optional[Callable[[Child], None]] = None) -> int:
    """Run the job's command to its end. Without `watch` this is a process of its own that the runner
    signals; with it (a Dask worker runs this in a thread, saving a Python start per job) the command
    gets its own session and `watch(child)` hands it to the caller, which stops it when asked."""
    work = Path(spec.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    log_path = _local(spec.log_url) if _is_local(spec.log_url) else str(work / "output.log")
    Path(log_path).parent.mkdir(parents=True, exist_ok=True)
    # where the job appends its metric points (jobs/job_files.py reads them); synced like the log
    metrics_path = _local(spec.metrics_url) if _is_local(spec.metrics_url) else str(work / "metrics.jsonl")
    Path(spec.output_dir).mkdir(parents=True, exist_ok=True)
    env = {
        **job_environment(os.environ),  # not the server's secrets: runners/base.py PASSED_THROUGH
        **spec.env,
        "PYTHONUNBUFFERED": "1",
        "SMSTUDIO_WORK_DIR": str(work),
        "SMSTUDIO_METRICS_FILE": metrics_path,
        MARK_VARIABLE: spec.mark,  # stop finds every process of the job by it (runners/sweep.py)
    }
    # "python" means this machine's interpreter: the server's path may not exist on a Dask worker
    argv = [sys.executable if i == 0 and a in ("python", "python3") else a for i, a in enumerate(spec.argv)]
    stop = threading.Event()
    reserve = _reserve(spec)
    if watch is None:
        _become_subreaper()

    with open(log_path, "ab", buffering=0) as log:
        child: Child
        module = preloadable(spec.argv) if watch is not None else None
        try:
            if module:  # in a Dask worker: fork it from a process that has imported it already
                child = ForkedJob(module, env, spec.cwd or str(work), log_path)
            else:
                child = subprocess.Popen(
                    argv,
                    cwd=spec.cwd or str(work),
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    start_new_session=watch is not None,
                )
        except OSError as err:
            _note(log, f"could not start {spec.argv[0]}: {err}")
            return _finish(spec, log_path, metrics_path, 127, f"could not start the command: {err}", reserve)

        def forward(signum: int, _frame: Optional[FrameType]) -> None:
            # The runner signals the whole process group; make sure the child hears it too.
            try:
                child.send_signal(signum)
            except ProcessLookupError:
                pass

        if watch is None:
            signal.signal(signal.SIGTERM, forward)
            signal.signal(signal.SIGINT, forward)
        else:
            watch(child)
        if not _is_local(spec.log_url):
            threading.Thread(target=_sync_loop, args=(log_path, metrics_path, spec, stop), daemon=True).start()
        code = child.wait()
        # The command has ended, so the job has: what it left running in the background ends too, as a
        # SageMaker container's processes end with it (children in their own session and orphans included).
        left = end_all(spec.mark, LEFTOVER_GRACE_SECONDS, also=_descendants() if watch is None else None)
        if left:
            _note(log, f"[smstudio] stopped {left} process(es) the job left running")
    stop.set()
    detail = f"killed by signal {-code}" if code < 0 else None
    if code != 0 and _out_of_space(log_path):
        detail = f"no space left on the device that holds {os.path.dirname(log_path)}" + (
            f" ({detail})" if detail else ""
        )
    return _finish(spec, log_path, metrics_path, code, detail, reserve)


def _note(log: Any, line: str) -> None:
    """A line of the launcher's own in the job's log; a full disk must not stop the launcher."""
    try:
        log.write(f"{line}\n".encode())
    except OSError:
        pass


def _out_of_space(path: str) -> bool:
    try:
        return shutil.disk_usage(os.path.dirname(path) or ".").free < FULL_BELOW_BYTES
    except OSError:
        return False


def _reserve(spec: LaunchSpec) -> Optional[Path]:
    """Set RESERVE_BYTES aside beside the local exit record (real bytes: a sparse file reserves nothing)."""
    if not _is_local(spec.status_url):
        return None
    path = Path(_local(spec.status_url)).with_name("exit.reserve")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\0" * RESERVE_BYTES)
        return path
    except OSError:  # already full: the job will likely fail, and the record may be lost with it
        path.unlink(missing_ok=True)
        return None


def _become_subreaper() -> None:
    """Linux: orphans of the job's processes come back to the launcher (not to init), so it can end them."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _descendants() -> list[Any]:
    import psutil

    try:
        return list(psutil.Process().children(recursive=True))
    except psutil.Error:
        return []


def _sync_remote(log_path: str, metrics_path: str, spec: LaunchSpec) -> None:
    """The log and the metric points to their URLs, when those are not local files."""
    _put(log_path, spec.log_url, spec.storage_options)
    if os.path.exists(metrics_path):
        _put(metrics_path, spec.metrics_url, spec.storage_options)


def _sync_loop(log_path: str, metrics_path: str, spec: LaunchSpec, stop: threading.Event) -> None:
    while not stop.wait(SYNC_SECONDS):
        try:
            _sync_remote(log_path, metrics_path, spec)
        except Exception:  # a failed sync is retried on the next tick; the job goes on
            pass


def _finish(
    spec: LaunchSpec, log_path: str, metrics_path: str, code: int, detail: str | None, reserve: Optional[Path]
) -> int:
    try:
        if not _is_local(spec.log_url):
            _sync_remote(log_path, metrics_path, spec)
        if not _is_local(spec.output_url) and os.listdir(spec.output_dir):
            _put(spec.output_dir.rstrip("/") + "/", spec.output_url, spec.storage_options)
    except Exception as err:  # the outcome is recorded even when the upload fails, with why
        detail = f"{detail + '; ' if detail else ''}could not upload the job's output: {err}"
        code = code or 1
    record = json.dumps({"exit_code": code, "detail": detail, "end_time": time.time()})
    if _is_local(spec.status_url):
        target = Path(_local(spec.status_url))
        if reserve is not None:
            reserve.unlink(missing_ok=True)  # the space the record is written into
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        try:
            tmp.write_text(record)
        except OSError:
            tmp.unlink(missing_ok=True)  # no room even for the record: at least leave no partial one
            raise
        os.replace(tmp, target)  # atomic: the server never reads half a record
    else:
        import fsspec

        with fsspec.open(spec.status_url, "w", **spec.storage_options) as fh:
            fh.write(record)
    return code if code >= 0 else 128 - code


def main() -> None:
    if sys.argv[1] == "-":  # the spec on stdin: a launcher started as the job's OS user (runners/identity.py)
        spec = LaunchSpec.from_json(sys.stdin.read())
        _own_stderr(spec)
    else:
        spec = LaunchSpec.from_json(Path(sys.argv[1]).read_text())
    sys.exit(run(spec))


def _own_stderr(spec: LaunchSpec) -> None:
    """The launcher's own errors into launcher.err in the job's folder, which it creates as the job's user."""
    work = Path(spec.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    fd = os.open(work / "launcher.err", os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    os.dup2(fd, 2)
    os.close(fd)


if __name__ == "__main__":
    main()
