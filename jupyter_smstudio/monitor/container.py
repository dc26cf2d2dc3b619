"""What runs inside a baselining job or a monitoring execution: `python -m jupyter_smstudio.monitor.container`
(started by the job launcher; its configuration comes in SMSTUDIO_CONTAINER_CONFIG, written by service.py).

A baseline profiles a dataset and writes `statistics.json` and `constraints.json` (suggested) under its output;
an execution profiles the requests captured in its window, checks them against the baseline and writes
`statistics.json`, `constraints.json` (the ones it checked) and `constraint_violations.json`. A failure is written
to `<job output>/failure` as SageMaker words it (the job's FailureReason): "Job inputs had no data" when the window
(or the dataset) has no record.
"""

from __future__ import annotations

import functools
import json
import os
import posixpath
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from .constraints import SchemaError, check_constraints, check_statistics, suggest, violations
from .parallel import profile_csv
from .profile import Profile
from .readers import BadRecord, NoData, capture_frames, dataset_chunks, hours

NO_DATA = "Job inputs had no data"
MAX_RECORD_VIOLATIONS = 100


class JobFailure(Exception):
    """Why the job fails (its FailureReason)."""


class Job:
    def __init__(self, config: dict[str, Any]):
        self.c = config
        self.options: dict[str, Any] = config.get("storage_options") or {}

    def fs(self, url: str) -> tuple[Any, str]:
        import fsspec

        found: tuple[Any, str] = fsspec.core.url_to_fs(url, **(self.options if url.startswith("s3://") else {}))
        return found

    def write_json(self, name: str, body: Any) -> None:
        fs, path = self.fs(self.c["output_url"].rstrip("/") + "/" + name)
        fs.makedirs(posixpath.dirname(path), exist_ok=True)
        with fs.open(path, "w") as fh:
            json.dump(body, fh, indent=2)

    def read_json(self, url: str, check: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
        fs, path = self.fs(url)
        try:
            with fs.open(path, "rb") as fh:
                return check(json.load(fh))
        except (OSError, ValueError) as err:
            raise JobFailure(f"ClientError: {url} cannot be read as JSON: {err}") from err
        except SchemaError as err:
            raise JobFailure(f"ClientError: {url}: {err}") from err

    # -- a baseline -------------------------------------------------------------------------------------------------
    def baseline(self) -> None:
        url = self.c["dataset_url"]
        fs, path = self.fs(url)
        files = sorted(fs.find(path)) if fs.isdir(path) else [path]
        profile = Profile()
        local = url.startswith("file://") and "csv" in self.c["format"]
        workers = max(1, min(int(self.c.get("workers") or 1), os.cpu_count() or 1))
        for file in files:
            print(f"smstudio monitor: profiling {file}" + (f" ({workers} workers)" if local else ""), flush=True)
            if local:  # byte ranges of the file, one process each (parallel.py)
                profile.merge(profile_csv(file, bool(self.c["format"]["csv"].get("header")), workers))
                continue
            with fs.open(file, "rb") as fh:
                for chunk in dataset_chunks(fh, self.c["format"]):
                    part = Profile()
                    part.add(chunk)
                    profile.merge(part)
        if not profile.rows:
            raise JobFailure(f"ClientError: {NO_DATA} (the baseline dataset {url} has no rows)")
        statistics = profile.statistics()
        self.write_json("statistics.json", statistics)
        self.write_json("constraints.json", suggest(statistics))
        print(f"smstudio monitor: {profile.rows} row(s), {len(profile.columns)} column(s) profiled", flush=True)

    # -- a batch transform's captured data -----------------------------------------------------------------------
    def batch_frames(self, start: datetime, end: datetime, names: Optional[list[str]]) -> Iterator[Any]:
        """The input files that the window's batch transform jobs listed (`<capture>/input/yyyy/mm/dd/hh/*.json`,
        transform/container.py), read in the schedule's DatasetFormat; CSV without a header matches the
        baseline's features by position, as captured CSV does."""
        fmt = self.c["batch_format"]
        fs, root = self.fs(self.c["capture_url"])
        manifests = []
        for hour in hours(start, end):
            folder = posixpath.join(root, "input", hour)
            if fs.isdir(folder):
                manifests.extend(sorted(fs.find(folder)))
        print(f"smstudio monitor: {len(manifests)} batch transform capture(s) in the window", flush=True)
        by_position = "csv" in fmt and not fmt["csv"].get("header")
        for manifest in manifests:
            with fs.open(manifest, "rb") as fh:
                try:
                    urls = _listed(json.load(fh))
                except ValueError as err:
                    raise JobFailure(f"ClientError: {manifest} is not JSON: {err}") from err
            for url in urls:
                data_fs, path = self.fs(url)
                with data_fs.open(path, "rb") as data:
                    for chunk in dataset_chunks(data, fmt):
                        if by_position and names and len(chunk.columns) == len(names):
                            chunk.columns = names
                        yield chunk

    # -- a monitoring execution -------------------------------------------------------------------------------------
    def monitor(self) -> None:
        start, end = (datetime.fromisoformat(self.c[k]) for k in ("start", "end"))
        constraints = (
            self.read_json(self.c["constraints_url"], check_constraints) if self.c.get("constraints_url") else None
        )
        baseline = self.read_json(self.c["statistics_url"], check_statistics) if self.c.get("statistics_url") else None
        names = [f["name"] for f in (constraints or baseline or {}).get("features", [])] or None
        bad: list[BadRecord] = []
        profile = Profile()
        frames = self.batch_frames(start, end, names) if self.c.get("batch_format") else None
        if frames is None:
            fs, root = self.fs(self.c["capture_url"])
            files = []
            for variant in sorted(fs.ls(root, detail=False)) if fs.isdir(root) else []:
                for hour in hours(start, end):
                    folder = posixpath.join(variant, hour)
                    if fs.isdir(folder):
                        files.extend(sorted(fs.find(folder)))
            window = f"{start.isoformat()} .. {end.isoformat()}"
            print(f"smstudio monitor: {len(files)} capture file(s) in {window}", flush=True)
            openers: list[tuple[str, Callable[[], Any]]] = [
                (posixpath.relpath(f, root), functools.partial(fs.open, f, "rb")) for f in files
            ]
            frames = capture_frames(openers, start, end, names, bad)
        for frame in frames:
            part = Profile()
            part.add(frame)
            profile.merge(part)
        if not profile.rows and not bad:
            raise NoData(NO_DATA)
        statistics = profile.statistics()
        found = violations(profile, baseline, constraints) if constraints else []
        for record in bad[:MAX_RECORD_VIOLATIONS]:
            event = f" (eventId {record.event_id})" if record.event_id else ""
            found.append(
                {
                    "feature_name": "",
                    "constraint_check_type": record.kind,
                    "description": f"Record {record.where}{event}: {record.reason}",
                }
            )
        if len(bad) > MAX_RECORD_VIOLATIONS:
            print(f"smstudio monitor: {len(bad)} bad record(s); the first {MAX_RECORD_VIOLATIONS} reported", flush=True)
        self.write_json("statistics.json", statistics)
        if constraints is not None:
            self.write_json("constraints.json", constraints)
        self.write_json("constraint_violations.json", {"violations": found})
        print(f"smstudio monitor: {profile.rows} record(s), {len(found)} violation(s)", flush=True)


def _listed(manifest: Any) -> list[str]:
    """The file URLs of an S3 manifest (`[{"prefix": ...}, key, ...]`) that a batch transform wrote."""
    if not isinstance(manifest, list) or not manifest or not isinstance(manifest[0], dict):
        raise JobFailure('ClientError: a capture manifest is not [{"prefix": ...}, key, ...]')
    prefix = str(manifest[0].get("prefix") or "")
    return [prefix + str(key) for key in manifest[1:]]


def _write_failure(reason: str) -> None:
    folder = os.environ.get("SMSTUDIO_OUTPUT_DIR")
    print(f"smstudio monitor: failed: {reason}", file=sys.stderr, flush=True)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        Path(folder, "failure").write_text(reason)


def main() -> None:
    from .quality_job import RUNS, QualityFailure  # model quality (quality_job.py): its baselines and executions

    job = Job(json.loads(os.environ["SMSTUDIO_CONTAINER_CONFIG"]))
    try:
        if job.c["mode"] in RUNS:
            RUNS[job.c["mode"]](job)
        else:
            job.baseline() if job.c["mode"] == "baseline" else job.monitor()
    except NoData as err:
        _write_failure(str(err))
        sys.exit(1)
    except (JobFailure, QualityFailure) as err:
        _write_failure(str(err))
        sys.exit(1)
    except Exception as err:  # noqa: BLE001 - any other error is the analysis's, named for the user
        _write_failure(f"AlgorithmError: {type(err).__name__}: {err}")
        raise


if __name__ == "__main__":
    main()
