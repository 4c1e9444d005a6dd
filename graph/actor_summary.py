"""One actor as its panel shows it, counted from the filter engine's arrays (`graph.index`).

`graph.search.node_summary` reads a graph of the actor's edges; a hub of a large corpus has
thousands of them, and making that graph (with a view of each edge's sentences) cost more than
the rest of its panel. Here its relations by type, its neighbours and its articles are counted
from the arrays the filters already made, and only the edges a panel lists are made into a graph
(:func:`actor_edges`); its every sentence is one list the store pages (:func:`actor_sentences`).
"""
from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from graph.index import EdgeIndex
from graph.sentence_list import StoredSentences
from graph.query import _ORDER, _label
from graph.reach import Survivors
from graph.search import Neighbour, NodeSummary, RelationGroup, summary_articles


def actor_summary(index: EdgeIndex, s: Survivors, node: str, positions: Sequence[int],
                  documents: Collection | None = None) -> NodeSummary:
    """What `graph.search.node_summary` says of `node` over the graph ``index.graph(s, documents,
    edges=positions, nodes=[node])``, without making that graph.

    Args:
        index: The filter engine of the corpus version.
        s: What the filters keep (their weights recounted over the period).
        node: The actor (an actor of the index).
        positions: The kept edges touching it (`EdgeIndex.incident`).
        documents: The period's articles (None: no date filter).
    """
    d = index.g.nodes[node]
    me = index.node_index[node]
    at = np.asarray(positions, dtype=np.int64)  # each edge once: a loop counts once, as the actor's own
    src, dst, rel = index.src[at], index.dst[at], index.rel[at]
    outgoing = src == me
    other = np.where(outgoing, dst, src)
    weight = s.weight[at].astype(np.int64)
    sentences = np.where(index.has_evidence[at], weight, 0)
    rank = index.id_rank
    names = index.relation_names
    groups = []
    for code in sorted(np.unique(rel).tolist(), key=lambda r: (_ORDER.get(names[r], len(_ORDER)), names[r])):
        mine = rel == code
        ends = []
        for direction in (outgoing, ~outgoing):
            pick = np.flatnonzero(mine & direction)
            pick = pick[np.lexsort((rank[other[pick]], -weight[pick]))]
            ends.append(tuple(index.nodes[n] for n in other[pick].tolist()))
        pick = np.flatnonzero(mine)
        pick = pick[np.lexsort((rank[dst[pick]], rank[src[pick]], -weight[pick]))]
        rows = tuple((index.nodes[a], index.nodes[b], w)
                     for a, b, w in zip(src[pick].tolist(), dst[pick].tolist(), weight[pick].tolist()))
        groups.append(RelationGroup(names[code], *ends, int(sentences[mine].sum()), rows))
    neighbours = []
    ties = np.bincount(other, weights=weight, minlength=len(index.nodes)).astype(np.int64)
    linked = np.unique(other.astype(np.int64) * len(names) + rel)  # (neighbour, relation type) as one number, sorted
    who, kinds = linked // len(names), linked % len(names)
    starts = np.flatnonzero(np.r_[True, who[1:] != who[:-1]]) if len(linked) else np.zeros(0, np.int64)
    for n, codes in zip(who[starts].tolist(), np.split(kinds, starts[1:])):
        relations = sorted((names[r] for r in codes.tolist()), key=lambda r: (_ORDER.get(r, len(_ORDER)), r))
        name = index.nodes[n]
        neighbours.append(Neighbour(name, _label(index.g, name), str(index.g.nodes[name].get("type") or ""),
                                    tuple(relations), int(ties[n])))
    neighbours.sort(key=lambda nb: (-nb.weight, nb.label, nb.id))
    own = index.trimmed_edges(at[at >= index.n_stored].tolist(), documents)  # edges not as stored: their articles
    return NodeSummary(id=node, label=_label(index.g, node), type=str(d.get("type") or ""),
                       aliases=tuple(d.get("aliases") or ()), mentions=int(d.get("mentions") or 0),
                       relations=tuple(groups), neighbours=tuple(neighbours),
                       articles=summary_articles(d, (e.get("evidence") or () for *_, e in own), index.g.graph))


def actor_edges(summary: NodeSummary, rows: int) -> list[tuple[str, str, str]]:
    """The edges ``(source, target, relation)`` an actor's panel lists: the `rows` strongest of each type."""
    return [(a, b, group.relation) for group in summary.relations for a, b, _ in group.rows[:rows]]


def actor_sentences(index: EdgeIndex, positions: Sequence[int], documents: Collection | None = None
                    ) -> StoredSentences | None:
    """The sentences of the typed edges at `positions` as one list the store pages, when every
    one of them is as stored (no date filter, none made or changed by curation); None otherwise."""
    at = np.asarray(positions, dtype=np.int64)
    at = at[index.typed[at] & index.has_evidence[at]]
    if documents is not None or (at >= index.n_stored).any():
        return None
    at = at[index.base_weight[at] > 0]
    return StoredSentences(index.reader, [(index.nodes[a], index.relation_names[r], index.nodes[b]) for a, r, b in zip(
        index.src[at].tolist(), index.rel[at].tolist(), index.dst[at].tolist())], int(index.base_weight[at].sum()))


__all__ = ["actor_edges", "actor_sentences", "actor_summary"]
