"""Who carries a relation: outlets, syndicated wire copy counted once, and each outlet's stance.

Corroboration counts outlets, not articles: five articles of one outlet are one voice, and a
wire story printed by three outlets (the same sentence text in each) is one report, however
many papers ran it. An article with no outlet is its own voice, named by its file.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from graph.lazy import read_together
from graph.ontology import SPECULATIVE, WEAK_RELATIONS, polarity

_NOT_WORD = re.compile(r"\W+")

Documents = Mapping[str, Mapping[str, Any]]


def outlet_of(doc_id: str | None, documents: Documents) -> str:
    """The outlet of an article; an article without one is its own source, named by its file."""
    meta = documents.get(doc_id) or {}
    outlet = str(meta.get("outlet") or "").strip()
    return outlet or f"unknown outlet ({meta.get('source') or doc_id})"


class OutletTable(dict):
    """doc_id -> (outlet, date) of every article, read once for a graph (an unknown id is its own outlet)."""

    def __init__(self, documents: Documents):
        super().__init__((doc, (outlet_of(doc, documents), str((meta or {}).get("date") or "\uffff")))
                         for doc, meta in documents.items())

    def __missing__(self, doc_id):
        return outlet_of(doc_id, {}), "\uffff"


@lru_cache(maxsize=1 << 16)  # one sentence is the evidence of every pair of actors in it
def sentence_key(sentence: str) -> str:
    """The words of a sentence, case and punctuation aside: wire copy reprinted reads the same."""
    return _NOT_WORD.sub(" ", sentence.casefold()).strip()


def outlet_table(documents: Documents | OutletTable) -> OutletTable:
    """The documents as an :class:`OutletTable` (made once: a table given is used as it is)."""
    return documents if isinstance(documents, OutletTable) else OutletTable(documents)


def independent(evidence: Iterable[Mapping[str, Any]], documents: Documents | OutletTable) -> list[Mapping[str, Any]]:
    """The evidence with syndicated copies left out: of sentences with the same words, the earliest
    (by article date, then id and place).

    A sentence repeated within one article is one sentence; the same sentence in another
    article is the same report reprinted.
    """
    table = outlet_table(documents)
    first: dict[str, tuple[tuple, Mapping[str, Any]]] = {}
    for ev in evidence:
        doc = ev.get("doc_id")
        order = (table[doc][1], str(doc), int(ev.get("start") or 0))
        key = sentence_key(str(ev.get("sentence") or ""))
        if key not in first or order < first[key][0]:
            first[key] = (order, ev)
    return [ev for _, ev in sorted(first.values(), key=lambda x: x[0])]


def outlets_of(evidence: Iterable[Mapping[str, Any]], documents: Documents | OutletTable) -> tuple[str, ...]:
    """The distinct outlets behind the evidence, syndicated copies once (sorted).

    Args:
        evidence: Evidence dicts.
        documents: The graph's documents, or an :class:`OutletTable` of them (faster, when asked often).
    """
    table = outlet_table(documents)
    evidence = list(evidence)
    found = {table[ev.get("doc_id")][0] for ev in evidence}
    if len(found) > 1:  # only then can a reprint make one outlet of several
        found = {table[ev.get("doc_id")][0] for ev in independent(evidence, table)}
    return tuple(sorted(found))


def sentence_hashes(sentences: Sequence[str | None]) -> np.ndarray:
    """Each sentence's words (:func:`sentence_key`) as a number: equal for copies of one sentence."""
    return np.fromiter((hash(sentence_key(str(s or ""))) for s in sentences), np.int64, len(sentences))


def outlet_totals(edge: np.ndarray, words: np.ndarray, doc: np.ndarray, start: np.ndarray, docs: Sequence,
                  n: int, documents: Documents | OutletTable) -> np.ndarray:
    """How many outlets stand behind each of `n` edges, syndicated copies once: what
    :func:`outlets_of` counts for each edge's sentences, counted for many edges in one pass.

    Args:
        edge, words, doc, start: Every sentence of the edges (in any order) as columns: its edge
            (a position below `n`), words (:func:`sentence_hashes`), article (a position in
            `docs`, the doc ids) and place.
        documents: The articles (outlet and date of each), or their :class:`OutletTable`.

    Returns:
        One count per edge (0 for an edge with no sentence).
    """
    if not len(edge):
        return np.zeros(n, dtype=np.int32)
    table = outlet_table(documents)
    # the articles in the order `independent` takes the earliest of a sentence's copies by
    rank = np.empty(len(docs), dtype=np.int64)
    rank[sorted(range(len(docs)), key=lambda i: (table[docs[i]][1], str(docs[i])))] = np.arange(len(docs))
    outlet_code: dict[str, int] = {}
    outlet = np.array([outlet_code.setdefault(table[d][0], len(outlet_code)) for d in docs], dtype=np.int64)
    order = np.lexsort((start, rank[doc], words, edge))
    edge, words, doc = edge[order], words[order], doc[order]
    first = np.ones(len(order), dtype=bool)  # the earliest copy of each sentence of each edge
    first[1:] = (edge[1:] != edge[:-1]) | (words[1:] != words[:-1])
    heard = np.unique(edge[first] * len(outlet_code) + outlet[doc[first]])
    return np.bincount(heard // len(outlet_code), minlength=n).astype(np.int32)


def carriers(evidence: Iterable[Mapping[str, Any]], documents: Documents) -> tuple[str, ...]:
    """Every outlet that printed the evidence, reprints included (sorted)."""
    table = outlet_table(documents)
    return tuple(sorted({table[ev.get("doc_id")][0] for ev in evidence}))


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
    table = OutletTable(g.graph.get("documents") or {})
    tally: dict[str, dict[tuple[str, str, str], list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    edges = (((s, t, str(d.get("relation") or k)), d.get("evidence") or ())
             for s, t, k, d in g.edges(keys=True, data=True))
    for (s, t, relation), evidence in read_together((e, ev) for e, ev in edges if e[2] not in WEAK_RELATIONS):
        for ev in evidence:
            row = tally[table[ev.get("doc_id")][0]][(s, t, relation)]
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
    table = OutletTable(g.graph.get("documents") or {})
    column = {a: i for i, a in enumerate(actors)}
    cells: dict[str, list[list[int]]] = defaultdict(lambda: [[0, 0] for _ in actors])
    edges = (((polarity(str(d.get("relation") or k)), [column[n] for n in {s, t} if n in column]),
              d.get("evidence") or ()) for s, t, k, d in g.edges(keys=True, data=True))
    for (sign, ends), evidence in read_together((e, ev) for e, ev in edges if e[0] and e[1]):
        for ev in evidence:
            if counts_for_stance(ev):
                row = cells[table[ev.get("doc_id")][0]]
                for j in ends:
                    row[j][0 if sign > 0 else 1] += 1
    ranked = sorted(cells, key=lambda o: (-sum(c + k for c, k in cells[o]), o))[:top]
    labels = tuple(str(g.nodes[a].get("label") or a) if a in g else a for a in actors)
    return OutletStance(outlets=tuple(ranked), actors=tuple(actors), labels=labels,
                        coop=tuple(tuple(c for c, _ in cells[o]) for o in ranked),
                        conflict=tuple(tuple(k for _, k in cells[o]) for o in ranked))
