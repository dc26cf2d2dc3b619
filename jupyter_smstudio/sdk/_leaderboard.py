"""`ExperimentAnalytics(...).widget()`: the leaderboard in a notebook cell (ipywidgets).

It starts in the order the analytics asked the search for (`sort_by`, `sort_order`, SageMaker's names), and
lets the user sort by any column. Rows stay one line high: long values are cut with an ellipsis and shown
whole on hover, and the table scrolls sideways instead of clipping its right-hand columns.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from pandas import DataFrame  # untyped without pandas-stubs: Any

    from .analytics import ExperimentAnalytics

SEARCH_ORDER = "(search order)"
# SageMaker's SortBy for trial components, and the column of the analytics frame that holds the same thing
_SORT_COLUMNS = {"Name": "TrialComponentName", "DisplayName": "DisplayName"}
_STYLE = """<style>
.smstudio-leaderboard-wrap { overflow-x: auto; max-width: 100%; }
.smstudio-leaderboard { border-collapse: collapse; font-size: var(--jp-ui-font-size1, 13px); }
.smstudio-leaderboard th, .smstudio-leaderboard td {
  white-space: nowrap; max-width: 24em; overflow: hidden; text-overflow: ellipsis;
  padding: 2px 8px; text-align: left; border-bottom: 1px solid var(--jp-border-color2, #e0e0e0);
}
.smstudio-leaderboard td.num { text-align: right; font-variant-numeric: tabular-nums; }
.smstudio-leaderboard th:first-child, .smstudio-leaderboard td:first-child {
  position: sticky; left: 0; background: var(--jp-layout-color1, white);
}
</style>"""


def sort_column(sort_by: Optional[str], columns: list[str]) -> Optional[str]:
    """The frame's column for SageMaker's SortBy (`Name`, `Metrics.loss.Min`, `Parameters.lr`), if it has one."""
    if not sort_by:
        return None
    if sort_by in _SORT_COLUMNS:
        return _SORT_COLUMNS[sort_by] if _SORT_COLUMNS[sort_by] in columns else None
    kind, _, rest = sort_by.partition(".")
    if kind == "Metrics":
        metric, _, stat = rest.rpartition(".")
        wanted = f"{metric} - {stat}" if metric else f"{rest} - Last"
    elif kind == "Parameters":
        wanted = rest
    else:
        wanted = sort_by
    # the search takes the statistic in any case (Metrics.loss.min); the frame's columns say "loss - Min"
    return next((c for c in columns if c.lower() == wanted.lower()), None)


def _cell(value: Any) -> tuple[str, bool]:
    """A value as the table shows it, and whether it is a number (right-aligned)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "", False
    if isinstance(value, bool):
        return str(value), False
    if isinstance(value, (int, float)):
        return f"{value:.6g}" if isinstance(value, float) else str(value), True
    if isinstance(value, list):
        return ", ".join(str(v) for v in value), False
    return str(value), False


def to_html(df: DataFrame, max_rows: int) -> str:
    head = "".join(f'<th title="{html.escape(str(c))}">{html.escape(str(c))}</th>' for c in df.columns)
    rows = []
    for record in df.head(max_rows).itertuples(index=False):
        cells = []
        for value in record:
            text, number = _cell(value)
            safe = html.escape(text)
            cells.append(f'<td{" class=num" if number else ""} title="{safe}">{safe}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    more = f"<p>{len(df) - max_rows} more rows not shown.</p>" if len(df) > max_rows else ""
    return (
        f'{_STYLE}<div class="smstudio-leaderboard-wrap"><table class="smstudio-leaderboard">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>{more}"
    )


class Leaderboard:
    def __init__(
        self,
        analytics: ExperimentAnalytics,
        widgets: Any,
        columns: Optional[list[str]],
        max_rows: int,
        sort_by: Optional[str] = None,
        sort_order: Optional[str] = None,
    ):
        self.analytics, self.columns, self.max_rows = analytics, columns, max_rows
        self.sort_by, self.sort_order = sort_by, sort_order or "Ascending"
        self.sort = widgets.Dropdown(description="Sort by", options=[])
        self.order = widgets.ToggleButtons(
            options=["Ascending", "Descending"], value="Ascending" if sort_order != "Descending" else "Descending"
        )
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh")
        self.table = widgets.HTML()
        self.box = widgets.VBox([widgets.HBox([self.sort, self.order, self.refresh_button]), self.table])
        self.box.leaderboard = self  # for tests and for callers who want to drive it
        self._load(force=False)
        self.sort.observe(lambda _: self.render(), names="value")
        self.order.observe(lambda _: self.render(), names="value")
        self.refresh_button.on_click(lambda _: self._load(force=True))

    def _load(self, force: bool) -> None:
        self.df = self.analytics.dataframe(force_refresh=force)
        options = [c for c in self.df.columns if c not in ("Trials", "Experiments")]
        asked = sort_column(self.sort_by, options)
        if self.sort_by and asked is None:  # e.g. CreationTime: not a column, but the rows come in that order
            options = [SEARCH_ORDER, *options]
        current = self.sort.value
        self.sort.options = options
        if current in options:
            self.sort.value = current
        elif self.sort_by:
            self.sort.value = asked or SEARCH_ORDER
        elif options:
            metric = next((c for c in options if c.endswith(" - Last")), None)
            self.sort.value = metric or options[0]
        self.render()

    def sorted_frame(self) -> DataFrame:
        df = self.df
        if self.sort.value == SEARCH_ORDER:
            if self.order.value != self.sort_order:  # the other way round from how the search sorted them
                df = df.iloc[::-1]
        elif self.sort.value in getattr(df, "columns", []):
            df = df.sort_values(
                self.sort.value, ascending=self.order.value == "Ascending", na_position="last", kind="stable"
            )
        if self.columns:
            df = df[[c for c in self.columns if c in df.columns]]
        return df

    def render(self) -> None:
        df = self.sorted_frame()
        if df.empty:
            self.table.value = "<p>No trial components.</p>"
            return
        self.table.value = to_html(df, self.max_rows)
