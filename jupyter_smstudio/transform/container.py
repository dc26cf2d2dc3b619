"""What runs inside a transform job: `python -m jupyter_smstudio.transform.container` (started by the job
launcher; its configuration comes in SMSTUDIO_CONTAINER_CONFIG, written by service.py).

It finds the input files, fetches the model (and its code) as the Endpoints room prepares a variant's, cuts
each file into InstanceCount contiguous shares at line ends, starts one instance process per share index
(worker.py: each loads the model once and answers its share of every file, in order), follows their progress
into the job's metrics file (RecordsDone / RecordsTotal, which describe_transform_job reads), and, once every
instance has finished, joins each file's parts in order into `<S3OutputPath>/<file>.out`. A failing instance
fails the job with its reason in `<output>/failure` (the job's FailureReason) and in the log; nothing is
written under S3OutputPath then, as nothing is for a stopped job.

Why processes per instance, each with a contiguous share: the model's code is the user's Python, and only
processes run it in parallel (the GIL); contiguous shares keep each instance's output one sequence, so the
answers come out in input order by concatenation, without sorting or an index per record.
"""

from __future__ import annotations

import gzip
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Optional
from urllib.parse import unquote, urlparse

METRIC_SECONDS = 0.5
READ_BLOCK = 8 * 1024 * 1024


class JobFailure(Exception):
    """Why the job fails (its FailureReason)."""


