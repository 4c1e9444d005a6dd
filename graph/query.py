"""Questions the explorer asks of the graph: filters, neighbourhoods, paths, stances, search.

Every function here is pure: it reads a `networkx.MultiDiGraph` as built by
`graph.build.build_graph` (edges keyed by relation type, each with its evidence list) and
returns new data; no input graph is ever changed. Returned graphs copy the attribute dicts
of nodes and edges but share the values inside them (alias lists, evidence dicts) with the
input, as networkx copies do: treat those values as read-only.

All of it runs in time linear in the edges (plus evidence) of the graph, so a callback can
call it on every change for graphs of tens of thousands of edges.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

import networkx as nx

from graph.index import EdgeIndex
from graph.rules import check_date_range, doc_dates, holds, relation_filter
from graph.aggregates import month_of, month_totals
from graph.lazy import StoredEvidence
from graph.ontology import BY_NAME, RELATION_NAMES, SPECULATIVE, WEAK_RELATIONS

STANCE_EXCLUDED_TYPES = frozenset({"WEAPON", "LOC"})
FORWARD, BACKWARD = "->", "<-"

_ORDER = {name: i for i, name in enumerate(RELATION_NAMES)}


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Hop:
    """One step of a path, in the order the path walks it.

    `direction` is "->" when the underlying edge points from `source` to `target` and "<-"
    when the path walks it backwards. `evidence` is the edge's best sentence (None for an
    edge without evidence, such as part_of from the alias table). `strength` counts the
    sentences that hold (see :func:`holds`), `articles` the articles behind the edge, and
    `negated` / `speculative` the sentences that deny it or only foresee or suppose it.
    """

    source: str
    target: str
    relation: str
    direction: str
    evidence: dict | None
    strength: int = 0
    articles: int = 0
    negated: int = 0
    speculative: int = 0


Path = list[Hop]


@dataclass(frozen=True)
class StanceMatrix:
    """Pairwise stance between the most connected actors, ready for a heatmap.

    `net[i][j]` is the cooperative minus the conflictual evidence between `ids[i]` and
    `ids[j]` (either direction), so `net == coop - conflict` cell by cell; `coop` and
    `conflict` count evidence sentences (the sum of the weights of +1 and -1 edges).
    The matrices are symmetric with a zero diagonal.
    """

    labels: tuple[str, ...]
    ids: tuple[str, ...]
    net: tuple[tuple[int, ...], ...]
    coop: tuple[tuple[int, ...], ...]
    conflict: tuple[tuple[int, ...], ...]


# --------------------------------------------------------------------------- helpers


def _require(g: nx.MultiDiGraph, *nodes: str) -> None:
    """Raise a ValueError naming the first node that is not in the graph."""
    for node in nodes:
        if node not in g:
            raise ValueError(f"no actor with id {node!r} in the graph")


def _is_typed(relation: str) -> bool:
    return relation not in WEAK_RELATIONS


def _label(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("label") or node)


def evidence_strength(d: Mapping[str, Any], *, everything: bool = False) -> int:
    """The weight of an edge counting only the sentences that hold (all of them with `everything`).

    An edge without evidence (``part_of`` from the alias table) keeps its stored weight.
    """
    evidence = d.get("evidence")
    if isinstance(evidence, StoredEvidence):
        return len(evidence) if everything else evidence.held()
    if not evidence:
        return int(d.get("weight") or 0)
    return len(evidence) if everything else sum(1 for ev in evidence if holds(ev))


def best_evidence(evidence: Iterable[dict]) -> dict | None:
    """Return the most telling sentence: one that holds first, then highest confidence, then asserted."""
    best, best_key = None, None
    for ev in evidence:
        key = (holds(ev), float(ev.get("confidence") or 0.0), ev.get("modality", "asserted") == "asserted",
               not ev.get("negated", False))
        if best_key is None or key > best_key:
            best, best_key = ev, key
    return best


def date_bounds(g: nx.MultiDiGraph) -> tuple[str, str] | None:
    """Return the earliest and latest known article dates, or None when no article is dated."""
    dates = sorted(d for d in doc_dates(g).values() if d)
    return (dates[0], dates[-1]) if dates else None


# --------------------------------------------------------------------------- filtering


def filter_graph(
    g: nx.MultiDiGraph,
    *,
    relations: Iterable[str] | None = None,
    entity_types: Iterable[str] | None = None,
    date_range: tuple[str | None, str | None] | None = None,
    min_articles: int = 1,
    include_co_mentions: bool = False,
    keep: Collection[str] = (),
) -> nx.MultiDiGraph:
    """Return the part of the graph the filters allow: the filter engine (`graph.index`) in one call.

    An edge stays when its relation type is allowed, both ends are allowed, and (after the
    date range has trimmed its evidence) it still has evidence from at least `min_articles`
    distinct articles; the edge's weight, articles and first/last date are then recounted
    from the evidence that remains. Edges without evidence of their own (part_of from the
    alias table) are exempt from the evidence tests: they stay when both ends are allowed,
    and, once a date range or an article threshold is set, only when both ends also keep an
    evidenced edge (so an agency with nothing in the period does not hang on its state).
    Nodes left without an edge are dropped, except those in `keep`.

    Args:
        g: The graph.
        relations: Relation types to keep; None keeps every type but co_mentioned.
        entity_types: Node types to keep; None keeps every type.
        date_range: `(first, last)` as "YYYY", "YYYY-MM" or "YYYY-MM-DD", either end None
            for open. Evidence is kept when its article's date overlaps the range; evidence
            from an undated article is dropped. None (not `(None, None)`) applies no date
            filter at all, which keeps undated evidence.
        min_articles: Drop evidenced edges supported by fewer distinct articles.
        include_co_mentions: Also keep co_mentioned edges (as does naming it in `relations`).
        keep: Node ids kept whatever the filters say (the selected node, say), with their
            edges to other kept nodes; ids not in the graph are ignored.

    Returns:
        A new MultiDiGraph with the same graph attributes (documents) as `g`.

    Raises:
        ValueError: A malformed or reversed date range.
    """
    allowed = relation_filter(relations, include_co_mentions)
    index = EdgeIndex(g, ())
    documents = None if date_range is None else index.period(*check_date_range(date_range))
    survivors = index.survivors(relations=[r for r in index.relation_names if allowed(r)],
                                types=index.type_names if entity_types is None else set(entity_types),
                                min_articles=min_articles, keep=keep, documents=documents)
    return index.graph(survivors, documents)


# --------------------------------------------------------------------------- reach


def _neighbours(g: nx.MultiDiGraph, node: str) -> set[str]:
    return (set(g.succ[node]) | set(g.pred[node])) - {node}


def neighbourhood(g: nx.MultiDiGraph, node: str, hops: int = 1) -> set[str]:
    """Return the nodes within `hops` steps of `node`, ignoring edge direction (node included).

    Raises:
        ValueError: The node is not in the graph, or `hops` is negative.
    """
    _require(g, node)
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, not {hops}")
    seen, frontier = {node}, {node}
    for _ in range(hops):
        frontier = {m for n in frontier for m in _neighbours(g, n)} - seen
        if not frontier:
            break
        seen |= frontier
    return seen


def expand(g: nx.MultiDiGraph, nodes: Iterable[str], node: str) -> set[str]:
    """Return `nodes` plus `node` and its direct neighbours (either direction).

    Raises:
        ValueError: `node` is not in the graph.
    """
    _require(g, node)
    return set(nodes) | {node} | _neighbours(g, node)


# --------------------------------------------------------------------------- paths


def _edge_strength(relation: str, d: Mapping[str, Any], strength: int) -> tuple:
    """Sort key for the edge that stands for a node pair: typed first, then more evidence that holds."""
    return (_is_typed(relation), strength, d.get("articles") or 0, -_ORDER.get(relation, len(_ORDER)))


def _collapsed(g: nx.MultiDiGraph, allowed, *, everything: bool = False) -> nx.Graph:
    """One undirected edge per linked node pair, standing for the strongest edge between them.

    An edge none of whose sentences hold is no link (unless `everything`). Each pair's
    ``cost`` is one hop plus a little less the more evidence holds, so among paths of one
    length the better attested come first.
    """
    simple = nx.Graph()
    simple.add_nodes_from(g)
    best: dict[tuple[str, str], tuple] = {}
    for s, t, k, d in g.edges(keys=True, data=True):
        relation = d.get("relation", k)
        if s == t or not allowed(relation):
            continue
        strength = evidence_strength(d, everything=everything)
        if strength <= 0:
            continue
        pair = (s, t) if s < t else (t, s)
        key = _edge_strength(relation, d, strength)
        if pair not in best or key > best[pair][0]:
            best[pair] = (key, (s, t, k))
    simple.add_edges_from((s, t, {"edge": (s, t, k), "cost": 1.0 + 1.0 / (1 + key[1])})
                          for key, (s, t, k) in best.values())
    return simple


def shortest_paths(
    g: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    k: int = 3,
    relations: Iterable[str] | None = None,
    include_co_mentions: bool = False,
    everything: bool = False,
) -> list[Path]:
    """Return up to `k` shortest simple paths between two actors, shortest and best attested first.

    Paths ignore edge direction. Between two actors the path uses their strongest edge of
    an allowed type (a typed relation over a co-mention, then the one with more evidence
    that holds); a relation whose every sentence is negated, future or hypothetical is no
    hop. Among paths of one length, those whose hops rest on more evidence come first.
    Each hop says which way its edge points, carries its best sentence and its counts.

    Args:
        g: The graph.
        source: Id of the actor the paths start from.
        target: Id of the actor they end at.
        k: How many paths at most.
        relations: Relation types a path may use; None allows every type but co_mentioned.
        include_co_mentions: Also allow co_mentioned edges.
        everything: Count every sentence as written, negated and speculative ones too.

    Returns:
        Paths as lists of hops; [] when the two are not connected or are the same actor.

    Raises:
        ValueError: An actor is not in the graph, or `k` is below 1.
    """
    _require(g, source, target)
    if k < 1:
        raise ValueError(f"k must be 1 or more, not {k}")
    if source == target:
        return []
    simple = _collapsed(g, relation_filter(relations, include_co_mentions), everything=everything)
    try:
        node_paths = list(islice(nx.shortest_simple_paths(simple, source, target, weight="cost"), k))
    except nx.NetworkXNoPath:
        return []
    return [[_hop(g, simple, a, b, everything) for a, b in zip(p, p[1:])] for p in node_paths]


def _hop(g: nx.MultiDiGraph, simple: nx.Graph, a: str, b: str, everything: bool) -> Hop:
    s, t, k = simple.edges[a, b]["edge"]
    d = g.edges[s, t, k]
    evidence = d.get("evidence") or ()
    return Hop(a, b, d.get("relation", k), FORWARD if s == a else BACKWARD, best_evidence(evidence),
               strength=evidence_strength(d, everything=everything),
               articles=int(d.get("articles") or len({ev.get("doc_id") for ev in evidence})),
               negated=sum(1 for ev in evidence if ev.get("negated")),
               speculative=sum(1 for ev in evidence if ev.get("modality") in SPECULATIVE))


# --------------------------------------------------------------------------- rankings


def _strength(g: nx.MultiDiGraph, *, typed_only: bool, everything: bool = False
              ) -> tuple[dict[str, int], dict[str, int]]:
    """Weighted degree and degree of every node, over typed edges only or over all edges.

    An edge weighs its evidence that holds (every sentence with `everything`, 1 when it has
    no evidence of its own); an edge none of whose sentences holds counts not at all.
    """
    weighted: dict[str, int] = defaultdict(int)
    degree: dict[str, int] = defaultdict(int)
    for s, t, k, d in g.edges(keys=True, data=True):
        if typed_only and not _is_typed(d.get("relation", k)):
            continue
        w = evidence_strength(d, everything=everything) if d.get("evidence") else (d.get("weight") or 1)
        if not w:
            continue
        for n in (s, t):
            weighted[n] += w
            degree[n] += 1
    return weighted, degree


def central_actors(
    g: nx.MultiDiGraph, *, top: int = 15, exclude_types: Collection[str] = (), everything: bool = False
) -> list[tuple[str, str, int]]:
    """Return the most connected actors as `(id, label, score)`, best first.

    The score is the weighted degree over typed edges (the evidence sentences that hold, see
    :func:`holds`, of every non-co-mention edge touching the actor, either direction; every
    sentence with `everything`; an edge without evidence counts 1). Ties go to the actor with
    more edges, then to the smaller id. Actors with no typed edge that holds are left out.
    """
    weighted, degree = _strength(g, typed_only=True, everything=everything)
    ranked = sorted((n for n in weighted if g.nodes[n].get("type") not in exclude_types),
                    key=lambda n: (-weighted[n], -degree[n], n))
    return [(n, _label(g, n), weighted[n]) for n in ranked[:top]]


def stance_matrix(g: nx.MultiDiGraph, *, top: int = 12,
                  exclude_types: Collection[str] = STANCE_EXCLUDED_TYPES, everything: bool = False) -> StanceMatrix:
    """Return the stance between the `top` actors with most typed edges (weapons, places left out).

    Only sentences that hold count (see :func:`holds`): a negated "cooperates" is no
    cooperation, a threatened strike no attack; `everything` counts them all, as written.
    Ties go to the actor with more evidence, then to the smaller id. See `StanceMatrix`.
    """
    weighted, degree = _strength(g, typed_only=True, everything=everything)
    ranked = sorted((n for n in degree if g.nodes[n].get("type") not in exclude_types),
                    key=lambda n: (-degree[n], -weighted[n], n))[:top]
    index = {n: i for i, n in enumerate(ranked)}
    size = len(ranked)
    coop = [[0] * size for _ in range(size)]
    conflict = [[0] * size for _ in range(size)]
    for s, t, k, d in g.edges(keys=True, data=True):
        if s not in index or t not in index or s == t:
            continue
        pol = d.get("polarity")
        if pol is None:
            relation = d.get("relation", k)
            pol = BY_NAME[relation].polarity if relation in BY_NAME else 0
        target = coop if pol > 0 else conflict if pol < 0 else None
        if target is None:
            continue
        i, j, w = index[s], index[t], evidence_strength(d, everything=everything)
        target[i][j] += w
        target[j][i] += w
    net = tuple(tuple(c - x for c, x in zip(cr, xr)) for cr, xr in zip(coop, conflict))
    return StanceMatrix(labels=tuple(_label(g, n) for n in ranked), ids=tuple(ranked), net=net,
                        coop=tuple(map(tuple, coop)), conflict=tuple(map(tuple, conflict)))


def display_subgraph(g: nx.MultiDiGraph, *, budget: int = 300,
                     focus: str | None = None) -> tuple[nx.MultiDiGraph, bool]:
    """Cut a graph down to at most `budget` nodes for drawing.

    When the graph has more nodes than the budget, the focus actor and its neighbours are
    kept first, then the most central other actors fill the budget up. Centrality is the
    weighted degree over the edges present (ties to more edges, then the smaller id); it
    also picks which neighbours stay when the focus alone has more than the budget.

    Args:
        g: The (usually already filtered) graph.
        budget: Most nodes to draw (at least 1).
        focus: Id of the selected actor; ignored when it is not in the graph.

    Returns:
        `(subgraph, truncated)`: a new graph, and whether nodes were left out.
    """
    if budget < 1:
        raise ValueError(f"budget must be 1 or more, not {budget}")
    if g.number_of_nodes() <= budget:
        return g.copy(), False
    weighted, degree = _strength(g, typed_only=False)

    def central(nodes: Iterable[str]) -> list[str]:
        return sorted(nodes, key=lambda n: (-weighted.get(n, 0), -degree.get(n, 0), n))

    chosen: set[str] = set()
    if focus is not None and focus in g:
        chosen = {focus, *central(_neighbours(g, focus))[:budget - 1]}
    chosen.update(central(n for n in g if n not in chosen)[:budget - len(chosen)])
    return g.subgraph(chosen).copy(), True


# --------------------------------------------------------------------------- search


# --------------------------------------------------------------------------- panels


# --------------------------------------------------------------------------- time


@dataclass(frozen=True)
class MonthCounts:
    """Cooperative and conflictual evidence between two actors in one month (``YYYY-MM``)."""

    month: str
    cooperation: int
    conflict: int


def dyad_timeline(g: nx.MultiDiGraph, a: str, b: str, *, everything: bool = False) -> list[MonthCounts]:
    """Cooperation and conflict between two actors by month, from the dates of their articles.

    Counts sentences that hold (see :func:`holds`) in relations of either direction; neutral
    types and undated articles are left out. Months with nothing between them inside the
    span are listed with zeros, so a gap shows as a gap.
    """
    dates = {doc: month_of(meta.get("date")) for doc, meta in (g.graph.get("documents") or {}).items()}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s, t in ((a, b), (b, a)):
        for k, d in (g.succ[s].get(t) or {}).items() if s in g else ():
            pol = BY_NAME[d.get("relation", k)].polarity if d.get("relation", k) in BY_NAME else 0
            if pol == 0:
                continue
            for month, n in month_counts(d.get("evidence") or (), dates, everything=everything).items():
                if len(month) == 7 and n:
                    counts[month][0 if pol > 0 else 1] += n
    if not counts:
        return []
    first, last = min(counts), max(counts)
    out, (y, m) = [], (int(first[:4]), int(first[5:7]))
    while f"{y:04d}-{m:02d}" <= last:
        month = f"{y:04d}-{m:02d}"
        out.append(MonthCounts(month, *counts.get(month, (0, 0))))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def evidence_by_month(g: nx.MultiDiGraph, months: list[str] | tuple[str, ...]) -> list[int]:
    """Evidence sentences of typed relations in each of `months` (``YYYY-MM``), by their article's date."""
    dates = {doc: month_of(meta.get("date")) for doc, meta in (g.graph.get("documents") or {}).items()}
    at = {m: i for i, m in enumerate(months)}
    counts = [0] * len(months)
    for _, _, k, d in g.edges(keys=True, data=True):
        if d.get("relation", k) in WEAK_RELATIONS:
            continue
        for month, n in month_counts(d.get("evidence") or (), dates).items():
            if month in at:
                counts[at[month]] += n
    return counts


def month_counts(evidence, dates: Mapping[str, str | None], *, everything: bool = True) -> dict[str, int]:
    """An edge's sentences by the month of their article (`dates`: doc_id -> date or month), only
    those that hold unless `everything`; counted in the store for an edge kept there."""
    months = evidence.months if isinstance(evidence, StoredEvidence) else month_totals(evidence, dates)
    return {month: row[0] if everything else row[1] for month, row in months.items()}
