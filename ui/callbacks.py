"""Callbacks of the explorer: thin glue between components, `ui.corpus` and the panel builders.

Each callback is a module-level function taking the app's :class:`ui.corpus.CorpusSource`
as a keyword, so tests can call it directly; :func:`register` binds them to an app. The
graph lives on the server (one snapshot per corpus version, shared by every session);
per-session state (filters, selection, view, open article) lives in the page and the URL.
A callback that fails leaves the page as it was and says so in the status line.
"""
from __future__ import annotations

import json
import logging
from dataclasses import replace
from collections.abc import Sequence
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update, set_props

from graph.curation import can_redo, can_undo, describe
from graph.export import render
from graph.store import StoreError
from ui import ids
from ui.corpus import CorpusSource, CurationRefused
from ui.elements import (
    date_span_label,
    entity_filter_options,
    focus_stylesheet,
    month_marks,
    path_selection,
    relation_filter_options,
    resolve_selection,
    selection_nodes,
)
from ui.figures import central_figure, stance_figure
from ui.layout import NOT_SEEN, header_stats
from ui.panels import (
    article_list,
    article_view,
    canvas_notice,
    curation_action,
    curation_view,
    dyad_dossier,
    edge_dossier,
    empty,
    merge_action,
    node_dossier,
    overview,
    path_panel,
    upload_report,
)
from ui.state import format_query, parse_query
from ui.styles import entity_colour
from ui.uploads import decode_contents, safe_name

log = logging.getLogger(__name__)

EXPORT_TYPES = {"json": "application/json", "graphml": "application/xml", "gexf": "application/xml",
                "csv": "text/csv"}


def _fired() -> tuple[Any, str | None, Any]:
    """The component, property and value that fired; a clicked link wins over links that merely appeared."""
    if not ctx.triggered:
        return None, None, None
    fired = next((t for t in ctx.triggered if t.get("value")), ctx.triggered[0])
    component, _, prop = fired["prop_id"].rpartition(".")
    trigger = json.loads(component) if component.startswith("{") else component
    return trigger, prop, fired.get("value")


# --------------------------------------------------------------------------- selection and URL


def select(tap_node, tap_edge, search_value, stance_click, actors_click, path_clicks, path_source, path_target,
           path_k, previous, tab) -> tuple:
    """Update the selection from the canvas, the search box, a chart or the path form.

    Outputs: the selection, the search box's value, and the tab (moved to the panel that
    shows the selection, or left alone).
    """
    trigger, prop, value = _fired()
    if trigger is None:
        return no_update, no_update, no_update
    if trigger == ids.PATH_BUTTON:
        selection = path_selection(path_source, path_target, path_k, previous) if value else None
        return (selection, no_update, _tab_for(selection, tab)) if selection else (no_update,) * 3
    selection, search = resolve_selection(trigger, prop, value, previous)
    if selection is no_update:
        return no_update, no_update, no_update
    return selection, search, _tab_for(selection, tab)


def follow_link(node_clicks, edge_clicks, previous, tab) -> tuple:
    """Move the selection to the actor or relation whose link was clicked in a panel.

    Kept apart from :func:`select`: links appear whenever a panel is drawn, and each time
    this callback runs for nothing; it must never overtake a tap on the canvas.
    """
    trigger, prop, value = _fired()
    selection, search = resolve_selection(trigger, prop, value, previous)
    if selection is no_update:
        return no_update, no_update, no_update
    return selection, search, _tab_for(selection, tab)


def _tab_for(selection: dict | None, tab: str | None):
    """The tab that shows a selection: the stance tab for a pair of actors, else the panel."""
    wanted = ids.TAB_STANCE if selection and selection.get("kind") == "dyad" else ids.TAB_GRAPH
    return no_update if wanted == tab else wanted


