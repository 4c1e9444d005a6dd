"""Pure functions behind the canvas: graph in, cytoscape elements, layout and selection out.

Nothing here reads files or keeps state. Two shapes of graph come in: the networkx
MultiDiGraph of `graph.build` (what the canvas draws, filtered by `graph.index`), and a
light node-link dict of it (DESIGN.md section 4 without the evidence, see :func:`light_data`)
for the work done once per corpus version: layout, sizes, filter and search options. Text
from articles only ever becomes component children, which Dash renders as text, never HTML.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph.rules import relation_filter
from graph.lazy import StoredEvidence
from graph.ontology import BY_NAME, ENTITY_TYPES, RELATION_NAMES, SPECULATIVE, WEAK_RELATIONS

MIN_NODE_SIZE = 22.0
MAX_NODE_SIZE = 64.0

Data = Mapping[str, Any]


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
    typed = [e for e in data.get("edges", ()) if relation_of(e) not in WEAK_RELATIONS]
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


def relation_names(data: Data, counts: Mapping[str, int] | None = None) -> list[str]:
    """Return the ontology's relation types plus any other type present in the data (or in its
    `counts`, when counted already)."""
    extra = sorted(set(relation_counts(data) if counts is None else counts) - set(RELATION_NAMES) - {""})
    return [*RELATION_NAMES, *extra]


def entity_type_names(data: Data) -> list[str]:
    """Return the known entity types plus any other type present in the data."""
    extra = sorted(set(entity_counts(data)) - set(ENTITY_TYPES))
    return [*ENTITY_TYPES, *extra]


def default_relations(data: Data, counts: Mapping[str, int] | None = None) -> list[str]:
    """Return the relation types ticked when the page opens: what the filter engine allows by
    default (all but the weak ones)."""
    allowed = relation_filter(None)
    return [r for r in relation_names(data, counts) if allowed(r)]


# --------------------------------------------------------------------------- layout


def node_sizes(data: Data, degree: Mapping[str, int] | None = None) -> dict[str, float]:
    """Size each node by its mentions (by its degree over typed relations when mentions are
    missing; `degree` when counted already: `ui.tallies.typed_degree`).

    Sizes grow with the square root of the count so that area, not diameter, tracks it.
    """
    if degree is None:
        degree = defaultdict(int)
        for edge in data.get("edges", ()):
            if relation_of(edge) not in WEAK_RELATIONS:
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


# --------------------------------------------------------------------------- canvas


def node_templates(data: Data, positions: Mapping[str, Mapping[str, float]],
                   degree: Mapping[str, int] | None = None) -> dict[str, dict]:
    """Build the cytoscape element of every node once: label, type, size (:func:`node_sizes`) and position."""
    sizes = node_sizes(data, degree)
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
    if isinstance(evidence, StoredEvidence):  # counted in the store: nothing to read
        negated, speculative = evidence.flagged()
        every_negated, every_speculative = negated == len(evidence), speculative == len(evidence)
    else:
        every_negated = all(ev.get("negated") for ev in evidence)
        every_speculative = all(ev.get("modality") in SPECULATIVE for ev in evidence)
    if evidence and every_negated:
        classes.append("negated")
    if evidence and every_speculative:
        classes.append("speculative")
    if attrs.get("confirmed"):
        classes.append("confirmed")
    if attrs.get("contested"):
        classes.append("contested")
    return classes


TIP_SENTENCE = 140  # characters of the first sentence in an edge's hover text


def edge_element(source: str, target: str, key: str, attrs: Mapping[str, Any], *, on_path: bool = False,
                 strength: int | None = None) -> dict:
    """Return the cytoscape element of one edge.

    Its width says how many distinct articles back it: `strength` when given (the articles
    with a sentence that holds, as the explorer counts by default), else all its articles.
    """
    relation = str(attrs.get("relation") or key)
    evidence = attrs.get("evidence") or ()
    weight = attrs.get("weight")
    if weight is None:
        weight = len(evidence)
    articles = attrs.get("articles")
    if articles is None:
        articles = len({ev.get("doc_id") for ev in evidence})
    classes = edge_classes(relation, attrs) + (["on-path"] if on_path else [])
    label = relation_label(relation)
    # the hover text quotes a sentence the graph holds (those kept in the store are read when opened)
    held = () if isinstance(evidence, StoredEvidence) else evidence
    first = next((str(ev.get("sentence") or "") for ev in held if ev.get("sentence")), "")
    first = first if len(first) <= TIP_SENTENCE else first[:TIP_SENTENCE - 1] + "…"
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
            "width": edge_width(articles if strength is None else strength) if strength != 0 else 1.0,
            "label": label,  # drawn on the edge at high zoom, so the type is not told by colour alone
            "tip": f"{label} · {weight} sentence{'' if weight == 1 else 's'}, {articles} "
                   f"article{'' if articles == 1 else 's'}" + (f" — “{first}”" if first else ""),
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


SEARCH_ALIASES = 24  # aliases an option is found by: a page holds every option three times


def search_options(data: Data) -> list[dict]:
    """Return dropdown options for the entity search: label shown, aliases searchable (the first
    SEARCH_ALIASES: an actor merged from many, or named many ways, would weigh down the page)."""
    options = []
    for node_id, node in nodes_by_id(data).items():
        aliases = [str(a) for a in node.get("aliases") or () if a][:SEARCH_ALIASES]
        options.append({
            "label": node_label(node),
            "value": node_id,
            "search": " ".join([node_label(node), *aliases, node_type(node)]),
        })
    return sorted(options, key=lambda o: o["label"].casefold())


# --------------------------------------------------------------------------- selection


# --------------------------------------------------------------------------- evidence


# --------------------------------------------------------------------------- filters
