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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.outlets import Documents, OutletTable, outlets_of
from graph.lazy import StoredEvidence
from graph.ontology import SPECULATIVE, WEAK_RELATIONS, polarity

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


def denials(g: nx.MultiDiGraph, documents: Documents | None = None) -> list[Dispute]:
    """Relations some sentences assert and others deny (SPEAKERS when each party's speaker takes a side)."""
    table = OutletTable(documents if documents is not None else g.graph.get("documents") or {})
    out = []
    for s, t, k, d in g.edges(keys=True, data=True):
        relation = str(d.get("relation") or k)
        if relation in WEAK_RELATIONS or not any(ev.get("negated") for ev in d.get("evidence") or ()):
            continue  # nothing denies it (most relations): no dispute
        stated = [ev for ev in d.get("evidence") or () if _stated(ev)]
        said = [ev for ev in stated if not ev.get("negated")]
        denied = [ev for ev in stated if ev.get("negated")]
        if not said or not denied:
            continue
        names = {s: _names(g, s), t: _names(g, t)}
        for_it = {_party(ev.get("speaker"), names) for ev in said} - {None}
        against = {_party(ev.get("speaker"), names) for ev in denied} - {None}
        kind = SPEAKERS if for_it and against and for_it.isdisjoint(against) else DENIED
        out.append(Dispute(kind, s, t, ((s, t, relation),), (
            Side("asserted", tuple(said), outlets_of(said, table)),
            Side("denied", tuple(denied), outlets_of(denied, table)))))
    return out


def stance_splits(g: nx.MultiDiGraph, documents: Documents | None = None) -> list[Dispute]:
    """Pairs of actors reported cooperating by one outlet and in conflict by another, in one month."""
    table = OutletTable(documents if documents is not None else g.graph.get("documents") or {})
    pairs: dict[tuple[str, str], list] = defaultdict(list)
    for s, t, k, d in g.edges(keys=True, data=True):
        relation = str(d.get("relation") or k)
        if sign := polarity(relation):
            pairs[(s, t) if s < t else (t, s)].append((sign, (s, t, relation), d.get("evidence") or ()))
    out = []
    for (a, b), edges in pairs.items():
        if {sign for sign, _, _ in edges} != {1, -1}:  # only pairs with both kinds of edge can split
            continue
        months: dict[str, dict[int, list]] = defaultdict(lambda: {1: [], -1: []})
        for sign, edge, evidence in edges:
            for ev in evidence:
                date = table[ev.get("doc_id")][1]
                if len(date) >= 7 and date[0] != "\uffff" and _stated(ev) and not ev.get("negated"):
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


def contested_edges(g: nx.MultiDiGraph) -> frozenset[Edge]:
    """The edges in any dispute, as ``(source, target, relation)``."""
    return frozenset(edge for x in denials(g) + stance_splits(g) for edge in x.edges)


def annotate(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set `outlets` (distinct, syndicated copies once) and `contested` on every edge; return `g`.

    For a graph being built (by `graph.build`, by curation, from node-link data): its edge
    dicts are the builder's own, so they are set in place.
    """
    table = OutletTable(g.graph.get("documents") or {})
    contested = contested_edges(g)
    for s, t, k, d in g.edges(keys=True, data=True):
        evidence = d.get("evidence") or ()  # a weak edge's kept in the store is counted when read
        d["outlets"] = (None if isinstance(evidence, StoredEvidence) else 1 if len(evidence) == 1
                        else len(outlets_of(evidence, table)))
        d["contested"] = (s, t, str(d.get("relation") or k)) in contested
    return g
