"""The store's aggregates and the evidence read on demand give what the graph built from every
sentence gives: after ingests, replacements, each curation action and undo, on a generated
corpus and on the seeds.

The explorer reads every edge from counts per edge and month (`graph.aggregates`) and its
sentences from the store when asked (`graph.lazy`); the eager graph (`Store.graph()`) holds
every sentence. Both are compared edge by edge, and through the filter engine, for every
span of months.
"""
from __future__ import annotations

import json
import random
import sqlite3

import numpy as np
import pytest

from graph.agreement import DENIED, STANCE, contested_edges, disputes
from graph.curation import apply_curation
from graph.export import to_node_link
from graph.lazy import StoredEvidence
from graph.novelty import new_relations
from graph.outlets import outlet_relations, outlet_stance
from graph.query import dyad_timeline, evidence_by_month
from graph.search import node_summary, search_evidence
from graph.models import Document, Entity, Evidence, Extraction, Mention, Relation
from graph.store import Store
from ui.corpus import Corpus
from ui.elements import edge_classes
from ui.node_panel import MAX_GROUP_ROWS, node_dossier
from ui.source import CorpusSource

ACTORS = [(f"actor-{i}", f"Actor {i}", ("GPE", "ORG", "PERSON", "ARMED_GROUP")[i % 4]) for i in range(12)]
TYPED = ("supports", "opposes", "attacks", "negotiates", "sanctions")
DATES = ("2021-01-05", "2021-01-20", "2021-02-11", "2021-03", "2021", "2022-07-30", None)


def article(n: int, rng: random.Random, *, version: int = 0) -> Extraction:
    """A made-up article: a few sentences, each naming two to three actors, with typed relations
    (some negated or hypothetical) and the co-mentions of every pair named."""
    doc_id = f"d{n}-v{version}"
    sentences, mentions, relations, used = [], [], [], {}
    at = 0
    for _ in range(rng.randint(1, 4)):
        named = rng.sample(ACTORS, rng.randint(2, 3))
        text = " and ".join(label for _, label, _ in named) + (
            (" met.", " met in Zürich.", " met: 100%_sure.")[n % 3] if version == 0 else " talked.")
        spans, pos = [], at
        for eid, label, etype in named:
            spans.append((eid, pos, pos + len(label)))
            mentions.append(Mention(eid, doc_id, pos, pos + len(label), label, rng.choice(("alias", "ner", "coref"))))
            used[eid] = Entity(eid, label, etype)
            pos += len(label) + 5

        def ev(a, b, **mood):
            return Evidence(doc_id, f"{n}.txt", text, at, at + len(text), a[1:], b[1:], None, "met",
                            confidence=0.3 if not mood else 0.8, rule="co" if not mood else "svo", **mood)
        for i, a in enumerate(spans):
            for b in spans[i + 1:]:
                relations.append(Relation(a[0], "co_mentioned", b[0], ev(a, b)))
        if rng.random() < 0.7:
            a, b = spans[0], spans[1]
            mood = rng.choice(({"negated": False}, {"negated": True}, {"modality": "hypothetical"},
                               {"modality": "reported"}))
            relations.append(Relation(a[0], rng.choice(TYPED), b[0], ev(a, b, **mood)))
        sentences.append(text)
        at += len(text) + 1
    doc = Document(doc_id, f"Article {n}", " ".join(sentences), f"{n}.txt", f"Outlet {n % 5}", DATES[n % len(DATES)])
    return Extraction(doc, tuple(used.values()), tuple(mentions), tuple(relations))


def stored_edges(g):
    return [(s, t, k) for s, t, k, d in g.edges(keys=True, data=True) if isinstance(d.get("evidence"), StoredEvidence)]


