"""Finding actors and reading about them: search by name or alias, an actor's summary, the evidence between two actors."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import networkx as nx

from graph.names import fold, search_form
from graph.rules import doc_dates
from graph.lazy import StoredArticles, StoredEvidence, read_together
from graph.ontology import WEAK_RELATIONS
from graph.query import _ORDER, BACKWARD, FORWARD, _label, _require


@dataclass(frozen=True)
class RelationGroup:
    """The edges of one relation type at a node: who it points to, who points at it (each strongest
    first), its sentences, and its edges ``(source, target, weight)`` strongest first (ties by
    source, then target)."""

    relation: str
    outgoing: tuple[str, ...]
    incoming: tuple[str, ...]
    sentences: int
    rows: tuple[tuple[str, str, int], ...] = ()

    @property
    def count(self) -> int:
        """Number of edges of this type in both directions."""
        return len(self.outgoing) + len(self.incoming)


@dataclass(frozen=True)
class Actor:
    """An actor as a panel names it: id, display name and entity type."""

    id: str
    label: str
    type: str


@dataclass(frozen=True)
class Neighbour(Actor):
    """An actor linked to the summarised node, with the relation types that link them."""

    relations: tuple[str, ...]
    weight: int


@dataclass(frozen=True)
class NodeSummary(Actor):
    """Everything the node panel shows about one actor."""

    aliases: tuple[str, ...]
    mentions: int
    relations: tuple[RelationGroup, ...]
    articles: Sequence[str]  # oldest first; of an actor kept in the store, read a slice at a time
    neighbours: tuple[Neighbour, ...]


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """Search form of a name: diacritics folded, case folded, dots gone ("U.S." == "us")."""
    return fold(text).casefold().replace(".", "")


def _match_rank(query: str, label: str, aliases: Iterable[str]) -> int | None:
    """Rank of a match: lower is better, None when nothing matches."""
    if label == query:
        return 0
    if label.startswith(query):
        return 1
    if query in aliases:
        return 2
    if any(word.startswith(query) for word in label.split()[1:]):
        return 3
    if any(a.startswith(query) for a in aliases):
        return 4
    if query in label:
        return 5
    if any(query in a for a in aliases):
        return 6
    return None


def search(g: nx.MultiDiGraph, text: str, *, limit: int = 20) -> list[str]:
    """Find actors by name, ignoring case and diacritics ("erdogan" finds "Erdoğan").

    Matches labels, aliases and ids. Best first: the exact label, a label starting with the
    text, an exact alias, a later word of the label, an alias starting with the text, then
    the text anywhere in a label or alias; ties go to the actor mentioned more, then by label.
    """
    query = _norm(text or "").strip()
    if not query:
        return []
    hits = []
    for n, d in g.nodes(data=True):
        label = _norm(str(d.get("label") or n))
        aliases = {_norm(str(a)) for a in d.get("aliases") or ()} | {_norm(str(n).replace("-", " "))}
        rank = _match_rank(query, label, aliases)
        if rank is not None:
            hits.append((rank, -(d.get("mentions") or 0), label, n))
    hits.sort()
    return [n for *_, n in hits[:limit]]


def node_summary(g: nx.MultiDiGraph, node: str) -> NodeSummary:
    """Summarise one actor for the node panel, over the edges of `g`.

    Relation groups come in ontology order, their ends strongest edge first; articles are
    those that mention the actor or give evidence for its edges, oldest first (undated
    last); neighbours come strongest tie first.

    Raises:
        ValueError: The node is not in the graph.
    """
    _require(g, node)
    d = g.nodes[node]
    out_ends: dict[str, list] = defaultdict(list)
    in_ends: dict[str, list] = defaultdict(list)
    rows: dict[str, list] = defaultdict(list)
    sentences: dict[str, int] = defaultdict(int)
    ties: dict[str, dict] = defaultdict(lambda: {"weight": 0, "relations": set()})
    evidences = []
    edges = [(s, t, k, e, out_ends, t) for s, t, k, e in g.out_edges(node, keys=True, data=True)]
    edges += [(s, t, k, e, in_ends, s) for s, t, k, e in g.in_edges(node, keys=True, data=True) if s != t]
    for s, t, k, e, ends, other in edges:
        relation = e.get("relation", k)
        evidence = e.get("evidence") or ()
        weight = e.get("weight") or len(evidence)
        ends[relation].append((-weight, other))
        rows[relation].append((-weight, s, t))
        sentences[relation] += len(evidence)
        ties[other]["weight"] += weight
        ties[other]["relations"].add(relation)
        evidences.append(evidence)
    groups = tuple(
        RelationGroup(rel, tuple(n for _, n in sorted(out_ends[rel])), tuple(n for _, n in sorted(in_ends[rel])),
                      sentences[rel], tuple((s, t, -w) for w, s, t in sorted(rows[rel])))
        for rel in sorted(set(out_ends) | set(in_ends), key=lambda r: (_ORDER.get(r, len(_ORDER)), r)))
    neighbours = tuple(
        Neighbour(n, _label(g, n), str(g.nodes[n].get("type") or ""),
                  tuple(sorted(tie["relations"], key=lambda r: (_ORDER.get(r, len(_ORDER)), r))), tie["weight"])
        for n, tie in sorted(ties.items(), key=lambda item: (-item[1]["weight"], _label(g, item[0]), item[0])))
    return NodeSummary(id=node, label=_label(g, node), type=str(d.get("type") or ""),
                       aliases=tuple(d.get("aliases") or ()), mentions=int(d.get("mentions") or 0),
                       relations=groups, articles=summary_articles(d, evidences, g.graph), neighbours=neighbours)


def summary_articles(d: Mapping[str, Any], evidences: Iterable[Sequence], graph: Mapping[str, Any]) -> Sequence[str]:
    """The articles of an actor's summary, oldest first (undated last): those of its node
    attributes `d` and those that give its edges' `evidences` (an edge kept in the store adds none:
    its articles all name the actor); of an actor kept in the store, read a slice at a time."""
    stored = d.get("articles") if isinstance(d.get("articles"), StoredArticles) else None
    articles = set() if stored is not None else set(d.get("articles") or ())
    for evidence in evidences:
        if not isinstance(evidence, StoredEvidence):
            articles.update([ev.get("doc_id") for ev in evidence])
    articles.discard(None)
    articles.discard("")
    if stored is not None and not articles:
        return stored.by_date()
    if stored is not None:  # sentences held in memory name articles too: all of them, sorted here
        articles |= set(stored)
    documents = graph.get("documents") or {}
    dates = {doc: (documents.get(doc) or {}).get("date") for doc in articles}
    return tuple(sorted(articles, key=lambda doc: (dates[doc] is None, dates[doc] or "", doc)))


def dyad_evidence(g: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str, dict]]:
    """Return every sentence behind the edges between two actors, for a heatmap cell.

    Each item is `(relation, direction, evidence)` where direction "->" means a -> b and
    "<-" means b -> a; relations in ontology order, a -> b before b -> a, then oldest article
    first and, within an article, in reading order.

    Raises:
        ValueError: An actor is not in the graph.
    """
    dates = doc_dates(g)
    rows = []
    for i, (relation, direction, evidence) in enumerate(dyad_edges(g, a, b)):
        for ev in evidence:
            doc = ev.get("doc_id")
            rows.append(((i, dates.get(doc) is None, dates.get(doc) or "", doc or "", ev.get("start") or 0),
                         (relation, direction, ev)))
    rows.sort(key=lambda r: r[0])
    return [row for _, row in rows]


def dyad_edges(g: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str, Any]]:
    """Return the edges between two actors as `(relation, direction, evidence)`, their sentences
    not read: relations in ontology order, a -> b before b -> a (see :func:`dyad_evidence`).

    Raises:
        ValueError: An actor is not in the graph.
    """
    _require(g, a, b)
    edges = []
    for s, t, direction in ((a, b, FORWARD), (b, a, BACKWARD)):
        if a == b and direction == BACKWARD:
            break
        edges += [(d.get("relation", k), direction, d.get("evidence") or ())
                  for k, d in (g.succ[s].get(t) or {}).items()]
    return sorted(edges, key=lambda e: (_ORDER.get(e[0], len(_ORDER)), e[0], e[1] != FORWARD))


@lru_cache(maxsize=300_000)
def _folded(text: str) -> str:
    """A sentence as the evidence search compares it (kept: sentences repeat)."""
    return search_form(text)


def _matching(edges: list, words: list[str], include_weak: bool) -> Iterator[tuple]:
    """``(edge, evidence)`` with the evidence read: of an edge kept in a store only the sentences
    that hold every word, found by the store (one scan: `graph.sentences.matching`); of every
    other edge all of them."""
    readers = {id(ev.fetch): ev.fetch for _, ev in edges if isinstance(ev, StoredEvidence)}
    found = {key: reader.matching(words, () if include_weak else sorted(WEAK_RELATIONS))
             for key, reader in readers.items() if hasattr(reader, "matching")}
    rest = []
    for edge, ev in edges:
        if isinstance(ev, StoredEvidence) and id(ev.fetch) in found:
            if any(key in found[id(ev.fetch)] for key in ev.keys()):
                yield edge, ev.shown(found[id(ev.fetch)])
        else:
            rest.append((edge, ev))
    yield from read_together(rest)


@dataclass(frozen=True)
class SentenceHit:
    """One evidence sentence that matches a full-text search, with the relation it backs."""

    source: str
    relation: str
    target: str
    evidence: dict


def search_evidence(g: nx.MultiDiGraph, query: str, *, limit: int = 20,
                    include_weak: bool = False) -> tuple[list[SentenceHit], int]:
    """Find the evidence sentences that hold every word of `query` (case and accents folded).

    The heavier edge comes first, then relation order, then reading order; co-mentions only
    with `include_weak`. Returns the first `limit` hits and how many there are in all.
    """
    words = [w for w in _folded(query or "").split() if w]
    if not words:
        return [], 0
    hits = []
    edges = [((s, t, d.get("relation", k), d.get("weight") or 0), d.get("evidence") or ())
             for s, t, k, d in g.edges(keys=True, data=True)
             if include_weak or d.get("relation", k) not in WEAK_RELATIONS]
    for (s, t, relation, weight), evidence in _matching(edges, words, include_weak):
        for ev in evidence:
            text = _folded(str(ev.get("sentence") or ""))
            if all(w in text for w in words):
                hits.append(((-weight, _ORDER.get(relation, len(_ORDER)), s, t,
                              str(ev.get("doc_id") or ""), int(ev.get("start") or 0)), SentenceHit(s, relation, t, ev)))
    hits.sort(key=lambda h: h[0])
    return [h for _, h in hits[:limit]], len(hits)
