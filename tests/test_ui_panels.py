"""The panels: dossiers of actors, relations and pairs, path answers, articles, the curation log."""
from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest
from dash import dcc, html

from graph.export import from_node_link
from graph.read import IngestError
from graph.ontology import RELATION_NAMES
from graph.query import shortest_paths
from ui import ids
from ui.node_panel import MAX_NODE_EVIDENCE, node_dossier
from ui.panels import dyad_dossier, edge_dossier, evidence_item
from ui.paths_view import path_panel
from ui.overview import canvas_notice, overview
from ui.curation_view import curation_action, curation_view, merge_action
from ui.articles import article_list, article_view, upload_report

from test_ui_elements import by_class, find_edge, is_tag, text_of, walk  # noqa: E402  (shared tree helpers)

VISIBLE = [r for r in RELATION_NAMES if r != "co_mentioned"]


def docs(g):
    return g.graph["documents"]


def link_ids(component) -> list:
    return [c.id for c in walk(component) if isinstance(getattr(c, "id", None), dict)]


# --------------------------------------------------------------------------- node


def test_node_dossier_names_the_actor_and_groups_relations_by_type_with_counts(sample_g):
    panel = node_dossier(sample_g, "turkey", documents=docs(sample_g), visible_relations=VISIBLE)
    assert by_class(panel, "panel-title")[0].children == "Turkey"
    assert "Ankara" in text_of(by_class(panel, "aliases")[0])
    groups = by_class(panel, "relation-group")
    order = [getattr(g, "data-relation") for g in groups]
    assert order == [r for r in RELATION_NAMES if r in order]
    assert {"supports", "opposes", "acquires", "co_mentioned"} <= set(order)
    opened = {getattr(g, "data-relation"): g.open for g in groups}
    assert opened["supports"] is True and opened["co_mentioned"] is False
    supports = next(g for g in groups if getattr(g, "data-relation") == "supports")
    counts = text_of(by_class(supports, "group-counts")[0])
    n_edges = sum(1 for s, t, k in sample_g.edges(keys=True) if k == "supports" and "turkey" in (s, t))
    assert counts.startswith(f"{n_edges} relation")


def test_node_dossier_lists_evidence_with_both_actors_highlighted(sample_g):
    panel = node_dossier(sample_g, "turkey", documents=docs(sample_g), visible_relations=VISIBLE)
    items = by_class(panel, "evidence")
    assert items
    for item in items:
        classes = {c.className for c in walk(item) if is_tag(c, "Mark")}
        assert {"hl hl-subject", "hl hl-object"} <= classes
    assert "US backs Turkish invasion of Idlib in Syria." in text_of(panel)


def test_node_dossier_links_neighbours_and_articles(sample_g):
    panel = node_dossier(sample_g, "pentagon", documents=docs(sample_g), visible_relations=VISIBLE)
    neighbours = [i["node"] for i in link_ids(by_class(panel, "neighbours")[0]) if i["type"] == ids.NODE_LINK]
    assert "united-states" in neighbours and "pentagon" not in neighbours
    articles = [i["doc"] for i in link_ids(panel) if i["type"] == ids.ARTICLE_LINK and i["slot"] == "node"]
    assert set(articles) == set(sample_g.nodes["pentagon"]["articles"]) | {
        ev["doc_id"] for s, t, d in sample_g.edges(data=True) if "pentagon" in (s, t) for ev in d["evidence"]}
    titles = [text_of(t) for t in by_class(panel, "doc-title")]
    assert "Pentagon repeats objection to joint S-400 working group with Turkey" in titles
    assert "Part of" in text_of(panel) and "United States" in text_of(panel)


