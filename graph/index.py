"""The filter engine: array indexes of one corpus version, so a filter change costs milliseconds.

The canvas, the exports, paths and stance ask it which edges and actors survive a filter.

`graph.query.filter_graph` builds a new networkx graph with trimmed evidence: right for the
panels, charts, paths and exports, but too slow to run on every filter change of a corpus
with tens of thousands of edges. The canvas only needs to know which edges survive, with
what weight and article count, and which actors are drawn; :class:`EdgeIndex` answers that
with numpy over arrays built once per corpus version, under the same rules as
`filter_graph` (the tests hold the two to the same answers), and picks the actors drawn
within the display budget by the same ordering as `graph.query.display_subgraph`.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from graph.query import CO_MENTIONED

SPECULATIVE = frozenset({"future", "hypothetical"})


@dataclass(frozen=True)
class Survivors:
    """Which edges and actors a filter choice keeps, with the recounted edge totals.

    Attributes:
        edges: Boolean mask over the index's edges.
        weight: Evidence count of each edge within the date range (the stored one without).
        articles: Distinct articles of each edge within the date range.
        nodes: Boolean mask over the index's actors: those touching a kept edge, and the kept ones.
    """

    edges: np.ndarray
    weight: np.ndarray
    articles: np.ndarray
    nodes: np.ndarray


def _month_span(date: str | None, month_index: Mapping[str, int], last: int) -> tuple[int, int]:
    """The months (as indexes) a document date covers: one month, or a whole year; (-1, -1) when undated."""
    if not date or len(date) < 4 or not date[:4].isdigit():
        return -1, -1
    if len(date) >= 7 and date[5:7].isdigit():
        i = month_index.get(date[:7], -1)
        return i, i
    year = date[:4]
    inside = [i for m, i in month_index.items() if m.startswith(year)]
    return (min(inside), max(inside)) if inside else (-1, -1)


class EdgeIndex:
    """The edges, actors and evidence of a graph as arrays, for fast filtering and ranking.

    Args:
        g: The (curated) graph of one corpus version; never changed.
        months: The ``YYYY-MM`` months of the date slider.
    """

    def __init__(self, g: nx.MultiDiGraph, months: Sequence[str]):
        self.g = g
        self.nodes: list[str] = list(g.nodes)
        self.node_index = {n: i for i, n in enumerate(self.nodes)}
        types = [str(d.get("type") or "") for _, d in g.nodes(data=True)]
        self.type_names = sorted(set(types))
        type_code = {t: i for i, t in enumerate(self.type_names)}
        self.node_type = np.array([type_code[t] for t in types], dtype=np.int32)
        # ties in rankings go to the smaller id, as in graph.query
        self.id_rank = np.empty(len(self.nodes), dtype=np.int64)
        self.id_rank[np.argsort(np.array(self.nodes, dtype=object))] = np.arange(len(self.nodes))
        self.edges: list[tuple[str, str, str, dict]] = list(g.edges(keys=True, data=True))
        n_edges = len(self.edges)
        relations = [str(d.get("relation", k)) for _, _, k, d in self.edges]
        self.relation_names = sorted(set(relations))
        relation_code = {r: i for i, r in enumerate(self.relation_names)}
        self.rel = np.array([relation_code[r] for r in relations], dtype=np.int32)
        self.src = np.array([self.node_index[s] for s, _, _, _ in self.edges], dtype=np.int64)
        self.dst = np.array([self.node_index[t] for _, t, _, _ in self.edges], dtype=np.int64)
        self.has_evidence = np.array([bool(d.get("evidence")) for *_, d in self.edges], dtype=bool)
        self.base_weight = np.array([int(d.get("weight") or 0) for *_, d in self.edges], dtype=np.int64)
        self.base_articles = np.array([
            int(d["articles"]) if d.get("articles") is not None else len({ev.get("doc_id") for ev in d["evidence"]})
            if d.get("evidence") else 0 for *_, d in self.edges], dtype=np.int64)
        month_index = {m: i for i, m in enumerate(months)}
        spans = {doc: _month_span((meta or {}).get("date"), month_index, len(months) - 1)
                 for doc, meta in (g.graph.get("documents") or {}).items()}
        self.doc_span = spans
        pair_edge, pair_lo, pair_hi, pair_n = [], [], [], []
        for e, (*_, d) in enumerate(self.edges):
            per_doc: dict[Any, int] = defaultdict(int)
            for ev in d.get("evidence") or ():
                per_doc[ev.get("doc_id")] += 1
            for doc, n in per_doc.items():
                lo, hi = spans.get(doc, (-1, -1))
                pair_edge.append(e)
                pair_lo.append(lo)
                pair_hi.append(hi)
                pair_n.append(n)
        self.pair_edge = np.array(pair_edge, dtype=np.int64)
        self.pair_lo = np.array(pair_lo, dtype=np.int64)
        self.pair_hi = np.array(pair_hi, dtype=np.int64)
        self.pair_n = np.array(pair_n, dtype=np.int64)
        self.n_edges = n_edges
        self.edge_ids = [f"{s}|{rel}|{t}" for (s, t, _, _), rel in zip(self.edges, relations)]
        self.edge_position = {eid: i for i, eid in enumerate(self.edge_ids)}
        self.typed = self.rel != relation_code.get(CO_MENTIONED, -1)
        self.months = tuple(months)

    # ---- filtering -------------------------------------------------------------------
    def survivors(self, *, relations: Collection[str], types: Collection[str], months: tuple[int, int] | None,
                  min_articles: int, keep: Collection[str] = ()) -> Survivors:
        """Which edges and actors the filters keep (the rules of `graph.query.filter_graph`).

        Args:
            relations: Relation types allowed (co_mentioned only when named).
            types: Entity types allowed.
            months: Inclusive month indexes of the date range; None applies no date filter.
            min_articles: Least distinct articles behind an evidenced edge.
            keep: Actors kept whatever their type.
        """
        pinned = np.zeros(len(self.nodes), dtype=bool)
        for n in keep:
            if n in self.node_index:
                pinned[self.node_index[n]] = True
        allowed_types = np.isin(self.node_type, [i for i, t in enumerate(self.type_names) if t in set(types)])
        candidates = allowed_types | pinned
        allowed_rel = np.isin(self.rel, [i for i, r in enumerate(self.relation_names) if r in set(relations)])
        edge_ok = allowed_rel & candidates[self.src] & candidates[self.dst]
        if months is None:
            weight, articles = self.base_weight, self.base_articles
        else:
            lo, hi = months
            inside = (self.pair_lo >= 0) & (self.pair_hi >= lo) & (self.pair_lo <= hi)
            weight = np.bincount(self.pair_edge[inside], weights=self.pair_n[inside],
                                 minlength=self.n_edges).astype(np.int64)
            articles = np.bincount(self.pair_edge[inside], minlength=self.n_edges).astype(np.int64)
        evidenced = edge_ok & self.has_evidence & (articles >= max(min_articles, 1 if months is not None else 0))
        structural = edge_ok & ~self.has_evidence
        anchored = pinned.copy()
        anchored[self.src[evidenced]] = True
        anchored[self.dst[evidenced]] = True
        if months is not None or min_articles > 1:
            structural &= anchored[self.src] & anchored[self.dst]
        kept = evidenced | structural
        nodes = anchored.copy()
        nodes[self.src[structural]] = True
        nodes[self.dst[structural]] = True
        return Survivors(edges=kept, weight=np.where(self.has_evidence, weight, self.base_weight),
                         articles=np.where(self.has_evidence, articles, self.base_articles), nodes=nodes)

    def documents_in(self, months: tuple[int, int]) -> frozenset:
        """The articles whose date falls in the month range (undated ones never do)."""
        lo, hi = months
        return frozenset(doc for doc, (a, b) in self.doc_span.items() if a >= 0 and b >= lo and a <= hi)

    # ---- reach and rank --------------------------------------------------------------
    def _adjacency(self, s: Survivors) -> list[np.ndarray]:
        """Neighbours of every actor over the kept edges (either direction)."""
        src, dst = self.src[s.edges], self.dst[s.edges]
        a = np.concatenate([src, dst])
        b = np.concatenate([dst, src])
        order = np.argsort(a, kind="stable")
        a, b = a[order], b[order]
        bounds = np.searchsorted(a, np.arange(len(self.nodes) + 1))
        return [b[bounds[i]:bounds[i + 1]] for i in range(len(self.nodes))]

    def neighbourhood(self, s: Survivors, focus: str, hops: int, expanded: Iterable[str] = ()) -> np.ndarray:
        """Actors within `hops` of `focus`, plus the expanded actors and their neighbours (a mask)."""
        adjacency = self._adjacency(s)
        seen = np.zeros(len(self.nodes), dtype=bool)
        start = self.node_index[focus]
        seen[start] = True
        frontier = [start]
        for _ in range(hops):
            nxt = np.unique(np.concatenate([adjacency[i] for i in frontier])) if frontier else np.array([], int)
            nxt = nxt[~seen[nxt]] if len(nxt) else nxt
            if not len(nxt):
                break
            seen[nxt] = True
            frontier = list(nxt)
        for node in expanded:
            i = self.node_index.get(node)
            if i is not None and s.nodes[i]:
                seen[i] = True
                seen[adjacency[i]] = True
        mask = seen & s.nodes
        mask[start] = True
        return mask

    def strength(self, s: Survivors, scope: np.ndarray, *, typed_only: bool) -> tuple[np.ndarray, np.ndarray]:
        """Weighted degree (weight, 1 when none) and degree of every actor over kept edges within `scope`."""
        mask = s.edges & scope[self.src] & scope[self.dst]
        if typed_only:
            mask &= self.typed
        w = np.where(s.weight > 0, s.weight, 1)[mask]
        n = len(self.nodes)
        weighted = np.bincount(self.src[mask], weights=w, minlength=n) + np.bincount(self.dst[mask], weights=w,
                                                                                     minlength=n)
        degree = np.bincount(self.src[mask], minlength=n) + np.bincount(self.dst[mask], minlength=n)
        return weighted.astype(np.int64), degree.astype(np.int64)

    def _ranked(self, candidates: np.ndarray, weighted: np.ndarray, degree: np.ndarray) -> np.ndarray:
        idx = np.flatnonzero(candidates)
        order = np.lexsort((self.id_rank[idx], -degree[idx], -weighted[idx]))
        return idx[order]

    def budgeted(self, s: Survivors, scope: np.ndarray, budget: int, focus: str | None = None
                 ) -> tuple[np.ndarray, bool]:
        """The actors drawn within the budget (the choice of `graph.query.display_subgraph`), as a mask."""
        if int(scope.sum()) <= budget:
            return scope, False
        weighted, degree = self.strength(s, scope, typed_only=False)
        chosen = np.zeros(len(self.nodes), dtype=bool)
        f = self.node_index.get(focus) if focus is not None else None
        if f is not None and scope[f]:
            chosen[f] = True
            near = np.zeros(len(self.nodes), dtype=bool)
            near[self._adjacency(s)[f]] = True
            near &= scope
            near[f] = False
            chosen[self._ranked(near, weighted, degree)[:budget - 1]] = True
        rest = scope & ~chosen
        chosen[self._ranked(rest, weighted, degree)[:budget - int(chosen.sum())]] = True
        return chosen, True

    def central(self, s: Survivors, *, top: int, exclude_types: Collection[str] = ()) -> list[tuple[str, str, int]]:
        """The most connected actors (the ranking of `graph.query.central_actors`)."""
        weighted, degree = self.strength(s, np.ones(len(self.nodes), dtype=bool), typed_only=True)
        excluded = np.isin(self.node_type, [i for i, t in enumerate(self.type_names) if t in set(exclude_types)])
        ranked = self._ranked((degree > 0) & ~excluded, weighted, degree)[:top]
        return [(self.nodes[i], str(self.g.nodes[self.nodes[i]].get("label") or self.nodes[i]), int(weighted[i]))
                for i in ranked]

    # ---- drawing ---------------------------------------------------------------------
    def drawn_edges(self, s: Survivors, nodes: np.ndarray, limit: int) -> tuple[np.ndarray, int]:
        """The kept edges between drawn actors, the strongest `limit` of them; and how many there were."""
        idx = np.flatnonzero(s.edges & nodes[self.src] & nodes[self.dst])
        if len(idx) <= limit:
            return idx, len(idx)
        order = np.lexsort((idx, -s.weight[idx], -s.articles[idx]))
        return np.sort(idx[order[:limit]]), len(idx)

    def incident(self, s: Survivors, nodes: Iterable[str]) -> list[int]:
        """Kept edges touching any of `nodes` (edge positions)."""
        wanted = [self.node_index[n] for n in nodes if n in self.node_index]
        if not wanted:
            return []
        touch = np.isin(self.src, wanted) | np.isin(self.dst, wanted)
        return list(np.flatnonzero(s.edges & touch))

    def position(self, edge_id: str) -> int | None:
        """The position of an edge id in the index (None when the graph has no such edge)."""
        return self.edge_position.get(edge_id)
