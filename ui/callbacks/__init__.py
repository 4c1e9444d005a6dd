"""Callbacks of the explorer: thin glue between components, `ui.corpus` and the panel builders.

Grouped by concern, each declared next to its function (keyword inputs; the four filters as
one group, :data:`ui.callbacks.wiring.FILTERS`): selection, the panel and the URL here; the
canvas in :mod:`ui.callbacks.canvas`; the side tabs in :mod:`ui.callbacks.tabs`; curation,
uploads and exports in :mod:`ui.callbacks.writing`. Each takes the app's
:class:`ui.corpus.CorpusSource` as a keyword, so tests can call it directly; :func:`register`
binds them all to an app. The graph lives on the server (one snapshot per corpus version,
shared by every session); per-session state (filters, selection, view, open article) lives in
the page and the URL. A callback that fails leaves the page as it was and says so in the status line.
"""
from __future__ import annotations

import json

from dash import Dash, Input, Output, State, no_update

from ui import ids
from ui.callbacks.agreement import CALLBACKS as AGREEMENT_CALLBACKS
from ui.callbacks.canvas import CALLBACKS as CANVAS_CALLBACKS
from ui.callbacks.canvas import refresh_options, update_canvas, update_date_label, update_view
from ui.callbacks.novelty import CALLBACKS as NOVELTY_CALLBACKS
from ui.callbacks.tabs import CALLBACKS as TAB_CALLBACKS
from ui.callbacks.tabs import (
    open_article,
    update_actors,
    update_article_list,
    update_article_view,
    update_curation_log,
    update_stance,
    update_stance_detail,
)
from ui.callbacks.wiring import FILTERS, Declared, bind, declarer, fired, report_error
from ui.callbacks.writing import CALLBACKS as WRITING_CALLBACKS
from ui.callbacks.analysis import CALLBACKS as ANALYSIS_CALLBACKS
from ui.callbacks.evidence import CALLBACKS as EVIDENCE_CALLBACKS
from ui.callbacks.briefing import CALLBACKS as BRIEFING_CALLBACKS
from ui.callbacks.briefing import export_caption
from ui.callbacks.writing import EXPORT_TYPES, curate, export, upload, upload_progress, with_colours
from ui.source import CorpusSource
from ui.analysis import everything
from ui.curation_view import next_relation
from ui.folding import fold
from ui.selection import path_selection, resolve_selection, selection_nodes
from ui.layout import NOT_SEEN
from ui.node_panel import MAX_GROUP_ROWS, node_dossier
from ui.panels import dyad_dossier, edge_dossier
from ui.paths_view import path_panel
from ui.overview import overview
from ui.state import format_query, parse_query

CALLBACKS: list[Declared] = []
callback = declarer(CALLBACKS)


@callback(Output(ids.SELECTION_STORE, "data"), Output(ids.SEARCH, "value"),
          Output(ids.TABS, "value", allow_duplicate=True),
          inputs=dict(tap_node=Input(ids.CANVAS, "tapNodeData"), tap_edge=Input(ids.CANVAS, "tapEdgeData"),
                      search_value=Input(ids.SEARCH, "value"), stance_click=Input(ids.STANCE_GRAPH, "clickData"),
                      actors_click=Input(ids.ACTORS_GRAPH, "clickData"),
                      path_clicks=Input(ids.PATH_BUTTON, "n_clicks")),
          state=dict(path_source=State(ids.PATH_SOURCE, "value"), path_target=State(ids.PATH_TARGET, "value"),
                     path_k=State(ids.PATH_K, "value"), previous=State(ids.SELECTION_STORE, "data"),
                     tab=State(ids.TABS, "value"), counting=State(ids.TRUTH_TOGGLE, "value")),
          prevent_initial_call=True)
def select(tap_node, tap_edge, search_value, stance_click, actors_click, path_clicks, path_source, path_target,
           path_k, previous, tab, counting=None) -> tuple:
    """Update the selection from the canvas, the search box, a chart or the path form.

    Outputs: the selection, the search box's value, and the tab (moved to the panel that
    shows the selection, or left alone).
    """
    trigger, prop, value = fired()
    if trigger is None:
        return no_update, no_update, no_update
    if trigger == ids.PATH_BUTTON:
        selection = (path_selection(path_source, path_target, path_k, previous, everything=everything(counting))
                     if value else None)
        return (selection, no_update, _tab_for(selection, tab)) if selection else (no_update,) * 3
    selection, search = resolve_selection(trigger, prop, value, previous)
    if selection is no_update:
        return no_update, no_update, no_update
    return selection, search, _tab_for(selection, tab)


