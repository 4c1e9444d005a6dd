"""Issue 12, below the browser: what counts, evidence pages, evidence search, the pair's timeline, the layout."""
from __future__ import annotations

import numpy as np

from graph.export import from_node_link
from graph.ontology import WEAK_RELATIONS
from graph.pages import PAGE_SIZE, evidence_page, has_flag, outlets_of
from graph.query import dyad_timeline, evidence_strength, holds, shortest_paths, stance_matrix
from graph.search import search_evidence
from tests.helpers import synthetic_corpus
from ui import ids
from ui.evidence_view import list_state, next_pages
from ui.positions import _pack_boxes, node_positions, overview_positions
from ui.source import CorpusSource


def ev(doc, sentence="A did it to B.", *, negated=False, modality="asserted", confidence=0.9, start=0):
    return {"doc_id": doc, "source": f"{doc}.txt", "sentence": sentence, "start": start, "end": start + len(sentence),
            "negated": negated, "modality": modality, "confidence": confidence}


DOCS = {"d1": {"date": "2024-01", "outlet": "Wire"}, "d2": {"date": "2024-03", "outlet": "Paper"},
        "d3": {"date": None, "outlet": "Wire"}}


def graph(edges, docs=DOCS):
    nodes = sorted({x for e in edges for x in (e[0], e[2])})
    return from_node_link({"directed": True, "multigraph": True, "graph": {"documents": docs},
                           "nodes": [{"id": n, "label": n.title(), "type": "GPE"} for n in nodes],
                           "edges": [{"source": s, "target": t, "key": r, "relation": r, "weight": len(e),
                                      "articles": len({x["doc_id"] for x in e}), "evidence": e}
                                     for s, r, t, e in edges]})


# --------------------------------------------------------------------------- what counts


def test_a_sentence_holds_when_asserted_or_reported_and_not_negated():
    assert holds(ev("d1")) and holds(ev("d1", modality="reported"))
    assert not holds(ev("d1", negated=True))
    assert not holds(ev("d1", modality="future")) and not holds(ev("d1", modality="hypothetical"))
    assert holds(ev("d1", negated=True), everything=True)
    assert evidence_strength({"evidence": [ev("d1"), ev("d2", negated=True), ev("d3", modality="future")]}) == 1
    assert evidence_strength({"evidence": [], "weight": 1}) == 1  # an alias-table edge keeps its weight


def test_stance_leaves_out_denied_and_supposed_cooperation():
    g = graph([("a", "cooperates", "b", [ev("d1", negated=True), ev("d2", modality="hypothetical")]),
               ("a", "attacks", "b", [ev("d1")]), ("b", "supports", "c", [ev("d2")])])
    m = stance_matrix(g, top=3)
    i, j = m.ids.index("a"), m.ids.index("b")
    assert (m.coop[i][j], m.conflict[i][j], m.net[i][j]) == (0, 1, -1)
    every = stance_matrix(g, top=3, everything=True)
    assert (every.coop[i][j], every.conflict[i][j]) == (2, 1)


def test_a_negated_relation_is_no_hop_and_hops_say_what_they_rest_on():
    g = graph([("a", "supports", "b", [ev("d1")]), ("b", "cooperates", "c", [ev("d2", negated=True)])])
    assert shortest_paths(g, "a", "c") == []
    (path,) = shortest_paths(g, "a", "c", everything=True)
    assert [h.relation for h in path] == ["supports", "cooperates"]
    assert (path[1].negated, path[1].strength, path[1].articles) == (1, 1, 1)
    assert (path[0].negated, path[0].strength) == (0, 1)


def test_paths_of_one_length_come_best_attested_first():
    g = graph([("a", "supports", "x", [ev("d1")]), ("x", "supports", "z", [ev("d1")]),
               ("a", "supports", "y", [ev("d1"), ev("d2"), ev("d3")]), ("y", "supports", "z", [ev("d2"), ev("d3")])])
    first, second = shortest_paths(g, "a", "z", k=2)
    assert first[0].target == "y" and second[0].target == "x"


def test_a_pairs_timeline_counts_cooperation_and_conflict_by_month_with_gaps():
    g = graph([("a", "supports", "b", [ev("d1"), ev("d2", negated=True)]), ("b", "attacks", "a", [ev("d2")]),
               ("a", "negotiates", "b", [ev("d3")])])
    months = dyad_timeline(g, "a", "b")
    assert [(m.month, m.cooperation, m.conflict) for m in months] == [
        ("2024-01", 1, 0), ("2024-02", 0, 0), ("2024-03", 0, 1)]
    assert dyad_timeline(g, "a", "b", everything=True)[-1].cooperation == 1


