"""What the page counts: the toggle between sentences that hold and every sentence as written.

By default stance, paths and their hops count asserted and reported evidence only (see
`graph.query.holds`); the toggle counts negated, future and hypothetical sentences too.
"""
from __future__ import annotations

from collections.abc import Iterable

from dash import dcc, html

from ui import ids

EVERYTHING = "everything"


def truth_toggle() -> html.Div:
    """The sidebar control: off (the default) counts only what the text asserts or reports."""
    return html.Div([
        dcc.Checklist(id=ids.TRUTH_TOGGLE, options=[{"label": "Count negated and hypothetical sentences",
                                                     "value": EVERYTHING}],
                      value=[], className="filter", inputClassName="filter-input", labelClassName="filter-label"),
    ], className="truth-toggle")


def everything(value: Iterable[str] | None) -> bool:
    """Whether the toggle asks to count every sentence as written."""
    return EVERYTHING in (value or ())
