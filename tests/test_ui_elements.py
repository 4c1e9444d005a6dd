"""Pure functions behind the canvas: elements, layout, selection, focus, evidence and filters."""
from __future__ import annotations

import copy
import random
from collections.abc import Iterator

import networkx as nx
import pytest
from dash import no_update

from graph.ontology import BY_NAME, RELATION_NAMES
from graph.query import filter_graph
from ui import ids
from ui.elements import (
    canvas_elements,
    default_relations,
    edge_id,
    edge_width,
    entity_type_names,
    graph_stats,
    light_data,
    make_edge_id,
    node_templates,
    parse_edge_id,
    SEARCH_ALIASES,
    search_options,
)
from ui.filters import date_span_label, month_marks, month_range, relation_filter_options
from ui.evidence import evidence_badges, highlight_segments, highlighted_sentence
from ui.selection import focus_stylesheet, path_selection, resolve_selection, selection_nodes
from ui.positions import _separate, extend_positions, label_box, node_positions
from ui.styles import SINGLE_SOURCE_DASH, stylesheet

ALL_TYPES = ["GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON", "WEAPON", "AGREEMENT", "LOC"]


# --------------------------------------------------------------------------- helpers (shared by test_ui_*)


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


def is_tag(component, tag: str) -> bool:
    """Whether `component` is an HTML element of `tag` ("Mark"): a Dash component or a static one (`ui.plain`)."""
    return getattr(component, "_namespace", None) == "dash_html_components" and getattr(component, "_type", None) == tag


def by_class(component, cls: str) -> list:
    return [c for c in walk(component)
            if not isinstance(c, str) and cls in (getattr(c, "className", None) or "").split()]


def nodes_of(elements) -> set[str]:
    return {e["data"]["id"] for e in elements if e["group"] == "nodes"}


def edges_of(elements) -> list[dict]:
    return [e["data"] for e in elements if e["group"] == "edges"]


def classes_of(elements) -> dict[str, list[str]]:
    return {e["data"]["id"]: (e.get("classes") or "").split() for e in elements}


def find_edge(data, source, relation, target) -> dict:
    return next(e for e in data["edges"]
                if (e["source"], e["relation"], e["target"]) == (source, relation, target))


def draw(g, **kw):
    """Elements of a graph, with templates from its own light data."""
    light = light_data(g)
    return canvas_elements(g, node_templates(light, kw.pop("positions", {})), **kw)


# --------------------------------------------------------------------------- ids and data


def test_edge_ids_are_source_relation_target_and_parse_back():
    assert edge_id({"source": "united-states", "relation": "supports", "target": "turkey"}) == \
        make_edge_id("united-states", "supports", "turkey") == "united-states|supports|turkey"
    assert parse_edge_id("united-states|supports|turkey") == ("united-states", "supports", "turkey")


@pytest.mark.parametrize("value", [None, 3, "", "a|b", "a||b", "a|b|c|d"])
def test_malformed_edge_ids_parse_to_none(value):
    assert parse_edge_id(value) is None


def test_light_data_keeps_what_layout_needs_but_no_evidence(sample_g, sample_graph):
    light = light_data(sample_g)
    assert {n["id"] for n in light["nodes"]} == {n["id"] for n in sample_graph["nodes"]}
    assert len(light["edges"]) == len(sample_graph["edges"])
    assert all("evidence" not in e and {"weight", "articles", "relation"} <= set(e) for e in light["edges"])
    stats = graph_stats(light)
    typed = [e for e in sample_graph["edges"] if e["relation"] != "co_mentioned"]
    assert stats == {"actors": len(sample_graph["nodes"]), "relations": len(typed),
                     "evidence": sum(len(e["evidence"]) for e in typed),
                     "articles": len(sample_graph["graph"]["documents"])}


def test_default_relations_leave_out_co_mentions(sample_graph):
    assert default_relations(sample_graph) == [r for r in RELATION_NAMES if r != "co_mentioned"]