# --------------------------------------------------------------------------- evidence pages and search


def test_evidence_comes_a_page_at_a_time_sorted_and_filtered():
    evidence = [ev("d2", start=5), ev("d1", start=9), ev("d3"), ev("d1", start=1, negated=True)]
    page = evidence_page(evidence, DOCS, limit=2)
    assert [(e["doc_id"], e["start"]) for e in page.rows] == [("d1", 1), ("d1", 9)]
    assert (page.matched, page.total, page.left) == (4, 4, 2)
    newest = evidence_page(evidence, DOCS, order="newest")
    assert [e["doc_id"] for e in newest.rows] == ["d2", "d1", "d1", "d3"]  # undated last
    wire = evidence_page(evidence, DOCS, outlet="Wire", flag="holds")
    assert [(e["doc_id"], e["start"]) for e in wire.rows] == [("d1", 9), ("d3", 0)]
    assert evidence_page(evidence, DOCS, offset=3, limit=5).rows == (evidence[2],)
    assert has_flag(ev("d1", modality="future"), "speculative") and not has_flag(ev("d1"), "negated")
    assert outlets_of(evidence, DOCS) == ["Wire", "Paper"]


def test_more_adds_a_page_and_a_new_order_starts_again():
    more = {"type": ids.EVIDENCE_MORE, "list": "a|supports|b"}
    order = {"type": ids.EVIDENCE_ORDER, "list": "a|supports|b", "field": "order"}
    pages = next_pages({}, more, "n_clicks", 1)
    assert pages == {"a|supports|b": {"shown": 2 * PAGE_SIZE, "order": "oldest", "outlet": None, "flag": None}}
    assert next_pages(pages, more, "n_clicks", 0) is None  # a link that merely appeared
    assert next_pages(pages, order, "value", "oldest") is None  # a redrawn control changes nothing
    sorted_ = next_pages(pages, order, "value", "newest")
    assert list_state(sorted_, "a|supports|b") == {"shown": PAGE_SIZE, "order": "newest", "outlet": None,
                                                   "flag": None}
    assert list_state({"x": "junk"}, "x")["shown"] == PAGE_SIZE


def test_evidence_search_finds_sentences_holding_every_word_accents_and_case_folded():
    g = graph([("a", "supports", "b", [ev("d1", "The ceasefire in Idlib holds."), ev("d2", "Talks in Doha.")]),
               ("b", "attacks", "c", [ev("d2", "Shelling broke the CEASEFIRE near Idlib.")]),
               ("a", "co_mentioned", "c", [ev("d3", "Idlib ceasefire, again.")])])
    hits, total = search_evidence(g, "idlib Ceasefire")
    assert total == 2 and {h.relation for h in hits} == {"supports", "attacks"}
    assert search_evidence(g, "idlib ceasefire", include_weak=True)[1] == 3
    assert search_evidence(g, "Dōha")[1] == 1
    assert search_evidence(g, "   ") == ([], 0)
    assert search_evidence(g, "ceasefire", limit=1)[1] == 2 and len(search_evidence(g, "ceasefire", limit=1)[0]) == 1


# --------------------------------------------------------------------------- layout


def test_packed_boxes_never_overlap_and_the_first_sits_in_the_middle():
    sizes = [(400.0, 300.0)] + [(120.0, 80.0)] * 12 + [(60.0, 200.0)] * 3
    centres = np.array(_pack_boxes(sizes))
    assert np.allclose(centres[0], 0)
    half = np.array(sizes) / 2
    for i in range(len(sizes)):
        for j in range(i + 1, len(sizes)):
            gap = np.abs(centres[i] - centres[j]) - (half[i] + half[j])
            assert (gap >= -1e-6).any(), (i, j)
    span = centres.max(axis=0) - centres.min(axis=0)
    assert span[0] < 3 * 400 and span[1] < 3 * 300  # packed, not strewn