def sync_url(search, relations, types, dates, min_articles, hops, selection, view, tab, doc, seen, *,
             source: CorpusSource) -> tuple:
    """Keep the URL and the page in step: a new URL sets the page, a page change writes the URL.

    Outputs: the URL query, then relations, types, dates, min, hops, selection, view, tab,
    open article, the path form's source, target and k, and the query last seen. Bad URL
    values are ignored. The address bar reports itself once the page has loaded; a plain
    address then means "nothing to restore", so a click made before it cannot be undone.
    """
    known = source.current().known()
    trigger, _, _ = _fired()
    current = {"relations": relations, "types": types, "dates": dates, "min": min_articles, "hops": hops,
               "selection": selection, "view": view, "tab": tab, "doc": doc}
    nothing = (no_update,) * 14
    if trigger in (None, ids.URL):
        if search is None or search == seen:
            return nothing
        if seen in (None, NOT_SEEN) and not search.lstrip("?"):
            query = format_query(current, known)
            return (query or no_update,) + (no_update,) * 12 + (query,)
        wanted = parse_query(search, known)
        if format_query(wanted, known) == format_query(current, known):
            return (no_update,) * 13 + (search,)
        outs = [wanted[k] for k in ("relations", "types", "dates", "min", "hops", "selection", "view", "tab", "doc")]
        path = wanted["selection"] if (wanted["selection"] or {}).get("kind") == "path" else None
        pair = selection_nodes(path) if path else ()
        path_outs = [pair[0], pair[1], path["k"]] if len(pair) == 2 else [no_update] * 3
        return (no_update, *outs, *path_outs, search)
    query = format_query(current, known)
    if query == (search or ""):
        return nothing
    return (query,) + (no_update,) * 12 + (query,)


# --------------------------------------------------------------------------- view and canvas


def update_view(view_clicks, dbltap, reset_clicks, view, *, source: CorpusSource) -> tuple:
    """Focus, expand or reset the neighbourhood view; start a path query or a merge from a node panel.

    Outputs: the view, the path form's source, the merge form's "merge away" actor, the tab.
    """
    trigger, _, value = _fired()
    nothing = (no_update,) * 4
    view = dict(view or {"focus": None, "expanded": []})
    if trigger == ids.RESET_BUTTON:
        return ({"focus": None, "expanded": []}, no_update, no_update, no_update) if value else nothing
    if trigger == ids.DBLTAP_STORE:
        action, target = "expand", (value or {}).get("id")
    elif isinstance(trigger, dict) and trigger.get("type") == ids.VIEW_ACTION and value:
        action, target = trigger.get("action"), trigger.get("target")
    else:
        return nothing
    if not isinstance(target, str) or target not in source.current().graph:
        return nothing
    if action == "focus":
        return {"focus": target, "expanded": []}, no_update, no_update, no_update
    if action == "expand":
        if not view.get("focus"):
            return {"focus": target, "expanded": []}, no_update, no_update, no_update
        expanded = [n for n in view.get("expanded") or [] if n != target] + [target]
        return {"focus": view["focus"], "expanded": expanded}, no_update, no_update, no_update
    if action == "paths":
        return no_update, target, no_update, no_update
    if action == "merge":
        return no_update, no_update, target, ids.TAB_CURATION
    return nothing


def update_canvas(relations, types, dates, min_articles, hops, view, selection, version, current_key, *,
                  source: CorpusSource) -> tuple:
    """Draw the view on the canvas; elements are sent only when the view itself changed.

    Outputs: elements, stylesheet, the view key, the notice text and its class.
    """
    corpus = source.current()
    f = corpus.filters(relations, types, dates, min_articles)
    v = corpus.view(f, corpus.view_spec(view, hops), selection)
    styles = focus_stylesheet(v.nodes, corpus.drawn_edge_ids(v), selection, path_nodes=v.path_nodes,
                              path_edges=v.path_edges)
    notice = canvas_notice(v.total, len(v.nodes), v.truncated, budget=corpus.budget,
                           focus_label=corpus.label(v.focus) if v.focus else None, edges_shown=len(v.edges),
                           edges_total=v.edges_total)
    elements = no_update if v.key == current_key else corpus.elements(v, f)
    return elements, styles, v.key, notice, "canvas-notice" + (" is-shown" if notice else "")


