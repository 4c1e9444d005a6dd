"""Callbacks of "what is new": the reader's visits (kept in the browser), the list, the highlight on the canvas."""
from __future__ import annotations

from dash import Input, Output, State

from graph.novelty import BY_DATE, BY_INGEST, new_relations
from ui import ids
from ui.callbacks.wiring import FILTERS, Declared, clientside, declarer
from ui.elements import make_edge_id
from ui.novelty_view import VISIT, new_view, since_options
from ui.source import CorpusSource

CALLBACKS: list[Declared] = []
callback = declarer(CALLBACKS)


def _previous_visit(visit) -> str | None:
    previous = (visit or {}).get("previous") if isinstance(visit, dict) else None
    return previous if isinstance(previous, str) and previous else None


@callback(Output(ids.NEW_SINCE, "options"),
          inputs=dict(visit=Input(ids.LAST_VISIT, "data"), version=Input(ids.VERSION_STORE, "data")),
          prevent_initial_call=True)
def update_since_options(visit, version, *, source: CorpusSource):
    """Offer the last visit (once the browser has said when it was) and every article date."""
    corpus = source.current()
    dates = [str(meta.get("date")) for meta in corpus.documents.values() if meta.get("date")]
    return since_options(dates, _previous_visit(visit))


@callback(Output(ids.NEW_LIST, "children"), Output(ids.NEW_EDGES, "data"),
          inputs=dict(since=Input(ids.NEW_SINCE, "value"), visit=Input(ids.LAST_VISIT, "data"), **FILTERS,
                      version=Input(ids.VERSION_STORE, "data")),
          state=dict(tab=State(ids.TABS, "value")),
          prevent_initial_call=True)
def update_new(since, visit, relations, types, dates, min_articles, version, tab=None, *, source: CorpusSource,
               contested=None):
    """List the relations first seen since the chosen date or visit, and name them for the canvas highlight.

    A date asks when the articles were published; the last visit asks when the store read them
    (from a node-link graph, which does not know, the articles' dates answer).
    """
    corpus = source.current()
    previous = _previous_visit(visit)
    moment = previous if since == VISIT else since if isinstance(since, str) and since else None
    if moment is None:
        return new_view((), since=None, label="", labels=corpus.labels, documents=corpus.documents), []
    f = corpus.filters(relations, types, dates, min_articles, contested)
    stored = any(meta.get(BY_INGEST) for meta in corpus.documents.values())
    by = BY_INGEST if since == VISIT and stored else BY_DATE
    rows = corpus.remember(("new", f, moment, by), lambda: new_relations(corpus.filtered(f), moment, by=by))
    label = "your last visit" if since == VISIT else moment
    return (new_view(rows, since=moment, label=label, labels=corpus.labels, documents=corpus.documents),
            [make_edge_id(r.source, r.relation, r.target) for r in rows])


# The browser keeps when this visit and the one before began (localStorage; a reload within one
# tab's session is the same visit), and hands them to the page on load.
clientside(CALLBACKS, "markVisit", Output(ids.LAST_VISIT, "data"), inputs=[Input(ids.HEADER, "id")])
# New relations glow on the canvas; drawn again whenever the canvas is.
clientside(CALLBACKS, "markNew", Output(ids.NEW_MARKED, "data"),
           inputs=[Input(ids.NEW_EDGES, "data"), Input(ids.CANVAS_KEY, "data")], prevent_initial_call=True)

