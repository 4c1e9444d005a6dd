"""The corpus store: documents, mentions, relations and the curation log, in an SQLite file or a
PostgreSQL database.

`--db corpus.db` is an SQLite file (WAL mode; the embedded default); `--db postgresql://…` a
database that many machines and explorer processes share. Both have the same tables
(`graph.schema`), are reached through SQLAlchemy Core (`graph.database`), and behave alike:

- documents are keyed by content hash, so an unchanged article is never parsed twice and a
  document's rows land once, however often a batch is retried (the insert of a stored id does
  nothing, and a batch is one transaction);
- an edited article replaces its old version (same origin path, new hash);
- an interrupted ingest leaves the store as it was after the last committed batch, and a
  rerun carries on from there;
- several processes may write at once (SQLite queues them on its lock; PostgreSQL runs them side
  by side), and a server that drops the connection mid-batch gets the batch again.

The schema is versioned (`meta.schema_version`); opening an older store upgrades it in place.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
from sqlalchemy import bindparam, text
from sqlalchemy.exc import SQLAlchemyError

from graph import aggregates, snapshot, upgrade
from graph.database import (StoreError, busy, engine_for, file_signature, is_server, locate, reported,
                            shown_name)
from graph.read import IngestError
from graph.models import Document, Extraction, many_records
from graph.rows import insert_rows, read_extractions, relation_row
from graph.schema import DATA_TABLES, DOC_COLUMNS, SCHEMA_VERSION, Dialect, insert

T = TypeVar("T")

DEFAULT_BATCH_SIZE = 64
OPEN_ATTEMPTS = 5  # tries when SQLite answers "locked" at once (two programs creating one store)
RETRY_S = 90  # how long a write waits for a database server that went away (a restart) before giving up
_INSERT_DOCUMENT = insert("documents", "id, path, source, title, outlet, date, url, text, ingested_at") + \
    " ON CONFLICT (id) DO NOTHING"
_STORED = text("SELECT id FROM documents WHERE id IN :ids").bindparams(bindparam("ids", expanding=True))
_LOCK_SCHEMA = "SELECT pg_advisory_xact_lock(7240315)"  # PostgreSQL: one process creates or upgrades at a time


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did: documents added, replaced (edited at the same path), skipped."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    errors: tuple[IngestError, ...] = ()
    parsed_words: int = 0
    duplicates: tuple[IngestError, ...] = ()  # notes, not failures: the same text read twice

    def __add__(self, other: IngestReport) -> IngestReport:
        return IngestReport(self.added + other.added, self.replaced + other.replaced,
                            self.unchanged + other.unchanged, self.errors + other.errors,
                            self.parsed_words + other.parsed_words, self.duplicates + other.duplicates)



class Store:
    """An open corpus store; use as a context manager or call `close()`.

    Args:
        target: The SQLite file, or a PostgreSQL URL (``postgresql://USER@HOST:PORT/DBNAME``).
        create: Create the file, or the tables in an empty database, when missing (else raise
            StoreError).
        read_only: Open for reading only (SQLite ``mode=ro``, ``immutable=1`` on a read-only
            path; PostgreSQL sessions that the server refuses every write).

    Raises:
        StoreError: The store is not a newsgraph store, was written by a newer newsgraph, or
            cannot be reached; the message names it (never with its password) and says why.
    """

    def __init__(self, target: str | os.PathLike[str], *, create: bool = True, read_only: bool = False):
        try:
            self.location = locate(target)
        except ValueError as exc:
            raise StoreError(str(exc)) from None
        self.name, self.read_only, self.create = self.location.name, read_only, create
        self.dialect = Dialect(self.location.server)
        if self.path is not None and (read_only or not create) and not self.path.is_file():
            raise StoreError(f"{self.name}: no such store")
        self._engine = None
        for attempt in range(OPEN_ATTEMPTS):
            try:
                self._engine = engine_for(self.location, read_only=read_only)
                self._upgrade()
                return
            except StoreError as exc:
                self.close()
                # Two programs creating one SQLite store race to switch it to WAL and write its
                # schema; SQLite answers the loser "locked" at once rather than waiting: try again.
                if attempt + 1 < OPEN_ATTEMPTS and getattr(exc, "busy", False):
                    time.sleep(0.2 * (attempt + 1))
                    continue
                raise
            except BaseException:
                self.close()
                raise

    @property
    def path(self) -> Path | None:
        """The SQLite file (None for a PostgreSQL store)."""
        return self.location.path

    @property
    def target(self) -> str:
        """What the store was opened from, to open it again (a path or the full URL)."""
        return self.location.target

    @property
    def server(self) -> bool:
        """Whether the store is a PostgreSQL database."""
        return self.location.server

    # ---- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        """Close the store (idempotent). An SQLite file's connection closes; a server's
        pooled connections stay for the next store opened on it in this process."""
        if self._engine is not None and not self.server:
            self._engine.dispose()
        self._engine = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _connection(self, **options) -> Iterator:
        if self._engine is None:
            raise StoreError(f"{self.name}: store is closed")
        with reported(self.name):
            with self._engine.connect() as conn:
                yield conn.execution_options(**options) if options else conn

    @contextmanager
    def _transaction(self) -> Iterator:
        """One write transaction: all of it is committed, or none of it."""
        with self._connection(writing=True) as conn:
            for attempt in range(OPEN_ATTEMPTS):  # an immediate "locked" (not a timeout): try again
                try:
                    transaction = conn.begin()
                    break
                except SQLAlchemyError as exc:
                    if attempt + 1 == OPEN_ATTEMPTS or not busy(exc):
                        raise
                    time.sleep(0.2 * (attempt + 1))
            with transaction:
                yield conn

    @contextmanager
    def _reading(self) -> Iterator:
        """One read transaction: every SELECT in it sees the same snapshot, even while another
        process commits (SQLite's WAL readers and PostgreSQL's repeatable read never wait for writers)."""
        options = {"isolation_level": "REPEATABLE READ"} if self.server else {}
        with self._connection(**options) as conn, conn.begin():
            yield conn

    def _retrying(self, write: Callable[[], object]):
        """Run a write; when a database server went away meanwhile (restarted, say), wait for it
        and run the whole transaction again, for up to RETRY_S seconds."""
        deadline = time.monotonic() + RETRY_S
        for attempt in range(1_000):
            try:
                return write()
            except StoreError as exc:
                if not exc.transient or time.monotonic() > deadline:
                    raise
                time.sleep(min(0.25 * 2 ** attempt, 5))
        raise AssertionError("unreachable")

    def _upgrade(self) -> None:
        """Create the schema in an empty store, or migrate an older one, in one transaction."""
        with self._connection() as conn:
            found = upgrade.version(conn, self.name)
            conn.rollback()
        if self.read_only or (not self.create and self.server):
            if upgrade.readable(found, self.name) != SCHEMA_VERSION:
                raise StoreError(f"{self.name}: schema v{found or 0} must be upgraded; open it writable once"
                                 if found else f"{self.name}: no newsgraph store in this database")
            return
        if found == SCHEMA_VERSION:
            return
        with self._transaction() as conn:  # re-read under the lock: another process may have won
            if self.server:
                conn.execute(text(_LOCK_SCHEMA))
            upgrade.upgrade(conn, upgrade.readable(upgrade.version(conn, self.name), self.name, conn), self.dialect)

    @property
    def schema_version(self) -> int:
        """The schema version of the open store (always SCHEMA_VERSION once opened)."""
        with self._reading() as conn:
            return upgrade.version(conn, self.name) or 0

    # ---- reading ---------------------------------------------------------------------
    def generation(self) -> int:
        """The corpus generation: one more after every write of documents or curation (by any process)."""
        with self._reading() as conn:
            return snapshot.generation(conn)

    def counts(self, *tables: str) -> dict[str, int]:
        """Row counts of these tables (all of documents, entities, mentions, relations, curation when none is named)."""
        with self._reading() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                    for t in DATA_TABLES if t in (tables or DATA_TABLES)}

    def signature(self) -> tuple:
        """A cheap key that changes whenever a document is stored or replaced or the curation log
        grows (by any process): the file's size and time for SQLite, the generation for a server."""
        if not self.server:
            return file_signature(self.path)
        return (self.generation(),)

    def document_ids(self) -> set[str]:
        """The content hashes of every stored document."""
        with self._reading() as conn:
            return set(conn.execute(text("SELECT id FROM documents")).scalars())

    def extractions(self) -> list[Extraction]:
        """Every stored document with its entities, mentions and relations, in ingest order."""
        with many_records(), self._reading() as conn:
            return read_extractions(conn, self.dialect.order)

    def documents(self) -> list[tuple[Document, str]]:
        """Every stored document with the path it was read from, in ingest order."""
        with self._reading() as conn:
            return [(Document(*row), path) for *row, path in conn.execute(
                text(f"SELECT {DOC_COLUMNS}, path FROM documents ORDER BY {self.dialect.order}"))]

    def extraction(self, doc_id: str) -> Extraction | None:
        """One stored document with its entities, mentions and relations; None if it is not stored."""
        with self._reading() as conn:
            found = read_extractions(conn, self.dialect.order, doc_id)
        return found[0] if found else None

    def graph(self, *, table=None, lazy: bool = False) -> nx.MultiDiGraph:
        """The knowledge graph of the whole corpus, as `build_graph` makes it from `extractions()`.

        Read straight from the tables in one snapshot (`graph.stored_graph`). With `lazy`, no
        sentence is read (every edge from the explorer's edge table, `graph.snapshot`): what the
        explorer needs, in a fraction of the time and memory; a store open for writing then
        keeps the table it read for the next start.
        """
        return self._read_graph(lazy=lazy, table=table)[0]

    def explorer_graph(self, *, table=None) -> tuple[nx.MultiDiGraph, tuple[Any, Any]]:
        """What the explorer starts from: the lazy graph with the edges of the store's edge table
        left apart (its actors, documents and the alias table's `part_of` edges), and that table
        with the reader of its sentences, for `graph.index.EdgeIndex` (``stored=``)."""
        g, read, reader = self._read_graph(lazy=True, table=table, apart=True)
        return g, (read.table, reader)

    def _read_graph(self, **how):
        from graph.stored_graph import read_graph  # deferred: it loads the actor table

        target = self.target
        with many_records(), self._reading() as conn:
            g, read, reader = read_graph(conn, self.dialect.order, **how,
                                         open_store=lambda: Store(target, create=False, read_only=True))
        if read is not None and not self.read_only:
            self._retrying(lambda: self._keep(read))
        return g, read, reader

    def _keep(self, read: snapshot.Read) -> None:
        with self._transaction() as conn:
            snapshot.keep(conn, read)

    def layout(self) -> dict[str, dict[str, float]]:
        """Where the explorer last drew each actor (empty when it never did)."""
        with self._reading() as conn:
            return {node: {"x": x, "y": y} for node, x, y in conn.execute(text("SELECT node, x, y FROM layout"))}

    def keep_layout(self, positions: Mapping[str, Mapping[str, float]]) -> None:
        """Remember where the explorer drew each actor (replacing what was kept)."""
        rows = [{"node": n, "x": float(p["x"]), "y": float(p["y"])} for n, p in positions.items()]

        def write() -> None:
            with self._transaction() as conn:
                conn.execute(text("DELETE FROM layout"))
                if rows:
                    conn.execute(text("INSERT INTO layout (node, x, y) VALUES (:node, :x, :y)"), rows)
        self._retrying(write)

    def actor_articles(self, ids) -> list[str]:
        """The articles that name any of these actors (sorted ids)."""
        with self._reading() as conn:
            return aggregates.actor_articles(conn, ids)

    def read(self, query: Callable[[Any, str], T]) -> T:
        """``query(connection, order)`` in one read of the store (`order`: the column of ingest
        order), for the reads kept in their own modules (`graph.sentences`)."""
        with self._reading() as conn:
            return query(conn, self.dialect.order)

    # ---- writing ---------------------------------------------------------------------
    def add(self, extractions: Iterable[Extraction], *, origins: Mapping[str, str] | None = None) -> IngestReport:
        """Store extractions in one transaction (run again whole if a database server drops it).

        A document whose id is stored already is skipped; one from an origin that holds an
        older version replaces it (the old document, mentions and relations are deleted).

        Args:
            extractions: The extractions to store.
            origins: Where each document came from, by document id (e.g. its resolved file
                path); `document.source` when missing.
        """
        extractions = list(extractions)
        return self._retrying(lambda: self._add(extractions, origins or {}))

    def _add(self, extractions: list[Extraction], origins: Mapping[str, str]) -> IngestReport:
        added = replaced = unchanged = 0
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        entities, mentions, relations, counted, named, stale = [], [], [], [], [], aggregates.Stale()
        with self._transaction() as conn:
            ids = list({x.document.id for x in extractions})
            stored = set(conn.execute(_STORED, {"ids": ids}).scalars()) if ids else set()
            for x in extractions:
                d = x.document
                if d.id in stored:
                    unchanged += 1
                    continue
                stored.add(d.id)
                path = origins.get(d.id, d.source)
                stale.note(conn, path)
                old = conn.execute(text("DELETE FROM documents WHERE path = :path"), {"path": path}).rowcount
                row = {"id": d.id, "path": path, "source": d.source, "title": d.title, "outlet": d.outlet,
                       "date": d.date, "url": d.url, "text": d.text, "ingested_at": now}
                if not conn.execute(text(_INSERT_DOCUMENT), row).rowcount:  # another writer stored it meanwhile
                    unchanged += 1
                    continue
                replaced, added = replaced + bool(old), added + (not old)
                entities += [{"doc_id": d.id, "id": e.id, "label": e.label, "type": e.type, "part_of": e.part_of}
                             for e in x.entities]
                mentions += [{"doc_id": d.id, "entity_id": m.entity_id, "start_char": m.start, "end_char": m.end,
                              "text": m.text, "resolved_by": m.resolved_by} for m in x.mentions]
                relations += [relation_row(d.id, r) for r in x.relations]
                named.append([(m.entity_id, m.text, m.resolved_by) for m in x.mentions])
                counted.append((d.date, [(r.subject, r.relation, r.object, r.evidence.negated, r.evidence.modality)
                                         for r in x.relations]))
            # the rows of every document of the batch at once per table, in document order
            for table, rows in (("entities", entities), ("mentions", mentions), ("relations", relations)):
                insert_rows(conn, table, rows, server=self.server)
            rows = aggregates.batch_rows(counted)
            aggregates.upsert(conn, rows)
            aggregates.upsert_actors(conn, aggregates.actor_rows(named))
            stale.recount(conn)  # the replaced articles' edges and actors, counted from what is left
            if added or replaced:
                changed = {(r["subject"], r["relation"], r["object"]) for r in rows} | {k[:3] for k in stale.keys}
                snapshot.note_changes(conn, changed)
        return IngestReport(added=added, replaced=replaced, unchanged=unchanged)

    def unstored(self, documents: Iterable[Document]) -> tuple[list[Document], IngestReport]:
        """The documents (each text once) whose ids are not stored yet, and a report that counts
        the others as unchanged."""
        docs = list({d.id: d for d in documents}.values())
        known = self._retrying(self.document_ids)  # a server restarted meanwhile is waited for, as a write is
        todo = [d for d in docs if d.id not in known]
        return todo, IngestReport(unchanged=len(docs) - len(todo))

    def ingest(
        self,
        documents: Iterable[Document],
        *,
        nlp,
        origins: Mapping[str, str] | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        workers: int = 1,
        progress: bool = False,
    ) -> IngestReport:
        """Parse, extract and store the documents not stored yet, one transaction per batch.

        Args:
            documents: The documents to add (ids already stored are skipped unparsed).
            nlp: The spaCy pipeline, or a function of no arguments returning it (called only
                when something needs parsing, so an unchanged corpus never loads the model).
            origins: Where each document came from, by id (see `add`).
            batch_size: Documents per transaction.
            workers: Parsing processes; 1 parses in this process.
            progress: Show a progress bar on stderr.

        Returns:
            Counts of added, replaced and unchanged documents, documents that failed to
            extract (as errors), and the number of words parsed.
        """
        from graph.parse import iter_extractions, progress_bar  # deferred: spaCy, which reading never needs

        todo, report = self.unstored(documents)
        if not todo:
            return report
        pipeline = nlp if hasattr(nlp, "pipe") else nlp()
        results = iter_extractions(todo, nlp=pipeline, workers=workers)
        with progress_bar(len(todo), progress) as advance:
            while batch := list(islice(results, batch_size)):
                done = [r for r in batch if isinstance(r, Extraction)]
                errors = tuple(r for r in batch if isinstance(r, IngestError))
                words = sum(len(x.document.text.split()) for x in done)
                report += self.add(done, origins=origins) + IngestReport(errors=errors, parsed_words=words)
                advance(len(batch), words, len(errors))
        return report

    # ---- curation log ----------------------------------------------------------------
    def append_curation(self, action: Mapping) -> int:
        """Append one curation action (a JSON-serialisable dict) to the log; return its number.

        Raises:
            ValueError: The action is not a dict of JSON values.
        """
        if not isinstance(action, Mapping):
            raise ValueError(f"a curation action must be a dict, not {type(action).__name__}")
        try:
            action_text = json.dumps(dict(action), ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"a curation action must be JSON-serialisable: {exc}") from None
        now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")

        def write() -> int:
            with self._transaction() as conn:
                seq = conn.execute(text("INSERT INTO curation (at, action) VALUES (:at, :action) RETURNING seq"),
                                   {"at": now, "action": action_text}).scalar()
                snapshot.note_changes(conn, ())
                return seq
        return self._retrying(write)

    def curation_log(self) -> list[dict]:
        """Every curation action, oldest first, as it was appended."""
        with self._reading() as conn:
            return [json.loads(a) for a in conn.execute(text("SELECT action FROM curation ORDER BY seq")).scalars()]

    # ---- maintenance -----------------------------------------------------------------
    def check(self) -> list[str]:
        """Problems found by the database's own checks (SQLite's integrity and foreign-key checks)
        and rows whose document is missing (empty when sound)."""
        with self._reading() as conn:
            problems = []
            if not self.server:
                problems += [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check") if r[0] != "ok"]
            for table in ("entities", "mentions", "relations"):
                orphans = conn.execute(text(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN "
                                            "(SELECT id FROM documents)")).scalar()
                problems += [f"{orphans} {table} rows point at missing documents"] if orphans else []
            problems += aggregates.differences(conn)
        return problems


__all__ = ["IngestReport", "SCHEMA_VERSION", "Store", "StoreError", "file_signature", "is_server",
           "reported", "shown_name"]
