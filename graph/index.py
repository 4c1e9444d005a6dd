"""The one filter engine: which edges and actors survive a filter, and the graph they make.

The canvas, the panels, the exports, paths and stance all ask it. The rules it applies are in
`graph.rules` (which relation types a choice allows, which articles a date range covers); which
edges and actors survive (:meth:`EdgeIndex.survivors`) is answered with numpy over arrays built
once per corpus version, so a filter change costs milliseconds. :meth:`EdgeIndex.graph` turns
an answer into a networkx graph with evidence trimmed to the period and totals recounted;
`graph.query.filter_graph` is that, in one call. Its reach and rank (neighbourhoods, the actors
drawn within the display budget, the strongest edges) are `graph.reach`'s.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from functools import cached_property
from itertools import repeat
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np

from graph.aggregates import month_of
from graph.edge_table import pair_keys
from graph.lazy import StoredEvidence
from graph.ontology import BY_NAME, WEAK_RELATIONS, polarity
from graph.outlets import OutletTable, outlets_of
from graph.reach import Reach, Survivors
from graph.rules import Period, doc_dates, edge_totals, holds, in_range, month_key, month_span, within


def release(g: Any) -> None:
    """Drop the views a networkx graph (anything else is left alone) keeps of itself once asked (`g.nodes`, `g.succ`, ...: each
    refers back to the graph, a reference cycle), so that the graph and every attribute dict in
    it are freed as soon as nothing else holds it, instead of waiting, with every object it
    holds, for a full pass of the cycle collector (which walks all of them, mid-click). The graph
    stays usable: a view asked for again is made again. The graphs of a tuple are released each."""
    if isinstance(g, tuple):
        for part in g:
            release(part)
    if not isinstance(g, nx.Graph):
        return
    for klass in type(g).__mro__:
        for name, attr in vars(klass).items():
            if isinstance(attr, cached_property):
                g.__dict__.pop(name, None)


class EdgeIndex(Reach):
    """The edges, actors and evidence of a graph as arrays, for fast filtering and ranking.

    Args:
        g: The (curated) graph of one corpus version; never changed.
        months: The ``YYYY-MM`` months of the date slider.
        vectorised: Read the rows of edges as the store counts them as columns (False: one by
            one, as every other edge; the same index, slower: for the tests that say so).
        stored: Edges kept apart from `g`: a `graph.edge_table.EdgeTable` with the reader of their
            sentences (`graph.lazy.StoreReader`). They come first, in the order a graph built
            from them has them (by subject, object and type), and are made into graph edges
            only when asked for (:meth:`edge`): no Python object per edge is made for them.
    """

    def __init__(self, g: nx.MultiDiGraph, months: Sequence[str], *, vectorised: bool = True,
                 stored: tuple[Any, Any] | None = None):
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
        self.own_edges: list[tuple[str, str, str, dict]] = list(g.edges(keys=True, data=True))
        relations = [str(d.get("relation", k)) for _, _, k, d in self.own_edges]
        # what reads the sentences of the table's edges (`graph.lazy.StoreReader`; None without a table)
        table, self.reader = stored if stored is not None else (None, None)
        ends = self._codes(table)
        kept = self._stored_edges(table, ends)
        self._table, self._kept, self.n_stored = table, kept, len(kept)
        self.relation_names = sorted(set(relations) | ({table.relations[r] for r in np.unique(table.rel[kept]).tolist()}
                                                       if table is not None else set()))
        relation_code = {r: i for i, r in enumerate(self.relation_names)}
        attrs = [d for _, _, _, d in self.own_edges]
        counts, first, last = table.totals() if table is not None else (np.zeros((0, 6), np.int64), None, None)
        self._sums = (counts[kept], first[kept], last[kept]) if table is not None else None
        self.rel = np.concatenate([np.array([relation_code.get(r, -1) for r in table.relations], dtype=np.int32)[
            table.rel[kept]] if table is not None else np.zeros(0, np.int32),
            np.array([relation_code[r] for r in relations], dtype=np.int32)])
        self.src = np.concatenate([ends[table.src[kept]] if table is not None else np.zeros(0, np.int32),
                                   np.array([self.node_index[s] for s, *_ in self.own_edges], dtype=np.int32)])
        self.dst = np.concatenate([ends[table.dst[kept]] if table is not None else np.zeros(0, np.int32),
                                   np.array([self.node_index[t] for _, t, *_ in self.own_edges], dtype=np.int32)])
        stored_flags = (table.contested[kept] if table is not None and table.contested is not None
                        else np.zeros(len(kept), dtype=bool))
        self.has_evidence = np.concatenate([np.ones(len(kept), bool), np.array([bool(d.get("evidence")) for d in attrs],
                                                                                dtype=bool)])
        self.contested = np.concatenate([stored_flags, np.array([bool(d.get("contested")) for d in attrs], dtype=bool)])
        # each table edge's outlets and oldest sentences as counted with the table (None: not counted)
        self._stored_outlets, self._stored_firsts = (None if column is None else column[kept] for column in (
            getattr(table, "outlets", None), getattr(table, "firsts", None)))
        self.base_weight = np.concatenate([counts[kept, 0], np.array([int(d.get("weight") or 0) for d in attrs],
                                                                      dtype=np.int64)])
        self.base_articles = np.concatenate([counts[kept, 2], np.array([
            int(d["articles"]) if d.get("articles") is not None else len({ev.get("doc_id") for ev in d["evidence"]})
            if d.get("evidence") else 0 for d in attrs], dtype=np.int64)])
        self.dates = doc_dates(g)
        # One row per edge and article (per edge and month for evidence kept in the store, read as
        # columns when the store counted it: `MonthTable`): sentences, held, articles (1, or the month's).
        doc_code: dict[Any, int] = {doc: i for i, doc in enumerate(self.dates)}
        rows: list[tuple[int, int, int, int, int, int]] = []
        spans: dict[Any, list[tuple[int, int, int]]] = defaultdict(list)
        for e, d in enumerate(attrs, start=len(kept)):
            evidence = d.get("evidence") or ()
            if isinstance(evidence, StoredEvidence) and evidence.span is not None and vectorised:
                spans[evidence.span[0]].append((e, *evidence.span[1:]))
            elif isinstance(evidence, StoredEvidence):
                rows += [(e, doc_code.setdefault(month_key(month), len(doc_code)), n, held, articles, held_articles)
                         for month, (n, held, articles, held_articles, *_) in evidence.months.items()]
            else:
                per_doc: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
                for ev in evidence:
                    counts_of = per_doc[ev.get("doc_id")]
                    counts_of[0] += 1
                    counts_of[1] += holds(ev)
                rows += [(e, doc_code.setdefault(doc, len(doc_code)), n, held, 1, int(held > 0))
                         for doc, (n, held) in per_doc.items()]

        def month_code(m: str) -> int:
            return doc_code.setdefault(month_key(m), len(doc_code))
        parts = [np.array(rows, dtype=np.int32).reshape(-1, 6).T, *(
            t.index_rows(*np.array(edges, dtype=np.int64).T, month_code) for t, edges in spans.items())]
        if table is not None and len(kept):
            parts.append(table.rows.index_rows(np.arange(len(kept)), table.starts[kept], table.starts[kept + 1],
                                               month_code))
        self.doc_code = doc_code
        self._dated: dict[str, list[str]] = defaultdict(list)  # the articles of each date: a period asks each date once
        for doc, date in self.dates.items():
            if date:
                self._dated[date].append(doc)
        self.pair_edge, self.pair_doc, self.pair_n, self.pair_held, self.pair_articles, self.pair_held_articles = (
            np.concatenate([part[i] for part in parts]) for i in range(6))
        self.stored_months = sorted(k[1] for k in doc_code if isinstance(k, tuple))
        self.n_edges = len(self.src)
        self.typed = ~np.isin(self.rel, [relation_code[r] for r in WEAK_RELATIONS if r in relation_code])
        self.months = tuple(months)
        sign = np.array([BY_NAME[r].polarity if r in BY_NAME else 0 for r in self.relation_names] or [0],
                        dtype=np.int64)
        self.polarity = np.sign(np.concatenate([sign[self.rel[:len(kept)]], np.array([
            d["polarity"] if d.get("polarity") is not None else BY_NAME[r].polarity if r in BY_NAME else 0
            for d, r in zip(attrs, relations)], dtype=np.int64)]))
        self._ids = self._codes_used = self._spans = None
        self._counted: dict[Collection | None, tuple[np.ndarray, ...]] = {}  # by period (`_totals`)
        self._whole: tuple[np.ndarray, ...] | None = None  # every row counted (`_counts`)
        self._bare = np.flatnonzero(~self.has_evidence)  # edges from the actor table
        self._typed_rows: tuple[np.ndarray, np.ndarray] | None = None  # the rows of typed relations, their codes
        self._periods: dict[tuple, Period] = {}  # the last few periods asked for (`period`)
        self._lock = threading.Lock()
        self._relation_code = relation_code
        # every edge by (source, type, target) as one number, sorted: an edge id is found by bisection
        self._key = ((self.src.astype(np.int64) * len(self.relation_names) + self.rel) * max(len(self.nodes), 1)
                     + self.dst)
        self._key_order = np.argsort(self._key, kind="stable")

    def _codes(self, table) -> np.ndarray:
        """Each name of the table as the index's actor (-1: not an actor of the graph)."""
        if table is None:
            return np.zeros(0, np.int32)
        return np.array([self.node_index.get(n, -1) for n in table.names], dtype=np.int32).reshape(-1)

    @staticmethod
    def _stored_edges(table, ends: np.ndarray) -> np.ndarray:
        """The table's edges indexed, as table positions, in a built graph's order: both ends
        actors of the graph (`ends`: each name's actor) and not the same one, by subject, object and type."""
        if table is None:
            return np.zeros(0, np.int64)
        s, o = ends[table.src], ends[table.dst]
        kept = np.flatnonzero((s >= 0) & (o >= 0) & (s != o))
        return kept[np.lexsort((table.rel[kept], table.dst[kept], table.src[kept]))]

    # ---- edges -----------------------------------------------------------------------
    def edge(self, i: int) -> tuple[str, str, str, dict]:
        """Edge `i` as the graph has it: ``(source, target, key, attributes)`` (an edge of the
        table made now, its sentences left in the store as `graph.lazy.StoredEvidence`)."""
        return next(self.edges([i]))

    def edges(self, positions: Sequence[int]) -> Iterator[tuple[str, str, str, dict]]:
        """The edges at `positions` as :meth:`edge` makes each, the table's columns read for all
        of them at once (a hub's thousands: one fancy index per column, not a numpy scalar each)."""
        at = np.asarray(positions, dtype=np.int64)
        stored = at[at < self.n_stored]
        made = iter(())
        if len(stored):
            table, j = self._table, self._kept[stored]
            counts, first, last = self._sums
            date = table.rows.date
            nodes, names = self.nodes, self.relation_names
            made = zip(self.src[stored].tolist(), self.dst[stored].tolist(), self.rel[stored].tolist(),
                       counts[stored].tolist(), first[stored].tolist(), last[stored].tolist(),
                       table.starts[j].tolist(), table.starts[j + 1].tolist(), self.contested[stored].tolist(),
                       *(repeat(None) if column is None else column[stored].tolist()
                         for column in (self._stored_outlets, self._stored_firsts)))
        for i in at.tolist():
            if i >= self.n_stored:
                yield self.own_edges[i - self.n_stored]
                continue
            src, dst, rel, sums, lo_date, hi_date, lo, hi, contested, outlets, firsts = next(made)
            s, t, relation = nodes[src], nodes[dst], names[rel]
            evidence = StoredEvidence(self.reader, relation, [(s, t)], None, self.dates,
                                      sums=(*sums, date(lo_date), date(hi_date)), span=(table.rows, lo, hi),
                                      firsts=None if firsts is None else tuple(i for i in firsts if i >= 0))
            yield s, t, relation, {"relation": relation, "polarity": polarity(relation), **evidence.totals(),
                                   "evidence": evidence, "outlets": outlets, "contested": contested}

    def edge_id(self, i: int) -> str:
        """The id of edge `i` (``source|type|target``)."""
        return f"{self.nodes[self.src[i]]}|{self.relation_names[self.rel[i]]}|{self.nodes[self.dst[i]]}"

    @property
    def edge_ids(self) -> list[str]:
        """Every edge's id, by position (made when first asked for)."""
        if self._ids is None:
            self._ids = [self.edge_id(i) for i in range(self.n_edges)]
        return self._ids

    def evidence_by_month(self, months: Sequence[str]) -> list[int]:
        """Sentences of typed relations in each of `months` (``YYYY-MM``), by their article's
        month: `graph.query.evidence_by_month`, counted over the index's rows."""
        at = {m: i for i, m in enumerate(months)}
        month = np.full(max(len(self.doc_code), 1), -1, dtype=np.int64)
        for doc, code in self.doc_code.items():
            month[code] = at.get(doc[1] if isinstance(doc, tuple) else month_of(self.dates.get(doc)), -1)
        rows = self.typed[self.pair_edge] & (month[self.pair_doc] >= 0)
        return np.bincount(month[self.pair_doc[rows]], weights=self.pair_n[rows], minlength=len(months)
                           ).astype(np.int64).tolist()

    def light_edges(self, nodes: Collection[str] | None = None) -> list[dict]:
        """Every edge (between `nodes` only, when given) as a layout reads it: its ends, type,
        sentences and articles (`ui.elements.light_data`)."""
        chosen = np.arange(self.n_edges)
        if nodes is not None:
            inside = np.zeros(len(self.nodes), dtype=bool)
            inside[[self.node_index[n] for n in nodes if n in self.node_index]] = True
            chosen = np.flatnonzero(inside[self.src] & inside[self.dst])
        return [{"source": self.nodes[s], "target": self.nodes[t], "relation": self.relation_names[r], "weight": w,
                 "articles": a} for s, t, r, w, a in zip(self.src[chosen].tolist(), self.dst[chosen].tolist(),
                                                         self.rel[chosen].tolist(), self.base_weight[chosen].tolist(),
                                                         self.base_articles[chosen].tolist())]

    def layout_links(self, nodes: Collection[str] | None = None) -> list[tuple[str, str, str]]:
        """One ``(source, relation, target)`` per pair of actors (among `nodes` only, when given)
        and kind: its first typed relation and its first co-mention, in the index's order. A
        layout springs one link per pair of each kind, and actors first appear in the same
        order, so this is the picture all the edges give, at the cost of a few thousand links."""
        links = np.arange(self.n_edges)
        if nodes is not None:
            inside = np.zeros(len(self.nodes), dtype=bool)
            inside[[self.node_index[n] for n in nodes if n in self.node_index]] = True
            links = np.flatnonzero(inside[self.src] & inside[self.dst])
        key = pair_keys(self.src[links], self.dst[links], len(self.nodes)) * 2 + self.typed[links]
        links = np.sort(links[np.unique(key, return_index=True)[1]])
        return [(self.nodes[s], self.relation_names[r], self.nodes[t]) for s, r, t in zip(
            self.src[links].tolist(), self.rel[links].tolist(), self.dst[links].tolist())]

    def whole(self) -> nx.MultiDiGraph:
        """The graph of every actor and edge (each edge of the table made now: costly for a large one)."""
        out = nx.MultiDiGraph()
        out.graph.update(self.g.graph)
        out.add_nodes_from(self.g.nodes(data=True))
        out.add_edges_from(self.edges(range(self.n_edges)))
        return out

    # ---- filtering -------------------------------------------------------------------
    def survivors(self, *, relations: Collection[str], types: Collection[str], months: tuple[int, int] | None = None,
                  min_articles: int, keep: Collection[str] = (), documents: Collection | None = None,
                  contested_only: bool = False) -> Survivors:
        """Which edges and actors the filters keep: the filter rules, written once.

        An edge survives when its relation type is allowed, both ends are allowed, and (once the
        period has trimmed its evidence) it still has evidence from at least `min_articles`
        distinct articles; its weight and articles are recounted over the period. Edges without
        evidence of their own (part_of from the alias table) are exempt from the evidence tests:
        they survive when both ends are allowed and, once a period or an article threshold is
        set, only when both ends also keep an evidenced edge (so an agency with nothing in the
        period does not hang on its state). Actors survive when a kept edge touches them, and
        the ones in `keep` always.

        Args:
            relations: Relation types allowed (the weak ones only when named).
            types: Entity types allowed.
            months: Inclusive month indexes of the date range; None applies no date filter.
            min_articles: Least distinct articles behind an evidenced edge.
            keep: Actors kept whatever their type.
            documents: The period as the articles it covers (instead of `months`); None applies
                no date filter, which keeps undated evidence.
            contested_only: Keep only the edges whose evidence disagrees (`graph.agreement`).
        """
        if months is not None:
            documents = self.documents_in(months)
        pinned = np.zeros(len(self.nodes), dtype=bool)
        for n in keep:
            if n in self.node_index:
                pinned[self.node_index[n]] = True
        types, relations = set(types), set(relations)
        candidates = np.array([t in types for t in self.type_names] or [False], dtype=bool)[self.node_type] | pinned
        allowed_rel = np.array([r in relations for r in self.relation_names] or [False], dtype=bool)[self.rel]
        edge_ok = allowed_rel & candidates[self.src] & candidates[self.dst]
        if contested_only:
            edge_ok &= self.contested
        if documents is not None and not isinstance(documents, (frozenset, Period)):
            documents = frozenset(documents)
        weight, articles, held, held_articles = self._totals(documents, typed_only=not any(
            r in relations for r in WEAK_RELATIONS))
        evidenced = edge_ok & self.has_evidence & (articles >= max(min_articles, 1 if documents is not None else 0))
        structural = edge_ok & ~self.has_evidence
        n = len(self.nodes)  # (a count weighted by a mask: several times faster than assigning through it)
        anchored = pinned | (np.bincount(self.src, weights=evidenced, minlength=n) > 0) | (
            np.bincount(self.dst, weights=evidenced, minlength=n) > 0)
        if documents is not None or min_articles > 1:
            structural &= anchored[self.src] & anchored[self.dst]
        kept = evidenced | structural
        nodes = anchored.copy()
        nodes[self.src[structural]] = True
        nodes[self.dst[structural]] = True
        return Survivors(edges=kept, weight=weight, articles=articles, nodes=nodes, held=held,
                         held_articles=held_articles)

    def _totals(self, documents: Collection | None, *, typed_only: bool = False) -> tuple[np.ndarray, ...]:
        """Each edge's sentences, articles, sentences that hold and articles with one, as the
        filters count them: over a period's articles, or over every one (None: the stored
        weight and articles); an edge without evidence of its own (from the actor table) keeps
        its stored weight and articles throughout. With `typed_only` a period is counted for
        the typed relations only (the weak ones, most of the rows, count nothing: a filter that
        leaves them out never reads them). The last few periods are remembered;
        the arrays are shared, never to be changed."""
        key = (documents, typed_only and documents is not None)
        if (found := self._counted.get(key)) is not None:
            return found
        counted = self._counts(documents, typed_only=key[1])  # a period's: new arrays, patched in place
        if documents is None:
            counted = (self.base_weight, self.base_articles, *(c.copy() for c in counted[2:]))
        for column, base in zip(counted, (self.base_weight, self.base_articles) * 2):
            if len(self._bare) and column is not base:
                column[self._bare] = base[self._bare]
        with self._lock:  # many sessions share the index
            if len(self._counted) > 4:  # each is four arrays as long as the edges
                self._counted.pop(next(k for k in self._counted if k[0] is not None))
            self._counted[key] = counted
        return counted

    def _counts(self, documents: Collection | None, *, typed_only: bool = False) -> tuple[np.ndarray, ...]:
        """Each edge's sentences, articles, sentences that hold and articles with one, counted
        over its rows: every row (counted once), or the rows of a period's articles (of typed
        relations only, with `typed_only`: the weak ones then count nothing). A
        period is counted over its rows or, when fewer, the rows outside it (taken from the
        whole), so trimming a month off a long span costs little."""
        if documents is None and self._whole is not None:
            return self._whole
        columns = (self.pair_n, self.pair_articles, self.pair_held, self.pair_held_articles)
        if documents is None:
            rows, outside = slice(None), False
        else:
            if typed_only and self._typed_rows is None:
                among = np.flatnonzero(self.typed[self.pair_edge])
                self._typed_rows = among, self.pair_doc[among]
            among, codes = self._typed_rows if typed_only else (None, self.pair_doc)
            inside = self._in_period(documents)[codes]
            outside = 2 * int(np.count_nonzero(inside)) > len(inside)
            rows = np.flatnonzero(~inside if outside else inside)
            rows = rows if among is None else among[rows]
        edges = self.pair_edge[rows]
        counted = tuple(np.bincount(edges, weights=c[rows], minlength=self.n_edges).astype(np.int32) for c in columns)
        if outside:
            counted = tuple(whole - part for whole, part in zip(self._counts(None), counted))
            if typed_only:
                for column in counted:
                    column *= self.typed  # the weak ones' zeroed (faster than assigning through a mask)
        if documents is None:
            self._whole = counted
        return counted

    def prepare_periods(self) -> None:
        """Make what the first date filter would (every edge's totals, the typed relations' rows, each row's
        months: 60 of its 80 ms at 100,000 articles), once, before a server's processes fork and share them."""
        if len(self.months) > 1:
            self._counts(self.documents_in((0, len(self.months) - 1)), typed_only=True)
            self._counts(None)

    def _in_period(self, documents: Collection) -> np.ndarray:
        """Whether each row code (an article or a stored month) is in the period: by month
        numbers when the period's ends are whole months (what the date slider asks), else by
        asking the period of each article and month some row counts."""
        if self._spans is None:
            used = np.zeros(max(len(self.doc_code), 1), dtype=bool)
            used[self.pair_doc] = True
            spans = np.full((len(used), 2), (1, 0), dtype=np.int64)  # (first, last) month; none for an unused code
            codes = list(self.doc_code)  # in code order: a code is its place (stored months are the few used)
            self._codes_used = [(codes[i], i) for i in np.flatnonzero(used).tolist()]
            for doc, i in self._codes_used:
                date = doc[1] if isinstance(doc, tuple) else self.dates.get(doc)
                first, last = month_span(date), month_span(date, last=True)
                if first is not None:
                    spans[i] = first, last
            self._spans = spans  # last: another session reads both once this is set
        if isinstance(documents, Period) and documents.monthly:
            lo = month_span(documents.first) if documents.first else np.iinfo(np.int64).min
            hi = month_span(documents.last, last=True) if documents.last else np.iinfo(np.int64).max
            return (self._spans[:, 1] >= lo) & (self._spans[:, 0] <= hi) & (self._spans[:, 0] <= self._spans[:, 1])
        in_period = np.zeros(len(self._spans), dtype=bool)
        in_period[[i for doc, i in self._codes_used if doc in documents]] = True
        return in_period

    def documents_in(self, months: tuple[int, int]) -> Period:
        """The articles whose date falls in the month range (undated ones never do), and the
        months of evidence kept in the store that do (as :func:`month_key`)."""
        lo, hi = months
        return self.period(self.months[lo], self.months[hi])

    def period(self, first: str | None, last: str | None) -> Period:
        """The articles whose date overlaps [first, last], and the stored months that do (a month
        overlapping the range counts whole: the store counts by month)."""
        found = self._periods.get((first, last))
        if found is None:
            found = Period(first, last, self.dates, (m for m in self.stored_months if in_range(m, first, last)),
                           self._dated)
            with self._lock:
                if len(self._periods) > 8:
                    self._periods.pop(next(iter(self._periods)))
                self._periods[(first, last)] = found
        return found

    def graph(self, s: Survivors | None, documents: Collection | None = None, *,
              edges: Iterable[int] | None = None, nodes: Iterable[str] = ()) -> nx.MultiDiGraph:
        """The graph of what the filters keep, with evidence trimmed to the period and totals recounted.

        Args:
            s: What the filters keep (None when `edges` are given).
            documents: The period's articles (as `survivors` was given them); None trims nothing.
            edges: Only these kept edges (positions), with their ends and `nodes`; None: all kept.
            nodes: Actors to add to the chosen edges' ends.

        Returns:
            A new MultiDiGraph with the graph attributes (documents) of the indexed graph; node
            and edge attribute dicts are copies, their values shared with the indexed graph.
        """
        if edges is None:
            positions = [int(i) for i in np.flatnonzero(s.edges)]
            shown = [self.nodes[i] for i in np.flatnonzero(s.nodes)]
        else:
            positions = sorted(int(i) for i in edges)
            wanted = set(nodes) | {self.nodes[e] for i in positions for e in (self.src[i], self.dst[i])}
            shown = sorted((n for n in wanted if n in self.node_index), key=self.node_index.__getitem__)
        out = nx.MultiDiGraph()
        out.graph.update(self.g.graph)
        out.add_nodes_from((n, dict(self.g.nodes[n])) for n in shown)
        out.add_edges_from(self.trimmed_edges(positions, documents))
        return out

    def trimmed_edges(self, positions: Sequence[int], documents: Collection | None
                      ) -> Iterator[tuple[str, str, str, dict]]:
        """The edges at `positions` as :meth:`graph` makes them: evidence trimmed to `documents`, totals recounted."""
        return ((source, target, key, self._trimmed(d, documents)) for source, target, key, d in self.edges(positions))

    @cached_property
    def outlets(self) -> OutletTable:
        """The outlet of every article (made when a period first trims sentences held in memory)."""
        return OutletTable(self.g.graph.get("documents") or {})

    def _trimmed(self, d: Mapping[str, Any], documents: Collection | None) -> dict:
        """A copy of an edge's attributes with its evidence trimmed to the period and its totals recounted."""
        attrs = dict(d)
        if documents is None or not d.get("evidence"):
            return attrs
        attrs["evidence"] = within(d["evidence"], documents)
        if isinstance(attrs["evidence"], StoredEvidence):
            attrs.update(attrs["evidence"].totals(), outlets=None)  # the period's: counted when shown
        else:
            attrs.update(edge_totals(attrs["evidence"], self.dates))
            attrs["outlets"] = len(outlets_of(attrs["evidence"], self.outlets))
        return attrs

    def incident(self, s: Survivors | None, nodes: Iterable[str]) -> list[int]:
        """Kept edges (every edge, with `s` None) touching any of `nodes` (edge positions)."""
        wanted = [self.node_index[n] for n in nodes if n in self.node_index]
        if not wanted:
            return []
        touch = np.isin(self.src, wanted) | np.isin(self.dst, wanted)
        return list(np.flatnonzero(touch if s is None else s.edges & touch))

    def position(self, edge_id: str) -> int | None:
        """The position of an edge id in the index (None when the graph has no such edge)."""
        source, sep, rest = str(edge_id).partition("|")
        relation, sep2, target = rest.partition("|")
        s, t = self.node_index.get(source), self.node_index.get(target)
        if not (sep and sep2) or s is None or t is None or relation not in self._relation_code:
            return None
        key = (s * len(self.relation_names) + self._relation_code[relation]) * max(len(self.nodes), 1) + t
        at = int(np.searchsorted(self._key, key, sorter=self._key_order))
        return int(self._key_order[at]) if at < self.n_edges and self._key[self._key_order[at]] == key else None