def update_panel(selection, relations, types, dates, min_articles, version, *, source: CorpusSource):
    """Show the dossier of the selection (actor, relation, dyad or path query), or the overview."""
    corpus = source.current()
    f = corpus.filters(relations, types, dates, min_articles)
    kind, target = (selection or {}).get("kind"), (selection or {}).get("id")
    if kind not in ("node", "edge", "dyad", "path"):
        return overview(corpus.stats, corpus.central(f), corpus.counts(f), corpus.graph, corpus.documents)
    fg = corpus.local(f, selection)
    if kind == "node":
        return node_dossier(fg, str(target), documents=corpus.documents, visible_relations=f.relations,
                            writable=corpus.writable, in_corpus=target in corpus.graph)
    if kind == "edge":
        return edge_dossier(fg, str(target), documents=corpus.documents, writable=corpus.writable,
                            in_corpus=corpus.has_edge(str(target)))
    if kind == "dyad" and len(selection_nodes(selection)) == 2:
        return dyad_dossier(fg, *selection_nodes(selection), documents=corpus.documents)
    if kind == "path" and len(selection_nodes(selection)) == 2:
        a, b = selection_nodes(selection)
        paths = corpus.paths(f, corpus.keep_for(f, selection), a, b, int(selection.get("k") or 3))
        return path_panel(fg, a, b, paths, documents=corpus.documents, labels=corpus.labels)
    return overview(corpus.stats, corpus.central(f), corpus.counts(f), corpus.graph, corpus.documents)


def update_date_label(dates, version, *, source: CorpusSource) -> str:
    """Say which months the date slider keeps."""
    return date_span_label(source.current().months, dates)


def refresh_options(version, slider_max, *, source: CorpusSource) -> tuple:
    """After an upload or a curation change, bring every option list and count up to date.

    Outputs: search, path source, path target, merge keep and merge drop options; relation
    and entity filter options; header counts; undo and redo availability; the date slider's
    range, marks and value (reset only when the months changed); the minimum-articles
    slider's range and marks.
    """
    corpus = source.current()
    options = corpus.search_options
    last = max(len(corpus.months) - 1, 0)
    months_changed = slider_max != last
    min_marks = {i: str(i) for i in range(1, corpus.max_articles + 1)}
    return (options, options, options, options, options,
            relation_filter_options(corpus.light), entity_filter_options(corpus.light), header_stats(corpus),
            not (corpus.writable and can_undo(corpus.log)), not (corpus.writable and can_redo(corpus.log)),
            last, month_marks(corpus.months), [0, last] if months_changed else no_update,
            corpus.max_articles, min_marks)


# --------------------------------------------------------------------------- side tabs


def update_stance(tab, relations, types, dates, min_articles, version, selection=None, *, source: CorpusSource):
    """Draw the stance heatmap when its tab is open, outlining the pair whose evidence is shown."""
    if tab != ids.TAB_STANCE:
        return no_update
    corpus = source.current()
    pair = selection_nodes(selection) if (selection or {}).get("kind") == "dyad" else ()
    return stance_figure(corpus.stance(corpus.filters(relations, types, dates, min_articles)),
                         selected=pair if len(pair) == 2 else None)


def update_stance_detail(tab, selection, relations, types, dates, min_articles, version, *, source: CorpusSource):
    """Under the heatmap, list the evidence of the clicked pair of actors (when the tab is open)."""
    if tab != ids.TAB_STANCE:
        return no_update
    if (selection or {}).get("kind") != "dyad" or len(selection_nodes(selection)) != 2:
        return empty("Click a cell to read the sentences between two actors.")
    corpus = source.current()
    fg = corpus.local(corpus.filters(relations, types, dates, min_articles), selection)
    return dyad_dossier(fg, *selection_nodes(selection), documents=corpus.documents)


def update_actors(tab, relations, types, dates, min_articles, version, *, source: CorpusSource):
    """Draw the most central actors when their tab is open."""
    if tab != ids.TAB_ACTORS:
        return no_update
    corpus = source.current()
    central = corpus.central(corpus.filters(relations, types, dates, min_articles))
    return central_figure(central, {n: str(d.get("type") or "") for n, d in corpus.graph.nodes(data=True)})


def update_article_list(tab, query, version, *, source: CorpusSource):
    """List the loaded articles when the Articles tab is open."""
    if tab != ids.TAB_ARTICLES:
        return no_update
    corpus = source.current()
    counts = {doc: len(rows) for doc, rows in corpus.article_relations().items()}
    return article_list(corpus.documents, counts, query=query)


def open_article(clicks, current, tab) -> tuple:
    """Open the article whose link was clicked (in the Articles tab)."""
    trigger, _, value = _fired()
    if not isinstance(trigger, dict) or trigger.get("type") != ids.ARTICLE_LINK or not value:
        return no_update, no_update
    doc = trigger.get("doc") or ""  # the reader's close link names no article
    return doc, no_update if tab == ids.TAB_ARTICLES or not doc else ids.TAB_ARTICLES


