"""Stores bigger than a machine parses in a benchmark run, made from a parsed one: `newsgraph bench --scale N`.

Parsing 100,000 articles takes this 2-core machine most of a day, so the large store of the
benchmark is recombined from the extractions of a parsed store rather than parsed: each new
article is a parsed one with its states and people recast (each one consistently, as another
actor of the same type from the corpus) and a date of its own over five years. Its counts are
those of a real corpus of that size (sentences, co-mentions, actors per article); its sentences
keep the names of the article they came from, so it is for measuring, not for reading.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from graph.models import Document, Extraction, Mention, Relation
from graph.store import Store

RECAST_TYPES = ("GPE", "PERSON")
YEARS = 5
BATCH = 500


def recombined(source: list[Extraction], n: int, *, seed: int = 11) -> Iterator[Extraction]:
    """`n` articles made from `source`, each a parsed one with its actors recast and a new date."""
    by_type: dict[str, list[str]] = {}
    for x in source:
        for e in x.entities:
            if e.type in RECAST_TYPES:
                by_type.setdefault(e.type, []).append(e.id)
    pools = {t: sorted(set(ids)) for t, ids in by_type.items()}
    labels = {e.id: e for x in source for e in x.entities}
    for i in range(n):
        rng = random.Random(f"{seed}-{i}")
        x = source[rng.randrange(len(source))]
        cast = {e.id: rng.choice(pools[e.type]) for e in x.entities if e.type in RECAST_TYPES}
        doc_id = f"scale-{i:07d}"
        date = f"{2021 + rng.randrange(YEARS)}-{rng.randrange(12) + 1:02d}-{rng.randrange(28) + 1:02d}"

        def who(eid: str) -> str:
            return cast.get(eid, eid)
        entities = {who(e.id): labels[who(e.id)] for e in x.entities}
        document = Document(doc_id, x.document.title, x.document.text, f"scale/{doc_id}.txt",
                            f"Outlet {rng.randrange(200)}", date)
        yield Extraction(
            document, tuple(entities.values()),
            tuple(Mention(who(m.entity_id), doc_id, m.start, m.end, m.text, m.resolved_by) for m in x.mentions),
            tuple(Relation(who(r.subject), r.relation, who(r.object),
                           replace(r.evidence, doc_id=doc_id, source=document.source))
                  for r in x.relations if who(r.subject) != who(r.object)))


def scale_store(source: str | Path, target: str | Path, n: int) -> int:
    """Write `n` recombined articles from the store `source` into a new store `target`; return
    how many were stored."""
    with Store(source, create=False) as store:
        extractions = store.extractions()
    added = 0
    with Store(target) as store:
        batch: list[Extraction] = []
        for x in recombined(extractions, n):
            batch.append(x)
            if len(batch) == BATCH:
                added += store.add(batch).added
                batch = []
        added += store.add(batch).added if batch else 0
    return added
