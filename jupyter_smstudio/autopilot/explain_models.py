"""What the explainability report answers: how much each raw CSV column matters to the best candidate.

The browser room draws its chart from report.json, so this model is its contract (a TypeScript type).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jupyter_smstudio.core.models import Contract

# permutation: scikit-learn's permutation importance on the objective metric (the default); shap: mean |SHAP value|
# of the model's output, on request where the shap package is installed
ExplainMethod = Literal["permutation", "shap"]


class FeatureImportance(Contract):
    """One raw column's importance; higher is more important whatever way the metric points."""

    feature: str = Field(description="The raw CSV column")
    importance: float = Field(
        description="permutation: mean drop of the metric when the column is shuffled (sign-normalised so a drop "
        "is positive for lower-is-better metrics too); shap: mean absolute SHAP value"
    )
    std: float = Field(ge=0, description="Standard deviation of the importance over the repeats (or rows for shap)")


class ExplainabilityReport(Contract):
    """The best candidate's feature importance over the raw columns, most important first."""

    method: ExplainMethod
    metric: str = Field(description="The objective metric the importance is measured in (AutoMLJobObjective)")
    n_rows: int = Field(ge=0, description="Rows the importance was computed on (a seeded sample)")
    feature_importance: list[FeatureImportance] = Field(description="Sorted by importance, descending")
