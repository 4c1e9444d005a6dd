"""Aggregate per-document extractions into one networkx MultiDiGraph."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import fields

import networkx as nx

from graph.actors import ActorTable, load_actor_table
from graph.models import Evidence, Extraction
from graph.ontology import polarity

EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "it", "its", "they", "them", "their"})


def build_graph(extractions: list[Extraction], *, table: ActorTable | None = None) -> nx.MultiDiGraph:
    """Build the knowledge graph: one node per entity, one edge per (subject, type, object).

    Edges aggregate their evidence: `weight` is the evidence count, `articles` the number of
    distinct articles, `first_date`/`last_date` the span of article dates behind them.
    """
    table = table or load_actor_table()
    g = nx.MultiDiGraph()
    g.graph["documents"] = {
        x.document.id: {"title": x.document.title, "source": x.document.source, "outlet": x.document.outlet,
                        "date": x.document.date, "url": x.document.url}
        for x in extractions
    }
    entities, aliases, mentions, articles = {}, defaultdict(set), defaultdict(int), defaultdict(set)
    resolved = defaultdict(lambda: defaultdict(int))
    for x in extractions:
        for e in x.entities:
            entities.setdefault(e.id, e)
        for m in x.mentions:
            mentions[m.entity_id] += 1
            resolved[m.entity_id][m.resolved_by] += 1
            articles[m.entity_id].add(m.doc_id)
            if m.text.lower() not in PRONOUNS:
                aliases[m.entity_id].add(m.text)
    evidence = defaultdict(list)
    for x in extractions:
        for r in x.relations:
            if r.subject in entities and r.object in entities and r.subject != r.object:
                evidence[(r.subject, r.object, r.relation)].append(r.evidence)
    for eid, e in sorted(entities.items()):
        g.add_node(eid, label=e.label, type=e.type, aliases=sorted(aliases[eid]),
                   mentions=mentions[eid], articles=sorted(articles[eid]), part_of=e.part_of,
                   resolved_by=dict(sorted(resolved[eid].items())))
    dates = {doc_id: meta["date"] for doc_id, meta in g.graph["documents"].items()}
    for (s, o, rel), evs in sorted(evidence.items()):
        evs = sorted(evs, key=lambda ev: (ev.doc_id, ev.start, -ev.confidence))
        doc_dates = sorted(d for d in {dates.get(ev.doc_id) for ev in evs} if d)
        g.add_edge(s, o, key=rel, relation=rel, polarity=polarity(rel), weight=len(evs),
                   articles=len({ev.doc_id for ev in evs}),
                   first_date=doc_dates[0] if doc_dates else None,
                   last_date=doc_dates[-1] if doc_dates else None,
                   evidence=[_evidence_dict(ev) for ev in evs])
    for eid, e in entities.items():  # agencies belong to their state, from the alias table
        parent = e.part_of or table.part_of(eid)
        if parent and parent in entities and not g.has_edge(eid, parent, "part_of"):
            g.add_edge(eid, parent, key="part_of", relation="part_of", polarity=0, weight=1,
                       articles=0, first_date=None, last_date=None, evidence=[], origin="alias table")
    return g


def _evidence_dict(ev) -> dict:
    """The evidence as plain JSON-ready data (spans as lists); a field copy, much faster than asdict."""
    d = {f: getattr(ev, f) for f in EVIDENCE_FIELDS}
    for key in ("subject_span", "object_span", "trigger_span"):
        if d[key] is not None:
            d[key] = list(d[key])
    return d
