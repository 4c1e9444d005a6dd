"""Pure functions behind the explorer: elements, filters, selection, evidence and dossiers."""
from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from dash import dcc, html, no_update

from graph.ontology import BY_NAME, RELATION_NAMES
from ui import ids
from ui.elements import (
    MAX_NODE_EVIDENCE,
    build_elements,
    default_relations,
    detail_panel,
    edge_dossier,
    edge_id,
    entity_type_names,
    evidence_item,
    focus_stylesheet,
    graph_stats,
    highlight_segments,
    highlighted_sentence,
    label_box,
    node_dossier,
    node_positions,
    relation_filter_options,
    resolve_selection,
    same_elements,
    search_options,
)
from ui.styles import stylesheet

ALL_TYPES = ["GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON", "WEAPON", "LOC"]


# --------------------------------------------------------------------------- helpers


def walk(component) -> Iterator:
    """Yield a component and everything under it (strings included)."""
    yield component
    children = getattr(component, "children", None)
    if children is None:
        return
    for child in children if isinstance(children, (list, tuple)) else [children]:
        yield from walk(child)


def text_of(component) -> str:
    return "".join(c if isinstance(c, str) else str(c) if isinstance(c, (int, float)) else ""
                   for c in walk(component))


def by_class(component, cls: str) -> list:
    return [c for c in walk(component)
            if not isinstance(c, str) and cls in (getattr(c, "className", None) or "").split()]


def nodes_of(elements) -> set[str]:
    return {e["data"]["id"] for e in elements if e["group"] == "nodes"}


def edges_of(elements) -> list[dict]:
    return [e["data"] for e in elements if e["group"] == "edges"]


def find_edge(data, source, relation, target) -> dict:
    return next(e for e in data["edges"]
                if (e["source"], e["relation"], e["target"]) == (source, relation, target))


def default_elements(data, **kw):
    return build_elements(data, relations=kw.pop("relations", default_relations(data)),
                          entity_types=kw.pop("entity_types", ALL_TYPES), **kw)


# --------------------------------------------------------------------------- elements


def test_edge_id_is_source_relation_target():
    assert edge_id({"source": "united-states", "relation": "supports", "target": "turkey"}) == \
        "united-states|supports|turkey"


def test_default_view_hides_co_mentioned_edges(sample_graph):
    elements = default_elements(sample_graph)
    relations = {d["relation"] for d in edges_of(elements)}
    assert "co_mentioned" not in relations
    assert {"supports", "opposes", "acquires", "negotiates"} <= relations
    assert default_relations(sample_graph) == [r for r in RELATION_NAMES if r != "co_mentioned"]


def test_unticking_a_relation_removes_its_edges(sample_graph):
    relations = [r for r in default_relations(sample_graph) if r != "opposes"]
    elements = default_elements(sample_graph, relations=relations)
    assert "opposes" not in {d["relation"] for d in edges_of(elements)}
    assert any(d["relation"] == "supports" for d in edges_of(elements))


def test_nodes_left_without_edges_are_removed(sample_graph):
    elements = default_elements(sample_graph, relations=["acquires"])
    assert nodes_of(elements) == {"turkey", "s-400", "patriot"}
    assert {d["relation"] for d in edges_of(elements)} == {"acquires"}


def test_selected_node_stays_even_without_edges(sample_graph):
    elements = default_elements(sample_graph, relations=["acquires"], selected_node="james-jeffrey")
    assert "james-jeffrey" in nodes_of(elements)
    assert nodes_of(elements) == {"turkey", "s-400", "patriot", "james-jeffrey"}


def test_unknown_selected_node_is_ignored(sample_graph):
    elements = default_elements(sample_graph, relations=["acquires"], selected_node="atlantis")
    assert "atlantis" not in nodes_of(elements)


def test_entity_filter_hides_nodes_of_that_type_and_their_edges(sample_graph):
    elements = default_elements(sample_graph, entity_types=[t for t in ALL_TYPES if t != "WEAPON"])
    assert not {"s-400", "patriot"} & nodes_of(elements)
    assert all(d["target"] not in {"s-400", "patriot"} for d in edges_of(elements))


