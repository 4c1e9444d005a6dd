"""The explorer's edge table kept in the store (`graph.snapshot`): brought up to date from the
edges writes changed, it equals the table read whole, flags included."""
from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from graph import build, edge_digest, edge_table, sentences, snapshot, stored_graph
from graph.ontology import RELATION_NAMES
from graph.store import Store
from tests.test_aggregates import article, generated  # noqa: F401 (a fixture)

ROW = f"edges-v{snapshot.FORMAT}"


def content(table: edge_table.EdgeTable) -> list[tuple]:
    """Everything a table says, by edge, in names rather than codes."""
    starts = table.starts.tolist()
    flags = [None] * len(table) if table.contested is None else table.contested.tolist()
    outlets = [None] * len(table) if table.outlets is None else table.outlets.tolist()
    firsts = [None] * len(table) if table.firsts is None else table.firsts.tolist()
    return [(key, sums, table.rows.rows(lo, hi), flag, n, first) for key, sums, lo, hi, flag, n, first
            in zip(table.keys(), table.sums(), starts, starts[1:], flags, outlets, firsts)]


def read_whole(db) -> edge_table.EdgeTable:
    """The table read whole, its flags and outlets counted over the whole graph (every sentence
    in memory: each edge's outlets counted by `graph.outlets.outlets_of`), its oldest sentences
    picked from every stored sentence (`graph.edge_digest`)."""
    with Store(db, read_only=True) as store:
        g = store.graph()
        with store._reading() as conn:
            table = edge_table.read(conn, RELATION_NAMES)
            table.firsts = edge_digest.digest(conn, table, g.graph["documents"], store.dialect.order, whole=True)[1]
    table.contested = build.contested_flags(table, graph=g)
    outlets = {(s, k, t): d["outlets"] for s, t, k, d in g.edges(keys=True, data=True)}
    table.outlets = np.array([outlets[key] for key in table.keys()], dtype=np.int32)
    return table


