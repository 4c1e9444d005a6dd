"""The tabs of what changed and who disagrees (Disputes, Outlets, What's new) and the stores they keep."""
from __future__ import annotations

from dash import dcc, html

from ui import ids
from ui.figures import empty_figure
from ui.panels import empty


def change_tabs(tab: dict) -> list:
    """The three tabs, filled by `ui.callbacks.agreement` and `ui.callbacks.novelty` when opened.

    Args:
        tab: The class names every tab of the page uses.
    """
    return [
        dcc.Tab(label="Disputes", value=ids.TAB_DISPUTES, **tab, children=html.Section([
            html.P("Relations the sources disagree on: asserted in some sentences and denied in others, or "
                   "reported as cooperation by one outlet and as conflict by another in the same month. Each "
                   "side counts outlets; a wire story reprinted counts once.", className="muted small"),
            html.Div(empty("Loading…"), id=ids.DISPUTES_LIST),
        ], className="panel")),
        dcc.Tab(label="Outlets", value=ids.TAB_OUTLETS, **tab, children=html.Section([
            html.P("How each outlet reports the most connected actors: cooperation minus conflict in its sentences. "
                   "Click a row, or choose an outlet, for the relations it carries.", className="muted small"),
            dcc.Graph(id=ids.OUTLETS_GRAPH, config={"displayModeBar": False}, className="chart",
                      figure=empty_figure("Loading…")),
            dcc.Dropdown(id=ids.OUTLET_PICK, options=[], placeholder="Choose an outlet…", clearable=True,
                         className="outlet-pick", maxHeight=280),
            html.Div(id=ids.OUTLET_RELATIONS),
        ], className="panel")),
        dcc.Tab(label="What's new", value=ids.TAB_NEW, **tab, children=html.Section([
            html.P("Relations first seen after a date (the articles' dates) or since your last visit (when they "
                   "were added), highlighted on the canvas.", className="muted small"),
            html.Label("New since", htmlFor=ids.NEW_SINCE, className="field-label"),
            dcc.Dropdown(id=ids.NEW_SINCE, options=[], placeholder="Choose a date or your last visit…",
                         clearable=True, className="new-since", maxHeight=280),
            html.Div(id=ids.NEW_LIST),
        ], className="panel")),
    ]


def change_stores() -> list:
    """The per-page state of "what is new": the visits (filled from the browser's storage) and the marked edges."""
    return [dcc.Store(id=ids.LAST_VISIT, data={}), dcc.Store(id=ids.NEW_EDGES, data=[]),
            dcc.Store(id=ids.NEW_MARKED, data=0)]
