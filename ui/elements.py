"""Pure functions behind the canvas: graph in, cytoscape elements, layout and selection out.

Nothing here reads files or keeps state. Two shapes of graph come in: the networkx
MultiDiGraph of `graph.build` (what the canvas draws, filtered by `graph.query`), and a
light node-link dict of it (DESIGN.md section 4 without the evidence, see :func:`light_data`)
for the work done once per corpus version: layout, sizes, filter and search options. Text
from articles only ever becomes component children, which Dash renders as text, never HTML.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
from dash import html, no_update

from graph.ontology import BY_NAME, RELATION_NAMES
from ui import ids
from ui.styles import (
    ENTITY_LABELS,
    ENTITY_SHAPES,
    ENTITY_TYPES,
    MODALITY_LABELS,
    WEAK_RELATIONS,
    entity_colour,
    focus_rules,
    relation_colour,
    stylesheet,
)

HIDDEN_BY_DEFAULT: tuple[str, ...] = ("co_mentioned",)
DENSE_SPECTRAL_MAX_NODES = 2000  # a dense eigensolver beats ARPACK up to here (0.6 s at 2,000)
KAMADA_KAWAI_MAX_NODES = 200  # its all-pairs distances get slow beyond this
MIN_NODE_SIZE = 22.0
MAX_NODE_SIZE = 64.0
SPECULATIVE = frozenset({"future", "hypothetical"})

Data = Mapping[str, Any]
Selection = dict[str, Any]


# --------------------------------------------------------------------------- accessors


def make_edge_id(source: str, relation: str, target: str) -> str:
    """Return the stable element id of an edge: ``source|relation|target``."""
    return f"{source}|{relation}|{target}"


def edge_id(edge: Mapping[str, Any]) -> str:
    """Return the element id of a node-link edge dict (see :func:`make_edge_id`)."""
    return make_edge_id(str(edge.get("source")), relation_of(edge), str(edge.get("target")))


def parse_edge_id(value: Any) -> tuple[str, str, str] | None:
    """Split an edge id into ``(source, relation, target)``; None when it is not one."""
    if not isinstance(value, str):
        return None
    parts = value.split("|")
    if len(parts) != 3 or not all(parts):
        return None
    return parts[0], parts[1], parts[2]


def relation_of(edge: Mapping[str, Any]) -> str:
    """Return the relation type of an edge (falling back to its multigraph key)."""
    return str(edge.get("relation") or edge.get("key") or "")


def relation_label(name: str) -> str:
    """Return a relation type as people read it (``member_of`` -> ``member of``)."""
    return name.replace("_", " ")


def node_type(node: Mapping[str, Any]) -> str:
    """Return the entity type of a node, ``OTHER`` when it has none."""
    return str(node.get("type") or "OTHER")


def node_label(node: Mapping[str, Any]) -> str:
    """Return the display name of a node (its id when it has no label)."""
    return str(node.get("label") or node.get("id"))


def nodes_by_id(data: Data) -> dict[str, Mapping[str, Any]]:
    """Index the nodes of a node-link graph by id."""
    return {str(n["id"]): n for n in data.get("nodes", ()) if n.get("id") is not None}


def documents_of(data: Data) -> Mapping[str, Mapping[str, Any]]:
    """Return the ``doc_id -> metadata`` map of a node-link graph (empty when absent)."""
    return (data.get("graph") or {}).get("documents") or {}


def light_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Return a node-link dict of a graph without evidence: what layout and options need.

    Edges keep their ends, relation, weight (evidence count) and distinct articles.
    """
    return {
        "directed": True, "multigraph": True,
        "graph": {"documents": g.graph.get("documents") or {}},
        "nodes": [{"id": n, "label": d.get("label") or n, "type": d.get("type"), "aliases": d.get("aliases") or [],
                   "mentions": d.get("mentions") or 0, "part_of": d.get("part_of")}
                  for n, d in g.nodes(data=True)],
        "edges": [{"source": s, "target": t, "relation": d.get("relation", k), "weight": d.get("weight") or 0,
                   "articles": d.get("articles") or 0}
                  for s, t, k, d in g.edges(keys=True, data=True)],
    }


