"""What the explorer draws, counted per edge and month and per actor: kept by every write, read at start-up.

An edge is one extracted (subject, relation, object). For each edge and month of its articles
the store keeps (table ``edge_months``, `graph.schema`) the evidence sentences, those that hold
(asserted or reported, not negated: `graph.ontology.states_fact`), the distinct articles, those with a sentence that
holds, and the first and last article date. An article has one date, so it lies in one month
and the articles of a span of months add up exactly; a date filter of whole months is answered
from these rows alone.

The rows change with the documents: an added article adds its counts (:func:`upsert`); a
replaced one has its edges' rows counted again from the relations left (:class:`Stale`).
:func:`rebuild` counts every row again (an upgraded store), :func:`differences` checks them.

Per actor (table ``actor_counts``) the store keeps its mentions by how they were resolved, the
names it goes by, and its articles, kept the same way (:func:`actor_rows`, :func:`recount_actors`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import bindparam, text

from graph.names import PRONOUNS
from graph.ontology import SPECULATIVE, states_fact

COLUMNS = ("subject", "relation", "object", "month", "sentences", "held", "articles", "held_articles",
           "first_date", "last_date", "negated", "speculative")


def sql_words(words: Iterable[str]) -> str:
    """Constant words of the program as an SQL list, ``('a', 'b')`` (never for values a user gave)."""
    return "(" + ", ".join(f"'{w}'" for w in sorted(words)) + ")"


_HOLDS_SQL = f"CASE WHEN r.negated = 0 AND r.modality NOT IN {sql_words(SPECULATIVE)} THEN 1 ELSE 0 END"
_SPECULATIVE_SQL = f"CASE WHEN r.modality IN {sql_words(SPECULATIVE)} THEN 1 ELSE 0 END"
MONTH_SQL = "substr(coalesce(d.date, ''), 1, 7)"
_COUNT_SQL = (f"SELECT r.subject, r.relation, r.object, {MONTH_SQL} AS month, count(*), sum({_HOLDS_SQL}), "
              f"count(DISTINCT r.doc_id), count(DISTINCT CASE WHEN {_HOLDS_SQL} = 1 THEN r.doc_id END), "
              f"min(d.date), max(d.date), sum(r.negated), sum({_SPECULATIVE_SQL}) "
              f"FROM relations r JOIN documents d ON d.id = r.doc_id")
_GROUP_SQL = f" GROUP BY r.subject, r.relation, r.object, {MONTH_SQL}"
_UPSERT = text(
    f"INSERT INTO edge_months ({', '.join(COLUMNS)}) VALUES ({', '.join(':' + c for c in COLUMNS)}) "
    "ON CONFLICT (subject, relation, object, month) DO UPDATE SET "
    "sentences = edge_months.sentences + excluded.sentences, held = edge_months.held + excluded.held, "
    "articles = edge_months.articles + excluded.articles, "
    "held_articles = edge_months.held_articles + excluded.held_articles, "
    "first_date = CASE WHEN edge_months.first_date IS NULL OR excluded.first_date < edge_months.first_date "
    "THEN excluded.first_date ELSE edge_months.first_date END, "
    "last_date = CASE WHEN edge_months.last_date IS NULL OR excluded.last_date > edge_months.last_date "
    "THEN excluded.last_date ELSE edge_months.last_date END, "
    "negated = edge_months.negated + excluded.negated, speculative = edge_months.speculative + excluded.speculative")
_KEY_WHERE = "subject = :subject AND relation = :relation AND object = :object AND month = :month"

Key = tuple[str, str, str, str]  # subject, relation, object, month
_NOT_PRONOUN = f"lower(text) NOT IN {sql_words(PRONOUNS)}"
_ACTOR_SQL = (  # kind, term, n per actor, from the mentions table
    "SELECT entity_id, 'how', resolved_by, count(*) FROM mentions {where} GROUP BY entity_id, resolved_by",
    f"SELECT entity_id, 'alias', text, count(*) FROM mentions {{where}} {{also}} {_NOT_PRONOUN} "
    "GROUP BY entity_id, text",
    "SELECT entity_id, 'articles', '', count(DISTINCT doc_id) FROM mentions {where} GROUP BY entity_id")
_ACTOR_UPSERT = text("INSERT INTO actor_counts (entity_id, kind, term, n) VALUES (:entity_id, :kind, :term, :n) "
                     "ON CONFLICT (entity_id, kind, term) DO UPDATE SET n = actor_counts.n + excluded.n")


def month_of(date: str | None) -> str:
    """The month an article of this date counts in: ``YYYY-MM`` (shorter dates as they are), '' undated."""
    return (date or "")[:7]


def month_totals(evidence: Iterable[Mapping[str, Any]], dates: Mapping[str, str | None]) -> dict[str, tuple]:
    """One edge's evidence counted by month: ``month -> (sentences, held, articles, held_articles,
    first_date, last_date, negated, speculative)``, as the store keeps it."""
    return {month: tuple(row) for month, row in _counted(
        (dates.get(ev.get("doc_id")), ev.get("doc_id"), ev.get("negated"), ev.get("modality")) for ev in evidence
    ).items()}


def _counted(sentences: Iterable[tuple[str | None, Any, Any, str | None]]) -> dict[str, list]:
    """``(date, article, negated, modality)`` of each sentence of one edge, counted by month."""
    rows: dict[str, list] = {}
    docs, held_docs = defaultdict(set), defaultdict(set)
    for date, doc, negated, modality in sentences:
        month = month_of(date)
        row = rows.setdefault(month, [0, 0, 0, 0, None, None, 0, 0])
        row[0] += 1
        docs[month].add(doc)
        if states_fact(negated, modality):
            row[1] += 1
            held_docs[month].add(doc)
        row[6] += bool(negated)
        row[7] += (modality or "asserted") in SPECULATIVE
        if date and (row[4] is None or date < row[4]):
            row[4] = date
        if date and (row[5] is None or date > row[5]):
            row[5] = date
    for month, row in rows.items():
        row[2], row[3] = len(docs[month]), len(held_docs[month])
    return rows


def batch_rows(documents: Iterable[tuple[str | None, Iterable[tuple[str, str, str, bool, str]]]]) -> list[dict]:
    """The rows a batch of new articles adds: for each ``(date, [(subject, relation, object,
    negated, modality), …])`` its counts per edge, summed over the batch, in key order (so two
    writers lock rows in the same order)."""
    sentences: dict[tuple[str, str, str], list] = defaultdict(list)
    for n, (date, relations) in enumerate(documents):
        for subject, relation, obj, negated, modality in relations:
            sentences[(subject, relation, obj)].append((date, n, negated, modality))
    return [dict(zip(COLUMNS, (*edge, month, *row))) for edge in sorted(sentences)
            for month, row in sorted(_counted(sentences[edge]).items())]


def upsert(conn, rows: list[dict]) -> None:
    """Add a batch's counts to the stored rows (in the open transaction)."""
    if rows:
        conn.execute(_UPSERT, rows)