def test_nothing_ticked_shows_nothing(sample_graph):
    assert build_elements(sample_graph, relations=None, entity_types=None) == []


@pytest.mark.parametrize("relation", RELATION_NAMES)
@pytest.mark.parametrize("hidden_type", [None, "GPE", "PERSON", "WEAPON"])
def test_no_edge_ever_dangles(sample_graph, relation, hidden_type):
    types = [t for t in ALL_TYPES if t != hidden_type]
    elements = default_elements(sample_graph, relations=[relation], entity_types=types,
                                selected_node="pentagon")
    shown = nodes_of(elements)
    for d in edges_of(elements):
        assert d["source"] in shown and d["target"] in shown


def test_edges_to_nodes_missing_from_the_data_are_dropped(sample_graph):
    data = copy.deepcopy(sample_graph)
    data["edges"].append({"source": "turkey", "target": "ghost", "key": "supports", "relation": "supports",
                          "weight": 1, "evidence": []})
    elements = default_elements(data)
    assert all("ghost" not in (d["source"], d["target"]) for d in edges_of(elements))
    assert "ghost" not in nodes_of(elements)


def test_element_data_mirror_the_export(sample_graph):
    elements = default_elements(sample_graph, relations=list(RELATION_NAMES))
    nodes = {n["id"]: n for n in sample_graph["nodes"]}
    for e in elements:
        d = e["data"]
        if e["group"] == "nodes":
            assert (d["label"], d["type"]) == (nodes[d["id"]]["label"], nodes[d["id"]]["type"])
        else:
            edge = find_edge(sample_graph, d["source"], d["relation"], d["target"])
            assert d["id"] == f"{d['source']}|{d['relation']}|{d['target']}"
            assert d["weight"] == edge["weight"]
    ids_ = [e["data"]["id"] for e in elements]
    assert len(ids_) == len(set(ids_))


def test_nodes_and_edges_are_sized_by_mentions_and_weight(sample_graph):
    data = {d["id"]: d for d in (e["data"] for e in default_elements(sample_graph))}
    assert data["turkey"]["size"] > data["nato"]["size"]
    assert data["united-states|supports|turkey"]["width"] > data["turkey|member_of|nato"]["width"]


def test_negated_edges_are_marked_for_a_dashed_line(sample_graph):
    elements = default_elements(sample_graph)
    classes = {e["data"]["id"]: e.get("classes", "") for e in elements if e["group"] == "edges"}
    assert "negated" in classes["pentagon|cooperates|russia"].split()
    assert "negated" not in classes["united-states|supports|turkey"].split()


def test_elements_carry_the_precomputed_positions(sample_graph):
    positions = node_positions(sample_graph)
    elements = default_elements(sample_graph, positions=positions)
    for e in elements:
        if e["group"] == "nodes":
            assert e["position"] == positions[e["data"]["id"]]


def test_same_elements_compares_ids_only(sample_graph):
    a = default_elements(sample_graph)
    assert same_elements(a, list(reversed(a)))
    assert not same_elements(a, a[1:])


# --------------------------------------------------------------------------- layout


def test_positions_are_deterministic_and_cover_every_node(sample_graph):
    first, second = node_positions(sample_graph), node_positions(sample_graph)
    assert first == second
    assert set(first) == {n["id"] for n in sample_graph["nodes"]}


def test_positions_keep_nodes_and_labels_apart(sample_graph):
    positions = node_positions(sample_graph)
    nodes = {n["id"]: n for n in sample_graph["nodes"]}
    sizes = {e["data"]["id"]: e["data"]["size"]
             for e in default_elements(sample_graph, relations=list(RELATION_NAMES)) if e["group"] == "nodes"}
    boxes = {i: label_box(nodes[i]["label"], sizes.get(i, 22)) for i in positions}
    keys = sorted(positions)
    for a_i, a in enumerate(keys):
        for b in keys[a_i + 1:]:
            (wa, ha, sa), (wb, hb, sb) = boxes[a], boxes[b]
            dx = abs(positions[a]["x"] - positions[b]["x"])
            dy = abs((positions[a]["y"] + sa) - (positions[b]["y"] + sb))
            assert dx >= (wa + wb) / 2 or dy >= (ha + hb) / 2, f"{a} overlaps {b}"