@callback(Output(ids.SELECTION_STORE, "data", allow_duplicate=True),
          Output(ids.SEARCH, "value", allow_duplicate=True), Output(ids.TABS, "value", allow_duplicate=True),
          inputs=dict(node_clicks=Input(ids.CLICKED + ids.NODE_LINK, "data"),
                      edge_clicks=Input(ids.CLICKED + ids.EDGE_LINK, "data")),
          state=dict(previous=State(ids.SELECTION_STORE, "data"), tab=State(ids.TABS, "value")),
          prevent_initial_call=True)
def follow_link(node_clicks, edge_clicks, previous, tab) -> tuple:
    """Move the selection to the actor or relation whose link was clicked in a panel.

    Kept apart from :func:`select`: links appear whenever a panel is drawn, and each time
    this callback runs for nothing; it must never overtake a tap on the canvas.
    """
    trigger, prop, value = fired()
    selection, search = resolve_selection(trigger, prop, value, previous)
    if selection is no_update:
        return no_update, no_update, no_update
    return selection, search, _tab_for(selection, tab)


def _tab_for(selection: dict | None, tab: str | None):
    """The tab that shows a selection: the stance tab for a pair of actors chosen on a chart, else the
    panel (a pair edge tapped on the canvas shows its relations there, beside the canvas)."""
    chart_pair = selection and selection.get("kind") == "dyad" and selection.get("via") != "tap"
    wanted = ids.TAB_STANCE if chart_pair else ids.TAB_GRAPH
    return no_update if wanted == tab else wanted


# what the URL holds: the filters, hops, selection, view, tab and open article
_PAGE = {**FILTERS, "hops": Input(ids.HOPS_SLIDER, "value"), "selection": Input(ids.SELECTION_STORE, "data"),
         "view": Input(ids.VIEW_STORE, "data"), "tab": Input(ids.TABS, "value"),
         "doc": Input(ids.ARTICLE_STORE, "data")}


@callback(Output(ids.URL, "search"), Output(ids.RELATION_FILTER, "value"), Output(ids.ENTITY_FILTER, "value"),
          Output(ids.DATE_SLIDER, "value", allow_duplicate=True), Output(ids.MIN_ARTICLES, "value"),
          Output(ids.HOPS_SLIDER, "value"), Output(ids.SELECTION_STORE, "data", allow_duplicate=True),
          Output(ids.VIEW_STORE, "data", allow_duplicate=True), Output(ids.TABS, "value"),
          Output(ids.ARTICLE_STORE, "data", allow_duplicate=True),
          Output(ids.PATH_SOURCE, "value", allow_duplicate=True), Output(ids.PATH_TARGET, "value"),
          Output(ids.PATH_K, "value"), Output(ids.CONTESTED_FILTER, "value"), Output(ids.URL_SEEN, "data"),
          inputs=dict(search=Input(ids.URL, "search")),
          state=dict(**{name: State(i.component_id, i.component_property) for name, i in _PAGE.items()},
                     seen=State(ids.URL_SEEN, "data")),
          prevent_initial_call="initial_duplicate")
def read_url(search, relations, types, dates, min_articles, hops, selection, view, tab, doc, seen, *,
             source: CorpusSource, contested=None) -> tuple:
    """Set the page from a new URL (:func:`sync_url`)."""
    return sync_url(search, relations, types, dates, min_articles, hops, selection, view, tab, doc, seen,
                    source=source, contested=contested)


@callback(Output(ids.URL, "search", allow_duplicate=True), Output(ids.URL_SEEN, "data", allow_duplicate=True),
          inputs=_PAGE, state=dict(search=State(ids.URL, "search"), seen=State(ids.URL_SEEN, "data")),
          prevent_initial_call=True)
def write_url(relations, types, dates, min_articles, hops, selection, view, tab, doc, search, seen, *,
              source: CorpusSource, contested=None) -> tuple:
    """Write a page change to the URL (:func:`sync_url`). Apart from :func:`read_url`, whose outputs
    the panel and the canvas read: Dash held them back until it had answered (40–60 ms a click)."""
    written = sync_url(search, relations, types, dates, min_articles, hops, selection, view, tab, doc, seen,
                       source=source, contested=contested)
    return written[0], written[-1]


def sync_url(search, relations, types, dates, min_articles, hops, selection, view, tab, doc, seen, *,
             source: CorpusSource, contested=None) -> tuple:
    """Keep the URL and the page in step: a new URL sets the page, a page change writes the URL.

    Outputs: the URL query, then relations, types, dates, min, hops, selection, view, tab,
    open article, the path form's source, target and k, "only contested", and the query last seen. Bad URL
    values are ignored. The address bar reports itself once the page has loaded; a plain
    address then means "nothing to restore", so a click made before it cannot be undone.
    """
    known = source.current().known()
    trigger, _, _ = fired()
    current = {"relations": relations, "types": types, "dates": dates, "min": min_articles, "hops": hops,
               "selection": selection, "view": view, "tab": tab, "doc": doc, "contested": contested}
    nothing = (no_update,) * 15
    if trigger in (None, ids.URL):
        if search is None or search == seen:
            return nothing
        if seen in (None, NOT_SEEN) and not search.lstrip("?"):
            query = format_query(current, known)
            return (query or no_update,) + (no_update,) * 13 + (query,)
        wanted = parse_query(search, known)
        if format_query(wanted, known) == format_query(current, known):
            return (no_update,) * 14 + (search,)
        outs = [wanted[k] for k in ("relations", "types", "dates", "min", "hops", "selection", "view", "tab", "doc")]
        path = wanted["selection"] if (wanted["selection"] or {}).get("kind") == "path" else None
        pair = selection_nodes(path) if path else ()
        path_outs = [pair[0], pair[1], path["k"]] if len(pair) == 2 else [no_update] * 3
        return (no_update, *outs, *path_outs, wanted["contested"], search)
    query = format_query(current, known)
    if query == (search or ""):
        return nothing
    return (query,) + (no_update,) * 13 + (query,)


