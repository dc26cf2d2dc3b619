"""The Model Monitor analysis without processes: profiles in SageMaker's statistics.json schema (types inferred as
its analyzer infers them, unnamed columns `_c0`, ...), profiles split in chunks merging to the whole, the KLL rank
error within its bound, files written from SageMaker's documented examples loading and checked against, the six
checks (Simple and Robust drift), schema errors and the schedule expressions SageMaker accepts."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone

import numpy as np
import pandas as pd
import pytest

from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.monitor import schedule
from jupyter_smstudio.monitor.constraints import (
    SchemaError,
    check_constraints,
    check_statistics,
    ks_distance,
    suggest,
    violations,
    weighted,
)
from jupyter_smstudio.monitor.profile import Profile
from jupyter_smstudio.monitor.readers import dataset_chunks

# written from the documentation's schema (model-monitor-byoc-statistics / -constraints), numbers filled in:
# SageMaker's analyzer writes c=0.64, k=2048 and the sketch's levels in `data`
SAGEMAKER_STATISTICS = {
    "version": 0.0,
    "dataset": {"item_count": 8},
    "features": [
        {
            "name": "age",
            "inferred_type": "Integral",
            "numerical_statistics": {
                "common": {"num_present": 8, "num_missing": 0},
                "mean": 40.5,
                "sum": 324.0,
                "std_dev": 12.5,
                "min": 21.0,
                "max": 60.0,
                "distribution": {
                    "kll": {
                        "buckets": [{"lower_bound": 21.0, "upper_bound": 60.0, "count": 8.0}],
                        "sketch": {
                            "parameters": {"c": 0.64, "k": 2048.0},
                            "data": [[21.0, 30.0, 35.0, 60.0], [40.0, 50.0]],
                        },
                    }
                },
            },
        },
        {
            "name": "city",
            "inferred_type": "String",
            "string_statistics": {
                "common": {"num_present": 8, "num_missing": 0},
                "distinct_count": 2.0,
                "distribution": {
                    "categorical": {"buckets": [{"value": "Paris", "count": 6}, {"value": "Oslo", "count": 2}]}
                },
            },
        },
    ],
}
SAGEMAKER_CONSTRAINTS = {
    "version": 0.0,
    "features": [
        {"name": "age", "inferred_type": "Integral", "completeness": 1.0, "num_constraints": {"is_non_negative": True}},
        {
            "name": "city",
            "inferred_type": "String",
            "completeness": 1.0,
            "string_constraints": {"domains": ["Paris", "Oslo"]},
            "monitoringConfigOverrides": {},
        },
    ],
    "monitoring_config": {
        "evaluate_constraints": "Enabled",
        "emit_metrics": "Enabled",
        "datatype_check_threshold": 0.1,
        "domain_content_threshold": 0.1,
        "distribution_constraints": {
            "perform_comparison": "Enabled",
            "comparison_threshold": 0.1,
            "comparison_method": "Simple",
            "categorical_comparison_threshold": 0.1,
            "categorical_drift_method": "LInfinity",
        },
    },
}


def _profile(frame: pd.DataFrame) -> Profile:
    profile = Profile()
    profile.add(frame)
    return profile


def _checks(found: list[dict]) -> set[tuple[str, str]]:
    return {(v["feature_name"], v["constraint_check_type"]) for v in found}


def test_types_names_and_the_statistics_schema():
    text = "1,2.5,a,\n2,3,b,\n3,x,a,\n"
    (chunk,) = dataset_chunks(io.BytesIO(text.encode()), {"csv": {"header": False}})
    stats = _profile(chunk).statistics()
    assert stats["dataset"] == {"item_count": 3}
    features = {f["name"]: f for f in stats["features"]}
    assert list(features) == ["_c0", "_c1", "_c2", "_c3"]
    assert [f["inferred_type"] for f in features.values()] == ["Integral", "String", "String", "Unknown"]
    numeric = features["_c0"]["numerical_statistics"]
    assert numeric["common"] == {"num_present": 3, "num_missing": 0}
    assert (numeric["mean"], numeric["sum"], numeric["min"], numeric["max"]) == (2.0, 6.0, 1.0, 3.0)
    assert numeric["std_dev"] == pytest.approx(np.std([1, 2, 3]))
    kll = numeric["distribution"]["kll"]
    assert len(kll["buckets"]) == 10 and sum(b["count"] for b in kll["buckets"]) == pytest.approx(3)
    assert kll["sketch"]["parameters"]["k"] == 200.0 and kll["sketch"]["data"] == [[1.0, 2.0, 3.0]]
    strings = features["_c2"]["string_statistics"]
    assert strings["distinct_count"] == 2
    assert strings["distribution"]["categorical"]["buckets"] == [{"value": "a", "count": 2}, {"value": "b", "count": 1}]
    assert features["_c3"]["numerical_statistics"]["common"] == {"num_present": 0, "num_missing": 3}
    # SageMaker's pattern: "1.0" is Fractional, "1" Integral
    as_text = _profile(pd.DataFrame({"v": ["1", "2.0"]}, dtype=object)).statistics()["features"][0]
    assert as_text["inferred_type"] == "Fractional"
    json.dumps(stats)  # plain JSON


def test_header_csv_and_json_lines():
    (csv_chunk,) = dataset_chunks(io.BytesIO(b"age,city\n30,Paris\n41,Oslo\n"), {"csv": {"header": True}})
    lines = b'{"age": 30, "city": "Paris"}\n{"age": 41, "city": "Oslo"}\n{"city": "Rome"}\n'
    (json_chunk,) = dataset_chunks(io.BytesIO(lines), {"json": {"lines": True}})
    from_csv, from_json = _profile(csv_chunk).statistics(), _profile(json_chunk).statistics()
    assert [f["name"] for f in from_csv["features"]] == [f["name"] for f in from_json["features"]] == ["age", "city"]
    age = from_json["features"][0]
    assert age["inferred_type"] == "Integral"
    assert age["numerical_statistics"]["common"] == {"num_present": 2, "num_missing": 1}
    header_only = Profile()
    for chunk in dataset_chunks(io.BytesIO(b"a,b\n"), {"csv": {"header": True}}):
        header_only.add(chunk)
    assert header_only.rows == 0  # the baselining job fails on it, naming the dataset (test_monitor.py)


def test_chunks_merge_to_the_whole_and_kll_rank_error_within_its_bound():
    rng = np.random.default_rng(0)
    values = rng.lognormal(0, 1, 400_000)
    frame = pd.DataFrame({"v": values, "k": np.array(["a", "b", "c"])[rng.integers(0, 3, len(values))]})
    whole = Profile()
    for start in range(0, len(frame), 50_000):  # eight workers' parts, merged
        whole.merge(_profile(frame.iloc[start : start + 50_000]))
    stats = whole.statistics()["features"]
    numeric = stats[0]["numerical_statistics"]
    assert numeric["common"]["num_present"] == len(values)
    assert numeric["sum"] == pytest.approx(values.sum()) and numeric["mean"] == pytest.approx(values.mean())
    assert numeric["std_dev"] == pytest.approx(values.std(), rel=1e-6)
    assert (numeric["min"], numeric["max"]) == (values.min(), values.max())
    kll = whole.columns["v"].kll
    bound = kll.normalized_rank_error(False)
    ordered = np.sort(values)
    for q in (0.01, 0.1, 0.5, 0.9, 0.99):
        true_rank = np.searchsorted(ordered, kll.get_quantile(q), side="right") / len(values)
        assert abs(true_rank - q) <= bound, (q, true_rank, bound)
    assert stats[1]["string_statistics"]["distinct_count"] == 3
    # the sketch as written weighs every value once: its levels' weights sum to the count
    items = weighted(stats[0])
    assert items is not None and items[1].sum() == pytest.approx(len(values), rel=0.01)


def test_sagemaker_files_load_round_trip_and_are_checked_against():
    statistics = check_statistics(json.loads(json.dumps(SAGEMAKER_STATISTICS)))
    constraints = check_constraints(json.loads(json.dumps(SAGEMAKER_CONSTRAINTS)))
    sketch = weighted(statistics["features"][0])
    assert sketch is not None and sketch[1].sum() == 8  # 4 items of level 0, 2 of level 1
    same = pd.DataFrame({"age": ["21", "30", "35", "60", "40", "40", "50", "50"], "city": ["Paris"] * 6 + ["Oslo"] * 2})
    assert violations(_profile(same), statistics, constraints) == []
    shifted = pd.DataFrame({"age": ["90", "91", "x", ""], "city": ["Oslo", "Rome", "Rome", "Rome"]}, dtype=object)
    found = violations(_profile(shifted), statistics, constraints)
    assert _checks(found) == {
        ("age", "data_type_check"),
        ("age", "completeness_check"),
        ("age", "baseline_drift_check"),
        ("city", "categorical_values_check"),
        ("city", "baseline_drift_check"),
    }
    assert all(set(v) == {"feature_name", "constraint_check_type", "description"} for v in found)
    extra = violations(_profile(pd.DataFrame({"age": ["30"], "city": ["Paris"], "more": ["1"]})), None, constraints)
    assert _checks(extra) == {("", "extra_column_check")}
    missing = violations(_profile(pd.DataFrame({"age": ["30"]})), None, constraints)
    assert _checks(missing) == {("", "missing_column_check")}
    # our own files load the same way
    ours = _profile(same).statistics()
    assert check_statistics(json.loads(json.dumps(ours))) == ours
    assert check_constraints(json.loads(json.dumps(suggest(ours))))["features"][1]["string_constraints"] == {
        "domains": ["Paris", "Oslo"]
    }


def test_simple_and_robust_drift():
    rng = np.random.default_rng(5)
    base = _profile(pd.DataFrame({"v": rng.normal(0, 1, 5000)}))
    statistics = base.statistics()
    rules = suggest(statistics)
    small = _profile(pd.DataFrame({"v": rng.normal(0.35, 1, 40)}))  # a small window: drift within chance
    distance = ks_distance(weighted(statistics["features"][0]), weighted(small.statistics()["features"][0]))
    assert 0.1 < distance < 0.25
    rules["monitoring_config"]["distribution_constraints"]["comparison_method"] = "Simple"
    assert _checks(violations(small, statistics, rules)) == {("v", "baseline_drift_check")}
    rules["monitoring_config"]["distribution_constraints"]["comparison_method"] = "Robust"
    assert violations(small, statistics, rules) == []  # Robust asks the drift to be beyond the sample's chance
    large = _profile(pd.DataFrame({"v": rng.normal(0.8, 1, 2000)}))
    assert _checks(violations(large, statistics, rules)) == {("v", "baseline_drift_check")}
    rules["features"][0]["monitoringConfigOverrides"] = {"evaluate_constraints": "Disabled"}
    assert violations(large, statistics, rules) == []


def test_schema_errors_name_what_is_wrong():
    with pytest.raises(SchemaError, match="features"):
        check_constraints({"version": 0})
    with pytest.raises(SchemaError, match=r"features\[0\].completeness"):
        check_constraints({"features": [{"name": "a", "completeness": "all"}]})
    with pytest.raises(SchemaError, match="comparison_method"):
        check_constraints(
            {"features": [], "monitoring_config": {"distribution_constraints": {"comparison_method": "x"}}}
        )
    with pytest.raises(SchemaError, match="inferred_type"):
        check_statistics({"features": [{"name": "a", "inferred_type": "Number"}]})


def test_schedule_expressions_as_sagemaker_accepts_them():
    after = datetime(2026, 1, 1, 10, 30, tzinfo=timezone.utc)
    assert schedule.next_fire("cron(0 * ? * * *)", after) == datetime(2026, 1, 1, 11, tzinfo=timezone.utc)
    assert schedule.next_fire("cron(0 3 ? * * *)", after) == datetime(2026, 1, 2, 3, tzinfo=timezone.utc)
    assert schedule.next_fire("cron(0 0/6 ? * * *)", after) == datetime(2026, 1, 1, 12, tzinfo=timezone.utc)
    assert schedule.next_fire("NOW", after) is None
    for refused in ("cron(30 * ? * * *)", "cron(0 * * * *)", "cron(0 24 ? * * *)", "cron(0 * ? 1 * *)", "hourly"):
        with pytest.raises(BadRequest) as err:
            schedule.cron(refused)
        assert err.value.field == schedule.EXPRESSION
    start, end = schedule.window("NOW", "-PT2H", "-PT0H", after)
    assert ((after - start).total_seconds(), end) == (7200.0, after)
    assert schedule.offset("-P1DT2H30M", schedule.START).total_seconds() == -(86400 + 9000)
    for bad in ("PT1H", "-1H", "", "-P"):
        with pytest.raises(BadRequest):
            schedule.offset(bad, schedule.START)
    with pytest.raises(BadRequest) as err:
        schedule.check("NOW", "-PT0H", "-PT1H")
    assert err.value.field == schedule.START


def test_a_csv_split_over_worker_processes_profiles_as_one(tmp_path):
    from jupyter_smstudio.monitor.parallel import profile_csv, ranges

    rng = np.random.default_rng(2)
    frame = pd.DataFrame({"x": rng.normal(0, 1, 30_000).round(5), "city": rng.choice(["Oslo", "Rome", "Lima"], 30_000)})
    frame.loc[::7, "x"] = np.nan
    path = tmp_path / "data.csv"
    frame.to_csv(path, index=False)
    shares = ranges(str(path), 3, start=len("x,city\n"))
    assert shares[0][0] == len("x,city\n") and shares[-1][1] == path.stat().st_size
    assert all(a[1] == b[0] for a, b in zip(shares, shares[1:], strict=False))  # contiguous, cut at line ends
    one, three = profile_csv(str(path), True, 1, 4000), profile_csv(str(path), True, 3, 4000)
    assert one.rows == three.rows == 30_000
    a, b = one.statistics()["features"], three.statistics()["features"]
    assert [f["name"] for f in a] == [f["name"] for f in b] == ["x", "city"]
    assert a[0]["numerical_statistics"]["common"] == b[0]["numerical_statistics"]["common"]
    assert a[0]["numerical_statistics"]["common"]["num_missing"] == len(frame.iloc[::7])
    assert a[0]["numerical_statistics"]["sum"] == pytest.approx(b[0]["numerical_statistics"]["sum"])
    assert a[0]["numerical_statistics"]["std_dev"] == pytest.approx(frame["x"].std(ddof=0))
    assert a[1]["string_statistics"] == b[1]["string_statistics"]


def test_text_values_are_counted_once_stripped_blank_missing_numbers_typed():
    """The text path (captured requests are all text): a value is stripped, blank is missing, a number written
    as text counts as Integral ("1") or Fractional ("2.0", "1e3") by SageMaker's pattern, "nan" is a string."""
    values = [" a", "a ", "a", "", "  ", None, "1", " 7 ", "2.0", "1e3", "-3", "+4", ".5", "nan", "u1"]
    chunks = [pd.DataFrame({"v": values[:9]}, dtype=object), pd.DataFrame({"v": values[9:]}, dtype=object)]
    profile = Profile()
    for chunk in chunks:
        profile.merge(_profile(chunk))
    column = profile.columns["v"]
    assert (column.missing, column.integral, column.fractional, column.strings) == (3, 4, 3, 5)
    assert column.present == len(values) - 3
    strings = column.feature()["string_statistics"]
    assert strings["distinct_count"] == len({v.strip() for v in values if v and v.strip()})
    assert strings["distribution"]["categorical"]["buckets"][0] == {"value": "a", "count": 3}
    # mixed Python types in an object column (JSON lines) are counted by their text
    mixed = _profile(pd.DataFrame({"m": [5, "5", 2.5, "x", None, float("nan")]}, dtype=object)).columns["m"]
    assert (mixed.present, mixed.missing, mixed.integral, mixed.fractional, mixed.strings) == (4, 2, 2, 1, 1)