class Transform:
    def __init__(self, config: dict[str, Any]):
        self.c = config
        self.work = Path(os.environ.get("SMSTUDIO_WORK_DIR") or ".") / "transform"
        self.options: dict[str, Any] = config.get("storage_options") or {}
        self.metrics_path = os.environ.get("SMSTUDIO_METRICS_FILE")
        self.workers: list[subprocess.Popen[bytes]] = []

    # -- storage --------------------------------------------------------------------------------------------------
    def fs(self, url: str) -> tuple[Any, str]:
        import fsspec

        fs_and_path: tuple[Any, str] = fsspec.core.url_to_fs(url, **(self.options if url.startswith("s3://") else {}))
        return fs_and_path

    def inputs(self) -> list[tuple[str, str]]:
        """(name relative to the input prefix, URL) of every input file, in name order."""
        source = self.c["input_url"]
        if self.c["data_type"] == "ManifestFile":
            fs, path = self.fs(source)
            with fs.open(path, "rb") as fh:
                manifest = json.load(fh)
            prefix = str(manifest[0]["prefix"])
            prefix = prefix if "://" in prefix else Path(prefix).as_uri()  # an absolute path (checks.py)
            return [(str(key), prefix.rstrip("/") + "/" + str(key).lstrip("/")) for key in manifest[1:]]
        fs, path = self.fs(source)
        scheme = source.split("://", 1)[0]
        if fs.isfile(path):
            base, found = os.path.dirname(path), [path]
        elif fs.isdir(path):
            base, found = path.rstrip("/"), fs.find(path)
        else:  # a name prefix, as S3Prefix means on S3: every object whose name starts with it
            base = os.path.dirname(path)
            found = []
            for entry in fs.ls(base, detail=False):  # only the entries that match are walked, not the parent
                if os.path.basename(entry.rstrip("/")).startswith(os.path.basename(path)):
                    found.extend(fs.find(entry) if fs.isdir(entry) else [entry])
        names = sorted((os.path.relpath(f, base), f) for f in found)
        return [(rel, f"{scheme}://{f}" if scheme == "s3" else Path(f).as_uri()) for rel, f in names]

    def local_copy(self, name: str, url: str) -> str:
        """A local, uncompressed file to cut into shares: the file itself when it is one, else a copy."""
        gz = self.c["compression"] == "Gzip"
        if url.startswith("file://") and not gz:
            return unquote(urlparse(url).path)
        target = self.work / "input" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        fs, path = self.fs(url)
        with fs.open(path, "rb") as src, open(target, "wb") as dst:
            shutil.copyfileobj(gzip.GzipFile(fileobj=src) if gz else src, dst, READ_BLOCK)
        return str(target)

    def model(self) -> dict[str, str]:
        """The model (each container of a pipeline model) fetched as the Endpoints room fetches a variant's, and
        the environment its instances start with (artifacts.py: SM_MODEL_DIR, SAGEMAKER_PROGRAM, ...)."""
        from datetime import datetime, timezone

        from ..core.storage import UserStorage
        from ..endpoints import artifacts
        from ..endpoints.store import EndpointRecord

        # the service checked every URL against its owner's storage; this is the owner's own job process
        storage = UserStorage(self.c["owner"], "/", "file:///", s3_options=self.options, confined=False)
        now = datetime.now(timezone.utc)
        # artifacts.prepare lays a variant out in its endpoint's folder: the job's model folder stands for it
        record = EndpointRecord(
            name="",
            owner=self.c["owner"],
            config_name="",
            status="",
            failure_reason=None,
            folder=str(self.work),
            variants=[],
            instances=[],
            creation_time=now,
            last_modified_time=now,
        )
        variant = {"VariantName": "model", "Container": self.c["container"], "Containers": self.c["pipeline"]}
        try:
            return artifacts.prepare(storage, record, variant)
        except Exception as err:
            raise JobFailure(f"ClientError: could not fetch the model: {err}") from err

    # -- the run --------------------------------------------------------------------------------------------------
    def run(self) -> None:
        files = self.inputs()
        if not files:
            raise JobFailure(f"ClientError: no input files under {self.c['input_url']}")
        print(f"smstudio transform: {len(files)} input file(s), {self.c['instance_count']} instance(s)", flush=True)
        model_env = self.model()
        count = self.c["instance_count"]
        shares: list[list[dict[str, Any]]] = [[] for _ in range(count)]
        total = 0
        parts: list[tuple[str, list[str]]] = []
        for index, (name, url) in enumerate(files):
            local = self.local_copy(name, url)
            cuts = cut(local, count) if self.c["split"] == "Line" else [(0, os.path.getsize(local), 1, 1)]
            file_parts = []
            for k, (start, end, first_line, lines) in enumerate(cuts):
                part = str(self.work / "parts" / str(index) / f"{k}.part")
                file_parts.append(part)
                # whole files (SplitType None) go round the instances; a file's shares to one instance each
                instance = index % count if len(cuts) == 1 else k
                shares[instance].append(
                    {
                        "path": local,
                        "name": name,
                        "start": start,
                        "end": end,
                        "first_line": first_line,
                        "lines": lines,
                        "part": part,
                    }
                )
                total += lines
            parts.append((name, file_parts))
        self.metric(0, total)
        self.start(model_env, shares)
        done = self.follow(total)
        self.assemble(parts)
        if self.c.get("capture_url"):
            self.capture(files, [f"{name}.out" for name, _ in parts])
        self.metric(done, total, force=True)
        print(f"smstudio transform: {total} record(s) answered into {self.c['output_url']}", flush=True)

    def start(self, model_env: dict[str, str], shares: list[list[dict[str, Any]]]) -> None:
        env = {**os.environ, **model_env, **self.c["environment"]}
        plan_base = {
            **{k: self.c[k] for k in ("content_type", "accept", "split", "strategy", "max_payload_bytes")},
            **{k: self.c[k] for k in ("assemble", "input_filter", "output_filter", "join")},
        }
        self.pipes: dict[int, int] = {}
        for i, tasks in enumerate(shares):
            if not tasks:
                continue
            plan = self.work / f"instance-{i}.json"
            plan.parent.mkdir(parents=True, exist_ok=True)
            plan.write_text(json.dumps({**plan_base, "index": i, "tasks": tasks}))
            read_end, write_end = os.pipe()
            proc = subprocess.Popen(
                [sys.executable, "-m", "jupyter_smstudio.transform.worker", str(plan), str(write_end)],
                env=env,
                pass_fds=(write_end,),
                stdin=subprocess.DEVNULL,
            )
            os.close(write_end)
            records = sum(t["lines"] for t in tasks)
            what = f"{records} record(s) of {len(tasks)} file(s)"
            print(f"smstudio transform: instance {i} (pid {proc.pid}): {what}", flush=True)
            self.workers.append(proc)
            self.pipes[read_end] = len(self.workers) - 1

    def follow(self, total: int) -> int:
        """Sum the instances' progress until they have all ended; the first failure ends the others."""
        done = [0] * len(self.workers)
        failure: Optional[str] = None
        selector = selectors.DefaultSelector()
        buffers: dict[int, bytes] = {}
        for fd in self.pipes:
            selector.register(fd, selectors.EVENT_READ)
            buffers[fd] = b""
        open_pipes = set(self.pipes)
        while open_pipes:
            for key, _ in selector.select(timeout=METRIC_SECONDS):
                fd = int(key.fd)
                chunk = os.read(fd, 65536)
                if not chunk:
                    selector.unregister(fd)
                    os.close(fd)
                    open_pipes.discard(fd)
                    continue
                buffers[fd] += chunk
                *lines, buffers[fd] = buffers[fd].split(b"\n")
                for line in lines:
                    if line.startswith(b"P "):
                        done[self.pipes[fd]] = int(line[2:])
                    elif line.startswith(b"F ") and failure is None:
                        failure = str(json.loads(line[2:])["reason"])
                        self.end_workers()
            self.metric(sum(done), total)
        codes = [proc.wait() for proc in self.workers]
        if failure is None and any(codes):
            bad = next(i for i, code in enumerate(codes) if code)
            failure = f"AlgorithmError: instance {bad} ended with exit code {codes[bad]} (see the job's log)"
        if failure is not None:
            raise JobFailure(failure)
        return sum(done)

    def capture(self, files: list[tuple[str, str]], outputs: list[str]) -> None:
        """DataCaptureConfig: the job's input and output files as S3 manifests (`[{"prefix": ...}, key, ...]`)
        in `<destination>/input|output/yyyy/mm/dd/hh/<job>.json`, as SageMaker's batch capture lists them."""
        hour = datetime.now(timezone.utc).strftime("%Y/%m/%d/%H")
        job = os.environ.get("SMSTUDIO_JOB_NAME") or "transform"
        name, url = files[0]
        prefix = url[: len(url) - len(name)]
        keys = [n for n, _ in files]
        if not all(u == prefix + n for n, u in files):  # names quoted in their URLs: the URLs whole
            prefix, keys = "", [u for _, u in files]
        listed = {
            "input": [{"prefix": prefix}, *keys],
            "output": [{"prefix": self.c["output_url"].rstrip("/") + "/"}, *outputs],
        }
        for kind, manifest in listed.items():
            fs, path = self.fs(f"{self.c['capture_url'].rstrip('/')}/{kind}/{hour}/{job}.json")
            fs.makedirs(os.path.dirname(path), exist_ok=True)
            with fs.open(path, "w") as fh:
                json.dump(manifest, fh)
        print(f"smstudio transform: captured into {self.c['capture_url']}", flush=True)

    def end_workers(self) -> None:
        for proc in self.workers:
            if proc.poll() is None:
                proc.terminate()

    def clean_up(self) -> None:
        """The instances end with the job, and the copies it made go (inputs, the model, the parts of the
        answers: in the owner's storage where jobs live there); the instance plans stay, to look into."""
        self.end_workers()
        for proc in self.workers:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
        for folder in ("parts", "input", "output", "model"):
            shutil.rmtree(self.work / folder, ignore_errors=True)

    def assemble(self, parts: list[tuple[str, list[str]]]) -> None:
        """Each file's parts, in order, as `<output>/<file>.out` (written whole, then put in place)."""
        output = self.c["output_url"].rstrip("/")
        for name, files in parts:
            url = f"{output}/{name}.out"
            if url.startswith("file://"):
                target = Path(unquote(urlparse(url).path))
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".{target.name}.tmp")
                _concatenate(files, tmp)
                os.replace(tmp, target)
            else:
                local = self.work / "output" / f"{name}.out"
                local.parent.mkdir(parents=True, exist_ok=True)
                _concatenate(files, local)
                fs, path = self.fs(url)
                fs.put(str(local), path)

    # -- progress -------------------------------------------------------------------------------------------------
    _last_metric = 0.0
    _last_done = -1

    def metric(self, done: int, total: int, force: bool = False) -> None:
        """RecordsDone and RecordsTotal as metric points (the server records them; describe reads them)."""
        now = time.monotonic()
        if not self.metrics_path or (not force and (done == self._last_done or now - self._last_metric < 0.5)):
            return
        self._last_metric, self._last_done = now, done
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + "Z"
        lines = [
            json.dumps({"metric_name": name, "value": value, "timestamp": stamp})
            for name, value in (("RecordsTotal", total), ("RecordsDone", done))
        ]
        try:
            with open(self.metrics_path, "a", encoding="utf-8") as fh:
                fh.write("\n".join(lines) + "\n")
        except OSError as err:  # progress is best-effort; the records still are answered
            print(f"smstudio transform: could not record progress: {err}", file=sys.stderr, flush=True)


