"""What runs inside a training or processing job: SageMaker's container contract, locally.

`python -m jupyter_smstudio.training.container` (started by the job launcher; its configuration
comes in SMSTUDIO_CONTAINER_CONFIG):
lays out the job folder like /opt/ml, fetches the code and the input channels, runs the entry
point once per host with SageMaker's environment, turns metric_definitions matches into live
metrics, syncs checkpoints, and packs model/ and output/data/ as model.tar.gz and output.tar.gz.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .metric_watcher import MetricWatcher
from .sm_env import gpu_count, hyperparameter_args, input_data_config, training_env

if TYPE_CHECKING:
    from types import FrameType
    from typing import Any, Optional
from urllib.parse import unquote, urlparse

# Every job starts this module, so its imports are its start-up time: `re` and `socket` load only when
# a job needs them, and `typing` not at all (annotations stay strings).

SHIM = str(Path(__file__).parent / "_shim")
PREFIX = "/opt/ml"
GZIP_LEVEL = 6  # model.tar.gz and output.tar.gz (see pack)


class Job:
    def __init__(self, config: dict[str, Any]):
        self.c = config
        self.root = Path(config["container_root"])  # the job's /opt/ml
        self.options = config.get("storage_options") or {}

    # -- storage --------------------------------------------------------------------------------
    def fs(self, url: str) -> tuple[Any, str]:  # (fsspec filesystem, path in it)
        import fsspec  # only for s3:// and friends: importing it costs a job ~0.1 s of start-up

        fs_and_path: tuple[Any, str] = fsspec.core.url_to_fs(url, **(self.options if url.startswith("s3://") else {}))
        return fs_and_path

    def fetch(self, url: str, dest: Path) -> None:
        if url.startswith("file://"):
            src = Path(unquote(urlparse(url).path))
            dest.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dest, dirs_exist_ok=True)
            else:
                shutil.copy(src, dest / src.name)
            return
        fs, path = self.fs(url)
        dest.mkdir(parents=True, exist_ok=True)
        if fs.isdir(path):
            for item in fs.find(path):
                target = inside(dest, os.path.relpath(item, path.rstrip("/")))
                target.parent.mkdir(parents=True, exist_ok=True)
                fs.get(item, str(target))
        else:
            fs.get(path, str(dest / os.path.basename(path)))

    def put(self, local: Path, url: str) -> None:
        if url.startswith("file://"):
            target = Path(unquote(urlparse(url).path))
            if local.is_dir():
                shutil.copytree(local, target, dirs_exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(local, target)
            return
        fs, path = self.fs(url)
        fs.put(str(local), path, recursive=local.is_dir())

    def put_tree(self, folder: Path, url: str) -> None:
        """Every file under `folder` to the same relative path under `url` (fsspec's recursive put
        would nest the folder itself under a trailing-slash target)."""
        for f in sorted(p for p in folder.rglob("*") if p.is_file()):
            self.put(f, f"{url.rstrip('/')}/{f.relative_to(folder).as_posix()}")

    def stream(self, url: str, dest: Path) -> None:
        """FastFile: nothing is copied. A local source is linked; for S3 the folder holds empty
        stand-ins and the job's open() streams each object through fsspec when it is read."""
        if url.startswith("file://"):
            src = Path(unquote(urlparse(url).path))
            dest.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                dest.symlink_to(src, target_is_directory=True)
            else:
                dest.mkdir()
                (dest / src.name).symlink_to(src)
            print(f"smstudio: channel {dest.name} streams from {url} (linked, FastFile)", flush=True)
            return
        fs, path = self.fs(url)
        dest.mkdir(parents=True, exist_ok=True)
        objects = fs.find(path) if fs.isdir(path) else [path]
        base = path.rstrip("/") if fs.isdir(path) else os.path.dirname(path)
        for obj in objects:
            stand_in = inside(dest, os.path.relpath(obj, base))
            stand_in.parent.mkdir(parents=True, exist_ok=True)
            stand_in.touch()
        self.fastfile[str(dest)] = f"{url.split('://', 1)[0]}://{base}"
        print(f"smstudio: channel {dest.name} streams {len(objects)} objects from {url} (FastFile)", flush=True)

    def exists(self, url: str) -> bool:
        if url.startswith("file://"):
            return Path(unquote(urlparse(url).path)).exists()
        fs, path = self.fs(url)
        found: bool = fs.exists(path)
        return found

    def mapped(self, path: str) -> Path:
        """A container path (/opt/ml/...) as a path in the job folder."""
        if path == PREFIX or path.startswith(PREFIX + "/"):
            return self.root / path[len(PREFIX) :].lstrip("/")
        return Path(path)

    # -- preparing --------------------------------------------------------------------------------
    def prepare(self) -> None:
        for sub in ("code", "model", "output/data", "input/config", "input/data", "checkpoints"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        code = self.c.get("code_url")
        if code:
            local = self.root / "sourcedir.tar.gz"
            self.fetch(code, self.root)
            with tarfile.open(local) as tar:
                tar.extractall(self.root / "code", filter="data")
        self.fastfile: dict[str, str] = {}
        for channel, spec in (self.c.get("channels") or {}).items():
            dest = self.root / "input" / "data" / channel
            if spec.get("input_mode") == "FastFile":
                self.stream(spec["s3_data"], dest)
                continue
            print(f"smstudio: fetching channel '{channel}' from {spec['s3_data']}", flush=True)
            self.fetch(spec["s3_data"], dest)
        for item in self.c.get("processing_inputs") or []:
            print(f"smstudio: fetching input {item['source']} -> {item['destination']}", flush=True)
            self.fetch(item["source"], self.mapped(item["destination"]))
        for item in self.c.get("processing_outputs") or []:
            self.mapped(item["source"]).mkdir(parents=True, exist_ok=True)
        if self.c.get("checkpoint_s3_uri"):
            if self.exists(self.c["checkpoint_s3_uri"]):
                print("smstudio: restoring checkpoints", flush=True)
                self.fetch(self.c["checkpoint_s3_uri"], self.checkpoint_dir())
        hps = self.c.get("hyperparameters") or {}
        cfg = self.root / "input" / "config"
        (cfg / "hyperparameters.json").write_text(json.dumps({k: str(v) for k, v in hps.items()}))
        (cfg / "inputdataconfig.json").write_text(json.dumps(input_data_config(self.c.get("channels") or {})))
        hook_config = (self.c.get("debugger") or {}).get("hook_config")
        if hook_config:  # SageMaker's file; the job's sitecustomize hooks the script when it is there
            (cfg / "debughookconfig.json").write_text(hook_config)

    def checkpoint_dir(self) -> Path:
        return self.mapped(self.c.get("checkpoint_local_path") or "/opt/ml/checkpoints")

    # -- running ----------------------------------------------------------------------------------
    def environment(self, host: str, hosts: list[str], rank: int, port: int) -> dict[str, str]:
        hps = self.c.get("hyperparameters") or {}
        channels = sorted((self.c.get("channels") or {}))
        env = {
            **os.environ,
            **(self.c.get("environment") or {}),
            "SMSTUDIO_OPT_ML": str(self.root),
            "SMSTUDIO_FASTFILE": json.dumps({"channels": getattr(self, "fastfile", {}), "options": self.options}),
            "PYTHONPATH": os.pathsep.join(
                p for p in [SHIM, str(self.root / "code"), os.environ.get("PYTHONPATH", "")] if p
            ),
            "SM_MODEL_DIR": str(self.root / "model"),
            "SM_OUTPUT_DIR": str(self.root / "output"),
            "SM_OUTPUT_DATA_DIR": str(self.root / "output" / "data"),
            "SM_INPUT_DIR": str(self.root / "input"),
            "SM_INPUT_CONFIG_DIR": str(self.root / "input" / "config"),
            "SM_MODULE_DIR": str(self.root / "code"),
            "SM_CHANNELS": json.dumps(channels),
            "SM_HPS": json.dumps(hps),
            "SM_HOSTS": json.dumps(hosts),
            "SM_CURRENT_HOST": host,
            "SM_NUM_CPUS": str(os.cpu_count() or 1),
            "SM_NUM_GPUS": str(gpu_count()),
            "SM_USER_ENTRY_POINT": self.c.get("entry_point") or "",
            "SM_LOG_LEVEL": "20",
            "SM_CHECKPOINT_DIR": str(self.checkpoint_dir()),
            "MASTER_ADDR": "127.0.0.1",
            "MASTER_PORT": str(port),
            "WORLD_SIZE": str(len(hosts)),
            "RANK": str(rank),
            "LOCAL_RANK": str(rank),
            "NODE_RANK": str(rank),
        }
        if (self.c.get("debugger") or {}).get("hook_config"):
            env["SMDEBUG_CONFIG_FILE_PATH"] = str(self.root / "input" / "config" / "debughookconfig.json")
            if self.options:  # the hook writes to S3 itself: fsspec takes the volume's options from here
                env["FSSPEC_S3"] = json.dumps(self.options)
        for ch in channels:
            env[f"SM_CHANNEL_{ch.upper()}"] = str(self.root / "input" / "data" / ch)
        for k, v in hps.items():
            env[f"SM_HP_{k.upper()}"] = str(v)
        resource = {"current_host": host, "hosts": hosts, "network_interface_name": "lo"}
        env.update(training_env(self, env, resource, channels))
        (self.root / "input" / "config" / "resourceconfig.json").write_text(json.dumps(resource))
        if self.c["kind"] == "processing":  # where a processing container finds it
            (self.root / "config").mkdir(exist_ok=True)
            (self.root / "config" / "resourceconfig.json").write_text(json.dumps(resource))
        return env

    def command(self) -> list[str]:
        c = self.c
        if c["kind"] == "processing":
            code = self.root / "code" / os.path.basename(c["entry_point"])
            return [*c.get("command", ["python3"]), str(code), *map_args(c.get("arguments") or [], self)]
        args = hyperparameter_args(c.get("hyperparameters") or {})
        return [self.python(), "-u", str(self.root / "code" / c["entry_point"]), *args]

    def python(self) -> str:
        requirements = self.root / "code" / "requirements.txt"
        if not requirements.exists():
            return sys.executable
        from .environments import environment_for

        return environment_for(requirements, Path(self.c["environments_dir"]))

    def run(self) -> int:
        hosts = [f"algo-{i + 1}" for i in range(int(self.c.get("instance_count") or 1))]
        port = _free_port() if len(hosts) > 1 else 29500  # torch.distributed's default port for one host
        metrics = MetricWatcher(self.c.get("metric_definitions") or [], os.environ.get("SMSTUDIO_METRICS_FILE"))
        cmd = self.command()
        cmd = [(sys.executable if part in ("python", "python3") and i == 0 else part) for i, part in enumerate(cmd)]
        procs = []
        for rank, host in enumerate(hosts):
            procs.append(
                subprocess.Popen(
                    cmd,
                    env=self.environment(host, hosts, rank, port),
                    cwd=str(self.root / "code"),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )
            )

        def forward(signum: int, _frame: Optional[FrameType]) -> None:
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signum)

        signal.signal(signal.SIGTERM, forward)
        readers = [
            threading.Thread(target=pump, args=(p, hosts[i] if len(hosts) > 1 else None, metrics), daemon=True)
            for i, p in enumerate(procs)
        ]
        for r in readers:
            r.start()
        stop_sync = threading.Event()
        if self.c.get("checkpoint_s3_uri"):
            threading.Thread(target=self._sync_checkpoints, args=(stop_sync,), daemon=True).start()
        codes = wait_all(procs)
        for r in readers:
            r.join(5)
        stop_sync.set()
        metrics.close()
        if self.c.get("checkpoint_s3_uri"):
            self._upload_checkpoints()
        return next((c for c in codes if c != 0), 0)

    def _sync_checkpoints(self, stop: threading.Event) -> None:
        while not stop.wait(10):
            self._upload_checkpoints()

    def _upload_checkpoints(self) -> None:
        try:
            folder = self.checkpoint_dir()
            if folder.exists() and any(folder.iterdir()):
                self.put_tree(folder, self.c["checkpoint_s3_uri"])
        except Exception as err:  # a failed sync is retried; training goes on
            print(f"smstudio: checkpoint sync failed: {err}", flush=True)

    # -- finishing --------------------------------------------------------------------------------
    def finish(self, code: int) -> None:
        failure = self.root / "output" / "failure"
        if code != 0 and failure.exists():
            # the job service reads <output>/failure as the FailureReason (SageMaker's convention)
            out = Path(os.environ.get("SMSTUDIO_OUTPUT_DIR", self.root / "output"))
            if out.resolve() != failure.parent.resolve():
                out.mkdir(parents=True, exist_ok=True)
                shutil.copy(failure, out / "failure")
        self._upload_tensorboard()
        if code != 0:
            return
        if self.c["kind"] == "training":
            dest = self.c["model_output_url"]
            self.pack(self.root / "model", f"{dest}/model.tar.gz")
            data = self.root / "output" / "data"
            if any(data.iterdir()):
                self.pack(data, f"{dest}/output.tar.gz")
            print(f"smstudio: model artifacts at {dest}/model.tar.gz", flush=True)
        for item in self.c.get("processing_outputs") or []:
            if item.get("destination"):
                print(f"smstudio: uploading {item['source']} -> {item['destination']}", flush=True)
                self.put_tree(self.mapped(item["source"]), item["destination"])

    def _upload_tensorboard(self) -> None:
        """The Debugger's TensorBoard export, written in the job's folder, to its S3 place (also when the job failed
        or a rule stopped it: that is when it is read)."""
        debugger = self.c.get("debugger") or {}
        folder = self.mapped(debugger["tensorboard_local"]) if debugger.get("tensorboard_upload") else None
        if folder is not None and folder.is_dir():
            print(f"smstudio: uploading the TensorBoard export to {debugger['tensorboard_upload']}", flush=True)
            self.put_tree(folder, debugger["tensorboard_upload"])

    def pack(self, folder: Path, url: str) -> None:
        local = self.root / f".{os.path.basename(url)}"
        # gzip's own level (what `tar czf` writes): tarfile's default, 9, takes 11 s on a 50 MB forest, 6 takes 1 s
        with tarfile.open(local, "w:gz", compresslevel=GZIP_LEVEL) as tar:
            for item in sorted(folder.iterdir()):
                tar.add(item, arcname=item.name)
        self.put(local, url)


