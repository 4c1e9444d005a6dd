"""The explorer's server-side model: filters, views, budget, paths, and the store behind it."""
from __future__ import annotations

import os

import pytest

from graph.export import from_node_link
from graph.store import Store, StoreError
from ui.corpus import Corpus, Filters, merged_into
from ui.source import FULL_COLLECTION_AFTER, CorpusSource, CurationRefused
from ui.uploads import Upload

ALL_TYPES = ("GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON", "WEAPON", "LOC")


def choose(corpus, **filters):
    return corpus.filters(filters.get("relations", corpus.default_relations), filters.get("types", corpus.entity_types),
                          filters.get("dates"), filters.get("min", 1))


def default_view(corpus, selection=None, view=None, hops=1, **filters):
    return corpus.view(choose(corpus, **filters), corpus.view_spec(view, hops), selection)


def drawn(corpus, view) -> set[str]:
    return set(view.nodes)


def drawn_edges(corpus, view, **filters):
    """(source, target, relation, attrs with recounted totals) of the edges drawn."""
    s = view.survivors
    out = []
    for i in view.edges:
        a, b, k, d = corpus.index.edge(i)
        out.append((a, b, k, {**d, "weight": int(s.weight[i]), "articles": int(s.articles[i])}))
    return out


# --------------------------------------------------------------------------- filters


def test_filters_are_normalised_into_keys(sample_corpus):
    c = sample_corpus
    last = len(c.months) - 1
    f = c.filters(["opposes", "bogus", "supports"], ["PERSON", "ROBOT"], [0, last], "2")
    assert f == Filters(("supports", "opposes"), ("PERSON",), None, 2)
    assert c.filters([], [], [last, 0], 0).dates is None  # reversed full span is still the full span
    assert c.filters([], [], [1, 3], None).dates == (c.months[1], c.months[3])
    assert c.filters(None, None, ["x", 3], "many") == Filters((), (), None, 1)
    assert c.filters([], [], [0, 99], 50).min_articles == 10


def test_the_corpus_knows_its_months_and_options(sample_corpus):
    assert sample_corpus.months[0] == "2016-07" and sample_corpus.months[-1] == "2020-02"
    assert sample_corpus.max_articles == 3
    assert "co_mentioned" in sample_corpus.relations and "co_mentioned" not in sample_corpus.default_relations
    assert {o["value"] for o in sample_corpus.search_options} == set(sample_corpus.graph.nodes)


def test_filtered_graphs_are_computed_once_per_choice(sample_corpus):
    f = sample_corpus.default_filters()
    assert sample_corpus.filtered(f) is sample_corpus.filtered(f)
    assert sample_corpus.survivors(f) is sample_corpus.survivors(f)
    view = default_view(sample_corpus)
    assert sample_corpus.elements(view, f) is sample_corpus.elements(default_view(sample_corpus), f)


def test_the_default_view_draws_what_the_filters_allow(sample_corpus):
    view = default_view(sample_corpus)
    fg = sample_corpus.filtered(sample_corpus.default_filters())
    assert drawn(sample_corpus, view) == set(fg.nodes)
    assert {(a, b, k) for a, b, k, _ in drawn_edges(sample_corpus, view)} == set(fg.edges(keys=True))
    assert not view.truncated and view.focus is None


def test_the_view_key_changes_with_what_is_drawn_only(sample_corpus):
    base = default_view(sample_corpus).key
    assert default_view(sample_corpus, {"kind": "node", "id": "turkey"}).key == base  # a click redraws nothing
    assert default_view(sample_corpus, relations=["supports"]).key != base
    assert default_view(sample_corpus, view={"focus": "turkey"}).key != base


def test_a_date_range_drops_edges_without_evidence_in_it(sample_corpus):
    months = sample_corpus.months
    late = default_view(sample_corpus, dates=[months.index("2020-01"), len(months) - 1])
    everything = default_view(sample_corpus)
    assert len(late.edges) < len(everything.edges)
    fg = sample_corpus.filtered(choose(sample_corpus, dates=[months.index("2020-01"), len(months) - 1]))
    for a, b, k, d in drawn_edges(sample_corpus, late):
        assert (d["weight"], d["articles"]) == (fg.edges[a, b, k]["weight"], fg.edges[a, b, k]["articles"])
        assert all(sample_corpus.documents[ev["doc_id"]]["date"] >= "2020-01" for ev in fg.edges[a, b, k]["evidence"])


