"""The stored sentences of many edges at once: all of them, some of them, or each edge's first few.

An edge is ``(subject, relation, object)`` as stored. The edges asked for go to the database as a
small table (``WITH k AS (VALUES …)``) joined to the relations through the edge index, a few
hundred edges a query, so reading the sentences of thousands of edges costs a few queries
rather than one per edge. A list of sentences is read a page at a time: in its default order the
database picks the page (`first_page`) and counts its outlets (`outlet_counts`); sorted or filtered
otherwise, the list without its words (`light`) is sorted, filtered and cut in memory as
`graph.pages` does. Either way only the page's sentences are read whole (`by_id`); each relation's
oldest few are picked by the database (`first`).

Every function takes an open `graph.store.Store` (`store.read(query)` runs a query in one read).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby

from sqlalchemy import bindparam, text

from graph.aggregates import MONTH_SQL, sql_words
from graph.ontology import SPECULATIVE
from graph.rows import evidence
from graph.schema import EVIDENCE_COLUMNS

FIRST_KEPT = 2  # each edge's oldest sentences the explorer's edge table keeps (`graph.edge_digest`)
EDGES_AT_ONCE = 300  # edges whose sentences one query reads (three parameters each)
DENYING, HOLDING = "denying", "holding"  # which of an edge's sentences a read asks for (None: every one)
Key = tuple[str, str, str]

_SPECULATIVE = sql_words(SPECULATIVE)
_ONLY = {None: "", DENYING: f" AND r.negated = 1 AND r.modality NOT IN {_SPECULATIVE}",
         HOLDING: f" AND r.negated = 0 AND r.modality NOT IN {_SPECULATIVE}"}
_DATE = "coalesce(d.date, '')"
# each edge's reading order, the last of every order
_TIES = "r.subject, r.relation, r.object, r.doc_id, r.start_char, r.confidence DESC, r.{order}"
_FIRST = f"{_DATE}, d.source, r.start_char"  # the panel's oldest first (undated first)


def _whole_edges(keys: Iterable[tuple[str, ...]]) -> Iterator[list[tuple[str, ...]]]:
    """The keys in lists of about EDGES_AT_ONCE, the months of one edge never split (so its rows come in order)."""
    chunk: list[tuple[str, ...]] = []
    for _, same in groupby(sorted(set(keys)), key=lambda key: key[:3]):
        same = list(same)
        if chunk and len(chunk) + len(same) > EDGES_AT_ONCE:
            yield chunk
            chunk = []
        chunk += same
    if chunk:
        yield chunk


def keyed(conn, keys: Sequence[tuple[str, ...]], query: str, table: str = "relations") -> list[tuple]:
    """`query` (its edges a table ``k (s, rl, o[, m])``, their rows of `table` ``r``, its documents
    ``d``) for every chunk of EDGES_AT_ONCE keys, the rows of all chunks in one list."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:  # else its planner may index every relation afresh (or the edges asked for) rather than use the edge index
        conn.exec_driver_sql("PRAGMA automatic_index = OFF")
    out: list[tuple] = []
    try:
        for chunk in _whole_edges(keys):
            names = "s, rl, o, m" if len(chunk[0]) == 4 else "s, rl, o"
            values = ", ".join("(" + ", ".join(f":{c}{i}" for c in "srom"[:len(key)]) + ")"
                               for i, key in enumerate(chunk))
            out += conn.execute(text(
                f"WITH k ({names}) AS (VALUES {values}) " + query.format(
                    edges=f"k JOIN {table} r ON r.subject = k.s AND r.relation = k.rl AND r.object = k.o",
                    documents=" JOIN documents d ON d.id = r.doc_id")),
                {f"{c}{i}": v for i, key in enumerate(chunk) for c, v in zip("srom", key)}).all()
    finally:
        if sqlite:
            conn.exec_driver_sql("PRAGMA automatic_index = ON")
    return out


_COLUMNS = f"r.subject, r.relation, r.object, r.doc_id, d.source, {EVIDENCE_COLUMNS}"  # what `_dicts` reads
_SELECT = f"SELECT {_COLUMNS} FROM {{edges}}{{documents}}"


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
        return keyed(conn, keys, _SELECT + f" WHERE 1 = 1{month}{_ONLY[only]} ORDER BY "
                      + _TIES.format(order=order))
    for key, ev in _dicts(store.read(query)):
        out[key].append(ev)
    return out


def light(store, keys: Sequence[Key]) -> list[tuple]:
    """Every sentence of these edges without its words, for a list sorted, filtered and cut in
    memory (`graph.pages`): ``(row id, (subject, relation, object), doc_id, start, confidence,
    negated, modality)``, by edge, each edge's by article and reading order."""
    def query(conn, order):
        return keyed(conn, keys, f"SELECT r.{order}, r.subject, r.relation, r.object, r.doc_id, r.start_char, "
                                  f"r.confidence, r.negated, r.modality FROM {{edges}} ORDER BY {_TIES.format(order=order)}")
    return [(row, (s, rel, o), *rest) for row, s, rel, o, *rest in (store.read(query) if keys else ())]


