"""Sentences of several stored edges as one list the store pages (an actor's every sentence, an
edge's or a pair's), and when the edges of a panel can be listed so.

The list is sorted, filtered and cut without its words; only a page's sentences are read whole.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.lazy import Key, ReadWhenAsked, StoredEvidence, StoreReader
from graph.pages import PAGE_SIZE, EvidencePage, evidence_page, outlets_of, ranked_outlets


def as_stored(edges: Sequence[tuple[str, str, str]], views: Sequence[Any]
              ) -> dict[tuple[str, str, str], StoredEvidence] | None:
    """The views of these edges ``(source, target, relation)`` that hold sentences, by edge, when
    each is its edge exactly as stored (not merged or moved by a merge, trimmed to a period, or
    corrected by a curator) and all are read by one reader: then their sentences can be listed a
    page at a time (:class:`StoredSentences`) and picked by the store. None otherwise."""
    held = {edge: v for edge, v in zip(edges, views) if v}  # an edge from the actor table has no sentence
    if all(isinstance(v, StoredEvidence) and v.span is not None and not (v.left_out or v.marked)
           and v.keys() == [(s, rel, t)] for (s, t, rel), v in held.items()):
        readers = {id(v.fetch): v.fetch for v in held.values()}
        if len(readers) <= 1 and all(isinstance(reader, StoreReader) for reader in readers.values()):
            return held
    return None


def as_listed(edge: tuple[str, str, str], evidence: Sequence[dict]) -> Sequence[dict]:
    """An edge's ``(source, target, relation)`` sentences as a panel lists them: read a page at a
    time (:class:`StoredSentences`) when the edge is as stored, else as they are."""
    return StoredSentences.of([evidence]) if evidence and as_stored([edge], [evidence]) else evidence


class StoredSentences(ReadWhenAsked):
    """The sentences of several edges as stored, as one list read a page at a time (an actor's
    every sentence): the list without its words is sorted, filtered and cut as `graph.pages`
    does, then only the page's sentences are read whole; reading it whole still works. Each
    sentence carries its edge as ``_edge`` (subject, relation, object).

    Args:
        reader: Reads the sentences (a :class:`StoreReader`; None: no edge).
        keys: The raw edges, each as stored.
        count: Their sentences.
    """

    __slots__ = ("reader", "keys", "count", "_light")

    def __init__(self, reader: StoreReader | None, keys: Sequence[Key], count: int):
        self.reader, self.keys, self.count = reader, list(keys), count
        self._light: list[dict] | None = None

    @classmethod
    def of(cls, views: Sequence[StoredEvidence]) -> StoredSentences:
        """The list of these edges' sentences, each edge's evidence as stored (see :func:`as_stored`)."""
        return cls(views[0].fetch if views else None, [k for v in views for k in v.keys()], sum(len(v) for v in views))

    def __len__(self) -> int:
        return self.count

    def _items(self) -> list[dict]:
        return [{**ev, "_edge": key} for key, evs in (self.reader(self.keys) if self.keys else {}).items() for ev in evs]

    def light(self, documents: Mapping[str, Mapping[str, Any]]) -> list[dict]:
        """Every sentence as a record without its words (what `graph.pages` sorts and filters
        by: article, source, place, confidence, flags), its row id as ``_row``; read once."""
        if self._light is None:
            self._light = [
                {"_row": row, "_edge": key, "doc_id": doc, "source": str((documents.get(doc) or {}).get("source") or ""),
                 "start": start, "confidence": confidence, "negated": bool(negated), "modality": modality}
                for row, key, doc, start, confidence, negated, modality in
                (self.reader.light(self.keys) if self.keys else ())]
        return self._light

    def words(self) -> list[dict]:
        """Every sentence with its article, place and words only (to count the outlets behind them)."""
        return [{"doc_id": doc, "start": start, "sentence": sentence}
                for doc, start, sentence in (self.reader.words(self.keys) if self.keys else ())]

    def page(self, documents: Mapping[str, Mapping[str, Any]], **how) -> EvidencePage:
        """`graph.pages.evidence_page` over the whole list, its sentences read whole. In the default
        order, unfiltered, and until the list is read without its words anyway, the database picks
        the page (`graph.sentences.first_page`): the rest of a long list is never read."""
        offset, limit = max(0, int(how.get("offset", 0))), max(0, int(how.get("limit", PAGE_SIZE)))
        if self._light is None and how.get("order", "oldest") == "oldest" and not how.get("outlet") \
                and not how.get("flag") and self.keys:
            ids = self.reader.first_page(self.keys, offset + limit)[offset:]
            page = EvidencePage(tuple(ids), self.count, self.count, offset)
        else:
            light = evidence_page(self.light(documents), documents, **how)
            page = EvidencePage(tuple(ev["_row"] for ev in light.rows), light.matched, light.total, light.offset)
        whole = self.reader.by_id(list(page.rows)) if page.rows else {}
        return EvidencePage(tuple(whole[row] for row in page.rows if row in whole), page.matched, page.total,
                            page.offset)

    def outlets(self, documents: Mapping[str, Mapping[str, Any]]) -> list[str]:
        """`graph.pages.outlets_of` the whole list (counted by the database, unless the list is read already)."""
        if self._light is not None or not self.keys:
            return outlets_of(self._light or [], documents)
        return ranked_outlets(self.reader.outlet_counts(self.keys))