@callback(Output(ids.PANEL, "children"),
          inputs=dict(selection=Input(ids.SELECTION_STORE, "data"), **FILTERS,
                      version=Input(ids.VERSION_STORE, "data"), pages=Input(ids.EVIDENCE_PAGES, "data"),
                      counting=Input(ids.TRUTH_TOGGLE, "value")),
          prevent_initial_call=True)
def update_panel(selection, relations, types, dates, min_articles, version, pages=None, counting=None, *,
                 source: CorpusSource, contested=None):
    """Show the dossier of the selection (actor, relation, dyad or path query), or the overview.

    A panel is drawn once per corpus version and what it shows (sessions clicking the same actor
    share it), and sent folded (:func:`ui.folding.fold`)."""
    corpus = source.current()
    shown = {k: v for k, v in (selection or {}).items() if k not in ("nonce", "via")}  # not what the panel shows
    key = json.dumps([shown, relations, types, dates, min_articles, contested, pages, counting, source.may_write()],
                     sort_keys=True, default=str)
    return corpus.panel(key, lambda: fold(_panel(corpus, selection, relations, types, dates, min_articles, pages,
                                                 counting, source=source, contested=contested)))


def _panel(corpus, selection, relations, types, dates, min_articles, pages, counting, *, source: CorpusSource,
           contested):
    f = corpus.filters(relations, types, dates, min_articles, contested)
    kind, target = (selection or {}).get("kind"), (selection or {}).get("id")
    if kind not in ("node", "edge", "dyad", "path"):
        return overview(corpus.stats, corpus.central(f, everything=everything(counting)), corpus.counts(f),
                        corpus.actors, corpus.latest_articles())
    if kind == "node":
        g, summary, every = corpus.actor(f, str(target), MAX_GROUP_ROWS)
        return node_dossier(g, str(target), documents=corpus.documents, visible_relations=f.relations,
                            writable=source.may_write(), in_corpus=target in corpus.actors, pages=pages,
                            summary=summary, every=every)
    fg = corpus.local(f, selection)
    if kind == "edge":
        return edge_dossier(fg, str(target), documents=corpus.documents, writable=source.may_write(),
                            in_corpus=corpus.has_edge(str(target)), pages=pages,
                            next_edge=None if corpus.has_edge(str(target))
                            else next_relation(corpus.around(str(target)), str(target), corpus.labels))
    if kind == "dyad" and len(selection_nodes(selection)) == 2:
        return dyad_dossier(fg, *selection_nodes(selection), documents=corpus.documents, pages=pages)
    if kind == "path" and len(selection_nodes(selection)) == 2:
        a, b = selection_nodes(selection)
        paths = corpus.paths(f, corpus.keep_for(f, selection), a, b, selection.get("k"),
                             everything=bool(selection.get("all")))
        return path_panel(fg, a, b, paths, documents=corpus.documents, labels=corpus.labels,
                          everything=bool(selection.get("all")))
    return overview(corpus.stats, corpus.central(f, everything=everything(counting)), corpus.counts(f),
                    corpus.actors, corpus.latest_articles())


def register(app: Dash, source: CorpusSource) -> None:
    """Wire every callback of the explorer to `app`, bound to one corpus source."""
    bind(app, [*CALLBACKS, *CANVAS_CALLBACKS, *TAB_CALLBACKS, *WRITING_CALLBACKS, *AGREEMENT_CALLBACKS,
               *NOVELTY_CALLBACKS, *ANALYSIS_CALLBACKS, *EVIDENCE_CALLBACKS, *BRIEFING_CALLBACKS], source)


__all__ = [
    "EXPORT_TYPES", "curate", "export", "export_caption", "follow_link", "open_article", "refresh_options", "register",
    "read_url", "report_error", "select", "sync_url", "write_url", "update_actors", "update_article_list",
    "update_article_view", "update_canvas", "update_curation_log", "update_date_label", "update_panel",
    "update_stance", "update_stance_detail", "update_view", "upload", "upload_progress", "with_colours",
]
