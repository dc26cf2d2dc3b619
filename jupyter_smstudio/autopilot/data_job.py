"""What runs inside an AutoML job's data jobs: `python -m jupyter_smstudio.autopilot.data_job` (started by the driver;
its configuration comes in SMSTUDIO_CONTAINER_CONFIG, written by plan.py).

`prepare`: analyse the CSV (bad input fails the job, its reason the user's to read), split it into train and
validation (streamed in chunks: a 1-million-row file never sits in memory whole), write the data exploration and
candidate definition notebooks and the candidates' entry point. `explain`: explain the best candidate and rewrite the
candidate notebook with the leaderboard's leaders and their tuned hyperparameters.
"""

from __future__ import annotations

import io
import json
import os
import posixpath
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any, Optional

import joblib
import numpy as np
import pandas as pd

from ..core.errors import SmStudioError
from ..training.container import GZIP_LEVEL
from . import tables
from .analysis import CHUNK_ROWS, analyze
from .candidate_script import META_FILE, MODEL_FILE
from .candidates import definitions_for
from .checks import check_metric, check_no_empty_column
from .layout import (
    ANALYSIS,
    CANDIDATE_NOTEBOOK,
    CODE,
    ENTRY_POINT,
    EXPLAINABILITY,
    EXPLORATION_NOTEBOOK,
    NOTEBOOKS,
    READY,
    TRAIN,
    VALIDATION,
)
from .models import DataAnalysis

STRATIFIED_ROWS = 200_000  # below this the split is stratified exactly (scikit-learn); above, rows go by a seeded draw


class Failure(Exception):
    """Why the job fails (its FailureReason)."""