def test_small_components_sit_beside_the_main_one_not_far_away():
    edges = [(f"m{i}", f"m{i + 1}") for i in range(20)] + [(f"m{i}", f"m{i + 3}") for i in range(17)]
    edges += [(f"p{k}a", f"p{k}b") for k in range(8)]
    data = {"nodes": [{"id": n, "label": n} for n in sorted({x for e in edges for x in e})],
            "edges": [{"source": s, "target": t, "relation": "supports"} for s, t in edges]}
    pos = node_positions(data)
    main = np.array([[pos[f"m{i}"]["x"], pos[f"m{i}"]["y"]] for i in range(21)])
    pairs = np.array([[pos[n]["x"], pos[n]["y"]] for n in pos if n.startswith("p")])
    width = np.ptp(main, axis=0).max()
    assert np.abs(pairs - main.mean(axis=0)).max() < 2.5 * width  # was: flung off, "fit" zoomed to a speck


def test_a_big_graph_opens_on_an_overview_laid_out_to_be_read():
    source = CorpusSource(data=synthetic_corpus(articles=300, actors=150))
    corpus = source.current()
    view = corpus.view(corpus.default_filters(), corpus.view_spec(None), None)
    assert len(view.nodes) == 40 and view.truncated and view.positions
    drawn = [(p.source, p.target) for p in view.pairs]
    assert view.pairs and not view.edges and len(set(map(frozenset, drawn))) == len(drawn)  # one edge per pair
    assert len(view.pairs) <= 3 * len(view.nodes) < view.edges_total  # the strongest pairs; the notice says so
    assert all(a in view.nodes and b in view.nodes for a, b in drawn)
    pts = np.array([[view.positions[n]["x"], view.positions[n]["y"]] for n in view.nodes])
    assert np.ptp(pts[:, 0]) < 1000 and np.ptp(pts[:, 1]) < 900
    more = corpus.view(corpus.default_filters(), corpus.view_spec({"more": True}), None)
    assert len(more.nodes) > 100 and more.positions is None
    assert set(overview_positions(corpus.light, view.nodes)) == set(view.nodes)


def test_selecting_an_actor_outside_the_overview_keeps_the_central_actors_where_they_were():
    corpus = CorpusSource(data=synthetic_corpus(articles=300, actors=150)).current()
    f, spec = corpus.default_filters(), corpus.view_spec(None)
    overview = corpus.view(f, spec, None)
    outside = next(n for n in corpus.index.nodes if n not in overview.nodes and corpus.survivors(f).nodes[
        corpus.index.node_index[n]] and len(corpus.index.incident(corpus.survivors(f), [n])) > 1)
    chosen = corpus.view(f, spec, {"kind": "node", "id": outside})
    assert outside in chosen.nodes and chosen.overview and chosen.positions
    stayed = set(overview.nodes) & set(chosen.nodes)
    assert stayed and all(chosen.positions[n] == overview.positions[n] for n in stayed)  # nothing else moves
    near = [chosen.positions[n] for n in chosen.nodes if n not in stayed]
    assert len(near) == len(set(chosen.nodes) - stayed) and all(np.isfinite([p["x"], p["y"]]).all() for p in near)


def test_a_filter_change_keeps_the_first_views_actors_where_they_were(monkeypatch):
    import ui.corpus

    corpus = CorpusSource(data=synthetic_corpus(articles=300, actors=150)).current()
    spec, last = corpus.view_spec(None), len(corpus.months) - 1
    first = corpus.view(corpus.default_filters(), spec, None)
    for relations, types, dates in ((corpus.default_relations, corpus.entity_types, [last - 2, last]),
                                    (corpus.default_relations, corpus.entity_types[1:], [0, last])):
        view = corpus.view(corpus.filters(relations, types, dates, 1), spec, None)
        stayed = set(first.nodes) & set(view.nodes)
        assert view.overview and stayed != set(view.nodes) and len(stayed) >= len(view.nodes) / 2  # a new picture's worth
        assert all(view.positions[n] == first.positions[n] for n in stayed)  # ... but the same picture
        assert all(np.isfinite([view.positions[n]["x"], view.positions[n]["y"]]).all() for n in view.nodes)
    # an overview sharing less than KEPT_OVERVIEW_SHARE of its actors is laid out on its own
    monkeypatch.setattr(ui.corpus, "KEPT_OVERVIEW_SHARE", 1.0)
    corpus = CorpusSource(data=synthetic_corpus(articles=300, actors=150)).current()
    corpus.view(corpus.default_filters(), spec, None)
    view = corpus.view(corpus.filters(corpus.default_relations, corpus.entity_types, [last - 2, last], 1), spec, None)
    assert not all(view.positions[n] == first.positions[n] for n in set(first.nodes) & set(view.nodes))


