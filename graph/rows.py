"""Rows of the store's tables to typed records and back: the one place that knows both shapes."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import text

from graph.models import Document, Entity, Evidence, Extraction, Mention, Relation
from graph.names import stored_search_form
from graph.schema import DOC_COLUMNS, EVIDENCE_COLUMNS, RELATION_COLUMNS, insert

RELATION_KEYS = ("doc_id", *(c.strip() for c in RELATION_COLUMNS.split(",")))
KEYS = {"entities": ("doc_id", "id", "label", "type", "part_of"),
        "mentions": ("doc_id", "entity_id", "start_char", "end_char", "text", "resolved_by"),
        "relations": RELATION_KEYS}
_INSERTS = {table: text(insert(table, ", ".join(keys))) for table, keys in KEYS.items()}


def insert_rows(conn, table: str, rows: list[dict], *, server: bool) -> None:
    """Insert many rows of one table (keys as in `KEYS`) in the open transaction: one executemany
    for SQLite; PostgreSQL's COPY for a server (several times faster than row-by-row inserts)."""
    if not rows:
        return
    if not server:
        conn.execute(_INSERTS[table], rows)
        return
    columns = KEYS[table]
    with conn.connection.driver_connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])


def read_extractions(conn, order: str, doc_id: str | None = None) -> list[Extraction]:
    """Rebuild the typed records of every stored document (or of one), in ingest order."""
    # SQLite hands back a new string per cell; sharing equal ones (ids, types, the sentence
    # of every relation read from it) roughly halves the memory of a large corpus.
    one = {}.setdefault
    where, args = ("WHERE {} = :doc_id", {"doc_id": doc_id}) if doc_id is not None else ("", {})

    def rows(columns: str, table: str, key: str = "doc_id"):
        return conn.execute(text(f"SELECT {columns} FROM {table} {where.format(key)} ORDER BY {order}"), args)

    docs = {r[0]: Document(*r) for r in rows(DOC_COLUMNS, "documents", "id")}
    entities, mentions, relations = defaultdict(list), defaultdict(list), defaultdict(list)
    for doc_id, eid, label, etype, part_of in rows("doc_id, id, label, type, part_of", "entities"):
        entity = Entity(eid, label, etype, part_of)
        entities[doc_id].append(one(entity, entity))
    for doc_id, eid, start, end, surface, how in rows("doc_id, entity_id, start_char, end_char, text, resolved_by",
                                                    "mentions"):
        mentions[doc_id].append(Mention(one(eid, eid), one(doc_id, doc_id), start, end, one(surface, surface),
                                        one(how, how)))
    for s, o, rel, doc_id, *row in rows(f"subject, object, relation, doc_id, {EVIDENCE_COLUMNS}", "relations"):
        ev = Evidence(**evidence(one, doc_id, docs[doc_id].source, row))
        relations[ev.doc_id].append(Relation(one(s, s), one(rel, rel), one(o, o), ev))
    return [Extraction(doc, tuple(entities[i]), tuple(mentions[i]), tuple(relations[i]))
            for i, doc in docs.items()]


def relation_row(doc_id: str, r: Relation) -> dict:
    ev = r.evidence
    trigger = ev.trigger_span or (None, None)
    return dict(zip(RELATION_KEYS, (doc_id, r.subject, r.relation, r.object, ev.sentence, ev.start, ev.end,
                                     *ev.subject_span, *ev.object_span, *trigger, ev.trigger, int(ev.negated),
                                     ev.modality, ev.confidence, ev.rule, ev.speaker, ev.item,
                                     stored_search_form(ev.sentence))))


def fold_stored(conn, order: str) -> None:
    """Fill `relations.folded` for every stored sentence (a store upgraded from schema v4)."""
    rows = [{"row": row, "folded": folded} for row, sentence in conn.execute(text(
        f"SELECT {order}, sentence FROM relations")) if (folded := stored_search_form(sentence)) is not None]
    if rows:
        conn.execute(text(f"UPDATE relations SET folded = :folded WHERE {order} = :row"), rows)


def evidence(one: Callable, doc_id: str, source: str, row) -> dict:
    """A relation row's evidence as `graph.build.evidence_dict` makes it; equal strings shared through `one`."""
    sentence, start, end, s0, s1, o0, o1, t0, t1, trigger, negated, modality, confidence, rule, speaker, item = row
    return {"doc_id": one(doc_id, doc_id), "source": one(source, source), "sentence": one(sentence, sentence),
            "start": start, "end": end, "subject_span": (s0, s1), "object_span": (o0, o1),
            "trigger_span": (t0, t1) if t0 is not None else None, "trigger": one(trigger, trigger),
            "negated": bool(negated), "modality": one(modality, modality), "confidence": confidence,
            "rule": one(rule, rule), "speaker": speaker if speaker is None else one(speaker, speaker),
            "item": item if item is None else one(item, item)}