def test_minimum_articles_keeps_corroborated_edges(sample_corpus):
    view = default_view(sample_corpus, min=2)
    assert view.edges
    assert all(d["articles"] >= 2 for *_, d in drawn_edges(sample_corpus, view) if d["evidence"])


def test_focus_shows_the_neighbourhood_within_hops(sample_corpus):
    one = default_view(sample_corpus, view={"focus": "nato"}, hops=1)
    two = default_view(sample_corpus, view={"focus": "nato"}, hops=2)
    assert drawn(sample_corpus, one) == {"nato", "turkey"}
    assert drawn(sample_corpus, one) < drawn(sample_corpus, two)
    assert one.focus == "nato"


def test_expanding_adds_a_nodes_neighbours_to_the_view(sample_corpus):
    focused = default_view(sample_corpus, view={"focus": "nato"})
    expanded = default_view(sample_corpus, view={"focus": "nato", "expanded": ["turkey"]})
    assert drawn(sample_corpus, focused) < drawn(sample_corpus, expanded)
    fg = sample_corpus.filtered(sample_corpus.default_filters())
    assert set(fg.successors("turkey")) | set(fg.predecessors("turkey")) <= drawn(sample_corpus, expanded)


def test_a_focus_the_filters_hide_falls_back_to_the_whole_graph(sample_corpus):
    view = default_view(sample_corpus, view={"focus": "atlantis"})
    assert view.focus is None and view.key == default_view(sample_corpus).key


def test_a_selected_actor_hidden_by_the_filters_is_still_drawn(sample_corpus):
    selection = {"kind": "node", "id": "james-jeffrey"}
    view = default_view(sample_corpus, selection, relations=["acquires"])
    assert "james-jeffrey" in view.nodes and view.keep == {"james-jeffrey"}
    assert "james-jeffrey" in sample_corpus.local(choose(sample_corpus, relations=["acquires"]), selection)


def test_big_graphs_show_their_most_central_part_and_searched_actors_reach_the_rest(sample_graph):
    corpus = Corpus(from_node_link(sample_graph), budget=4)
    view = default_view(corpus)
    assert view.truncated and len(view.nodes) == 4 and view.total > 4
    assert {"turkey", "united-states"} <= set(view.nodes)
    far = next(n for n in corpus.filtered(corpus.default_filters()).nodes if n not in view.nodes)
    searched = default_view(corpus, {"kind": "node", "id": far, "via": "search"})
    assert far in searched.nodes and searched.key != view.key


def test_the_edge_budget_keeps_the_strongest_edges(sample_graph):
    corpus = Corpus(from_node_link(sample_graph), edge_budget=5)
    view = default_view(corpus)
    assert len(view.edges) == 5 and view.edges_total > 5
    kept = drawn_edges(corpus, view)
    everything = drawn_edges(Corpus(from_node_link(sample_graph)), default_view(Corpus(from_node_link(sample_graph))))
    weakest_kept = min((d["articles"], d["weight"]) for *_, d in kept)
    assert sum(1 for *_, d in everything if (d["articles"], d["weight"]) > weakest_kept) <= 5


def test_a_path_query_draws_its_paths(sample_corpus):
    view = default_view(sample_corpus, {"kind": "path", "id": "united-states,russia", "k": 3})
    assert 1 <= len(view.paths) <= 3
    assert {"united-states", "russia"} <= view.path_nodes
    assert view.path_edges and all(e.count("|") == 2 for e in view.path_edges)
    ids_ = {e["data"]["id"] for e in sample_corpus.elements(view, sample_corpus.default_filters())
            if "on-path" in (e.get("classes") or "")}
    assert view.path_edges <= ids_ and {"united-states", "russia"} <= ids_


def test_a_path_query_respects_the_relation_filter(sample_corpus):
    view = default_view(sample_corpus, {"kind": "path", "id": "united-states,russia", "k": 5},
                        relations=["member_of"])
    assert view.paths == ()


def test_charts_and_article_index_come_from_the_filtered_graph(sample_corpus):
    f = sample_corpus.default_filters()
    assert sample_corpus.stance(f).ids[:2] and sample_corpus.central(f)[0][0] in sample_corpus.graph
    index = sample_corpus.article_relations()
    assert set(index) <= set(sample_corpus.documents)
    assert all(rows == sorted(rows, key=lambda r: (r[3]["start"], r[2])) for rows in index.values())
    assert sample_corpus.article_text(next(iter(index))) is None  # no store: no text


