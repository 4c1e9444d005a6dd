"""Pure functions behind the explorer: node-link data in, cytoscape elements and panels out.

Nothing here reads files or keeps state; every function takes the node-link dict of
DESIGN.md section 4 (or parts of it) and returns new data or new Dash components. Text from
articles only ever becomes component children, which Dash renders as text, never as HTML.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from dash import html, no_update

from graph.ontology import BY_NAME, RELATION_NAMES
from ui import ids
from ui.styles import (
    ENTITY_LABELS,
    ENTITY_SHAPES,
    ENTITY_TYPES,
    MODALITY_LABELS,
    entity_colour,
    focus_rules,
    relation_colour,
    stylesheet,
)

HIDDEN_BY_DEFAULT: tuple[str, ...] = ("co_mentioned",)
MAX_NODE_EVIDENCE = 3
KAMADA_KAWAI_MAX_NODES = 200  # its all-pairs distances get slow beyond this
MIN_NODE_SIZE = 22.0
MAX_NODE_SIZE = 64.0
SPECULATIVE = frozenset({"future", "hypothetical"})
POLARITY_LABELS = MappingProxyType({1: "cooperative", 0: "neutral", -1: "conflictual"})

Data = Mapping[str, Any]
Selection = dict[str, Any]


# --------------------------------------------------------------------------- accessors


def edge_id(edge: Mapping[str, Any]) -> str:
    """Return the stable element id of an edge: ``source|relation|target``."""
    relation = edge.get("relation") or edge.get("key") or ""
    return f"{edge.get('source')}|{relation}|{edge.get('target')}"


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
    """Index the nodes of a graph by id."""
    return {str(n["id"]): n for n in data.get("nodes", ()) if n.get("id") is not None}


def edges_by_id(data: Data) -> dict[str, Mapping[str, Any]]:
    """Index the edges of a graph by :func:`edge_id`; the first of duplicate ids wins."""
    index: dict[str, Mapping[str, Any]] = {}
    for edge in data.get("edges", ()):
        index.setdefault(edge_id(edge), edge)
    return index


def documents_of(data: Data) -> Mapping[str, Mapping[str, Any]]:
    """Return the ``doc_id -> metadata`` map of a graph (empty when absent)."""
    return (data.get("graph") or {}).get("documents") or {}


def graph_stats(data: Data) -> dict[str, int]:
    """Count actors, typed relations, evidence sentences and articles in a graph."""
    edges = data.get("edges", ())
    typed = [e for e in edges if relation_of(e) not in HIDDEN_BY_DEFAULT]
    return {
        "actors": len(data.get("nodes", ())),
        "relations": len(typed),
        "evidence": sum(len(e.get("evidence") or ()) for e in typed),
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


# --------------------------------------------------------------------------- canvas


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


def edge_width(weight: float | int | None) -> float:
    """Map an evidence count to a line width in pixels (logarithmic, capped)."""
    w = float(weight or 0)
    if w <= 1:
        return 1.6
    return round(min(9.0, 1.6 + 1.5 * math.log2(w)), 2)


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


def _separate(pts, boxes, *, pad: float = 10.0, rounds: int = 120):
    """Push apart nodes whose boxes (node plus label) overlap; returns new points."""
    import numpy as np

    pts = pts.copy()
    n = len(pts)
    w = np.array([b[0] for b in boxes])
    h = np.array([b[1] for b in boxes])
    shift = np.array([b[2] for b in boxes])
    order = np.arange(n)
    tie = np.where(order[:, None] < order[None, :], -1.0, 1.0)
    for _ in range(rounds):
        cx, cy = pts[:, 0], pts[:, 1] + shift
        dx, dy = cx[:, None] - cx[None, :], cy[:, None] - cy[None, :]
        ox = (w[:, None] + w[None, :]) / 2 + pad - np.abs(dx)
        oy = (h[:, None] + h[None, :]) / 2 + pad - np.abs(dy)
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        along_x = hit & (ox <= oy)
        along_y = hit & (ox > oy)
        sx = np.where(dx != 0, np.sign(dx), tie)
        sy = np.where(dy != 0, np.sign(dy), tie)
        pts[:, 0] += np.where(along_x, sx * ox / 2, 0).sum(axis=1)
        pts[:, 1] += np.where(along_y, sy * oy / 2, 0).sum(axis=1)
    return pts


def node_positions(data: Data, *, seed: int = 7, gap: float = 80.0) -> dict[str, dict[str, float]]:
    """Lay the whole graph out once, deterministically, for cytoscape's ``preset`` layout.

    The actors linked by typed relations (the default view) are laid out first by a
    force-directed layout; actors reached only by weak co-mentions are then placed around
    them with the first ones held fixed. Finally nodes whose discs or labels would overlap
    are pushed apart. Positions stay put when filters hide parts of the graph, so the
    picture does not jump around.

    Args:
        data: Node-link graph.
        seed: Seed of the force-directed layout; same data and seed give the same picture.
        gap: Typical distance in pixels between an actor and its nearest neighbour.

    Returns:
        ``node id -> {"x": .., "y": ..}`` in pixels.
    """
    import networkx as nx
    import numpy as np

    nodes = nodes_by_id(data)
    node_ids = list(nodes)
    if not node_ids:
        return {}
    known = set(node_ids)
    strong, weak = nx.Graph(), nx.Graph()
    weak.add_nodes_from(node_ids)
    for edge in data.get("edges", ()):
        s, t = str(edge.get("source")), str(edge.get("target"))
        if s == t or s not in known or t not in known:
            continue
        # one spring per pair of actors, however many relations: hubs linked by many
        # relation types would otherwise collapse onto each other
        if relation_of(edge) in HIDDEN_BY_DEFAULT:
            if not strong.has_edge(s, t):
                weak.add_edge(s, t, weight=0.3)
        else:
            strong.add_edge(s, t, weight=1.0)
            weak.add_edge(s, t, weight=1.0)

    core = sorted(strong.nodes, key=node_ids.index)
    pos: dict[str, Any] = {}
    if len(core) > 1:
        sub = strong.subgraph(core)
        # Kamada-Kawai gives a calm global shape (graph distance ~ drawn distance); a short
        # force-directed pass then evens out the local spacing.
        start = nx.kamada_kawai_layout(sub) if len(core) <= KAMADA_KAWAI_MAX_NODES else None
        layout = nx.spring_layout(sub, k=1.0 / math.sqrt(len(core)), pos=start, seed=seed, weight="weight",
                                  iterations=60 if start else max(40, 20_000 // len(core)))
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
        sub = (nx.spring_layout(weak.subgraph(loose), seed=seed, iterations=max(20, 10_000 // len(loose)))
               if len(loose) > 1 else {loose[0]: np.zeros(2)})
        placed = np.array(list(pos.values())) if pos else np.zeros((1, 2))
        width = max(float(np.ptp(placed[:, 0])), 1.0)
        top = float(placed[:, 1].max()) + 0.35 if pos else 0.0
        for i in loose:
            x, y = sub[i]
            pos[i] = np.array([x * width / 2 + float(placed[:, 0].mean()), top + (y + 1) * 0.15])
    pts = np.array([pos[i] for i in node_ids], dtype=float)
    if len(pts) == 1:
        pts = np.zeros((1, 2))
    else:
        # scale so that the typical actor of the default view has its nearest neighbour `gap` px away
        ref = pts[[node_ids.index(i) for i in core]] if len(core) > 2 else pts
        d = np.hypot(*(ref[:, None, :] - ref[None, :, :]).transpose(2, 0, 1))
        np.fill_diagonal(d, np.inf)
        nearest = float(np.median(d.min(axis=1)))
        pts = (pts - pts.mean(axis=0)) * (gap / nearest if nearest > 0 else gap)
        # screens are wider than tall: turn a tall default view on its side
        if np.ptp(ref[:, 1]) > 1.15 * np.ptp(ref[:, 0]):
            pts = pts[:, ::-1].copy()
    sizes = node_sizes(data)
    boxes = [label_box(node_label(nodes[i]), sizes[i]) for i in node_ids]
    pts = _separate(pts, boxes, rounds=120 if len(pts) <= 800 else 30)
    return {i: {"x": round(float(x), 1), "y": round(float(y), 1)} for i, (x, y) in zip(node_ids, pts)}


def _edge_classes(edge: Mapping[str, Any]) -> str:
    evidence = edge.get("evidence") or ()
    classes = []
    if evidence and all(ev.get("negated") for ev in evidence):
        classes.append("negated")
    if evidence and all(ev.get("modality") in SPECULATIVE for ev in evidence):
        classes.append("speculative")
    return " ".join(classes)


def build_elements(
    data: Data,
    *,
    relations: Iterable[str] | None,
    entity_types: Iterable[str] | None,
    selected_node: str | None = None,
    positions: Mapping[str, Mapping[str, float]] | None = None,
) -> list[dict]:
    """Turn node-link data and filter choices into cytoscape elements.

    An edge is shown when its relation type is ticked and both ends are shown; a node is
    shown when its entity type is ticked and at least one shown edge touches it. The
    selected node is always shown, so a search never lands on nothing. Edges whose ends
    are missing from the data are never emitted.

    Args:
        data: Node-link graph.
        relations: Relation types to show (``None`` shows none).
        entity_types: Entity types to show (``None`` shows none).
        selected_node: Id of the node the user has selected, if any.
        positions: Precomputed ``{"x", "y"}`` per node id, from :func:`node_positions`.

    Returns:
        Node elements followed by edge elements, each with its data mirroring the export.
    """
    nodes = nodes_by_id(data)
    wanted_relations = set(relations or ())
    wanted_types = set(entity_types or ())
    candidates = {i for i, n in nodes.items() if node_type(n) in wanted_types}
    if selected_node in nodes:
        candidates.add(selected_node)

    edges: list[dict] = []
    seen: set[str] = set()
    touched: set[str] = set()
    for edge in data.get("edges", ()):
        relation = relation_of(edge)
        s, t = str(edge.get("source")), str(edge.get("target"))
        eid = edge_id(edge)
        if relation not in wanted_relations or s not in candidates or t not in candidates or eid in seen:
            continue
        seen.add(eid)
        touched.update((s, t))
        weight = edge.get("weight")
        if weight is None:
            weight = len(edge.get("evidence") or ())
        edges.append({
            "group": "edges",
            "data": {
                "id": eid,
                "source": s,
                "target": t,
                "relation": relation,
                "weight": weight,
                "polarity": edge.get("polarity", BY_NAME[relation].polarity if relation in BY_NAME else 0),
                "articles": edge.get("articles", 0),
                "width": edge_width(weight),
            },
            "classes": _edge_classes(edge),
        })

    shown = touched | ({selected_node} if selected_node in nodes else set())
    sizes = node_sizes(data)
    node_elements: list[dict] = []
    for node_id, node in nodes.items():
        if node_id not in shown:
            continue
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
        if positions and node_id in positions:
            element["position"] = {"x": positions[node_id]["x"], "y": positions[node_id]["y"]}
        node_elements.append(element)
    return node_elements + edges


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


def resolve_selection(
    trigger_id: str | Mapping[str, Any] | None,
    prop: str | None,
    value: Any,
    previous: Selection | None,
) -> tuple[Selection | None, Any]:
    """Decide what is selected after a tap, a search or a click on a panel link.

    Args:
        trigger_id: Id of the component that fired (a dict for panel links).
        prop: Property that fired (``tapNodeData``, ``tapEdgeData``, ``value``, ``n_clicks``).
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
    if isinstance(trigger_id, Mapping) and value:
        if trigger_id.get("type") == ids.NODE_LINK:
            return pick("node", trigger_id["node"], "link"), trigger_id["node"]
        if trigger_id.get("type") == ids.EDGE_LINK:
            return pick("edge", trigger_id["edge"], "link"), None
    return no_update, no_update


