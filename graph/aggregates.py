"""What the explorer draws, counted per edge and month: kept by every write, read at start-up.

An edge is one extracted (subject, relation, object). For each edge and month of its articles
the store keeps (table ``edge_months``, `graph.schema`) the evidence sentences, those that hold
(`holds`: asserted or reported, not negated), the distinct articles, those with a sentence that
holds, and the first and last article date. An article has one date, so it lies in one month
and the articles of a span of months add up exactly; a date filter of whole months is answered
from these rows alone.

The rows change with the documents: an added article adds its counts (:func:`upsert`); a
replaced one has its edges' rows counted again from the relations left (:func:`recount_keys`).
:func:`rebuild` counts every row again (an upgraded store), :func:`differences` checks them.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import bindparam, text

from graph.ontology import SPECULATIVE

COLUMNS = ("subject", "relation", "object", "month", "sentences", "held", "articles", "held_articles",
           "first_date", "last_date")
_HOLDS_SQL = "CASE WHEN r.negated = 0 AND r.modality NOT IN ({}) THEN 1 ELSE 0 END".format(
    ", ".join(f"'{m}'" for m in sorted(SPECULATIVE)))
_MONTH_SQL = "substr(coalesce(d.date, ''), 1, 7)"
_COUNT_SQL = (f"SELECT r.subject, r.relation, r.object, {_MONTH_SQL} AS month, count(*), sum({_HOLDS_SQL}), "
              f"count(DISTINCT r.doc_id), count(DISTINCT CASE WHEN {_HOLDS_SQL} = 1 THEN r.doc_id END), "
              f"min(d.date), max(d.date) FROM relations r JOIN documents d ON d.id = r.doc_id")
_GROUP_SQL = f" GROUP BY r.subject, r.relation, r.object, {_MONTH_SQL}"
_UPSERT = text(
    f"INSERT INTO edge_months ({', '.join(COLUMNS)}) VALUES ({', '.join(':' + c for c in COLUMNS)}) "
    "ON CONFLICT (subject, relation, object, month) DO UPDATE SET "
    "sentences = edge_months.sentences + excluded.sentences, held = edge_months.held + excluded.held, "
    "articles = edge_months.articles + excluded.articles, "
    "held_articles = edge_months.held_articles + excluded.held_articles, "
    "first_date = CASE WHEN edge_months.first_date IS NULL OR excluded.first_date < edge_months.first_date "
    "THEN excluded.first_date ELSE edge_months.first_date END, "
    "last_date = CASE WHEN edge_months.last_date IS NULL OR excluded.last_date > edge_months.last_date "
    "THEN excluded.last_date ELSE edge_months.last_date END")
_KEY_WHERE = "subject = :subject AND relation = :relation AND object = :object AND month = :month"

Key = tuple[str, str, str, str]  # subject, relation, object, month


def month_of(date: str | None) -> str:
    """The month an article of this date counts in: ``YYYY-MM`` (shorter dates as they are), '' undated."""
    return (date or "")[:7]


def holds(negated: Any, modality: str | None) -> bool:
    """Whether a sentence counts for its relation: not negated, and neither future nor hypothetical."""
    return not negated and (modality or "asserted") not in SPECULATIVE


def month_totals(evidence: Iterable[Mapping[str, Any]], dates: Mapping[str, str | None]) -> dict[str, tuple]:
    """One edge's evidence counted by month: ``month -> (sentences, held, articles, held_articles,
    first_date, last_date)``, as the store keeps it."""
    sentences, held = defaultdict(int), defaultdict(int)
    docs, held_docs = defaultdict(set), defaultdict(set)
    for ev in evidence:
        doc = ev.get("doc_id")
        month = month_of(dates.get(doc))
        sentences[month] += 1
        docs[month].add(doc)
        if holds(ev.get("negated"), ev.get("modality")):
            held[month] += 1
            held_docs[month].add(doc)
    out = {}
    for month, n in sentences.items():
        known = sorted(d for d in (dates.get(doc) for doc in docs[month]) if d)
        out[month] = (n, held[month], len(docs[month]), len(held_docs[month]),
                      known[0] if known else None, known[-1] if known else None)
    return out


def batch_rows(documents: Iterable[tuple[str | None, Iterable[tuple[str, str, str, bool, str]]]]) -> list[dict]:
    """The rows a batch of new articles adds: for each ``(date, [(subject, relation, object,
    negated, modality), …])`` its counts per edge, summed over the batch, in key order (so two
    writers lock rows in the same order)."""
    totals: dict[Key, list] = {}
    for date, relations in documents:
        month = month_of(date)
        per_edge: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
        for subject, relation, obj, negated, modality in relations:
            counts = per_edge[(subject, relation, obj, month)]
            counts[0] += 1
            counts[1] += holds(negated, modality)
        for key, (n, held) in per_edge.items():
            row = totals.setdefault(key, [0, 0, 0, 0, date, date])
            row[0] += n
            row[1] += held
            row[2] += 1
            row[3] += held > 0
            if date and (row[4] is None or date < row[4]):
                row[4] = date
            if date and (row[5] is None or date > row[5]):
                row[5] = date
    return [dict(zip(COLUMNS, (*key, *totals[key]))) for key in sorted(totals)]


def upsert(conn, rows: list[dict]) -> None:
    """Add a batch's counts to the stored rows (in the open transaction)."""
    if rows:
        conn.execute(_UPSERT, rows)