def test_unique_ids_keep_a_thousand_categories_and_an_hll_distinct_count_within_its_bounds():
    ids = [f"user-{i}" for i in range(60_000)]
    whole = Profile()
    for start in range(0, len(ids), 20_000):  # three workers' parts, merged
        whole.merge(_profile(pd.DataFrame({"id": ids[start : start + 20_000]})))
    column = whole.columns["id"]
    assert column.hll is not None and column.hll.get_lower_bound(2) <= len(ids) <= column.hll.get_upper_bound(2)
    assert len(column.categories) == 1000 and set(column.categories.values()) == {1}
    assert list(column.categories)[:2] == ["user-0", "user-1"]  # the first values seen are the ones counted


def test_a_file_larger_than_the_memory_allowed_is_profiled_in_chunks(tmp_path):
    """The worker's data segment capped (RLIMIT_DATA) 20 MB above what its imports take: the chunked profile of a
    file larger than that room succeeds, reading the file whole runs out of memory (as MemoryError, or as pandas'
    tokenizer or a thread's stack failing to get it)."""
    import subprocess
    import sys

    rng = np.random.default_rng(5)
    path = tmp_path / "large.csv"
    pd.DataFrame(rng.integers(0, 1000, (600_000, 10))).to_csv(path, index=False)
    room = 20 << 20
    assert path.stat().st_size > room
    script = f"""
import resource
import pandas as pd
from jupyter_smstudio.monitor.parallel import profile_csv
with open("/proc/self/status") as fh:
    data = next(int(line.split()[1]) << 10 for line in fh if line.startswith("VmData:"))
resource.setrlimit(resource.RLIMIT_DATA, (data + {room}, data + {room}))
profile = profile_csv({str(path)!r}, True, 1, 5_000)
print(profile.rows, profile.columns["0"].present)
try:
    pd.read_csv({str(path)!r})
    print("read whole")
except (MemoryError, RuntimeError, pd.errors.ParserError) as err:
    print("whole: out of memory", type(err).__name__, err)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    rows, whole = done.stdout.split("\n")[:2]
    assert rows == "600000 600000" and whole.startswith("whole: out of memory"), done.stdout
