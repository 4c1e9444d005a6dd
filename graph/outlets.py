"""Who carries a relation: outlets, syndicated wire copy counted once, and each outlet's stance.

Corroboration counts outlets, not articles: five articles of one outlet are one voice, and a
wire story printed by three outlets (the same sentence text in each) is one report, however
many papers ran it. An article with no outlet is its own voice, named by its file.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.ontology import SPECULATIVE, WEAK_RELATIONS, polarity

_NOT_WORD = re.compile(r"\W+")

Documents = Mapping[str, Mapping[str, Any]]


def outlet_of(doc_id: str | None, documents: Documents) -> str:
    """The outlet of an article; an article without one is its own source, named by its file."""
    meta = documents.get(doc_id) or {}
    outlet = str(meta.get("outlet") or "").strip()
    return outlet or f"unknown outlet ({meta.get('source') or doc_id})"


def sentence_key(sentence: str) -> str:
    """The words of a sentence, case and punctuation aside: wire copy reprinted reads the same."""
    return _NOT_WORD.sub(" ", sentence.casefold()).strip()


def _order(ev: Mapping[str, Any], documents: Documents) -> tuple[str, str, int]:
    """Earliest article first (undated last), then by id and place: the copy that counts."""
    doc = ev.get("doc_id")
    return (str((documents.get(doc) or {}).get("date") or "\uffff"), str(doc), int(ev.get("start") or 0))


def independent(evidence: Iterable[Mapping[str, Any]], documents: Documents) -> list[Mapping[str, Any]]:
    """The evidence with syndicated copies left out: of sentences with the same words, the earliest.

    A sentence repeated within one article is one sentence; the same sentence in another
    article is the same report reprinted.
    """
    first: dict[str, Mapping[str, Any]] = {}
    for ev in sorted(evidence, key=lambda ev: _order(ev, documents)):
        first.setdefault(sentence_key(str(ev.get("sentence") or "")), ev)
    return list(first.values())


def outlets_of(evidence: Iterable[Mapping[str, Any]], documents: Documents) -> tuple[str, ...]:
    """The distinct outlets behind the evidence, syndicated copies once (sorted)."""
    return tuple(sorted({outlet_of(ev.get("doc_id"), documents) for ev in independent(evidence, documents)}))


def carriers(evidence: Iterable[Mapping[str, Any]], documents: Documents) -> tuple[str, ...]:
    """Every outlet that printed the evidence, reprints included (sorted)."""
    return tuple(sorted({outlet_of(ev.get("doc_id"), documents) for ev in evidence}))


def counts_for_stance(ev: Mapping[str, Any]) -> bool:
    """Whether a sentence states its relation: not negated, not future or hypothetical."""
    return not ev.get("negated") and ev.get("modality") not in SPECULATIVE


# --------------------------------------------------------------------------- per outlet


@dataclass(frozen=True)
class OutletRelation:
    """One relation as one outlet carries it: how many of its sentences, and whether it denies it."""

    source: str
    target: str
    relation: str
    sentences: int
    denied: int


def outlet_relations(g: nx.MultiDiGraph) -> dict[str, list[OutletRelation]]:
    """Each outlet's typed relations, the most told first.

    Returns:
        outlet -> relations, each with the outlet's sentences for it and how many of them deny it.
    """
    documents = g.graph.get("documents") or {}
    tally: dict[str, dict[tuple[str, str, str], list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for s, t, k, d in g.edges(keys=True, data=True):
        relation = str(d.get("relation") or k)
        if relation in WEAK_RELATIONS:
            continue
        for ev in d.get("evidence") or ():
            row = tally[outlet_of(ev.get("doc_id"), documents)][(s, t, relation)]
            row[0] += 1
            row[1] += bool(ev.get("negated"))
    return {outlet: sorted((OutletRelation(s, t, rel, n, denied) for (s, t, rel), (n, denied) in rows.items()),
                           key=lambda r: (-r.sentences, r.source, r.relation, r.target))
            for outlet, rows in sorted(tally.items())}


@dataclass(frozen=True)
class OutletStance:
    """Outlets × actors: cooperation minus conflict in each outlet's sentences about each actor.

    Attributes:
        outlets: Row names, the outlets with the most sentences about the actors first.
        actors: Column ids; `labels` their display names.
        coop, conflict: Sentences of cooperative and conflictual relations per cell.
        net: ``coop - conflict`` per cell.
    """

    outlets: tuple[str, ...]
    actors: tuple[str, ...]
    labels: tuple[str, ...]
    coop: tuple[tuple[int, ...], ...]
    conflict: tuple[tuple[int, ...], ...]

    @property
    def net(self) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(c - k for c, k in zip(cr, kr)) for cr, kr in zip(self.coop, self.conflict))


def outlet_stance(g: nx.MultiDiGraph, actors: Sequence[str], *, top: int = 12) -> OutletStance:
    """How each outlet reports the relations of the given actors (either end), as sentence counts.

    Only sentences that state a cooperative or conflictual relation count (negated, future and
    hypothetical ones do not). The `top` outlets with the most such sentences are kept.
    """
    documents = g.graph.get("documents") or {}
    column = {a: i for i, a in enumerate(actors)}
    cells: dict[str, list[list[int]]] = defaultdict(lambda: [[0, 0] for _ in actors])
    for s, t, k, d in g.edges(keys=True, data=True):
        sign = polarity(str(d.get("relation") or k))
        ends = [column[n] for n in {s, t} if n in column]
        if not sign or not ends:
            continue
        for ev in d.get("evidence") or ():
            if counts_for_stance(ev):
                row = cells[outlet_of(ev.get("doc_id"), documents)]
                for j in ends:
                    row[j][0 if sign > 0 else 1] += 1
    ranked = sorted(cells, key=lambda o: (-sum(c + k for c, k in cells[o]), o))[:top]
    labels = tuple(str(g.nodes[a].get("label") or a) if a in g else a for a in actors)
    return OutletStance(outlets=tuple(ranked), actors=tuple(actors), labels=labels,
                        coop=tuple(tuple(c for c, _ in cells[o]) for o in ranked),
                        conflict=tuple(tuple(k for _, k in cells[o]) for o in ranked))