class Stale:
    """What the stored articles a batch replaces were counted in: noted before they are deleted,
    counted again from what is left once the batch is written."""

    def __init__(self):
        self.keys: set[Key] = set()
        self.actors: set[str] = set()

    def note(self, conn, path: str) -> None:
        """Note the rows and actors of the stored articles read from `path` (usually there are none)."""
        args = {"ids": list(conn.execute(text("SELECT id FROM documents WHERE path = :path"), {"path": path}).scalars())}
        if not args["ids"]:
            return
        self.keys |= {tuple(r) for r in conn.execute(text(
            f"SELECT DISTINCT r.subject, r.relation, r.object, {MONTH_SQL} FROM relations r "
            "JOIN documents d ON d.id = r.doc_id WHERE d.id IN :ids").bindparams(bindparam("ids", expanding=True)),
            args)}
        self.actors |= set(conn.execute(text("SELECT DISTINCT entity_id FROM mentions WHERE doc_id IN :ids")
                                        .bindparams(bindparam("ids", expanding=True)), args).scalars())

    def recount(self, conn) -> None:
        """Count the noted rows and actors again from the stored relations and mentions."""
        recount_keys(conn, self.keys)
        recount_actors(conn, self.actors)


def recount_keys(conn, keys: Iterable[Key]) -> None:
    """Count these rows again from the stored relations (after articles were replaced)."""
    for subject, relation, obj, month in sorted(keys):
        args = {"subject": subject, "relation": relation, "object": obj, "month": month}
        conn.execute(text(f"DELETE FROM edge_months WHERE {_KEY_WHERE}"), args)
        conn.execute(text(f"INSERT INTO edge_months ({', '.join(COLUMNS)}) {_COUNT_SQL} "
                          f"WHERE r.subject = :subject AND r.relation = :relation AND r.object = :object "
                          f"AND {MONTH_SQL} = :month {_GROUP_SQL}"), args)


