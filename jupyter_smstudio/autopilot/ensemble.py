"""ENSEMBLING mode's candidate: scikit-learn's stacking over the best default candidates (their whole pipelines, so
each keeps its own preprocessing), with a linear model on top trained on out-of-fold predictions."""

from __future__ import annotations

from sklearn.ensemble import StackingClassifier, StackingRegressor
from sklearn.linear_model import LogisticRegression, RidgeCV
from sklearn.pipeline import Pipeline

from ..core.errors import BadRequest
from .candidates import CandidateDefinition, build_pipeline

ENSEMBLE = "ensemble"  # the `candidate` hyperparameter of a stacked candidate; `members` names its definitions
MAX_MEMBERS = 5
FOLDS = 3  # out-of-fold predictions for the top model: each member fits FOLDS + 1 times


def ensemble_pipeline(members: list[CandidateDefinition], problem_type: str) -> Pipeline:
    """An unfitted Pipeline over the raw columns (one step: the stack); classifiers answer the original labels."""
    if not 2 <= len(members) <= MAX_MEMBERS:
        raise BadRequest(f"an ensemble stacks 2 to {MAX_MEMBERS} candidates; got {len(members)}", field="members")
    estimators = [(m.name, build_pipeline(m)) for m in members]
    if problem_type == "Regression":
        return Pipeline([("model", StackingRegressor(estimators, final_estimator=RidgeCV(), cv=FOLDS))])
    top = LogisticRegression(max_iter=1000)
    return Pipeline([("model", StackingClassifier(estimators, final_estimator=top, cv=FOLDS))])


def ensemble_members(members: str, definitions: list[CandidateDefinition]) -> list[CandidateDefinition]:
    """The definitions named in `members` (comma-separated), in that order."""
    by_name = {d.name: d for d in definitions}
    names = [n.strip() for n in members.split(",") if n.strip()]
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise BadRequest(f"no candidate definition named {', '.join(unknown)}", field="members")
    return [by_name[n] for n in names]
