"""Reach and rank over the filter engine's arrays (`graph.index.EdgeIndex`): what a filter
choice keeps (:class:`Survivors`), neighbourhoods, the actors drawn within a budget (the choice of
`graph.query.display_subgraph`), the most central actors, and the strongest edges and pairs drawn."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Survivors:
    """Which edges and actors a filter choice keeps, with the recounted edge totals.

    Attributes:
        edges: Boolean mask over the index's edges.
        weight: Evidence count of each edge within the date range (the stored one without).
        articles: Distinct articles of each edge within the date range.
        nodes: Boolean mask over the index's actors: those touching a kept edge, and the kept ones.
        held: Evidence of each edge that holds (asserted or reported, not negated: see
            `graph.query.holds`), within the date range; the stored weight for an edge without
            evidence of its own.
        held_articles: Distinct articles of each edge with a sentence that holds.
    """

    edges: np.ndarray
    weight: np.ndarray
    articles: np.ndarray
    nodes: np.ndarray
    held: np.ndarray
    held_articles: np.ndarray

    def strength(self, everything: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Evidence count and distinct articles of each edge: what holds, or every sentence with `everything`."""
        return (self.weight, self.articles) if everything else (self.held, self.held_articles)


@dataclass(frozen=True)
class Pair:
    """Two linked actors as one overview edge: evidence (that holds, or every sentence), net stance
    (cooperation minus conflict) and ``(relation, evidence)`` of each relation type, largest first."""

    source: str
    target: str
    evidence: int
    net: int
    relations: tuple[tuple[str, int], ...]


