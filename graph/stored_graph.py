"""The whole corpus's graph read from the store's tables in one read transaction.

Eager: every sentence read into memory, as `graph.build.build_graph` makes the graph from the
extractions (without building the typed records: several times faster and lighter). Lazy: no
sentence read; every edge comes from the explorer's edge table (`graph.snapshot`) and its
sentences from the store when asked for (`graph.lazy.StoredEvidence`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import repeat
from typing import Any

import networkx as nx
import numpy as np
from sqlalchemy import text

from graph import aggregates, snapshot
from graph.actors import ActorTable
from graph.build import assemble, contested_flags
from graph.lazy import StoreReader
from graph.edge_table import EdgeTable
from graph.models import Entity
from graph.ontology import RELATION_NAMES
from graph.outlets import OutletTable, outlet_totals
from graph.rows import evidence
from graph.schema import EVIDENCE_COLUMNS
from graph.sentences import keyed


def _bulk(conn, query: str) -> Iterator[tuple]:
    """A query's rows, fetched many at a time (a server's streamed in chunks, never all held at once)."""
    for chunk in aggregates.chunks(conn, query):
        yield from chunk


def read_graph(conn, order: str, *, lazy: bool, open_store: Callable[[], Any] | None = None,
               table: ActorTable | None = None, apart: bool = False
               ) -> tuple[nx.MultiDiGraph, snapshot.Read | None, StoreReader | None]:
    """The graph of the store `conn` reads (`order`: its ingest-order column); with `lazy` the
    edge table it was made from, its contested flags and outlets counted (for the store to keep), and the
    reader of its sentences.

    Args:
        open_store: Opens the store read-only, for the sentences a lazy graph reads when asked.
        table: The actor table (for `part_of` edges); the packaged one by default.
        apart: The table's edges are left out of the graph (`graph.build.assemble`).
    """
    documents = {i: {"title": t, "source": s, "outlet": o, "date": d, "url": u, "ingested": at or None}
                 for i, t, s, o, d, u, at in _bulk(
                     conn, f"SELECT id, title, source, outlet, date, url, ingested_at FROM documents ORDER BY {order}")}
    # the first record of each entity in ingest order
    entities = [Entity(*row) for row in conn.execute(text(
        f"SELECT e.id, e.label, e.type, e.part_of FROM entities e JOIN (SELECT id, min({order}) AS first "
        f"FROM entities GROUP BY id) f ON e.{order} = f.first ORDER BY e.id"))]
    if not lazy:
        mentions = _bulk(conn, "SELECT entity_id, doc_id, text, resolved_by FROM mentions")
        one = {}.setdefault
        relations = ((s, o, rel, evidence(one, doc_id, source, row)) for s, o, rel, doc_id, source, *row in _bulk(
            conn, f"SELECT r.subject, r.object, r.relation, r.doc_id, d.source, {EVIDENCE_COLUMNS} "
                  f"FROM relations r JOIN documents d ON d.id = r.doc_id ORDER BY r.{order}"))
        return assemble(documents, entities, mentions, relations, table=table), None, None
    reader = StoreReader(open_store)
    read = snapshot.current(conn, RELATION_NAMES, lambda edges: contested_flags(
        edges, documents, entities, reader, table=table), lambda edges: _outlets(conn, edges, documents, whole=False))
    g = assemble(documents, entities, (), (), table=table, stored=(read.table, aggregates.read_actors(conn), reader),
                 apart=apart)
    if read.table.contested is None:  # read whole: its flags counted, by the graph made of it
        read.table.contested = (contested_flags(read.table, documents, entities, reader, table=table) if apart
                                else contested_flags(read.table, graph=g))
    if read.table.outlets is None:
        read.table.outlets = _outlets(conn, read.table, documents, whole=True)
    return g, read, reader


def _outlets(conn, edges: EdgeTable, documents, *, whole: bool):
    """Each edge's outlets (`graph.outlets.outlet_totals`), from the words of its sentences: those of
    every stored relation read in one pass (`whole`: the table is every edge), or the edges' own."""
    columns = "r.subject, r.relation, r.object, r.doc_id, r.start_char, r.sentence"
    found = (aggregates.chunks(conn, f"SELECT {columns} FROM relations r") if whole
             else [keyed(conn, edges.keys(), f"SELECT {columns} FROM {{edges}}")] if len(edges) else ())
    names, relations = ({name: i for i, name in enumerate(x)} for x in (edges.names, edges.relations))
    n, r = len(edges.names), len(edges.relations)
    keys = (edges.src.astype(np.int64) * r + edges.rel) * n + edges.dst  # ascending: the table is in key order
    other = len(edges)  # the rows of a relation not in the table are counted as one more edge, then dropped

    def batches():
        for chunk in found:
            if not chunk:
                continue
            s, rel, o, doc, start, sentence = zip(*chunk)
            s, rel, o = (np.fromiter(map(code.get, column, repeat(-1)), np.int64, len(chunk))
                         for code, column in ((names, s), (relations, rel), (names, o)))
            key = (s * r + rel) * n + o
            at = np.minimum(np.searchsorted(keys, key), max(other - 1, 0))
            known = (s >= 0) & (rel >= 0) & (o >= 0) & (other > 0) & (keys[at] == key if other else False)
            yield np.where(known, at, other), doc, start, sentence
    return outlet_totals(batches(), other + 1, OutletTable(documents))[:other]
