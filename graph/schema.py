"""The store's tables, written once for both databases, and how older stores are upgraded.

SQLite and PostgreSQL get the same tables and columns. The one difference is how ingest order is
kept: SQLite numbers every row itself (``rowid``); on PostgreSQL each table has an identity
column ``seq`` that does the same. :class:`Dialect` says which to read (``order``) and fills
the few type names that differ. A new table (an aggregate, say) is one more entry in
``TABLES``; a change to an existing one is a new schema version with its migration.
"""
from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 6

# The aggregates the explorer starts from, kept by every write (`graph.aggregates`): per extracted
# edge (subject, relation, object) and month of its articles (``YYYY-MM``, the date as far as it
# goes when shorter, '' when undated) the evidence sentences, those that hold (asserted or reported,
# not negated), the distinct articles, those with a sentence that holds, the first and last
# article date, and the sentences negated and those future or hypothetical. Each article has one month, so the articles of a span of months add up exactly.
# The index on the edge finds one edge's sentences without reading the others; it also holds
# every column that orders them and that a list of them without their words needs (article,
# place, confidence, flags, and the ingest order), so an edge's oldest sentences are ranked and
# an actor's sentences listed from the index alone (`graph.sentences`).
EDGE_INDEX = ("CREATE INDEX relations_edge_order ON relations "
              "(subject, relation, object, doc_id, start_char, confidence, negated, modality{seq_key})")
EDGE_MONTHS = """CREATE TABLE edge_months (
        subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL, month TEXT NOT NULL,
        sentences INTEGER NOT NULL, held INTEGER NOT NULL, articles INTEGER NOT NULL,
        held_articles INTEGER NOT NULL, first_date TEXT, last_date TEXT, negated INTEGER NOT NULL,
        speculative INTEGER NOT NULL,
        PRIMARY KEY (subject, relation, object, month))"""

# Per actor: how often it is named ('how': by resolution, e.g. alias or coreference), under which
# names ('alias', pronouns left out), in how many articles ('articles'); the index on mentions finds
# one actor's articles from the index alone.
MENTION_INDEX = "CREATE INDEX mentions_entity ON mentions (entity_id, doc_id)"
ACTOR_COUNTS = """CREATE TABLE actor_counts (
        entity_id TEXT NOT NULL, kind TEXT NOT NULL, term TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (entity_id, kind, term))"""

# The corpus generation (meta 'generation') grows by one with every write of documents or curation;
# each write of documents also notes the edges it changed (``edge_changes``), so the explorer's
# edge table kept in ``snapshots`` (`graph.snapshot`) is brought up to date by reading those
# edges only. ``relations.folded`` is a sentence as the evidence search compares it (accents and
# case folded), kept only where that differs from the sentence in plain ASCII (else NULL).
ENTITY_INDEX = "CREATE INDEX entities_id ON entities (id)"  # each actor's first record, from the index alone
EDGE_CHANGES = "CREATE TABLE edge_changes (generation BIGINT NOT NULL, subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL)"
EDGE_CHANGES_INDEX = "CREATE INDEX edge_changes_generation ON edge_changes (generation)"
SNAPSHOTS = "CREATE TABLE snapshots (name TEXT PRIMARY KEY, generation BIGINT NOT NULL, data {blob} NOT NULL)"

# Where the explorer last drew each actor, so a restart (or another server process) opens on the
# same picture without laying the graph out again.
LAYOUT = "CREATE TABLE layout (node TEXT PRIMARY KEY, x {real} NOT NULL, y {real} NOT NULL)"

# The articles oldest first, undated last (a hub's oldest articles, `graph.aggregates.oldest_articles`).
DOCUMENTS_AGE = "CREATE INDEX documents_age ON documents ((date IS NULL), coalesce(date, ''), id)"

