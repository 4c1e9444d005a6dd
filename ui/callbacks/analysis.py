"""Callbacks of what the page counts and of time: the counting toggle, the pair's timeline under the heatmap."""
from __future__ import annotations

from dash import Input, Output, State, no_update

from graph.query import dyad_timeline
from ui import ids
from ui.analysis import everything, more_button
from ui.callbacks.wiring import FILTERS, Declared, clientside, declarer, fired
from ui.selection import selection_nodes
from ui.source import CorpusSource
from ui.relation_tools import chosen_relations
from ui.timeline import dyad_timeline_figure

CALLBACKS: list[Declared] = []
callback = declarer(CALLBACKS)


@callback(Output(ids.SELECTION_STORE, "data", allow_duplicate=True),
          inputs=dict(counting=Input(ids.TRUTH_TOGGLE, "value")),
          state=dict(selection=State(ids.SELECTION_STORE, "data")),
          prevent_initial_call=True)
def recount_paths(counting, selection):
    """An open path query follows the counting toggle: its paths are asked again under the new rule."""
    if (selection or {}).get("kind") != "path":
        return no_update
    wanted = everything(counting)
    if bool(selection.get("all")) == wanted:
        return no_update
    changed = {k: v for k, v in selection.items() if k != "all"}
    return {**changed, "all": True} if wanted else changed


@callback(Output(ids.DYAD_TIMELINE, "figure"), Output(ids.DYAD_TIMELINE_BOX, "className"),
          inputs=dict(tab=Input(ids.TABS, "value"), selection=Input(ids.SELECTION_STORE, "data"), **FILTERS,
                      counting=Input(ids.TRUTH_TOGGLE, "value"), version=Input(ids.VERSION_STORE, "data")),
          prevent_initial_call=True, tab=ids.TAB_STANCE)
def update_dyad_timeline(tab, selection, relations, types, dates, min_articles, counting, version, *,
                         source: CorpusSource, contested=None):
    """Under the heatmap, the clicked pair's cooperation and conflict by month (hidden until a cell is clicked)."""
    if tab != ids.TAB_STANCE:
        return no_update, no_update
    pair = selection_nodes(selection) if (selection or {}).get("kind") == "dyad" else ()
    if len(pair) != 2:
        return no_update, "dyad-timeline is-hidden"
    corpus = source.current()
    fg = corpus.local(corpus.filters(relations, types, dates, min_articles, contested), selection)
    months = dyad_timeline(fg, *pair, everything=everything(counting)) if all(n in fg for n in pair) else []
    return dyad_timeline_figure(months, names=(corpus.label(pair[0]), corpus.label(pair[1]))), "dyad-timeline"


@callback(Output(ids.VIEW_STORE, "data", allow_duplicate=True),
          inputs=dict(clicks=Input(ids.MORE_BUTTON, "n_clicks")), state=dict(view=State(ids.VIEW_STORE, "data")),
          prevent_initial_call=True)
def toggle_more(clicks, view):
    """Draw the whole display budget, or go back to the overview of the most central actors."""
    if not clicks:
        return no_update
    view = dict(view or {"focus": None, "expanded": []})
    return {**view, "more": not view.get("more")}


@callback(Output(ids.MORE_BUTTON, "children"), Output(ids.MORE_BUTTON, "className"),
          inputs=dict(view=Input(ids.VIEW_STORE, "data"), **FILTERS, version=Input(ids.VERSION_STORE, "data")),
          prevent_initial_call=True)
def update_more_button(view, relations, types, dates, min_articles, version, *, source: CorpusSource,
                       contested=None):
    """Say what the button does now, and show it only where there is more to draw."""
    corpus = source.current()
    button = more_button(corpus, corpus.filters(relations, types, dates, min_articles, contested), view)
    return button.children, button.className


# narrow screens: the filters slide over the canvas
clientside(CALLBACKS, "toggleDrawer", Output(ids.SIDEBAR, "className"), inputs=[Input(ids.FILTERS_BUTTON, "n_clicks")],
           state=[State(ids.SIDEBAR, "className")], prevent_initial_call=True)


@callback(Output(ids.RELATION_FILTER, "value", allow_duplicate=True),
          Output(ids.RELATIONS_ONLY, "value"),
          inputs=dict(all_=Input(ids.RELATIONS_ALL, "n_clicks"), none=Input(ids.RELATIONS_NONE, "n_clicks"),
                      typed=Input(ids.RELATIONS_TYPED, "n_clicks"), only=Input(ids.RELATIONS_ONLY, "value")),
          prevent_initial_call=True)
def quick_relations(all_, none, typed, only, *, source: CorpusSource):
    """All, none, the typed ones, or only one relation type (the dropdown empties itself after)."""
    trigger, _, value = fired()
    corpus = source.current()
    chosen = chosen_relations(trigger, only, corpus.relations, corpus.default_relations) if value else None
    if chosen is None:
        return no_update, no_update
    return chosen, None if trigger == ids.RELATIONS_ONLY else no_update
