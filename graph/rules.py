"""The filter rules, written once: which relation types a choice allows, whether a sentence
holds, which articles a date range covers, and an edge's totals recounted over its evidence.
The filter engine (`graph.index`), queries and curation all apply these."""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from graph.lazy import StoredEvidence
from graph.ontology import WEAK_RELATIONS, states_fact

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def relation_filter(relations: Iterable[str] | None, include_weak: bool = False) -> Callable[[str], bool]:
    """Return a predicate on relation names: the types named, or every type but the weak ones when None.

    Args:
        relations: Relation types allowed; None allows every type but the weak ones (co_mentioned).
        include_weak: Also allow the weak relations.
    """
    if relations is None:
        return lambda rel: rel not in WEAK_RELATIONS or include_weak
    allowed = set(relations) | (set(WEAK_RELATIONS) if include_weak else set())
    return allowed.__contains__


def holds(ev: Mapping[str, Any], *, everything: bool = False) -> bool:
    """Whether a sentence counts for its relation: not negated, and asserted or reported.

    A negated sentence says the relation does not hold; a future or hypothetical one that it
    might. With `everything` (the page's toggle) every sentence counts, as written.
    """
    return everything or states_fact(ev.get("negated"), ev.get("modality"))


def doc_dates(g: nx.MultiDiGraph) -> dict[str, str | None]:
    """Return doc_id -> publication date (None when unknown) from the graph's documents."""
    return {doc_id: (meta or {}).get("date") for doc_id, meta in (g.graph.get("documents") or {}).items()}


def edge_totals(evidence: list[dict], dates: Mapping[str, str | None]) -> dict[str, Any]:
    """Recompute the aggregate attributes of an edge from its evidence.

    Args:
        evidence: The edge's evidence dicts.
        dates: doc_id -> date, as from `doc_dates`.

    Returns:
        `weight` (evidence count), `articles` (distinct documents), `first_date` and
        `last_date` (span of the known dates of those documents, None when none is known).
    """
    docs = {ev.get("doc_id") for ev in evidence}
    known = sorted(d for d in (dates.get(doc) for doc in docs) if d)
    return {"weight": len(evidence), "articles": len(docs),
            "first_date": known[0] if known else None, "last_date": known[-1] if known else None}


def check_date_range(date_range: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """Return a date range's two ends, checked.

    Raises:
        ValueError: An end is not 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', or the range is reversed.
    """
    first, last = (_check_date(date_range[0], "start"), _check_date(date_range[1], "end"))
    if first and last and first[:min(len(first), len(last))] > last[:min(len(first), len(last))]:
        raise ValueError(f"date_range starts after it ends: {first!r} > {last!r}")
    return first, last


def _check_date(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(f"date_range {what} must be 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', not {value!r}")
    return value


def in_range(date: str | None, first: str | None, last: str | None) -> bool:
    """Whether a date overlaps [first, last], each compared at the coarser of the two precisions.

    A month-only article date "2020-02" lies inside ("2020-02-10", "2020-03-01"): the
    article may be from any day of that month, and dropping it would hide real evidence.
    """
    if not date:
        return False
    if first is not None:
        n = min(len(date), len(first))
        if date[:n] < first[:n]:
            return False
    if last is not None:
        n = min(len(date), len(last))
        if date[:n] > last[:n]:
            return False
    return True


def documents_between(dates: Mapping[str, str | None], first: str | None, last: str | None) -> frozenset:
    """The articles whose date overlaps [first, last] (undated ones never do)."""
    return frozenset(doc for doc, date in dates.items() if in_range(date, first, last))


def month_key(month: str) -> tuple[str, str]:
    """How a month of evidence kept in the store is named among a period's articles."""
    return ("month", month)


def month_span(value: str | None, *, last: bool = False) -> int | None:
    """A date or a range end (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as a month number
    (year * 12 + month - 1): its first month, or its last with `last` (a year spans twelve).
    None when it is not such a date."""
    if not value or not _DATE.match(value):
        return None
    year = int(value[:4])
    if len(value) == 4:
        return year * 12 + (11 if last else 0)
    return year * 12 + int(value[5:7]) - 1


class Period(Collection):
    """The articles whose date overlaps [first, last] and the stored months that do (as
    :func:`month_key`), asked for by membership: made whole only when walked over, which a
    filter never needs. `months` holds its stored months apart, so evidence kept in the store
    is trimmed without walking every article; `monthly` says the two ends are whole months
    or years, so that a month's number tells whether a date is inside (`month_span`).

    Args:
        first, last: The range's ends (None: open).
        dates: Every article's date (None when unknown).
        months: The stored months inside the range.
        dated: The articles of each date (to walk the period without testing every article).
    """

    def __init__(self, first: str | None, last: str | None, dates: Mapping[Any, str | None],
                 months: Iterable[str], dated: Mapping[str, Sequence]):
        self.first, self.last, self.dates = first, last, dates
        self.months = frozenset(months)
        self.monthly = all(end is None or len(end) <= 7 for end in (first, last))
        self._dated = dated
        self._whole: frozenset | None = None

    def __contains__(self, item) -> bool:
        if isinstance(item, tuple):
            return len(item) == 2 and item[0] == "month" and item[1] in self.months
        return in_range(self.dates.get(item), self.first, self.last)

    def _all(self) -> frozenset:
        if self._whole is None:
            inside = (docs for date, docs in self._dated.items() if in_range(date, self.first, self.last))
            self._whole = frozenset([*(doc for docs in inside for doc in docs), *(month_key(m) for m in self.months)])
        return self._whole

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __eq__(self, other) -> bool:
        if isinstance(other, Period):
            return (self.first, self.last, self.months) == (other.first, other.last, other.months) and (
                self.dates is other.dates)
        return isinstance(other, (set, frozenset)) and self._all() == other

    def __hash__(self) -> int:
        return hash((self.first, self.last, self.months))

    def __repr__(self) -> str:
        return f"Period({self.first!r}, {self.last!r})"


def within(evidence, documents: Collection):
    """The evidence of a period's articles (`documents`, with its stored months: `EdgeIndex.period`)."""
    if isinstance(evidence, StoredEvidence):
        return evidence.in_months(documents.months if isinstance(documents, Period)
                                  else [k[1] for k in documents if isinstance(k, tuple)])
    return [ev for ev in evidence if ev.get("doc_id") in documents]