def update_article_view(doc_id, version, *, source: CorpusSource):
    """Show one article with its actors marked and the relations read from it."""
    corpus = source.current()
    if not doc_id or doc_id not in corpus.documents:
        return article_view(None, documents=corpus.documents, text=None, mentions=(), relations=(),
                            g=corpus.graph, canonical=corpus.canonical)
    stored = corpus.article_text(doc_id)
    return article_view(doc_id, documents=corpus.documents, text=stored.document.text if stored else None,
                        mentions=stored.mentions if stored else (),
                        relations=corpus.article_relations().get(doc_id, ()), g=corpus.graph,
                        canonical=corpus.canonical)


def update_curation_log(tab, version, *, source: CorpusSource):
    """Show the curation log when its tab is open."""
    if tab != ids.TAB_CURATION:
        return no_update
    corpus = source.current()
    return curation_view(corpus.log, corpus.skipped, labels=corpus.labels_before, writable=corpus.writable)


# --------------------------------------------------------------------------- writing


def curate(curate_clicks, merge_clicks, undo_clicks, redo_clicks, rename_values, keep, drop, selection, *,
           source: CorpusSource) -> tuple:
    """Keep a curation change in the store's log: merge, rename, reject, confirm, undo or redo.

    Outputs: the corpus version, the status text and class, the selection (moved to the
    kept actor after a merge), and the merge form's "merge away" value (cleared after one).
    """
    trigger, _, value = _fired()
    nothing = (no_update,) * 5
    if trigger is None or not value:
        return nothing
    corpus = source.current()
    if trigger in (ids.UNDO_BUTTON, ids.REDO_BUTTON):
        op = "undo" if trigger == ids.UNDO_BUTTON else "redo"
        if not (can_undo if op == "undo" else can_redo)(corpus.log):
            return no_update, f"Nothing to {op}.", "status", no_update, no_update
        done = describe(_last_changed(corpus.log, op), labels=corpus.labels_before)
        updated = source.curate({"op": op})
        return updated.version, f"{'Undone' if op == 'undo' else 'Redone'}: {done}", "status is-ok", no_update, \
            no_update
    if trigger == ids.MERGE_BUTTON:
        action = merge_action(keep, drop)
        if action is None:
            return no_update, "Choose two different actors to merge.", "status is-error", no_update, no_update
    elif isinstance(trigger, dict) and trigger.get("type") == ids.CURATE_ACTION:
        action = curation_action(str(trigger.get("action")), str(trigger.get("target")),
                                 value=next(iter(rename_values or []), None))
        if action is None:
            return no_update, "Type a name first.", "status is-error", no_update, no_update
    else:
        return nothing
    updated = source.curate(action)
    message = describe(action, labels=corpus.labels_before) + " · Undo takes it back."
    skipped = [s for s in updated.skipped if s.action == action]
    if skipped:
        message = f"Could not apply: {describe(action, labels=corpus.labels_before)} — {skipped[-1].reason}"
    new_selection = no_update
    if action["op"] == "merge" and not skipped:
        new_selection = {"kind": "node", "id": action["keep"], "via": "link",
                         "nonce": int((selection or {}).get("nonce", 0)) + 1}
    return (updated.version, message, "status is-error" if skipped else "status is-ok", new_selection,
            None if action["op"] == "merge" else no_update)


def _last_changed(log: Sequence[dict], op: str) -> dict:
    """The action an undo would take back (or a redo bring back)."""
    from graph.curation import history

    entries = history(log)
    if op == "undo":
        return next((a for a, active in reversed(entries) if active), {})
    return next((a for a, active in entries if not active), {})


def upload(queue, *, source: CorpusSource) -> tuple:
    """Ingest uploaded files into the store; bad files are named with the reason, the rest load.

    `queue` is what the browser's size check passed on: ``{"contents": [...], "filenames": [...]}``.
    Outputs: the report, the corpus version, the status text and class.
    """
    contents, filenames = (queue or {}).get("contents"), (queue or {}).get("filenames")
    if not contents:
        return (no_update,) * 4
    uploads, errors = decode_contents(contents, filenames)
    outcome = source.upload(uploads, errors=errors)
    order = {safe_name(n): i for i, n in reversed(list(enumerate(filenames or [])))}
    outcome = replace(outcome, errors=tuple(sorted(outcome.errors, key=lambda e: order.get(e.path, len(order)))))
    corpus = source.current()
    added = outcome.added + outcome.replaced
    status = (f"Added {added} article{'s' if added != 1 else ''}" if added else "No article added") + (
        f"; {len(outcome.errors)} file problem{'s' if len(outcome.errors) != 1 else ''} listed in the Articles tab"
        if outcome.errors else "") + "."
    return (upload_report(outcome), corpus.version, status, "status is-ok" if added and not outcome.errors
            else "status is-error" if outcome.errors else "status")


