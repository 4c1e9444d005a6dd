"""Communities of actors (Louvain, over typed relations), offered as a node colouring on the canvas."""
from __future__ import annotations

import networkx as nx
import numpy as np

from graph.ontology import WEAK_RELATIONS
from ui.elements import Data, relation_of

# Okabe-Ito and a few darker companions: told apart with the common colour-vision deficiencies
COMMUNITY_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D31", "#7B4F9D",
                     "#3B7D23", "#B8860B")
SMALL_COMMUNITY = "#9AA5B1"  # actors of the many small communities share one grey
MANY_TIES = 20_000  # a graph of more ties than this is thinned to each actor's strongest ...
STRONGEST_TIES = 30  # ... this many, before its communities are found


def typed_pairs(data: Data) -> nx.Graph:
    """One link per pair of actors with a typed relation, weighted by their edges' evidence."""
    g = nx.Graph()
    for edge in data.get("edges", ()):
        s, t = str(edge.get("source")), str(edge.get("target"))
        if s == t or relation_of(edge) in WEAK_RELATIONS:
            continue
        w = float(edge.get("weight") or 1)
        g.add_edge(s, t, weight=g[s][t]["weight"] + w if g.has_edge(s, t) else w)
    return g


def communities(data: Data, *, seed: int = 7, pairs: nx.Graph | None = None) -> list[set[str]]:
    """The actors' communities, largest first: networkx's Louvain method over the typed relations
    (:func:`typed_pairs`, or `pairs` when counted already: `ui.tallies.typed_pairs`); an actor
    with no typed relation is alone."""
    g = _strongest_ties(typed_pairs(data) if pairs is None else pairs)
    found = nx.community.louvain_communities(g, weight="weight", seed=seed) if len(g) else []
    alone = [{str(n.get("id"))} for n in data.get("nodes", ()) if str(n.get("id")) not in g]
    return sorted([set(c) for c in found] + alone, key=lambda c: (-len(c), min(c)))


def _strongest_ties(g: nx.Graph) -> nx.Graph:
    """`g`, or for a dense graph of many ties only each actor's STRONGEST_TIES heaviest: an actor's
    community is settled by its strong ties, and Louvain's time grows with every link (100,000
    articles of one region give 270,000 pairs among 733 actors: 1.4 s, a tenth of it so thinned)."""
    if g.number_of_edges() <= MANY_TIES:
        return g
    nodes = list(g)
    code = {n: i for i, n in enumerate(nodes)}
    ties = list(g.edges(data="weight"))
    a, b = (np.fromiter((code[t[side]] for t in ties), np.int64, len(ties)) for side in (0, 1))
    weight = np.fromiter((t[2] for t in ties), float, len(ties))
    by_name = np.empty(len(nodes), dtype=np.int64)  # equal weights: the other actor's name decides
    by_name[sorted(range(len(nodes)), key=lambda i: str(nodes[i]))] = np.arange(len(nodes))
    # each tie seen from both ends; each actor's ties heaviest first, then by the other's name
    end, other, tie = np.concatenate([a, b]), np.concatenate([b, a]), np.tile(np.arange(len(ties)), 2)
    order = np.lexsort((by_name[other], -np.tile(weight, 2), end))
    end = end[order]
    starts = np.flatnonzero(np.r_[True, end[1:] != end[:-1]])
    place = np.arange(len(end)) - np.repeat(starts, np.diff(np.r_[starts, len(end)]))
    keep = np.zeros(len(ties), dtype=bool)
    keep[tie[order][place < STRONGEST_TIES]] = True
    out = nx.Graph()
    out.add_nodes_from(g)
    out.add_weighted_edges_from(t for t, kept in zip(ties, keep.tolist()) if kept)
    return out


def community_colours(data: Data, *, seed: int = 7, pairs: nx.Graph | None = None) -> dict[str, str]:
    """The colour of each actor's community (see :func:`communities`): the largest communities get
    the palette, the rest grey; actors with no typed relation are grey."""
    out = {str(n.get("id")): SMALL_COMMUNITY for n in data.get("nodes", ())}
    for colour, members in zip(COMMUNITY_COLOURS, (c for c in communities(data, seed=seed, pairs=pairs) if len(c) > 2)):
        for n in members:
            out[n] = colour
    return out
