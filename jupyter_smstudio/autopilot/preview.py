"""The wizard's look at a CSV before a job: its first rows, each column's kind and the problem type Autopilot would
infer with that column as the target (judged on the first rows only; the job's analysis reads the whole table)."""

from __future__ import annotations

import pandas as pd

from ..core.errors import BadRequest
from ..core.storage import UserStorage
from . import checks
from .analysis import infer_problem_type
from .columns import as_numbers, column_kind
from .input_checks import read_head
from .shapes import CsvPreview, PreviewColumn

PROBE_ROWS = 1000  # rows judged for kinds and problem types


def preview(storage: UserStorage, url: str, rows: int) -> CsvPreview:
    head = read_head(storage, url, "S3Uri")
    checks.check_utf8(head)
    loc = storage.resolve(url, field_name="S3Uri")
    try:
        with loc.fs.open(loc.path, "rb") as fh:
            frame = pd.read_csv(fh, nrows=PROBE_ROWS, encoding="utf-8", dtype=object, keep_default_na=True)
    except UnicodeDecodeError as err:
        raise checks.not_utf8(err) from None
    except pd.errors.EmptyDataError:
        raise BadRequest("The data file is empty", field="S3Uri") from None
    except (pd.errors.ParserError, ValueError) as err:
        raise BadRequest(f"The file is not valid CSV: {err}", field="S3Uri") from None
    text = head.decode("utf-8", errors="ignore")
    checks.check_delimiter([str(c) for c in frame.columns], text.splitlines()[:20])
    columns, suggested = [], {}
    for name in frame.columns:
        values = frame[name]
        columns.append(
            PreviewColumn(
                Name=str(name),
                Kind=column_kind(str(name), values, len(frame)),
                MissingFraction=float(values.isna().mean()) if len(frame) else 0.0,
            )
        )
        present = values.dropna()
        distinct = int(present.nunique())
        if distinct >= 2:
            numbers = as_numbers(present)
            integral = numbers is not None and bool((numbers == numbers.round()).all())
            suggested[str(name)] = infer_problem_type(numbers is not None, integral, distinct)
    shown = frame.head(rows).astype(object).where(frame.head(rows).notna(), None)
    return CsvPreview(
        S3Uri=url,
        Columns=columns,
        Rows=[[None if v is None else str(v) for v in row] for row in shown.itertuples(index=False)],
        SuggestedProblemTypes=suggested,
    )