def test_merged_into_follows_chains():
    actions = [{"op": "merge", "keep": "b", "drop": "a"}, {"op": "rename", "id": "b", "label": "B"},
               {"op": "merge", "keep": "c", "drop": "b"}]
    assert merged_into(actions) == {"a": "c", "b": "c"}


# --------------------------------------------------------------------------- sources


def test_a_source_needs_exactly_one_of_store_and_data(sample_graph, tmp_path):
    with pytest.raises(ValueError):
        CorpusSource()
    with pytest.raises(ValueError):
        CorpusSource(store_path=tmp_path / "x.db", data=sample_graph)


def test_a_node_link_graph_is_read_only(sample_graph):
    source = CorpusSource(data=sample_graph)
    assert source.current() is source.current() and not source.current().writable
    with pytest.raises(CurationRefused, match="--db"):
        source.curate({"op": "rename", "id": "turkey", "label": "Türkiye"})
    with pytest.raises(CurationRefused):
        source.upload([Upload("a.txt", b"text")])


def test_a_missing_or_foreign_store_fails_with_the_file_named(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        CorpusSource(store_path=tmp_path / "missing.db").current()
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="bogus.db"):
        CorpusSource(store_path=bogus).current()


def test_curation_is_kept_in_the_store_and_applied_on_every_rebuild(seed_store_copy):
    source = CorpusSource(store_path=seed_store_copy)
    before = source.current()
    assert before.writable and before.version.endswith("-l0")
    after = source.curate({"op": "merge", "keep": "united-states", "drop": "pentagon"})
    assert after.version != before.version and "pentagon" not in after.graph
    assert after.labels_before["pentagon"] == "Pentagon" and after.canonical == {"pentagon": "united-states"}
    assert after.positions["united-states"] == before.positions["united-states"]  # the picture stays put
    with Store(seed_store_copy) as store:
        assert store.curation_log() == [{"op": "merge", "keep": "united-states", "drop": "pentagon"}]
    fresh = CorpusSource(store_path=seed_store_copy).current()  # another process, a restart
    assert "pentagon" not in fresh.graph
    assert fresh.positions["turkey"] == before.positions["turkey"]  # the same picture after a restart
    undone = source.curate({"op": "undo"})
    assert "pentagon" in undone.graph


def test_a_malformed_action_is_refused_before_it_reaches_the_log(seed_store_copy):
    source = CorpusSource(store_path=seed_store_copy)
    with pytest.raises(CurationRefused, match="cannot merge"):
        source.curate({"op": "merge", "keep": "turkey", "drop": "turkey"})
    with Store(seed_store_copy) as store:
        assert store.curation_log() == []


def test_the_snapshot_is_reused_until_the_store_changes(seed_store_copy):
    source = CorpusSource(store_path=seed_store_copy)
    first = source.current()
    assert source.current() is first
    with Store(seed_store_copy) as store:  # another program writes to the store
        store.append_curation({"op": "rename", "id": "turkey", "label": "Türkiye"})
    assert source.current().label("turkey") == "Türkiye"


def test_uploads_are_ingested_from_memory_and_bad_files_reported(seed_store_copy):
    source = CorpusSource(store_path=seed_store_copy, max_upload_bytes=500)
    folder = seed_store_copy.parent
    listing = sorted(os.listdir(folder))
    text = b"Greece criticized Turkey over the drilling. Greece and Cyprus signed a defence agreement."
    outcome = source.upload([Upload("../../evil/greece.txt", text), Upload("notes.pdf", b"%PDF-1.4"),
                             Upload("huge.txt", b"x" * 501), Upload("blank.md", b"   ")])
    assert outcome.added == 1
    assert [(e.path, e.reason.split(" (")[0]) for e in outcome.errors] == [
        ("notes.pdf", "unsupported file type '.pdf'"),
        ("huge.txt", "file is 501 bytes, above the 500 bytes limit"),
        ("blank.md", "empty file")]
    corpus = source.current()
    assert corpus.stats["articles"] == 6 and "greece" in corpus.graph
    assert {f for f in os.listdir(folder) if not f.startswith("corpus.db")} == \
        {f for f in listing if not f.startswith("corpus.db")}  # nothing written beside the store
    doc = next(d for d in corpus.documents.values() if d["source"] == "greece.txt")
    assert doc["title"] == "greece"  # no headline line: the file name stands in