def selected_node_id(selection: Selection | None) -> str | None:
    """Return the id of the selected node, ``None`` when no node is selected."""
    if selection and selection.get("kind") == "node":
        return selection.get("id")
    return None


def focus_stylesheet(elements: Sequence[Mapping[str, Any]] | None, selection: Selection | None) -> list[dict]:
    """Return the stylesheet with the selection and its neighbourhood brought forward.

    Args:
        elements: The elements currently on the canvas.
        selection: The current selection.

    Returns:
        :func:`ui.styles.stylesheet` plus focus rules when the selection is on the canvas.
    """
    base = stylesheet()
    if not selection or not elements:
        return base
    target = selection.get("id")
    node_ids = {e["data"]["id"] for e in elements if "source" not in e.get("data", {})}
    edge_data = [e["data"] for e in elements if "source" in e.get("data", {})]
    if selection.get("kind") == "node" and target in node_ids:
        incident = [d for d in edge_data if target in (d["source"], d["target"])]
        near = {target} | {d["source"] for d in incident} | {d["target"] for d in incident}
        return base + focus_rules(node_ids=near, edge_ids={d["id"] for d in incident},
                                  selected_node=target)
    if selection.get("kind") == "edge":
        for d in edge_data:
            if d["id"] == target:
                return base + focus_rules(node_ids={d["source"], d["target"]}, edge_ids={target},
                                          selected_edge=target)
    return base


