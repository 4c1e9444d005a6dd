"""Callbacks called directly, the app factory and the page it serves."""
from __future__ import annotations

import json
from contextvars import copy_context
from pathlib import Path

import plotly
import pytest
from dash import html, no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

import app as app_module
from app import create_app, load_graph
from ui import callbacks, ids
from ui.elements import build_elements, default_relations, node_positions
from ui.styles import stylesheet

from test_ui_elements import by_class, text_of, walk  # noqa: E402  (shared tree helpers)

ALL_TYPES = ["GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON", "WEAPON", "LOC"]


def fire(callback, triggered: list[dict], *args):
    """Run a callback as Dash would after ``triggered`` changed."""
    def run():
        context_value.set(AttributeDict(triggered_inputs=triggered))
        return callback(*args)
    return copy_context().run(run)


# --------------------------------------------------------------------------- select


def test_tapping_a_node_selects_it_and_fills_the_search_box():
    tap = {"id": "turkey", "label": "Turkey", "timeStamp": 1}
    selection, search = fire(callbacks.select, [{"prop_id": f"{ids.CANVAS}.tapNodeData", "value": tap}],
                             tap, None, None, [], [], None)
    assert selection == {"kind": "node", "id": "turkey", "via": "tap", "nonce": 1}
    assert search == "turkey"


def test_tapping_an_edge_selects_it_and_clears_the_search_box():
    tap = {"id": "syria|attacks|turkey", "source": "syria", "target": "turkey"}
    selection, search = fire(callbacks.select, [{"prop_id": f"{ids.CANVAS}.tapEdgeData", "value": tap}],
                             None, tap, "turkey", [], [], {"kind": "node", "id": "turkey", "nonce": 3})
    assert selection == {"kind": "edge", "id": "syria|attacks|turkey", "via": "tap", "nonce": 4}
    assert search is None


def test_searching_selects_the_actor_for_focusing():
    selection, search = fire(callbacks.select, [{"prop_id": f"{ids.SEARCH}.value", "value": "russia"}],
                             None, None, "russia", [], [], None)
    assert selection["kind"] == "node" and selection["id"] == "russia" and selection["via"] == "search"
    assert search == "russia"


def test_a_clicked_panel_link_wins_over_links_that_merely_appeared():
    fresh = '{"node":"turkey","slot":"top","type":"node-link"}.n_clicks'
    clicked = '{"node":"syria","slot":"row:syria|attacks|turkey","type":"node-link"}.n_clicks'
    selection, search = fire(callbacks.select, [{"prop_id": fresh, "value": 0}, {"prop_id": clicked, "value": 1}],
                             None, None, None, [0, 1], [], None)
    assert selection["id"] == "syria" and selection["via"] == "link"
    assert search == "syria"


def test_links_that_merely_appeared_change_nothing():
    fresh = '{"edge":"a|supports|b","slot":"head","type":"edge-link"}.n_clicks'
    assert fire(callbacks.select, [{"prop_id": fresh, "value": 0}], None, None, None, [], [0], None) == \
        (no_update, no_update)


# --------------------------------------------------------------------------- canvas


def test_unticking_a_relation_removes_its_edges_from_the_canvas(sample_graph):
    positions = node_positions(sample_graph)
    current = build_elements(sample_graph, relations=default_relations(sample_graph), entity_types=ALL_TYPES,
                             positions=positions)
    relations = [r for r in default_relations(sample_graph) if r != "opposes"]
    elements = callbacks.update_elements(relations, ALL_TYPES, None, current, data=sample_graph, positions=positions)
    shown = {e["data"]["relation"] for e in elements if e["group"] == "edges"}
    assert "opposes" not in shown and "supports" in shown


def test_ticking_co_mentioned_adds_the_weak_edges(sample_graph):
    relations = [*default_relations(sample_graph), "co_mentioned"]
    elements = callbacks.update_elements(relations, ALL_TYPES, None, [], data=sample_graph)
    assert any(e["data"]["relation"] == "co_mentioned" for e in elements if e["group"] == "edges")


def test_unchanged_elements_are_not_sent_again(sample_graph):
    current = build_elements(sample_graph, relations=default_relations(sample_graph), entity_types=ALL_TYPES)
    selection = {"kind": "node", "id": "turkey", "via": "tap", "nonce": 1}
    assert callbacks.update_elements(default_relations(sample_graph), ALL_TYPES, selection, current,
                                     data=sample_graph) is no_update


def test_selecting_a_hidden_actor_puts_it_on_the_canvas(sample_graph):
    current = build_elements(sample_graph, relations=["acquires"], entity_types=ALL_TYPES)
    selection = {"kind": "node", "id": "james-jeffrey", "via": "search", "nonce": 1}
    elements = callbacks.update_elements(["acquires"], ALL_TYPES, selection, current, data=sample_graph)
    assert "james-jeffrey" in {e["data"]["id"] for e in elements}