def graph_stats(data: Data) -> dict[str, int]:
    """Count actors, typed relations, evidence sentences and articles in a node-link graph."""
    typed = [e for e in data.get("edges", ()) if relation_of(e) not in HIDDEN_BY_DEFAULT]
    return {
        "actors": len(data.get("nodes", ())),
        "relations": len(typed),
        "evidence": sum(len(e["evidence"]) if "evidence" in e else int(e.get("weight") or 0) for e in typed),
        "articles": len(documents_of(data)),
    }


def relation_counts(data: Data) -> dict[str, int]:
    """Count edges per relation type."""
    counts: dict[str, int] = defaultdict(int)
    for edge in data.get("edges", ()):
        counts[relation_of(edge)] += 1
    return dict(counts)


def entity_counts(data: Data) -> dict[str, int]:
    """Count nodes per entity type."""
    counts: dict[str, int] = defaultdict(int)
    for node in data.get("nodes", ()):
        counts[node_type(node)] += 1
    return dict(counts)


def relation_names(data: Data) -> list[str]:
    """Return the ontology's relation types plus any other type present in the data."""
    extra = sorted(set(relation_counts(data)) - set(RELATION_NAMES) - {""})
    return [*RELATION_NAMES, *extra]


def entity_type_names(data: Data) -> list[str]:
    """Return the known entity types plus any other type present in the data."""
    extra = sorted(set(entity_counts(data)) - set(ENTITY_TYPES))
    return [*ENTITY_TYPES, *extra]


def default_relations(data: Data) -> list[str]:
    """Return the relation types ticked when the page opens (all but the weak ones)."""
    return [r for r in relation_names(data) if r not in HIDDEN_BY_DEFAULT]


# --------------------------------------------------------------------------- layout


def node_sizes(data: Data) -> dict[str, float]:
    """Size each node by its mentions (by its degree when mentions are missing).

    Sizes grow with the square root of the count so that area, not diameter, tracks it.
    """
    degree: dict[str, int] = defaultdict(int)
    for edge in data.get("edges", ()):
        if relation_of(edge) not in HIDDEN_BY_DEFAULT:
            degree[str(edge.get("source"))] += 1
            degree[str(edge.get("target"))] += 1
    raw = {
        node_id: float(node.get("mentions") or degree.get(node_id, 0) or 1)
        for node_id, node in nodes_by_id(data).items()
    }
    top = max(raw.values(), default=1.0)
    return {
        node_id: round(MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * math.sqrt(value / top), 1)
        for node_id, value in raw.items()
    }


def edge_width(articles: float | int | None) -> float:
    """Map the number of distinct articles behind an edge to a line width in pixels (log, capped)."""
    w = float(articles or 0)
    if w <= 1:
        return 1.6
    return round(min(9.0, 1.6 + 2.0 * math.log2(w)), 2)


def label_box(label: str, size: float) -> tuple[float, float, float]:
    """Estimate the box a node and its label take on the canvas.

    Returns:
        ``(width, height, dy)``: the box size and how far its centre sits below the node
        centre (labels hang under the node and wrap at about 110 px).
    """
    text_width = 7.0 * len(label)
    lines = max(1, math.ceil(text_width / 110))
    label_h = 4 + 15 * lines
    width = max(size, min(text_width, 110) + 6)
    return width, size + label_h, label_h / 2


