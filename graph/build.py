"""Aggregate per-document extractions into one networkx MultiDiGraph."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import fields

import networkx as nx
import numpy as np

from graph.actors import ActorTable, load_actor_table
from graph.agreement import annotate
from graph.edge_table import EdgeTable
from graph.lazy import StoredArticles, StoredEvidence, StoreReader
from graph.models import Entity, Evidence, Extraction
from graph.names import is_name
from graph.ontology import polarity

EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))


def build_graph(extractions: list[Extraction], *, table: ActorTable | None = None) -> nx.MultiDiGraph:
    """Build the knowledge graph: one node per entity, one edge per (subject, type, object).

    Edges aggregate their evidence: `weight` is the evidence count, `articles` the number of
    distinct articles, `outlets` the number of distinct outlets (wire copy reprinted counts
    once), `first_date`/`last_date` the span of article dates behind them, and `contested`
    whether the evidence disagrees (`graph.agreement`).
    """
    documents = {x.document.id: {"title": x.document.title, "source": x.document.source,
                                 "outlet": x.document.outlet, "date": x.document.date, "url": x.document.url}
                 for x in extractions}
    entities: dict[str, Entity] = {}
    for x in extractions:
        for e in x.entities:
            entities.setdefault(e.id, e)
    return assemble(
        documents, entities.values(),
        ((m.entity_id, m.doc_id, m.text, m.resolved_by) for x in extractions for m in x.mentions),
        ((r.subject, r.object, r.relation, evidence_dict(r.evidence)) for x in extractions for r in x.relations),
        table=table)


def assemble(documents: Mapping[str, dict], entities: Iterable[Entity],
             mentions: Iterable[tuple[str, str, str, str]], relations: Iterable[tuple[str, str, str, dict]],
             *, table: ActorTable | None = None, stored: tuple[EdgeTable, Mapping, StoreReader] | None = None,
             apart: bool = False) -> nx.MultiDiGraph:
    """The graph from its parts, however they were read (extractions in memory, or a store).

    Args:
        documents: Article metadata by document id (title, source, outlet, date, url).
        entities: One record per entity id.
        mentions: ``(entity_id, doc_id, text, resolved_by)`` for every mention.
        relations: ``(subject, object, relation, evidence)`` for every relation, the evidence
            as :func:`evidence_dict` makes it.
        table: The actor table (for `part_of` edges); the packaged one by default.
        stored: What stays in the store (`mentions` is then not read): the edges whose
            sentences stay there with their counts by month (a `graph.edge_table.EdgeTable`, with
            its contested flags or None to count them), each actor's counts
            (`graph.aggregates.read_actors`) and the reader that fetches sentences and articles
            when asked (`graph.lazy`).
        apart: Leave the table's edges out of the graph (the explorer indexes them from the
            table: `graph.index.EdgeIndex`); the graph then has the actors, the documents and
            the alias table's `part_of` edges.
    """
    table = table or load_actor_table()
    g = nx.MultiDiGraph()
    g.graph["documents"] = dict(documents)
    entities = {e.id: e for e in entities}
    aliases, counts, articles = defaultdict(set), defaultdict(int), defaultdict(set)
    resolved = defaultdict(lambda: defaultdict(int))
    for eid, doc_id, text, how in mentions:
        counts[eid] += 1
        resolved[eid][how] += 1
        articles[eid].add(doc_id)
        if is_name(text):
            aliases[eid].add(text)
    evidence = defaultdict(list)
    for s, o, rel, ev in relations:
        if s in entities and o in entities and s != o:
            evidence[(s, o, rel)].append(ev)
    if stored is not None:
        edges, actors, reader = stored
        for eid, (n, how, names, in_articles) in actors.items():
            counts[eid], resolved[eid] = n, how
            aliases[eid] = {name for name in names if is_name(name)}
            articles[eid] = StoredArticles(reader, (eid,), in_articles)
    for eid, e in sorted(entities.items()):
        g.add_node(eid, label=e.label, type=e.type, aliases=sorted(aliases[eid]), mentions=counts[eid],
                   articles=articles[eid] if isinstance(articles[eid], StoredArticles) else sorted(articles[eid]),
                   part_of=e.part_of, resolved_by=dict(sorted(resolved[eid].items())))
    dates = {doc_id: meta["date"] for doc_id, meta in g.graph["documents"].items()}
    contested, apart_keys = None, set()
    if stored is not None and apart:
        contested = frozenset()  # the graph's own edges are the alias table's: never contested
        if "part_of" in edges.relations:  # a part_of read from the articles: the alias table adds none beside it
            apart_keys = set(edges.where(edges.rel == edges.relations.index("part_of")).keys())
    elif stored is not None:
        starts = edges.starts.tolist()
        for i, ((s, rel, o), edge_sums) in enumerate(zip(edges.keys(), edges.sums())):
            if s in entities and o in entities and s != o:
                evidence[(s, o, rel)] = StoredEvidence(reader, rel, [(s, o)], None, dates, sums=edge_sums,
                                                       span=(edges.rows, starts[i], starts[i + 1]))
        if edges.contested is not None:
            contested = frozenset((s, o, rel) for (s, rel, o), flag in zip(edges.keys(), edges.contested.tolist())
                                  if flag)
    for (s, o, rel), evs in sorted(evidence.items()):
        if isinstance(evs, StoredEvidence):
            g.add_edge(s, o, key=rel, relation=rel, polarity=polarity(rel), **evs.totals(), evidence=evs)
            continue
        evs.sort(key=lambda ev: (ev["doc_id"], ev["start"], -ev["confidence"]))
        doc_ids = {ev["doc_id"] for ev in evs}
        doc_dates = sorted(d for d in {dates.get(i) for i in doc_ids} if d)
        g.add_edge(s, o, key=rel, relation=rel, polarity=polarity(rel), weight=len(evs), articles=len(doc_ids),
                   first_date=doc_dates[0] if doc_dates else None,
                   last_date=doc_dates[-1] if doc_dates else None, evidence=evs)
    for eid, e in entities.items():  # agencies belong to their state, from the alias table
        parent = e.part_of or table.part_of(eid)
        if parent and parent in entities and not g.has_edge(eid, parent, "part_of") and (
                eid, "part_of", parent) not in apart_keys:
            g.add_edge(eid, parent, key="part_of", relation="part_of", polarity=0, weight=1,
                       articles=0, first_date=None, last_date=None, evidence=[], origin="alias table")
    return annotate(g, contested)


def contested_flags(edges: EdgeTable, documents: Mapping[str, dict] | None = None, entities: Iterable[Entity] = (),
                    reader: StoreReader | None = None, *, table: ActorTable | None = None,
                    graph: nx.MultiDiGraph | None = None) -> np.ndarray:
    """Whether each edge of the table is contested (`graph.agreement`): as `graph` has it (a graph
    assembled from the table), or counted over a graph assembled from the table alone (with the
    corpus's documents and entities, its sentences read by `reader`)."""
    if graph is None:
        graph = assemble(documents or {}, entities, (), (), table=table, stored=(edges, {}, reader))
    return edges.find((s, k, t) for s, t, k, d in graph.edges(keys=True, data=True) if d.get("contested"))


def evidence_dict(ev: Evidence) -> dict:
    """The evidence as a plain dict (spans stay tuples, which JSON writes as lists).

    A field copy: much faster than `dataclasses.asdict`. Tuples of numbers, and dicts holding
    nothing else, drop out of Python's cycle collector, which matters with a million of them.
    """
    return {f: getattr(ev, f) for f in EVIDENCE_FIELDS}
