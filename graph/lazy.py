"""Evidence kept in the store and read when it is needed: one edge's sentences, as a list.

A graph built for the explorer from a store (`graph.store.Store.graph` with ``lazy``) holds no
sentence. Each edge carries a :class:`StoredEvidence` instead: its counts per month
(`graph.aggregates`), which answer ``len`` and every filter, and a way to fetch its sentences.
The first reader that iterates it (an edge's dossier) fetches them by one indexed query; a walk
over many edges (disputes, outlets, an export) reads them together (:func:`read_together`); an
actor's every sentence is read a page at a time (`graph.sentence_list`).

Curation and date filters give new views of the same stored sentences: several raw edges as
one (a merge), some sentences left out (a rejection) or marked (a confirmation), the months of
a period only. Each view knows its counts exactly, so nothing is fetched to draw the graph.
"""
from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

from graph import sentences
from graph.aggregates import month_of, oldest_articles
from graph.memo import Memo
from graph.sentences import FIRST_KEPT, HOLDING

Key = tuple[str, str, str]  # a raw edge: subject, relation, object
Fetch = Callable[[Sequence[Key]], Mapping[Key, list[dict]]]
Match = Callable[[Mapping[str, Any]], bool]
MonthRow = tuple  # (sentences, held, articles, held_articles, first_date, last_date, negated, speculative)


def evidence_key(ev: Mapping) -> str:
    """A sentence's identity when two lists are pooled (equal records are one sentence)."""
    return json.dumps(ev, sort_keys=True, default=str)


def pooled(*lists: Sequence[Mapping]) -> list[dict]:
    """Evidence lists as one, by article and reading order, as a merge pools two edges: a record
    of a later list that an earlier list holds already is left out."""
    out: list = []
    for evidence in lists:
        seen = {evidence_key(ev) for ev in out}
        out += [ev for ev in evidence if evidence_key(ev) not in seen] if seen else list(evidence)
    out.sort(key=lambda ev: (ev.get("doc_id") or "", ev.get("start") or 0, -(ev.get("confidence") or 0)))
    return out


