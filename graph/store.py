"""The corpus store: documents, mentions, relations and the curation log in one SQLite file.

This is the only module that touches SQLite. The file is in WAL mode, every write is one
transaction, and documents are keyed by content hash, so:

- an unchanged article is never parsed twice (ingest skips ids already stored);
- an edited article replaces its old version (same origin path, new hash);
- an interrupted ingest leaves the store as it was after the last committed batch, and a
  rerun carries on from there;
- several processes may ingest into one store at once (writers queue on SQLite's lock).

The schema is versioned (`meta.schema_version`); opening an older store upgrades it in place.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path

import networkx as nx

from graph.read import IngestError
from graph.models import Document, Entity, Evidence, Extraction, Mention, Relation, many_records

SCHEMA_VERSION = 3
DEFAULT_BATCH_SIZE = 64
BUSY_TIMEOUT_S = 120  # how long a writer waits for another process's transaction
_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"
OPEN_ATTEMPTS = 5  # tries when SQLite answers "locked" at once (two programs creating one store)

_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY, path TEXT NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL,
        outlet TEXT, date TEXT, url TEXT, text TEXT NOT NULL, ingested_at TEXT NOT NULL)""",
    "CREATE INDEX documents_path ON documents (path)",
    # Entities are kept per document: each Extraction reads back exactly as it was made.
    """CREATE TABLE entities (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        id TEXT NOT NULL, label TEXT NOT NULL, type TEXT NOT NULL, part_of TEXT)""",
    "CREATE INDEX entities_doc ON entities (doc_id)",
    """CREATE TABLE mentions (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
        text TEXT NOT NULL, resolved_by TEXT NOT NULL)""",
    "CREATE INDEX mentions_doc ON mentions (doc_id)",
    """CREATE TABLE relations (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL,
        sentence TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
        subject_start INTEGER NOT NULL, subject_end INTEGER NOT NULL,
        object_start INTEGER NOT NULL, object_end INTEGER NOT NULL,
        trigger_start INTEGER, trigger_end INTEGER, trigger TEXT NOT NULL,
        negated INTEGER NOT NULL, modality TEXT NOT NULL, confidence REAL NOT NULL,
        rule TEXT NOT NULL, speaker TEXT, item TEXT)""",
    "CREATE INDEX relations_doc ON relations (doc_id)",
    "CREATE TABLE curation (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL)",
)

# Statements that take a store from version N to N + 1. Version 1 had no origin path or
# ingest time on documents, no speaker on relations and no curation log; version 2 no item.
_MIGRATIONS = {
    1: (
        "ALTER TABLE documents ADD COLUMN path TEXT NOT NULL DEFAULT ''",
        "UPDATE documents SET path = source",
        "ALTER TABLE documents ADD COLUMN ingested_at TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX documents_path ON documents (path)",
        "ALTER TABLE relations ADD COLUMN speaker TEXT",
        "CREATE TABLE curation (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL)",
    ),
    2: ("ALTER TABLE relations ADD COLUMN item TEXT",),
}

_DOC_COLUMNS = "id, title, text, source, outlet, date, url"
_EVIDENCE_COLUMNS = ("sentence, start_char, end_char, subject_start, subject_end, object_start, object_end, "
                     "trigger_start, trigger_end, trigger, negated, modality, confidence, rule, speaker, item")
_RELATION_COLUMNS = f"subject, relation, object, {_EVIDENCE_COLUMNS}"


