"""What the data analysis answers.

Fields that mirror SageMaker's (ProblemType, TargetAttributeName, SampleWeightAttributeName) keep its PascalCase
names; the rest, which SageMaker does not define, are snake_case.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from jupyter_smstudio.core.models import Contract

ProblemType = Literal["BinaryClassification", "MulticlassClassification", "Regression"]
PROBLEM_TYPES: tuple[ProblemType, ...] = ("BinaryClassification", "MulticlassClassification", "Regression")

# SageMaker Autopilot's notions of a column: "id" is unique per row and carries no signal
ColumnKind = Literal["numeric", "categorical", "text", "datetime", "id"]
# id_like: a key (drop it); constant: one value in every row; empty: no value in any row; mostly_missing: more than
# half the rows miss a value; likely_leakage: the column alone predicts the target nearly perfectly (equal to it, a
# 1-1 mapping, a threshold, or present only for one class), which a model cannot know at prediction time
ColumnWarning = Literal["id_like", "constant", "empty", "mostly_missing", "likely_leakage"]


class ColumnAnalysis(Contract):
    """One column of the table, as seen on the analysis sample (missing_fraction: over every row)."""

    name: str
    kind: ColumnKind
    missing_fraction: float = Field(ge=0, le=1, description="Share of all rows where the value is missing")
    distinct_count: int = Field(ge=0, description="Distinct non-missing values in the analysis sample")
    warnings: list[ColumnWarning] = Field(default_factory=list)


class DataAnalysis(Contract):
    """The table as Autopilot sees it before training: the problem, the target's classes and every column."""

    TargetAttributeName: str
    ProblemType: ProblemType
    SampleWeightAttributeName: Optional[str] = None
    problem_type_inferred: bool = Field(description="True when ProblemType was inferred from the target")
    row_count: int = Field(ge=0, description="Every data row of the file (exact)")
    sampled_rows: int = Field(ge=0, description="Rows the per-column analysis looked at (a uniform sample)")
    target_missing_count: int = Field(ge=0, description="Rows without a target value (exact)")
    class_counts: Optional[dict[str, int]] = Field(
        default=None, description="Rows per target class over every row (classification only)"
    )
    columns: list[ColumnAnalysis] = Field(description="Every column but the target, in file order")

    def column(self, name: str) -> ColumnAnalysis:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)