def test_graphml_and_gexf_carry_positions_and_article_titles(sample_graph):
    import json as _json

    from ui import callbacks

    source = CorpusSource(data=sample_graph)
    corpus = source.current()
    last = len(corpus.months) - 1
    args = (list(corpus.default_relations), list(corpus.entity_types), [0, last], 1, 1, {"focus": None}, None)
    graphml = callbacks.export(1, "graphml", *args, source=source)["content"]
    a_title = next(iter(corpus.documents.values()))["title"]
    a_hash = next(iter(corpus.documents))
    assert 'attr.name="x"' in graphml and 'attr.name="y"' in graphml
    assert a_title.split(" - ")[0].replace("&", "&amp;") in graphml
    assert f">{a_hash}<" not in graphml and f'"{a_hash}"' not in graphml
    gexf = callbacks.export(1, "gexf", *args, source=source)["content"]
    assert "<viz:position" in gexf
    x = corpus.positions["turkey"]["x"]
    assert f'x="{float(x)}"' in gexf or f'x="{x}"' in gexf
    assert _json.loads(callbacks.export(1, "json", *args, source=source)["content"])["nodes"]


def test_one_wrong_sentence_is_rejected_and_the_relation_stays_while_others_hold_it(seed_store_copy):
    from ui.callbacks.writing import sentence_at
    from ui.curation_view import curation_action, next_relation

    source = CorpusSource(store_path=seed_store_copy)
    corpus = source.current()
    s, t, rel, d = next((s, t, k, d) for s, t, k, d in corpus.graph.edges(keys=True, data=True)
                        if len(d.get("evidence") or ()) >= 2)
    ev0 = d["evidence"][0]
    target = f"{s}|{rel}|{t}@{ev0['doc_id']}@{ev0['start']}"
    sentence = sentence_at(corpus, target)
    assert sentence == ev0["sentence"]
    action = curation_action("reject-sentence", target, value=sentence)
    assert action == {"op": "reject", "subject": s, "relation": rel, "object": t, "doc_id": ev0["doc_id"],
                      "sentence": sentence}
    after = source.curate(action)
    left = after.graph.edges[s, t, rel]["evidence"]
    assert len(left) == len(d["evidence"]) - sum(1 for e in d["evidence"] if e["sentence"] == sentence
                                                 and e["doc_id"] == ev0["doc_id"])
    assert all(not (e["sentence"] == sentence and e["doc_id"] == ev0["doc_id"]) for e in left)
    assert curation_action("reject-sentence", f"{s}|{rel}|{t}@{ev0['doc_id']}@0", value=None) is None

    whole = source.curate({"op": "reject", "subject": s, "relation": rel, "object": t})
    nxt = next_relation(whole.graph, f"{s}|{rel}|{t}", whole.labels)
    assert nxt is not None and nxt[0] != f"{s}|{rel}|{t}" and (nxt[0].startswith(s) or s in nxt[0] or t in nxt[0])


# --------------------------------------------------------------------------- datelines


def test_a_dateline_gives_the_day_and_is_stripped_from_the_sentence():
    from graph.read.datelines import dated, dateline, strip_dateline
    from ui.evidence import highlighted_sentence

    text = "Japan curbs exports\n\nTOKYO, March 14 (Reuters) – Japan said on Friday it would curb exports."
    assert dated(dateline(text), "2024-03") == "2024-03-14"
    assert dated(dateline(text), "2024") == "2024-03-14"
    assert dated(dateline(text), None) is None  # no year to give it
    assert dated(dateline("SEOUL, Aug. 10, 2023 (UPI) -- North Korea fired."), None) == "2023-08-10"
    assert dated(dateline(text), "2024-05") == "2024-05"  # a dateline that disagrees leaves the known date
    assert dateline("US backs Turkish invasion of Idlib in Syria.") is None
    assert dateline("NATO - the alliance met.") is None
    sentence = "TOKYO, March 14 (Reuters) – Japan said it would curb exports."
    cut = strip_dateline(sentence)
    assert sentence[cut:] == "Japan said it would curb exports."
    ev = {"sentence": sentence, "start": 100, "subject_span": [100 + cut, 105 + cut]}
    children = highlighted_sentence(ev)
    assert children[0].children == "Japan" and "TOKYO" not in "".join(c if isinstance(c, str) else c.children
                                                                       for c in children)