def test_node_dossier_offers_view_actions_and_curation_only_with_a_store(sample_g):
    read_only = node_dossier(sample_g, "turkey", documents=docs(sample_g), visible_relations=VISIBLE)
    actions = {(i["type"], i["action"]) for i in link_ids(read_only) if "action" in i}
    assert actions == {(ids.VIEW_ACTION, "focus"), (ids.VIEW_ACTION, "expand"), (ids.VIEW_ACTION, "paths")}
    writable = node_dossier(sample_g, "turkey", documents=docs(sample_g), visible_relations=VISIBLE, writable=True)
    actions = {(i["type"], i["action"]) for i in link_ids(writable) if "action" in i}
    assert {(ids.CURATE_ACTION, "rename"), (ids.VIEW_ACTION, "merge")} <= actions
    rename = next(c for c in walk(writable) if isinstance(c, dcc.Input))
    assert rename.id == {"type": ids.RENAME_INPUT, "target": "turkey"} and rename.value == "Turkey"


def test_node_dossier_shows_a_few_sentences_per_relation_and_links_to_the_rest(sample_graph):
    data = copy.deepcopy(sample_graph)
    edge = find_edge(data, "united-states", "supports", "turkey")
    edge["evidence"] = edge["evidence"] * 3
    g = from_node_link(data)
    panel = node_dossier(g, "united-states", documents=docs(g), visible_relations=["supports"])
    group = next(x for x in by_class(panel, "relation-group") if getattr(x, "data-relation") == "supports")
    row = next(r for r in by_class(group, "relation-row") if "Turkey" in text_of(by_class(r, "relation-head")[0]))
    assert len(by_class(row, "evidence")) == MAX_NODE_EVIDENCE
    more = by_class(row, "edge-link")
    assert any("more sentence" in text_of(m) for m in more)
    assert all(m.id["edge"] == "united-states|supports|turkey" for m in more)


def test_a_folded_group_lists_its_relations_without_sentences_each_linking_to_its_own(sample_g):
    panel = node_dossier(sample_g, "turkey", documents=docs(sample_g), visible_relations=VISIBLE)
    folded = next(x for x in by_class(panel, "relation-group") if getattr(x, "data-relation") == "co_mentioned")
    shown = next(x for x in by_class(panel, "relation-group") if getattr(x, "data-relation") == "supports")
    assert folded.open is False and by_class(folded, "relation-row") and not by_class(folded, "evidence")
    assert by_class(shown, "evidence")
    for row in by_class(folded, "relation-row"):
        link = next(m for m in by_class(row, "edge-link") if m.id["slot"] == "more")
        s, rel, t = link.id["edge"].split("|")
        assert rel == "co_mentioned" and text_of(link) == f"{len(sample_g.edges[s, t, rel]['evidence'])} sentence" + (
            "s ›" if len(sample_g.edges[s, t, rel]["evidence"]) > 1 else " ›")


def test_node_dossier_marks_single_source_relations(sample_g):
    panel = node_dossier(sample_g, "nato", documents=docs(sample_g), visible_relations=VISIBLE)
    assert by_class(panel, "badge-single")


@pytest.mark.parametrize(("in_corpus", "message"), [(True, "hidden by the current filters"),
                                                     (False, "not in this graph")])
def test_node_dossier_for_a_missing_actor(sample_g, in_corpus, message):
    assert message in text_of(node_dossier(sample_g, "atlantis", documents={}, in_corpus=in_corpus))


@pytest.mark.parametrize("node", ["syria", "turkey", "united-states"])
def test_panel_ids_are_unique(sample_g, node):
    panel = node_dossier(sample_g, node, documents=docs(sample_g), visible_relations=list(RELATION_NAMES),
                         writable=True)
    keys = [str(sorted(i.items())) for i in link_ids(panel)]
    assert keys and len(keys) == len(set(keys))


# --------------------------------------------------------------------------- edge


def test_edge_dossier_lists_every_evidence_sentence_with_provenance(sample_g, sample_graph):
    edge = find_edge(sample_graph, "united-states", "supports", "turkey")
    panel = edge_dossier(sample_g, "united-states|supports|turkey", documents=docs(sample_g))
    items = by_class(panel, "evidence")
    assert sorted(text_of(by_class(i, "evidence-sentence")[0]) for i in items) == \
        sorted(ev["sentence"] for ev in edge["evidence"])
    provenance = [text_of(p) for p in by_class(panel, "provenance")]
    assert "rule svo · confidence 0.90" in provenance
    assert "backs, aids, defends or praises" in text_of(panel)
    meta = text_of(panel)
    assert "US backs Turkish invasion of Idlib in Syria. Russia opposes." in meta  # article title
    assert "Bloomberg; The Guardian" in meta and "2020-02" in meta
    for item in items:
        assert {"hl hl-subject", "hl hl-object"} <= {c.className for c in walk(item) if is_tag(c, "Mark")}


