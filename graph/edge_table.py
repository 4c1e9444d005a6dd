"""Every stored edge and its counts by month, as columns.

The explorer starts from the ``edge_months`` rows (`graph.aggregates`): millions of them in a
large corpus. Read as Python objects they cost most of a start-up; as an :class:`EdgeTable`
they are a few integer arrays: the edges ``(subject, relation, object)`` as codes into sorted
name lists, in key order, and each edge's months as a run of rows of a :class:`MonthTable`.

A table is read whole (:func:`read`), or for some edges only (those a write changed) and then
put in place of the old ones (:meth:`EdgeTable.replaced`); it packs into one blob and back
(:meth:`EdgeTable.pack`, :func:`unpack`) without a Python object per row, so the store can
keep it (`graph.snapshot`).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from graph.aggregates import chunks, sql_words
from graph.sentences import keyed

Key = tuple[str, str, str]
COUNTS = ("sentences", "held", "articles", "held_articles", "negated", "speculative")
_ROWS = f"SELECT r.subject, r.relation, r.object, r.month, {', '.join('r.' + c for c in COUNTS)}, " \
        "r.first_date, r.last_date FROM "


def pair_keys(src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray:
    """Each ``(src, dst)`` as one number naming the unordered pair of actors (codes below `n`)."""
    src, dst = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
    return np.minimum(src, dst) * n + np.maximum(src, dst)


class MonthTable:
    """The rows of many edges: one per edge and month, each edge's together and in month order.

    Attributes:
        months: The month names, by code (sorted).
        month: Each row's month code.
        counts: Each row's sentences, held, articles, held_articles, negated and speculative.
        dates: The article dates, by code (sorted).
        first, last: Each row's first and last article date, as codes (-1: undated).
    """

    __slots__ = ("months", "month", "counts", "dates", "first", "last")

    def __init__(self, months: list[str], month: np.ndarray, counts: np.ndarray, dates: list[str],
                 first: np.ndarray, last: np.ndarray):
        self.months, self.month, self.counts = months, month, counts
        self.dates, self.first, self.last = dates, first, last

    def __len__(self) -> int:
        return len(self.month)

    def date(self, code: int) -> str | None:
        """The date of a code (None for -1)."""
        return self.dates[code] if code >= 0 else None

    def rows(self, lo: int, hi: int) -> dict[str, tuple]:
        """Rows ``lo:hi`` as one edge's counts by month (``month -> MonthRow``, `graph.lazy`)."""
        return {self.months[m]: (n, held, a, held_a, self.date(f), self.date(la), neg, spec)
                for m, (n, held, a, held_a, neg, spec), f, la
                in zip(self.month[lo:hi].tolist(), self.counts[lo:hi].tolist(), self.first[lo:hi].tolist(),
                       self.last[lo:hi].tolist())}

    def index_rows(self, edge: np.ndarray, lo: np.ndarray, hi: np.ndarray, code: Callable[[str], int]
                   ) -> list[np.ndarray]:
        """The filter engine's rows (`graph.index.EdgeIndex`) of edges at positions `edge` whose rows
        are ``lo:hi``, as six int32 columns: edge, code(month), sentences, held, articles and
        held_articles of each row, in that order."""
        edge, lo, hi = (np.asarray(a, dtype=np.int64) for a in (edge, lo, hi))
        lengths = hi - lo
        rows = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths - lo, lengths)
        months = self.month[rows]
        used = np.unique(months)
        codes = np.zeros(len(self.months), dtype=np.int32)
        codes[used] = [code(self.months[m]) for m in used.tolist()]
        counts = self.counts[rows]
        return [np.repeat(edge.astype(np.int32), lengths), codes[months], *(counts[:, i] for i in range(4))]