def test_reading_an_article_with_a_dateline_dates_it_to_the_day(tmp_path):
    from graph.pipeline import read_articles

    path = tmp_path / "a.json"
    path.write_text('{"title": "Japan curbs exports", "date": "2024-03", "text": "TOKYO, March 14 (Reuters) - '
                    'Japan said on Friday it would curb exports to Korea."}', encoding="utf-8")
    (doc,) = read_articles([path]).documents
    assert doc.date == "2024-03-14"


def test_quick_choices_on_the_relation_list():
    from ui.relation_tools import chosen_relations

    relations, typed = ("supports", "opposes", "co_mentioned"), ("supports", "opposes")
    assert chosen_relations(ids.RELATIONS_ALL, None, relations, typed) == list(relations)
    assert chosen_relations(ids.RELATIONS_NONE, None, relations, typed) == []
    assert chosen_relations(ids.RELATIONS_TYPED, None, relations, typed) == list(typed)
    assert chosen_relations(ids.RELATIONS_ONLY, "opposes", relations, typed) == ["opposes"]
    assert chosen_relations(ids.RELATIONS_ONLY, "attacks", relations, typed) is None  # not in this corpus


def test_communities_colour_the_actors_when_asked():
    from ui import callbacks
    from ui.communities import COMMUNITY_COLOURS, SMALL_COMMUNITY, community_colours

    # two cliques joined by one link: two communities
    edges = [(a, b) for group in ("abcde", "vwxyz") for i, a in enumerate(group) for b in group[i + 1:]] + [("a", "v")]
    data = {"nodes": [{"id": n} for n in "abcdevwxyzq"],
            "edges": [{"source": s, "target": t, "relation": "supports", "weight": 1} for s, t in edges]}
    colours = community_colours(data)
    assert len({colours[n] for n in "abcde"}) == 1 and len({colours[n] for n in "vwxyz"}) == 1
    assert colours["a"] != colours["v"] and {colours["a"], colours["v"]} <= set(COMMUNITY_COLOURS)
    assert colours["q"] == SMALL_COMMUNITY

    source = CorpusSource(data=synthetic_corpus(articles=200, actors=80))
    corpus = source.current()
    args = (list(corpus.default_relations), list(corpus.entity_types), None, 1, 1, {"focus": None}, None,
            corpus.version, None)
    elements, by_type, *_ = callbacks.update_canvas(*args, "type", source=source)
    _, by_community, *_ = callbacks.update_canvas(*args, "community", source=source)
    assert by_community[-1] == {"selector": "node[community]", "style": {"background-color": "data(community)"}}
    assert by_type[-1] != by_community[-1]
    assert all(e["data"].get("community", "").startswith("#") for e in elements if e["group"] == "nodes")


def test_a_new_articles_actors_land_beside_the_actors_they_connect_to():
    from ui.positions import extend_positions

    old = {"a": {"x": 2000.0, "y": 0.0}, "b": {"x": 0.0, "y": 0.0}}  # the row below starts under b
    # n1 is linked to a; n2 only to n1 (both new): both belong near a, not in a row under the graph
    data = {"nodes": [{"id": i, "label": i} for i in ("a", "b", "n2", "n1", "lonely")],
            "edges": [{"source": "n1", "target": "a", "relation": "supports"},
                      {"source": "n2", "target": "n1", "relation": "supports"}]}
    pos = extend_positions(data, old)
    assert pos["a"] == old["a"] and pos["b"] == old["b"]
    for n in ("n1", "n2"):
        assert abs(pos[n]["x"] - 2000) < 300 and abs(pos[n]["y"]) < 300, (n, pos[n])
    assert pos["lonely"]["y"] > 100  # linked to nothing: in the row below