# --------------------------------------------------------------------------- export


def export(clicks, fmt, relations, types, dates, min_articles, hops, view, selection, *, source: CorpusSource):
    """Download the current view (filters and focus applied) as JSON, GraphML, GEXF or CSV."""
    if not clicks or fmt not in EXPORT_TYPES:
        return no_update
    corpus = source.current()
    f = corpus.filters(relations, types, dates, min_articles)
    g = corpus.export_graph(f, corpus.view_spec(view, hops), selection)
    return {"content": render(with_colours(g), fmt), "filename": f"newsgraph.{fmt}", "type": EXPORT_TYPES[fmt]}


def with_colours(g):
    """Return a copy of the graph whose nodes carry their canvas colour as hex (for Gephi and friends)."""
    out = g.copy()
    for _, d in out.nodes(data=True):
        d["colour"] = entity_colour(d.get("type"))
    return out


def export_png(clicks):
    """Ask the canvas for a PNG of the whole current view, downloaded in the browser."""
    if not clicks:
        return no_update
    return {"type": "png", "action": "download", "filename": "newsgraph",
            "options": {"full": True, "scale": 2, "bg": "#ffffff"}}


# --------------------------------------------------------------------------- errors


def report_error(err: Exception) -> None:
    """Say in the status line that an action failed, in plain words; the page stays as it was."""
    log.exception("callback failed", exc_info=err)
    if isinstance(err, (StoreError, CurationRefused)):
        message = str(err)
    elif isinstance(err, ValueError):
        message = f"That did not work: {err}"
    else:
        message = f"Something went wrong ({type(err).__name__}); the page is unchanged. Details are in the server log."
    set_props(ids.STATUS, {"children": message, "className": "status is-error"})


# --------------------------------------------------------------------------- clientside

FOCUS_MAX_ZOOM = 1.15

# Checks the size of the files chosen for upload before anything is sent: the server refuses a
# request above its limit (413) with nothing the page could show. A batch within the limit goes
# to the upload queue (and on to the server); the upload's contents are cleared either way, so
# the same file can be chosen again.
UPLOAD_CHECK_JS = """
function (contents, filenames, queue) {
    const skip = window.dash_clientside.no_update;
    if (!contents || !contents.length) { return [skip, skip, skip]; }
    const limit = (queue && queue.limit) || 0;
    const total = contents.reduce((n, c) => n + (c ? c.length : 0), 0);
    if (limit && total > limit) {
        const size = (chars) => {  // base64 is 4 characters for 3 bytes
            const bytes = chars * 3 / 4;
            return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`;
        };
        const files = contents.length === 1 ? 'this file comes' : `these ${contents.length} files come`;
        return [skip, `Nothing was uploaded: ${files} to ${size(total)}, and one upload takes at most `
                      + `${size(limit)}. Send them in smaller groups.`, null];
    }
    return [{limit: limit, contents: contents, filenames: filenames}, '', null];
}
"""

