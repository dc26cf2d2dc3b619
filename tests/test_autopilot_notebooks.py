"""Autopilot's two generated notebooks, executed in a real python3 kernel: the data exploration notebook runs and
plots; the candidate definition notebook runs without jupyter_smstudio importable and prints exactly the scores the
room's library gives for the same candidates on the same CSVs."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbclient import NotebookClient
from sklearn import datasets

from jupyter_smstudio.autopilot import candidates as candidates_module
from jupyter_smstudio.autopilot import checks, notebook_source, tables
from jupyter_smstudio.autopilot.analysis import analyze
from jupyter_smstudio.autopilot.candidates import (
    build_pipeline,
    candidate_definitions,
    definitions_for,
    fit_candidate,
    score,
)
from jupyter_smstudio.autopilot.models import DataAnalysis
from jupyter_smstudio.autopilot.notebooks import (
    NotebookCandidate,
    candidate_definition_notebook,
    data_exploration_notebook,
    write_notebook,
)
from jupyter_smstudio.core.errors import BadRequest

# the MLP stops at its epoch bound on these small tables, by design
pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

WORDS = np.array(["great", "value", "broke", "quickly", "works", "fine", "late", "box", "happy", "again"])
# the first cell of every executed candidate notebook: proves it needs nothing from this package
WITHOUT_PACKAGE = 'import sys\nsys.modules["jupyter_smstudio"] = None  # any import of it now fails'


def messy_table(problem_type: str, n: int = 240, seed: int = 0) -> pd.DataFrame:
    """Numbers with gaps, categories, free text, dates, an ID and a sample weight; the target depends on some."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "order_id": [f"o{i:05d}" for i in range(n)],
            "amount": rng.normal(100, 20, n).round(2),
            "colour": rng.choice(np.array(["red", "green", "blue", None], dtype=object), n),
            "review": [" ".join(rng.choice(WORDS, 6)) for _ in range(n)],
            "bought": pd.date_range("2021-01-01", periods=n, freq="17h").strftime("%Y-%m-%d %H:%M"),
            "weight": rng.uniform(0.5, 2.0, n).round(3),
        }
    )
    frame.loc[::7, "amount"] = np.nan
    frame.loc[::11, "review"] = None
    signal = frame["amount"].fillna(100) / 20 + frame["review"].fillna("").str.contains("broke") * 1.5
    signal = signal + rng.normal(0, 0.7, n)
    if problem_type == "Regression":
        frame["target"] = signal.round(3)
    elif problem_type == "BinaryClassification":
        frame["target"] = np.where(signal > 5.5, "returned", "kept")
    else:
        frame["target"] = np.asarray(["low", "mid", "high"])[np.digitize(signal, [4.8, 5.8])]
    return frame


def bundled(loader: Any) -> pd.DataFrame:
    frame = loader(as_frame=True).frame
    return frame.rename(columns={frame.columns[-1]: "target"})


def split(frame: pd.DataFrame, folder: Path) -> tuple[str, str, str]:
    """The whole table, its train part and its validation part, as CSV files."""
    shuffled = frame.sample(frac=1.0, random_state=0)
    cut = int(len(frame) * 0.7)
    paths = tuple(str(folder / name) for name in ("data.csv", "train.csv", "validation.csv"))
    for table, path in zip((frame, shuffled[:cut], shuffled[cut:]), paths, strict=True):
        table.to_csv(path, index=False)
    return paths  # type: ignore[return-value]


def notebook_candidates(analysis: DataAnalysis, tuned: dict[str, dict[str, Any]]) -> list[NotebookCandidate]:
    """The candidates named in `tuned` (algorithm -> hyperparameter overrides), as the job lists them."""
    definitions = {d.algorithm: d for d in definitions_for(analysis)}
    return [
        NotebookCandidate(f"automl-{d.name}-{i:03d}", d, hps, score=0.5)
        for i, (algorithm, hps) in enumerate(tuned.items())
        for d in [definitions[algorithm]]
    ]