def _separate(pts, boxes, *, pad: float = 10.0, rounds: int = 120, movable=None):
    """Push apart nodes whose boxes (node plus label) overlap; returns new points.

    Candidate pairs come from a k-d tree, so a round costs about n log n, not n squared.
    When `movable` (a boolean array) is given, only those nodes move: a node added to a
    laid-out graph makes room for itself without shifting the picture around it.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    pts = pts.copy()
    if len(pts) < 2:
        return pts
    w = np.array([b[0] for b in boxes], dtype=float)
    h = np.array([b[1] for b in boxes], dtype=float)
    shift = np.array([b[2] for b in boxes], dtype=float)
    reach = float(max(w.max(), h.max()) + pad)
    for _ in range(rounds):
        centres = np.column_stack([pts[:, 0], pts[:, 1] + shift])
        pairs = cKDTree(centres).query_pairs(reach, p=np.inf, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        dx, dy = centres[i, 0] - centres[j, 0], centres[i, 1] - centres[j, 1]
        ox = (w[i] + w[j]) / 2 + pad - np.abs(dx)
        oy = (h[i] + h[j]) / 2 + pad - np.abs(dy)
        hit = (ox > 0) & (oy > 0)
        if movable is not None:
            hit &= movable[i] | movable[j]
        if not hit.any():
            break
        i, j, dx, dy, ox, oy = i[hit], j[hit], dx[hit], dy[hit], ox[hit], oy[hit]
        along_x = ox <= oy
        # identical centres: the lower index goes left/up, so ties resolve the same way every time
        sx = np.where(dx != 0, np.sign(dx), -1.0)
        sy = np.where(dy != 0, np.sign(dy), -1.0)
        mx = np.where(along_x, sx * ox / 2, 0.0)
        my = np.where(along_x, 0.0, sy * oy / 2)
        if movable is None:
            share_i = share_j = np.ones(len(i))
        else:  # a fixed node does not move: the movable one takes the whole push
            share_i = np.where(movable[i], np.where(movable[j], 1.0, 2.0), 0.0)
            share_j = np.where(movable[j], np.where(movable[i], 1.0, 2.0), 0.0)
        np.add.at(pts[:, 0], i, mx * share_i)
        np.add.at(pts[:, 0], j, -mx * share_j)
        np.add.at(pts[:, 1], i, my * share_i)
        np.add.at(pts[:, 1], j, -my * share_j)
    return pts


def _nearest_gap(pts) -> float:
    """Median distance from each point to its nearest other point."""
    import numpy as np
    from scipy.spatial import cKDTree

    if len(pts) < 2:
        return 0.0
    d, _ = cKDTree(pts).query(pts, k=2)
    return float(np.median(d[:, 1]))


def node_positions(data: Data, *, seed: int = 7, gap: float = 80.0) -> dict[str, dict[str, float]]:
    """Lay the whole graph out once, deterministically, for cytoscape's ``preset`` layout.

    The actors linked by typed relations (the default view) are laid out first by a
    force-directed layout; actors reached only by weak co-mentions are then placed around
    them with the first ones held fixed. Finally nodes whose discs or labels would overlap
    are pushed apart. Positions stay put when filters hide parts of the graph, so the
    picture does not jump around.

    Args:
        data: Node-link graph (a :func:`light_data` dict is enough).
        seed: Seed of the force-directed layout; same data and seed give the same picture.
        gap: Typical distance in pixels between an actor and its nearest neighbour.

    Returns:
        ``node id -> {"x": .., "y": ..}`` in pixels.
    """
    import numpy as np

    nodes = nodes_by_id(data)
    node_ids = list(nodes)
    if not node_ids:
        return {}
    index = {n: i for i, n in enumerate(node_ids)}
    strong, weak = nx.Graph(), nx.Graph()
    weak.add_nodes_from(node_ids)
    for edge in data.get("edges", ()):
        s, t = str(edge.get("source")), str(edge.get("target"))
        if s == t or s not in index or t not in index:
            continue
        # one spring per pair of actors, however many relations: hubs linked by many
        # relation types would otherwise collapse onto each other
        if relation_of(edge) in HIDDEN_BY_DEFAULT:
            if not strong.has_edge(s, t):
                weak.add_edge(s, t, weight=0.3)
        else:
            strong.add_edge(s, t, weight=1.0)
            weak.add_edge(s, t, weight=1.0)

    core = sorted(strong.nodes, key=index.__getitem__)
    pos: dict[str, Any] = {}
    if len(core) > 1:
        sub = strong.subgraph(core)
        # Kamada-Kawai gives a calm global shape (graph distance ~ drawn distance); a short
        # force-directed pass then evens out the local spacing. Big graphs start from a
        # spectral layout, which costs a sparse eigen-decomposition instead of all-pairs paths.
        if len(core) <= KAMADA_KAWAI_MAX_NODES:
            start = nx.kamada_kawai_layout(sub)
        else:
            start = _spectral_start(sub, seed)
        iterations = 60 if len(core) <= KAMADA_KAWAI_MAX_NODES else max(15, 12_000 // len(core))
        layout = nx.spring_layout(sub, k=1.0 / math.sqrt(len(core)), pos=start, seed=seed, weight="weight",
                                  iterations=iterations)
        pos = {i: np.asarray(layout[i], dtype=float) for i in core}
    elif core:
        pos = {core[0]: np.zeros(2)}
    # actors seen only in co-mentions sit around the actors they were mentioned with ...
    golden = math.pi * (3 - math.sqrt(5))
    attached = [i for i in node_ids if i not in pos and any(nb in pos for nb in weak[i])]
    for n, i in enumerate(attached):
        centre = np.mean([pos[nb] for nb in weak[i] if nb in pos], axis=0)
        pos[i] = centre + 0.12 * np.array([math.cos(golden * n), math.sin(golden * n)])
    # ... and the rest, linked to none of those, in a band below
    loose = [i for i in node_ids if i not in pos]
    if loose:
        placed = np.array(list(pos.values())) if pos else np.zeros((1, 2))
        width = max(float(np.ptp(placed[:, 0])), 1.0)
        top = float(placed[:, 1].max()) + 0.35 if pos else 0.0
        sub = _band(weak.subgraph(loose), seed)
        for i in loose:
            x, y = sub[i]
            pos[i] = np.array([x * width / 2 + float(placed[:, 0].mean()), top + (y + 1) * 0.15])
    pts = np.array([pos[i] for i in node_ids], dtype=float)
    if len(pts) == 1:
        pts = np.zeros((1, 2))
    else:
        # scale so that the typical actor of the default view has its nearest neighbour `gap` px away
        ref = pts[[index[i] for i in core]] if len(core) > 2 else pts
        nearest = _nearest_gap(ref)
        pts = (pts - pts.mean(axis=0)) * (gap / nearest if nearest > 0 else gap)
        # screens are wider than tall: turn a tall default view on its side
        if np.ptp(ref[:, 1]) > 1.15 * np.ptp(ref[:, 0]):
            pts = pts[:, ::-1].copy()
    sizes = node_sizes(data)
    boxes = [label_box(node_label(nodes[i]), sizes[i]) for i in node_ids]
    pts = _separate(pts, boxes, rounds=120 if len(pts) <= 800 else 40)
    return {i: {"x": round(float(x), 1), "y": round(float(y), 1)} for i, (x, y) in zip(node_ids, pts)}


def _spectral_start(g: nx.Graph, seed: int) -> dict:
    """Starting positions for a big layout: spectral per connected component, components side by side."""
    import numpy as np

    out: dict = {}
    components = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    cols = max(1, math.ceil(math.sqrt(len(components))))
    for n, comp in enumerate(components):
        offset = np.array([(n % cols) * 2.5, (n // cols) * 2.5]) if n else np.zeros(2)
        if len(comp) < 3:
            local = {c: np.array([0.2 * k, 0.0]) for k, c in enumerate(sorted(comp))}
        else:
            try:
                local = _spectral(g.subgraph(comp))
            except Exception:  # a degenerate component: fall back to a circle
                local = nx.circular_layout(sorted(comp))
        for node, p in local.items():
            out[node] = np.asarray(p, dtype=float) + offset
    return out


def _spectral(g: nx.Graph) -> dict:
    """`nx.spectral_layout`, with a dense symmetric eigensolver up to DENSE_SPECTRAL_MAX_NODES.

    networkx switches to ARPACK above 500 nodes, which needs tens of thousands of iterations
    to find the smallest eigenvalues of a news graph's Laplacian (over a second at 700 nodes);
    `numpy.linalg.eigh` takes 0.05 s there and 0.6 s at 2,000.
    """
    import numpy as np

    if len(g) > DENSE_SPECTRAL_MAX_NODES:
        return nx.spectral_layout(g)
    a = nx.to_numpy_array(g)
    _, vectors = np.linalg.eigh(np.diag(a.sum(axis=1)) - a)  # eigenvalues ascending; the first is 0
    return dict(zip(g, nx.rescale_layout(vectors[:, 1:3].copy())))


def _band(g: nx.Graph, seed: int) -> dict:
    """Positions in [-1, 1]^2 for actors linked to nothing laid out: a grid for many, springs for few."""
    import numpy as np

    nodes = list(g.nodes)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) <= 300:
        return nx.spring_layout(g, seed=seed, iterations=max(20, 10_000 // len(nodes)))
    cols = math.ceil(math.sqrt(len(nodes) * 4))
    rows = math.ceil(len(nodes) / cols)
    return {n: np.array([2 * (k % cols) / max(cols - 1, 1) - 1, 2 * (k // cols) / max(rows - 1, 1) - 1])
            for k, n in enumerate(nodes)}


def extend_positions(data: Data, previous: Mapping[str, Mapping[str, float]], *,
                     gap: float = 80.0) -> dict[str, dict[str, float]]:
    """Keep the positions of actors already laid out and place the new ones beside their neighbours.

    After an upload or a merge the picture stays where the reader left it: new actors sit
    next to the actors they are linked to (or in a row below the graph when they are linked
    to none), and only they are moved to clear overlaps.

    Args:
        data: The new node-link graph (a :func:`light_data` dict is enough).
        previous: Positions of the previous version of the graph.
        gap: Distance in pixels between a new actor and the centre of its neighbours.
    """
    import numpy as np

    nodes = nodes_by_id(data)
    node_ids = list(nodes)
    pos = {i: np.array([previous[i]["x"], previous[i]["y"]], dtype=float) for i in node_ids if i in previous}
    if not pos:
        return node_positions(data, gap=gap)
    fresh = [i for i in node_ids if i not in pos]
    if not fresh:
        return {i: {"x": float(p[0]), "y": float(p[1])} for i, p in pos.items()}
    links: dict[str, set[str]] = defaultdict(set)
    for edge in data.get("edges", ()):
        s, t = str(edge.get("source")), str(edge.get("target"))
        links[s].add(t)
        links[t].add(s)
    golden = math.pi * (3 - math.sqrt(5))
    placed = np.array(list(pos.values()))
    below = float(placed[:, 1].max()) + 2 * gap
    left = float(placed[:, 0].min())
    row = 0
    for n, i in enumerate(fresh):
        near = [pos[j] for j in links[i] if j in pos]
        if near:
            pos[i] = np.mean(near, axis=0) + gap * np.array([math.cos(golden * n), math.sin(golden * n)])
        else:
            pos[i] = np.array([left + row * 1.6 * gap, below])
            row += 1
    pts = np.array([pos[i] for i in node_ids], dtype=float)
    sizes = node_sizes(data)
    boxes = [label_box(node_label(nodes[i]), sizes[i]) for i in node_ids]
    movable = np.array([i not in previous for i in node_ids])
    pts = _separate(pts, boxes, rounds=60, movable=movable)
    return {i: {"x": round(float(x), 1), "y": round(float(y), 1)} for i, (x, y) in zip(node_ids, pts)}


# --------------------------------------------------------------------------- canvas


def node_templates(data: Data, positions: Mapping[str, Mapping[str, float]]) -> dict[str, dict]:
    """Build the cytoscape element of every node once: label, type, size and position."""
    sizes = node_sizes(data)
    templates = {}
    for node_id, node in nodes_by_id(data).items():
        element: dict[str, Any] = {
            "group": "nodes",
            "data": {
                "id": node_id,
                "label": node_label(node),
                "type": node_type(node),
                "mentions": node.get("mentions", 0),
                "size": sizes.get(node_id, MIN_NODE_SIZE),
            },
        }
        if node_id in positions:
            element["position"] = {"x": positions[node_id]["x"], "y": positions[node_id]["y"]}
        templates[node_id] = element
    return templates


def edge_classes(relation: str, attrs: Mapping[str, Any]) -> list[str]:
    """Return the style classes of an edge from its attributes and evidence."""
    evidence = attrs.get("evidence") or ()
    classes = []
    if relation in WEAK_RELATIONS:
        classes.append("weak")
    if not evidence:
        classes.append("structural")
    elif int(attrs.get("articles") or 0) <= 1:
        classes.append("single")
    if evidence and all(ev.get("negated") for ev in evidence):
        classes.append("negated")
    if evidence and all(ev.get("modality") in SPECULATIVE for ev in evidence):
        classes.append("speculative")
    if attrs.get("confirmed"):
        classes.append("confirmed")
    return classes


def edge_element(source: str, target: str, key: str, attrs: Mapping[str, Any], *, on_path: bool = False) -> dict:
    """Return the cytoscape element of one edge (width by distinct articles)."""
    relation = str(attrs.get("relation") or key)
    evidence = attrs.get("evidence") or ()
    weight = attrs.get("weight")
    if weight is None:
        weight = len(evidence)
    articles = attrs.get("articles")
    if articles is None:
        articles = len({ev.get("doc_id") for ev in evidence})
    classes = edge_classes(relation, attrs) + (["on-path"] if on_path else [])
    return {
        "group": "edges",
        "data": {
            "id": make_edge_id(source, relation, target),
            "source": source,
            "target": target,
            "relation": relation,
            "weight": weight,
            "articles": articles,
            "polarity": attrs.get("polarity", BY_NAME[relation].polarity if relation in BY_NAME else 0),
            "width": edge_width(articles),
        },
        "classes": " ".join(classes),
    }


def canvas_elements(g: nx.MultiDiGraph, templates: Mapping[str, Mapping[str, Any]], *,
                    path_nodes: Iterable[str] = (), path_edges: Iterable[str] = (),
                    focus: str | None = None) -> list[dict]:
    """Turn the graph to draw into cytoscape elements: nodes first, then edges.

    Args:
        g: The graph to draw (already filtered and cut to the display budget).
        templates: Precomputed node elements from :func:`node_templates`.
        path_nodes: Nodes on the paths of a path query (class ``on-path``).
        path_edges: Edge ids on those paths (class ``on-path``).
        focus: The actor the view is centred on (class ``focus-root``).

    Returns:
        Elements whose edges never dangle: an edge is emitted only when both ends are.
    """
    on_path_nodes, on_path_edges = set(path_nodes), set(path_edges)
    nodes = []
    for node_id in g.nodes:
        template = templates.get(node_id)
        if template is None:
            d = g.nodes[node_id]
            template = {"group": "nodes", "data": {"id": node_id, "label": str(d.get("label") or node_id),
                                                   "type": str(d.get("type") or "OTHER"),
                                                   "mentions": d.get("mentions") or 0, "size": MIN_NODE_SIZE}}
        classes = [c for c, on in (("on-path", node_id in on_path_nodes), ("focus-root", node_id == focus)) if on]
        nodes.append({**template, "classes": " ".join(classes)} if classes else dict(template))
    shown = set(g.nodes)
    edges = []
    for s, t, k, d in g.edges(keys=True, data=True):
        if s in shown and t in shown:
            relation = str(d.get("relation") or k)
            edges.append(edge_element(s, t, k, d, on_path=make_edge_id(s, relation, t) in on_path_edges))
    return nodes + edges


def search_options(data: Data) -> list[dict]:
    """Return dropdown options for the entity search: label shown, aliases searchable."""
    options = []
    for node_id, node in nodes_by_id(data).items():
        aliases = [str(a) for a in node.get("aliases") or () if a]
        options.append({
            "label": node_label(node),
            "value": node_id,
            "search": " ".join([node_label(node), *aliases, node_type(node)]),
        })
    return sorted(options, key=lambda o: o["label"].casefold())


# --------------------------------------------------------------------------- selection


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
    if trigger_id == ids.CANVAS and prop == "tapEdgeData" and value and value.get("id"):
        return pick("edge", value["id"], "tap"), None
    if trigger_id == ids.SEARCH and prop == "value":
        return (pick("node", value, "search"), value) if value else (None, None)
    if trigger_id in (ids.STANCE_GRAPH, ids.ACTORS_GRAPH) and prop == "clickData":
        point = ((value or {}).get("points") or [{}])[0]
        data = point.get("customdata")
        if trigger_id == ids.ACTORS_GRAPH and isinstance(data, str):
            return pick("node", data, "chart"), data
        if trigger_id == ids.STANCE_GRAPH and isinstance(data, (list, tuple)) and len(data) >= 4:
            a, b = str(data[2]), str(data[3])
            if a != b:
                return pick("dyad", f"{a},{b}", "chart"), None
        return no_update, no_update
    if isinstance(trigger_id, Mapping) and value:
        if trigger_id.get("type") == ids.NODE_LINK:
            return pick("node", trigger_id["node"], "link"), trigger_id["node"]
        if trigger_id.get("type") == ids.EDGE_LINK:
            return pick("edge", trigger_id["edge"], "link"), None
    return no_update, no_update


def path_selection(source: Any, target: Any, k: Any, previous: Selection | None) -> Selection | None:
    """Return the selection of a path query, or None when the two actors are not both chosen."""
    if not source or not target or not isinstance(source, str) or not isinstance(target, str):
        return None
    try:
        k = min(max(int(k), 1), 5)
    except (TypeError, ValueError):
        k = 3
    nonce = int((previous or {}).get("nonce", 0)) + 1
    return {"kind": "path", "id": f"{source},{target}", "k": k, "via": "form", "nonce": nonce}


def selected_node_id(selection: Selection | None) -> str | None:
    """Return the id of the selected node, ``None`` when no node is selected."""
    if selection and selection.get("kind") == "node":
        return selection.get("id")
    return None


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
            between = {make_edge_id(*e) for e in edges if {e[0], e[2]} == set(pair)}
            return base + focus_rules(node_ids=set(pair), edge_ids=between)
    if kind == "path":
        on_path = {n for n in path_nodes if n in shown}
        if on_path:
            return base + focus_rules(node_ids=on_path, edge_ids=set(path_edges))
    return base


# --------------------------------------------------------------------------- evidence


def highlight_segments(text: str, start: int, spans: Sequence[tuple[str, Sequence[int] | None]]
                       ) -> list[tuple[str, str | None]]:
    """Cut a text into plain and highlighted runs.

    Args:
        text: The text (a sentence, or a whole article with ``start=0``).
        start: Offset of the text in its document; spans are document offsets.
        spans: ``(role, [a, b])`` pairs; later pairs win where spans overlap. Spans that
            are missing or fall outside the text are ignored rather than guessed.

    Returns:
        ``(text, role)`` runs covering the text in order; ``role`` is ``None`` for plain text.
    """
    cuts: list[tuple[int, int, str]] = []
    for role, span in spans:
        if not span or len(span) != 2 or span[0] is None or span[1] is None:
            continue
        a, b = int(span[0]) - start, int(span[1]) - start
        if a < 0 or b > len(text) or a >= b:
            continue
        cuts.append((a, b, role))
    if not cuts:
        return [(text, None)] if text else []
    roles: list[str | None] = [None] * len(text)
    for a, b, role in cuts:
        roles[a:b] = [role] * (b - a)
    runs: list[tuple[str, str | None]] = []
    begin = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or roles[i] != roles[begin]:
            runs.append((text[begin:i], roles[begin]))
            begin = i
    return runs


def highlighted_sentence(evidence: Mapping[str, Any]) -> list:
    """Return the children of a sentence with subject, object and trigger marked."""
    sentence = str(evidence.get("sentence") or "")
    runs = highlight_segments(sentence, int(evidence.get("start") or 0), [
        ("subject", evidence.get("subject_span")),
        ("object", evidence.get("object_span")),
        ("trigger", evidence.get("trigger_span")),
    ])
    return [text if role is None else html.Mark(text, className=f"hl hl-{role}", title=role)
            for text, role in runs]


def evidence_badges(evidence: Mapping[str, Any]) -> list:
    """Return badges for a negated, confirmed or not plainly asserted piece of evidence."""
    badges = []
    if evidence.get("negated"):
        badges.append(html.Span("negated", className="badge badge-negated"))
    modality = evidence.get("modality") or "asserted"
    if modality != "asserted":
        label = MODALITY_LABELS.get(modality, str(modality))
        speaker = evidence.get("speaker")
        text = f"{label} by {speaker}" if modality == "reported" and speaker else label
        badges.append(html.Span(text, className=f"badge badge-{label}"))
    if evidence.get("confirmed"):
        badges.append(html.Span("confirmed", className="badge badge-confirmed"))
    return badges


# --------------------------------------------------------------------------- filters


def swatch(colour: str, *, shape: str = "line") -> html.Span:
    """Return a small colour sample (a line for relations, a shape for entity types)."""
    return html.Span(className=f"swatch swatch-{shape}", style={"backgroundColor": colour})


def relation_filter_options(data: Data) -> list[dict]:
    """Return checklist options for the relation filter: swatch, type name, edge count."""
    counts = relation_counts(data)
    options = []
    for relation in relation_names(data):
        kind = BY_NAME.get(relation)
        n = counts.get(relation, 0)
        options.append({
            "label": html.Span([
                swatch(relation_colour(relation), shape="dotted" if relation in WEAK_RELATIONS else "line"),
                html.Span(relation_label(relation), className="option-name"),
                html.Span(str(n), className="count"),
            ], className="option" + (" is-empty" if n == 0 else ""),
                title=kind.description if kind else relation),
            "value": relation,
        })
    return options


def entity_filter_options(data: Data) -> list[dict]:
    """Return checklist options for the entity-type filter: shape swatch, name, node count."""
    counts = entity_counts(data)
    return [{
        "label": html.Span([
            swatch(entity_colour(t), shape=ENTITY_SHAPES.get(t, "ellipse")),
            html.Span(ENTITY_LABELS.get(t, t.title()), className="option-name"),
            html.Span(str(counts.get(t, 0)), className="count"),
        ], className="option" + (" is-empty" if counts.get(t, 0) == 0 else ""), title=t),
        "value": t,
    } for t in entity_type_names(data)]


def month_range(first: str | None, last: str | None) -> tuple[str, ...]:
    """Return every ``YYYY-MM`` month from the month of `first` to that of `last`, inclusive.

    A year-only date stands for January at the start and December at the end.
    """
    def parse(value: str | None, end: bool) -> tuple[int, int] | None:
        if not value or len(value) < 4 or not value[:4].isdigit():
            return None
        year = int(value[:4])
        month = int(value[5:7]) if len(value) >= 7 and value[5:7].isdigit() else (12 if end else 1)
        return (year, min(max(month, 1), 12))

    a, b = parse(first, False), parse(last, True)
    if a is None or b is None or a > b:
        return ()
    months = []
    year, month = a
    while (year, month) <= b:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def month_marks(months: Sequence[str], *, most: int = 4) -> dict[int, str]:
    """Return slider marks: the first month of some years, at most `most` of them."""
    starts = [i for i, m in enumerate(months) if m.endswith("-01") or i == 0]
    step = max(1, math.ceil(len(starts) / most))
    return {i: months[i][:4] for i in starts[::step]}


def date_span_label(months: Sequence[str], value: Sequence[int] | None) -> str:
    """Return the chosen date span as text (``2018-01 – 2020-02``, or a note when undated)."""
    if not months:
        return "no dated articles"
    lo, hi = (value or [0, len(months) - 1])[:2]
    lo, hi = min(max(int(lo), 0), len(months) - 1), min(max(int(hi), 0), len(months) - 1)
    if lo == 0 and hi == len(months) - 1:
        return f"{months[0]} – {months[-1]} (all)"
    return f"{months[lo]} – {months[hi]}"
