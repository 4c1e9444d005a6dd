"""What is new: relations first seen after a moment, by publication date or by when they were ingested.

"New since 2026-03" asks the articles' dates: a relation is new when its earliest evidence was
published after that month. "New since my last visit" asks the store: a relation is new when
its earliest evidence was ingested after the visit (an old article read today is news to the
reader). Dates are compared at the coarser of the two precisions, so an article dated only
"2026-03" is not after "2026-03-15".
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import networkx as nx

from graph.lazy import read_together
from graph.ontology import WEAK_RELATIONS

BY_DATE, BY_INGEST = "date", "ingested"


@dataclass(frozen=True)
class NewRelation:
    """A relation first seen after the moment asked about, with the sentences that are new."""

    source: str
    target: str
    relation: str
    first: str
    evidence: tuple[Mapping[str, Any], ...]


def _instant(value: str) -> str:
    """A timestamp as UTC ``YYYY-MM-DDTHH:MM:SS`` (a bare date stays as it is)."""
    if "T" not in value:
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds")


def after(value: str | None, since: str) -> bool:
    """Whether `value` is strictly after `since`, compared at the coarser precision of the two."""
    if not value:
        return False
    a, b = _instant(value), _instant(since)
    n = min(len(a), len(b))
    return a[:n] > b[:n]


def seen_at(ev: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]], by: str) -> str | None:
    """When a sentence was published (BY_DATE) or ingested (BY_INGEST); None when unknown."""
    value = (documents.get(ev.get("doc_id")) or {}).get(by)
    return str(value) if value else None


def new_relations(g: nx.MultiDiGraph, since: str, *, by: str = BY_DATE) -> list[NewRelation]:
    """Typed relations whose earliest known evidence is after `since`, the newest first.

    Args:
        g: The graph (its documents carry ``date`` and, from a store, ``ingested``).
        since: A date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) or an ISO timestamp.
        by: BY_DATE (publication) or BY_INGEST (when the store read the article).
    """
    if by not in (BY_DATE, BY_INGEST):
        raise ValueError(f"by must be {BY_DATE!r} or {BY_INGEST!r}, not {by!r}")
    documents = g.graph.get("documents") or {}
    out = []
    edges = (((s, t, str(d.get("relation") or k)), d.get("evidence") or ())
             for s, t, k, d in g.edges(keys=True, data=True))
    for (s, t, relation), evidence in read_together((e, ev) for e, ev in edges if e[2] not in WEAK_RELATIONS):
        dated = [(when, ev) for ev in evidence if (when := seen_at(ev, documents, by))]
        if not dated:
            continue
        first = min(_instant(when) for when, _ in dated)
        if after(first, since):
            out.append(NewRelation(s, t, relation, first, tuple(ev for _, ev in sorted(dated, key=lambda x: x[0]))))
    return sorted(out, key=lambda r: (r.first, r.source, r.relation, r.target), reverse=True)
