"""Start `python -m <module>` job commands by forking a process that already imported them.

On a Dask worker every training job would otherwise pay a fresh interpreter and its imports
(about 40 ms here, measured). A multiprocessing forkserver, started once per worker with the
module preloaded, forks the job's process instead; the handle answers like a Popen (pid, poll,
wait, send_signal), so the launcher treats both the same.
"""

from __future__ import annotations

import multiprocessing
import os
import runpy
import signal
import subprocess
import sys
import threading
from multiprocessing.context import ForkServerContext
from typing import Optional

PRELOADED = ("jupyter_smstudio.training.container",)
_context: Optional[ForkServerContext] = None
_lock = threading.Lock()


def preloadable(argv: list[str]) -> Optional[str]:
    """The module of `python -m <module>` when it is one we preload, else None."""
    if len(argv) == 3 and argv[0] in ("python", "python3") and argv[1] == "-m" and argv[2] in PRELOADED:
        return argv[2]
    return None


def _forkserver() -> ForkServerContext:
    global _context
    with _lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(list(PRELOADED))
            _context = ctx
        return _context


def _main(module: str, env: dict[str, str], cwd: str, log_path: str) -> None:
    """In the forked process: become the job (own session, environment, folder, output to its log)."""
    os.setsid()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    sys.stdout = os.fdopen(1, "w", buffering=1)
    sys.stderr = os.fdopen(2, "w", buffering=1)
    sys.argv = [module]
    code = 0
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:  # the job's own error: into its log, as a fresh interpreter would print it
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


class ForkedJob:
    """A Popen-shaped handle on a forked job process."""

    def __init__(self, module: str, env: dict[str, str], cwd: str, log_path: str):
        self._process = _forkserver().Process(target=_main, args=(module, env, cwd, log_path), daemon=False)
        self._process.start()
        pid = self._process.pid
        assert pid is not None  # start() has set it
        self.pid = pid
        self.returncode: Optional[int] = None

    def poll(self) -> Optional[int]:
        if self.returncode is None and not self._process.is_alive():
            self._process.join()
            self.returncode = self._process.exitcode
        return self.returncode

    def wait(self, timeout: Optional[float] = None) -> int:
        self._process.join(timeout)
        if timeout is not None and self._process.is_alive():  # join() without a timeout waits for the end
            raise subprocess.TimeoutExpired(str(self.pid), timeout)
        return self.poll()  # type: ignore[return-value]

    def send_signal(self, sig: int) -> None:
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            pass
