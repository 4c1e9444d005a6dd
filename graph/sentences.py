"""The stored sentences of many edges at once: all of them, a page of them, or each edge's first few.

An edge is ``(subject, relation, object)`` as stored. The edges asked for go to the database as a
small table (``WITH k AS (VALUES …)``) joined to the relations through the edge index, a few
hundred edges a query, so reading the sentences of thousands of edges costs a few queries
rather than one per edge. A page of an actor's sentences (`page`, `outlets`) and the oldest few
of each relation (`first`) are sorted, filtered and cut by the database, as `graph.pages` does
in memory, so a click reads a page and not every sentence.

Every function takes an open `graph.store.Store` (`store.read(query)` runs a query in one read).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from sqlalchemy import text

from graph.aggregates import MONTH_SQL, sql_words
from graph.ontology import SPECULATIVE
from graph.rows import evidence
from graph.schema import EVIDENCE_COLUMNS

EDGES_AT_ONCE = 300  # edges whose sentences one query reads (three parameters each)
DENYING, HOLDING = "denying", "holding"  # which of an edge's sentences a read asks for (None: every one)
Key = tuple[str, str, str]

_SPECULATIVE = sql_words(SPECULATIVE)
_ONLY = {None: "", DENYING: f" AND r.negated = 1 AND r.modality NOT IN {_SPECULATIVE}",
         HOLDING: f" AND r.negated = 0 AND r.modality NOT IN {_SPECULATIVE}"}
_FLAGS = {"holds": f" AND r.negated = 0 AND r.modality NOT IN {_SPECULATIVE}", "negated": " AND r.negated = 1",
          "reported": " AND r.modality = 'reported'", "speculative": f" AND r.modality IN {_SPECULATIVE}"}
_DATE, _OUTLET = "coalesce(d.date, '')", "coalesce(d.outlet, '')"
# the orders of `graph.pages` (an outlet's name compared in lower case), then each edge's reading order
_TIES = "r.subject, r.relation, r.object, r.doc_id, r.start_char, r.confidence DESC, r.{order}"
_ORDERS = {"oldest": f"{_DATE} = '', {_DATE}, d.source, r.start_char",
           "newest": f"{_DATE} DESC, d.source, r.start_char",
           "outlet": f"{_OUTLET} = '', lower({_OUTLET}), {_DATE}, d.source, r.start_char",
           "confidence": f"r.confidence DESC, {_DATE}, d.source, r.start_char"}
_FIRST = f"{_DATE}, d.source, r.start_char"  # the panel's oldest first (undated first)


def _whole_edges(keys: Iterable[tuple[str, ...]], at_once: int) -> Iterator[list[tuple[str, ...]]]:
    """The keys in lists of about `at_once`, the months of one edge never split (so its rows come in order)."""
    chunk: list[tuple[str, ...]] = []
    for _, same in groupby(sorted(set(keys)), key=lambda key: key[:3]):
        same = list(same)
        if chunk and len(chunk) + len(same) > at_once:
            yield chunk
            chunk = []
        chunk += same
    if chunk:
        yield chunk


def _edges(conn, keys: Sequence[tuple[str, ...]], query: str, args: dict | None = None, *,
           at_once: int = EDGES_AT_ONCE) -> list[tuple]:
    """`query` (its edges a table ``k (s, rl, o[, m])``, its relations ``r``, its documents ``d``)
    for every chunk of `at_once` keys, the rows of all chunks in one list."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:  # else its planner may index every relation afresh (or the edges asked for) rather than use the edge index
        conn.exec_driver_sql("PRAGMA automatic_index = OFF")
    out: list[tuple] = []
    try:
        for chunk in _whole_edges(keys, at_once):
            names = "s, rl, o, m" if len(chunk[0]) == 4 else "s, rl, o"
            values = ", ".join("(" + ", ".join(f":{c}{i}" for c in "srom"[:len(key)]) + ")"
                               for i, key in enumerate(chunk))
            out += conn.execute(text(
                f"WITH k ({names}) AS (VALUES {values}) " + query.format(
                    edges="k JOIN relations r ON r.subject = k.s AND r.relation = k.rl AND r.object = k.o "
                          "JOIN documents d ON d.id = r.doc_id")),
                {**(args or {}), **{f"{c}{i}": v for i, key in enumerate(chunk) for c, v in zip("srom", key)}}).all()
    finally:
        if sqlite:
            conn.exec_driver_sql("PRAGMA automatic_index = ON")
    return out