def test_positions_of_tiny_graphs():
    assert node_positions({"nodes": [], "edges": []}) == {}
    assert node_positions({"nodes": [{"id": "a", "label": "A"}], "edges": []}) == {"a": {"x": 0.0, "y": 0.0}}


# --------------------------------------------------------------------------- search and selection


def test_search_options_show_labels_and_search_aliases(sample_graph):
    options = search_options(sample_graph)
    labels = [o["label"] for o in options]
    assert labels == sorted(labels, key=str.casefold)
    turkey = next(o for o in options if o["value"] == "turkey")
    assert turkey["label"] == "Turkey" and "Ankara" in turkey["search"]


@pytest.mark.parametrize(("trigger", "prop", "value", "expected", "search"), [
    (ids.CANVAS, "tapNodeData", {"id": "turkey", "label": "Turkey"}, {"kind": "node", "id": "turkey", "via": "tap"},
     "turkey"),
    (ids.CANVAS, "tapEdgeData", {"id": "a|supports|b"}, {"kind": "edge", "id": "a|supports|b", "via": "tap"}, None),
    (ids.SEARCH, "value", "russia", {"kind": "node", "id": "russia", "via": "search"}, "russia"),
    ({"type": ids.NODE_LINK, "node": "syria", "slot": "top"}, "n_clicks", 1,
     {"kind": "node", "id": "syria", "via": "link"}, "syria"),
    ({"type": ids.EDGE_LINK, "edge": "a|supports|b", "slot": "head"}, "n_clicks", 2,
     {"kind": "edge", "id": "a|supports|b", "via": "link"}, None),
])
def test_resolve_selection(trigger, prop, value, expected, search):
    selection, search_value = resolve_selection(trigger, prop, value, {"nonce": 4})
    assert selection == {**expected, "nonce": 5}
    assert search_value == search


def test_clearing_the_search_clears_the_selection():
    assert resolve_selection(ids.SEARCH, "value", None, {"kind": "node", "id": "x", "nonce": 1}) == (None, None)


def test_links_rendered_with_zero_clicks_change_nothing():
    trigger = {"type": ids.NODE_LINK, "node": "syria", "slot": "top"}
    assert resolve_selection(trigger, "n_clicks", 0, None) == (no_update, no_update)


def test_focus_stylesheet_brings_the_neighbourhood_forward(sample_graph):
    elements = default_elements(sample_graph)
    rules = focus_stylesheet(elements, {"kind": "node", "id": "syria"})
    assert rules[:len(stylesheet())] == stylesheet()
    extra = " ".join(r["selector"] for r in rules[len(stylesheet()):])
    assert 'node[id = "syria"]' in extra and 'node[id = "turkey"]' in extra
    assert 'node[id = "nato"]' not in extra
    assert 'edge[id = "syria|attacks|turkey"]' in extra


def test_focus_stylesheet_for_an_edge_and_for_a_stale_selection(sample_graph):
    elements = default_elements(sample_graph)
    rules = focus_stylesheet(elements, {"kind": "edge", "id": "united-states|supports|turkey"})
    assert any(r["selector"] == 'edge[id = "united-states|supports|turkey"]' and r["style"].get("underlay-color")
               for r in rules)
    assert focus_stylesheet(elements, {"kind": "node", "id": "atlantis"}) == stylesheet()
    assert focus_stylesheet(elements, None) == stylesheet()


# --------------------------------------------------------------------------- stylesheet and filters


def test_stylesheet_colours_each_relation_type_from_the_ontology():
    rules = {r["selector"]: r["style"] for r in stylesheet()}
    for name, kind in BY_NAME.items():
        assert rules[f'edge[relation = "{name}"]']["line-color"] == kind.colour
    assert rules["edge"]["target-arrow-shape"] == "triangle"


def test_relation_filter_has_one_option_per_type_with_its_colour(sample_graph):
    options = relation_filter_options(sample_graph)
    assert [o["value"] for o in options] == list(RELATION_NAMES)
    for option in options:
        swatch = by_class(option["label"], "swatch")[0]
        assert swatch.style["backgroundColor"] == BY_NAME[option["value"]].colour
        assert option["value"].replace("_", " ") in text_of(option["label"])