def stale_keys(conn, path: str) -> set[Key]:
    """The rows the stored articles read from `path` count in (before they are replaced)."""
    return {tuple(r) for r in conn.execute(text(
        f"SELECT DISTINCT r.subject, r.relation, r.object, {_MONTH_SQL} FROM relations r "
        "JOIN documents d ON d.id = r.doc_id WHERE d.path = :path"), {"path": path})}


def recount_keys(conn, keys: Iterable[Key]) -> None:
    """Count these rows again from the stored relations (after articles were replaced)."""
    for subject, relation, obj, month in sorted(keys):
        args = {"subject": subject, "relation": relation, "object": obj, "month": month}
        conn.execute(text(f"DELETE FROM edge_months WHERE {_KEY_WHERE}"), args)
        conn.execute(text(f"INSERT INTO edge_months ({', '.join(COLUMNS)}) {_COUNT_SQL} "
                          f"WHERE r.subject = :subject AND r.relation = :relation AND r.object = :object "
                          f"AND {_MONTH_SQL} = :month {_GROUP_SQL}"), args)


def rebuild(conn) -> None:
    """Count every row again from the stored relations."""
    conn.execute(text("DELETE FROM edge_months"))
    conn.execute(text(f"INSERT INTO edge_months ({', '.join(COLUMNS)}) {_COUNT_SQL} {_GROUP_SQL}"))


def read(conn, relations: Iterable[str] | None = None) -> Iterable[tuple]:
    """The stored rows (of these relation types only, when given), as tuples in `COLUMNS` order."""
    query = text(f"SELECT {', '.join(COLUMNS)} FROM edge_months"
                 + (" WHERE relation IN :relations" if relations is not None else "")
                 + " ORDER BY subject, relation, object, month")
    if relations is not None:
        return conn.execute(query.bindparams(bindparam("relations", expanding=True)),
                            {"relations": sorted(relations)})
    return conn.execute(query)


def differences(conn) -> list[str]:
    """Rows that differ from a count made afresh from the relations (empty when they agree)."""
    stored = {tuple(r[:4]): tuple(r[4:]) for r in read(conn)}
    fresh = {tuple(r[:4]): tuple(r[4:]) for r in conn.execute(text(_COUNT_SQL + _GROUP_SQL))}
    wrong = sorted(k for k in stored.keys() | fresh.keys() if stored.get(k) != fresh.get(k))
    return [f"edge_months row {' | '.join(k)}: stored {stored.get(k)}, counted {fresh.get(k)}" for k in wrong[:20]] + (
        [f"… and {len(wrong) - 20} more edge_months rows differ"] if len(wrong) > 20 else [])


def edge_sentences(conn, relation: str, pairs: Iterable[tuple[str, str]], columns: str, order: str) -> list[tuple]:
    """Every stored sentence of an edge (its relation between any of the `pairs` of subject and
    object), as ``(doc_id, source, *columns)``, by article and reading order."""
    out: list[tuple] = []
    for subject, obj in pairs:
        out += conn.execute(text(
            f"SELECT r.doc_id, d.source, {columns} FROM relations r JOIN documents d ON d.id = r.doc_id "
            f"WHERE r.subject = :subject AND r.relation = :relation AND r.object = :object "
            f"ORDER BY r.doc_id, r.start_char, r.confidence DESC, r.{order}"),
            {"subject": subject, "relation": relation, "object": obj}).all()
    return out