class Reach:
    """The reach and rank of an edge index: mixed into `graph.index.EdgeIndex`, whose arrays it
    reads (`nodes`, `node_index`, `src`, `dst`, `rel`, `typed`, `has_evidence`, `polarity`,
    `id_rank`, `node_type`, `type_names`, `relation_names`, `g`)."""

    def _around(self, s: Survivors, mask: np.ndarray) -> np.ndarray:
        """The actors of `mask` that a kept edge touches and their neighbours over kept edges
        (either direction), as a mask: one pass over the edges, however many actors ask."""
        touch = s.edges & (mask[self.src] | mask[self.dst])
        out = np.zeros(len(self.nodes), dtype=bool)
        out[self.src[touch]] = True
        out[self.dst[touch]] = True
        return out

    def neighbourhood(self, s: Survivors, focus: str, hops: int, expanded: Iterable[str] = ()) -> np.ndarray:
        """Actors within `hops` of `focus`, plus the expanded actors and their neighbours (a mask)."""
        seen = np.zeros(len(self.nodes), dtype=bool)
        start = self.node_index[focus]
        seen[start] = True
        frontier = seen.copy()
        for _ in range(hops):
            frontier = self._around(s, frontier) & ~seen
            if not frontier.any():
                break
            seen |= frontier
        wanted = np.zeros(len(self.nodes), dtype=bool)
        for node in expanded:
            i = self.node_index.get(node)
            if i is not None and s.nodes[i]:
                wanted[i] = True
        if wanted.any():
            seen |= wanted | self._around(s, wanted)
        mask = seen & s.nodes
        mask[start] = True
        return mask

    def strength(self, s: Survivors, scope: np.ndarray | None, *, typed_only: bool,
                 everything: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Weighted degree and degree of every actor over kept edges within `scope` (None: all).

        An edge weighs the evidence that holds (every sentence with `everything`; 1 for an edge
        without evidence of its own); an edge none of whose sentences holds counts not at all.
        """
        weight, _ = s.strength(everything)
        mask = s.edges if scope is None or scope is s.nodes else s.edges & scope[self.src] & scope[self.dst]
        mask = mask & (~self.has_evidence | (weight > 0))  # a kept edge's ends are kept actors
        if typed_only:
            mask &= self.typed
        kept = np.flatnonzero(mask)
        w = np.where(self.has_evidence[kept], weight[kept], np.maximum(s.weight[kept], 1))
        src, dst, n = self.src[kept], self.dst[kept], len(self.nodes)
        weighted = np.bincount(src, weights=w, minlength=n) + np.bincount(dst, weights=w, minlength=n)
        degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
        return weighted.astype(np.int64), degree.astype(np.int64)

    def weighted_degree(self, s: Survivors, nodes: Sequence[str], *, everything: bool = False) -> dict[str, int]:
        """Weighted degree of `nodes` among themselves (evidence that holds, or every sentence)."""
        scope = np.zeros(len(self.nodes), dtype=bool)
        scope[[self.node_index[n] for n in nodes]] = True
        weighted, _ = self.strength(s, scope, typed_only=False, everything=everything)
        return {n: int(weighted[self.node_index[n]]) for n in nodes}

    def _ranked(self, candidates: np.ndarray, weighted: np.ndarray, degree: np.ndarray) -> np.ndarray:
        idx = np.flatnonzero(candidates)
        order = np.lexsort((self.id_rank[idx], -degree[idx], -weighted[idx]))
        return idx[order]

    def budgeted(self, s: Survivors, scope: np.ndarray, budget: int, focus: str | None = None, *,
                 everything: bool = False) -> tuple[np.ndarray, bool]:
        """The actors drawn within the budget (the choice of `graph.query.display_subgraph`), as a mask."""
        if int(scope.sum()) <= budget:
            return scope, False
        weighted, degree = self.strength(s, scope, typed_only=False, everything=everything)
        chosen = np.zeros(len(self.nodes), dtype=bool)
        f = self.node_index.get(focus) if focus is not None else None
        if f is not None and scope[f]:
            chosen[f] = True
            near = np.zeros(len(self.nodes), dtype=bool)
            near[f] = True
            near = self._around(s, near) & scope
            near[f] = False
            chosen[self._ranked(near, weighted, degree)[:budget - 1]] = True
        rest = scope & ~chosen
        chosen[self._ranked(rest, weighted, degree)[:budget - int(chosen.sum())]] = True
        return chosen, True

    def central(self, s: Survivors, *, top: int, exclude_types: Collection[str] = (),
                everything: bool = False) -> list[tuple[str, str, int]]:
        """The most connected actors (the ranking of `graph.query.central_actors`), by evidence that holds."""
        weighted, degree = self.strength(s, None, typed_only=True, everything=everything)
        excluded = np.isin(self.node_type, [i for i, t in enumerate(self.type_names) if t in set(exclude_types)])
        ranked = self._ranked((degree > 0) & ~excluded, weighted, degree)[:top]
        return [(self.nodes[i], str(self.g.nodes[self.nodes[i]].get("label") or self.nodes[i]), int(weighted[i]))
                for i in ranked]

    # ---- drawing ---------------------------------------------------------------------
    def drawn_edges(self, s: Survivors, nodes: np.ndarray, limit: int, *,
                    everything: bool = False) -> tuple[np.ndarray, int]:
        """The kept edges between drawn actors, the strongest `limit` of them (by evidence that
        holds, or every sentence with `everything`); and how many there were."""
        idx = np.flatnonzero(s.edges & nodes[self.src] & nodes[self.dst])
        if len(idx) <= limit:
            return idx, len(idx)
        weight, articles = s.strength(everything)
        order = np.lexsort((idx, -weight[idx], -articles[idx]))
        return np.sort(idx[order[:limit]]), len(idx)

    def pairs(self, s: Survivors, nodes: np.ndarray, *, everything: bool = False) -> list[Pair]:
        """One entry per pair of drawn actors linked by kept edges, strongest first (an overview draws one edge each).

        Evidence counts what holds (every sentence with `everything`); an edge without evidence
        of its own counts 1; a pair none of whose sentences holds is left out. `net` is
        cooperation minus conflict, as the stance heatmap counts them.
        """
        weight, _ = s.strength(everything)
        idx = np.flatnonzero(s.edges & nodes[self.src] & nodes[self.dst] & (self.src != self.dst))
        w = np.where(self.has_evidence[idx], weight[idx], np.maximum(s.weight[idx], 1))
        idx, w = idx[w > 0], w[w > 0]
        if not len(idx):
            return []
        # each pair as (first, second) by id rank, as one number; then its sums and its types' sums
        ends = np.column_stack([self.src[idx], self.dst[idx]])
        swap = self.id_rank[ends[:, 0]] > self.id_rank[ends[:, 1]]
        ends[swap] = ends[swap][:, ::-1]
        n, k = len(self.nodes), len(self.relation_names)
        pair, at = np.unique(ends[:, 0].astype(np.int64) * n + ends[:, 1], return_inverse=True)
        evidence = np.bincount(at, weights=w).astype(np.int64)
        net = np.bincount(at, weights=self.polarity[idx] * w).astype(np.int64)
        typed, typed_at = np.unique(at.astype(np.int64) * k + self.rel[idx], return_inverse=True)
        by_pair: list[list[tuple[str, int]]] = [[] for _ in pair]
        for key, total in zip(typed.tolist(), np.bincount(typed_at, weights=w).astype(np.int64).tolist()):
            by_pair[key // k].append((self.relation_names[key % k], total))
        out = [Pair(self.nodes[key // n], self.nodes[key % n], e, m,
                    tuple(sorted(kinds, key=lambda kv: (-kv[1], kv[0]))))
               for key, e, m, kinds in zip(pair.tolist(), evidence.tolist(), net.tolist(), by_pair)]
        return sorted(out, key=lambda p: (-p.evidence, p.source, p.target))
