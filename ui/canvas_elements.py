"""The cytoscape elements of one computed view: its actors, its edges with recounted totals, its pairs."""
from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from graph.index import EdgeIndex
from graph.rules import within
from ui.elements import edge_element, make_edge_id
from ui.pairs import pair_element


def view_elements(index: EdgeIndex, view: Any, templates: Mapping[str, Mapping[str, Any]],
                  in_range: Collection[str] | None) -> list[dict]:
    """Cytoscape elements of a view (a `ui.corpus.View`): node templates with their classes, edges with the recounted totals.

    With a date range (`in_range`: the articles inside it), whether an edge is negated or
    speculative is judged on its evidence inside the range only.
    """
    s = view.survivors
    nodes = []
    for node_id in view.nodes:
        classes = [c for c, on in (("on-path", node_id in view.path_nodes), ("focus-root", node_id == view.focus))
                   if on]
        template = templates[node_id]
        if view.positions and node_id in view.positions:
            template = {**template, "position": dict(view.positions[node_id])}
        nodes.append({**template, "classes": " ".join(classes)} if classes else dict(template))
    edges = []
    for i in view.edges:
        src, dst, key, attrs = index.edge(i)
        if in_range is not None and attrs.get("evidence"):
            attrs = {**attrs, "evidence": within(attrs["evidence"], in_range)}
        attrs = {**attrs, "weight": int(s.weight[i]), "articles": int(s.articles[i])}
        relation = str(attrs.get("relation") or key)
        edges.append(edge_element(src, dst, key, attrs, on_path=make_edge_id(src, relation, dst) in view.path_edges,
                                  strength=int(s.strength(view.everything)[1][i])))
    labels = {n: str(templates[n]["data"].get("label") or n) for n in view.nodes}
    return nodes + edges + [pair_element(p, labels) for p in view.pairs]