def test_an_actors_every_sentence_list_pages_and_filters_like_a_relations(big=None):
    import json as _json

    from ui import callbacks

    source = CorpusSource(data=synthetic_corpus(articles=300, actors=80))
    corpus = source.current()
    args = (list(corpus.default_relations), list(corpus.entity_types), None, 1, corpus.version)
    node = {"kind": "node", "id": "actor-000", "via": "tap", "nonce": 1}
    panel = _json.dumps(callbacks.update_panel(node, *args, {}, source=source).to_plotly_json(), default=str)
    total = sum(len(d["evidence"]) for s, t, d in corpus.graph.edges(data=True) if "actor-000" in (s, t))
    assert f"20 of {total:,} sentences" in panel and '"list": "node:actor-000"' in panel.replace("'", '"')
    pages = {"node:actor-000": {"shown": 20, "order": "oldest", "outlet": "Reuters", "flag": None}}
    panel = _json.dumps(callbacks.update_panel(node, *args, pages, source=source).to_plotly_json(), default=str)
    reuters = sum(1 for s, t, d in corpus.graph.edges(data=True) if "actor-000" in (s, t)
                  for ev in d["evidence"] if corpus.documents[ev["doc_id"]]["outlet"] == "Reuters")
    assert f"20 of {reuters:,} sentences matching (of {total:,})" in panel


def test_a_hubs_long_list_kept_in_the_store_is_read_only_once_opened(seed_store_copy, monkeypatch):
    import json as _json

    from ui import callbacks, evidence_view

    monkeypatch.setattr(evidence_view, "LONG_LIST", 3)  # the seeds' hubs have a few dozen sentences
    source = CorpusSource(store_path=seed_store_copy)
    corpus = source.current()
    args = (list(corpus.default_relations), list(corpus.entity_types), None, 1, corpus.version)
    node = {"kind": "node", "id": "turkey", "via": "tap", "nonce": 1}

    def panel(pages):
        return _json.dumps(callbacks.update_panel(node, *args, pages, source=source).to_plotly_json(),
                           default=lambda c: c.to_plotly_json() if hasattr(c, "to_plotly_json") else str(c))

    def every_sentence(text):  # the actor's own list: the element the list's name marks
        def walk(x):
            if isinstance(x, dict):
                if (x.get("props") or {}).get("data-list") == "node:turkey":
                    return x
                x = list(x.values())
            for y in x if isinstance(x, list) else ():
                if (found := walk(y)) is not None:
                    return found
            return None
        return _json.dumps(walk(_json.loads(text)))
    closed = every_sentence(panel({}))
    assert "listed when you ask" in closed and ids.EVIDENCE_OPEN in closed
    assert "evidence-list" not in closed  # nothing read yet
    opened_button = {"type": ids.EVIDENCE_OPEN, "list": "node:turkey"}
    pages = next_pages({}, opened_button, "n_clicks", 1)
    assert pages == {"node:turkey": {"shown": PAGE_SIZE, "order": "oldest", "outlet": None, "flag": None}}
    assert next_pages(pages, opened_button, "n_clicks", 1) is None  # opened already
    total = sum(len(d["evidence"]) for s, t, k, d in corpus.graph.edges(keys=True, data=True)
                if "turkey" in (s, t) and k not in WEAK_RELATIONS)
    listed = every_sentence(panel(pages))
    assert f"{min(PAGE_SIZE, total)} of {total:,} sentences" in listed and "evidence-list" in listed


def test_a_dense_graph_of_ties_is_thinned_to_each_actors_strongest_before_its_communities(monkeypatch):
    import networkx as nx

    from ui import communities

    g = nx.Graph()
    for i in range(40):  # two tight groups joined by many weak ties
        for j in range(i + 1, 40):
            g.add_edge(f"a{i:02}", f"a{j:02}", weight=10.0 if (i < 20) == (j < 20) else 1.0)
    assert communities._strongest_ties(g) is g  # few ties: as it is
    monkeypatch.setattr(communities, "MANY_TIES", 100)
    monkeypatch.setattr(communities, "STRONGEST_TIES", 5)
    thin = communities._strongest_ties(g)
    assert set(thin) == set(g) and 40 * 5 / 2 <= thin.number_of_edges() <= 40 * 5
    assert all(d["weight"] == 10.0 for *_, d in thin.edges(data=True))  # each actor's strongest kept
    assert set(thin["a19"]) == {"a00", "a01", "a02", "a03", "a04"}  # equal ties: the first names win (and no one picks a19)
    groups = communities.communities({"nodes": [{"id": n} for n in g]}, pairs=g)
    assert sorted(map(sorted, groups[:2])) == [[f"a{i:02}" for i in range(20)], [f"a{i:02}" for i in range(20, 40)]]
