"""Which schema a store has, whether this program can read it, and bringing it to this program's.

`graph.schema` declares the tables and the statements of each migration; this module runs them in
the store's open transaction and fills what a migration adds from the rows already stored.
"""
from __future__ import annotations

from sqlalchemy import inspect, text

from graph import aggregates
from graph.database import StoreError
from graph.rows import fold_stored
from graph.schema import MIGRATIONS, SCHEMA_VERSION, Dialect


def tables(conn) -> list[str]:
    """The tables of the database, sorted."""
    return sorted(inspect(conn).get_table_names())


def version(conn, name: str) -> int | None:
    """The store's schema version (None: no store yet in this database).

    Raises:
        StoreError: The database holds a `meta` table without a version.
    """
    if "meta" not in tables(conn):
        return None
    value = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
    if value is None or not str(value).isdigit():
        raise StoreError(f"{name}: not a newsgraph store (no schema version)")
    return int(value)


def readable(found: int | None, name: str, conn=None) -> int | None:
    """`found`, when this program can read a store of that version (None: an empty store).

    Raises:
        StoreError: The database holds other tables, or a store of a newer newsgraph.
    """
    if found is None and conn is not None and (names := tables(conn)):
        raise StoreError(f"{name}: not a newsgraph store (it holds other tables: {', '.join(names[:5])})")
    if found is not None and found > SCHEMA_VERSION:
        raise StoreError(f"{name}: created by a newer newsgraph (schema v{found}, "
                         f"this program reads up to v{SCHEMA_VERSION})")
    return found


def upgrade(conn, found: int | None, dialect: Dialect) -> None:
    """Create the schema (`found` None) or migrate a store of version `found`, in the open transaction."""
    if found is None:
        for statement in dialect.tables():
            conn.execute(text(statement))
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', :v), ('generation', '0')"),
                     {"v": str(SCHEMA_VERSION)})
        return
    for v in range(found, SCHEMA_VERSION):
        for statement in MIGRATIONS[v]:
            conn.execute(text(dialect.format(statement)))
    if found < 4:  # the aggregates of the relations already stored
        aggregates.rebuild(conn)
    if found < 5:  # the search form of the sentences already stored
        fold_stored(conn, dialect.order)
    conn.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(SCHEMA_VERSION)})