def rebuild(conn) -> None:
    """Count every row again from the stored relations and mentions."""
    conn.execute(text("DELETE FROM edge_months"))
    conn.execute(text(f"INSERT INTO edge_months ({', '.join(COLUMNS)}) {_COUNT_SQL} {_GROUP_SQL}"))
    conn.execute(text("DELETE FROM actor_counts"))
    for query in _ACTOR_SQL:
        conn.execute(text("INSERT INTO actor_counts (entity_id, kind, term, n) "
                          + query.format(where="", also="WHERE")))


def actor_rows(documents: Iterable[Iterable[tuple[str, str, str]]]) -> list[dict]:
    """The actor counts a batch of new articles adds: for each article its mentions as
    ``(entity_id, text, resolved_by)``; in key order."""
    totals: dict[tuple[str, str, str], int] = defaultdict(int)
    for mentions in documents:
        named = set()
        for eid, surface, how in mentions:
            totals[(eid, "how", how)] += 1
            if surface.lower() not in PRONOUNS:
                totals[(eid, "alias", surface)] += 1
            named.add(eid)
        for eid in named:
            totals[(eid, "articles", "")] += 1
    return [{"entity_id": e, "kind": k, "term": t, "n": totals[(e, k, t)]} for e, k, t in sorted(totals)]


def upsert_actors(conn, rows: list[dict]) -> None:
    """Add a batch's actor counts to the stored ones (in the open transaction)."""
    if rows:
        conn.execute(_ACTOR_UPSERT, rows)


def recount_actors(conn, ids: Iterable[str]) -> None:
    """Count these actors again from the stored mentions (after articles were replaced)."""
    ids = sorted(ids)
    if not ids:
        return
    where = "WHERE entity_id IN :ids"
    conn.execute(text("DELETE FROM actor_counts " + where).bindparams(bindparam("ids", expanding=True)),
                 {"ids": ids})
    for query in _ACTOR_SQL:
        conn.execute(text("INSERT INTO actor_counts (entity_id, kind, term, n) "
                          + query.format(where=where, also="AND")).bindparams(bindparam("ids", expanding=True)),
                     {"ids": ids})


def read_actors(conn) -> dict[str, tuple[int, dict[str, int], list[str], int]]:
    """Per actor: mentions, mentions by how they were resolved, names (sorted), articles."""
    how, names, articles = defaultdict(dict), defaultdict(list), {}
    for eid, kind, term, n in conn.execute(text("SELECT entity_id, kind, term, n FROM actor_counts "
                                                "ORDER BY entity_id, kind, term")):
        if kind == "how":
            how[eid][term] = n
        elif kind == "alias":
            names[eid].append(term)
        else:
            articles[eid] = n
    return {eid: (sum(how[eid].values()), how[eid], sorted(names[eid]), n) for eid, n in articles.items()}