# Moves the camera. A new selection made by search, a link, a chart or the URL (not by a tap,
# which would move the graph under the pointer) is centred, zooming in no further than
# FOCUS_MAX_ZOOM; when the canvas shows a new view (a focus, a filter) the whole view is fitted.
# The selection's nonce makes each selection move the camera once.
CAMERA_JS = """
function (selection, key, done) {
    const skip = window.dash_clientside.no_update;
    const box = document.getElementById('%(canvas)s');
    const cy = box && box._cyreg && box._cyreg.cy;
    if (!cy) { return skip; }
    const fresh = selection && selection.via !== 'tap' && selection.nonce !== done;
    let eles = cy.collection();
    if (fresh) {
        if (selection.kind === 'node' || selection.kind === 'edge') {
            const ele = cy.getElementById(selection.id);
            if (!ele.empty()) { eles = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes()); }
        } else if (selection.kind === 'dyad') {
            selection.id.split(',').forEach(id => { eles = eles.union(cy.getElementById(id)); });
        } else if (selection.kind === 'path') {
            eles = cy.elements('.on-path');
        }
    }
    const triggered = window.dash_clientside.callback_context.triggered.map(t => t.prop_id);
    if (eles.empty()) {
        if (triggered.indexOf('%(key)s.data') >= 0) {
            cy.animate({fit: {eles: cy.elements(), padding: 48}, duration: 300});
        }
        return fresh && !cy.getElementById(selection.id).empty() ? selection.nonce : skip;
    }
    const bb = eles.boundingBox(), pad = 90;
    const zoom = Math.min(Math.max(%(max_zoom)s, cy.zoom()), (cy.width() - 2 * pad) / Math.max(bb.w, 1),
                          (cy.height() - 2 * pad) / Math.max(bb.h, 1));
    const pan = {x: cy.width() / 2 - zoom * (bb.x1 + bb.x2) / 2,
                 y: cy.height() / 2 - zoom * (bb.y1 + bb.y2) / 2};
    cy.animate({zoom: zoom, pan: pan, duration: 350});
    return selection.nonce;
}
""" % {"canvas": ids.CANVAS, "key": ids.CANVAS_KEY, "max_zoom": FOCUS_MAX_ZOOM}

FIT_JS = """
function (clicks) {
    const box = document.getElementById('%(canvas)s');
    const cy = box && box._cyreg && box._cyreg.cy;
    if (cy && clicks) { cy.animate({fit: {eles: cy.elements(), padding: 48}, duration: 300}); }
    return window.dash_clientside.no_update;
}
""" % {"canvas": ids.CANVAS}

# cytoscape.js emits 'dbltap', which dash-cytoscape does not pass on: listen once and hand the
# node to the server through a store.
DBLTAP_JS = """
function (key) {
    const attach = (tries) => {
        const box = document.getElementById('%(canvas)s');
        const cy = box && box._cyreg && box._cyreg.cy;
        if (!cy) { if (tries > 0) { setTimeout(() => attach(tries - 1), 100); } return; }
        if (cy.scratch('_newsgraph_dbltap')) { return; }
        cy.scratch('_newsgraph_dbltap', true);
        cy.on('dbltap', 'node', (evt) => window.dash_clientside.set_props(
            '%(store)s', {data: {id: evt.target.id(), at: Date.now()}}));
    };
    attach(50);
    return window.dash_clientside.no_update;
}
""" % {"canvas": ids.CANVAS, "store": ids.DBLTAP_STORE}


# --------------------------------------------------------------------------- wiring

FILTERS = (Input(ids.RELATION_FILTER, "value"), Input(ids.ENTITY_FILTER, "value"), Input(ids.DATE_SLIDER, "value"),
           Input(ids.MIN_ARTICLES, "value"))


def _filter_states() -> tuple:
    return tuple(State(i.component_id, i.component_property) for i in FILTERS)