def assert_same(store_path, log=()):
    """The explorer's lazy graph (through its source) and the eager one agree, edge by edge and
    through the filter engine, for every span of months."""
    with Store(store_path) as store:
        assert store.check() == []
        eager = Corpus(apply_curation(store.graph(), log).graph if log else store.graph())
    lazy = CorpusSource(store_path=store_path).current()
    assert stored_edges(lazy.graph), "the co-mentions are read from the aggregates"
    assert not stored_edges(eager.graph)
    assert sorted(lazy.graph.nodes) == sorted(eager.graph.nodes)
    for n, d in eager.graph.nodes(data=True):
        other = lazy.graph.nodes[n]
        for name in ("label", "type", "aliases", "mentions", "resolved_by", "part_of", "merged"):
            assert other.get(name) == d.get(name), (n, name)
        assert list(other.get("articles") or ()) == list(d.get("articles") or ()), n
    assert sorted(lazy.graph.edges(keys=True)) == sorted(eager.graph.edges(keys=True))
    for s, t, k, d in eager.graph.edges(keys=True, data=True):
        other = lazy.graph.edges[s, t, k]
        for name in ("weight", "articles", "first_date", "last_date", "contested", "confirmed", "polarity"):
            assert other.get(name) == d.get(name), (s, t, k, name)
        if not log:  # uncurated, each edge's outlets come counted with the explorer's edge table
            assert other.get("outlets") == d.get("outlets"), (s, t, k, "outlets")
        assert list(other.get("evidence") or ()) == list(d.get("evidence") or ()), (s, t, k)
        assert edge_classes(k, other) == edge_classes(k, d), (s, t, k)
    months = eager.months
    ends = sorted({0, 1, 2, len(months) // 2, len(months) - 1} & set(range(len(months))))
    spans = [None] + [(a, b) for a in ends for b in ends if a <= b]
    for relations in (eager.default_relations, eager.relations):
        for span in spans:
            f = eager.default_filters()
            f = type(f)(tuple(relations), f.types, None if span is None else (months[span[0]], months[span[1]]),
                        1, span)
            a, b = eager.survivors(f), lazy.survivors(f)
            for name in ("edges", "weight", "articles", "held", "held_articles", "nodes"):
                ea, eb = getattr(a, name), getattr(b, name)
                order_a = {eid: i for i, eid in enumerate(eager.index.edge_ids)}
                if name == "nodes":
                    assert dict(zip(eager.index.nodes, ea.tolist())) == dict(zip(lazy.index.nodes, eb.tolist()))
                else:
                    mapped = np.array([ea[order_a[eid]] for eid in lazy.index.edge_ids])
                    assert mapped.tolist() == eb.tolist(), (name, span)
            if span in (None, spans[1], spans[len(spans) // 2], spans[-1]):  # the whole span and three periods
                for corpus in (eager, lazy):
                    same_actor_panels(corpus, f, render=span is None)
            fa, fb = eager.filtered(f), lazy.filtered(f)
            for s, t, k, d in fa.edges(keys=True, data=True):
                assert list(fb.edges[s, t, k]["evidence"]) == list(d["evidence"]), (s, t, k, span)
                assert fb.edges[s, t, k]["articles"] == d["articles"] and fb.edges[s, t, k]["weight"] == d["weight"]
    for doc in list(eager.documents)[:8]:  # an article's relations, co-mentions read with its text
        assert lazy.article_rows(doc) == eager.article_rows(doc) == eager.article_relations().get(doc, [])
    same_analyses(lazy.graph, eager.graph)
    for node in sorted(eager.graph.nodes)[:4]:  # an actor's panel: its first sentences, every sentence by page
        for state in ({}, {"order": "newest", "shown": 7}, {"order": "outlet", "flag": "holds"},
                      {"order": "confidence", "flag": "negated"}, {"outlet": "Outlet 1", "flag": "reported"}):
            pages = {f"node:{node}": state}
            assert rendered(node_dossier(lazy.graph, node, documents=lazy.documents, visible_relations=lazy.relations,
                                         pages=pages)) == rendered(node_dossier(
                eager.graph, node, documents=eager.documents, visible_relations=eager.relations, pages=pages))
    exported = to_node_link(lazy.graph)
    assert sum(len(e["evidence"]) for e in exported["edges"]) == sum(
        len(d.get("evidence") or ()) for *_, d in eager.graph.edges(keys=True, data=True))
    return lazy, eager


def same_actor_panels(corpus, f, *, render: bool) -> None:
    """Each actor's panel as the explorer draws it (`Corpus.actor`: its summary counted by the filter
    engine, a graph of the edges it lists, its sentences paged by the store) is the one drawn from
    the graph of all its edges (`Corpus.local`)."""
    for node in corpus.index.nodes:  # (an actor the filters hide is kept while selected: it has a panel too)
        whole = corpus.local(f, {"kind": "node", "id": node})
        g, summary, every = corpus.actor(f, node, MAX_GROUP_ROWS)
        assert summary == node_summary(whole, node), (node, f)
        assert g.number_of_edges() <= whole.number_of_edges()
        if render:
            for pages in (None, {f"node:{node}": {"order": "newest", "shown": 7}}):
                assert rendered(node_dossier(g, node, documents=corpus.documents, visible_relations=f.relations,
                                             pages=pages, summary=summary, every=every)) == rendered(node_dossier(
                    whole, node, documents=corpus.documents, visible_relations=f.relations, pages=pages)), (node, f)


def rendered(component) -> str:
    return json.dumps(component, default=lambda c: c.to_plotly_json(), sort_keys=True)


def same_analyses(lazy, eager):
    """What the tabs and panels compute over the whole graph is the same whether its sentences are
    held or read from the store: disputes, outlets, what is new, the evidence search, counts by month."""
    assert disputes(lazy) == disputes(eager)
    assert contested_edges(lazy) == contested_edges(eager)
    assert outlet_relations(lazy) == outlet_relations(eager)
    actors = sorted(eager.nodes)[:6]
    assert outlet_stance(lazy, actors) == outlet_stance(eager, actors)
    for since in ("2021-01", "2021-02-15", "2020"):
        assert new_relations(lazy, since) == new_relations(eager, since)
    for words in ("met", "actor 3", "talked", "ZURICH met", "%_s", "0%_", "Zür", "_"):
        assert search_evidence(lazy, words, limit=500) == search_evidence(eager, words, limit=500)
    months = ("2021-01", "2021-02", "2021-03", "2022-07")
    assert evidence_by_month(lazy, months) == evidence_by_month(eager, months)
    for a, b in [(u, v) for u, v, k in eager.edges(keys=True) if k != "co_mentioned"][:6]:
        for everything in (False, True):
            assert dyad_timeline(lazy, a, b, everything=everything) == dyad_timeline(eager, a, b, everything=everything)


@pytest.fixture
def generated(tmp_path):
    rng = random.Random(4)
    db = tmp_path / "gen.db"
    with Store(db) as store:
        store.add([article(n, rng) for n in range(30)])
        store.add([article(n, rng) for n in range(30, 60)])
    return db, rng


def test_the_aggregates_equal_the_graph_after_ingests_and_replacements(generated):
    db, rng = generated
    with Store(db) as store:  # the generated corpus has disputes of both kinds to compare
        g = store.graph()
        assert {x.kind for x in disputes(g)} >= {DENIED, STANCE}
        # and sentences for the search's folding and the LIKE wildcards taken literally
        assert search_evidence(g, "zurich", limit=1)[1] and search_evidence(g, "%_", limit=1)[1]
        assert not search_evidence(g, "0%s", limit=1)[1] and not search_evidence(g, "0_s", limit=1)[1]
    assert_same(db)
    with Store(db) as store:  # edited articles, read again from the same files
        report = store.add([article(n, rng, version=1) for n in range(0, 60, 3)])
    assert report.replaced == 20
    assert_same(db)


def test_the_aggregates_equal_the_graph_after_each_curation_action_and_undo(generated):
    db, _ = generated
    with Store(db) as store:
        g = store.graph()
    co = [(s, t, d) for s, t, k, d in g.edges(keys=True, data=True) if k == "co_mentioned" and len(d["evidence"]) > 1]
    s, t, d = co[0]
    sentence = d["evidence"][0]
    actions = [
        {"op": "merge", "keep": "actor-0", "drop": "actor-1"},
        {"op": "merge", "keep": "actor-2", "drop": "actor-3"},
        {"op": "rename", "id": "actor-4", "label": "Fourth"},
        {"op": "reject", "subject": co[1][0], "relation": "co_mentioned", "object": co[1][1]},
        {"op": "confirm", "subject": co[2][0], "relation": "co_mentioned", "object": co[2][1],
         "doc_id": co[2][2]["evidence"][0]["doc_id"]},
        {"op": "undo"},
        {"op": "redo"},
    ]
    if s not in ("actor-1", "actor-3") and t not in ("actor-1", "actor-3"):
        actions.insert(0, {"op": "reject", "subject": s, "relation": "co_mentioned", "object": t,
                           "doc_id": sentence["doc_id"], "sentence": sentence["sentence"]})
    log = []
    for action in actions:
        with Store(db) as store:
            store.append_curation(action)
        log.append(action)
        lazy, _ = assert_same(db, log)
    merged = [d for u, v, k, d in lazy.graph.edges(keys=True, data=True)
              if isinstance(d["evidence"], StoredEvidence) and len(d["evidence"].pairs) > 1]
    assert merged, "a merge joined co-mention edges kept in the store"
    with Store(db) as store:
        store.append_curation({"op": "undo"})
        store.append_curation({"op": "undo"})
    assert_same(db, log + [{"op": "undo"}, {"op": "undo"}])


def test_the_aggregates_equal_the_graph_on_the_seeds(seed_store_copy):
    lazy, eager = assert_same(seed_store_copy)
    held = sum(len(d["evidence"]) for *_, d in eager.graph.edges(keys=True, data=True) if d.get("evidence"))
    in_memory = sum(len(d["evidence"]) for *_, d in lazy.graph.edges(keys=True, data=True)
                    if d.get("evidence") and not isinstance(d["evidence"], StoredEvidence))
    assert held and in_memory == 0, "every sentence stays in the store"
    assert contested_edges(eager.graph), "the seeds have contested relations to compare"


def test_an_upgraded_store_gets_its_aggregates_and_a_damaged_one_is_reported(generated):
    db, _ = generated
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE relations SET sentence = 'Erdoğan met  Putin.', folded = NULL WHERE rowid = 1")
        folded = conn.execute("SELECT rowid, folded FROM relations WHERE folded IS NOT NULL").fetchall()
        # as a version 3 store: no aggregates, no edge index, no generation, search forms or snapshots
        conn.executescript("DROP TABLE edge_months; DROP TABLE layout; DROP TABLE actor_counts; "
                           "DROP INDEX relations_edge_order; DROP INDEX documents_age; DROP INDEX mentions_entity; DROP TABLE edge_changes; DROP INDEX entities_id; "
                           "DROP TABLE snapshots; ALTER TABLE relations DROP COLUMN folded; "
                           "DELETE FROM meta WHERE key = 'generation'; "
                           "UPDATE meta SET value = '3' WHERE key = 'schema_version';")
    assert_same(db)
    with sqlite3.connect(db) as conn:
        # the edge index of version 3 became the one that also orders the sentences, and the
        # articles are indexed by age (version 6)
        assert conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND (name LIKE 'relations_edge%' "
                            "OR name = 'documents_age') ORDER BY name").fetchall() == [("documents_age",),
                                                                                   ("relations_edge_order",)]
        # the search form of the sentences stored before (ASCII ones need none)
        assert conn.execute("SELECT rowid, folded FROM relations WHERE folded IS NOT NULL").fetchall() == [
            (1, "erdogan met putin."), *folded] and "zurich" in folded[0][1]
        assert conn.execute("SELECT count(*) FROM relations WHERE folded IS NULL AND sentence LIKE '%Z_rich%'"
                            ).fetchone() == (0,)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE edge_months SET sentences = sentences + 1 WHERE rowid = 1")
        conn.execute("UPDATE actor_counts SET n = n + 1 WHERE kind = 'articles' AND rowid = "
                     "(SELECT min(rowid) FROM actor_counts WHERE kind = 'articles')")
    with Store(db) as store:
        edge, actor = store.check()
    assert "edge_months row" in edge and "stored (" in edge
    assert actor.startswith("actor_counts row") and "| articles |" in actor


def test_a_lazy_edge_reads_its_sentences_once_and_answers_counts_without_reading(generated):
    db, _ = generated
    with Store(db) as store:
        g = store.graph(lazy=True)
    d = next(d for *_, d in g.edges(keys=True, data=True) if isinstance(d.get("evidence"), StoredEvidence))
    evidence, calls = d["evidence"], []
    fetch = evidence.fetch
    evidence.fetch = lambda *a: calls.append(a) or fetch(*a)
    assert len(evidence) == d["weight"] and bool(evidence) and not calls
    rows = list(evidence)
    assert len(rows) == d["weight"] and len(calls) == 1
    assert {r["doc_id"] for r in rows} and evidence.articles() == len({r["doc_id"] for r in rows})


def test_the_layout_is_kept_in_the_store_and_a_restart_opens_on_it_without_laying_out(generated, monkeypatch):
    db, rng = generated
    first = CorpusSource(store_path=db).current()
    with Store(db) as store:
        assert store.layout() == first.positions
    import ui.corpus
    import ui.positions

    def no_layout(*args, **kwargs):
        raise AssertionError("laid out again")
    monkeypatch.setattr(ui.corpus, "node_positions", no_layout)
    monkeypatch.setattr(ui.positions, "node_positions", no_layout)
    source = CorpusSource(store_path=db)
    again = source.current()  # a restart, or a second server process
    assert again.positions == first.positions
    import os
    import ui.source

    settled = []
    monkeypatch.setattr(ui.source, "settle", lambda: settled.append(1))
    os.utime(db, (1, 1))  # the file moved, the corpus did not: the same snapshot, no collection
    assert source.current() is again and not settled
    with Store(db) as store:  # articles with actors never seen: placed beside the kept picture
        store.add([Extraction(Document("new", "New", "Actor 77 and Actor 0 met.", "new.txt"),
                              (Entity("actor-77", "Actor 77", "GPE"), Entity("actor-0", "Actor 0", "GPE")),
                              (Mention("actor-77", "new", 0, 8, "Actor 77"), Mention("actor-0", "new", 13, 20, "Actor 0")),
                              (Relation("actor-77", "supports", "actor-0", Evidence(
                                  "new", "new.txt", "Actor 77 and Actor 0 met.", 0, 25, (0, 8), (13, 20), None, "met")),))])
    grown = CorpusSource(store_path=db).current()
    assert {n: grown.positions[n] for n in first.positions} == first.positions
    assert "actor-77" in grown.positions


def lazy_eager_and_biggest_edge(db):
    """The explorer's corpus of a store (sentences left in it), the graph read whole, and the
    edge with the most sentences ``(source, target, relation)``."""
    lazy = CorpusSource(store_path=db).current()
    with Store(db) as store:
        eager = store.graph()
    return lazy, eager, max(stored_edges(lazy.graph), key=lambda e: len(lazy.graph.edges[e]["evidence"]))


def test_a_co_mention_dossier_reads_its_sentences_and_outlets_from_the_store(generated):
    from ui.elements import make_edge_id
    from ui.panels import edge_dossier

    lazy, eager, (s, t, k) = lazy_eager_and_biggest_edge(generated[0])
    eid = make_edge_id(s, k, t)
    shown, expected = (str(edge_dossier(g, eid, documents=lazy.documents)) for g in (lazy.graph, eager))
    assert shown == expected
    d = eager.edges[s, t, k]
    assert f"{len(d['evidence'])} sentences · {d['articles']} articles · {d['outlets']} outlet" in shown


def test_a_pairs_dossier_read_a_page_at_a_time_from_the_store_is_the_one_read_whole(generated):
    from ui.elements import make_edge_id
    from ui.panels import dyad_dossier

    lazy, eager, (s, t, k) = lazy_eager_and_biggest_edge(generated[0])
    listed = f"dyad:{make_edge_id(s, k, t)}"
    for pages in (None, {listed: {"shown": 40, "order": "newest", "outlet": None, "flag": None}},
                  {listed: {"shown": 20, "order": "confidence", "outlet": None, "flag": "holds"}}):
        shown, expected = (str(dyad_dossier(g, s, t, documents=lazy.documents, pages=pages))
                           for g in (lazy.graph, eager))
        assert shown == expected and "cooperation" in shown


def index_rows(index):
    """The filter engine's rows as a set, articles and months by name (their codes are the engine's own)."""
    name = {code: doc for doc, code in index.doc_code.items()}
    return sorted((index.edge_ids[e], str(name[d]), n, h, a, ha) for e, d, n, h, a, ha in zip(
        index.pair_edge.tolist(), index.pair_doc.tolist(), index.pair_n.tolist(), index.pair_held.tolist(),
        index.pair_articles.tolist(), index.pair_held_articles.tolist()))


def test_the_index_reads_stored_rows_as_columns_and_gives_what_the_loop_gives_on_a_curated_graph(generated):
    from graph.curation import effective_actions
    from graph.index import EdgeIndex
    from ui.filters import month_range
    from graph.query import date_bounds

    db, _ = generated
    with Store(db) as store:
        raw = store.graph(lazy=True)
    co = sorted((s, t) for s, t, k in stored_edges(raw) if len(raw.edges[s, t, k]["evidence"]) > 1)
    first = next(iter(raw.edges[co[0][0], co[0][1], "co_mentioned"]["evidence"]))
    log = [{"op": "merge", "keep": "actor-0", "drop": "actor-1"},
           {"op": "reject", "subject": co[1][0], "relation": "co_mentioned", "object": co[1][1]},
           {"op": "reject", "subject": co[0][0], "relation": "co_mentioned", "object": co[0][1],
            "doc_id": first["doc_id"], "sentence": first["sentence"]},
           {"op": "confirm", "subject": co[2][0], "relation": "co_mentioned", "object": co[2][1]},
           {"op": "merge", "keep": "actor-2", "drop": "actor-3"}, {"op": "undo"}]
    for n in range(len(log) + 1):
        g = apply_curation(raw, effective_actions(log[:n])).graph if n else raw
        months = month_range(*date_bounds(g))
        fast, slow = EdgeIndex(g, months), EdgeIndex(g, months, vectorised=False)
        as_read = [d["evidence"].span is not None for *_, d in g.edges(keys=True, data=True)
                   if isinstance(d.get("evidence"), StoredEvidence)]
        assert any(as_read) and (n == 0 or not all(as_read)), "some edges read as columns, curated ones one by one"
        assert index_rows(fast) == index_rows(slow)
        assert fast.stored_months == slow.stored_months and fast.edge_ids == slow.edge_ids
        ends = sorted({0, len(months) // 2, len(months) - 1})
        for span in [None] + [(a, b) for a in ends for b in ends if a <= b]:
            a, b = (i.survivors(relations=fast.relation_names, types=fast.type_names, months=span, min_articles=1)
                    for i in (fast, slow))
            for name in ("edges", "weight", "articles", "held", "held_articles", "nodes"):
                assert getattr(a, name).tolist() == getattr(b, name).tolist(), (n, span, name)


def test_the_aggregates_equal_the_graph_on_postgresql(pg_url):
    """The explorer's bulk reads (a server's rows streamed in chunks) give what SQLite's give."""
    rng = random.Random(4)
    with Store(pg_url) as store:
        store.add([article(n, rng) for n in range(40)])
        store.add([article(n, rng, version=1) for n in range(0, 40, 4)])
    assert_same(pg_url)


def test_the_sentences_read_on_demand_agree_with_the_graph_on_postgresql(pg_url):
    rng = random.Random(4)
    with Store(pg_url) as store:
        store.add([article(n, rng) for n in range(40)])
        store.append_curation({"op": "merge", "keep": "actor-0", "drop": "actor-1"})
    assert_same(pg_url, [{"op": "merge", "keep": "actor-0", "drop": "actor-1"}])
    with Store(pg_url) as store:
        store.append_curation({"op": "undo"})
    assert_same(pg_url)


def test_a_hubs_oldest_articles_found_by_walking_the_articles_are_the_sorted_ones(generated):
    """A hub's oldest articles are found by walking all articles oldest first: the same ones, in
    the same order (undated last, then by id), as sorting the actor's own."""
    from sqlalchemy import text

    from graph.aggregates import WALK_FROM, oldest_articles
    db, _ = generated
    with Store(db) as store:
        actors = store.read(lambda conn, order: conn.execute(text(
            "SELECT entity_id FROM mentions GROUP BY entity_id ORDER BY count(*) DESC, entity_id")).scalars().all())
        undated = store.read(lambda conn, order: conn.execute(text(
            "SELECT count(*) FROM documents WHERE date IS NULL")).scalar())
        assert len(actors) > 4 and undated, "a corpus with undated articles to order"
        for ids in ([actors[0]], [actors[-1]], actors[1:4]):
            every = store.read(lambda conn, order: oldest_articles(conn, ids, None))
            assert every and set(every) == set(store.actor_articles(tuple(ids)))
            for n in (1, 3, len(every) + 2):
                walked = store.read(lambda conn, order: oldest_articles(conn, ids, n, count=WALK_FROM))
                assert walked == store.read(lambda conn, order: oldest_articles(conn, ids, n)) == every[:n]


def test_each_edges_first_sentences_are_read_once_and_kept_within_bounds(generated, monkeypatch):
    """A reader keeps each edge's first sentences (a hub's relations show in every neighbour's panel):
    asked again, it answers the same without a query; it keeps at most KNOWN answers."""
    from sqlalchemy import text

    from graph import sentences
    from graph.lazy import StoreReader
    db, _ = generated
    with Store(db) as store:
        edges = [tuple(row) for row in store.read(lambda conn, order: conn.execute(text(
            "SELECT DISTINCT subject, relation, object FROM relations ORDER BY 1, 2, 3")).all())]
    assert len(edges) > 10
    reader = StoreReader(lambda: Store(db, read_only=True))
    asked: list[int] = []
    real_first = sentences.first
    monkeypatch.setattr(sentences, "first",
                        lambda store, keys, n: asked.append(len(keys)) or real_first(store, keys, n))
    once = reader.first(edges[:6], 2)
    assert asked == [6] and all(1 <= len(v) <= 2 for v in once.values())
    assert reader.first(edges[:6], 2) == once and asked == [6]  # kept: no second query
    assert reader.first(edges[4:8], 2) == {**{k: once[k] for k in edges[4:6]}, **reader.first(edges[6:8], 2)}
    assert asked == [6, 2]  # only the two not seen before were read
    with Store(db) as store:
        assert once == {key: evs for key, evs in real_first(store, edges[:6], 2).items()}
    monkeypatch.setattr(StoreReader, "KNOWN", 5)
    small = StoreReader(lambda: Store(db, read_only=True))
    small.first(edges[:10], 2)
    assert len(small._known) == 5


def test_a_lists_first_page_and_outlet_counts_are_read_once_a_reader(generated, monkeypatch):
    """A relation clicked again (by this reader or another session sharing it) is not ranked or
    counted again: its page's ids and its outlets are kept, and are what the store gives."""
    from sqlalchemy import text

    from graph import sentences
    from graph.lazy import StoreReader
    db, _ = generated
    with Store(db) as store:
        edges = [tuple(row) for row in store.read(lambda conn, order: conn.execute(text(
            "SELECT DISTINCT subject, relation, object FROM relations ORDER BY 1, 2, 3")).all())][:5]
        page, outlets = sentences.first_page(store, edges, 7), sentences.outlet_counts(store, edges)
    reader = StoreReader(lambda: Store(db, read_only=True))
    asked: list[str] = []
    for name in ("first_page", "outlet_counts"):
        real = getattr(sentences, name)
        monkeypatch.setattr(sentences, name, lambda *a, real=real, name=name: asked.append(name) or real(*a))
    for _ in range(3):
        assert reader.first_page(edges, 7) == page and reader.outlet_counts(edges) == outlets
    assert asked == ["first_page", "outlet_counts"] and len(page) == 7 and sum(outlets.values()) > 7
    assert reader.first_page(edges, 3) == page[:3] and asked[-1] == "first_page"  # another length: asked


@pytest.mark.parametrize("at_once", [300, 3])
def test_a_lists_first_pages_and_outlets_come_from_the_store_as_sorted_in_memory(generated, monkeypatch, at_once):
    """In its default order a list's page is picked by the database (and its outlets counted there)
    exactly as `graph.pages` sorts the list read without its words: undated last, ties in reading
    order, whether its edges take one query or many (`at_once` edges a query)."""
    from graph import sentences

    monkeypatch.setattr(sentences, "EDGES_AT_ONCE", at_once)
    _pages_picked_as_sorted(generated[0])


@pytest.mark.parametrize("at_once", [300, 3])
def test_a_lists_first_pages_come_from_postgresql_as_sorted_in_memory(pg_url, monkeypatch, at_once):
    """The same on a database server whose collation orders text otherwise (English: "a" before
    "B"; Python and SQLite: "B" before "a"): the page is the one Python's order gives."""
    import psycopg

    from graph import sentences

    monkeypatch.setattr(sentences, "EDGES_AT_ONCE", at_once)
    rng = random.Random(4)
    with Store(pg_url) as store:
        store.add([article(n, rng) for n in range(30)])
    with psycopg.connect(pg_url, autocommit=True) as conn:  # sources of mixed case, in an English collation
        conn.execute('ALTER TABLE documents ALTER COLUMN source TYPE TEXT COLLATE "en-x-icu"')
        conn.execute("UPDATE documents SET source = (CASE WHEN length(id) % 2 = 0 THEN 'B' ELSE 'a' END) || source")
    _pages_picked_as_sorted(pg_url)


def _pages_picked_as_sorted(target) -> None:
    from graph.sentence_list import StoredSentences, as_stored
    from graph.pages import outlets_of

    with Store(target) as store:
        g = store.graph(lazy=True)
    documents = g.graph["documents"]
    assert any(not meta.get("date") for meta in documents.values())  # undated articles are listed last
    edges = sorted(g.edges(keys=True))
    for chosen in (edges[:1], edges[:9], edges):
        stored = as_stored(chosen, [g.edges[e]["evidence"] for e in chosen])
        assert stored
        for offset, limit in ((0, 1), (0, 8), (0, 20), (20, 20), (3, 500)):
            picked = StoredSentences.of(list(stored.values()))
            in_memory = StoredSentences.of(list(stored.values()))
            in_memory.light(documents)  # read without its words: sorted and cut in memory
            fast, slow = (lst.page(documents, offset=offset, limit=limit) for lst in (picked, in_memory))
            assert picked._light is None  # the database picked it: the list was not read
            assert [(ev["_edge"], ev["doc_id"], ev["start"]) for ev in fast.rows] == \
                [(ev["_edge"], ev["doc_id"], ev["start"]) for ev in slow.rows]
            assert (fast.matched, fast.total, fast.left) == (slow.matched, slow.total, slow.left)
            assert len(fast.rows) == min(limit, max(0, len(picked) - offset))
        assert StoredSentences.of(list(stored.values())).outlets(documents) == outlets_of(in_memory.light(documents),
                                                                                      documents)
