"""Callbacks of the side tabs: stance, actors, articles and the curation log, drawn only when open."""
from __future__ import annotations

from dash import Input, Output, State, no_update

from graph.ontology import WEAK_RELATIONS
from ui import ids
from ui.callbacks.wiring import FILTERS, Declared, declarer, fired
from ui.analysis import everything
from ui.source import CorpusSource
from ui.selection import selection_nodes
from ui.figures import central_figure, stance_figure
from ui.panels import dyad_dossier, empty
from ui.curation_view import curation_view
from ui.articles import article_list, article_view

CALLBACKS: list[Declared] = []
callback = declarer(CALLBACKS)


@callback(Output(ids.STANCE_GRAPH, "figure"),
          inputs=dict(tab=Input(ids.TABS, "value"), **FILTERS, version=Input(ids.VERSION_STORE, "data"),
                      selection=Input(ids.SELECTION_STORE, "data"), counting=Input(ids.TRUTH_TOGGLE, "value")),
          prevent_initial_call=True, tab=ids.TAB_STANCE)
def update_stance(tab, relations, types, dates, min_articles, version, selection=None, counting=None, *,
                  source: CorpusSource, contested=None):
    """Draw the stance heatmap when its tab is open, outlining the pair whose evidence is shown.

    Only sentences that hold count, unless the counting toggle asks for every sentence.
    """
    if tab != ids.TAB_STANCE:
        return no_update
    corpus = source.current()
    pair = selection_nodes(selection) if (selection or {}).get("kind") == "dyad" else ()
    return stance_figure(corpus.stance(corpus.filters(relations, types, dates, min_articles, contested),
                                       everything=everything(counting)), selected=pair if len(pair) == 2 else None)


@callback(Output(ids.STANCE_DETAIL, "children"),
          inputs=dict(tab=Input(ids.TABS, "value"), selection=Input(ids.SELECTION_STORE, "data"), **FILTERS,
                      version=Input(ids.VERSION_STORE, "data"), pages=Input(ids.EVIDENCE_PAGES, "data")),
          prevent_initial_call=True, tab=ids.TAB_STANCE)
def update_stance_detail(tab, selection, relations, types, dates, min_articles, version, pages=None, *,
                         source: CorpusSource, contested=None):
    """Under the heatmap, list the evidence of the clicked pair of actors (when the tab is open)."""
    if tab != ids.TAB_STANCE:
        return no_update
    if (selection or {}).get("kind") != "dyad" or len(selection_nodes(selection)) != 2:
        return empty("Click a cell to read the sentences between two actors.")
    corpus = source.current()
    fg = corpus.local(corpus.filters(relations, types, dates, min_articles, contested), selection)
    return dyad_dossier(fg, *selection_nodes(selection), documents=corpus.documents, pages=pages)


@callback(Output(ids.ACTORS_GRAPH, "figure"),
          inputs=dict(tab=Input(ids.TABS, "value"), **FILTERS, version=Input(ids.VERSION_STORE, "data"),
                      counting=Input(ids.TRUTH_TOGGLE, "value")),
          prevent_initial_call=True, tab=ids.TAB_ACTORS)
def update_actors(tab, relations, types, dates, min_articles, version, counting=None, *, source: CorpusSource,
                  contested=None):
    """Draw the most central actors when their tab is open (by evidence that holds, unless the toggle says every sentence)."""
    if tab != ids.TAB_ACTORS:
        return no_update
    corpus = source.current()
    central = corpus.central(corpus.filters(relations, types, dates, min_articles, contested),
                             everything=everything(counting))
    return central_figure(central, {n: str(d.get("type") or "") for n, d in corpus.actors.nodes(data=True)})


@callback(Output(ids.ARTICLE_LIST, "children"),
          inputs=dict(tab=Input(ids.TABS, "value"), query=Input(ids.ARTICLE_FILTER, "value"),
                      version=Input(ids.VERSION_STORE, "data")),
          prevent_initial_call=True, tab=ids.TAB_ARTICLES)
def update_article_list(tab, query, version, *, source: CorpusSource):
    """List the loaded articles when the Articles tab is open."""
    if tab != ids.TAB_ARTICLES:
        return no_update
    corpus = source.current()
    counts = {doc: sum(r[2] not in WEAK_RELATIONS for r in rows) for doc, rows in corpus.article_relations().items()}
    return article_list(corpus.documents, counts, query=query)


@callback(Output(ids.ARTICLE_STORE, "data"), Output(ids.TABS, "value", allow_duplicate=True),
          inputs=dict(clicks=Input(ids.CLICKED + ids.ARTICLE_LINK, "data")),
          state=dict(current=State(ids.ARTICLE_STORE, "data"), tab=State(ids.TABS, "value")),
          prevent_initial_call=True)
def open_article(clicks, current, tab) -> tuple:
    """Open the article whose link was clicked (in the Articles tab)."""
    trigger, _, value = fired()
    if not isinstance(trigger, dict) or trigger.get("type") != ids.ARTICLE_LINK or not value:
        return no_update, no_update
    doc = trigger.get("doc") or ""  # the reader's close link names no article
    return doc, no_update if tab == ids.TAB_ARTICLES or not doc else ids.TAB_ARTICLES


@callback(Output(ids.ARTICLE_VIEW, "children"),
          inputs=dict(doc_id=Input(ids.ARTICLE_STORE, "data"), version=Input(ids.VERSION_STORE, "data")))
def update_article_view(doc_id, version, *, source: CorpusSource):
    """Show one article with its actors marked and the relations read from it."""
    corpus = source.current()
    if not doc_id or doc_id not in corpus.documents:
        return article_view(None, documents=corpus.documents, text=None, mentions=(), relations=(),
                            g=corpus.actors, canonical=corpus.canonical)
    stored = corpus.article_text(doc_id)
    return article_view(doc_id, documents=corpus.documents, text=stored.document.text if stored else None,
                        mentions=stored.mentions if stored else (),
                        relations=corpus.article_rows(doc_id), g=corpus.actors,
                        canonical=corpus.canonical)


@callback(Output(ids.CURATION_LOG, "children"),
          inputs=dict(tab=Input(ids.TABS, "value"), version=Input(ids.VERSION_STORE, "data")),
          prevent_initial_call=True, tab=ids.TAB_CURATION)
def update_curation_log(tab, version, *, source: CorpusSource):
    """Show the curation log when its tab is open."""
    if tab != ids.TAB_CURATION:
        return no_update
    corpus = source.current()
    return curation_view(corpus.log, corpus.skipped, labels=corpus.labels_before, writable=source.may_write())