def test_stylesheet_follows_the_selection(sample_graph):
    elements = build_elements(sample_graph, relations=default_relations(sample_graph), entity_types=ALL_TYPES)
    assert callbacks.update_stylesheet(elements, None) == stylesheet()
    focused = callbacks.update_stylesheet(elements, {"kind": "node", "id": "turkey"})
    assert len(focused) > len(stylesheet())


# --------------------------------------------------------------------------- panel


def test_panel_shows_the_selected_actor_with_evidence(sample_graph):
    panel = callbacks.update_panel({"kind": "node", "id": "turkey"}, default_relations(sample_graph),
                                   data=sample_graph)
    assert by_class(panel, "panel-title")[0].children == "Turkey"
    assert by_class(panel, "evidence")
    assert any(isinstance(c, html.Mark) and "hl-trigger" in c.className for c in walk(panel))


def test_panel_shows_every_sentence_of_the_selected_edge(sample_graph):
    edge = next(e for e in sample_graph["edges"] if e["source"] == "united-states" and e["relation"] == "supports")
    panel = callbacks.update_panel({"kind": "edge", "id": "united-states|supports|turkey"}, [], data=sample_graph)
    assert len(by_class(panel, "evidence")) == len(edge["evidence"]) == 3


def test_panel_without_selection_is_the_overview(sample_graph):
    assert "Explore the graph" in text_of(callbacks.update_panel(None, [], data=sample_graph))


# --------------------------------------------------------------------------- app


def test_create_app_registers_every_callback(sample_graph):
    app = create_app(sample_graph, title="test graph")
    outputs = " ".join(app.callback_map)
    for target in (f"{ids.SELECTION_STORE}.data", f"{ids.CANVAS}.elements", f"{ids.CANVAS}.stylesheet",
                   f"{ids.PANEL}.children", f"{ids.FOCUS_STORE}.data"):
        assert target in outputs
    assert app.title == "test graph"


def test_every_component_id_comes_from_ui_ids(sample_graph):
    app = create_app(sample_graph)
    known = {v for k, v in vars(ids).items() if k.isupper() and isinstance(v, str)}
    found = [getattr(c, "id", None) for c in walk(app.layout)]
    string_ids = {i for i in found if isinstance(i, str)}
    assert string_ids <= known
    assert {i["type"] for i in found if isinstance(i, dict)} <= {ids.NODE_LINK, ids.EDGE_LINK}
    assert {ids.CANVAS, ids.SEARCH, ids.RELATION_FILTER, ids.ENTITY_FILTER, ids.PANEL} <= string_ids


def test_page_opens_on_the_default_view(sample_graph):
    layout = create_app(sample_graph).layout
    canvas = next(c for c in walk(layout) if getattr(c, "id", None) == ids.CANVAS)
    relation_filter = next(c for c in walk(layout) if getattr(c, "id", None) == ids.RELATION_FILTER)
    assert "co_mentioned" not in relation_filter.value
    assert all(e["data"].get("relation") != "co_mentioned" for e in canvas.elements)
    assert canvas.layout["name"] == "preset"
    json.dumps(layout, cls=plotly.utils.PlotlyJSONEncoder)  # the page must serialise


def test_the_page_does_not_carry_the_evidence(sample_graph):
    # the graph stays on the server; the page only gets what the canvas and panel show
    page = json.dumps(create_app(sample_graph).layout, cls=plotly.utils.PlotlyJSONEncoder)
    assert "The S-400 is a system Russia built" not in page  # a co-mention sentence


def test_the_server_answers(sample_graph):
    client = create_app(sample_graph).server.test_client()
    assert client.get("/").status_code == 200
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200 and b"united-states" in layout.data
    assert client.get("/assets/style.css").status_code == 200


def test_create_app_builds_the_seed_graph_when_given_none(monkeypatch, sample_graph):
    import graph.pipeline

    monkeypatch.setattr(graph.pipeline, "build_seed_graph", lambda: sample_graph)
    app = create_app()
    assert "Turkey" in json.dumps(app.layout, cls=plotly.utils.PlotlyJSONEncoder)


def test_serve_runs_the_app_without_debug(monkeypatch, sample_graph):
    seen = {}
    app = create_app(sample_graph)
    monkeypatch.setattr(app, "run", lambda **kw: seen.update(kw))
    app_module.serve(app, "127.0.0.1", 8123)
    assert seen == {"host": "127.0.0.1", "port": 8123, "debug": False}


def test_main_serves_a_graph_file(monkeypatch, tmp_path, sample_graph):
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(sample_graph), encoding="utf-8")
    seen = {}
    monkeypatch.setattr(app_module, "serve", lambda app, host, port: seen.update(host=host, port=port, app=app))
    assert app_module.main(["--graph", str(path), "--port", "8124"]) == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8124


@pytest.mark.parametrize(("content", "reason"), [
    (None, "cannot read"),
    ("{not json", "not valid JSON"),
    ('{"nodes": []}', "not a node-link graph"),
])
def test_load_graph_names_the_file_and_the_reason(tmp_path: Path, content, reason):
    path = tmp_path / "graph.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as err:
        load_graph(path)
    assert str(path) in str(err.value) and reason in str(err.value)