def test_article_texts_and_mentions_come_from_the_store(seed_store_copy):
    corpus = CorpusSource(store_path=seed_store_copy).current()
    doc_id = next(iter(corpus.documents))
    stored = corpus.article_text(doc_id)
    assert stored.document.text and stored.mentions
    assert all(stored.document.text[m.start:m.end] == m.text for m in stored.mentions)
    assert corpus.article_text("unknown") is None


def test_opening_an_article_reads_that_article_only(seed_store_copy, monkeypatch):
    corpus = CorpusSource(store_path=seed_store_copy).current()
    monkeypatch.setattr(Store, "extractions", lambda self: pytest.fail("read every article"))
    first, second = list(corpus.documents)[:2]
    assert corpus.article_text(first).document.id == first
    assert corpus.article_text(second).document.id == second
    assert corpus.article_text(first) is corpus.article_text(first)  # read once, then remembered
    assert corpus.article_text(None) is None


def test_a_snapshot_is_kept_out_of_the_cycle_collector_and_freed_when_replaced(seed_store_copy):
    import gc
    import weakref

    source = CorpusSource(store_path=seed_store_copy)
    old = weakref.ref(source.current().graph)
    assert gc.get_freeze_count() > 0  # the snapshot's objects were frozen
    with Store(seed_store_copy) as store:
        store.append_curation({"op": "rename", "id": "turkey", "label": "Türkiye"})
    assert source.current().label("turkey") == "Türkiye"
    assert old() is None  # the replaced snapshot was handed back to the collector and freed
    assert gc.get_threshold()[2] == FULL_COLLECTION_AFTER  # full collections, walking the caches, put off


def test_a_local_graph_let_go_by_the_memo_is_freed_without_the_cycle_collector(seed_store_copy, monkeypatch):
    import gc
    import weakref

    import ui.corpus

    monkeypatch.setattr(ui.corpus, "LOCAL_MEMO_SIZE", 1)
    corpus = CorpusSource(store_path=seed_store_copy).current()
    f = corpus.default_filters()
    first, second = [n for n, _, _ in corpus.central(f)][:2]
    gc.disable()  # only reference counting frees, from here on
    try:
        g = corpus.local(f, {"kind": "node", "id": first})
        # views asked for as a panel asks for them: the edge and degree views refer back to the graph
        assert list(g.out_edges(first, keys=True)) + list(g.in_edges(first, keys=True)) and g.degree(first)
        kept = weakref.ref(g)
        del g
        assert kept() is not None  # still in the memo
        corpus.local(f, {"kind": "node", "id": second})  # the memo lets the first go
        assert kept() is None
    finally:
        gc.enable()


def test_a_read_that_races_a_writer_is_tried_again(seed_store_copy, monkeypatch):
    source = CorpusSource(store_path=seed_store_copy)
    real = source._read
    calls = []

    def flaky(previous):
        calls.append(1)
        if len(calls) == 1:
            raise KeyError("doc added between two reads")
        return real(previous)
    monkeypatch.setattr(source, "_read", flaky)
    assert source.current().stats["articles"] == 5 and len(calls) == 2


def test_a_failed_rebuild_keeps_serving_the_last_good_snapshot(seed_store_copy, monkeypatch):
    source = CorpusSource(store_path=seed_store_copy)
    good = source.current()
    with Store(seed_store_copy) as store:
        store.append_curation({"op": "rename", "id": "turkey", "label": "Türkiye"})

    def broken(previous):
        raise KeyError("still racing")
    monkeypatch.setattr(source, "_read", broken)
    assert source.current() is good
    monkeypatch.undo()
    assert source.current().label("turkey") == "Türkiye"  # the next request reads the store again


def test_a_damaged_table_is_a_store_error_naming_the_file(seed_store_copy, monkeypatch):
    import sqlite3

    source = CorpusSource(store_path=seed_store_copy)

    def damaged(previous):
        raise sqlite3.DatabaseError("database disk image is malformed")
    monkeypatch.setattr(source, "_read", damaged)
    with pytest.raises(StoreError, match="corpus.db.*malformed"):
        source.current()
