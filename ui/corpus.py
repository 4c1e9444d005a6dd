"""The explorer's server-side model: one corpus version, with everything computed once.

A :class:`Corpus` is an immutable snapshot: the curated graph, its layout, node sizes,
filter and search options, the month list of the date slider. Work that depends on what a
reader chose (filtered graph, the view to draw, paths, the stance matrix) is memoised per
snapshot, so a click that changes nothing on the canvas costs a dictionary lookup.

Snapshots come from :class:`ui.source.CorpusSource` (store I/O and locks); filters are
answered by the one filter engine, the edge index.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np

from graph.curation import effective_actions, merged_into
from graph.memo import Memo
from graph.query import STANCE_EXCLUDED_TYPES, date_bounds, shortest_paths, stance_matrix
from ui.elements import (
    parse_edge_id,
    default_relations,
    entity_counts,
    entity_type_names,
    light_data,
    make_edge_id,
    node_templates,
    relation_names,
    search_options,
)
from ui.article_rows import ArticleText, article_rows, relations_by_article
from ui.canvas_elements import view_elements
from ui import tallies
from ui.communities import community_colours
from ui.overview import latest_articles
from ui.filters import month_range
from ui.selection import selection_nodes
from ui.positions import extend_positions, node_positions, overview_layout
from ui.preset_layouts import LAYOUTS, preset_positions
from graph.actor_summary import actor_edges, actor_sentences, actor_summary
from graph.index import EdgeIndex, release
from graph.search import NodeSummary
from graph.reach import Survivors
from ui.choices import DEFAULT_BUDGET, Filters, View, ViewSpec
from ui.state import DEFAULT_PATHS, MAX_HOPS, MAX_PATHS, Known, clamp

DEFAULT_EDGE_BUDGET = 1500
OVERVIEW_BUDGET = 40  # actors of the opening view of a big graph: few enough to read every label
KEPT_OVERVIEW_SHARE = 0.5  # an overview sharing this much of the first view's actors keeps their places
OVERVIEW_PAIRS_PER_ACTOR = 3  # its strongest pairs of actors, one edge each: a picture, not a hairball
MAX_MIN_ARTICLES = 10
STANCE_TOP = 12
CENTRAL_TOP = 15
MEMO_SIZE = 256
HEAVY_MEMO_SIZE = 12
LOCAL_MEMO_SIZE = 6  # a hub's local graph: a few MB and ~5,000 objects at 100,000 articles, each of them walked by every full
# collection of the cycle collector while kept; a selection's panel, pair timeline and list read it in one round trip
PANEL_MEMO_SIZE = 64  # panels sent (folded: a hub's is about 200 KB)


def _digest(value: Any) -> str:
    return hashlib.sha1(repr(value).encode("utf-8")).hexdigest()[:16]


class Corpus:
    """One version of the corpus and everything the explorer computes once for it.

    Args:
        graph: The curated graph (never changed by the explorer).
        version: The version key this snapshot was built for.
        log: The raw curation log (undo and redo entries included).
        skipped: Curation actions that could not be applied, with reasons.
        labels_before: Node labels before curation (a merged actor has left the graph).
        previous_positions: Positions of the previous version, kept for actors still present.
        text: Reads one article's text and mentions from the store by document id (called
            when the article is opened, then remembered); None when there is no store.
        writable: Whether uploads and curation can be kept (a store is open).
        budget: Most actors drawn at once.
        edge_budget: Most edges drawn at once (the strongest are kept).
        stored: Edges kept apart from `graph` (the store's edge table and the reader of its
            sentences: `graph.index.EdgeIndex`); `graph` then holds the actors and documents, and
            the whole graph (:attr:`graph`) is made only if something asks for it.
    """

    def __init__(self, graph: nx.MultiDiGraph, *, version: str = "static", log: Sequence[Mapping] = (),
                 skipped: Sequence = (), labels_before: Mapping[str, str] | None = None,
                 previous_positions: Mapping[str, Mapping[str, float]] | None = None,
                 text: Callable[[str], ArticleText | None] | None = None,
                 writable: bool = False, budget: int = DEFAULT_BUDGET, edge_budget: int = DEFAULT_EDGE_BUDGET,
                 stored: tuple | None = None):
        self.actors = graph  # the actors and documents (and every edge, without `stored`)
        self._graph = graph if stored is None else None
        self._apart = stored is not None  # the stored edges are the index's, not the graph's
        self.version = version
        self.log = tuple(log)
        self.skipped = tuple(skipped)
        self.labels_before = dict(labels_before) if labels_before is not None else {
            n: str(d.get("label") or n) for n, d in graph.nodes(data=True)}
        self.writable = writable
        self.budget = max(1, int(budget))
        self.edge_budget = max(1, int(edge_budget))
        self.documents: Mapping[str, Mapping[str, Any]] = graph.graph.get("documents") or {}
        light = light_data(graph)
        self.light = light
        bounds = date_bounds(graph)
        self.months = month_range(*bounds) if bounds else ()
        # what the page counts once is counted over the index's arrays
        self.index = EdgeIndex(graph, self.months, stored=stored)
        self.index.prepare_periods()
        degree = tallies.typed_degree(self.index)
        if previous_positions:  # the edges are asked for only when some actor is new
            self.positions = extend_positions(light if all(n in previous_positions for n in graph.nodes)
                                              else self._layout_data(), previous_positions, degree=degree)
        else:
            self.positions = node_positions(self._layout_data(), degree=degree)
        self.templates = node_templates(light, self.positions, degree)
        for node, colour in community_colours(light, pairs=tallies.typed_pairs(self.index)).items():
            self.templates[node]["data"]["community"] = colour  # offered as the nodes' colour
        self.stats = tallies.graph_stats(self.index)
        self.relation_counts = tallies.relation_counts(self.index)
        self.relations = tuple(relation_names(light, self.relation_counts))
        self.default_relations = tuple(default_relations(light, self.relation_counts))
        self.entity_types = tuple(entity_type_names(light))
        self.entity_counts = entity_counts(light)
        self.search_options = search_options(light)
        self.max_articles = max(1, min(MAX_MIN_ARTICLES, tallies.most_articles(self.index)))
        self.labels = {n: str(d.get("label") or n) for n, d in graph.nodes(data=True)}
        self.canonical = merged_into(effective_actions(self.log))
        self._text = text
        self._memo = Memo(MEMO_SIZE)
        # what the filters keep is a few arrays as long as the edges (tens of MB at 100,000
        # articles), and a filtered graph can hold most edges: only the last few are kept
        self._heavy = Memo(HEAVY_MEMO_SIZE, evicted=release)
        self._local = Memo(LOCAL_MEMO_SIZE, evicted=release)
        self._panels = Memo(PANEL_MEMO_SIZE)
        self.timings: dict[str, float] = {}  # seconds spent building this snapshot, by step

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The whole curated graph, every edge with its attributes (for an index of the store's
        table made when first asked for: costly on a large corpus, so the explorer's own views
        ask the index instead)."""
        if self._graph is None:
            self._graph = self._memo.get(("whole graph",), self.index.whole)
        return self._graph

    def _layout_data(self) -> dict:
        """`light` with one link per pair of actors and kind (`graph.index.EdgeIndex.layout_links`):
        what the corpus layout reads."""
        return {**self.light, "edges": [{"source": s, "relation": r, "target": t}
                                        for s, r, t in self.index.layout_links()]}

    def _light_nodes(self) -> dict:
        return self._memo.get(("light nodes",), lambda: {n["id"]: n for n in self.light["nodes"]})

    def light_with_edges(self, nodes: Collection[str] | None = None) -> dict:
        """`light` with the edges (among `nodes` only, when given) for a layout, from the index."""
        if not self._apart and nodes is None:
            return self.light
        return {**self.light, "edges": self.index.light_edges(nodes)}

    def around(self, edge_id: str) -> nx.MultiDiGraph:
        """The graph of the two actors an edge id names and every edge of either (unfiltered)."""
        parts = parse_edge_id(edge_id) or ()
        ends = [n for n in (parts[0], parts[2]) if n in self.index.node_index] if parts else []
        return self.index.graph(None, edges=self.index.incident(None, ends), nodes=ends)

    def edge_attributes(self, source: str, relation: str, target: str) -> dict | None:
        """An edge's attributes as the curated graph has them (None: no such edge)."""
        position = self.index.position(make_edge_id(source, relation, target))
        return None if position is None else self.index.edge(position)[3]

    def remember(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """A value computed once per snapshot and key (for the views kept in their own modules)."""
        return self._memo.get(("view", *key), compute)

    def panel(self, key: str, compute: Callable[[], Any]) -> Any:
        """A side panel drawn once per snapshot and what it shows (`key`): the last few are kept."""
        return self._panels.get(key, compute)

    # ---- choices -------------------------------------------------------------------
    def known(self) -> Known:
        """What a URL may name in this corpus (see `ui.state`)."""
        return Known(relations=self.relations, default_relations=self.default_relations,
                     entity_types=self.entity_types, months=self.months, max_articles=self.max_articles,
                     tabs=_TABS, has_node=self.actors.__contains__, has_edge=self.has_edge,
                     has_doc=self.documents.__contains__)

    def filters(self, relations: Iterable[str] | None, types: Iterable[str] | None,
                dates: Sequence[int] | None = None, min_articles: Any = 1, contested: Any = None) -> Filters:
        """Normalise raw filter values from the page into a :class:`Filters` key (`contested`: the
        "only contested" checklist's value, ticked when it holds anything)."""
        wanted_relations, wanted_types = set(relations or ()), set(types or ())
        rel = tuple(r for r in self.relations if r in wanted_relations)
        typ = tuple(t for t in self.entity_types if t in wanted_types)
        span = None
        if self.months and dates and len(dates) == 2:
            try:
                lo, hi = sorted(clamp(i, 0, len(self.months) - 1) for i in dates)
            except (TypeError, ValueError):
                lo, hi = 0, len(self.months) - 1
            if (lo, hi) != (0, len(self.months) - 1):
                span = (lo, hi)
        least = clamp(min_articles or 1, 1, MAX_MIN_ARTICLES, default=1)
        return Filters(rel, typ, (self.months[span[0]], self.months[span[1]]) if span else None, least, span,
                       bool(contested) and isinstance(contested, (list, tuple)))

    def default_filters(self) -> Filters:
        """The filters of a freshly opened page."""
        return Filters(self.default_relations, self.entity_types, None, 1, None)

    @staticmethod
    def view_spec(view: Mapping[str, Any] | None, hops: Any = 1, *, everything: bool = False,
                  layout: Any = "force") -> ViewSpec:
        """Normalise the view store, the hops slider, the counting toggle and the layout choice into a :class:`ViewSpec`."""
        view = view or {}
        hops = clamp(hops or 1, 1, MAX_HOPS, default=1)
        focus = view.get("focus") if isinstance(view.get("focus"), str) else None
        expanded = tuple(str(n) for n in (view.get("expanded") or ()) if isinstance(n, str))
        return ViewSpec(focus, hops, expanded if focus else (), bool(view.get("more")), bool(everything),
                        layout if layout in LAYOUTS else "force")

    def view_budget(self, spec: ViewSpec) -> int:
        """Most actors a view draws: the overview's few on the whole graph, the full budget asked for or focused."""
        return self.budget if spec.focus or spec.more else min(self.budget, OVERVIEW_BUDGET)

    # ---- lookups -------------------------------------------------------------------
    def has_edge(self, value: str) -> bool:
        """Whether an edge id names an edge of the corpus graph."""
        return isinstance(value, str) and self.index.position(value) is not None

    def label(self, node: str) -> str:
        """The display name of an actor (its id when it is unknown)."""
        return self.labels.get(node) or self.labels_before.get(node) or node

    # ---- what the filters keep -----------------------------------------------------
    def survivors(self, f: Filters, keep: frozenset[str] = frozenset()) -> Survivors:
        """Which edges and actors the filters keep, with recounted totals (fast: array index)."""
        return self._heavy.get(("survivors", f, keep), lambda: self.index.survivors(
            relations=f.relations, types=f.types, months=f.span, min_articles=f.min_articles, keep=keep,
            contested_only=f.contested))

    def keep_for(self, f: Filters, selection: Mapping[str, Any] | None) -> frozenset[str]:
        """The selected actors the filters would hide (kept so a selection never lands on nothing)."""
        s = self.survivors(f)
        index = self.index.node_index
        return frozenset(n for n in selection_nodes(selection) if n in index and not s.nodes[index[n]])

    def period(self, f: Filters) -> frozenset | None:
        """The articles the date range covers (None: the whole span, undated ones too)."""
        return self._memo.get(("period", f.span), lambda: self.index.documents_in(f.span)) if f.span else None

    def filtered(self, f: Filters, keep: frozenset[str] = frozenset()) -> nx.MultiDiGraph:
        """The graph the filters allow, from the filter engine: for paths, the stance matrix, exports."""
        return self._heavy.get(("filtered", f, keep),
                              lambda: self.index.graph(self.survivors(f, keep), self.period(f)))

    def local(self, f: Filters, selection: Mapping[str, Any] | None) -> nx.MultiDiGraph:
        """The small filtered graph a panel reads: the selected actor's edges, the edge, or the pair's.

        Built by the filter engine from the edges the filters keep, so evidence is trimmed to
        the date range and totals are recounted exactly as in the whole filtered graph, at the
        cost of a few edges instead of all of them.
        """
        keep = self.keep_for(f, selection)
        s = self.survivors(f, keep)
        kind = (selection or {}).get("kind")
        pair = selection_nodes(selection)
        if kind == "node" and pair:
            positions = self.index.incident(s, pair)
        elif kind == "edge" and pair:
            position = self.index.position(str(selection.get("id")))
            positions = [position] if position is not None and s.edges[position] else []
        elif kind == "dyad" and len(pair) == 2:
            ends = {self.index.node_index.get(n) for n in pair}
            positions = [i for i in self.index.incident(s, pair[:1])
                         if {int(self.index.src[i]), int(self.index.dst[i])} == ends]
        else:
            return self.filtered(f, keep)
        present = [n for n in pair if n in self.index.node_index and s.nodes[self.index.node_index[n]]]
        return self._local.get(("local", f, keep, tuple(positions), tuple(present)),
                              lambda: self.index.graph(s, self.period(f), edges=positions, nodes=present))

    def actor(self, f: Filters, node: str, rows: int
              ) -> tuple[nx.MultiDiGraph, NodeSummary | None, Sequence[Mapping[str, Any]] | None]:
        """What an actor's panel reads: its summary over every edge the filters keep, counted by the
        filter engine (`graph.actor_summary`); a graph of the edges it lists (the `rows` strongest
        of each type) with every actor it touches; its typed relations' sentences as one list the
        store pages. A hub has thousands of edges: only the listed ones are made. When its
        sentences cannot be paged by the store (a date filter, curated edges) the graph holds
        every typed edge and the list is None (read from them); an actor the filters hide: the
        :meth:`local` graph, None, None."""
        selection = {"kind": "node", "id": node}
        keep = self.keep_for(f, selection)
        s = self.survivors(f, keep)
        i = self.index.node_index.get(node)
        if i is None or not s.nodes[i]:
            return self.local(f, selection), None, None

        def compute():
            index, period = self.index, self.period(f)
            positions = index.incident(s, [node])
            summary = actor_summary(index, s, node, positions, period)
            every = actor_sentences(index, positions, period)
            listed = {index.position(make_edge_id(a, rel, b)) for a, b, rel in actor_edges(summary, rows)}
            wanted = [p for p in positions if p in listed or (every is None and index.typed[p])]
            ends = {index.nodes[e] for e in (*index.src[positions].tolist(), *index.dst[positions].tolist())}
            return index.graph(s, period, edges=wanted, nodes=ends | {node}), summary, every
        return self._local.get(("actor", f, keep, node, rows), compute)

    # ---- the view ------------------------------------------------------------------
    def _scope(self, f: Filters, keep: frozenset, spec: ViewSpec):
        """The actors of the neighbourhood view as a mask (None: every actor the filters keep)."""
        s = self.survivors(f, keep)
        i = self.index.node_index.get(spec.focus) if spec.focus else None
        if i is None or not s.nodes[i]:
            return None
        return self._memo.get(("scope", f, keep, spec), lambda: self.index.neighbourhood(
            s, spec.focus, spec.hops, spec.expanded))

    def _budgeted(self, f: Filters, keep: frozenset, spec: ViewSpec, anchor: str | None):
        def compute():
            s = self.survivors(f, keep)
            scope = self._scope(f, keep, spec)
            scope = s.nodes if scope is None else scope
            chosen, truncated = self.index.budgeted(s, scope, self.view_budget(spec), anchor,
                                                    everything=spec.everything)
            return chosen, truncated, int(scope.sum())
        return self._memo.get(("budget", f, keep, spec, anchor), compute)

    def paths(self, f: Filters, keep: frozenset, source: str, target: str, k: int, *,
              everything: bool = False) -> tuple:
        """The k shortest paths between two actors over the filtered graph (empty when none).

        `k` comes from the page: it is clamped here, where it costs, to 1..MAX_PATHS. Only
        sentences that hold make a hop unless `everything` (see `graph.query.holds`).
        """
        k = clamp(k, 1, MAX_PATHS, default=DEFAULT_PATHS)

        def compute():
            fg = self.filtered(f, keep)
            if source not in fg or target not in fg or source == target:
                return ()
            return tuple(tuple(p) for p in shortest_paths(fg, source, target, k=k, relations=f.relations,
                                                          everything=everything))
        return self._memo.get(("paths", f, keep, source, target, k, everything), compute)

    def view(self, f: Filters, spec: ViewSpec, selection: Mapping[str, Any] | None) -> View:
        """Everything the canvas needs for these choices (see :class:`View`)."""
        keep = self.keep_for(f, selection)
        s = self.survivors(f, keep)
        index = self.index.node_index
        scope = self._scope(f, keep, spec)
        focus = spec.focus if scope is not None else None
        chosen, truncated, total = self._budgeted(f, keep, spec, focus)
        central, anchor = chosen, None
        selected = selection.get("id") if selection and selection.get("kind") == "node" else None
        if (truncated and selected in index and s.nodes[index[selected]] and not chosen[index[selected]]
                and (scope is None or scope[index[selected]])):
            anchor = selected  # a searched actor outside the most central ones: draw its neighbourhood
            chosen, truncated, total = self._budgeted(f, keep, spec, anchor)
        paths: tuple = ()
        path_nodes: set[str] = set()
        path_edges: set[str] = set()
        if selection and selection.get("kind") == "path":
            pair = selection_nodes(selection)
            if len(pair) == 2:
                paths = self.paths(f, keep, pair[0], pair[1], int(selection.get("k") or 3),
                                   everything=bool(selection.get("all")))
                for path in paths:
                    for hop in path:
                        a, b = (hop.source, hop.target) if hop.direction == "->" else (hop.target, hop.source)
                        path_nodes.update((a, b))
                        path_edges.add(make_edge_id(a, hop.relation, b))
        required = {n for n in selection_nodes(selection) if n in index and s.nodes[index[n]]} | path_nodes
        extra = sorted(n for n in required if not chosen[index[n]])
        overview = self._is_overview(truncated, scope, spec)
        key = _digest((self.version, f, keep, spec if scope is not None else (spec.more, spec.everything, spec.layout),
                       anchor, tuple(extra), tuple(sorted(path_edges))))

        def draw():
            mask = chosen.copy()
            for n in extra:
                mask[index[n]] = True
            wanted = {self.index.position(e) for e in path_edges} - {None}
            nodes = tuple(self.index.nodes[i] for i in np.flatnonzero(mask))
            if overview:  # one edge per pair of actors, standing for all their relations
                pairs = self.index.pairs(s, mask, everything=spec.everything)
                limit = min(self.edge_budget, OVERVIEW_PAIRS_PER_ACTOR * len(nodes))
                return nodes, tuple(sorted(wanted)), len(pairs), tuple(pairs[:limit])
            positions, count = self.index.drawn_edges(s, mask, self.edge_budget, everything=spec.everything)
            missing = sorted(wanted - set(positions.tolist()))
            return nodes, tuple(sorted(positions.tolist() + missing)), count, ()
        nodes, edges, count, pairs = self._memo.get(("drawn", key), draw)
        if spec.layout != "force":
            laid = self._memo.get(("laid", spec.layout, nodes, spec.everything), lambda: preset_positions(
                self.light_with_edges(nodes), nodes, spec.layout,
                self.index.weighted_degree(s, nodes, everything=spec.everything)))
        else:
            laid = self._overview_layout(nodes, tuple(self.index.nodes[i] for i in np.flatnonzero(central))) \
                if overview else None
        return View(key=key, nodes=nodes, edges=edges, survivors=s, keep=keep, total=total, truncated=truncated,
                    edges_total=count, focus=focus, paths=paths, path_nodes=frozenset(path_nodes),
                    path_edges=frozenset(path_edges), budget=self.view_budget(spec), positions=laid,
                    overview=overview, everything=spec.everything, pairs=pairs)

    def _overview_layout(self, nodes: tuple[str, ...], central: tuple[str, ...]):
        """An overview laid out on its own; one drawn around a selection keeps the places the most
        central actors have in the overview without it, and sets the others beside their neighbours;
        one under other filters that shares most of the first view's actors keeps their places in
        the first view (the same picture, not a new one, when a date or a type is changed)."""
        def compute():
            if central != nodes:
                base = self._overview_layout(central, central)
            else:
                first = self._first_overview()
                near = first and nodes != first and len(set(first) & set(nodes)) >= KEPT_OVERVIEW_SHARE * len(nodes)
                base = self._overview_layout(first, first) if near else None
            return overview_layout([self._light_nodes()[n] for n in nodes], self.index.layout_links(nodes), base)
        return self._memo.get(("overview", nodes), compute)

    def _first_overview(self) -> tuple[str, ...]:
        """The actors of the first view's overview (none when the first view is not one)."""
        def compute():
            f, spec = self.default_filters(), self.view_spec(None)
            chosen, truncated, _ = self._budgeted(f, frozenset(), spec, None)
            return tuple(self.index.nodes[i] for i in np.flatnonzero(chosen)) if self._is_overview(
                truncated, None, spec) else ()
        return self._memo.get(("first overview",), compute)

    def _is_overview(self, truncated: bool, scope, spec: ViewSpec) -> bool:
        """Whether a view is an overview: the most central of more actors than it may draw, on the whole graph."""
        return truncated and scope is None and self.view_budget(spec) < self.budget

    def export_graph(self, f: Filters, spec: ViewSpec, selection: Mapping[str, Any] | None) -> nx.MultiDiGraph:
        """What an export holds: the actors on the canvas and every filtered relation between them."""
        view = self.view(f, spec, selection)
        fg = self.filtered(f, view.keep)
        if len(view.nodes) == fg.number_of_nodes():
            return fg
        return fg.subgraph(view.nodes).copy()

    def drawn_edge_ids(self, view: View) -> list[tuple[str, str, str]]:
        """``(source, relation, target)`` of each edge drawn."""
        return [parse_edge_id(self.index.edge_id(i)) for i in view.edges]

    def elements(self, view: View, f: Filters) -> list[dict]:
        """The cytoscape elements of a view, built once per view key."""
        return self._memo.get(("elements", view.key), lambda: view_elements(
            self.index, view, self.templates, self.period(f)))

    # ---- charts --------------------------------------------------------------------
    def stance(self, f: Filters, *, everything: bool = False):
        """The stance matrix of the most connected actors the filters allow (sentences that hold, unless `everything`)."""
        return self._memo.get(("stance", f, everything), lambda: stance_matrix(self.filtered(f), top=STANCE_TOP,
                                                                             everything=everything))

    def central(self, f: Filters, *, everything: bool = False) -> list[tuple[str, str, int]]:
        """The most central actors the filters allow (the ranking of `graph.query.central_actors`):
        by evidence that holds, or every sentence with `everything`."""
        return self._memo.get(("central", f, everything), lambda: self.index.central(
            self.survivors(f), top=CENTRAL_TOP, exclude_types=STANCE_EXCLUDED_TYPES, everything=everything))

    def latest_articles(self) -> list[tuple[str, Mapping[str, Any]]]:
        """The newest articles, newest first (`ui.overview.latest_articles`, counted once)."""
        return self._memo.get(("latest",), lambda: latest_articles(self.documents))

    def counts(self, f: Filters) -> tuple[int, int]:
        """Actors and relations the filters keep."""
        s = self.survivors(f)
        return int(s.nodes.sum()), int(s.edges.sum())

    # ---- articles ------------------------------------------------------------------
    def article_relations(self) -> Mapping[str, list[tuple[str, str, str, dict]]]:
        """Evidence the curated graph holds, by article (`ui.article_rows.relations_by_article`)."""
        return self._memo.get(("article_relations",), lambda: relations_by_article(self.actors))

    def article_rows(self, doc_id: str) -> list[tuple[str, str, str, dict]]:
        """Every relation read from one article as the curated graph has it (`ui.article_rows.article_rows`)."""
        return article_rows(self.edge_attributes, self.canonical, self.article_relations().get(doc_id, ()),
                            self.article_text(doc_id))

    def article_text(self, doc_id: str) -> ArticleText | None:
        """The stored text and mentions of an article; None without a store or for unknown ids."""
        if self._text is None or not isinstance(doc_id, str):
            return None
        return self._memo.get(("text", doc_id), lambda: self._text(doc_id))


_TABS = ("graph", "stance", "actors", "articles", "curation", "disputes", "outlets", "new")
