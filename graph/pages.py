"""Evidence a page at a time: sorted, filtered, and cut to an offset and a limit.

The one way the explorer reads a list of evidence sentences, so that a store can later answer
the same question with an indexed query instead of a list in memory. Pure: lists in, lists out.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.ontology import SPECULATIVE, states_fact

ORDERS = ("oldest", "newest", "outlet", "confidence")
FLAGS = ("holds", "negated", "reported", "speculative")
PAGE_SIZE = 20


@dataclass(frozen=True)
class EvidencePage:
    """One page of evidence: the sentences shown, how many matched the filters, how many there are."""

    rows: tuple[Mapping[str, Any], ...]
    matched: int
    total: int
    offset: int = 0

    @property
    def left(self) -> int:
        """How many matching sentences come after this page."""
        return max(0, self.matched - self.offset - len(self.rows))


def has_flag(ev: Mapping[str, Any], flag: str | None) -> bool:
    """Whether a sentence carries a flag: holds (asserted or reported, not negated), negated, reported, speculative."""
    modality = ev.get("modality") or "asserted"
    if flag == "holds":
        return states_fact(ev.get("negated"), modality)
    if flag == "negated":
        return bool(ev.get("negated"))
    if flag == "reported":
        return modality == "reported"
    if flag == "speculative":
        return modality in SPECULATIVE
    return True


def _sort_key(order: str, documents: Mapping[str, Mapping[str, Any]]):
    def meta(ev, field):
        return str((documents.get(str(ev.get("doc_id"))) or {}).get(field) or "")

    def reading(ev):
        return str(ev.get("source") or ""), int(ev.get("start") or 0)
    if order == "outlet":
        return lambda ev: (meta(ev, "outlet") == "", meta(ev, "outlet").casefold(), meta(ev, "date"), *reading(ev))
    if order == "confidence":
        return lambda ev: (-float(ev.get("confidence") or 0.0), meta(ev, "date"), *reading(ev))
    return lambda ev: (meta(ev, "date") == "", meta(ev, "date"), *reading(ev))


def evidence_page(evidence: Sequence[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]], *,
                  offset: int = 0, limit: int = PAGE_SIZE, order: str = "oldest", outlet: str | None = None,
                  flag: str | None = None) -> EvidencePage:
    """Return `limit` sentences from `offset` of a list of evidence, in `order`, filtered by outlet and flag.

    Args:
        evidence: The evidence records of a relation, a pair or an actor.
        documents: Article metadata by document id (dates and outlets).
        offset: How many matching sentences to skip.
        limit: How many to return at most.
        order: One of :data:`ORDERS`: oldest article first (undated last), newest first, by
            outlet, by extraction confidence.
        outlet: Keep only sentences from articles of this outlet.
        flag: Keep only sentences with this flag (see :func:`has_flag`).
    """
    order = order if order in ORDERS else "oldest"
    offset, limit = max(0, int(offset)), max(0, int(limit))
    kept = [ev for ev in evidence if has_flag(ev, flag)
            and (not outlet or str((documents.get(str(ev.get("doc_id"))) or {}).get("outlet") or "") == outlet)]
    kept.sort(key=_sort_key(order, documents))
    if order == "newest":  # newest article first, undated last; reading order kept inside an article
        kept.sort(key=lambda ev: str((documents.get(str(ev.get("doc_id"))) or {}).get("date") or ""), reverse=True)
    return EvidencePage(tuple(kept[offset:offset + limit]), len(kept), len(evidence), offset)


def outlets_of(evidence: Iterable[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The outlets behind a list of evidence, most sentences first."""
    counts: dict[str, int] = {}
    for ev in evidence:
        outlet = str((documents.get(str(ev.get("doc_id"))) or {}).get("outlet") or "")
        counts[outlet] = counts.get(outlet, 0) + 1
    return ranked_outlets(counts)


def ranked_outlets(counts: Mapping[str, int]) -> list[str]:
    """Outlets by their sentences, most first (then by name); '' (no outlet) left out."""
    return sorted((o for o in counts if o), key=lambda o: (-counts[o], o.casefold()))
