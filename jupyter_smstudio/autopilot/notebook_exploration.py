"""The cells of the data exploration notebook: what Autopilot's analysis found, in words, then pandas and plotly code
a user can rerun on the CSV."""

from __future__ import annotations

from nbformat import NotebookNode

from .analysis import MAX_INTEGER_CLASSES
from .models import ColumnAnalysis, ColumnWarning, DataAnalysis
from .notebook_text import code, code_cell, markdown_cell, markdown_table, percent

WARNINGS: dict[ColumnWarning, str] = {
    "id_like": "looks like an ID (unique per row, named or shaped like a key); Autopilot drops it, because a key "
    "says nothing about new rows.",
    "constant": "holds the same value in every row, so it cannot tell rows apart.",
    "empty": "has no value in any row.",
    "mostly_missing": "misses a value in more than half the rows; the models see the gaps, but check why they are "
    "missing.",
    "likely_leakage": "predicts the target almost perfectly on its own (equal to it, a one-to-one mapping, a "
    "threshold, or filled in for one outcome only): it was probably recorded after the outcome and will not be known "
    "when predicting. Consider removing it.",
}
IMBALANCED = 0.1  # a class below this share of the rows makes accuracy flattering
SHOWN_PLOTS = 4  # columns plotted against the target, most correlated first


def summary_cells(analysis: DataAnalysis) -> list[NotebookNode]:
    return [markdown_cell(_summary(analysis)), markdown_cell(_columns(analysis.columns))]


def _summary(analysis: DataAnalysis) -> str:
    sampled = (
        f"The per-column analysis looked at a uniform sample of {analysis.sampled_rows:,} rows."
        if analysis.sampled_rows < analysis.row_count
        else "The analysis looked at every row."
    )
    if analysis.problem_type_inferred:
        how = (
            "inferred from the target (two distinct values make a binary problem; text, or whole numbers with at "
            f"most {MAX_INTEGER_CLASSES} values, a multiclass one; other numbers a regression)"
        )
    else:
        how = "as you chose it"
    text = (
        f"# Data exploration: predicting {code(analysis.TargetAttributeName)}\n\n"
        f"The table has **{analysis.row_count:,} rows** and {len(analysis.columns) + 1} columns. {sampled}\n\n"
        f"**Problem type:** {analysis.ProblemType}, {how}.\n\n"
        f"**Target:** {code(analysis.TargetAttributeName)}"
    )
    if analysis.target_missing_count:
        text += f"; {analysis.target_missing_count:,} rows have no target and are left out of training"
    text += ".\n"
    if analysis.SampleWeightAttributeName:
        text += f"\n**Sample weights:** {code(analysis.SampleWeightAttributeName)}.\n"
    if analysis.class_counts:
        text += "\n" + _class_balance(analysis.class_counts)
    return text


def _class_balance(counts: dict[str, int]) -> str:
    total = sum(counts.values()) or 1
    rows = [[label, f"{count:,}", percent(count / total)] for label, count in counts.items()]
    text = "**Class balance:**\n\n" + markdown_table(["class", "rows", "share"], rows) + "\n"
    smallest = min(counts, key=lambda label: counts[label])
    if counts[smallest] / total < IMBALANCED:
        text += (
            f"\nThe classes are imbalanced ({code(smallest)} is {percent(counts[smallest] / total)} of the rows): "
            "accuracy flatters a model that ignores the small class; BalancedAccuracy, F1 or AUC tell more.\n"
        )
    return text


def _columns(columns: list[ColumnAnalysis]) -> str:
    rows = [
        [c.name, c.kind, percent(c.missing_fraction), f"{c.distinct_count:,}", ", ".join(c.warnings) or "-"]
        for c in columns
    ]
    text = "## Columns\n\n" + markdown_table(["column", "kind", "missing", "distinct", "warnings"], rows) + "\n"
    notes = [f"- {code(c.name)} {WARNINGS[w]}" for c in columns for w in c.warnings]
    if notes:
        text += "\n**Warnings:**\n\n" + "\n".join(notes) + "\n"
    return text


def code_cells(analysis: DataAnalysis, data_path: str, max_rows: int) -> list[NotebookNode]:
    kinds = {kind: [c.name for c in analysis.columns if c.kind == kind] for kind in ("numeric", "categorical")}
    classification = analysis.ProblemType != "Regression"
    setup = (
        "import pandas as pd\nimport plotly.express as px\n\n"
        f"DATA = {data_path!r}\n"
        f"TARGET = {analysis.TargetAttributeName!r}\n"
        f"PROBLEM_TYPE = {analysis.ProblemType!r}\n"
        f"ROW_COUNT = {analysis.row_count}  # rows in the file when Autopilot analysed it\n"
        f"MAX_ROWS = {max_rows}  # larger tables are sampled to about this many rows\n"
        f"NUMERIC = {kinds['numeric']!r}\n"
        f"CATEGORICAL = {kinds['categorical']!r}"
    )
    cells = [
        markdown_cell("## Load the data\n\nRerun these cells to explore the table yourself."),
        code_cell(setup),
        code_cell(LOAD),
        markdown_cell("## Summary statistics"),
        code_cell('data.describe(include="all").T'),
        markdown_cell("## Missing values per column"),
        code_cell(MISSING),
        markdown_cell("## The target"),
        code_cell(CLASSES if classification else TARGET_NUMBERS),
    ]
    if kinds["numeric"]:
        cells += [
            markdown_cell(
                "## Numeric columns and the target\n\nPearson correlation of each numeric column with "
                + ("each class (one class against the rest)." if classification else "the target.")
            ),
            code_cell(CLASS_CORRELATIONS if classification else CORRELATIONS),
            code_cell(BOXES if classification else SCATTERS),
        ]
    if kinds["categorical"]:
        cells += [
            markdown_cell("## Categorical columns and the target"),
            code_cell(CATEGORIES_BY_CLASS if classification else CATEGORY_MEANS),
        ]
    return cells


