"""Quick choices on the relation list: all, none, the default (typed) ones, or only one type."""
from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from ui import ids
from ui.elements import relation_label


def relation_tools(relations: Sequence[str]) -> html.Div:
    """Buttons for all / none / typed, and a dropdown that keeps only one relation type."""
    return html.Div([
        html.Button("All", id=ids.RELATIONS_ALL, n_clicks=0, className="link small-link",
                    title="Tick every relation type, co-mentions too"),
        html.Button("None", id=ids.RELATIONS_NONE, n_clicks=0, className="link small-link",
                    title="Untick every relation type"),
        html.Button("Typed", id=ids.RELATIONS_TYPED, n_clicks=0, className="link small-link",
                    title="Every typed relation, no co-mentions (as the page opens)"),
        dcc.Dropdown(id=ids.RELATIONS_ONLY, options=[{"label": relation_label(r), "value": r} for r in relations],
                     value=None, placeholder="Only this type…", clearable=True, searchable=False,
                     className="only-dropdown"),
    ], className="relation-tools")


def chosen_relations(trigger: str, only: str | None, relations: Sequence[str], typed: Sequence[str]) -> list | None:
    """The relation filter's new value after one of the tools (None: leave it as it is)."""
    if trigger == ids.RELATIONS_ALL:
        return list(relations)
    if trigger == ids.RELATIONS_NONE:
        return []
    if trigger == ids.RELATIONS_TYPED:
        return list(typed)
    if trigger == ids.RELATIONS_ONLY and only in relations:
        return [only]
    return None