def test_entity_types_include_unknown_types_present_in_the_data(sample_graph):
    data = copy.deepcopy(sample_graph)
    data["nodes"].append({"id": "x", "label": "X", "type": "EVENT"})
    assert entity_type_names(data) == [*ALL_TYPES, "EVENT"]


def test_graph_stats_count_typed_relations_only(sample_graph):
    stats = graph_stats(sample_graph)
    typed = [e for e in sample_graph["edges"] if e["relation"] != "co_mentioned"]
    assert stats == {"actors": len(sample_graph["nodes"]), "relations": len(typed),
                     "evidence": sum(len(e["evidence"]) for e in typed),
                     "articles": len(sample_graph["graph"]["documents"])}


# --------------------------------------------------------------------------- evidence


def test_highlight_segments_cut_the_sentence_at_document_offsets():
    runs = highlight_segments("US backs Turkey.", 100, [("subject", [100, 102]), ("object", [109, 115]),
                                                        ("trigger", [103, 108])])
    assert runs == [("US", "subject"), (" ", None), ("backs", "trigger"), (" ", None), ("Turkey", "object"),
                    (".", None)]


def test_highlight_segments_let_the_trigger_win_inside_an_actor():
    runs = highlight_segments("US-led coalition", 0, [("subject", [0, 16]), ("trigger", [3, 6])])
    assert runs == [("US-", "subject"), ("led", "trigger"), (" coalition", "subject")]


@pytest.mark.parametrize("span", [None, [], [5, 2], [-3, 1], [0, 99], [None, 3]])
def test_highlight_segments_ignore_spans_outside_the_sentence(span):
    assert highlight_segments("abc", 0, [("subject", span)]) == [("abc", None)]


def test_highlighted_sentence_marks_actors_and_trigger(sample_graph):
    edge = find_edge(sample_graph, "united-states", "supports", "turkey")
    evidence = next(ev for ev in edge["evidence"] if ev["sentence"].startswith("US backs"))
    children = highlighted_sentence(evidence)
    marks = {c.className.split()[-1]: c.children for c in children if isinstance(c, html.Mark)}
    assert marks == {"hl-subject": "US", "hl-trigger": "backs", "hl-object": "Turkish"}
    assert "".join(c if isinstance(c, str) else c.children for c in children) == evidence["sentence"]


def test_article_text_is_rendered_as_text_never_html():
    evidence = {"doc_id": "d", "sentence": "<img src=x onerror=alert(1)> attacks", "start": 0, "end": 37,
                "subject_span": [0, 28], "object_span": None, "trigger_span": [29, 36]}
    item = evidence_item(evidence, {"d": {"title": "<b>t</b>", "url": "javascript:alert(1)"}})
    strings = [c for c in walk(item) if isinstance(c, str)]
    assert "<img src=x onerror=alert(1)>" in strings and "<b>t</b>" in strings
    assert not [c for c in walk(item) if isinstance(c, (dcc.Markdown, html.Iframe))]
    assert not [c for c in walk(item) if isinstance(c, html.A)], "javascript: URLs must not become links"


def test_http_article_urls_become_links():
    item = evidence_item({"doc_id": "d", "sentence": "s", "start": 0},
                         {"d": {"title": "T", "url": "https://example.org/a"}})
    links = [c for c in walk(item) if isinstance(c, html.A)]
    assert [(a.href, a.children) for a in links] == [("https://example.org/a", "T")]


@pytest.mark.parametrize(("flags", "badges"), [
    ({}, []),
    ({"negated": True}, ["negated"]),
    ({"modality": "reported"}, ["reported"]),
    ({"modality": "future", "negated": True}, ["negated", "future"]),
    ({"modality": "hypothetical"}, ["hypothetical"]),
])
def test_evidence_badges(flags, badges):
    item = evidence_item({"doc_id": "d", "sentence": "s", "start": 0, "modality": "asserted", **flags}, {})
    assert [b.children for b in by_class(item, "badge")] == badges


# --------------------------------------------------------------------------- dossiers