class DataJob:
    def __init__(self, config: dict[str, Any]):
        self.c = config
        self.options: dict[str, Any] = config.get("storage_options") or {}
        self.work = Path(tempfile.mkdtemp(prefix="smstudio-automl-"))

    # -- storage ----------------------------------------------------------------------------------------------------
    def fs(self, url: str) -> tuple[Any, str]:
        import fsspec

        found: tuple[Any, str] = fsspec.core.url_to_fs(url, **(self.options if url.startswith("s3://") else {}))
        return found

    def url(self, path: str) -> str:
        return str(self.c["output"]).rstrip("/") + "/" + path

    def local(self, url: str) -> str:
        """A path to read `url` from: itself when local, else a copy in the work folder."""
        if url.startswith("file://") or "://" not in url:
            return self.fs(url)[1]
        fs, path = self.fs(url)
        target = self.work / posixpath.basename(path)
        fs.get(path, str(target))
        return str(target)

    def put(self, local: str, path: str) -> str:
        """Copy a local file to `<output>/<path>`; answers the local path a user opens it at when the output is."""
        fs, target = self.fs(self.url(path))
        fs.makedirs(posixpath.dirname(target), exist_ok=True)
        fs.put(local, target)
        return target if self.url(path).startswith("file://") else self.url(path)

    def where(self, path: str) -> str:
        """What a notebook should read: the file's path when the output is local, else its URL."""
        url = self.url(path)
        return self.fs(url)[1] if url.startswith("file://") else url

    # -- prepare ----------------------------------------------------------------------------------------------------
    def prepare(self) -> None:
        c = self.c
        source = self.local(c["inputs"]["training"])
        try:
            analysis = analyze(source, c["target"], c.get("problem_type"), c.get("sample_weight"))
            metric = check_metric(c.get("metric"), analysis.ProblemType)
        except SmStudioError as err:
            raise Failure(f"ClientError: {err.message}") from None
        self.write_text(ANALYSIS, analysis.model_dump_json(indent=2))  # readable even when the job fails below
        try:
            check_no_empty_column(analysis)
        except SmStudioError as err:
            raise Failure(f"ClientError: {err.message}") from None
        self.split(source, analysis)
        script = Path(__file__).with_name("candidate_script.py")
        self.put(str(script), f"{CODE}/{ENTRY_POINT}")
        # candidates may start training now, while the notebooks are written (the first one sooner)
        self.write_text(READY, "")
        self.notebooks(analysis, source, metric)

    def write_text(self, path: str, text: str) -> None:
        local = self.work / posixpath.basename(path)
        local.write_text(text, encoding="utf-8")
        self.put(str(local), path)

    def split(self, source: str, analysis: DataAnalysis) -> None:
        target, fraction = analysis.TargetAttributeName, float(self.c["validation_fraction"])
        train, valid = self.work / "train.csv", self.work / "validation.csv"
        given = self.c["inputs"].get("validation")
        if given:  # the user's own validation channel: the training file is all training
            shutil.copyfile(source, train)
            shutil.copyfile(self.local(given), valid)
        elif analysis.row_count <= STRATIFIED_ROWS:
            self.split_small(source, analysis, fraction, train, valid)
        else:
            rng = np.random.default_rng(0)
            first = True
            for chunk in pd.read_csv(source, chunksize=CHUNK_ROWS, dtype=object, keep_default_na=False):
                chunk = chunk[chunk[target].astype(str).str.strip() != ""]
                held = rng.random(len(chunk)) < fraction
                chunk[~held].to_csv(train, mode="w" if first else "a", header=first, index=False)
                chunk[held].to_csv(valid, mode="w" if first else "a", header=first, index=False)
                first = False
        self.put(str(train), f"{TRAIN}/train.csv")
        self.put(str(valid), f"{VALIDATION}/validation.csv")

    @staticmethod
    def split_small(source: str, analysis: DataAnalysis, fraction: float, train: Path, valid: Path) -> None:
        from sklearn.model_selection import train_test_split

        target = analysis.TargetAttributeName
        # read as text: the split files keep every value as the user wrote it
        frame = pd.read_csv(source, dtype=object, keep_default_na=False)
        frame = frame[frame[target].astype(str).str.strip() != ""]
        labels = frame[target] if analysis.ProblemType != "Regression" else None
        if labels is not None and labels.value_counts().min() < 2:
            labels = None  # a class with one row cannot be on both sides
        left, right = train_test_split(frame, test_size=fraction, random_state=0, stratify=labels)
        left.to_csv(train, index=False)
        right.to_csv(valid, index=False)

    def notebooks(self, analysis: DataAnalysis, source: str, metric: str, leaders: Optional[list[Any]] = None) -> None:
        from .notebooks import (
            NotebookCandidate,
            candidate_definition_notebook,
            data_exploration_notebook,
            write_notebook,
        )

        definitions = {d.name: d for d in definitions_for(analysis)}
        if leaders is None:
            candidates = [NotebookCandidate(d.name, d, {}, None) for d in definitions.values()]
            local = self.work / EXPLORATION_NOTEBOOK
            user_csv = self.c["inputs"]["training"]
            shown = self.fs(user_csv)[1] if user_csv.startswith("file://") else user_csv
            write_notebook(data_exploration_notebook(analysis, shown), str(local))
            self.put(str(local), f"{NOTEBOOKS}/{EXPLORATION_NOTEBOOK}")
        else:
            candidates = [
                NotebookCandidate(
                    leader["name"], definitions[leader["definition"]], leader["hyperparameters"], leader["score"]
                )
                for leader in leaders
                if leader.get("definition") in definitions
            ]
        local = self.work / CANDIDATE_NOTEBOOK
        notebook = candidate_definition_notebook(
            analysis, candidates, self.where(f"{TRAIN}/train.csv"), self.where(f"{VALIDATION}/validation.csv"), metric
        )
        write_notebook(notebook, str(local))
        self.put(str(local), f"{NOTEBOOKS}/{CANDIDATE_NOTEBOOK}")

    # -- explain ----------------------------------------------------------------------------------------------------
    def explain(self) -> None:
        from .explain import explain, write_report

        fs, path = self.fs(self.url(ANALYSIS))
        with fs.open(path, "rb") as fh:
            analysis = DataAnalysis.model_validate_json(fh.read())
        metric = str(self.c.get("metric") or "")
        metric = check_metric(metric or None, analysis.ProblemType)
        model_url = self.c.get("best_model")
        if not model_url:
            raise Failure("ClientError: the best candidate has no model")
        fs, path = self.fs(model_url)
        with fs.open(path, "rb") as fh, tarfile.open(fileobj=io.BytesIO(fh.read()), mode="r:gz") as tar:
            tar.extractall(self.work / "model", filter="data")
        pipeline = joblib.load(self.work / "model" / MODEL_FILE)
        # read as the candidates read it (tables.py): the model sees its columns as it was trained on them
        valid = tables.read_table(self.local(self.url(f"{VALIDATION}/validation.csv")), analysis)
        features = valid[tables.feature_columns(analysis)]
        report = explain(pipeline, features, valid[analysis.TargetAttributeName], metric, analysis.ProblemType)
        folder = self.work / "explainability"
        write_report(report, str(folder))
        for item in sorted(folder.iterdir()):
            self.put(str(item), f"{EXPLAINABILITY}/{item.name}")
        self.notebooks(analysis, "", metric, leaders=self.c.get("leaders") or [])
        if self.c.get("refit_to"):
            self.refit(pipeline, analysis, valid, str(self.c["refit_to"]))

    def refit(self, pipeline: Any, analysis: DataAnalysis, valid: pd.DataFrame, to: str) -> None:
        """The best candidate, its hyperparameters kept, fitted again on the training and validation rows together:
        a fifth more rows to learn from for the model that is deployed (as FLAML's retrain_full). Its validation
        score stays the one it was ranked with. A refit that fails leaves the ranked model served, said in the log."""
        from sklearn.base import clone

        from .candidates import fit_candidate

        train = tables.read_table(self.local(self.url(f"{TRAIN}/train.csv")), analysis)
        rows = pd.concat([train, valid], ignore_index=True)
        weight = analysis.SampleWeightAttributeName
        model = self.work / "model"
        try:
            refit = clone(pipeline)
            fit_candidate(
                refit,
                rows[tables.feature_columns(analysis)],
                rows[analysis.TargetAttributeName],
                rows[weight] if weight else None,
            )
        except (ValueError, TypeError, MemoryError) as err:
            print(f"smstudio autopilot: the refit on all {len(rows)} rows failed, the ranked model stays: {err}")
            return
        joblib.dump(refit, model / MODEL_FILE)
        meta_file = model / META_FILE
        if meta_file.is_file():
            meta = json.loads(meta_file.read_text())
            meta["refit_rows"] = len(rows)  # the ranked model learnt from len(train) of them
            meta_file.write_text(json.dumps(meta, indent=1))
        archive = self.work / "refit.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=GZIP_LEVEL) as tar:
            for item in sorted(model.iterdir()):
                tar.add(item, arcname=item.name)
        self.put(str(archive), to)
        print(f"smstudio autopilot: the best candidate refit on {len(rows)} rows ({len(train)} + {len(valid)})")


def _write_failure(reason: str) -> None:
    folder = os.environ.get("SMSTUDIO_OUTPUT_DIR")
    print(f"smstudio autopilot: failed: {reason}", file=sys.stderr, flush=True)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        Path(folder, "failure").write_text(reason)


def main() -> None:
    job = DataJob(json.loads(os.environ["SMSTUDIO_CONTAINER_CONFIG"]))
    try:
        job.prepare() if job.c["mode"] == "prepare" else job.explain()
    except Failure as err:
        _write_failure(str(err))
        sys.exit(1)
    except Exception as err:  # noqa: BLE001 - any other error is the job's, named for the user
        _write_failure(f"AlgorithmError: {type(err).__name__}: {err}")
        raise
    finally:
        shutil.rmtree(job.work, ignore_errors=True)


if __name__ == "__main__":
    main()
