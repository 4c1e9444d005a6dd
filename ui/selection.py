"""What is selected: a tap, a search, a chart click, a panel link or a path query, and how the canvas shows it."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from dash import no_update

from ui import ids
from ui.styles import focus_rules, stylesheet
from ui.elements import make_edge_id, parse_edge_id
from ui.state import DEFAULT_PATHS, MAX_PATHS, clamp


Selection = dict[str, Any]


def resolve_selection(
    trigger_id: str | Mapping[str, Any] | None,
    prop: str | None,
    value: Any,
    previous: Selection | None,
) -> tuple[Selection | None, Any]:
    """Decide what is selected after a tap, a search, a chart click or a click on a panel link.

    Args:
        trigger_id: Id of the component that fired (a dict for panel links).
        prop: Property that fired (``tapNodeData``, ``tapEdgeData``, ``value``, ``clickData``,
            ``n_clicks``).
        value: The new value of that property.
        previous: The selection before this event.

    Returns:
        ``(selection, search_value)``: the new selection (``None`` clears it) and the value
        the search box should show; ``dash.no_update`` in both when nothing changes.
    """
    nonce = int((previous or {}).get("nonce", 0)) + 1

    def pick(kind: str, target: str, via: str) -> Selection:
        return {"kind": kind, "id": target, "via": via, "nonce": nonce}

    if trigger_id == ids.CANVAS and prop == "tapNodeData" and value and value.get("id"):
        return pick("node", value["id"], "tap"), value["id"]
    if trigger_id == ids.CANVAS and prop == "tapEdgeData" and value and isinstance(value.get("pair"), str):
        return pick("dyad", value["pair"], "tap"), None  # an overview's pair edge: the pair's relations
    if trigger_id == ids.CANVAS and prop == "tapEdgeData" and value and value.get("id"):
        return pick("edge", value["id"], "tap"), None
    if trigger_id == ids.SEARCH and prop == "value":
        if value:
            return pick("node", value, "search"), value
        # an emptied box clears the actor it chose; a link to a relation empties it too, and
        # that must not clear the relation it has just selected
        return (None, None) if (previous or {}).get("kind") in (None, "node") else (no_update, no_update)
    if trigger_id in (ids.STANCE_GRAPH, ids.ACTORS_GRAPH) and prop == "clickData":
        point = ((value or {}).get("points") or [{}])[0]
        data = point.get("customdata")
        if trigger_id == ids.ACTORS_GRAPH and isinstance(data, str):
            return pick("node", data, "chart"), data
        if trigger_id == ids.STANCE_GRAPH:
            # the axes are actor ids; customdata is a fallback for figures that carry it
            a, b = point.get("y"), point.get("x")
            if isinstance(data, (list, tuple)) and len(data) >= 4:
                a, b = data[2], data[3]
            if isinstance(a, str) and isinstance(b, str) and a != b:
                return pick("dyad", f"{a},{b}", "chart"), None
        return no_update, no_update
    if isinstance(trigger_id, Mapping) and value:
        if trigger_id.get("type") == ids.NODE_LINK:
            return pick("node", trigger_id["node"], "link"), trigger_id["node"]
        if trigger_id.get("type") == ids.EDGE_LINK:
            return pick("edge", trigger_id["edge"], "link"), None
    return no_update, no_update


def path_selection(source: Any, target: Any, k: Any, previous: Selection | None, *,
                   everything: bool = False) -> Selection | None:
    """Return the selection of a path query, or None when the two actors are not both chosen.

    `everything`: the paths may rest on negated and speculative sentences (the counting toggle).
    """
    if not source or not target or not isinstance(source, str) or not isinstance(target, str):
        return None
    k = clamp(k, 1, MAX_PATHS, default=DEFAULT_PATHS)
    nonce = int((previous or {}).get("nonce", 0)) + 1
    selection = {"kind": "path", "id": f"{source},{target}", "k": k, "via": "form", "nonce": nonce}
    return {**selection, "all": True} if everything else selection


def selection_nodes(selection: Selection | None) -> tuple[str, ...]:
    """Return the actors a selection names: the node, the edge's ends, the dyad or the path's ends."""
    if not selection or not isinstance(selection.get("id"), str):
        return ()
    kind, target = selection.get("kind"), selection["id"]
    if kind == "node":
        return (target,)
    if kind == "edge":
        parts = parse_edge_id(target)
        return (parts[0], parts[2]) if parts else ()
    if kind in ("dyad", "path"):
        pair = tuple(p for p in target.split(",") if p)
        return pair if len(pair) == 2 else ()
    return ()


def focus_stylesheet(nodes: Collection[str], edges: Iterable[tuple[str, str, str]], selection: Selection | None,
                     *, path_nodes: Iterable[str] = (), path_edges: Iterable[str] = ()) -> list[dict]:
    """Return the stylesheet with the selection brought forward and the rest faded.

    Args:
        nodes: The actors on the canvas.
        edges: The edges on the canvas as ``(source, relation, target)``.
        selection: The current selection.
        path_nodes, path_edges: The elements of the paths of a path query.

    Returns:
        :func:`ui.styles.stylesheet` plus focus rules when the selection is on the canvas.
    """
    base = stylesheet()
    if not selection:
        return base
    kind, target = selection.get("kind"), selection.get("id")
    shown = set(nodes)
    if kind == "node" and target in shown:
        incident = [e for e in edges if target in (e[0], e[2])]
        near = {target} | {e[0] for e in incident} | {e[2] for e in incident}
        return base + focus_rules(node_ids=near, edge_ids={make_edge_id(*e) for e in incident},
                                  selected_node=target)
    if kind == "edge":
        parts = parse_edge_id(target)
        if parts and parts in set(edges):
            return base + focus_rules(node_ids={parts[0], parts[2]}, edge_ids={target}, selected_edge=target)
    if kind == "dyad":
        pair = selection_nodes(selection)
        if len(pair) == 2 and all(n in shown for n in pair):
            between = {make_edge_id(*e) for e in edges if {e[0], e[2]} == set(pair)} | {
                f"pair:{a},{b}" for a, b in (pair, pair[::-1])}  # an overview's pair edge (`ui.pairs`)
            return base + focus_rules(node_ids=set(pair), edge_ids=between)
    if kind == "path":
        on_path = {n for n in path_nodes if n in shown}
        if on_path:
            return base + focus_rules(node_ids=on_path, edge_ids=set(path_edges))
    return base