def kept(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT name, generation FROM snapshots").fetchall()


def kept_table(db) -> edge_table.EdgeTable:
    with sqlite3.connect(db) as conn:
        [(data,)] = conn.execute("SELECT data FROM snapshots").fetchall()
    return edge_table.unpack(data)


def noted(db) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(DISTINCT generation), count(*) FROM edge_changes").fetchone()


@pytest.fixture
def store_with_snapshot(generated):
    db, rng = generated  # two batches written: generation 2
    with Store(db) as store:
        assert kept(db) == [] and store.generation() == 2
        store.graph(lazy=True)  # a store open for writing keeps what it read
        assert kept(db) == [(ROW, 2)] and noted(db) == (0, 0)
    return db, rng


def test_a_packed_table_reads_back_the_same_and_a_damaged_blob_is_refused(store_with_snapshot):
    db, _ = store_with_snapshot
    table = read_whole(db)
    assert len(table) > 50 and table.contested.any() and not table.contested.all()
    assert content(edge_table.unpack(table.pack())) == content(table) == content(kept_table(db))
    empty = table.where(np.zeros(len(table), dtype=bool))
    assert len(edge_table.unpack(empty.pack())) == 0 and content(empty) == []
    with pytest.raises(ValueError, match="not a packed edge table"):
        edge_table.unpack(table.pack()[:100])


def test_each_edges_kept_oldest_sentences_are_those_the_store_ranks_first(store_with_snapshot):
    """The row ids the edge table keeps (`graph.edge_digest`) read back as the sentences
    `graph.sentences.first` ranks oldest, edge by edge; the reader uses them without ranking."""
    db, _ = store_with_snapshot
    table = kept_table(db)
    keys = table.keys()
    with Store(db, read_only=True) as store:
        ranked = sentences.first(store, keys, sentences.FIRST_KEPT)
        read = sentences.by_id(store, [i for i in table.firsts.ravel().tolist() if i >= 0])
    kept = {key: [{k: v for k, v in read[i].items() if k != "_edge"} for i in ids if i >= 0]
            for key, ids in zip(keys, table.firsts.tolist())}
    assert kept == ranked and sum(len(found) == 2 for found in ranked.values()) > 20
    assert any(len(found) == 1 for found in ranked.values()), "an edge of one sentence keeps one id"


def test_kept_ids_that_no_longer_name_the_edges_sentences_are_ranked_again(store_with_snapshot):
    """A reader given row ids that are gone or now another edge's ranks that edge afresh."""
    from graph.lazy import StoreReader

    db, _ = store_with_snapshot
    table = kept_table(db)
    keys = table.keys()[:3]
    other = int(table.firsts[-1, 0])  # a row of another edge
    with Store(db, read_only=True) as store:
        ranked = sentences.first(store, keys, 2)
    reader = StoreReader(lambda: Store(db, create=False, read_only=True))
    found = reader.first(keys, 2, {keys[0]: (10**9,), keys[1]: (other,), keys[2]: tuple(table.firsts[2])})
    assert found == ranked and found[keys[0]] and found[keys[1]]


def test_the_snapshot_brought_up_to_date_equals_the_table_read_whole(store_with_snapshot, monkeypatch):
    db, rng = store_with_snapshot
    with Store(db) as store:
        store.add([article(n, rng) for n in range(60, 75)])  # new articles
        store.add([article(n, rng, version=1) for n in range(0, 30, 4)])  # and edited ones
        assert store.generation() == 4 and noted(db)[0] == 2
    counted = []
    flags = build.contested_flags
    monkeypatch.setattr(stored_graph, "contested_flags", lambda edges, *a, **k: counted.append(len(edges)) or flags(
        edges, *a, **k))
    with Store(db) as store:
        store.graph(lazy=True)
    whole = read_whole(db)
    assert kept(db) == [(ROW, 4)] and noted(db) == (0, 0)  # the changes taken in are forgotten
    assert counted and 0 < counted[0] < len(whole), "the flags are counted again for the changed pairs only"
    assert content(kept_table(db)) == content(whole)


def test_a_curation_moves_the_generation_on_and_keeps_the_table(store_with_snapshot):
    db, _ = store_with_snapshot
    before = content(kept_table(db))
    with Store(db) as store:
        store.append_curation({"op": "rename", "id": "actor-1", "label": "Someone"})
        assert noted(db) == (0, 0)
        with store._reading() as conn:
            read = snapshot.current(conn, RELATION_NAMES, lambda t: pytest.fail("nothing to count"),
                                    lambda t: pytest.fail("nothing to count"))
        assert (read.kept, read.generation, read.patched) == (2, 3, False)
        store.graph(lazy=True)
    assert kept(db) == [(ROW, 3)] and content(kept_table(db)) == before


def test_the_explorers_read_of_a_curated_store_keeps_the_table_and_the_layout(store_with_snapshot):
    """What `newsgraph ingest` does at its end: one read by a writable explorer keeps both."""
    from ui.source import CorpusSource

    db, _ = store_with_snapshot
    with Store(db) as store:
        store.append_curation({"op": "rename", "id": "actor-1", "label": "Someone"})
    CorpusSource(store_path=db).current()
    with Store(db) as store:
        assert kept(db) == [(ROW, store.generation())]
        assert set(store.layout()) == set(store.graph().nodes)


def test_a_read_only_store_keeps_nothing_and_a_write_after_the_read_is_not_lost(store_with_snapshot):
    db, rng = store_with_snapshot
    with Store(db) as store:
        store.add([article(n, rng) for n in range(60, 65)])
    with Store(db, read_only=True) as store:
        store.graph(lazy=True)
    assert kept(db) == [(ROW, 2)] and noted(db)[0] == 1
    with Store(db) as store:
        documents = store.graph().graph["documents"]
        with store._reading() as conn:  # (its flags are counted without the actors: it is never kept)
            read = snapshot.current(conn, RELATION_NAMES, lambda t: build.contested_flags(t, documents, [], None),
                                    lambda t: edge_digest.digest(conn, t, documents, store.dialect.order, whole=False))
        store.add([article(n, rng) for n in range(65, 70)])  # written after the read, before it is kept
        with store._transaction() as conn:
            snapshot.keep(conn, read)
    assert kept(db) == [(ROW, 2)], "a table older than the store is not kept"
    with Store(db) as store:
        store.graph(lazy=True)
    assert kept(db) == [(ROW, 4)] and content(kept_table(db)) == content(read_whole(db))


def test_a_large_ingest_drops_the_snapshot_and_a_damaged_one_is_read_whole(store_with_snapshot, monkeypatch):
    db, rng = store_with_snapshot
    monkeypatch.setattr(snapshot, "MOST_CHANGES", 10)
    with Store(db) as store:
        store.add([article(n, rng) for n in range(60, 80)])
    assert kept(db) == [] and noted(db) == (0, 0)
    with Store(db) as store:
        store.add([article(n, rng) for n in range(80, 90)])  # with no snapshot nothing is noted
        assert noted(db) == (0, 0)
        store.graph(lazy=True)
    assert content(kept_table(db)) == content(read_whole(db))
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE snapshots SET data = x'00ff', generation = 0")
    with Store(db) as store:
        store.graph(lazy=True)
    assert kept(db) == [(ROW, 4)] and content(kept_table(db)) == content(read_whole(db))


def test_an_uncurated_explorer_indexes_the_table_and_builds_the_whole_graph_only_when_asked(store_with_snapshot):
    from ui.source import CorpusSource

    db, _ = store_with_snapshot
    corpus = CorpusSource(store_path=db).current()
    assert corpus.actors.number_of_edges() < corpus.index.n_edges  # the table's edges are the index's alone
    laid = corpus.light_with_edges()["edges"]
    assert len(laid) == corpus.index.n_edges
    whole = corpus.graph  # asked for: made from the index, every edge with its attributes
    assert whole.number_of_edges() == corpus.index.n_edges
    assert len(corpus.light_with_edges()["edges"]) == len(laid)  # a layout still sees every edge
    s, t, k, d = next(e for e in whole.edges(keys=True, data=True) if e[3].get("evidence"))
    assert corpus.edge_attributes(s, k, t)["weight"] == d["weight"] == len(d["evidence"])
