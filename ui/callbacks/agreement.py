"""Callbacks of the Disputes and Outlets tabs, drawn only when open."""
from __future__ import annotations

from dash import Input, Output, no_update

from graph.agreement import disputes
from graph.outlets import outlet_relations, outlet_stance
from ui import ids
from ui.callbacks.wiring import FILTERS, Declared, declarer
from ui.disputes import disputes_view
from ui.elements import make_edge_id
from ui.outlets_view import outlet_figure, outlet_options, outlet_relations_view
from ui.source import CorpusSource

CALLBACKS: list[Declared] = []
callback = declarer(CALLBACKS)

OUTLET_ACTORS = 10  # columns of the outlet chart: the most connected actors


def _disputes(corpus, f):
    return corpus.remember(("disputes", f), lambda: disputes(corpus.filtered(f)))


def _outlet_rows(corpus, f):
    return corpus.remember(("outlet_relations", f), lambda: outlet_relations(corpus.filtered(f)))


@callback(Output(ids.DISPUTES_LIST, "children"),
          inputs=dict(tab=Input(ids.TABS, "value"), **FILTERS, version=Input(ids.VERSION_STORE, "data")),
          prevent_initial_call=True, tab=ids.TAB_DISPUTES)
def update_disputes(tab, relations, types, dates, min_articles, version, *, source: CorpusSource, contested=None):
    """List the contested relations the filters keep, the most serious first (when the tab is open)."""
    if tab != ids.TAB_DISPUTES:
        return no_update
    corpus = source.current()
    f = corpus.filters(relations, types, dates, min_articles, contested)
    return disputes_view(_disputes(corpus, f), labels=corpus.labels, documents=corpus.documents)


@callback(Output(ids.OUTLETS_GRAPH, "figure"), Output(ids.OUTLET_PICK, "options"),
          inputs=dict(tab=Input(ids.TABS, "value"), **FILTERS, version=Input(ids.VERSION_STORE, "data")),
          prevent_initial_call=True, tab=ids.TAB_OUTLETS)
def update_outlets(tab, relations, types, dates, min_articles, version, *, source: CorpusSource, contested=None):
    """Draw each outlet's stance towards the main actors and list the outlets (when the tab is open)."""
    if tab != ids.TAB_OUTLETS:
        return no_update, no_update
    corpus = source.current()
    f = corpus.filters(relations, types, dates, min_articles, contested)
    actors = [node for node, _, _ in corpus.central(f)[:OUTLET_ACTORS]]
    stance = corpus.remember(("outlet_stance", f), lambda: outlet_stance(corpus.filtered(f), actors))
    return outlet_figure(stance), outlet_options(_outlet_rows(corpus, f))


@callback(Output(ids.OUTLET_PICK, "value"),
          inputs=dict(click=Input(ids.OUTLETS_GRAPH, "clickData")),
          prevent_initial_call=True)
def pick_outlet(click):
    """A click on a row of the outlet chart chooses that outlet."""
    points = (click or {}).get("points") or []
    custom = points[0].get("customdata") if points else None
    if not isinstance(custom, list) or len(custom) < 5 or not isinstance(custom[4], str):
        return no_update
    return custom[4]


@callback(Output(ids.OUTLET_RELATIONS, "children"),
          inputs=dict(tab=Input(ids.TABS, "value"), outlet=Input(ids.OUTLET_PICK, "value"), **FILTERS,
                      version=Input(ids.VERSION_STORE, "data")),
          prevent_initial_call=True, tab=ids.TAB_OUTLETS)
def update_outlet_relations(tab, outlet, relations, types, dates, min_articles, version, *, source: CorpusSource,
                            contested=None):
    """List the relations the chosen outlet carries (when the tab is open)."""
    if tab != ids.TAB_OUTLETS:
        return no_update
    corpus = source.current()
    f = corpus.filters(relations, types, dates, min_articles, contested)
    rows = _outlet_rows(corpus, f)
    fg = corpus.filtered(f)
    marked = frozenset(make_edge_id(s, d.get("relation") or k, t) for s, t, k, d in fg.edges(keys=True, data=True)
                       if d.get("contested"))
    name = outlet if isinstance(outlet, str) else None
    return outlet_relations_view(name, rows.get(name, ()) if name else (), labels=corpus.labels, contested=marked)