class EdgeTable:
    """Edges as codes, in key order, with their months (see the module's text).

    Attributes:
        names: The actor ids, sorted; `src` and `dst` are codes into it.
        relations: The relation types, sorted; `rel` codes into it.
        starts: Where each edge's rows start in `rows` (one more entry: the end).
        rows: The rows, as a :class:`MonthTable`.
        contested: Whether each edge is in a dispute (`graph.agreement`); None until counted.
        outlets: How many outlets stand behind each edge, syndicated copies once; None until counted.
        firsts: The row ids of each edge's oldest sentences, one row of ids an edge (-1: none
            more); None until counted (both: `graph.edge_digest`).
    """

    def __init__(self, names: list[str], relations: list[str], src: np.ndarray, rel: np.ndarray, dst: np.ndarray,
                 starts: np.ndarray, rows: MonthTable, contested: np.ndarray | None = None,
                 totals: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None, outlets: np.ndarray | None = None,
                 firsts: np.ndarray | None = None):
        self.names, self.relations, self.src, self.rel, self.dst = names, relations, src, rel, dst
        self.starts, self.rows, self.contested, self._totals = starts, rows, contested, totals
        self.outlets, self.firsts = outlets, firsts

    def __len__(self) -> int:
        return len(self.src)

    def keys(self) -> list[Key]:
        """Each edge as ``(subject, relation, object)``."""
        names, relations = self.names, self.relations
        return [(names[s], relations[r], names[o]) for s, r, o in zip(self.src.tolist(), self.rel.tolist(),
                                                                      self.dst.tolist())]

    def totals(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each edge's six counts summed over its months (one row an edge), and its first and last
        known date as codes (-1: undated)."""
        if self._totals is not None:
            return self._totals
        if not len(self):
            return np.zeros((0, len(COUNTS)), np.int64), np.zeros(0, np.int32), np.zeros(0, np.int32)
        at = self.starts[:-1]
        counts = np.add.reduceat(self.rows.counts, at, axis=0, dtype=np.int64)
        first = np.minimum.reduceat(np.where(self.rows.first < 0, np.iinfo(np.int32).max, self.rows.first), at)
        self._totals = (counts, np.where(first == np.iinfo(np.int32).max, -1, first).astype(np.int32),
                        np.maximum.reduceat(self.rows.last, at))
        return self._totals

    def sums(self) -> list[tuple]:
        """Each edge's sentences, held, articles, held_articles, negated and speculative summed
        over its months, and its first and last known date (None when undated)."""
        counts, first, last = self.totals()
        date = self.rows.date
        return [(*c, date(f), date(la)) for c, f, la in zip(counts.tolist(), first.tolist(), last.tolist())]

    def where(self, keep: np.ndarray) -> EdgeTable:
        """The edges `keep` (a mask) marks, with their rows (names and codes unchanged)."""
        lengths = np.diff(self.starts)
        rows = np.repeat(keep, lengths)
        starts = np.zeros(int(keep.sum()) + 1, dtype=np.int64)
        np.cumsum(lengths[keep], out=starts[1:])
        r = self.rows
        return EdgeTable(self.names, self.relations, self.src[keep], self.rel[keep], self.dst[keep], starts,
                         MonthTable(r.months, r.month[rows], r.counts[rows], r.dates, r.first[rows], r.last[rows]),
                         None if self.contested is None else self.contested[keep],
                         outlets=None if self.outlets is None else self.outlets[keep],
                         firsts=None if self.firsts is None else self.firsts[keep])

    def find(self, keys: Iterable[Key]) -> np.ndarray:
        """A mask of the edges among `keys`."""
        wanted = set(keys)
        return np.fromiter((key in wanted for key in self.keys()), dtype=bool, count=len(self))

    def replaced(self, keys: Iterable[Key], fresh: EdgeTable) -> EdgeTable:
        """This table with the edges `keys` as `fresh` has them (an edge not in `fresh` is gone)."""
        keys = set(keys)
        return concatenate([self.where(~self.find(keys)), fresh])

    def pack(self) -> bytes:
        """The table as one blob (:func:`unpack` reads it back)."""
        r = self.rows
        arrays = {"src": self.src, "rel": self.rel, "dst": self.dst, "starts": self.starts, "month": r.month,
                  "counts": r.counts, "first": r.first, "last": r.last}
        if self.contested is not None:
            arrays["contested"] = self.contested
        if self.outlets is not None:
            arrays["outlets"] = self.outlets
        if self.firsts is not None:
            arrays["firsts"] = self.firsts
        arrays["totals"], arrays["first_date"], arrays["last_date"] = self.totals()
        header, offset = {"names": self.names, "relations": self.relations, "months": r.months, "dates": r.dates,
                          "arrays": {}}, 0
        for name, a in arrays.items():
            a = np.ascontiguousarray(a)
            header["arrays"][name] = [a.dtype.str, list(a.shape), offset]
            offset += a.nbytes
        head = json.dumps(header).encode("utf-8")
        return b"".join([len(head).to_bytes(8, "little"), head, *(np.ascontiguousarray(a).tobytes()
                                                                  for a in arrays.values())])


def unpack(data: bytes) -> EdgeTable:
    """A table from :meth:`EdgeTable.pack`'s blob; its arrays are read-only views of `data`.

    Raises:
        ValueError: The blob is not a packed table.
    """
    try:
        size = int.from_bytes(data[:8], "little")
        header = json.loads(bytes(data[8:8 + size]).decode("utf-8"))
        base = 8 + size
        a = {name: np.frombuffer(data, dtype=np.dtype(dtype), count=int(np.prod(shape)), offset=base + offset
                                 ).reshape(shape) for name, (dtype, shape, offset) in header["arrays"].items()}
        return EdgeTable(header["names"], header["relations"], a["src"], a["rel"], a["dst"], a["starts"],
                         MonthTable(header["months"], a["month"], a["counts"], header["dates"], a["first"], a["last"]),
                         a.get("contested"), (a["totals"], a["first_date"], a["last_date"]), a.get("outlets"),
                         a.get("firsts"))
    except (KeyError, TypeError, ValueError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a packed edge table: {exc}") from None


def concatenate(tables: Sequence[EdgeTable]) -> EdgeTable:
    """One table of the edges of several (no edge in two of them), in key order."""
    names = sorted(set().union(*(t.names for t in tables)))
    relations = sorted(set().union(*(t.relations for t in tables)))
    months = sorted(set().union(*(t.rows.months for t in tables)))
    dates = sorted(set().union(*(t.rows.dates for t in tables)))

    def recoded(values: np.ndarray, old: list[str], new: list[str], none: bool = False) -> np.ndarray:
        mapping = np.searchsorted(np.array(new, dtype=object), np.array(old, dtype=object)).astype(np.int32)
        if none:
            return np.where(values < 0, -1, mapping[np.maximum(values, 0)] if len(mapping) else -1).astype(np.int32)
        return mapping[values] if len(values) else values.astype(np.int32)

    def joined(part: Callable[[EdgeTable], np.ndarray], dtype, width: int = 0) -> np.ndarray:
        arrays = [part(t) for t in tables]
        return np.concatenate(arrays) if arrays else np.zeros((0, width) if width else 0, dtype=dtype)

    src = joined(lambda t: recoded(t.src, t.names, names), np.int32)
    rel = joined(lambda t: recoded(t.rel, t.relations, relations), np.int32)
    dst = joined(lambda t: recoded(t.dst, t.names, names), np.int32)
    lengths = joined(lambda t: np.diff(t.starts), np.int64)
    row_edge = np.repeat(np.arange(len(src)), lengths)
    month = joined(lambda t: recoded(t.rows.month, t.rows.months, months), np.int32)
    contested = (joined(lambda t: t.contested, bool) if all(t.contested is not None for t in tables) else None)
    outlets = (joined(lambda t: t.outlets, np.int32) if all(t.outlets is not None for t in tables) else None)
    firsts = (np.concatenate([t.firsts for t in tables]) if tables and all(t.firsts is not None for t in tables)
              else None)
    order = np.lexsort((dst, rel, src))  # key order: the codes follow the sorted names
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    row_order = np.lexsort((month, rank[row_edge]))
    starts = np.zeros(len(src) + 1, dtype=np.int64)
    np.cumsum(lengths[order], out=starts[1:])
    rows = MonthTable(months, month[row_order], joined(lambda t: t.rows.counts, np.int32, len(COUNTS))[row_order],
                      dates, joined(lambda t: recoded(t.rows.first, t.rows.dates, dates, True), np.int32)[row_order],
                      joined(lambda t: recoded(t.rows.last, t.rows.dates, dates, True), np.int32)[row_order])
    return EdgeTable(names, relations, src[order], rel[order], dst[order], starts, rows,
                     None if contested is None else contested[order], outlets=None if outlets is None else outlets[order],
                     firsts=None if firsts is None else firsts[order])


def read(conn, relations: Iterable[str], keys: Sequence[Key] | None = None) -> EdgeTable:
    """The stored rows of these relation types (of the edges `keys` only, when given) as a table.

    Raises:
        KeyError: ``edge_months`` changed while it was read (the caller reads again).
    """
    # the relation as an expression, not a column: SQLite then walks the table rather than jump
    # through the key's index by relation (several times slower)
    where = f" WHERE (r.relation || '') IN {sql_words(relations)}"
    if keys is None:
        found: Iterable[list] = chunks(conn, _ROWS + "edge_months r" + where)
    else:
        found = [keyed(conn, keys, _ROWS + "{edges}" + where, table="edge_months")] if keys else []
    return _columns(found)


def _columns(found: Iterable[list]) -> EdgeTable:
    codes: list[dict[str, int]] = [{}, {}, {}, {}]  # names, relations, months, dates (first seen first)
    parts: list[list[np.ndarray]] = [[] for _ in range(6)]  # src, rel, dst, month, first, last
    counts: list[np.ndarray] = []
    for chunk in found:
        columns = list(zip(*chunk))
        for part, column, table in zip(parts, (0, 1, 2, 3, 10, 11), (0, 1, 0, 2, 3, 3)):
            seen = codes[table]
            values = ((seen.setdefault(v, len(seen)) if v else -1 for v in columns[column]) if table == 3
                      else (seen.setdefault(v, len(seen)) for v in columns[column]))
            part.append(np.fromiter(values, dtype=np.int32, count=len(chunk)))
        counts.append(np.array(columns[4:10], dtype=np.int32).T.reshape(-1, len(COUNTS)))
    src, rel, dst, month, first, last = (np.concatenate(p) if p else np.zeros(0, np.int32) for p in parts)
    lists = [list(c) for c in codes]
    names, relations, months, dates = lists
    # one row per edge and month: every edge is a run of one row each, put in order by concatenate
    edge_of_row = np.lexsort((dst, rel, src))
    src, rel, dst, month, first, last = (a[edge_of_row] for a in (src, rel, dst, month, first, last))
    new_edge = np.ones(len(src), dtype=bool)
    new_edge[1:] = (src[1:] != src[:-1]) | (rel[1:] != rel[:-1]) | (dst[1:] != dst[:-1])
    edge_rows = np.flatnonzero(new_edge)
    starts = np.append(edge_rows, len(src)).astype(np.int64)
    table = EdgeTable(names, relations, src[edge_rows], rel[edge_rows], dst[edge_rows], starts,
                      MonthTable(months, month, np.concatenate(counts)[edge_of_row] if counts
                                 else np.zeros((0, len(COUNTS)), np.int32), dates, first, last))
    return concatenate([table])  # codes in sorted order, rows in key and month order