def test_edge_dossier_badges_single_sources_and_draws_co_mentions_apart(sample_g):
    single = edge_dossier(sample_g, "turkey|member_of|nato", documents=docs(sample_g))
    assert by_class(single, "badge-single")
    weak_id = next(f"{s}|co_mentioned|{t}" for s, t, k in sample_g.edges(keys=True) if k == "co_mentioned")
    weak = edge_dossier(sample_g, weak_id, documents=docs(sample_g))
    assert "is-weak" in weak.className.split() and by_class(weak, "badge-weak")
    assert "no typed relation" in text_of(weak)
    assert all("is-weak" in i.className.split() for i in by_class(weak, "evidence"))
    typed = edge_dossier(sample_g, "united-states|supports|turkey", documents=docs(sample_g))
    assert "is-weak" not in typed.className.split() and not by_class(typed, "badge-weak")


def test_edge_dossier_offers_reject_and_confirm_with_a_store(sample_g):
    panel = edge_dossier(sample_g, "syria|attacks|turkey", documents=docs(sample_g), writable=True)
    actions = {(i["action"], i["target"]) for i in link_ids(panel) if i["type"] == ids.CURATE_ACTION}
    assert actions == {("reject", "syria|attacks|turkey"), ("confirm", "syria|attacks|turkey")}
    assert not [i for i in link_ids(edge_dossier(sample_g, "syria|attacks|turkey", documents=docs(sample_g)))
                if i["type"] == ids.CURATE_ACTION]


def test_edge_dossier_of_a_relation_without_sentences_or_not_there(sample_g):
    assert "No sentence" in text_of(edge_dossier(sample_g, "pentagon|part_of|united-states", documents={}))
    assert "hidden by the current filters" in text_of(edge_dossier(sample_g, "a|b|c", documents={}))
    assert "not in the graph" in text_of(edge_dossier(sample_g, "a|b|c", documents={}, in_corpus=False))


def test_article_text_is_rendered_as_text_never_html():
    evidence = {"doc_id": "d", "sentence": "<img src=x onerror=alert(1)> attacks", "start": 0, "end": 37,
                "subject_span": [0, 28], "object_span": None, "trigger_span": [29, 36]}
    item = evidence_item(evidence, {"d": {"title": "<b>t</b>", "url": "javascript:alert(1)"}}, slot="x")
    strings = [c for c in walk(item) if isinstance(c, str)]
    assert "<img src=x onerror=alert(1)>" in strings and "<b>t</b>" in strings
    assert not [c for c in walk(item) if isinstance(c, (dcc.Markdown, html.Iframe))]
    assert not [c for c in walk(item) if is_tag(c, "A")], "javascript: URLs must not become links"


def test_http_article_urls_become_links_beside_the_title():
    item = evidence_item({"doc_id": "d", "sentence": "s", "start": 0},
                         {"d": {"title": "T", "url": "https://example.org/a"}}, slot="x")
    assert [a.href for a in walk(item) if is_tag(a, "A")] == ["https://example.org/a"]
    assert [i["doc"] for i in link_ids(item) if i["type"] == ids.ARTICLE_LINK] == ["d"]


# --------------------------------------------------------------------------- dyads and paths


def test_dyad_dossier_lists_the_evidence_both_ways(sample_g):
    panel = dyad_dossier(sample_g, "turkey", "united-states", documents=docs(sample_g))
    relations = {getattr(g, "data-relation") for g in by_class(panel, "dyad-group")}
    assert {"supports", "opposes"} <= relations
    assert "cooperation" in text_of(panel) and "conflict" in text_of(panel)
    n = sum(len(d["evidence"]) for s, t, d in sample_g.edges(data=True) if {s, t} == {"turkey", "united-states"})
    assert len(by_class(panel, "evidence")) == n