def test_entity_types_include_unknown_types_present_in_the_data(sample_graph):
    data = copy.deepcopy(sample_graph)
    data["nodes"].append({"id": "x", "label": "X", "type": "EVENT"})
    assert entity_type_names(data) == [*ALL_TYPES, "EVENT"]


# --------------------------------------------------------------------------- canvas elements


def test_elements_never_dangle_and_ids_are_unique(sample_g):
    g = sample_g.copy()
    elements = draw(g.subgraph(["turkey", "united-states", "russia"]))
    shown = nodes_of(elements)
    assert shown == {"turkey", "united-states", "russia"}
    assert all(d["source"] in shown and d["target"] in shown for d in edges_of(elements))
    all_ids = [e["data"]["id"] for e in draw(g)]
    assert len(all_ids) == len(set(all_ids))


def test_element_data_mirror_the_graph(sample_g, sample_graph):
    nodes = {n["id"]: n for n in sample_graph["nodes"]}
    for e in draw(sample_g):
        d = e["data"]
        if e["group"] == "nodes":
            assert (d["label"], d["type"]) == (nodes[d["id"]]["label"], nodes[d["id"]]["type"])
        else:
            edge = find_edge(sample_graph, d["source"], d["relation"], d["target"])
            assert (d["weight"], d["articles"]) == (edge["weight"], edge["articles"])


def test_edge_width_grows_with_distinct_articles_not_sentences(sample_g):
    widths = {d["id"]: d["width"] for d in edges_of(draw(sample_g))}
    assert widths["turkey|acquires|s-400"] > widths["united-states|supports|turkey"] > \
        widths["turkey|member_of|nato"]
    assert edge_width(1) == edge_width(0) < edge_width(2) < edge_width(3) <= edge_width(1000) <= 9.0


def test_edge_classes_mark_single_source_negated_weak_and_structural(sample_g):
    classes = classes_of(draw(sample_g))
    assert "single" in classes["turkey|member_of|nato"]
    assert "single" not in classes["united-states|supports|turkey"]
    assert "negated" in classes["pentagon|cooperates|russia"]
    assert "structural" in classes["pentagon|part_of|united-states"]
    weak = [i for i in classes if "|co_mentioned|" in i]
    assert weak and all("weak" in classes[i] for i in weak)


def test_path_and_focus_elements_get_their_classes(sample_g):
    elements = draw(sample_g, path_nodes={"turkey", "united-states"}, path_edges={"united-states|supports|turkey"},
                    focus="russia")
    classes = classes_of(elements)
    assert "on-path" in classes["turkey"] and "on-path" in classes["united-states|supports|turkey"]
    assert "on-path" not in classes["syria"]
    assert classes["russia"] == ["focus-root"]


def test_elements_carry_the_precomputed_positions(sample_g):
    positions = node_positions(light_data(sample_g))
    for e in draw(sample_g, positions=positions):
        if e["group"] == "nodes":
            assert e["position"] == positions[e["data"]["id"]]


def test_nodes_are_sized_by_mentions(sample_g):
    data = {e["data"]["id"]: e["data"] for e in draw(sample_g)}
    assert data["turkey"]["size"] > data["nato"]["size"]


# --------------------------------------------------------------------------- layout


def test_positions_are_deterministic_and_cover_every_node(sample_graph):
    first, second = node_positions(sample_graph), node_positions(sample_graph)
    assert first == second
    assert set(first) == {n["id"] for n in sample_graph["nodes"]}


def _overlaps(positions, labels, sizes):
    boxes = {i: label_box(labels[i], sizes.get(i, 22)) for i in positions}
    keys = sorted(positions)
    bad = []
    for a_i, a in enumerate(keys):
        for b in keys[a_i + 1:]:
            (wa, ha, sa), (wb, hb, sb) = boxes[a], boxes[b]
            dx = abs(positions[a]["x"] - positions[b]["x"])
            dy = abs((positions[a]["y"] + sa) - (positions[b]["y"] + sb))
            if dx < (wa + wb) / 2 and dy < (ha + hb) / 2:
                bad.append((a, b))
    return bad


