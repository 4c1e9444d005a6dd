"""Callbacks of evidence: "more" and the sort and filter controls of a list; the full-text search."""
from __future__ import annotations

from dash import ALL, Input, Output, State, no_update

from ui import ids
from graph.search import search_evidence
from ui.callbacks.wiring import FILTERS, Declared, declarer, fired
from ui.evidence_search import MAX_HITS, search_hits
from ui.evidence_view import next_pages
from ui.source import CorpusSource

CALLBACKS: list[Declared] = []
callback = declarer(CALLBACKS)


@callback(Output(ids.EVIDENCE_PAGES, "data"),
          inputs=dict(more=Input(ids.CLICKED + ids.EVIDENCE_MORE, "data"),
                      opened=Input(ids.CLICKED + ids.EVIDENCE_OPEN, "data"),
                      controls=Input({"type": ids.EVIDENCE_ORDER, "list": ALL, "field": ALL}, "value")),
          state=dict(pages=State(ids.EVIDENCE_PAGES, "data")),
          prevent_initial_call=True)
def page_evidence(more, opened, controls, pages):
    """Open a long list or show its next page, or sort or filter it afresh (a list redrawn with the
    same choices changes nothing)."""
    trigger, prop, value = fired()
    if not isinstance(trigger, dict):
        return no_update
    changed = next_pages(pages, trigger, prop, value)
    return no_update if changed is None else changed


@callback(Output(ids.EVIDENCE_HITS, "children"), Output(ids.EVIDENCE_ASKED, "data"),
          inputs=dict(query=Input(ids.EVIDENCE_SEARCH, "value"), **FILTERS, version=Input(ids.VERSION_STORE, "data")),
          state=dict(asked=State(ids.EVIDENCE_ASKED, "data")),
          prevent_initial_call=True)
def find_sentences(query, relations, types, dates, min_articles, version, asked=None, *, source: CorpusSource,
                   contested=None):
    """List the evidence sentences holding every word of the query; each hit opens its relation.

    The same question asked again (the box reports its value again when it loses focus, as
    when a hit is clicked) changes nothing, so the hit under the pointer stays put.
    """
    corpus = source.current()
    f = corpus.filters(relations, types, dates, min_articles, contested)
    text = query.strip()[:200] if isinstance(query, str) else ""
    key = repr((text, f, corpus.version))
    if key == asked:
        return no_update, no_update
    if not text:
        return [], key
    hits, total = search_evidence(corpus.filtered(f), text, limit=MAX_HITS)
    return search_hits(hits, total, text, corpus.labels, corpus.documents), key