def same_elements(a: Sequence[Mapping[str, Any]] | None, b: Sequence[Mapping[str, Any]] | None) -> bool:
    """Tell whether two element lists show the same node and edge ids."""
    def keys(items):
        return sorted(str(e.get("data", {}).get("id")) for e in items or ())
    return keys(a) == keys(b)


# --------------------------------------------------------------------------- evidence


def highlight_segments(sentence: str, start: int, spans: Sequence[tuple[str, Sequence[int] | None]]
                       ) -> list[tuple[str, str | None]]:
    """Cut a sentence into plain and highlighted runs.

    Args:
        sentence: The sentence text.
        start: Offset of the sentence in its document; spans are document offsets.
        spans: ``(role, [a, b])`` pairs; later pairs win where spans overlap. Spans that
            are missing or fall outside the sentence are ignored rather than guessed.

    Returns:
        ``(text, role)`` runs covering the sentence in order; ``role`` is ``None`` for
        plain text.
    """
    roles: list[str | None] = [None] * len(sentence)
    for role, span in spans:
        if not span or len(span) != 2 or span[0] is None or span[1] is None:
            continue
        a, b = int(span[0]) - start, int(span[1]) - start
        if a < 0 or b > len(sentence) or a >= b:
            continue
        roles[a:b] = [role] * (b - a)
    runs: list[tuple[str, str | None]] = []
    for char, role in zip(sentence, roles):
        if runs and runs[-1][1] == role:
            runs[-1] = (runs[-1][0] + char, role)
        else:
            runs.append((char, role))
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
    """Return badges for a negated or not plainly asserted piece of evidence."""
    badges = []
    if evidence.get("negated"):
        badges.append(html.Span("negated", className="badge badge-negated"))
    modality = evidence.get("modality") or "asserted"
    if modality != "asserted":
        label = MODALITY_LABELS.get(modality, str(modality))
        badges.append(html.Span(label, className=f"badge badge-{label}"))
    return badges


