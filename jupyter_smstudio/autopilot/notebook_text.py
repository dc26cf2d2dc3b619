"""Markdown helpers for the generated notebooks: values from a user's CSV (column names, class labels) must not break
a table or inject markup."""

from __future__ import annotations

from typing import Any, Sequence

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def escape(value: Any) -> str:
    """A value as one line of markdown table text: pipes escaped, line breaks as spaces."""
    text = str(value).replace("|", "\\|")
    return " ".join(text.splitlines()) or " "


def code(value: Any) -> str:
    """A name as inline code; backticks inside it would end the span, so those names stay plain text."""
    text = escape(value)
    return text if "`" in text else f"`{text}`"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(escape(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def percent(share: float) -> str:
    return f"{100 * share:.1f}%" if share else "0%"


# nbformat is unannotated third-party code: these typed wrappers are the one place its calls are marked
def markdown_cell(text: str) -> NotebookNode:
    cell: NotebookNode = new_markdown_cell(text)  # type: ignore[no-untyped-call]  # unannotated
    return cell


def code_cell(source: str) -> NotebookNode:
    cell: NotebookNode = new_code_cell(source)  # type: ignore[no-untyped-call]  # unannotated
    return cell


def notebook(cells: list[NotebookNode], metadata: dict[str, Any]) -> NotebookNode:
    made: NotebookNode = new_notebook(cells=cells, metadata=metadata)  # type: ignore[no-untyped-call]  # unannotated
    return made


def write(notebook: NotebookNode, path: str) -> None:
    nbformat.validate(notebook)
    nbformat.write(notebook, path, version=4)  # type: ignore[no-untyped-call]  # unannotated