def cut(path: str, count: int) -> list[tuple[int, int, int, int]]:
    """`count` contiguous shares of a file, cut at line ends: (start, end, first line, lines) of each."""
    size = os.path.getsize(path)
    bounds = [0]
    with open(path, "rb") as fh:
        for k in range(1, count):
            target = max(size * k // count, bounds[-1])
            if target >= size:
                bounds.append(size)
                continue
            fh.seek(target)
            if target > 0:
                fh.seek(target - 1)
                if fh.read(1) != b"\n":
                    fh.readline()  # the rest of the line the cut fell in belongs to the share before
            bounds.append(max(fh.tell(), bounds[-1]))
        bounds.append(size)
        shares = []
        line = 1
        for start, end in zip(bounds, bounds[1:], strict=False):
            lines = _count_lines(fh, start, end, last=end == size)
            shares.append((start, end, line, lines))
            line += lines
    return shares


def _count_lines(fh: IO[bytes], start: int, end: int, last: bool) -> int:
    fh.seek(start)
    left, lines, tail = end - start, 0, b""
    while left > 0:
        block = fh.read(min(READ_BLOCK, left))
        if not block:
            break
        left -= len(block)
        lines += block.count(b"\n")
        tail = block[-1:]
    return lines + (1 if last and tail not in (b"", b"\n") else 0)


def _concatenate(files: list[str], target: Path) -> None:
    with open(target, "wb") as out:
        for part in files:
            with open(part, "rb") as fh:
                shutil.copyfileobj(fh, out, READ_BLOCK)


def _write_failure(reason: str) -> None:
    """SageMaker's convention: the job explains its failure in <output>/failure (the server reads it)."""
    folder = os.environ.get("SMSTUDIO_OUTPUT_DIR")
    print(f"smstudio transform: failed: {reason}", file=sys.stderr, flush=True)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        Path(folder, "failure").write_text(reason)


def main() -> None:
    transform = Transform(json.loads(os.environ["SMSTUDIO_CONTAINER_CONFIG"]))

    def stop(signum: int, _frame: Any) -> None:  # the instances end with the job, their parts unused
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        transform.run()
    except JobFailure as err:
        _write_failure(str(err))
        sys.exit(1)
    finally:
        transform.clean_up()


if __name__ == "__main__":
    main()
