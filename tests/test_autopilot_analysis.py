"""Autopilot's data analysis and input checks, without processes but the 1M-row one: scikit-learn's bundled data
sets written as CSVs, a generated table with every column kind and warning, problem type inference, every bad input
refused with a 400 naming the field, SageMaker's metrics per problem type, and a million rows in bounded memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
import pytest
from sklearn import datasets

from jupyter_smstudio.autopilot.analysis import analyze
from jupyter_smstudio.autopilot.checks import METRICS, check_metric, default_metric
from jupyter_smstudio.core.errors import BadRequest

REPO = Path(__file__).resolve().parents[1]
WORDS = "the a quick slow brown red dog cat runs sleeps over under river hill good bad service product".split()


def write(tmp_path: Path, frame: pd.DataFrame, name: str = "data.csv") -> Path:
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    ("loader", "problem_type", "classes"),
    [
        (datasets.load_breast_cancer, "BinaryClassification", {"1": 357, "0": 212}),
        (datasets.load_iris, "MulticlassClassification", {"0": 50, "1": 50, "2": 50}),
        (datasets.load_wine, "MulticlassClassification", {"1": 71, "0": 59, "2": 48}),
        (datasets.load_diabetes, "Regression", None),
    ],
)
def test_bundled_data_sets(tmp_path: Path, loader: Callable[..., Any], problem_type: str, classes: Any) -> None:
    frame = loader(as_frame=True).frame
    result = analyze(write(tmp_path, frame), "target")
    assert result.ProblemType == problem_type and result.problem_type_inferred
    assert result.class_counts == classes
    assert result.row_count == result.sampled_rows == len(frame)
    assert [c.name for c in result.columns] == [c for c in frame.columns if c != "target"]
    # real features: all numbers, none leaking, none flagged
    assert {c.kind for c in result.columns} == {"numeric"}
    assert all(c.warnings == [] and c.missing_fraction == 0 for c in result.columns)


def mixed_table(n: int = 600, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    age = rng.integers(18, 80, n).astype(float)
    age[rng.random(n) < 0.1] = np.nan
    color = rng.choice(["red", "green", "blue"], n)
    churn = np.where(rng.random(n) < 0.3, "yes", "no")
    sparse = rng.normal(size=n)
    sparse[rng.random(n) < 0.8] = np.nan
    return pd.DataFrame(
        {
            "customer_id": rng.permutation(n) + 1000,
            "order_code": [f"ORD-{i:06d}-{rng.integers(1_000_000)}" for i in range(n)],
            "age": age,
            "color": color,
            "review": [" ".join(rng.choice(WORDS, rng.integers(6, 14))) for _ in range(n)],
            "signup": pd.date_range("2020-01-01", periods=n, freq="D").strftime("%Y-%m-%d"),
            "sparse": sparse,
            "country": "FR",
            "empty": np.nan,
            "churned_flag": np.where(churn == "yes", "Y", "N"),  # the target under another name
            "churn": churn,
        }
    )


def test_generated_table_kinds_warnings_and_missing(tmp_path: Path) -> None:
    frame = mixed_table()
    result = analyze(write(tmp_path, frame), "churn")
    assert result.ProblemType == "BinaryClassification"
    assert result.class_counts == frame["churn"].value_counts().to_dict()
    kinds = {c.name: c.kind for c in result.columns}
    assert kinds == {
        "customer_id": "id",
        "order_code": "id",
        "age": "numeric",
        "color": "categorical",
        "review": "text",
        "signup": "datetime",
        "sparse": "numeric",
        "country": "categorical",
        "empty": "numeric",
        "churned_flag": "categorical",
    }
    flagged = {c.name: c.warnings for c in result.columns if c.warnings}
    assert flagged == {
        "customer_id": ["id_like"],
        "order_code": ["id_like"],
        "sparse": ["mostly_missing"],
        "country": ["constant"],
        "empty": ["empty", "mostly_missing"],
        "churned_flag": ["likely_leakage"],
    }
    assert result.column("age").missing_fraction == pytest.approx(frame["age"].isna().mean())
    assert result.column("color").distinct_count == 3
    json.dumps(result.model_dump())  # the contract serialises as the room will answer it


def test_a_date_present_only_for_one_class_leaks(tmp_path: Path) -> None:
    """A cancellation date filled in only for customers who left: its gaps alone give the target away."""
    frame = mixed_table(300)
    frame["cancelled_on"] = np.where(frame["churn"] == "yes", frame["signup"], None)
    frame = frame.drop(columns=["churned_flag"])
    result = analyze(write(tmp_path, frame), "churn")
    assert result.column("cancelled_on").kind == "datetime"
    assert "likely_leakage" in result.column("cancelled_on").warnings
    assert result.column("signup").warnings == []


@pytest.mark.parametrize(
    ("leak", "problem_type"),
    [
        (lambda y: y, "BinaryClassification"),  # equal to the target
        (lambda y: np.where(y == 1, "spam", "ham"), "BinaryClassification"),  # a 1-1 mapping
        (lambda y: y * 10 + np.random.default_rng(1).random(len(y)), "BinaryClassification"),  # a threshold
        (lambda y: y * 3.0 - 1, "Regression"),  # a linear function of a numeric target
    ],
)
def test_leaking_column(tmp_path: Path, leak: Callable[[Any], Any], problem_type: str) -> None:
    rng = np.random.default_rng(0)
    n = 400
    y = rng.integers(0, 2, n) if problem_type != "Regression" else rng.normal(size=n)
    noisy = y + rng.normal(scale=2.0, size=n)  # related to the target, far from predicting it
    frame = pd.DataFrame({"noisy": noisy, "leak": leak(y), "y": y})
    result = analyze(write(tmp_path, frame), "y")
    assert result.ProblemType == problem_type
    assert result.column("leak").warnings == ["likely_leakage"]
    assert result.column("noisy").warnings == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (["a", "b", "c", "d"] * 10, "MulticlassClassification"),  # text
        ([1, 2, 3, 4, 5] * 8, "MulticlassClassification"),  # a few whole numbers
        ([0.0, 1.0, np.nan, 1.0] * 10, "BinaryClassification"),  # two values, read as floats with gaps
        (list(range(40)), "Regression"),  # many whole numbers
        ([0.5, 1.5, 2.5, 3.25] * 10, "Regression"),  # few values, not whole
    ],
)
def test_problem_type_inference(tmp_path: Path, target: list[Any], expected: str) -> None:
    frame = pd.DataFrame({"x": np.arange(len(target)) % 7, "y": target})
    result = analyze(write(tmp_path, frame), "y")
    assert result.ProblemType == expected
    if expected == "BinaryClassification":
        assert result.class_counts == {"1": 20, "0": 10} and result.target_missing_count == 10


def test_given_problem_type_wins(tmp_path: Path) -> None:
    frame = pd.DataFrame({"x": range(40), "y": [1, 2, 3, 4] * 10})
    result = analyze(write(tmp_path, frame), "y", problem_type="Regression")
    assert result.ProblemType == "Regression" and not result.problem_type_inferred and result.class_counts is None


def test_sample_weights_accepted(tmp_path: Path) -> None:
    frame = pd.DataFrame({"x": range(40), "w": [0.0, 2.5] * 20, "y": [0, 1] * 20})
    result = analyze(write(tmp_path, frame), "y", sample_weight="w")
    assert result.SampleWeightAttributeName == "w"
    assert result.column("w").warnings == []  # the weight follows the target here, and is no leak: not a feature


def test_file_like_sources(tmp_path: Path) -> None:
    text = mixed_table(100).to_csv(index=False)

    class Pipe(io.RawIOBase):  # a stream that cannot seek, as a socket or a pipe
        def __init__(self, data: bytes) -> None:
            self.inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, b: Any) -> int:
            chunk = self.inner.read(len(b))
            b[: len(chunk)] = chunk
            return len(chunk)

    for source in (io.StringIO(text), io.BytesIO(text.encode()), io.BufferedReader(Pipe(text.encode()))):
        result = analyze(source, "churn")
        assert result.row_count == 100 and result.column("review").kind == "text"


def test_sampled_analysis_keeps_exact_counts(tmp_path: Path) -> None:
    frame = mixed_table(5000, seed=3)
    result = analyze(write(tmp_path, frame), "churn", max_rows=700)
    assert result.row_count == 5000 and result.sampled_rows == 700
    assert result.class_counts == frame["churn"].value_counts().to_dict()
    assert result.column("age").missing_fraction == pytest.approx(frame["age"].isna().mean())
    assert result.column("customer_id").kind == "id"  # a sampled id still spans one value per row of the file


def bad(tmp_path: Path, frame: pd.DataFrame, **kwargs: Any) -> BadRequest:
    with pytest.raises(BadRequest) as caught:
        analyze(write(tmp_path, frame), **{"target": "y", **kwargs})
    return caught.value


def rows(n: int = 40, **columns: Any) -> pd.DataFrame:
    return pd.DataFrame({"x": np.arange(n), **columns})


@pytest.mark.parametrize(
    ("frame", "kwargs", "field", "message"),
    [
        (rows(y=[0, 1] * 20), {"target": "label"}, "TargetAttributeName", "Target column 'label' is not in the data"),
        (rows(y=[7.0] * 40), {}, "TargetAttributeName", "same value in every row"),
        (
            rows(y=["yes"] * 40),
            {"problem_type": "BinaryClassification"},
            "TargetAttributeName",
            "has one class",
        ),
        (rows(y=[np.nan] * 40), {}, "TargetAttributeName", "empty in every row"),
        (rows(19, y=[0, 1] * 9 + [0]), {}, "InputDataConfig", "has 19 rows with a target; Autopilot needs at least 20"),
        (
            rows(y=[0, 1] * 20, w=[1.0] * 39 + [-0.5]),
            {"sample_weight": "w"},
            "SampleWeightAttributeName",
            "negative weights (smallest -0.5)",
        ),
        (rows(y=[0, 1] * 20, w=["heavy"] * 40), {"sample_weight": "w"}, "SampleWeightAttributeName", "not numbers"),
        (rows(y=[0, 1] * 20), {"sample_weight": "nope"}, "SampleWeightAttributeName", "'nope' is not in the data"),
        (rows(y=[0, 1, 2, 3] * 10), {"problem_type": "BinaryClassification"}, "ProblemType", "exactly two classes"),
        (rows(y=["a", "b", "c"] * 13 + ["a"]), {"problem_type": "Regression"}, "ProblemType", "numeric target"),
        (rows(y=[0, 1] * 20), {"problem_type": "Clustering"}, "ProblemType", "not one of"),
    ],
)
def test_bad_table(tmp_path: Path, frame: pd.DataFrame, kwargs: dict[str, Any], field: str, message: str) -> None:
    err = bad(tmp_path, frame, **kwargs)
    assert err.status == 400 and err.field == field
    assert message in err.message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("x;y\n" + "1;0\n" * 30, "separated by semicolons"),
        ("x\ty\n" + "1\t0\n" * 30, "separated by tabs"),
        ("x,y\n" + "caf\xe9,0\n" * 30, "not UTF-8"),
        ("", "empty"),
        ("x,y\n", "holds no rows"),
        ("x,y\n1,0\n1,0,3,4\n" + "1,0\n" * 30, "not valid CSV"),
    ],
)
def test_bad_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content.encode("latin-1"))
    with pytest.raises(BadRequest) as caught:
        analyze(path, "y")
    assert caught.value.field == "InputDataConfig" and message in caught.value.message


def test_non_utf8_after_the_first_chunk(tmp_path: Path) -> None:
    """A bad byte deep in the file, past what the head check reads, still answers 400."""
    path = tmp_path / "late.csv"
    path.write_bytes(("x,y\n" + "1,0\n" * 200_000 + "caf\xe9,1\n").encode("latin-1"))
    with pytest.raises(BadRequest) as caught:
        analyze(path, "y")
    assert caught.value.field == "InputDataConfig" and "not UTF-8" in caught.value.message


def test_byte_order_mark_and_windows_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfx,y\r\n" + b"".join(b"%d,%d\r\n" % (i, i % 2) for i in range(30)))
    result = analyze(path, "y")
    assert result.ProblemType == "BinaryClassification" and [c.name for c in result.columns] == ["x"]


def test_missing_file_is_a_400(tmp_path: Path) -> None:
    with pytest.raises(BadRequest) as caught:
        analyze(tmp_path / "nowhere.csv", "y")
    assert caught.value.field == "InputDataConfig"


def test_metrics_per_problem_type() -> None:
    assert default_metric("BinaryClassification") == "F1"
    assert default_metric("MulticlassClassification") == "Accuracy"
    assert default_metric("Regression") == "MSE"
    assert set(METRICS["Regression"]) == {"MSE", "RMSE", "MAE", "R2"}
    assert {"AUC", "F1", "Precision", "Recall", "BalancedAccuracy", "Accuracy", "LogLoss"} == set(
        METRICS["BinaryClassification"]
    )
    assert {"F1macro", "PrecisionMacro", "RecallMacro"} <= set(METRICS["MulticlassClassification"])
    assert check_metric(None, "Regression") == "MSE"
    assert check_metric("AUC", "BinaryClassification") == "AUC"
    for metric, problem_type in [("AUC", "Regression"), ("F1", "MulticlassClassification"), ("R2", "Binary")]:
        with pytest.raises(BadRequest) as caught:
            check_metric(metric, problem_type)
        assert caught.value.field in ("AutoMLJobObjective.MetricName", "ProblemType")
    with pytest.raises(BadRequest) as caught:
        check_metric("RMSE", "BinaryClassification")
    assert caught.value.field == "AutoMLJobObjective.MetricName" and "does not fit" in caught.value.message


# the peak resident set of this process image: VmHWM starts afresh at exec, while getrusage's ru_maxrss carries
# the parent's peak over fork (pytest holding the generated frame would be counted)
MEMORY_PROBE = """
import json, re, sys, time
from jupyter_smstudio.autopilot.analysis import analyze
def peak_kb():
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
before = peak_kb()
started = time.monotonic()
result = analyze(sys.argv[1], "label")
print(json.dumps({"seconds": time.monotonic() - started, "before_kb": before, "peak_kb": peak_kb(),
                  "analysis": result.model_dump()}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak memory from Linux's /proc")
def test_a_million_rows_in_bounded_memory(tmp_path: Path) -> None:
    n = 1_000_000
    rng = np.random.default_rng(1)
    titles = np.array([f"item {i} of the catalogue, shelf {i % 37}" for i in range(2000)], dtype=object)
    labels = rng.choice(["yes", "no", "maybe"], n, p=[0.2, 0.5, 0.3])
    frame = pd.DataFrame(
        {
            "row_id": np.arange(n),
            "x": rng.normal(size=n).round(4),
            "shop": rng.choice(["north", "south", "east", "west"], n),
            "title": titles[rng.integers(0, 2000, n)],
            "label": labels,
        }
    )
    path = write(tmp_path, frame, "million.csv")
    expected = frame["label"].value_counts().to_dict()
    del frame, labels
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(path)], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert out.returncode == 0, out.stderr
    probe = json.loads(out.stdout)
    analysis = probe["analysis"]
    assert analysis["row_count"] == n and analysis["sampled_rows"] == 100_000
    assert analysis["class_counts"] == expected and analysis["ProblemType"] == "MulticlassClassification"
    assert [c["kind"] for c in analysis["columns"]] == ["id", "numeric", "categorical", "categorical"]
    peak_mb, grown_mb = probe["peak_kb"] / 1024, (probe["peak_kb"] - probe["before_kb"]) / 1024
    print(f"1M rows: {probe['seconds']:.1f} s analysing, peak RSS {peak_mb:.0f} MB (+{grown_mb:.0f} MB over imports)")
    assert peak_mb < 300 and grown_mb < 80  # reading the whole file grows it by ~130 MB
    assert time.monotonic() - started < 60