def actor_articles(conn, ids: Iterable[str]) -> list[str]:
    """The articles that name any of these actors (sorted ids)."""
    return sorted(conn.execute(text("SELECT DISTINCT doc_id FROM mentions WHERE entity_id IN :ids").bindparams(
        bindparam("ids", expanding=True)), {"ids": sorted(ids)}).scalars())


WALK_FROM = 2000  # an actor in this many articles has its oldest found by walking the articles by age


def oldest_articles(conn, ids: Iterable[str], n: int | None, *, count: int = 0) -> list[str]:
    """The `n` oldest articles that name any of these actors (all of them with None): undated last, then by id.

    An actor named in `count` >= WALK_FROM articles (a hub) has them found by walking the
    articles oldest first (the index ``documents_age``) until `n` name it: a few probes, where
    sorting its tens of thousands of articles took most of a panel's time. Others have theirs
    sorted."""
    walk = n is not None and count >= WALK_FROM
    found = ("EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id IN :ids AND m.doc_id = d.id)" if walk
             else "d.id IN (SELECT doc_id FROM mentions WHERE entity_id IN :ids)")
    return list(conn.execute(text(
        f"SELECT d.id FROM documents d WHERE {found} ORDER BY d.date IS NULL, coalesce(d.date, ''), d.id"
        + ("" if n is None else f" LIMIT {int(n)}")).bindparams(bindparam("ids", expanding=True)),
        {"ids": sorted(ids)}).scalars())


def read(conn, relations: Iterable[str] | None = None) -> Iterable[tuple]:
    """The stored rows (of these relation types only, when given), as tuples in `COLUMNS` order."""
    query = text(f"SELECT {', '.join(COLUMNS)} FROM edge_months"
                 + (" WHERE relation IN :relations" if relations is not None else "")
                 + " ORDER BY subject, relation, object, month")
    if relations is not None:
        return conn.execute(query.bindparams(bindparam("relations", expanding=True)),
                            {"relations": sorted(relations)})
    return conn.execute(query)


READ_CHUNK = 50_000  # rows fetched at a time by the bulk reads


def chunks(conn, sql: str) -> Iterable[list]:
    """A query's rows (plain SQL, no parameters) in lists of READ_CHUNK, each fetched at once:
    from SQLite's own cursor (no per-row work in SQLAlchemy), from a server through a cursor of
    its own (streamed, so they are never all held at once)."""
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.driver_connection.cursor()
        try:
            cursor.execute(sql)
            while chunk := cursor.fetchmany(READ_CHUNK):
                yield chunk
        finally:
            cursor.close()
        return
    result = conn.execution_options(stream_results=True).execute(text(sql))
    while chunk := result.fetchmany(READ_CHUNK):
        yield chunk


def differences(conn) -> list[str]:
    """Rows that differ from a count made afresh from the relations (empty when they agree)."""
    out = []
    for table, stored, fresh in (
            ("edge_months", {tuple(r[:4]): tuple(r[4:]) for r in read(conn)},
             {tuple(r[:4]): tuple(r[4:]) for r in conn.execute(text(_COUNT_SQL + _GROUP_SQL))}),
            ("actor_counts", {tuple(r[:3]): r[3] for r in conn.execute(text("SELECT * FROM actor_counts"))},
             {tuple(r[:3]): r[3] for q in _ACTOR_SQL for r in conn.execute(text(q.format(where="", also="WHERE")))})):
        wrong = sorted(k for k in stored.keys() | fresh.keys() if stored.get(k) != fresh.get(k))
        out += [f"{table} row {' | '.join(k)}: stored {stored.get(k)}, counted {fresh.get(k)}" for k in wrong[:20]]
        out += [f"… and {len(wrong) - 20} more {table} rows differ"] if len(wrong) > 20 else []
    return out