def test_positions_keep_nodes_and_labels_apart(sample_g):
    light = light_data(sample_g)
    positions = node_positions(light)
    labels = {n["id"]: n["label"] for n in light["nodes"]}
    sizes = {e["data"]["id"]: e["data"]["size"] for e in draw(sample_g) if e["group"] == "nodes"}
    assert _overlaps(positions, labels, sizes) == []


def test_positions_of_tiny_graphs():
    assert node_positions({"nodes": [], "edges": []}) == {}
    assert node_positions({"nodes": [{"id": "a", "label": "A"}], "edges": []}) == {"a": {"x": 0.0, "y": 0.0}}


def test_a_big_graph_is_laid_out_without_overlaps():
    rng = random.Random(1)
    g = nx.gnm_random_graph(600, 1500, seed=2)
    data = {"nodes": [{"id": f"n{i}", "label": f"Actor {i}", "mentions": rng.randint(1, 50)} for i in g.nodes],
            "edges": [{"source": f"n{a}", "target": f"n{b}", "relation": "supports"} for a, b in g.edges]}
    positions = node_positions(data)
    assert len(positions) == 600
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert len(_overlaps(positions, labels, {})) < 6  # a few may remain after the capped rounds


def test_separation_resolves_stacked_points_the_same_way_each_time():
    import numpy as np

    pts = np.zeros((3, 2))
    boxes = [(40, 30, 5)] * 3
    first, second = _separate(pts, boxes), _separate(pts, boxes)
    assert (first == second).all()
    assert len({tuple(p) for p in first.tolist()}) == 3


def test_extended_positions_keep_known_actors_in_place(sample_graph):
    data = copy.deepcopy(sample_graph)
    before = node_positions(data)
    data["nodes"].append({"id": "greece", "label": "Greece", "type": "GPE", "mentions": 3})
    data["edges"].append({"source": "greece", "target": "turkey", "relation": "opposes"})
    data["nodes"].append({"id": "loner", "label": "Loner", "type": "PERSON", "mentions": 1})
    after = extend_positions(data, before)
    assert {i: after[i] for i in before} == before
    assert {"greece", "loner"} <= set(after)
    turkey = after["turkey"]
    assert abs(after["greece"]["x"] - turkey["x"]) + abs(after["greece"]["y"] - turkey["y"]) < 600


# --------------------------------------------------------------------------- search and selection


def test_search_options_show_labels_and_search_aliases(sample_graph):
    options = search_options(sample_graph)
    labels = [o["label"] for o in options]
    assert labels == sorted(labels, key=str.casefold)
    turkey = next(o for o in options if o["value"] == "turkey")
    assert turkey["label"] == "Turkey" and "Ankara" in turkey["search"]


def test_an_actor_named_a_thousand_ways_is_found_by_its_first_aliases_only():
    many = [f"Name {i:04d}" for i in range(1000)]
    option, = search_options({"nodes": [{"id": "x", "label": "X", "type": "GPE", "aliases": many}], "edges": []})
    assert "Name 0000" in option["search"] and f"Name {SEARCH_ALIASES - 1:04d}" in option["search"]
    assert f"Name {SEARCH_ALIASES:04d}" not in option["search"] and len(option["search"]) < 400