class StoreError(Exception):
    """A store that cannot be opened or used; the message names the file and the reason."""


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
        path: The SQLite file.
        create: Create the file when it does not exist (else raise StoreError).
        read_only: Open for reading only (SQLite ``mode=ro``; ``immutable=1`` on a read-only path).

    Raises:
        StoreError: The file is not a newsgraph store, was written by a newer newsgraph,
            or cannot be opened.
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True, read_only: bool = False):
        self.path, self.read_only = Path(path), read_only
        if (read_only or not create) and not self.path.is_file():
            raise StoreError(f"{self.path}: no such store")
        self._conn = None
        for attempt in range(OPEN_ATTEMPTS):
            try:
                self._open()
                return
            except sqlite3.OperationalError as exc:
                self.close()
                # Two programs creating one store race to switch it to WAL and write its schema;
                # SQLite answers the loser "locked" at once rather than waiting, so try again.
                if attempt + 1 < OPEN_ATTEMPTS and _is_busy(exc):
                    time.sleep(0.2 * (attempt + 1))
                    continue
                raise StoreError(f"{self.path}: {_describe(exc)}") from None
            except sqlite3.Error as exc:
                self.close()
                raise StoreError(f"{self.path}: {_describe(exc)}") from None
            except StoreError:
                self.close()
                raise

    def _open(self) -> None:
        if self.read_only:  # immutable where nothing can be written (WAL's lock files included)
            ro = "mode=ro" if os.access(self.path.parent, os.W_OK) and os.access(self.path, os.W_OK) else "immutable=1"
            self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?{ro}", uri=True, isolation_level=None)
            if self._readable(self._version()) != SCHEMA_VERSION:
                raise StoreError(f"{self.path}: schema v{self._version() or 0} must be upgraded; open it writable once")
            return
        self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a crash never corrupts
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._upgrade()

    # ---- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it."""
        conn = self._connection()
        try:
            for attempt in range(OPEN_ATTEMPTS):  # an immediate "locked" (not a timeout): try again
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if attempt + 1 == OPEN_ATTEMPTS or not _is_busy(exc):
                        raise
                    time.sleep(0.2 * (attempt + 1))
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as exc:  # locked too long, disk full, file gone: say so plainly
            raise StoreError(f"{self.path}: {_describe(exc)}") from None

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every SELECT in it sees the same snapshot, even while another
        process commits (WAL readers never wait for writers)."""
        conn = self._connection()
        with reported(self.path):  # a damaged file shows up on the first read of the bad page
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: store is closed")
        return self._conn

    def _version(self) -> int | None:
        conn = self._connection()
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone():
            return None
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or not str(row[0]).isdigit():
            raise StoreError(f"{self.path}: not a newsgraph store (no schema version)")
        return int(row[0])

    def _upgrade(self) -> None:
        """Create the schema in an empty file, or migrate an older one, in one transaction."""
        if self._version() == SCHEMA_VERSION:
            return
        with self._transaction() as conn:  # re-read under the lock: another process may have won
            version = self._readable(self._version())
            if version is None:
                for statement in _SCHEMA:
                    conn.execute(statement)
                conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                return
            for v in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[v]:
                    conn.execute(statement)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def _readable(self, version: int | None) -> int | None:
        """`version`, when this program can read a store of it (None: an empty file); else StoreError."""
        if version is None and (tables := sorted(r for r, in self._connection().execute(_TABLES))):
            raise StoreError(f"{self.path}: not a newsgraph store (it holds other tables: {', '.join(tables[:5])})")
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: created by a newer newsgraph (schema v{version}, "
                             f"this program reads up to v{SCHEMA_VERSION})")
        return version

    @property
    def schema_version(self) -> int:
        """The schema version of the open store (always SCHEMA_VERSION once opened)."""
        return self._version() or 0

    # ---- reading ---------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Row counts: documents, entities, mentions, relations, curation."""
        with self._reading() as conn:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("documents", "entities", "mentions", "relations", "curation")}

    def document_ids(self) -> set[str]:
        """The content hashes of every stored document."""
        with self._reading() as conn:
            return {r[0] for r in conn.execute("SELECT id FROM documents")}

    def extractions(self) -> list[Extraction]:
        """Every stored document with its entities, mentions and relations, in ingest order."""
        with many_records(), self._reading() as conn:
            return _read_extractions(conn)

    def documents(self) -> list[tuple[Document, str]]:
        """Every stored document with the path it was read from, in ingest order."""
        with self._reading() as conn:
            return [(Document(*row), path) for *row, path in
                    conn.execute(f"SELECT {_DOC_COLUMNS}, path FROM documents ORDER BY rowid")]

    def extraction(self, doc_id: str) -> Extraction | None:
        """One stored document with its entities, mentions and relations; None if it is not stored."""
        with self._reading() as conn:
            found = _read_extractions(conn, doc_id)
        return found[0] if found else None

    def graph(self, *, table=None) -> nx.MultiDiGraph:
        """The knowledge graph of the whole corpus, as `build_graph` makes it from `extractions()`.

        Read straight from the tables in one snapshot, without the typed records: on a large
        corpus this is several times faster and lighter than building the graph from them.
        """
        from graph.build import assemble  # deferred: it loads the actor table

        with many_records(), self._reading() as conn:
            documents = {i: {"title": t, "source": s, "outlet": o, "date": d, "url": u, "ingested": at or None}
                         for i, t, s, o, d, u, at in conn.execute(
                             "SELECT id, title, source, outlet, date, url, ingested_at FROM documents ORDER BY rowid")}
            # the first record of each entity in ingest order (SQLite takes bare columns from the min() row)
            entities = [Entity(*row) for *row, _ in conn.execute(
                "SELECT id, label, type, part_of, min(rowid) FROM entities GROUP BY id")]
            mentions = conn.execute("SELECT entity_id, doc_id, text, resolved_by FROM mentions")
            one = {}.setdefault
            relations = ((s, o, rel, _evidence(one, doc_id, source, row)) for s, o, rel, doc_id, source, *row in
                         conn.execute(f"SELECT r.subject, r.object, r.relation, r.doc_id, d.source, {_EVIDENCE_COLUMNS} "
                                      "FROM relations r JOIN documents d ON d.id = r.doc_id ORDER BY r.rowid"))
            return assemble(documents, entities, mentions, relations, table=table)

    # ---- writing ---------------------------------------------------------------------
    def add(self, extractions: Iterable[Extraction], *, origins: Mapping[str, str] | None = None) -> IngestReport:
        """Store extractions in one transaction.

        A document whose id is stored already is skipped; one from an origin that holds an
        older version replaces it (the old document, mentions and relations are deleted).

        Args:
            extractions: The extractions to store.
            origins: Where each document came from, by document id (e.g. its resolved file
                path); `document.source` when missing.
        """
        added = replaced = unchanged = 0
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction() as conn:
            for x in extractions:
                d = x.document
                if conn.execute("SELECT 1 FROM documents WHERE id = ?", (d.id,)).fetchone():
                    unchanged += 1
                    continue
                path = (origins or {}).get(d.id, d.source)
                stale = conn.execute("DELETE FROM documents WHERE path = ?", (path,)).rowcount
                replaced, added = replaced + bool(stale), added + (not stale)
                conn.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (d.id, path, d.source, d.title, d.outlet, d.date, d.url, d.text, now))
                conn.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?)",
                                 [(d.id, e.id, e.label, e.type, e.part_of) for e in x.entities])
                conn.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                                 [(d.id, m.entity_id, m.start, m.end, m.text, m.resolved_by) for m in x.mentions])
                conn.executemany(f"INSERT INTO relations (doc_id, {_RELATION_COLUMNS}) VALUES ({', '.join('?' * 20)})",
                                 [_relation_row(d.id, r) for r in x.relations])
        return IngestReport(added=added, replaced=replaced, unchanged=unchanged)

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

        docs = list({d.id: d for d in documents}.values())
        known = self.document_ids()
        todo = [d for d in docs if d.id not in known]
        report = IngestReport(unchanged=len(docs) - len(todo))
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
                advance(len(batch))
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
            text = json.dumps(dict(action), ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"a curation action must be JSON-serialisable: {exc}") from None
        now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        with self._transaction() as conn:
            return conn.execute("INSERT INTO curation (at, action) VALUES (?, ?)", (now, text)).lastrowid

    def curation_log(self) -> list[dict]:
        """Every curation action, oldest first, as it was appended."""
        with self._reading() as conn:
            return [json.loads(r[0]) for r in conn.execute("SELECT action FROM curation ORDER BY seq")]

    # ---- maintenance -----------------------------------------------------------------
    def check(self) -> list[str]:
        """Problems found by SQLite's integrity and foreign-key checks (empty when sound)."""
        with self._reading() as conn:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [f"{table} row {rowid} points at missing {parent}"
                         for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")]
        return problems


def _read_extractions(conn: sqlite3.Connection, doc_id: str | None = None) -> list[Extraction]:
    """Rebuild the typed records of every stored document (or of one), in ingest order."""
    # SQLite hands back a new string per cell; sharing equal ones (ids, types, the sentence
    # of every relation read from it) roughly halves the memory of a large corpus.
    one = {}.setdefault
    where, args = ("WHERE {} = ?", (doc_id,)) if doc_id is not None else ("", ())

    def rows(columns: str, table: str, key: str = "doc_id"):
        return conn.execute(f"SELECT {columns} FROM {table} {where.format(key)} ORDER BY rowid", args)

    docs = {r[0]: Document(*r) for r in rows(_DOC_COLUMNS, "documents", "id")}
    entities, mentions, relations = defaultdict(list), defaultdict(list), defaultdict(list)
    for doc_id, eid, label, etype, part_of in rows("doc_id, id, label, type, part_of", "entities"):
        entity = Entity(eid, label, etype, part_of)
        entities[doc_id].append(one(entity, entity))
    for doc_id, eid, start, end, text, how in rows("doc_id, entity_id, start_char, end_char, text, resolved_by",
                                                    "mentions"):
        mentions[doc_id].append(Mention(one(eid, eid), one(doc_id, doc_id), start, end, one(text, text),
                                        one(how, how)))
    for s, o, rel, doc_id, *row in rows(f"subject, object, relation, doc_id, {_EVIDENCE_COLUMNS}", "relations"):
        ev = Evidence(**_evidence(one, doc_id, docs[doc_id].source, row))
        relations[ev.doc_id].append(Relation(one(s, s), one(rel, rel), one(o, o), ev))
    return [Extraction(doc, tuple(entities[i]), tuple(mentions[i]), tuple(relations[i]))
            for i, doc in docs.items()]


def _relation_row(doc_id: str, r: Relation) -> tuple:
    ev = r.evidence
    trigger = ev.trigger_span or (None, None)
    return (doc_id, r.subject, r.relation, r.object, ev.sentence, ev.start, ev.end, *ev.subject_span,
            *ev.object_span, *trigger, ev.trigger, int(ev.negated), ev.modality, ev.confidence, ev.rule, ev.speaker,
            ev.item)


def _evidence(one: Callable, doc_id: str, source: str, row) -> dict:
    """A relation row's evidence as `graph.build.evidence_dict` makes it; equal strings shared through `one`."""
    sentence, start, end, s0, s1, o0, o1, t0, t1, trigger, negated, modality, confidence, rule, speaker, item = row
    return {"doc_id": one(doc_id, doc_id), "source": one(source, source), "sentence": one(sentence, sentence),
            "start": start, "end": end, "subject_span": (s0, s1), "object_span": (o0, o1),
            "trigger_span": (t0, t1) if t0 is not None else None, "trigger": one(trigger, trigger),
            "negated": bool(negated), "modality": one(modality, modality), "confidence": confidence,
            "rule": one(rule, rule), "speaker": speaker if speaker is None else one(speaker, speaker),
            "item": item if item is None else one(item, item)}


def _is_busy(exc: sqlite3.Error) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


@contextmanager
def reported(path: str | os.PathLike[str]) -> Iterator[None]:
    """Raise an SQLite failure met inside the block as a StoreError naming the store file.

    For readers of a store (the explorer's source, say), so that only this module knows SQLite.
    """
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: {_describe(exc)}") from None


def _describe(exc: sqlite3.Error) -> str:
    """Plain words for an sqlite error met while opening a store."""
    msg = str(exc)
    if "file is not a database" in msg or "malformed" in msg:
        return f"not a newsgraph store ({msg})"
    if "unable to open" in msg or "readonly" in msg or "disk I/O" in msg:
        return f"cannot open the store ({msg})"
    if "locked" in msg or "busy" in msg:
        return f"store is busy: another program has held it for over {BUSY_TIMEOUT_S} s ({msg})"
    return f"not a usable newsgraph store ({msg})"