class ReadWhenAsked(Sequence):
    """A list kept in the store: its length is known, its items are read (`_items`) when asked;
    equal to any list or tuple with the same items."""

    __slots__ = ()

    def _items(self) -> list:
        raise NotImplementedError

    def __iter__(self) -> Iterator:
        return iter(self._items())

    def __getitem__(self, index):
        return self._items()[index]

    def __eq__(self, other) -> bool:
        if isinstance(other, (ReadWhenAsked, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None


class StoredEvidence(ReadWhenAsked):
    """The evidence sentences of one edge, kept in the store.

    Args:
        fetch: ``fetch(keys)`` returns the stored sentences of each raw edge ``(subject, relation,
            object)`` of `keys`, as evidence dicts by article and reading order (a :class:`StoreReader`).
        relation: The relation type as stored.
        pairs: The raw edges this edge stands for (more than one after a merge).
        months: Counts by month of the sentences this view holds (see `graph.aggregates`).
        dates: Article dates by document id (which month a fetched sentence is in).
        left_out: Sentences a curator rejected (predicates on evidence records).
        marked: Sentences a curator confirmed.
        within: Only the sentences of these months (a date filter); None: every month.
        span: Instead of `months` (None then): the edge's rows ``(table, lo, hi)`` of a
            `graph.aggregates.MonthTable`, with their `sums` (`graph.aggregates.read_table`); the
            months are made from them when asked, and the filter engine reads the rows as
            they are. Only the edge as stored has one: every new view holds its months.
        firsts: The row ids of the edge's oldest sentences as stored (`graph.edge_digest`), when
            counted; None otherwise (and in every new view).
    """

    __slots__ = ("fetch", "relation", "pairs", "_months", "dates", "left_out", "marked", "within", "span", "_sums",
                 "firsts")

    def __init__(self, fetch: Fetch, relation: str, pairs: Sequence[tuple[str, str]],
                 months: Mapping[str, MonthRow] | None, dates: Mapping[str, str | None], *,
                 left_out: tuple[Match, ...] = (), marked: tuple[Match, ...] = (),
                 within: frozenset[str] | None = None, span: tuple[Any, int, int] | None = None,
                 sums: tuple | None = None, firsts: tuple[int, ...] | None = None):
        self.fetch, self.relation, self.pairs, self.firsts = fetch, relation, tuple(pairs), firsts
        self.dates, self.left_out, self.marked = dates, left_out, marked
        self.within, self.span, self._sums = within, span, sums
        if span is not None:
            self._months = None
        else:
            self._months = dict(months) if within is None else {m: v for m, v in months.items() if m in within}
            rows = self._months.values()
            self._sums = (*(sum(row[i] for row in rows) for i in (0, 1, 2, 3, 6, 7)),
                          min((row[4] for row in rows if row[4]), default=None),
                          max((row[5] for row in rows if row[5]), default=None))

    @property
    def months(self) -> dict[str, MonthRow]:
        """Counts by month of the sentences this view holds (made from the table rows when it has them)."""
        if self._months is not None:
            return self._months
        table, lo, hi = self.span
        return table.rows(lo, hi)

    # ---- the counts, without fetching ----------------------------------------------------
    def __len__(self) -> int:
        return self._sums[0]

    def __bool__(self) -> bool:
        return self.span[2] > self.span[1] if self.span is not None else bool(self._months)

    def held(self) -> int:
        """Sentences that hold (asserted or reported, not negated: `graph.ontology.states_fact`)."""
        return self._sums[1]

    def flagged(self) -> tuple[int, int]:
        """Sentences negated, and sentences future or hypothetical."""
        return self._sums[4], self._sums[5]

    def articles(self) -> int:
        """Distinct articles of the sentences (each article is in one month)."""
        return self._sums[2]

    def totals(self) -> dict[str, Any]:
        """weight, articles, first_date and last_date, as `graph.index.edge_totals` counts them."""
        return {"weight": len(self), "articles": self.articles(), "first_date": self._sums[6],
                "last_date": self._sums[7]}

    # ---- new views -------------------------------------------------------------------------
    def _view(self, **changes) -> StoredEvidence:
        fields = {"pairs": self.pairs, "months": self.months, "left_out": self.left_out, "marked": self.marked,
                  "within": self.within, **changes}
        return StoredEvidence(self.fetch, self.relation, fields.pop("pairs"), fields.pop("months"), self.dates,
                              **fields)

    def in_months(self, months: Collection[str]) -> StoredEvidence:
        """The sentences of these months only."""
        within = frozenset(months) if self.within is None else self.within & frozenset(months)
        return self._view(within=within)

    def joined(self, other: StoredEvidence, months: Mapping[str, MonthRow]) -> StoredEvidence:
        """This edge and another of the same type as one (a merge); `months` counts the pooled sentences."""
        return self._view(pairs=tuple(dict.fromkeys(self.pairs + other.pairs)), months=months,
                          left_out=self.left_out + other.left_out, marked=self.marked + other.marked)

    def without(self, match: Match, months: Mapping[str, MonthRow]) -> StoredEvidence:
        """These sentences left out; `months` counts the rest."""
        return self._view(left_out=self.left_out + (match,), months=months)

    def marking(self, match: Match) -> StoredEvidence:
        """These sentences marked confirmed."""
        return self._view(marked=self.marked + (match,))

    # ---- the sentences ---------------------------------------------------------------------
    def _items(self) -> list[dict]:
        return self.rows()

    def keys(self) -> list[tuple[str, str, str]]:
        """The raw edges whose sentences this view shows, as ``(subject, relation, object)``."""
        return [(s, self.relation, o) for s, o in self.pairs]

    def rows(self) -> list[dict]:
        """The sentences, fetched (one query for the edge, unless the fetcher has them)."""
        return self.shown(self.fetch(self.keys()))

    def shown(self, fetched: Mapping[tuple[str, str, str], Sequence[dict]]) -> list[dict]:
        """This view's sentences from its raw edges' (`fetched`: by :meth:`keys`), as curation and
        the date filter leave them."""
        lists = [fetched[key] for key in self.keys()]
        evidence = pooled(*lists) if len(lists) > 1 else list(lists[0]) if lists else []
        out = []
        for ev in evidence:
            doc = ev.get("doc_id")
            if doc not in self.dates or any(match(ev) for match in self.left_out):
                continue  # an article stored after this snapshot, or a rejected sentence
            if self.within is not None and month_of(self.dates.get(doc)) not in self.within:
                continue
            out.append({**ev, "confirmed": True} if any(match(ev) for match in self.marked) else ev)
        return out

    def __repr__(self) -> str:
        return f"StoredEvidence({self.relation}, {len(self.pairs)} edge(s), {len(self)} sentence(s))"


class StoredArticles(ReadWhenAsked):
    """The articles that name an actor (sorted ids), kept in the store: the count is known, the
    ids are read when first needed (an actor's dossier lists them).

    Args:
        reader: Reads them (:class:`StoreReader`: ``articles(ids)``, ``oldest(ids, n)``).
        ids: The actor's ids as stored.
        count: How many articles there are.
    """

    __slots__ = ("reader", "ids", "count")

    def __init__(self, reader: Any, ids: Sequence[str], count: int):
        self.reader, self.ids, self.count = reader, tuple(ids), count

    def __len__(self) -> int:
        return self.count

    def _items(self) -> list[str]:
        return self.reader.articles(self.ids)

    def __repr__(self) -> str:
        return f"StoredArticles({', '.join(self.ids)}: {self.count})"

    def by_date(self) -> ArticlesByDate:
        """The same articles, oldest first (undated last, then by id): the first few picked by the store."""
        return ArticlesByDate(self)


class ArticlesByDate(ReadWhenAsked):
    """An actor's articles kept in the store, oldest first (undated last, then by id): a leading
    slice (what a dossier lists) is picked by the store; all of them are read only when iterated."""

    __slots__ = ("articles",)

    def __init__(self, articles: StoredArticles):
        self.articles = articles

    def __len__(self) -> int:
        return self.articles.count

    def _items(self) -> list[str]:
        return self.articles.reader.oldest(self.articles.ids, None)

    def __getitem__(self, index):
        if isinstance(index, slice) and not index.start and index.step in (None, 1) and index.stop is not None:
            return self.articles.reader.oldest(self.articles.ids, max(index.stop, 0), self.articles.count)
        return self._items()[index]


class StoreReader:
    """Reads sentences and articles from a store when a lazily built graph is asked for them.

    Opens its own read-only store on first use (the graph outlives the store it was read from)
    and keeps the sentences of the last few edges read. Safe to share between threads: one
    query at a time (an SQLite connection serves one).

    Args:
        open_store: Opens the store read-only (a `graph.store.Store`).
    """

    CACHED = 64
    KNOWN = 4096  # small answers kept: each edge's first sentences, a list's outlets

    def __init__(self, open_store: Callable[[], Any]):
        self._open = open_store
        self._store = None
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._cache: OrderedDict = OrderedDict()
        self._known = Memo(self.KNOWN)

    def _use(self):
        if self._store is None or self._pid != os.getpid():  # a forked server process opens its own
            self._store, self._pid = self._open(), os.getpid()
        return self._store

    def known(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """A small answer about the stored sentences (this reader's version of them: it never
        changes), computed once and kept among the last :attr:`KNOWN`."""
        return self._known.get(key, compute)

    def _remember(self, key: tuple, value: Any) -> None:
        self._cache[key] = value
        while len(self._cache) > self.CACHED:
            self._cache.popitem(last=False)

    def __call__(self, keys: Sequence[tuple[str, ...]], only: str | None = None) -> dict[Key, list[dict]]:
        """The stored sentences of each raw edge ``(subject, relation, object)`` of `keys` (some of
        them with `only`: `graph.sentences.read`). A few edges read whole are kept for
        the next reader; many are read in a few queries and not kept."""
        with self._lock:
            if only is not None:
                return sentences.read(self._use(), keys, only)
            out = {key: self._cache[key] for key in keys if key in self._cache}
            for key in out:
                self._cache.move_to_end(key)
            wanted = [key for key in dict.fromkeys(keys) if key not in out]
            if wanted:
                read = sentences.read(self._use(), wanted)
                out.update(read)
                if len(wanted) <= self.CACHED // 4:
                    for key in wanted:
                        self._remember(key, read[key])
            return out

    def light(self, keys: Sequence[Key]) -> list[tuple]:
        """Every sentence of these raw edges without its words (`graph.sentences.light`)."""
        with self._lock:
            return sentences.light(self._use(), keys)

    def words(self, keys: Sequence[Key]) -> list[tuple]:
        """Every sentence of these raw edges as ``(doc_id, start, sentence)`` (`graph.sentences.words`)."""
        with self._lock:
            return sentences.words(self._use(), keys)

    def first_page(self, keys: Sequence[Key], n: int) -> list[int]:
        """The row ids of the `n` oldest sentences of these raw edges taken together
        (`graph.sentences.first_page`), kept (:meth:`known`): a relation much clicked is ranked once."""
        def rank() -> tuple[int, ...]:
            with self._lock:
                return tuple(sentences.first_page(self._use(), keys, n))
        return list(self.known(("first_page", tuple(keys), n), rank))

    def outlet_counts(self, keys: Sequence[Key]) -> dict[str, int]:
        """The sentences of these raw edges by outlet (`graph.sentences.outlet_counts`), kept (:meth:`known`)."""
        def count() -> tuple[tuple[str, int], ...]:
            with self._lock:
                return tuple(sentences.outlet_counts(self._use(), keys).items())
        return dict(self.known(("outlet_counts", tuple(keys)), count))

    def by_id(self, ids: Sequence[int]) -> dict[int, dict]:
        """Whole sentences by their row ids, each with its edge (`graph.sentences.by_id`)."""
        with self._lock:
            return sentences.by_id(self._use(), ids)

    def matching(self, words: Sequence[str], leave_out: Sequence[str] = ()) -> dict[Key, list[dict]]:
        """The sentences holding every word, by raw edge (`graph.sentences.matching`)."""
        with self._lock:
            return sentences.matching(self._use(), words, leave_out)

    def first(self, keys: Sequence[Key], n: int, kept: Mapping[Key, Sequence[int]] | None = None
              ) -> dict[Key, list[dict]]:
        """The `n` oldest sentences of each raw edge (`graph.sentences.first`); each edge's are kept
        (:meth:`known`): a hub's relations are listed again in every neighbour's panel. An edge
        whose oldest row ids are `kept` (`graph.edge_digest`, at least `n` of them or all it has)
        is read by those ids, not ranked again."""
        out = {key: hit for key in keys if (hit := self._known.peek(("first", key, n))) is not None}
        ids = ({key: list(kept[key])[:n] for key in keys if key not in out and key in kept}
               if kept and n <= FIRST_KEPT else {})
        if ids:
            with self._lock:
                read = sentences.by_id(self._use(), [i for found in ids.values() for i in found])
            for key, found in ids.items():
                if all(i in read and read[i]["_edge"] == key for i in found):  # else rewritten since: ranked again
                    out[key] = self._known.get(("first", key, n), lambda found=found: [
                        {k: v for k, v in read[i].items() if k != "_edge"} for i in found])
        wanted = [key for key in dict.fromkeys(keys) if key not in out]
        if wanted:
            with self._lock:
                read = sentences.first(self._use(), wanted, n)
            for key in wanted:
                out[key] = self._known.get(("first", key, n), lambda key=key: read[key])
        return out

    def oldest(self, ids: tuple[str, ...], n: int | None, count: int = 0) -> list[str]:
        """The `n` oldest articles naming any of these actors (all with None), undated last, then
        by id (`count`: how many there are, `graph.aggregates.oldest_articles`)."""
        with self._lock:
            return self._use().read(lambda conn, order: oldest_articles(conn, ids, n, count=count))

    def articles(self, ids: tuple[str, ...]) -> list[str]:
        """The articles naming any of these actors (sorted ids)."""
        key = ("actor", tuple(ids))
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            value = self._use().actor_articles(ids)
            self._remember(key, value)
            return value


def read_together(items: Iterable[tuple[Any, Sequence[dict]]], *, at_once: int = 2000, only: str | None = None,
                  months: Callable[[Any], Collection[str]] | None = None) -> Iterator[tuple[Any, Sequence[dict]]]:
    """``(what, evidence)`` pairs with each stored evidence read: `at_once` edges in a few
    queries rather than a query per edge, so a walk over many edges costs little and holds
    the sentences of `at_once` edges at a time. Other evidence passes as it is.

    Args:
        only: Read only some of the stored sentences: DENYING (those that deny the relation) or
            HOLDING (those that hold, in the months ``months(what)`` names) from `graph.sentences`.
    """
    batch: list[tuple[Any, Sequence[dict]]] = []

    def wanted(what, evidence: StoredEvidence) -> list[tuple[str, ...]]:
        if only == HOLDING:
            return [(*key, month) for key in evidence.keys() for month in sorted(months(what))]
        return evidence.keys()

    def flush():
        stored = [(what, ev) for what, ev in batch if isinstance(ev, StoredEvidence)]
        fetched: dict = defaultdict(list)
        for fetch in {id(ev.fetch): ev.fetch for _, ev in stored}.values():
            fetched.update(fetch([key for what, ev in stored if ev.fetch is fetch for key in wanted(what, ev)], only))
        out = [(what, ev.shown(fetched) if isinstance(ev, StoredEvidence) else ev) for what, ev in batch]
        batch.clear()
        return out

    for what, evidence in items:
        batch.append((what, evidence))
        if len(batch) >= at_once:
            yield from flush()
    yield from flush()