def inside(folder: Path, relative: str) -> Path:
    """`folder / relative`, refused when an object's key (`a/../../x`) would put it outside the folder."""
    target = Path(os.path.normpath(folder / relative))
    if os.path.commonpath([target, folder]) != str(folder):
        raise ValueError(f"the object {relative!r} would land outside {folder}; refusing to write it")
    return target


def map_args(args: list[str], job: Job) -> list[str]:
    return [str(job.mapped(a)) if a == PREFIX or a.startswith(PREFIX + "/") else a for a in args]


def pump(proc: subprocess.Popen[bytes], host: Optional[str], metrics: "MetricWatcher") -> None:
    prefix = f"[{host}] " if host else ""
    assert proc.stdout is not None  # started with stdout=PIPE
    for raw in iter(proc.stdout.readline, b""):
        line = raw.decode("utf-8", errors="replace")
        sys.stdout.write(prefix + line)
        sys.stdout.flush()
        metrics.feed(line)


def wait_all(procs: list[subprocess.Popen[bytes]]) -> list[int]:
    """Wait for every host; when one fails, stop the others (as a failed SageMaker job does)."""
    while True:
        try:  # block on the first host still running, waking briefly to look at the others
            next(p for p in procs if p.poll() is None).wait(timeout=0.05)
        except (StopIteration, subprocess.TimeoutExpired):
            pass
        codes = [p.poll() for p in procs]
        if all(c is not None for c in codes):
            return codes  # type: ignore[return-value]
        if any(c not in (None, 0) for c in codes):
            for p in procs:
                if p.poll() is None:
                    p.terminate()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def main() -> None:
    config = json.loads(os.environ["SMSTUDIO_CONTAINER_CONFIG"])
    config.setdefault("container_root", str(Path(os.environ["SMSTUDIO_WORK_DIR"]) / "opt" / "ml"))
    if config.get("framework_version"):  # first in the log: the library here is not the one asked for
        from .images import version_warning

        warning = version_warning(config.get("framework"), config["framework_version"])
        if warning:
            print(warning, flush=True)
    job = Job(config)
    try:
        job.prepare()
    except Exception as err:
        failure = Path(os.environ.get("SMSTUDIO_OUTPUT_DIR", job.root / "output")) / "failure"
        failure.parent.mkdir(parents=True, exist_ok=True)
        failure.write_text(f"ClientError: could not prepare the job: {err}")
        print(f"smstudio: {failure.read_text()}", flush=True)
        sys.exit(2)
    code = job.run()
    job.finish(code)
    sys.exit(code)


if __name__ == "__main__":
    main()