# The tables, in creation order. {seq} is PostgreSQL's ingest-order column (SQLite has rowid),
# {real} a double-precision number, {serial} the curation log's own numbering.
TABLES = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE documents ({seq}
        id TEXT PRIMARY KEY, path TEXT NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL,
        outlet TEXT, date TEXT, url TEXT, text TEXT NOT NULL, ingested_at TEXT NOT NULL)""",
    "CREATE INDEX documents_path ON documents (path)",
    DOCUMENTS_AGE,
    # Entities are kept per document: each Extraction reads back exactly as it was made.
    """CREATE TABLE entities ({seq}
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        id TEXT NOT NULL, label TEXT NOT NULL, type TEXT NOT NULL, part_of TEXT)""",
    "CREATE INDEX entities_doc ON entities (doc_id)",
    ENTITY_INDEX,
    """CREATE TABLE mentions ({seq}
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
        text TEXT NOT NULL, resolved_by TEXT NOT NULL)""",
    "CREATE INDEX mentions_doc ON mentions (doc_id)",
    """CREATE TABLE relations ({seq}
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL,
        sentence TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
        subject_start INTEGER NOT NULL, subject_end INTEGER NOT NULL,
        object_start INTEGER NOT NULL, object_end INTEGER NOT NULL,
        trigger_start INTEGER, trigger_end INTEGER, trigger TEXT NOT NULL,
        negated INTEGER NOT NULL, modality TEXT NOT NULL, confidence {real} NOT NULL,
        rule TEXT NOT NULL, speaker TEXT, item TEXT, folded TEXT)""",
    "CREATE INDEX relations_doc ON relations (doc_id)",
    "CREATE TABLE curation (seq {serial}, at TEXT NOT NULL, action TEXT NOT NULL)",
    EDGE_INDEX,
    EDGE_MONTHS,
    MENTION_INDEX,
    ACTOR_COUNTS,
    LAYOUT,
    EDGE_CHANGES,
    EDGE_CHANGES_INDEX,
    SNAPSHOTS,
)
DATA_TABLES = ("documents", "entities", "mentions", "relations", "curation")

# Statements that take an SQLite store from version N to N + 1 (PostgreSQL stores began at 3).
# Version 1 had no origin path or ingest time on documents, no speaker on relations and no
# curation log; version 2 no item; version 3 no aggregates; version 4 no generation, folded
# sentences, index of entity ids, edge changes or snapshots; version 5 an edge index of the edge
# alone and no index of articles by age.
MIGRATIONS = {
    1: (
        "ALTER TABLE documents ADD COLUMN path TEXT NOT NULL DEFAULT ''",
        "UPDATE documents SET path = source",
        "ALTER TABLE documents ADD COLUMN ingested_at TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX documents_path ON documents (path)",
        "ALTER TABLE relations ADD COLUMN speaker TEXT",
        "CREATE TABLE curation (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL)",
    ),
    2: ("ALTER TABLE relations ADD COLUMN item TEXT",),
    3: ("CREATE INDEX relations_edge ON relations (subject, relation, object)", EDGE_MONTHS, MENTION_INDEX,
        ACTOR_COUNTS, LAYOUT),  # filled from the stored relations by `graph.aggregates.rebuild`
    4: ("ALTER TABLE relations ADD COLUMN folded TEXT", ENTITY_INDEX, EDGE_CHANGES, EDGE_CHANGES_INDEX, SNAPSHOTS,
        "INSERT INTO meta VALUES ('generation', '0')"),  # folded filled by `graph.rows.fold_stored`
    5: ("DROP INDEX relations_edge", EDGE_INDEX, DOCUMENTS_AGE),
}

DOC_COLUMNS = "id, title, text, source, outlet, date, url"
EVIDENCE_COLUMNS = ("sentence, start_char, end_char, subject_start, subject_end, object_start, object_end, "
                    "trigger_start, trigger_end, trigger, negated, modality, confidence, rule, speaker, item")
RELATION_COLUMNS = f"subject, relation, object, {EVIDENCE_COLUMNS}, folded"


def insert(table: str, columns: str) -> str:
    """An INSERT of named parameters, one per column (``:subject, :relation, …``)."""
    names = [c.strip() for c in columns.split(",")]
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"


@dataclass(frozen=True)
class Dialect:
    """What differs between the two databases, in one place.

    Attributes:
        server: PostgreSQL (else SQLite).
        order: The column that keeps ingest order (``rowid`` or ``seq``).
    """

    server: bool

    @property
    def order(self) -> str:
        return "seq" if self.server else "rowid"

    def format(self, statement: str) -> str:
        """A statement of `TABLES` or `MIGRATIONS` with this database's type names filled in."""
        return statement.format(
            seq="seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE," if self.server else "",
            seq_key=", seq" if self.server else "",  # SQLite's indexes hold the rowid already
            real="DOUBLE PRECISION" if self.server else "REAL",
            serial="BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" if self.server
            else "INTEGER PRIMARY KEY AUTOINCREMENT", blob="BYTEA" if self.server else "BLOB")

    def tables(self) -> tuple[str, ...]:
        """The CREATE statements for this database."""
        return tuple(self.format(statement) for statement in TABLES)