def test_path_panel_lists_each_hop_with_its_best_evidence(sample_g):
    paths = shortest_paths(sample_g, "united-states", "russia", k=3)
    panel = path_panel(sample_g, "united-states", "russia", paths, documents=docs(sample_g),
                       labels={"united-states": "United States", "russia": "Russia"})
    assert "How is United States connected to Russia?" in text_of(panel)
    blocks = by_class(panel, "path")
    assert len(blocks) == len(paths)
    for block, path in zip(blocks, paths):
        hops = by_class(block, "hop")
        assert len(hops) == len(path)
        for hop_item, hop in zip(hops, path):
            if hop.evidence:
                assert hop.evidence["sentence"] in text_of(hop_item)


def test_path_panel_says_when_there_is_no_path(sample_g):
    panel = path_panel(sample_g, "nato", "russia", [], documents={}, labels={})
    assert "No path" in text_of(panel)
    assert "two different actors" in text_of(path_panel(sample_g, "nato", "nato", [], documents={}, labels={}))


# --------------------------------------------------------------------------- overview, articles, log


def test_overview_shows_counts_central_actors_and_latest_articles(sample_corpus):
    f = sample_corpus.default_filters()
    panel = overview(sample_corpus.stats, sample_corpus.central(f), sample_corpus.counts(f), sample_corpus.graph,
                     sample_corpus.latest_articles())
    assert "Explore the graph" in text_of(panel)
    assert [i["node"] for i in link_ids(panel) if i["type"] == ids.NODE_LINK][0] == "turkey"
    assert len([i for i in link_ids(panel) if i["type"] == ids.ARTICLE_LINK]) == 5


def test_article_list_is_newest_first_and_filterable(sample_corpus):
    counts = {d: len(r) for d, r in sample_corpus.article_relations().items()}
    listed = article_list(sample_corpus.documents, counts)
    dates = [sample_corpus.documents[i["doc"]]["date"] for i in link_ids(listed)]
    assert dates == sorted(dates, reverse=True) and len(dates) == 5
    narrowed = article_list(sample_corpus.documents, counts, query="pentagon")
    assert [sample_corpus.documents[i["doc"]]["title"] for i in link_ids(narrowed)] == [
        "Pentagon repeats objection to joint S-400 working group with Turkey",
        "US, Moscow set to discuss Syria pact Pentagon may not want"]
    assert "2 of 5 articles" in text_of(narrowed)


def test_article_view_marks_the_recognised_actors_in_the_text(sample_g):
    doc_id = next(iter(docs(sample_g)))
    text = "Turkey and the U.S. met. Ankara agreed."
    mentions = [SimpleNamespace(entity_id="turkey", start=0, end=6), SimpleNamespace(entity_id="us-alias", start=15,
                                                                                        end=19),
                SimpleNamespace(entity_id="turkey", start=25, end=31)]
    view = article_view(doc_id, documents=docs(sample_g), text=text, mentions=mentions, relations=[], g=sample_g,
                        canonical={"us-alias": "united-states"})
    marks = [(c.children, c.id["node"]) for c in walk(view) if "mention" in (getattr(c, "className", "") or "")]
    assert marks == [("Turkey", "turkey"), ("U.S.", "united-states"), ("Ankara", "turkey")]
    assert text_of(by_class(view, "article-text")[0]) == text
    assert "No typed relation" in text_of(view)


def test_article_view_without_stored_text_shows_its_evidence_sentences(sample_corpus):
    doc_id, rows = next(iter(sample_corpus.article_relations().items()))
    view = article_view(doc_id, documents=sample_corpus.documents, text=None, mentions=(), relations=rows,
                        g=sample_corpus.graph, canonical={})
    assert "keeps no article text" in text_of(view)
    assert by_class(view, "is-sentences")[0].children
    typed = [r for r in rows if r[2] != "co_mentioned"]
    assert f"Relations read from it ({len(typed)})" in text_of(view)
    closed = article_view(None, documents={}, text=None, mentions=(), relations=(), g=sample_corpus.graph,
                          canonical={})
    assert text_of(closed) == ""