LOAD = """if ROW_COUNT > MAX_ROWS:
    # a seeded sample of about MAX_ROWS rows, read in chunks so the whole file never sits in memory
    chunks = pd.read_csv(DATA, chunksize=100_000)
    data = pd.concat(chunk.sample(frac=MAX_ROWS / ROW_COUNT, random_state=i) for i, chunk in enumerate(chunks))
    data = data.sort_index()  # file order
else:
    data = pd.read_csv(DATA)
labelled = data[data[TARGET].notna()]  # rows with a target: the ones a model learns from
print(f"{len(data):,} rows loaded, {len(labelled):,} with a target, {data.shape[1]} columns")
data.head()"""

MISSING = """missing = data.isna().mean().sort_values(ascending=False).rename("missing share")
if (missing > 0).any():
    px.bar(missing[missing > 0], title="Share of rows missing a value", labels={"index": "column"}).show()
missing.to_frame()"""

CLASSES = """counts = labelled[TARGET].astype(str).value_counts()
px.bar(x=counts.index, y=counts.to_numpy(), labels={"x": TARGET, "y": "rows"}, title="Rows per class").show()
counts.to_frame("rows").assign(share=lambda table: table["rows"] / table["rows"].sum())"""

TARGET_NUMBERS = """target = pd.to_numeric(labelled[TARGET], errors="coerce")
px.histogram(x=target, nbins=50, labels={"x": TARGET}, title="Distribution of the target").show()
target.describe()"""

CORRELATIONS = """numbers = labelled[NUMERIC].apply(pd.to_numeric, errors="coerce")
correlation = numbers.corrwith(pd.to_numeric(labelled[TARGET], errors="coerce")).dropna()
correlation = correlation.sort_values(key=abs, ascending=False).rename("correlation")
if len(correlation):
    px.bar(correlation, title="Correlation with the target", labels={"index": "column"}).show()
strongest = list(correlation.index)
correlation.to_frame()"""

CLASS_CORRELATIONS = """numbers = labelled[NUMERIC].apply(pd.to_numeric, errors="coerce")
classes = pd.get_dummies(labelled[TARGET].astype(str), dtype=float)  # one indicator column per class
correlation = pd.DataFrame({label: numbers.corrwith(classes[label]) for label in classes}).dropna(how="all")
strongest = list(correlation.abs().max(axis=1).sort_values(ascending=False).index)
if len(correlation):
    px.imshow(correlation, zmin=-1, zmax=1, color_continuous_scale="RdBu", aspect="auto",
              title="Correlation of numeric columns with each class").show()
correlation"""

SCATTERS = f"""shown = labelled.sample(n=min(len(labelled), 5000), random_state=0)
for column in strongest[:{SHOWN_PLOTS}]:
    px.scatter(shown, x=column, y=TARGET, opacity=0.4, title=f"{{TARGET}} against {{column}}").show()"""

BOXES = f"""for column in strongest[:{SHOWN_PLOTS}]:
    px.box(labelled.assign(**{{TARGET: labelled[TARGET].astype(str)}}), x=TARGET, y=column,
           title=f"{{column}} per class").show()"""

CATEGORIES_BY_CLASS = f"""for column in CATEGORICAL[:{SHOWN_PLOTS}]:
    values = labelled[column].astype(str).where(labelled[column].notna(), "(missing)")
    top = values.value_counts().index[:20]  # the most frequent categories
    shares = pd.crosstab(values[values.isin(top)], labelled[TARGET].astype(str), normalize="index")
    px.bar(shares, title=f"Share of each class per {{column}}", labels={{"value": "share"}}).show()"""

CATEGORY_MEANS = f"""target = pd.to_numeric(labelled[TARGET], errors="coerce")
for column in CATEGORICAL[:{SHOWN_PLOTS}]:
    values = labelled[column].astype(str).where(labelled[column].notna(), "(missing)")
    top = values.value_counts().index[:20]  # the most frequent categories
    means = target[values.isin(top)].groupby(values[values.isin(top)]).mean().sort_values()
    px.bar(means, title=f"Mean {{TARGET}} per {{column}}", labels={{"value": TARGET}}).show()"""