def test_node_dossier_names_the_actor_and_groups_relations_by_type(sample_graph):
    panel = node_dossier(sample_graph, "turkey", visible_relations=default_relations(sample_graph))
    assert by_class(panel, "panel-title")[0].children == "Turkey"
    assert "Ankara" in text_of(by_class(panel, "aliases")[0])
    groups = by_class(panel, "relation-group")
    order = [getattr(g, "data-relation") for g in groups]
    assert order == [r for r in RELATION_NAMES if r in order]
    assert {"supports", "opposes", "acquires", "co_mentioned"} <= set(order)
    opened = {getattr(g, "data-relation"): g.open for g in groups}
    assert opened["supports"] is True and opened["co_mentioned"] is False


def test_node_dossier_lists_evidence_with_both_actors_highlighted(sample_graph):
    panel = node_dossier(sample_graph, "turkey", visible_relations=default_relations(sample_graph))
    items = by_class(panel, "evidence")
    assert items
    for item in items:
        classes = {c.className for c in walk(item) if isinstance(c, html.Mark)}
        assert {"hl hl-subject", "hl hl-object"} <= classes
    assert "US backs Turkish invasion of Idlib in Syria." in text_of(panel)


def test_node_dossier_lists_articles_by_title(sample_graph):
    panel = node_dossier(sample_graph, "pentagon", visible_relations=default_relations(sample_graph))
    titles = [text_of(t) for t in by_class(panel, "doc-title")]
    assert "Pentagon repeats objection to joint S-400 working group with Turkey" in titles
    assert "Part of" in text_of(panel) and "United States" in text_of(panel)


def test_node_dossier_shows_a_few_sentences_per_relation_and_links_to_the_rest(sample_graph):
    data = copy.deepcopy(sample_graph)
    edge = find_edge(data, "united-states", "supports", "turkey")
    edge["evidence"] = edge["evidence"] * 3
    panel = node_dossier(data, "united-states", visible_relations=["supports"])
    group = next(g for g in by_class(panel, "relation-group") if getattr(g, "data-relation") == "supports")
    assert len(by_class(group, "evidence")) == MAX_NODE_EVIDENCE
    more = by_class(group, "edge-link")
    assert any("more sentence" in text_of(m) for m in more)
    assert all(m.id["edge"] == "united-states|supports|turkey" for m in more)


def test_node_dossier_for_an_unknown_actor():
    assert "not in this graph" in text_of(node_dossier({"nodes": [], "edges": []}, "atlantis"))


def test_panel_links_have_unique_ids(sample_graph):
    panel = node_dossier(sample_graph, "syria", visible_relations=list(RELATION_NAMES))
    link_ids = [str(sorted(c.id.items())) for c in walk(panel) if isinstance(getattr(c, "id", None), dict)]
    assert link_ids and len(link_ids) == len(set(link_ids))


def test_edge_dossier_lists_every_evidence_sentence_with_provenance(sample_graph):
    edge = find_edge(sample_graph, "united-states", "supports", "turkey")
    panel = edge_dossier(sample_graph, edge_id(edge))
    items = by_class(panel, "evidence")
    assert sorted(text_of(by_class(i, "evidence-sentence")[0]) for i in items) == \
        sorted(ev["sentence"] for ev in edge["evidence"])
    provenance = [text_of(p) for p in by_class(panel, "provenance")]
    assert "rule svo · confidence 0.90" in provenance
    assert "backs, aids, defends or praises" in text_of(panel)
    meta = text_of(panel)
    assert "US backs Turkish invasion of Idlib in Syria. Russia opposes." in meta  # article title
    assert "Bloomberg; The Guardian" in meta and "2020-02" in meta


def test_edge_dossier_of_a_relation_without_sentences(sample_graph):
    panel = edge_dossier(sample_graph, "pentagon|part_of|united-states")
    assert "No sentence" in text_of(panel)
    assert "not in the graph" in text_of(edge_dossier(sample_graph, "a|b|c"))


def test_detail_panel_dispatches_on_the_selection(sample_graph):
    assert "Explore the graph" in text_of(detail_panel(sample_graph, None))
    assert by_class(detail_panel(sample_graph, {"kind": "edge", "id": "syria|attacks|turkey"}), "edge-dossier")
    assert by_class(detail_panel(sample_graph, {"kind": "node", "id": "syria"}), "node-dossier")
