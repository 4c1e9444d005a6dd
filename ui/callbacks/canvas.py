"""Callbacks of the canvas: the neighbourhood view, what is drawn, the date label, option lists, the camera."""
from __future__ import annotations

import re

from dash import Input, Output, State, html, no_update

from graph.curation import can_redo, can_undo
from ui import ids
from ui.analysis import colouring, everything
from ui.callbacks.wiring import FILTERS, Declared, clientside, declarer, fired
from ui.source import CorpusSource
from ui.filters import date_span_label, entity_filter_options, month_marks, relation_filter_options
from ui.pairs import PAIR_STYLES
from ui.selection import focus_stylesheet
from ui.layout import header_stats
from ui.overview import canvas_notice

CALLBACKS: list[Declared] = []
callback = declarer(CALLBACKS)


@callback(Output(ids.VIEW_STORE, "data"), Output(ids.PATH_SOURCE, "value"), Output(ids.MERGE_DROP, "value"),
          Output(ids.TABS, "value", allow_duplicate=True),
          inputs=dict(view_clicks=Input(ids.CLICKED + ids.VIEW_ACTION, "data"),
                      dbltap=Input(ids.DBLTAP_STORE, "data"), reset_clicks=Input(ids.RESET_BUTTON, "n_clicks")),
          state=dict(view=State(ids.VIEW_STORE, "data")),
          prevent_initial_call=True)
def update_view(view_clicks, dbltap, reset_clicks, view, *, source: CorpusSource) -> tuple:
    """Focus, expand or reset the neighbourhood view; start a path query or a merge from a node panel.

    Outputs: the view, the path form's source, the merge form's "merge away" actor, the tab.
    """
    trigger, _, value = fired()
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
    if not isinstance(target, str) or target not in source.current().actors:
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


@callback(Output(ids.CANVAS, "elements"), Output(ids.CANVAS, "stylesheet"), Output(ids.CANVAS_KEY, "data"),
          Output(ids.CANVAS_NOTICE, "children"), Output(ids.CANVAS_NOTICE, "className"),
          inputs=dict(**FILTERS, hops=Input(ids.HOPS_SLIDER, "value"), view=Input(ids.VIEW_STORE, "data"),
                      selection=Input(ids.SELECTION_STORE, "data"), version=Input(ids.VERSION_STORE, "data"),
                      colour_by=Input(ids.COLOUR_BY, "value"), counting=Input(ids.TRUTH_TOGGLE, "value"),
                      layout=Input(ids.LAYOUT_CHOICE, "value")),
          state=dict(current_key=State(ids.CANVAS_KEY, "data")),
          prevent_initial_call=True)
def update_canvas(relations, types, dates, min_articles, hops, view, selection, version, current_key,
                  colour_by=None, counting=None, layout=None, *, source: CorpusSource, contested=None) -> tuple:
    """Draw the view on the canvas; elements are sent only when the view itself changed.

    Outputs: elements, stylesheet, the view key, the notice text and its class.
    """
    corpus = source.current()
    f = corpus.filters(relations, types, dates, min_articles, contested)
    v = corpus.view(f, corpus.view_spec(view, hops, everything=everything(counting), layout=layout), selection)
    styles = focus_stylesheet(v.nodes, corpus.drawn_edge_ids(v), selection, path_nodes=v.path_nodes,
                              path_edges=v.path_edges) + PAIR_STYLES + colouring(colour_by)
    notice = canvas_notice(v.total, len(v.nodes), v.truncated, budget=v.budget,
                           overview=v.overview,
                           focus_label=corpus.label(v.focus) if v.focus else None, edges_shown=len(v.edges) + len(v.pairs),
                           edges_total=v.edges_total)
    elements = no_update if v.key == current_key else corpus.elements(v, f)
    return elements, styles, v.key, notice, "canvas-notice" + (" is-shown" if notice else "")


