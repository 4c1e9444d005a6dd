"""What the page counts and how much it draws: the toggle between sentences that hold and every
sentence as written; the button between a big graph's overview and the whole display budget;
the choices of how actors are coloured and placed.

By default stance, paths, centrality and edge width count asserted and reported evidence only (see
`graph.query.holds`); the toggle counts negated, future and hypothetical sentences too.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

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


def more_button(corpus: Any, f: Any, view: Mapping[str, Any] | None) -> html.Button:
    """The canvas button that draws the whole display budget, or goes back to the overview.

    Shown only when the filters keep more actors than the overview draws and no actor is focused.
    """
    spec = corpus.view_spec(view)
    opening = corpus.view_budget(spec.__class__())  # what the overview draws
    shown = corpus.counts(f)[0] > opening and corpus.budget > opening and not spec.focus
    text = "Back to the overview" if spec.more else f"Show more: up to {corpus.budget:,} actors"
    return html.Button(text, id=ids.MORE_BUTTON, n_clicks=0, className="more-button" + (" is-shown" if shown else ""),
                       title="The overview draws the most central actors only, so every label can be read")


def colour_by() -> html.Div:
    """The choice of what the actors' colour says: their type (shape says it too) or their community."""
    return html.Div([
        html.Span("Colour actors by", className="control-label", id=ids.COLOUR_BY_LABEL),
        dcc.RadioItems(id=ids.COLOUR_BY, options=[{"label": "type", "value": "type"},
                                                  {"label": "community", "value": "community"}],
                       value="type", inline=True, className="colour-by", inputClassName="filter-input",
                       labelClassName="filter-label"),
    ], className="colour-by-row")


def layout_choice() -> html.Div:
    """The choice of how the actors are placed: the force layout, rings by centrality, or grouped by community."""
    return html.Div([
        html.Span("Place actors by", className="control-label", id=ids.LAYOUT_CHOICE_LABEL),
        dcc.RadioItems(id=ids.LAYOUT_CHOICE, options=[{"label": "force", "value": "force"},
                                                      {"label": "centrality", "value": "concentric"},
                                                      {"label": "community", "value": "community"}],
                       value="force", inline=True, className="colour-by", inputClassName="filter-input",
                       labelClassName="filter-label"),
    ], className="colour-by-row")


def colouring(choice: str | None) -> list[dict]:
    """Stylesheet rules for the chosen node colouring (none for the default: by type)."""
    if choice != "community":
        return []
    return [{"selector": "node[community]", "style": {"background-color": "data(community)"}}]
