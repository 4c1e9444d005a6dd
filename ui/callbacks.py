"""Callbacks of the explorer: thin glue between components and :mod:`ui.elements`.

Each callback is a module-level function, so tests can call it directly; :func:`register`
wires them to an app, binding the graph (read-only, shared by every session, kept on the
server so it never travels with a request). Per-session state (the selection) lives in
``dcc.Store`` components, never in this module.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from ui import ids
from ui.elements import (
    build_elements,
    detail_panel,
    focus_stylesheet,
    resolve_selection,
    same_elements,
    selected_node_id,
)


def select(tap_node: Any, tap_edge: Any, search_value: Any, node_clicks: Any, edge_clicks: Any,
           previous: dict | None) -> tuple:
    """Update the selection from a canvas tap, the search box or a link in the panel."""
    if not ctx.triggered:
        return no_update, no_update
    # Re-rendered panel links all fire with n_clicks=0; the real event is the one with a value.
    fired = next((t for t in ctx.triggered if t.get("value")), ctx.triggered[0])
    component, prop = fired["prop_id"].rsplit(".", 1)
    trigger_id = json.loads(component) if component.startswith("{") else component
    return resolve_selection(trigger_id, prop, fired.get("value"), previous)


def update_elements(relations: list[str] | None, entity_types: list[str] | None, selection: dict | None,
                    current: list | None, *, data: Mapping[str, Any],
                    positions: Mapping[str, Any] | None = None) -> Any:
    """Recompute the canvas elements when a filter or the selected node changes."""
    elements = build_elements(data, relations=relations, entity_types=entity_types,
                              selected_node=selected_node_id(selection), positions=positions)
    return no_update if same_elements(elements, current) else elements


def update_stylesheet(elements: list | None, selection: dict | None) -> list[dict]:
    """Bring the selection and its neighbourhood forward on the canvas."""
    return focus_stylesheet(elements, selection)


def update_panel(selection: dict | None, relations: list[str] | None, *, data: Mapping[str, Any]) -> Any:
    """Show the dossier of the selected actor or relation (or the overview)."""
    return detail_panel(data, selection, visible_relations=relations)


FOCUS_MAX_ZOOM = 1.3

# Centres the canvas on a selection made by search or by a link (not by a tap, which
# would move the graph under the pointer), zooming in no further than FOCUS_MAX_ZOOM.
# Runs again when elements arrive: a searched node hidden by the filters is added by the
# server a moment later. The nonce makes each selection focus once.
FOCUS_JS = """
function (selection, elements, done) {
    const skip = window.dash_clientside.no_update;
    if (!selection || selection.via === 'tap' || selection.nonce === done) { return skip; }
    const box = document.getElementById('%(canvas)s');
    const cy = box && box._cyreg && box._cyreg.cy;
    if (!cy) { return skip; }
    const ele = cy.getElementById(selection.id);
    if (ele.empty()) { return skip; }
    const eles = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes());
    const bb = eles.boundingBox(), pad = 80;
    const zoom = Math.min(Math.max(%(max_zoom)s, cy.zoom()), (cy.width() - 2 * pad) / Math.max(bb.w, 1),
                          (cy.height() - 2 * pad) / Math.max(bb.h, 1));
    const pan = {x: cy.width() / 2 - zoom * (bb.x1 + bb.x2) / 2,
                 y: cy.height() / 2 - zoom * (bb.y1 + bb.y2) / 2};
    cy.animate({zoom: zoom, pan: pan, duration: 350});
    return selection.nonce;
}
""" % {"canvas": ids.CANVAS, "max_zoom": FOCUS_MAX_ZOOM}

FIT_JS = """
function (clicks) {
    const box = document.getElementById('%(canvas)s');
    const cy = box && box._cyreg && box._cyreg.cy;
    if (cy && clicks) { cy.animate({fit: {eles: cy.elements(), padding: 48}, duration: 300}); }
    return window.dash_clientside.no_update;
}
""" % {"canvas": ids.CANVAS}


def register(app: Dash, data: Mapping[str, Any], positions: Mapping[str, Any] | None = None) -> None:
    """Wire the callbacks of this module to ``app`` for one graph.

    Args:
        app: The Dash app.
        data: Node-link graph shown by the app (never mutated).
        positions: Node positions from :func:`ui.elements.node_positions`.
    """
    def elements_for(relations, entity_types, selection, current):
        return update_elements(relations, entity_types, selection, current, data=data, positions=positions)

    def panel_for(selection, relations):
        return update_panel(selection, relations, data=data)

    app.callback(
        Output(ids.SELECTION_STORE, "data"),
        Output(ids.SEARCH, "value"),
        Input(ids.CANVAS, "tapNodeData"),
        Input(ids.CANVAS, "tapEdgeData"),
        Input(ids.SEARCH, "value"),
        Input({"type": ids.NODE_LINK, "node": ALL, "slot": ALL}, "n_clicks"),
        Input({"type": ids.EDGE_LINK, "edge": ALL, "slot": ALL}, "n_clicks"),
        State(ids.SELECTION_STORE, "data"),
        prevent_initial_call=True,
    )(select)
    app.callback(
        Output(ids.CANVAS, "elements"),
        Input(ids.RELATION_FILTER, "value"),
        Input(ids.ENTITY_FILTER, "value"),
        Input(ids.SELECTION_STORE, "data"),
        State(ids.CANVAS, "elements"),
        prevent_initial_call=True,
    )(elements_for)
    app.callback(
        Output(ids.CANVAS, "stylesheet"),
        Input(ids.CANVAS, "elements"),
        Input(ids.SELECTION_STORE, "data"),
        prevent_initial_call=True,
    )(update_stylesheet)
    app.callback(
        Output(ids.PANEL, "children"),
        Input(ids.SELECTION_STORE, "data"),
        Input(ids.RELATION_FILTER, "value"),
        prevent_initial_call=True,
    )(panel_for)
    app.clientside_callback(
        FOCUS_JS,
        Output(ids.FOCUS_STORE, "data"),
        Input(ids.SELECTION_STORE, "data"),
        Input(ids.CANVAS, "elements"),
        State(ids.FOCUS_STORE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        FIT_JS,
        Output(ids.FIT_BUTTON, "title"),
        Input(ids.FIT_BUTTON, "n_clicks"),
        prevent_initial_call=True,
    )