def job_scores(
    analysis: DataAnalysis, candidates: list[NotebookCandidate], train: str, validation: str, metric: str
) -> dict[str, float]:
    """What each candidate's training job reports: the CSVs read by tables.py, fitted with the weights, scored."""
    training, held = tables.read_table(train, analysis), tables.read_table(validation, analysis)
    features, target = tables.feature_columns(analysis), analysis.TargetAttributeName
    weight = analysis.SampleWeightAttributeName
    found = {}
    for c in candidates:
        pipeline = build_pipeline(c.definition, c.hyperparameters)
        fit_candidate(pipeline, training[features], training[target], training[weight] if weight else None)
        found[c.name] = score(pipeline, held[features], held[target], metric, analysis.ProblemType)
    return found


def execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    return notebook


def printed(notebook: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)


CASES = {
    # name: (table, problem type given or None to infer, metric, sample weight, candidates with tuned values)
    "binary": (
        lambda: messy_table("BinaryClassification"),
        None,
        "AUC",
        "weight",
        {"hgb": {"max_iter": "40", "learning_rate": "0.2"}, "xgboost": {"n_estimators": 30}, "linear": {"C": "0.3"}},
    ),
    "multiclass": (
        lambda: messy_table("MulticlassClassification"),
        "MulticlassClassification",
        "F1macro",
        None,
        {"hgb": {"max_iter": 30}, "random-forest": {"n_estimators": "25", "max_features": "1.0"}},
    ),
    "regression": (
        lambda: messy_table("Regression"),
        "Regression",
        "RMSE",
        None,
        {"hgb": {"max_iter": 30}, "mlp": {"hidden_layer_sizes": "16", "max_iter": "50"}, "linear": {}},
    ),
    "iris": (lambda: bundled(datasets.load_iris), None, "Accuracy", None, {"linear": {}, "extra-trees": {}}),
    "diabetes": (lambda: bundled(datasets.load_diabetes), None, "R2", None, {"hgb": {}, "xgboost": {"max_depth": 3}}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_candidate_notebook_reruns_every_candidate_to_the_score_its_job_reports(case: str, tmp_path: Path) -> None:
    make, problem_type, metric, weight, tuned = CASES[case]
    data, train, validation = split(make(), tmp_path)
    analysis = analyze(data, "target", problem_type=problem_type, sample_weight=weight)
    candidates = notebook_candidates(analysis, tuned)
    notebook = candidate_definition_notebook(analysis, candidates, train, validation, metric)
    assert not any("jupyter_smstudio" in c.source for c in notebook.cells if c.cell_type == "code")
    write_notebook(notebook, str(tmp_path / "out" / "nested" / "SageMakerAutopilotCandidateDefinitionNotebook.ipynb"))

    reread = nbformat.read(tmp_path / "out" / "nested" / "SageMakerAutopilotCandidateDefinitionNotebook.ipynb", 4)
    reread.cells.insert(0, nbformat.v4.new_code_cell(WITHOUT_PACKAGE))
    last = printed(execute(reread, tmp_path)).strip().splitlines()[-1]
    rerun = json.loads(last)

    expected = job_scores(analysis, candidates, train, validation, metric)
    assert rerun["metric"] == metric
    assert list(rerun["scores"]) == list(expected)
    for name, value in expected.items():
        assert rerun["scores"][name] == pytest.approx(value, abs=1e-9), name


def test_candidate_notebook_explains_each_candidate_in_words(tmp_path: Path) -> None:
    data, train, validation = split(messy_table("BinaryClassification"), tmp_path)
    analysis = analyze(data, "target")
    candidates = notebook_candidates(analysis, {"hgb": {"max_iter": "40"}, "linear": {}})
    notebook = candidate_definition_notebook(analysis, candidates, train, validation, "F1")
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "## automl-dpp0-hgb-000" in text and "HistGradientBoosting" in text
    assert "| max_iter | '40' | tuned |" in text and "| learning_rate | 0.1 | default |" in text
    assert "HyperParameterRanges" in text and "| learning_rate | Continuous | 0.01 to 0.3 | Logarithmic |" in text
    assert "TF-IDF" in text and "one-hot" in text and "median" in text
    assert notebook.metadata.kernelspec.name == "python3"
    nbformat.validate(notebook)


def test_bad_candidates_and_metrics_are_refused_when_the_notebook_is_written(tmp_path: Path) -> None:
    data, train, validation = split(messy_table("Regression"), tmp_path)
    analysis = analyze(data, "target")
    good = notebook_candidates(analysis, {"hgb": {}})
    with pytest.raises(BadRequest) as refused:
        candidate_definition_notebook(analysis, good, train, validation, "AUC")
    assert refused.value.field == "AutoMLJobObjective.MetricName"
    wrong = notebook_candidates(analysis, {"hgb": {"max_depth_of_doom": 3}})
    with pytest.raises(BadRequest) as refused:
        candidate_definition_notebook(analysis, wrong, train, validation, "MSE")
    assert refused.value.field == "max_depth_of_doom"
    with pytest.raises(BadRequest):
        data_exploration_notebook(analysis, data, max_rows=0)


@pytest.mark.parametrize("problem_type", ["BinaryClassification", "Regression"])
def test_data_exploration_notebook_summarises_and_plots(problem_type: str, tmp_path: Path) -> None:
    frame = messy_table(problem_type, n=300)
    frame["refund_date"] = np.where(frame["target"] == "returned", "2022-01-01", None)  # known only after the fact
    frame["constant"] = 1
    data, _, _ = split(frame, tmp_path)
    analysis = analyze(data, "target", sample_weight="weight")
    notebook = data_exploration_notebook(analysis, data, max_rows=150)
    path = tmp_path / "SageMakerAutopilotDataExplorationNotebook.ipynb"
    write_notebook(notebook, str(path))

    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert f"**Problem type:** {analysis.ProblemType}, inferred from the target" in text
    assert "| order_id | id | 0% | 300 | id_like |" in text
    assert "`order_id` looks like an ID" in text and "`constant` holds the same value in every row" in text
    if problem_type == "BinaryClassification":
        assert "**Class balance:**" in text and "| kept |" in text
        assert "`refund_date` predicts the target almost perfectly" in text

    executed = execute(nbformat.read(path, 4), tmp_path)
    loaded = printed(executed)
    rows = int(loaded.split(" rows loaded")[0].replace(",", "").split()[-1])
    assert 100 <= rows <= 200  # sampled to about max_rows of the 300
    outputs = [o for c in executed.cells for o in c.get("outputs", [])]
    plots = [o for o in outputs if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert len(plots) >= 4  # missing values, the target, correlations, a column against the target, categories


def test_copied_values_read_back_as_the_same_python() -> None:
    definitions = candidate_definitions({"a": "numeric", "b": "categorical", "c": "text"}, "Regression", {"b": 30})
    namespace = {"CandidateDefinition": type(definitions[0]), "Preprocessing": type(definitions[0].preprocessing)}
    for definition in definitions:
        source = notebook_source.literal(definition, column=len("definition = "))
        assert max(len(line) for line in source.splitlines()) <= notebook_source.LINE + 1
        assert eval(source, namespace) == definition  # the copy is code: it must rebuild the same value
    odd = {"sizes": (64,), "pair": (1, "x"), "nested": [{"k": None, "v": 1.5}], "quote": 'it\'s "odd"'}
    assert eval(notebook_source.literal(odd)) == odd
    columns = [SimpleNamespace(name=f"column {i}", kind="numeric") for i in range(9)]
    described = SimpleNamespace(TargetAttributeName="y", columns=columns)
    assert eval(notebook_source.literal(described), {"SimpleNamespace": SimpleNamespace}) == described


def test_imports_leave_out_the_package_and_what_the_code_does_not_use() -> None:
    code = "x = np.zeros(3)\nPipeline\nOptional"
    lines = notebook_source.imports([candidates_module, checks], code, extra=["import json"])
    stdlib, others = (
        "import json\nfrom typing import Optional",
        "import numpy as np\nfrom sklearn.pipeline import Pipeline",
    )
    assert lines == f"{stdlib}\n\n{others}"  # checks.py's own import of the package is gone
