"""What the explorer's edge table keeps of each edge's sentences, so that a click reads none of them.

Two things are read from every sentence of an edge, once, when the table is counted
(`graph.snapshot`): how many outlets stand behind it, syndicated copies once (the edge panel's
count, `graph.outlets.outlet_totals`), and which of its sentences are the oldest :data:`FIRST_KEPT`
(an actor's panel lists them under its strongest relations, as `graph.sentences.first` ranks
them). Both are counted for many edges in one pass over the sentences' columns.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np

from graph.aggregates import chunks
from graph.edge_table import EdgeTable
from graph.outlets import OutletTable, outlet_totals, sentence_hashes
from graph.sentences import FIRST_KEPT, keyed


@dataclass
class Columns:
    """Sentences as columns: edge (a table position; the table's length for an edge not in it),
    article (a position in `docs`), place, confidence, row id and words (hashed)."""

    edge: np.ndarray
    doc: np.ndarray
    docs: list
    start: np.ndarray
    confidence: np.ndarray
    row: np.ndarray
    words: np.ndarray


def read_columns(conn, edges: EdgeTable, order: str, *, whole: bool) -> Columns:
    """The sentences of the table's edges: every stored relation's, read in one pass (`whole`:
    the table is every edge), or those of the edges only. `order` is the row id column."""
    columns = f"r.subject, r.relation, r.object, r.doc_id, r.start_char, r.confidence, r.{order}, r.sentence"
    found: Iterable[list] = (chunks(conn, f"SELECT {columns} FROM relations r") if whole
                             else [keyed(conn, edges.keys(), f"SELECT {columns} FROM {{edges}}")] if len(edges) else ())
    names, relations = ({name: i for i, name in enumerate(x)} for x in (edges.names, edges.relations))
    n, r, other = len(edges.names), len(edges.relations), len(edges)
    keys = (edges.src.astype(np.int64) * r + edges.rel) * n + edges.dst  # ascending: the table is in key order
    doc_code: dict[Any, int] = {}
    parts = []
    for chunk in found:
        if not chunk:
            continue
        s, rel, o, doc, start, confidence, row, sentence = zip(*chunk)
        s, rel, o = (np.fromiter(map(code.get, column, repeat(-1)), np.int64, len(chunk))
                     for code, column in ((names, s), (relations, rel), (names, o)))
        key = (s * r + rel) * n + o
        at = np.minimum(np.searchsorted(keys, key), max(other - 1, 0))
        known = (s >= 0) & (rel >= 0) & (o >= 0) & (keys[at] == key) if other else np.zeros(len(chunk), bool)
        parts.append((np.where(known, at, other), np.fromiter((doc_code.setdefault(d, len(doc_code)) for d in doc),
                                                              np.int64, len(chunk)),
                      np.array([x or 0 for x in start], dtype=np.int64),
                      np.array([x or 0.0 for x in confidence], dtype=float), np.array(row, dtype=np.int64),
                      sentence_hashes(sentence)))
    if not parts:
        none = np.zeros(0, np.int64)
        return Columns(none, none, [], none, np.zeros(0, float), none, none)
    edge, doc, start, confidence, row, words = (np.concatenate(c) for c in zip(*parts))
    return Columns(edge, doc, list(doc_code), start, confidence, row, words)


def first_rows(c: Columns, n_edges: int, documents: Mapping[str, Mapping[str, Any]], n: int = FIRST_KEPT
               ) -> np.ndarray:
    """The row ids of each edge's `n` oldest sentences, in the order `graph.sentences.first` ranks
    them (undated articles first, then by date, source and place; ties by article, place,
    confidence highest first and row id), -1 where an edge has fewer: an ``(n_edges, n)`` array."""
    out = np.full((n_edges, n), -1, dtype=np.int64)
    keep = c.edge < n_edges
    if not keep.any():
        return out
    dated = [(str(meta.get("date") or ""), str(meta.get("source") or "")) for meta in (
        documents.get(d) or {} for d in c.docs)]
    rank = {key: i for i, key in enumerate(sorted(set(dated)))}  # articles of one date and source tie
    by_date = np.array([rank[key] for key in dated], dtype=np.int64)
    by_id = np.empty(len(c.docs), dtype=np.int64)
    by_id[sorted(range(len(c.docs)), key=lambda i: str(c.docs[i]))] = np.arange(len(c.docs))
    edge, doc = c.edge[keep], c.doc[keep]
    order = np.lexsort((c.row[keep], -c.confidence[keep], by_id[doc], c.start[keep], by_date[doc], edge))
    edge, row = edge[order], c.row[keep][order]
    starts = np.flatnonzero(np.r_[True, edge[1:] != edge[:-1]])
    place = np.arange(len(edge)) - np.repeat(starts, np.diff(np.r_[starts, len(edge)]))
    wanted = place < n
    out[edge[wanted], place[wanted]] = row[wanted]
    return out


def digest(conn, edges: EdgeTable, documents: Mapping[str, Mapping[str, Any]], order: str, *, whole: bool
           ) -> tuple[np.ndarray, np.ndarray]:
    """Each edge's outlets and the row ids of its oldest sentences (see the module's text), read
    from its sentences (`whole`: every stored relation's in one pass, the table being every edge)."""
    c = read_columns(conn, edges, order, whole=whole)
    return (outlet_totals(c.edge, c.words, c.doc, c.start, c.docs, len(edges) + 1, OutletTable(documents))[:len(edges)],
            first_rows(c, len(edges), documents))
