"""Where the sources disagree: contested relations, their two sides, and the edge flags.

A relation is contested when its evidence disagrees:

- *denied*: some sentences assert it and others deny it (a negated sentence);
- *speakers*: the same, and the assertion is voiced by one party's speaker while the
  denial is voiced by the other party's;
- *stance*: in one month, one pair of actors is reported in a cooperative relation by one
  outlet and in a conflictual one by another.

Future and hypothetical sentences assert nothing and take no side. Sides are counted in
outlets, syndicated copies once (`graph.outlets`), and disputes are ranked by the weaker side:
a claim answered by many outlets outranks one lone denial.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.lazy import StoredEvidence, read_together
from graph.ontology import SPECULATIVE, WEAK_RELATIONS, polarity
from graph.outlets import Documents, OutletTable, outlet_table, outlets_of
from graph.sentences import DENYING, HOLDING

DENIED, SPEAKERS, STANCE = "denied", "speakers", "stance"
Edge = tuple[str, str, str]  # (source, target, relation type)


@dataclass(frozen=True)
class Side:
    """One side of a dispute: what it says, its sentences and the outlets behind them."""

    label: str
    evidence: tuple[Mapping[str, Any], ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Dispute:
    """A contested relation (or, for `stance`, a contested pair of actors in one month).

    Attributes:
        kind: DENIED, SPEAKERS or STANCE.
        source, target: The two actors (for STANCE, in id order).
        edges: The edges that are contested, as ``(source, target, relation)``.
        sides: The two sides, each with its sentences and outlets.
        month: ``YYYY-MM`` for STANCE; None otherwise.
    """

    kind: str
    source: str
    target: str
    edges: tuple[Edge, ...]
    sides: tuple[Side, Side]
    month: str | None = None

    @property
    def rank(self) -> tuple[int, int]:
        """Outlets on the weaker side, then on both: how seriously the sources disagree."""
        a, b = (len(side.outlets) for side in self.sides)
        return min(a, b), a + b


def _stated(ev: Mapping[str, Any]) -> bool:
    return ev.get("modality") not in SPECULATIVE


def _party(speaker: str | None, names: Mapping[str, Iterable[str]]) -> str | None:
    """Which party a speaker speaks for ("Togo's foreign ministry" for Togo), when the words name one."""
    if not speaker:
        return None
    words = speaker.casefold()
    found = {party for party, aliases in names.items() for a in aliases if len(a) >= 3 and a.casefold() in words}
    return found.pop() if len(found) == 1 else None


def _names(g: nx.MultiDiGraph, node: str) -> list[str]:
    d = g.nodes[node] if node in g else {}
    return [str(d.get("label") or node), *(str(a) for a in d.get("aliases") or ())]


def _holds_somewhere(evidence) -> bool:
    """Whether some sentence of the edge holds (counted in the store for an edge kept there)."""
    if isinstance(evidence, StoredEvidence):
        return evidence.held() > 0
    return any(_stated(ev) and not ev.get("negated") for ev in evidence)


def _denied_edges(g: nx.MultiDiGraph) -> Iterator[tuple[Edge, Any]]:
    """The typed edges some sentence states and some denies, with their evidence as the graph
    has it; of an edge kept in the store only the sentences that deny are read."""
    edges = (((s, t, str(d.get("relation") or k)), d.get("evidence") or ())
             for s, t, k, d in g.edges(keys=True, data=True))
    candidates = ((edge, evidence) for edge, evidence in edges if edge[2] not in WEAK_RELATIONS
                  and _holds_somewhere(evidence) and (evidence.flagged()[0] if isinstance(evidence, StoredEvidence)
                                                      else any(ev.get("negated") for ev in evidence)))
    for (edge, evidence), denying in read_together(((item, item[1]) for item in candidates), only=DENYING):
        if any(_stated(ev) and ev.get("negated") for ev in denying):
            yield edge, evidence


def denials(g: nx.MultiDiGraph, documents: Documents | OutletTable | None = None) -> list[Dispute]:
    """Relations some sentences assert and others deny (SPEAKERS when each party's speaker takes a side)."""
    table = outlet_table(documents if documents is not None else g.graph.get("documents") or {})
    out = []
    for (s, t, relation), evidence in read_together(_denied_edges(g)):
        stated = [ev for ev in evidence if _stated(ev)]
        said = [ev for ev in stated if not ev.get("negated")]
        denied = [ev for ev in stated if ev.get("negated")]
        names = {s: _names(g, s), t: _names(g, t)}
        for_it = {_party(ev.get("speaker"), names) for ev in said} - {None}
        against = {_party(ev.get("speaker"), names) for ev in denied} - {None}
        kind = SPEAKERS if for_it and against and for_it.isdisjoint(against) else DENIED
        out.append(Dispute(kind, s, t, ((s, t, relation),), (
            Side("asserted", tuple(said), outlets_of(said, table)),
            Side("denied", tuple(denied), outlets_of(denied, table)))))
    return out


def _held_months(evidence, table: OutletTable) -> set[str]:
    """The months (``YYYY-MM``) in which some sentence of the edge holds (counted in the store for an edge kept there)."""
    if isinstance(evidence, StoredEvidence):
        return {month for month, row in evidence.months.items() if len(month) == 7 and row[1]}
    return {date[:7] for ev in evidence if _stated(ev) and not ev.get("negated")
            for date in (table[ev.get("doc_id")][1],) if len(date) >= 7 and date[0] != "\uffff"}


def stance_splits(g: nx.MultiDiGraph, documents: Documents | OutletTable | None = None) -> list[Dispute]:
    """Pairs of actors reported cooperating by one outlet and in conflict by another, in one month."""
    table = outlet_table(documents if documents is not None else g.graph.get("documents") or {})
    pairs: dict[tuple[str, str], list] = defaultdict(list)
    for s, t, k, d in g.edges(keys=True, data=True):
        relation = str(d.get("relation") or k)
        if sign := polarity(relation):
            pairs[(s, t) if s < t else (t, s)].append((sign, (s, t, relation), d.get("evidence") or ()))
    # a pair can split only in a month when both kinds of edge hold: only those months of those edges are read
    both: dict[tuple[str, str], set[str]] = {}
    wanted: list[tuple[tuple, Any]] = []  # ((pair, sign, edge, months), evidence)
    for pair, edges in pairs.items():
        held = [(sign, edge, evidence, _held_months(evidence, table)) for sign, edge, evidence in edges]
        months = {sign: set().union(*(m for s, _, _, m in held if s == sign)) for sign in (1, -1)}
        if split := months[1] & months[-1]:
            both[pair] = split
            wanted += [((pair, sign, edge, frozenset(m & split)), evidence) for sign, edge, evidence, m in held
                       if m & split]
    read: dict[tuple[str, str], list] = defaultdict(list)
    for (pair, sign, edge, _), evidence in read_together(wanted, only=HOLDING, months=lambda what: what[3]):
        read[pair].append((sign, edge, evidence))
    out = []
    for (a, b), edges in read.items():
        months: dict[str, dict[int, list]] = defaultdict(lambda: {1: [], -1: []})
        for sign, edge, evidence in edges:
            for ev in evidence:
                date = table[ev.get("doc_id")][1]
                if date[:7] in both[(a, b)] and _stated(ev) and not ev.get("negated"):
                    months[date[:7]][sign].append((edge, ev))
        for month, sides in months.items():
            coop, conflict = [ev for _, ev in sides[1]], [ev for _, ev in sides[-1]]
            if not coop or not conflict:
                continue
            coop_outlets, conflict_outlets = outlets_of(coop, table), outlets_of(conflict, table)
            if len(set(coop_outlets) | set(conflict_outlets)) < 2:  # one outlet telling both is not a dispute
                continue
            contested = tuple(sorted({edge for edge, _ in sides[1] + sides[-1]}))
            out.append(Dispute(STANCE, a, b, contested, (Side("cooperative", tuple(coop), coop_outlets),
                                                         Side("conflictual", tuple(conflict), conflict_outlets)),
                               month))
    return out


def disputes(g: nx.MultiDiGraph) -> list[Dispute]:
    """Every dispute in the graph, the most serious first (see :attr:`Dispute.rank`)."""
    found = denials(g) + stance_splits(g)
    return sorted(found, key=lambda x: (-x.rank[0], -x.rank[1], x.source, x.target, x.month or "", x.edges))


def contested_edges(g: nx.MultiDiGraph, documents: Documents | OutletTable | None = None) -> frozenset[Edge]:
    """The edges in any dispute, as ``(source, target, relation)``."""
    return frozenset([edge for edge, _ in _denied_edges(g)]
                     + [edge for x in stance_splits(g, documents) for edge in x.edges])


def annotate(g: nx.MultiDiGraph, contested: Iterable[Edge] | None = None) -> nx.MultiDiGraph:
    """Set `outlets` (distinct, syndicated copies once) and `contested` on every edge; return `g`.

    For a graph being built (by `graph.build`, by curation, from node-link data): its edge
    dicts are the builder's own, so they are set in place. `contested`: the contested edges
    when they are known (kept by the store: `graph.snapshot`); None counts them.
    """
    made: list[OutletTable] = []  # the outlets of every article, made when first needed

    def table() -> OutletTable:
        if not made:
            made.append(OutletTable(g.graph.get("documents") or {}))
        return made[0]
    contested = contested_edges(g, table()) if contested is None else frozenset(contested)
    for s, t, k, d in g.edges(keys=True, data=True):
        evidence = d.get("evidence") or ()  # an edge's kept in the store is counted when read
        d["outlets"] = (None if isinstance(evidence, StoredEvidence) else len(evidence) if len(evidence) < 2
                        else len(outlets_of(evidence, table())))
        d["contested"] = (s, t, str(d.get("relation") or k)) in contested
    return g