def _article_meta(doc: Mapping[str, Any] | None, fallback: str) -> list:
    doc = doc or {}
    title = str(doc.get("title") or fallback or "unknown article")
    url = doc.get("url")
    title_part = (html.A(title, href=url, target="_blank", rel="noopener noreferrer", className="doc-title")
                  if isinstance(url, str) and url.startswith(("http://", "https://"))
                  else html.Span(title, className="doc-title"))
    details = [str(x) for x in (doc.get("outlet"), doc.get("date")) if x]
    parts: list = [title_part]
    if details:
        parts.append(html.Span(" · ".join(details), className="doc-details"))
    return parts


def evidence_item(evidence: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]], *,
                  provenance: bool = False) -> html.Li:
    """Render one piece of evidence: the marked sentence, its article and its flags.

    Args:
        evidence: One evidence record of an edge.
        documents: ``doc_id -> metadata`` of the graph.
        provenance: Also show the extraction rule and confidence.
    """
    doc = documents.get(str(evidence.get("doc_id")))
    meta = [*evidence_badges(evidence), *_article_meta(doc, str(evidence.get("source") or ""))]
    if provenance:
        confidence = evidence.get("confidence")
        bits = []
        if evidence.get("rule"):
            bits.append(f"rule {evidence['rule']}")
        if isinstance(confidence, (int, float)):
            bits.append(f"confidence {confidence:.2f}")
        if bits:
            meta.append(html.Span(" · ".join(bits), className="provenance"))
    classes = "evidence" + (" is-negated" if evidence.get("negated") else "")
    return html.Li([
        html.P(highlighted_sentence(evidence), className="evidence-sentence"),
        html.Div(meta, className="evidence-meta"),
    ], className=classes)