@pytest.mark.parametrize(("trigger", "prop", "value", "expected", "search"), [
    (ids.CANVAS, "tapNodeData", {"id": "turkey", "label": "Turkey"}, {"kind": "node", "id": "turkey", "via": "tap"},
     "turkey"),
    (ids.CANVAS, "tapEdgeData", {"id": "a|supports|b"}, {"kind": "edge", "id": "a|supports|b", "via": "tap"}, None),
    (ids.SEARCH, "value", "russia", {"kind": "node", "id": "russia", "via": "search"}, "russia"),
    ({"type": ids.NODE_LINK, "node": "syria", "slot": "top"}, "n_clicks", 1,
     {"kind": "node", "id": "syria", "via": "link"}, "syria"),
    ({"type": ids.EDGE_LINK, "edge": "a|supports|b", "slot": "head"}, "n_clicks", 2,
     {"kind": "edge", "id": "a|supports|b", "via": "link"}, None),
    (ids.ACTORS_GRAPH, "clickData", {"points": [{"customdata": "turkey"}]},
     {"kind": "node", "id": "turkey", "via": "chart"}, "turkey"),
    (ids.STANCE_GRAPH, "clickData", {"points": [{"customdata": [2, 1, "turkey", "syria", "Turkey", "Syria"]}]},
     {"kind": "dyad", "id": "turkey,syria", "via": "chart"}, None),
])
def test_resolve_selection(trigger, prop, value, expected, search):
    selection, search_value = resolve_selection(trigger, prop, value, {"nonce": 4})
    assert selection == {**expected, "nonce": 5}
    assert search_value == search


def test_clearing_the_search_clears_the_selection():
    assert resolve_selection(ids.SEARCH, "value", None, {"kind": "node", "id": "x", "nonce": 1}) == (None, None)


@pytest.mark.parametrize(("trigger", "prop", "value"), [
    ({"type": ids.NODE_LINK, "node": "syria", "slot": "top"}, "n_clicks", 0),
    (ids.STANCE_GRAPH, "clickData", {"points": [{"customdata": [0, 0, "turkey", "turkey"]}]}),
    (ids.STANCE_GRAPH, "clickData", None),
    (ids.ACTORS_GRAPH, "clickData", {"points": []}),
])
def test_events_that_select_nothing_change_nothing(trigger, prop, value):
    assert resolve_selection(trigger, prop, value, None) == (no_update, no_update)


def test_path_selection_needs_two_actors_and_clamps_k():
    assert path_selection("a", "b", 9, {"nonce": 1}) == {"kind": "path", "id": "a,b", "k": 5, "via": "form",
                                                         "nonce": 2}
    assert path_selection("a", "b", "x", None)["k"] == 3
    assert path_selection("a", None, 2, None) is None


@pytest.mark.parametrize(("selection", "nodes"), [
    (None, ()),
    ({"kind": "node", "id": "a"}, ("a",)),
    ({"kind": "edge", "id": "a|supports|b"}, ("a", "b")),
    ({"kind": "edge", "id": "broken"}, ()),
    ({"kind": "dyad", "id": "a,b"}, ("a", "b")),
    ({"kind": "path", "id": "a,b", "k": 2}, ("a", "b")),
    ({"kind": "path", "id": "a"}, ()),
])
def test_selection_nodes(selection, nodes):
    assert selection_nodes(selection) == nodes


def on_canvas(g):
    return set(g.nodes), [(s, k, t) for s, t, k in g.edges(keys=True)]


def test_focus_stylesheet_brings_the_neighbourhood_forward(sample_g):
    rules = focus_stylesheet(*on_canvas(sample_g), {"kind": "node", "id": "syria"})
    assert rules[:len(stylesheet())] == stylesheet()
    extra = " ".join(r["selector"] for r in rules[len(stylesheet()):])
    assert 'node[id = "syria"]' in extra and 'node[id = "turkey"]' in extra
    assert 'node[id = "nato"]' not in extra
    assert 'edge[id = "syria|attacks|turkey"]' in extra


def test_focus_stylesheet_for_an_edge_a_dyad_a_path_and_a_stale_selection(sample_g):
    drawn = on_canvas(sample_g)
    rules = focus_stylesheet(*drawn, {"kind": "edge", "id": "united-states|supports|turkey"})
    assert any(r["selector"] == 'edge[id = "united-states|supports|turkey"]' and r["style"].get("underlay-color")
               for r in rules)
    dyad = " ".join(r["selector"] for r in focus_stylesheet(*drawn, {"kind": "dyad", "id": "turkey,united-states"}))
    assert 'edge[id = "united-states|supports|turkey"]' in dyad and 'node[id = "russia"]' not in dyad
    path = focus_stylesheet(*drawn, {"kind": "path", "id": "a,b"}, path_nodes={"turkey", "syria"},
                            path_edges={"syria|attacks|turkey"})
    assert 'edge[id = "syria|attacks|turkey"]' in " ".join(r["selector"] for r in path)
    assert focus_stylesheet(*drawn, {"kind": "node", "id": "atlantis"}) == stylesheet()
    assert focus_stylesheet(*drawn, {"kind": "edge", "id": "a|b|c"}) == stylesheet()
    assert focus_stylesheet(*drawn, None) == stylesheet()