def test_upload_report_names_each_bad_file_and_its_reason():
    outcome = SimpleNamespace(added=2, replaced=0, unchanged=1,
                              errors=(IngestError("bad.pdf", "unsupported file type '.pdf'"),),
                              notes=(IngestError("copy.txt", "same text as a.txt; kept once"),))
    report = upload_report(outcome)
    assert "added 2 articles" in text_of(report) and "1 article already stored" in text_of(report)
    assert [text_of(e) for e in by_class(report, "upload-error")] == ["bad.pdf — unsupported file type '.pdf'"]
    assert [text_of(e) for e in by_class(report, "upload-note")] == ["copy.txt — same text as a.txt; kept once"]


def test_curation_view_describes_each_change_and_whether_it_is_in_force():
    log = [{"op": "merge", "keep": "united-states", "drop": "pentagon"},
           {"op": "rename", "id": "turkey", "label": "Türkiye"}, {"op": "undo"}]
    skipped = [SimpleNamespace(action={"op": "reject", "subject": "a", "relation": "supports", "object": "b"},
                               reason="no actor 'a'")]
    view = curation_view(log, skipped, labels={"pentagon": "Pentagon", "united-states": "United States",
                                               "turkey": "Turkey"}, writable=True)
    entries = by_class(view, "log-entry")
    assert "Merged 'Pentagon' into 'United States'" in text_of(entries[0]) and "in force" in text_of(entries[0])
    assert "is-undone" in entries[1].className and "Renamed 'Turkey'" in text_of(entries[1])
    assert "no actor 'a'" in text_of(by_class(view, "is-skipped")[0])
    assert "read-only" in text_of(curation_view([], [], labels={}, writable=False))


@pytest.mark.parametrize(("args", "action"), [
    (("rename", "turkey", " Türkiye "), {"op": "rename", "id": "turkey", "label": "Türkiye"}),
    (("rename", "turkey", "  "), None),
    (("reject", "syria|attacks|turkey", None), {"op": "reject", "subject": "syria", "relation": "attacks",
                                                 "object": "turkey"}),
    (("confirm", "a|supports|b", None), {"op": "confirm", "subject": "a", "relation": "supports", "object": "b"}),
    (("reject", "garbage", None), None),
    (("explode", "x", None), None),
])
def test_curation_actions_from_panel_buttons(args, action):
    op, target, value = args
    assert curation_action(op, target, value=value) == action


def test_merge_action_needs_two_different_actors():
    assert merge_action("united-states", "pentagon") == {"op": "merge", "keep": "united-states", "drop": "pentagon"}
    assert merge_action("turkey", "turkey") is None and merge_action(None, "x") is None


def test_canvas_notice_says_how_much_is_drawn():
    assert canvas_notice(1200, 300, True, budget=300) == \
        "Showing the 300 most central of 1,200 actors — search or focus to reach the rest"
    assert "Neighbourhood of Turkey" in canvas_notice(9, 9, False, budget=300, focus_label="Turkey")
    assert canvas_notice(40, 40, False, budget=300) == ""
    assert canvas_notice(40, 40, False, budget=300, edges_shown=1500, edges_total=4000) == \
        "the 1,500 strongest of 4,000 relations drawn"


def test_node_dossier_lists_names_not_the_common_nouns_that_referred_to_the_actor():
    """The names an actor goes by come from its mentions by name, not from the pronouns and common
    nouns coreference read as it (the graph's aliases, which search and the speaker's party read too)."""
    from graph.build import build_graph
    from graph.models import Document, Entity, Extraction, Mention

    said = ["Turkey", "Ankara", "Turks", "allies", "country", "It", "The country", "de Mistura's hosts", "sides"]
    doc = Document("d1", "Turkey", " ".join(said), "d1.txt")
    mentions = tuple(Mention("turkey", "d1", 0, len(text), text, "alias") for text in said)
    g = build_graph([Extraction(doc, (Entity("turkey", "Turkey", "GPE"),), mentions)])
    also = text_of(by_class(node_dossier(g, "turkey", documents=docs(g), visible_relations=VISIBLE), "aliases")[0])
    assert also == "Ankara, Turks, de Mistura's hosts"