def first_page(store, keys: Sequence[Key], n: int) -> list[int]:
    """The row ids of the `n` oldest sentences of these edges taken together, in the order
    `graph.pages.evidence_page` lists them by default — oldest article first (undated last), then
    by source and reading order, ties as :func:`light` lists them — so that a list's first pages
    are picked by the database without reading the rest (each query's few rows, merged here)."""
    def query(conn, order):
        c = ' COLLATE "C"' if conn.dialect.name == "postgresql" else ""  # text ordered as Python orders it
        columns = (f"(coalesce(d.date, '') = ''), coalesce(d.date, ''){c}, coalesce(d.source, ''){c}, r.start_char, "
                   f"r.subject{c}, r.relation{c}, r.object{c}, r.doc_id{c}, -r.confidence, r.{order}")
        return keyed(conn, keys, f"SELECT {columns} FROM {{edges}}{{documents}} ORDER BY {columns} LIMIT {int(n)}")
    rows = sorted(tuple(row) for row in store.read(query)) if keys and n > 0 else []
    return [row[-1] for row in rows[:n]]


def outlet_counts(store, keys: Sequence[Key]) -> dict[str, int]:
    """The sentences of these edges by their article's outlet ('' for none), counted by the database."""
    def query(conn, order):
        return keyed(conn, keys, "SELECT coalesce(d.outlet, ''), count(*) FROM {edges}{documents} "
                                 "GROUP BY coalesce(d.outlet, '')")
    counts: dict[str, int] = defaultdict(int)
    for outlet, n in store.read(query) if keys else ():
        counts[outlet] += n
    return dict(counts)


def words(store, keys: Sequence[Key]) -> list[tuple]:
    """Every sentence of these edges as ``(doc_id, start, sentence)`` only: enough to tell the
    outlets behind them, syndicated copies once (`graph.outlets.outlets_of`)."""
    def query(conn, order):
        return keyed(conn, keys, "SELECT r.doc_id, r.start_char, r.sentence FROM {edges}")
    return [tuple(row) for row in store.read(query)] if keys else []


def by_id(store, ids: Sequence[int]) -> dict[int, dict]:
    """Whole sentences (evidence dicts) by their row ids (from :func:`light` or :func:`first_page`), each
    with its edge ``(subject, relation, object)`` as ``_edge``."""
    def query(conn, order):
        return conn.execute(text(
            f"SELECT r.{order}, {_COLUMNS} FROM relations r JOIN documents d ON d.id = r.doc_id WHERE r.{order} IN :ids"
        ).bindparams(bindparam("ids", expanding=True)), {"ids": list(ids)}).all()
    rows = store.read(query) if ids else []
    return {row[0]: {**ev, "_edge": key} for row, (key, ev) in zip(rows, _dicts(row[1:] for row in rows))}


def _like(word: str) -> str:
    """A LIKE pattern for text holding `word` anywhere (its wildcards taken literally)."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def matching(store, words: Sequence[str], leave_out: Iterable[str] = ()) -> dict[Key, list[dict]]:
    """The stored sentences holding every one of `words` (given in search form,
    `graph.names.search_form`) in their search form, by edge, each edge's as :func:`read` orders
    them; of every relation type but `leave_out`. One scan of the relations, however many match."""
    out: dict[Key, list[dict]] = defaultdict(list)
    if not words:
        return out

    def query(conn, order):
        where = " AND ".join(f"coalesce(r.folded, lower(r.sentence)) LIKE :w{i} ESCAPE '\\'" for i in range(len(words)))
        skip = f" AND r.relation NOT IN {sql_words(leave_out)}" if leave_out else ""
        return conn.execute(text(f"SELECT {_COLUMNS} FROM relations r JOIN documents d ON d.id = r.doc_id "
                                 f"WHERE {where}{skip} ORDER BY {_TIES.format(order=order)}"),
                            {f"w{i}": _like(w) for i, w in enumerate(words)}).all()
    for key, ev in _dicts(store.read(query)):
        out[key].append(ev)
    return out


def first(store, keys: Sequence[Key], n: int) -> dict[Key, list[dict]]:
    """The `n` oldest sentences of each edge (undated first, then by source and reading order).

    The oldest are ranked from the edge index and the articles alone (the index holds every
    column the order needs), then only they are read whole: an edge of 20,000 co-mentions
    costs a walk along its index, not 20,000 rows of sentences."""
    out: dict[Key, list[dict]] = {key: [] for key in keys}
    if not keys:
        return out

    def query(conn, order):
        ranked = (f"SELECT r.{order} AS id, row_number() OVER (PARTITION BY r.subject, r.relation, r.object "
                  f"ORDER BY {_FIRST}, {_TIES.format(order=order)}) AS place FROM {{edges}}{{documents}}")
        return keyed(conn, keys, f"SELECT w.subject, w.relation, w.object, w.doc_id, v.source, {EVIDENCE_COLUMNS}, "
                                  f"firsts.place FROM ({ranked}) firsts JOIN relations w ON w.{order} = firsts.id "
                                  f"JOIN documents v ON v.id = w.doc_id WHERE firsts.place <= {int(n)} "
                                  "ORDER BY w.subject, w.relation, w.object, firsts.place")
    for key, ev in _dicts(row[:-1] for row in store.read(query)):
        out[key].append(ev)
    return out