_SELECT = f"SELECT r.subject, r.relation, r.object, r.doc_id, d.source, {EVIDENCE_COLUMNS} FROM {{edges}}"


def _dicts(rows: Iterable[tuple]) -> Iterator[tuple[Key, dict]]:
    one: dict = {}
    for s, rel, o, doc_id, source, *row in rows:
        yield (s, rel, o), evidence(one.setdefault, doc_id, source, row)


def read(store, keys: Iterable[tuple[str, ...]], only: str | None = None) -> dict[Key, list[dict]]:
    """The stored sentences of each edge, as evidence dicts (`graph.build.evidence_dict`) by
    article and reading order.

    Args:
        only: DENYING: only the sentences that deny their relation (negated, and asserted or
            reported); HOLDING: only those that hold, of one month: each key is then
            ``(subject, relation, object, month)``; None: every sentence.
    """
    keys = [tuple(key) for key in keys]
    out: dict[Key, list[dict]] = {key[:3]: [] for key in keys}
    month = f" AND {MONTH_SQL} = k.m" if only == HOLDING else ""

    def query(conn, order):
        return _edges(conn, keys, _SELECT + f" WHERE 1 = 1{month}{_ONLY[only]} ORDER BY "
                      + _TIES.format(order=order))
    for key, ev in _dicts(store.read(query)):
        out[key].append(ev)
    return out


def _filters(outlet: str | None, flag: str | None) -> str:
    return " WHERE 1 = 1" + _FLAGS.get(flag or "", "") + (f" AND {_OUTLET} = :outlet" if outlet else "")


def page(store, keys: Sequence[Key], *, offset: int, limit: int, order: str, outlet: str | None,
         flag: str | None, total: int | None = None) -> tuple[list[tuple[Key, dict]], int]:
    """A page of the sentences of these edges as one list, as `graph.pages.evidence_page` cuts one
    (its `order`, `outlet` and `flag`), each with its edge; and how many match (`total`, when
    given, is how many there are: then an unfiltered page counts nothing). One query for all
    the edges (an actor's few thousand at most)."""
    where, args, cut = _filters(outlet, flag), {"outlet": outlet}, f" LIMIT {int(limit)} OFFSET {int(offset)}"

    def query(conn, column):
        matched = total if total is not None and not (outlet or flag) else _edges(
            conn, keys, "SELECT count(*) FROM {edges}" + where, args, at_once=len(keys))[0][0]
        ranked = _edges(conn, keys, _SELECT + where + f" ORDER BY {_ORDERS[order]}, {_TIES.format(order=column)}"
                        + cut, args, at_once=len(keys))
        return ranked, matched
    if not keys:
        return [], 0
    ranked, matched = store.read(query)
    return list(_dicts(ranked)), matched


def outlets(store, keys: Sequence[Key]) -> dict[str, int]:
    """The outlets behind the sentences of these edges ('' for articles without one), with how many sentences each."""
    def query(conn, _):
        return _edges(conn, keys, f"SELECT {_OUTLET}, count(*) FROM {{edges}} GROUP BY {_OUTLET}")
    counts: dict[str, int] = {}
    for outlet, n in store.read(query) if keys else ():
        counts[outlet] = counts.get(outlet, 0) + n
    return counts


def first(store, keys: Sequence[Key], n: int) -> dict[Key, list[dict]]:
    """The `n` oldest sentences of each edge (undated first, then by source and reading order)."""
    out: dict[Key, list[dict]] = {key: [] for key in keys}
    if not keys:
        return out
    ranked = _SELECT.replace(" FROM {edges}", f", row_number() OVER (PARTITION BY r.subject, r.relation, r.object "
                                              f"ORDER BY {_FIRST}, {{ties}}) AS place FROM {{edges}}")

    def query(conn, order):
        return _edges(conn, keys, f"SELECT * FROM ({ranked.replace('{ties}', _TIES.format(order=order))}) "
                                  f"firsts WHERE place <= {int(n)} ORDER BY subject, relation, object, place")
    for key, ev in _dicts(row[:-1] for row in store.read(query)):
        out[key].append(ev)
    return out