def _evidence_sorted(edge: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> list:
    def key(ev):
        doc = documents.get(str(ev.get("doc_id"))) or {}
        return (str(doc.get("date") or ""), str(ev.get("source") or ""), int(ev.get("start") or 0))
    return sorted(edge.get("evidence") or (), key=key)


# --------------------------------------------------------------------------- panels


def swatch(colour: str, *, shape: str = "line") -> html.Span:
    """Return a small colour sample (a line for relations, a shape for entity types)."""
    return html.Span(className=f"swatch swatch-{shape}", style={"backgroundColor": colour})


def relation_chip(relation: str) -> html.Span:
    """Return a coloured chip naming a relation type."""
    return html.Span([swatch(relation_colour(relation)), relation_label(relation)], className="relation-chip")


def type_badge(entity_type: str) -> html.Span:
    """Return a badge naming an entity type in its colour."""
    return html.Span(ENTITY_LABELS.get(entity_type, entity_type.title()), className="type-badge",
                     style={"backgroundColor": entity_colour(entity_type)})


def node_link(node_id: str, label: str, *, slot: str, entity_type: str | None = None) -> html.Button:
    """Return a link-styled button that selects a node.

    ``slot`` names the place of the link in the panel: a panel may link one actor many
    times, and component ids must stay unique.
    """
    children: list = [label]
    if entity_type:
        children.insert(0, html.Span(className="dot", style={"backgroundColor": entity_colour(entity_type)}))
    return html.Button(children, id={"type": ids.NODE_LINK, "node": node_id, "slot": slot}, className="link node-link",
                       n_clicks=0, title=f"Show {label}")


def edge_link(edge: Mapping[str, Any], text: str, *, slot: str) -> html.Button:
    """Return a link-styled button that opens the evidence dossier of an edge.

    ``slot`` keeps the id unique, as in :func:`node_link`.
    """
    return html.Button(text, id={"type": ids.EDGE_LINK, "edge": edge_id(edge), "slot": slot},
                       className="link edge-link", n_clicks=0)


def mark_key() -> html.Div:
    """Return the key to the highlight colours used in evidence sentences."""
    return html.Div([
        html.Mark("subject", className="hl hl-subject"),
        html.Mark("trigger", className="hl hl-trigger"),
        html.Mark("object", className="hl hl-object"),
    ], className="mark-key")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _present(children: list) -> list:
    """Drop the ``None`` placeholders of optional children."""
    return [c for c in children if c is not None]


def _empty(message: str) -> html.Div:
    return html.Div(html.P(message, className="muted"), className="panel-empty")


def overview(data: Data) -> html.Div:
    """Return the panel shown when nothing is selected: how to start, counts, key actors."""
    stats = graph_stats(data)
    top = sorted(nodes_by_id(data).values(), key=lambda n: -(n.get("mentions") or 0))[:8]
    documents = documents_of(data)
    return html.Div([
        html.H2("Explore the graph", className="panel-title"),
        html.P("Click an actor or a relation on the canvas, or search for an actor above. "
               "Every relation links to the sentences it was read from.", className="muted"),
        html.Div([
            html.Div([html.Strong(f"{stats[k]:,}"), html.Span(label)], className="stat")
            for k, label in (("actors", "actors"), ("relations", "relations"),
                             ("evidence", "sentences"), ("articles", "articles"))
        ], className="stats"),
        html.H3("Most mentioned", className="section-title"),
        html.Ul([html.Li([node_link(str(n["id"]), node_label(n), slot="top", entity_type=node_type(n)),
                          html.Span(f"{n.get('mentions') or 0}", className="count")])
                 for n in top], className="plain-list"),
        html.H3("Articles", className="section-title"),
        html.Ul([html.Li(_article_meta(doc, doc_id), className="article")
                 for doc_id, doc in sorted(documents.items(), key=lambda kv: str(kv[1].get("date") or ""),
                                           reverse=True)],
                className="plain-list articles"),
    ], className="dossier overview")


def node_dossier(data: Data, node_id: str, *, visible_relations: Iterable[str] | None = None) -> html.Div:
    """Return the panel of one actor: who it is, where it appears, and its relations.

    Relations are grouped by type in ontology order, each listing the other actor and up to
    :data:`MAX_NODE_EVIDENCE` evidence sentences; types hidden on the canvas start folded.

    Args:
        data: Node-link graph.
        node_id: The actor to describe.
        visible_relations: Relation types currently shown on the canvas.
    """
    nodes = nodes_by_id(data)
    node = nodes.get(node_id)
    if node is None:
        return _empty(f"“{node_id}” is not in this graph.")
    documents = documents_of(data)
    visible = set(visible_relations or ())
    incident = [e for e in data.get("edges", ()) if node_id in (str(e.get("source")), str(e.get("target")))]

    groups: dict[str, list] = defaultdict(list)
    for edge in incident:
        groups[relation_of(edge)].append(edge)
    order = [r for r in relation_names(data) if r in groups]

    sections = []
    for relation in order:
        edges = sorted(groups[relation], key=lambda e: (-(e.get("weight") or 0), edge_id(e)))
        n_evidence = sum(len(e.get("evidence") or ()) for e in edges)
        rows = [_relation_row(data, node_id, edge, nodes, documents) for edge in edges]
        hidden = relation not in visible
        summary = html.Summary(_present([
            relation_chip(relation),
            html.Span(f"{_plural(len(edges), 'relation')} · {_plural(n_evidence, 'sentence')}",
                      className="muted small group-counts"),
            html.Span("hidden on canvas", className="muted small hidden-note") if hidden else None,
        ]))
        sections.append(html.Details([summary, html.Ul(rows, className="relation-rows")],
                                     open=not hidden, className="relation-group",
                                     **{"data-relation": relation}))

    n_weak = sum(1 for e in incident if relation_of(e) in HIDDEN_BY_DEFAULT)
    article_ids = list(node.get("articles") or ())
    if not article_ids:
        article_ids = sorted({str(ev.get("doc_id")) for e in incident for ev in e.get("evidence") or ()})
    aliases = [str(a) for a in node.get("aliases") or () if str(a) != node_label(node)]
    parent = nodes.get(str(node.get("part_of"))) if node.get("part_of") else None
    members = [n for n in nodes.values() if n.get("part_of") == node_id]

    facts: list = []
    if parent is not None:
        facts.append(html.Div(["Part of ", node_link(str(parent["id"]), node_label(parent), slot="parent",
                                                      entity_type=node_type(parent))], className="fact"))
    if members:
        facts.append(html.Div(["Includes ", *[
            node_link(str(m["id"]), node_label(m), slot="member", entity_type=node_type(m)) for m in members
        ]], className="fact"))
    if aliases:
        facts.append(html.Div(["Also: ", html.Span(", ".join(aliases), className="aliases")], className="fact"))

    return html.Div(_present([
        html.Div([type_badge(node_type(node))], className="eyebrow"),
        html.H2(node_label(node), className="panel-title"),
        html.P(" · ".join(_present([
            _plural(node.get("mentions") or 0, "mention"),
            _plural(len(article_ids), "article"),
            _plural(len(incident) - n_weak, "relation"),
            _plural(n_weak, "co-mention") if n_weak else None,
        ])), className="muted"),
        *facts,
        html.H3("Relations", className="section-title"),
        mark_key() if sections else None,
        html.Div(sections, className="relation-groups") if sections
        else html.P("No relations found for this actor.", className="muted"),
        html.H3("Articles", className="section-title"),
        html.Ul([html.Li(_article_meta(documents.get(d), d), className="article") for d in article_ids],
                className="plain-list articles"),
    ]), className="dossier node-dossier", **{"data-node": node_id})


def _relation_row(data: Data, node_id: str, edge: Mapping[str, Any], nodes: Mapping[str, Mapping[str, Any]],
                  documents: Mapping[str, Mapping[str, Any]]) -> html.Li:
    outgoing = str(edge.get("source")) == node_id
    other_id = str(edge.get("target") if outgoing else edge.get("source"))
    other = nodes.get(other_id, {"id": other_id, "label": other_id})
    evidence = _evidence_sorted(edge, documents)
    shown = evidence[:MAX_NODE_EVIDENCE]
    more = len(evidence) - len(shown)
    head = html.Div([
        html.Span("→" if outgoing else "←", className="direction",
                  title="this actor is the subject" if outgoing else "this actor is the object"),
        node_link(other_id, node_label(other), slot=f"row:{edge_id(edge)}", entity_type=node_type(other)),
        html.Span(f"{len(evidence)}×", className="count", title="evidence sentences"),
        edge_link(edge, "all evidence ›" if more > 0 else "details ›", slot="head"),
    ], className="relation-head")
    items = [evidence_item(ev, documents) for ev in shown]
    if more > 0:
        items.append(html.Li(edge_link(edge, f"+ {_plural(more, 'more sentence')}", slot="more"),
                             className="evidence-more"))
    if not evidence:
        items.append(html.Li("No sentence: this relation comes from the actor table.",
                             className="muted small"))
    return html.Li([head, html.Ul(items, className="evidence-list")], className="relation-row")


def edge_dossier(data: Data, target_edge_id: str) -> html.Div:
    """Return the evidence dossier of one edge: every sentence, its article and provenance."""
    edge = edges_by_id(data).get(target_edge_id)
    if edge is None:
        return _empty("This relation is not in the graph.")
    nodes = nodes_by_id(data)
    documents = documents_of(data)
    relation = relation_of(edge)
    kind = BY_NAME.get(relation)
    s, t = str(edge.get("source")), str(edge.get("target"))
    source = nodes.get(s, {"id": s, "label": s})
    target = nodes.get(t, {"id": t, "label": t})
    evidence = _evidence_sorted(edge, documents)
    polarity = edge.get("polarity", kind.polarity if kind else 0)
    dates = [d for d in (edge.get("first_date"), edge.get("last_date")) if d]
    span = " – ".join(dict.fromkeys(str(d) for d in dates))
    n_articles = edge.get("articles")
    if not isinstance(n_articles, int):
        n_articles = len({ev.get("doc_id") for ev in evidence})
    facts = [_plural(len(evidence), "sentence"), _plural(n_articles, "article"),
             POLARITY_LABELS.get(polarity, str(polarity))]
    if span:
        facts.append(span)
    return html.Div(_present([
        html.Div([relation_chip(relation)], className="eyebrow"),
        html.H2([
            node_link(s, node_label(source), slot="subject", entity_type=node_type(source)),
            html.Span(f" {relation_label(relation)} ", className="relation-verb",
                      style={"color": relation_colour(relation)}),
            node_link(t, node_label(target), slot="object", entity_type=node_type(target)),
        ], className="panel-title edge-title"),
        html.P(kind.description, className="muted") if kind else None,
        html.P(" · ".join(facts), className="muted small"),
        html.H3("Evidence", className="section-title"),
        mark_key() if evidence else None,
        html.Ul([evidence_item(ev, documents, provenance=True) for ev in evidence], className="evidence-list")
        if evidence else html.P("No sentence: this relation comes from the actor table.", className="muted"),
    ]), className="dossier edge-dossier", **{"data-edge": target_edge_id})


def detail_panel(data: Data, selection: Selection | None, *, visible_relations: Iterable[str] | None = None):
    """Return the right-hand panel for the current selection."""
    if not selection:
        return overview(data)
    if selection.get("kind") == "edge":
        return edge_dossier(data, str(selection.get("id")))
    return node_dossier(data, str(selection.get("id")), visible_relations=visible_relations)


# --------------------------------------------------------------------------- filters


def relation_filter_options(data: Data) -> list[dict]:
    """Return checklist options for the relation filter: swatch, type name, edge count."""
    counts = relation_counts(data)
    options = []
    for relation in relation_names(data):
        kind = BY_NAME.get(relation)
        n = counts.get(relation, 0)
        options.append({
            "label": html.Span([
                swatch(relation_colour(relation)),
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