@callback(Output(ids.DATE_LABEL, "children"),
          inputs=dict(dates=Input(ids.DATE_SLIDER, "value"), version=Input(ids.VERSION_STORE, "data")),
          prevent_initial_call=True)
def update_date_label(dates, version, *, source: CorpusSource) -> str:
    """Say which months the date slider keeps."""
    return date_span_label(source.current().months, dates)


@callback(Output(ids.SEARCH, "options"), Output(ids.PATH_SOURCE, "options"), Output(ids.PATH_TARGET, "options"),
          Output(ids.MERGE_KEEP, "options"), Output(ids.MERGE_DROP, "options"),
          Output(ids.RELATION_FILTER, "options"), Output(ids.ENTITY_FILTER, "options"),
          Output(ids.HEADER_STATS, "children"), Output(ids.UNDO_BUTTON, "disabled"),
          Output(ids.REDO_BUTTON, "disabled"), Output(ids.DATE_SLIDER, "max"), Output(ids.DATE_SLIDER, "marks"),
          Output(ids.DATE_SLIDER, "value", allow_duplicate=True),
          Output(ids.MIN_ARTICLES, "max"), Output(ids.MIN_ARTICLES, "marks"),
          inputs=dict(version=Input(ids.VERSION_STORE, "data")),
          state=dict(slider_max=State(ids.DATE_SLIDER, "max")),
          prevent_initial_call=True)
def refresh_options(version, slider_max, *, source: CorpusSource) -> tuple:
    """After an upload or a curation change, bring every option list and count up to date.

    Outputs: search, path source, path target, merge keep and merge drop options; relation
    and entity filter options; header counts; undo and redo availability; the date slider's
    range, marks and value (reset only when the months changed); the minimum-articles
    slider's range and marks.
    """
    corpus = source.current()
    writable = source.may_write()
    options = corpus.search_options
    last = max(len(corpus.months) - 1, 0)
    months_changed = slider_max != last
    min_marks = {i: str(i) for i in range(1, corpus.max_articles + 1)}
    return (options, options, options, options, options,
            relation_filter_options(corpus.light, corpus.relation_counts), entity_filter_options(corpus.light), header_stats(corpus),
            not (writable and can_undo(corpus.log)), not (writable and can_redo(corpus.log)),
            last, month_marks(corpus.months), [0, last] if months_changed else no_update,
            corpus.max_articles, min_marks)


@callback(Output(ids.NEWER_NOTICE, "children"),
          inputs=dict(polls=Input(ids.VERSION_POLL, "n_intervals"), version=Input(ids.VERSION_STORE, "data")),
          prevent_initial_call=True)
def notice_newer(polls, version, *, source: CorpusSource):
    """Offer a refresh when the store holds a newer corpus than the page shows (another ingest, say)."""
    current = source.current()
    if current.version == version or not isinstance(version, str):
        return None
    added = articles_in(current.version) - articles_in(version)
    text = (f"{added:,} new article{'s' if added != 1 else ''} — refresh" if added > 0
            else "The corpus changed — refresh")
    return html.A(text, href="", className="newer-link")


def articles_in(version: str) -> int:
    """The number of articles a corpus version key holds (its ``d<count>`` part; 0 when none)."""
    match = re.search(r"(?:^|-)d(\d+)", version or "")
    return int(match.group(1)) if match else 0


clientside(CALLBACKS, "moveCamera", Output(ids.FOCUS_STORE, "data"),
           inputs=[Input(ids.SELECTION_STORE, "data"), Input(ids.CANVAS_KEY, "data")],
           state=[State(ids.FOCUS_STORE, "data")], prevent_initial_call=True)
clientside(CALLBACKS, "fitView", Output(ids.FIT_BUTTON, "title"),
           inputs=[Input(ids.FIT_BUTTON, "n_clicks")], prevent_initial_call=True)
clientside(CALLBACKS, "listenDoubleTap", Output(ids.DBLTAP_STORE, "modified_timestamp"),
           inputs=[Input(ids.CANVAS_KEY, "data")])