def register(app: Dash, source: CorpusSource) -> None:
    """Wire the callbacks of this module to `app`, bound to one corpus source."""
    def bind(function):
        def bound(*args):
            return function(*args, source=source)
        bound.__name__ = function.__name__
        return bound

    app.callback(
        Output(ids.SELECTION_STORE, "data"), Output(ids.SEARCH, "value"),
        Output(ids.TABS, "value", allow_duplicate=True),
        Input(ids.CANVAS, "tapNodeData"), Input(ids.CANVAS, "tapEdgeData"), Input(ids.SEARCH, "value"),
        Input(ids.STANCE_GRAPH, "clickData"), Input(ids.ACTORS_GRAPH, "clickData"), Input(ids.PATH_BUTTON, "n_clicks"),
        State(ids.PATH_SOURCE, "value"), State(ids.PATH_TARGET, "value"), State(ids.PATH_K, "value"),
        State(ids.SELECTION_STORE, "data"), State(ids.TABS, "value"),
        prevent_initial_call=True,
    )(select)
    app.callback(
        Output(ids.SELECTION_STORE, "data", allow_duplicate=True), Output(ids.SEARCH, "value", allow_duplicate=True),
        Output(ids.TABS, "value", allow_duplicate=True),
        Input({"type": ids.NODE_LINK, "node": ALL, "slot": ALL}, "n_clicks"),
        Input({"type": ids.EDGE_LINK, "edge": ALL, "slot": ALL}, "n_clicks"),
        State(ids.SELECTION_STORE, "data"), State(ids.TABS, "value"),
        prevent_initial_call=True,
    )(follow_link)
    synced = (Output(ids.RELATION_FILTER, "value"), Output(ids.ENTITY_FILTER, "value"),
              Output(ids.DATE_SLIDER, "value", allow_duplicate=True), Output(ids.MIN_ARTICLES, "value"),
              Output(ids.HOPS_SLIDER, "value"), Output(ids.SELECTION_STORE, "data", allow_duplicate=True),
              Output(ids.VIEW_STORE, "data", allow_duplicate=True), Output(ids.TABS, "value"),
              Output(ids.ARTICLE_STORE, "data", allow_duplicate=True))
    app.callback(
        Output(ids.URL, "search"), *synced,
        Output(ids.PATH_SOURCE, "value", allow_duplicate=True), Output(ids.PATH_TARGET, "value"),
        Output(ids.PATH_K, "value"), Output(ids.URL_SEEN, "data"),
        Input(ids.URL, "search"), *FILTERS, Input(ids.HOPS_SLIDER, "value"), Input(ids.SELECTION_STORE, "data"),
        Input(ids.VIEW_STORE, "data"), Input(ids.TABS, "value"), Input(ids.ARTICLE_STORE, "data"),
        State(ids.URL_SEEN, "data"),
        prevent_initial_call="initial_duplicate",
    )(bind(sync_url))
    app.callback(
        Output(ids.VIEW_STORE, "data"), Output(ids.PATH_SOURCE, "value"), Output(ids.MERGE_DROP, "value"),
        Output(ids.TABS, "value", allow_duplicate=True),
        Input({"type": ids.VIEW_ACTION, "action": ALL, "target": ALL}, "n_clicks"),
        Input(ids.DBLTAP_STORE, "data"), Input(ids.RESET_BUTTON, "n_clicks"),
        State(ids.VIEW_STORE, "data"),
        prevent_initial_call=True,
    )(bind(update_view))
    app.callback(
        Output(ids.CANVAS, "elements"), Output(ids.CANVAS, "stylesheet"), Output(ids.CANVAS_KEY, "data"),
        Output(ids.CANVAS_NOTICE, "children"), Output(ids.CANVAS_NOTICE, "className"),
        *FILTERS, Input(ids.HOPS_SLIDER, "value"), Input(ids.VIEW_STORE, "data"), Input(ids.SELECTION_STORE, "data"),
        Input(ids.VERSION_STORE, "data"), State(ids.CANVAS_KEY, "data"),
        prevent_initial_call=True,
    )(bind(update_canvas))
    app.callback(
        Output(ids.PANEL, "children"),
        Input(ids.SELECTION_STORE, "data"), *FILTERS, Input(ids.VERSION_STORE, "data"),
        prevent_initial_call=True,
    )(bind(update_panel))
    app.callback(
        Output(ids.DATE_LABEL, "children"),
        Input(ids.DATE_SLIDER, "value"), Input(ids.VERSION_STORE, "data"),
        prevent_initial_call=True,
    )(bind(update_date_label))
    app.callback(
        Output(ids.SEARCH, "options"), Output(ids.PATH_SOURCE, "options"), Output(ids.PATH_TARGET, "options"),
        Output(ids.MERGE_KEEP, "options"), Output(ids.MERGE_DROP, "options"),
        Output(ids.RELATION_FILTER, "options"), Output(ids.ENTITY_FILTER, "options"),
        Output(ids.HEADER_STATS, "children"), Output(ids.UNDO_BUTTON, "disabled"), Output(ids.REDO_BUTTON, "disabled"),
        Output(ids.DATE_SLIDER, "max"), Output(ids.DATE_SLIDER, "marks"),
        Output(ids.DATE_SLIDER, "value", allow_duplicate=True),
        Output(ids.MIN_ARTICLES, "max"), Output(ids.MIN_ARTICLES, "marks"),
        Input(ids.VERSION_STORE, "data"), State(ids.DATE_SLIDER, "max"),
        prevent_initial_call=True,
    )(bind(refresh_options))
    app.callback(
        Output(ids.STANCE_GRAPH, "figure"),
        Input(ids.TABS, "value"), *FILTERS, Input(ids.VERSION_STORE, "data"), Input(ids.SELECTION_STORE, "data"),
        prevent_initial_call=True,
    )(bind(update_stance))
    app.callback(
        Output(ids.STANCE_DETAIL, "children"),
        Input(ids.TABS, "value"), Input(ids.SELECTION_STORE, "data"), *FILTERS, Input(ids.VERSION_STORE, "data"),
        prevent_initial_call=True,
    )(bind(update_stance_detail))
    app.callback(
        Output(ids.ACTORS_GRAPH, "figure"),
        Input(ids.TABS, "value"), *FILTERS, Input(ids.VERSION_STORE, "data"),
        prevent_initial_call=True,
    )(bind(update_actors))
    app.callback(
        Output(ids.ARTICLE_LIST, "children"),
        Input(ids.TABS, "value"), Input(ids.ARTICLE_FILTER, "value"), Input(ids.VERSION_STORE, "data"),
        prevent_initial_call=True,
    )(bind(update_article_list))
    app.callback(
        Output(ids.ARTICLE_STORE, "data"), Output(ids.TABS, "value", allow_duplicate=True),
        Input({"type": ids.ARTICLE_LINK, "doc": ALL, "slot": ALL}, "n_clicks"),
        State(ids.ARTICLE_STORE, "data"), State(ids.TABS, "value"),
        prevent_initial_call=True,
    )(open_article)
    app.callback(
        Output(ids.ARTICLE_VIEW, "children"),
        Input(ids.ARTICLE_STORE, "data"), Input(ids.VERSION_STORE, "data"),
    )(bind(update_article_view))
    app.callback(
        Output(ids.CURATION_LOG, "children"),
        Input(ids.TABS, "value"), Input(ids.VERSION_STORE, "data"),
        prevent_initial_call=True,
    )(bind(update_curation_log))
    app.callback(
        Output(ids.VERSION_STORE, "data"), Output(ids.STATUS, "children"), Output(ids.STATUS, "className"),
        Output(ids.SELECTION_STORE, "data", allow_duplicate=True),
        Output(ids.MERGE_DROP, "value", allow_duplicate=True),
        Input({"type": ids.CURATE_ACTION, "action": ALL, "target": ALL}, "n_clicks"),
        Input(ids.MERGE_BUTTON, "n_clicks"), Input(ids.UNDO_BUTTON, "n_clicks"), Input(ids.REDO_BUTTON, "n_clicks"),
        State({"type": ids.RENAME_INPUT, "target": ALL}, "value"),
        State(ids.MERGE_KEEP, "value"), State(ids.MERGE_DROP, "value"), State(ids.SELECTION_STORE, "data"),
        prevent_initial_call=True,
    )(bind(curate))
    app.callback(
        Output(ids.UPLOAD_REPORT, "children"), Output(ids.VERSION_STORE, "data", allow_duplicate=True),
        Output(ids.STATUS, "children", allow_duplicate=True), Output(ids.STATUS, "className", allow_duplicate=True),
        Input(ids.UPLOAD_QUEUE, "data"),
        prevent_initial_call=True,
    )(bind(upload))
    app.clientside_callback(
        UPLOAD_CHECK_JS,
        Output(ids.UPLOAD_QUEUE, "data"), Output(ids.UPLOAD_LIMIT, "children"), Output(ids.UPLOAD, "contents"),
        Input(ids.UPLOAD, "contents"), State(ids.UPLOAD, "filename"), State(ids.UPLOAD_QUEUE, "data"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.EXPORT_BUTTON, "n_clicks"), State(ids.EXPORT_FORMAT, "value"), *_filter_states(),
        State(ids.HOPS_SLIDER, "value"), State(ids.VIEW_STORE, "data"), State(ids.SELECTION_STORE, "data"),
        prevent_initial_call=True,
    )(bind(export))
    app.callback(
        Output(ids.CANVAS, "generateImage"),
        Input(ids.EXPORT_PNG, "n_clicks"),
        prevent_initial_call=True,
    )(export_png)
    app.clientside_callback(
        CAMERA_JS,
        Output(ids.FOCUS_STORE, "data"),
        Input(ids.SELECTION_STORE, "data"), Input(ids.CANVAS_KEY, "data"), State(ids.FOCUS_STORE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        FIT_JS,
        Output(ids.FIT_BUTTON, "title"),
        Input(ids.FIT_BUTTON, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        DBLTAP_JS,
        Output(ids.DBLTAP_STORE, "modified_timestamp"),
        Input(ids.CANVAS_KEY, "data"),
    )
