"""The page: header with search, filter sidebar, graph canvas and detail panel.

The first render is complete on its own (elements, stylesheet and panel are computed here),
so the page needs no callback round trip before it shows the graph.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_cytoscape as cyto
from dash import dcc, html

from ui import ids
from ui.elements import (
    build_elements,
    default_relations,
    entity_filter_options,
    entity_type_names,
    graph_stats,
    node_positions,
    overview,
    relation_filter_options,
    search_options,
)
from ui.styles import stylesheet

MIN_ZOOM = 0.15
MAX_ZOOM = 2.5


def _header(data: Mapping[str, Any], title: str) -> html.Header:
    stats = graph_stats(data)
    return html.Header([
        html.Div([
            html.Span(className="logo", **{"aria-hidden": "true"}),
            html.H1(title, className="app-title"),
            html.Span(f"{stats['actors']} actors · {stats['relations']} relations · "
                      f"{stats['articles']} articles", id=ids.HEADER_STATS, className="header-stats"),
        ], className="brand"),
        dcc.Dropdown(
            id=ids.SEARCH,
            options=search_options(data),
            value=None,
            placeholder="Search an actor…",
            clearable=True,
            searchable=True,
            className="search",
            maxHeight=360,
        ),
    ], id=ids.HEADER, className="app-header")


def _sidebar(data: Mapping[str, Any]) -> html.Aside:
    return html.Aside([
        html.H2("Relations", className="sidebar-title"),
        html.P("Edge colour and arrow: who does what to whom.", className="muted small"),
        dcc.Checklist(
            id=ids.RELATION_FILTER,
            options=relation_filter_options(data),
            value=default_relations(data),
            className="filter",
            inputClassName="filter-input",
            labelClassName="filter-label",
        ),
        html.H2("Actors", className="sidebar-title"),
        html.P("Node colour and shape: the kind of actor.", className="muted small"),
        dcc.Checklist(
            id=ids.ENTITY_FILTER,
            options=entity_filter_options(data),
            value=entity_type_names(data),
            className="filter",
            inputClassName="filter-input",
            labelClassName="filter-label",
        ),
    ], className="sidebar")


def _legend() -> html.Div:
    return html.Div([
        html.Div([html.Span(className="key key-size"), "size: mentions"], className="key-row"),
        html.Div([html.Span(className="key key-arrow"), "arrow: subject → object"], className="key-row"),
        html.Div([html.Span(className="key key-width"), "width: evidence"], className="key-row"),
        html.Div([html.Span(className="key key-dashed"), "dashed: negated"], className="key-row"),
    ], id=ids.LEGEND, className="legend")


def _canvas(data: Mapping[str, Any], positions: Mapping[str, Any]) -> html.Main:
    elements = build_elements(data, relations=default_relations(data), entity_types=entity_type_names(data),
                              positions=positions)
    return html.Main([
        cyto.Cytoscape(
            id=ids.CANVAS,
            elements=elements,
            stylesheet=stylesheet(),
            layout={"name": "preset", "fit": True, "padding": 48, "animate": False},
            minZoom=MIN_ZOOM,
            maxZoom=MAX_ZOOM,
            autoRefreshLayout=False,
            autounselectify=True,
            boxSelectionEnabled=False,
            responsive=True,
            style={"width": "100%", "height": "100%"},
            className="canvas",
        ),
        html.Button("Fit", id=ids.FIT_BUTTON, className="fit-button", n_clicks=0,
                    title="Fit the whole graph in view"),
        _legend(),
    ], className="canvas-wrap")


def build_layout(data: Mapping[str, Any], *, positions: Mapping[str, Any] | None = None,
                 title: str = "newsgraph") -> html.Div:
    """Return the whole page for one graph.

    Args:
        data: Node-link graph (DESIGN.md section 4).
        positions: Node positions; computed with :func:`ui.elements.node_positions` if omitted.
        title: Name shown in the header.
    """
    if positions is None:
        positions = node_positions(data)
    return html.Div([
        dcc.Store(id=ids.SELECTION_STORE, data=None),
        dcc.Store(id=ids.FOCUS_STORE, data=None),
        _header(data, title),
        html.Div([
            _sidebar(data),
            _canvas(data, positions),
            html.Section(overview(data), id=ids.PANEL, className="panel", **{"aria-live": "polite"}),
        ], className="app-body"),
    ], className="app")
