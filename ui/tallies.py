"""What the page counts once per corpus version, by numpy over the filter engine's arrays.

The relation filter's counts, the header's figures, each actor's degree (what sizes an actor
without mentions), the most articles behind one edge, and the graph of typed pairs the
communities are found in: each is what `ui.elements` and `ui.communities` count from the
light node-link data, without a Python loop over every edge (hundreds of thousands on a
large corpus).
"""
from __future__ import annotations

import networkx as nx
import numpy as np

from graph.edge_table import pair_keys
from graph.index import EdgeIndex


def relation_counts(index: EdgeIndex) -> dict[str, int]:
    """Edges per relation type, in the order the types first appear (`ui.elements.relation_counts`)."""
    codes, first = np.unique(index.rel, return_index=True)
    counts = np.bincount(index.rel, minlength=len(index.relation_names))
    return {index.relation_names[c]: int(counts[c]) for c in codes[np.argsort(first)].tolist()}


def graph_stats(index: EdgeIndex) -> dict[str, int]:
    """Actors, typed relations, their evidence sentences and the articles (`ui.elements.graph_stats`)."""
    return {"actors": len(index.nodes), "relations": int(index.typed.sum()),
            "evidence": int(index.base_weight[index.typed].sum()), "articles": len(index.dates)}


def typed_degree(index: EdgeIndex) -> dict[str, int]:
    """Each actor's typed edges, either direction (what `ui.elements.node_sizes` falls back on)."""
    n = len(index.nodes)
    degree = (np.bincount(index.src[index.typed], minlength=n) + np.bincount(index.dst[index.typed], minlength=n))
    return dict(zip(index.nodes, degree.tolist()))


def most_articles(index: EdgeIndex) -> int:
    """The most distinct articles behind one edge (0 without edges)."""
    return int(index.base_articles.max()) if len(index.base_articles) else 0


def typed_pairs(index: EdgeIndex) -> nx.Graph:
    """One link per pair of actors with a typed relation, weighted by their edges' evidence (an edge
    without any weighs 1): the graph `ui.communities` builds, with its actors and links in the
    same order (where they first appear), so Louvain finds the same communities."""
    mask = index.typed & (index.src != index.dst)
    src, dst, weight = index.src[mask], index.dst[mask], index.base_weight[mask]
    weight = np.where(weight > 0, weight, 1).astype(float)
    key = pair_keys(src, dst, len(index.nodes))
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    totals = np.bincount(inverse.ravel(), weights=weight)
    order = np.argsort(first)
    g = nx.Graph()
    g.add_weighted_edges_from((index.nodes[s], index.nodes[t], w) for s, t, w in zip(
        src[first[order]].tolist(), dst[first[order]].tolist(), totals[order].tolist()))
    return g
