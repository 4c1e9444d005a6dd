"""The whole corpus's graph read from the store's tables in one read transaction.

Eager: every sentence read into memory, as `graph.build.build_graph` makes the graph from the
extractions (without building the typed records: several times faster and lighter). Lazy: no
sentence read; every edge comes from the explorer's edge table (`graph.snapshot`) and its
sentences from the store when asked for (`graph.lazy.StoredEvidence`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx
from sqlalchemy import text

from graph import aggregates, edge_digest, snapshot
from graph.actors import ActorTable
from graph.build import assemble, contested_flags
from graph.lazy import StoreReader
from graph.models import Entity
from graph.ontology import RELATION_NAMES
from graph.rows import evidence
from graph.schema import EVIDENCE_COLUMNS


def _bulk(conn, query: str) -> Iterator[tuple]:
    """A query's rows, fetched many at a time (a server's streamed in chunks, never all held at once)."""
    for chunk in aggregates.chunks(conn, query):
        yield from chunk


def read_graph(conn, order: str, *, lazy: bool, open_store: Callable[[], Any] | None = None,
               table: ActorTable | None = None, apart: bool = False
               ) -> tuple[nx.MultiDiGraph, snapshot.Read | None, StoreReader | None]:
    """The graph of the store `conn` reads (`order`: its ingest-order column); with `lazy` the
    edge table it was made from, its contested flags and digest counted (for the store to keep),
    and the reader of its sentences.

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
    read = snapshot.current(conn, RELATION_NAMES,
                            lambda edges: contested_flags(edges, documents, entities, reader, table=table),
                            lambda edges: edge_digest.digest(conn, edges, documents, order, whole=False))
    g = assemble(documents, entities, (), (), table=table, stored=(read.table, aggregates.read_actors(conn), reader),
                 apart=apart)
    if read.table.contested is None:  # read whole: its flags counted, by the graph made of it
        read.table.contested = (contested_flags(read.table, documents, entities, reader, table=table) if apart
                                else contested_flags(read.table, graph=g))
    if read.table.outlets is None or read.table.firsts is None:
        read.table.outlets, read.table.firsts = edge_digest.digest(conn, read.table, documents, order, whole=True)
    return g, read, reader
