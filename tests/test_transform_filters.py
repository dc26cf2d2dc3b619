"""The JSONPath of InputFilter / OutputFilter (the operators SageMaker documents) and the records of data
processing: CSV rows as lists, the join of input and answer, an answer cut into one per record."""

from __future__ import annotations

import pytest

from jupyter_smstudio.transform import records
from jupyter_smstudio.transform.filters import FilterError, parse

ROW = ["id7", "1.5", "2", "x", "y", "z", "w"]
DOC = {"id": 7, "features": [1, 2], "meta": {"source": "a", "day": 3}}


@pytest.mark.parametrize(
    ("path", "record", "selected"),
    [
        ("$", ROW, ROW),
        ("$[1:]", ROW, ROW[1:]),
        ("$[0]", ROW, "id7"),
        ("$[-1]", ROW, "w"),
        ("$[0,-1]", ROW, ["id7", "w"]),
        ("$[0,5:]", ROW, ["id7", "z", "w"]),
        ("$[:2]", ROW, ["id7", "1.5"]),
        ("$[*]", ROW, ROW),
        ("$.features", DOC, [1, 2]),
        ("$.meta.day", DOC, 3),
        ("$['id','features']", DOC, {"id": 7, "features": [1, 2]}),
        ("$.meta.['source','day']", DOC, {"source": "a", "day": 3}),
        ("$['id']", DOC, 7),
        ("$.*", {"a": 1, "b": 2}, [1, 2]),
    ],
)
def test_the_documented_operators(path, record, selected):
    assert parse(path).apply(record) == selected


@pytest.mark.parametrize("path", ["features", "$..deep", "$[1", "$.", "$[a]", "$[1:2:3]", "$[1:].x", "$?x"])
def test_paths_outside_the_documented_operators_are_refused(path):
    with pytest.raises(ValueError):
        parse(path)


@pytest.mark.parametrize(("path", "record"), [("$[9]", ROW), ("$.missing", DOC), ("$[0]", DOC), ("$.id", ROW)])
def test_a_record_the_path_does_not_fit(path, record):
    with pytest.raises(FilterError):
        parse(path).apply(record)


def test_records_read_join_write_and_split():
    assert records.read(b'a,"b,c",3', "text/csv") == ["a", "b,c", "3"]
    assert records.write(["a", "b,c", 3, [1, 2]], "text/csv") == b'a,"b,c",3,"[1,2]"'
    joined = records.join(["1", "2"], ["0.5"], "text/csv")
    assert joined == ["1", "2", "0.5"] and records.join(["1"], 0.5, "text/csv") == ["1", 0.5]
    assert records.join({"id": 1}, [0.5], "application/json") == {"id": 1, "SageMakerOutput": [0.5]}
    assert records.join([1, 2], 0.5, "application/jsonlines") == {"SageMakerInput": [1, 2], "SageMakerOutput": 0.5}
    # one answer per record: a SingleRecord answer is its record's; a MultiRecord one is cut by element or line
    assert records.split(b"[0.5]\n", "application/json", 1, multi=False) == [b"[0.5]"]
    assert records.split(b"[0.5, 1.5]", "application/json", 2, multi=True) == [b"0.5", b"1.5"]
    assert records.split(b"[0.5]", "application/json", 1, multi=True) == [b"0.5"]
    assert records.split(b'{"a":1}\n{"a":2}\n', "application/jsonlines", 2, multi=True) == [b'{"a":1}', b'{"a":2}']
    assert records.split(b"1\r\n2\r\n", "text/csv", 2, multi=True) == [b"1", b"2"]
    with pytest.raises(records.RecordError):
        records.split(b"1\n2\n", "text/csv", 3, multi=True)
    with pytest.raises(records.RecordError):
        records.read(b"{not json", "application/json")
