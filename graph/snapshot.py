"""The explorer's edge table kept in the store, and brought up to date from what writes changed.

Every write of documents or curation counts one more corpus generation (meta ``generation``).
A write of documents also notes the edges it changed (``edge_changes``), once the store keeps a
snapshot: the :class:`graph.edge_table.EdgeTable` of some generation, with each edge's contested
flag, outlet count and oldest sentences (`graph.edge_digest`), packed into one row of
``snapshots``. A start-up then reads that one blob and the few edges changed since
(:func:`current`), instead of every ``edge_months`` row; the contested flags are counted again
only for the pairs of actors those edges join (a dispute never reaches beyond one pair), the
digest only for the changed edges. A process that may write keeps what it read as the newest
snapshot (:func:`keep`); the changes it took in are then forgotten.

When the changes outgrow a share of the table (a large ingest), the snapshot is dropped and the
next start-up reads the table whole, as a store without one does.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import text

from graph import edge_table
from graph.edge_table import EdgeTable, Key, pair_keys

NAME = "edges"
FORMAT = 2  # one more when the table's layout or the rules of its flags change: older ones are read afresh
MOST_CHANGES = 200_000  # edges noted since the snapshot beyond which it is dropped (a large ingest)
_ROW = f"{NAME}-v{FORMAT}"


def generation(conn) -> int:
    """The store's generation (in the open transaction)."""
    return int(conn.execute(text("SELECT value FROM meta WHERE key = 'generation'")).scalar())


def note_changes(conn, edges: Iterable[Key]) -> int:
    """Count one more generation; note the edges ``(subject, relation, object)`` it changed when a
    snapshot is kept (in the writing transaction, last: a server holds the generation's row until
    the commit, so writers take their generations in commit order). Return the generation."""
    now = int(conn.execute(text("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) "
                                "WHERE key = 'generation' RETURNING value")).scalar())
    rows = [{"g": now, "s": s, "r": r, "o": o} for s, r, o in sorted(set(edges))]
    if not rows or conn.execute(text("SELECT count(*) FROM snapshots")).scalar() == 0:
        return now
    conn.execute(text("INSERT INTO edge_changes (generation, subject, relation, object) VALUES (:g, :s, :r, :o)"),
                 rows)
    noted = conn.execute(text(f"SELECT count(*) FROM (SELECT 1 FROM edge_changes LIMIT {MOST_CHANGES + 1}) c")).scalar()
    if noted > MOST_CHANGES:  # reading the table whole is cheaper than patching this much
        conn.execute(text("DELETE FROM snapshots"))
        conn.execute(text("DELETE FROM edge_changes"))
    return now


@dataclass
class Read:
    """An edge table as :func:`current` read it.

    Attributes:
        table: The table.
        generation: The store's generation it is of.
        kept: The generation of the snapshot it was made from (None: read whole).
        patched: Whether edges changed since the snapshot were read into it.
    """

    table: EdgeTable
    generation: int
    kept: int | None = None
    patched: bool = False


def current(conn, relations: Iterable[str], flags: Callable[[EdgeTable], np.ndarray],
            digest: Callable[[EdgeTable], tuple[np.ndarray, np.ndarray]]) -> Read:
    """The edge table of the store's generation (in the open read transaction): the snapshot with
    the edges changed since read again, or (without a usable snapshot) the table read whole,
    whose contested flags and digest are then still None: the caller counts them.

    Args:
        relations: The relation types read.
        flags: Counts the contested flag of every edge of a table (the pairs changed since the snapshot).
        digest: Each edge's outlets and oldest sentences, of a table (the edges changed since the snapshot).

    Raises:
        KeyError: The rows changed while they were read (the caller reads again).
    """
    now = generation(conn)
    kept = conn.execute(text("SELECT generation, data FROM snapshots WHERE name = :name"), {"name": _ROW}).one_or_none()
    relations = sorted(relations)
    if kept is not None:
        try:
            table = edge_table.unpack(bytes(kept[1]))
        except ValueError:
            table = None  # a damaged blob: read the table whole
        changed = {tuple(row) for row in conn.execute(text(
            "SELECT DISTINCT subject, relation, object FROM edge_changes WHERE generation > :g"), {"g": kept[0]})}
        if (table is not None and table.contested is not None and table.outlets is not None
                and table.firsts is not None and len(changed) <= MOST_CHANGES):
            if not changed:
                return Read(table, now, kept[0])
            fresh = edge_table.read(conn, relations, sorted(k for k in changed if k[1] in relations))
            fresh.contested = np.zeros(len(fresh), dtype=bool)
            fresh.outlets, fresh.firsts = digest(fresh)
            table = table.replaced(changed, fresh)
            touched = _pairs(table, {(s, o) for s, _, o in changed})
            contested = np.array(table.contested, dtype=bool)
            pairs = table.where(touched)
            pairs.contested = None  # to be counted
            contested[touched] = flags(pairs)
            table.contested = contested
            return Read(table, now, kept[0], patched=True)
    return Read(edge_table.read(conn, relations), now)


def _pairs(table: EdgeTable, pairs: set[tuple[str, str]]) -> np.ndarray:
    """A mask of the edges joining any of these pairs of actors (either way round)."""
    code = {name: i for i, name in enumerate(table.names)}
    n = len(table.names)
    known = [(code[a], code[b]) for a, b in pairs if a in code and b in code]
    wanted = pair_keys(*(np.array(side, dtype=np.int64) for side in zip(*known)), n) if known else np.zeros(0, np.int64)
    return np.isin(pair_keys(table.src, table.dst, n), wanted)


def keep(conn, read: Read) -> None:
    """Keep what `read` holds as the snapshot of its generation (in the open write transaction),
    unless the store has moved on since (a write after it noted no changes for it to take in);
    forget the changes it took in."""
    if read.kept == read.generation:
        return
    if read.table.contested is None or read.table.outlets is None or read.table.firsts is None:
        raise ValueError("a snapshot keeps the contested flags and the digest: count them first")
    # the generation's row, locked: a writer still to commit is waited for, and counted
    conn.execute(text("UPDATE meta SET value = value WHERE key = 'generation'"))
    if generation(conn) != read.generation:
        return
    if read.kept is not None and not read.patched:  # the same edges: only the generation moves on
        conn.execute(text("UPDATE snapshots SET generation = :g WHERE name = :name"),
                     {"g": read.generation, "name": _ROW})
    else:
        conn.execute(text("DELETE FROM snapshots"))  # of this format or an older one
        conn.execute(text("INSERT INTO snapshots (name, generation, data) VALUES (:name, :g, :data)"),
                     {"name": _ROW, "g": read.generation, "data": read.table.pack()})
    conn.execute(text("DELETE FROM edge_changes WHERE generation <= :g"), {"g": read.generation})