# --------------------------------------------------------------------------- stylesheet and filters


def test_stylesheet_colours_each_relation_type_and_marks_single_sources():
    rules = {r["selector"]: r["style"] for r in stylesheet()}
    for name, kind in BY_NAME.items():
        assert rules[f'edge[relation = "{name}"]']["line-color"] == kind.colour
    assert rules["edge"]["target-arrow-shape"] == "triangle"
    assert rules["edge.single"]["line-dash-pattern"] == SINGLE_SOURCE_DASH
    assert rules["edge.weak"]["line-style"] == "dotted"
    assert {"node.on-path", "edge.on-path", "node.focus-root"} <= set(rules)
    order = [r["selector"] for r in stylesheet()]
    assert order.index("edge.single") < order.index("edge.negated") < order.index("edge.weak")


def test_relation_filter_has_one_option_per_type_with_its_colour(sample_graph):
    options = relation_filter_options(sample_graph)
    assert [o["value"] for o in options] == list(RELATION_NAMES)
    for option in options:
        swatch = by_class(option["label"], "swatch")[0]
        assert swatch.style["backgroundColor"] == BY_NAME[option["value"]].colour
        assert option["value"].replace("_", " ") in text_of(option["label"])


def test_months_cover_the_span_of_article_dates():
    assert month_range("2019-11", "2020-02") == ("2019-11", "2019-12", "2020-01", "2020-02")
    assert month_range("2019", "2019")[0] == "2019-01" and month_range("2019", "2019")[-1] == "2019-12"
    assert month_range("2020-03-05", "2020-03-28") == ("2020-03",)
    assert month_range(None, "2020") == () and month_range("2021", "2020") == ()
    months = month_range("2016-07", "2020-02")
    marks = month_marks(months)
    assert len(marks) <= 4 and all(months[i].startswith(label) for i, label in marks.items())
    assert date_span_label(months, [0, len(months) - 1]).endswith("(all)")
    assert date_span_label(months, [18, 43]) == "2018-01 – 2020-02"
    assert date_span_label((), None) == "no dated articles"


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
    marks = {c.className.split()[-1]: c.children for c in children if is_tag(c, "Mark")}
    assert marks == {"hl-subject": "US", "hl-trigger": "backs", "hl-object": "Turkish"}
    assert "".join(c if isinstance(c, str) else c.children for c in children) == evidence["sentence"]


@pytest.mark.parametrize(("flags", "badges"), [
    ({}, []),
    ({"negated": True}, ["negated"]),
    ({"modality": "reported"}, ["reported"]),
    ({"modality": "reported", "speaker": "John Kirby"}, ["reported by John Kirby"]),
    ({"modality": "future", "negated": True}, ["negated", "future"]),
    ({"modality": "hypothetical"}, ["hypothetical"]),
    ({"confirmed": True}, ["confirmed"]),
    ({"item": "IRIS-T"}, ["item: IRIS-T"]),
])
def test_evidence_badges(flags, badges):
    assert [b.children for b in evidence_badges({"modality": "asserted", **flags})] == badges


def test_filtered_graphs_draw_without_dangling_edges(sample_g):
    for relation in RELATION_NAMES:
        for hidden in (None, "GPE", "PERSON", "WEAPON"):
            fg = filter_graph(sample_g, relations=[relation], entity_types=[t for t in ALL_TYPES if t != hidden],
                              include_co_mentions=True, keep=["pentagon"])
            elements = draw(fg)
            shown = nodes_of(elements)
            assert all(d["source"] in shown and d["target"] in shown for d in edges_of(elements))
