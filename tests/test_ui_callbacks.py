"""Callbacks called directly, the app factory and the page it serves."""
from __future__ import annotations

import base64
import json
from contextvars import copy_context
from pathlib import Path

import plotly
import pytest
from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

import app as app_module
from app import create_app, load_graph
from graph.store import Store
from ui import callbacks, ids
from ui.source import CorpusSource, CurationRefused
from ui.styles import stylesheet

from test_ui_elements import by_class, is_tag, text_of, walk  # noqa: E402  (shared tree helpers)
from helpers import status_after_error, upload_and_wait  # noqa: E402
from ui.folding import unfolded  # noqa: E402

ALL_TYPES = ["GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON", "WEAPON", "LOC"]


def fire(callback, triggered: list[dict] | str, *args, value=None, **kwargs):
    """Run a callback as Dash would after ``triggered`` changed; returns (result, props set aside)."""
    if isinstance(triggered, str):
        triggered = [{"prop_id": triggered, "value": value}]
    updated: dict = {}

    def run():
        context_value.set(AttributeDict(triggered_inputs=triggered, updated_props=updated))
        return callback(*args, **kwargs)
    return copy_context().run(run)


def link(kind: str, **id_) -> str:
    return json.dumps({"type": kind, **id_}, separators=(",", ":"), sort_keys=True) + ".n_clicks"


@pytest.fixture
def source(sample_graph):
    return CorpusSource(data=sample_graph)


@pytest.fixture
def store_source(seed_store_copy):
    return CorpusSource(store_path=seed_store_copy)


def filters(corpus, **kw):
    """relations, types, dates, min_articles as the page sends them."""
    return (kw.get("relations", list(corpus.default_relations)), kw.get("types", list(corpus.entity_types)),
            kw.get("dates", [0, len(corpus.months) - 1]), kw.get("min", 1))


NO_VIEW = {"focus": None, "expanded": []}


def canvas(source, selection=None, view=NO_VIEW, hops=1, key=None, **kw):
    corpus = source.current()
    return callbacks.update_canvas(*filters(corpus, **kw), hops, view, selection, corpus.version, key, source=source)


def panel(source, selection, **kw):
    """The panel as components, its folded parts unfolded (what the browser draws)."""
    corpus = source.current()
    return unfolded(callbacks.update_panel(selection, *filters(corpus, **kw), corpus.version, source=source))


def edges(elements):
    return [e["data"] for e in elements if e["group"] == "edges"]


def nodes(elements):
    return {e["data"]["id"] for e in elements if e["group"] == "nodes"}


# --------------------------------------------------------------------------- select


def select(trigger, value, previous=None, *, path=(None, None, 3), tab=ids.TAB_STANCE):
    return fire(callbacks.select, trigger, None, None, None, None, None, 0, *path, previous, tab, value=value)


def test_tapping_a_node_selects_it_fills_the_search_box_and_shows_the_dossier_tab():
    selection, search, tab = select(f"{ids.CANVAS}.tapNodeData", {"id": "turkey", "label": "Turkey"})
    assert selection == {"kind": "node", "id": "turkey", "via": "tap", "nonce": 1}
    assert (search, tab) == ("turkey", ids.TAB_GRAPH)


def test_the_tab_is_only_set_when_it_changes():
    _, _, tab = select(f"{ids.CANVAS}.tapNodeData", {"id": "turkey"}, tab=ids.TAB_GRAPH)
    assert tab is no_update


def test_tapping_an_edge_selects_it_and_clears_the_search_box():
    selection, search, _ = select(f"{ids.CANVAS}.tapEdgeData", {"id": "syria|attacks|turkey"},
                                  {"kind": "node", "id": "turkey", "nonce": 3})
    assert selection == {"kind": "edge", "id": "syria|attacks|turkey", "via": "tap", "nonce": 4}
    assert search is None


def test_a_clicked_panel_link_wins_over_links_that_merely_appeared():
    fresh = link(ids.NODE_LINK, node="turkey", slot="top")
    clicked = link(ids.NODE_LINK, node="syria", slot="row:syria|attacks|turkey")
    selection, search, tab = fire(callbacks.follow_link, [{"prop_id": fresh, "value": 0},
                                                          {"prop_id": clicked, "value": 1}],
                                  [0, 1], [], None, ids.TAB_GRAPH)
    assert selection["id"] == "syria" and selection["via"] == "link" and search == "syria" and tab is no_update
    edge = fire(callbacks.follow_link, link(ids.EDGE_LINK, edge="a|supports|b", slot="x"), [], [1], None,
                ids.TAB_ARTICLES, value=1)
    assert edge[0]["kind"] == "edge" and edge[2] == ids.TAB_GRAPH


def test_a_folded_link_click_comes_through_the_store_of_its_type(source):
    clicked = {"id": {"type": ids.NODE_LINK, "node": "syria", "slot": "row:x"}, "n": 4}
    selection, search, _ = fire(callbacks.follow_link, f"{ids.CLICKED}{ids.NODE_LINK}.data", clicked, {}, None,
                                ids.TAB_GRAPH, value=clicked)
    assert (selection["kind"], selection["id"], selection["via"], search) == ("node", "syria", "link", "syria")
    focus = {"id": {"type": ids.VIEW_ACTION, "action": "focus", "target": "turkey"}, "n": 1}
    view = fire(callbacks.update_view, f"{ids.CLICKED}{ids.VIEW_ACTION}.data", focus, None, None, NO_VIEW,
                value=focus, source=source)
    assert view[0] == {"focus": "turkey", "expanded": []}


def test_a_store_holding_another_kind_of_link_or_nothing_changes_nothing():
    wrong = {"id": {"type": ids.EDGE_LINK, "edge": "a|supports|b", "slot": "x"}, "n": 2}
    for value in (wrong, {}, {"id": "turkey", "n": 1}):
        assert fire(callbacks.follow_link, f"{ids.CLICKED}{ids.NODE_LINK}.data", value, {}, None, ids.TAB_GRAPH,
                    value=value) == (no_update,) * 3


def test_links_that_merely_appeared_change_nothing():
    assert fire(callbacks.follow_link, link(ids.EDGE_LINK, edge="a|supports|b", slot="head"), [], [0], None,
                ids.TAB_GRAPH, value=0) == (no_update,) * 3


def test_clicking_a_heatmap_cell_selects_the_pair_and_stays_on_the_stance_tab():
    click = {"points": [{"customdata": [3, 1, "turkey", "united-states", "Turkey", "United States"]}]}
    selection, _, tab = select(f"{ids.STANCE_GRAPH}.clickData", click)
    assert selection["kind"] == "dyad" and selection["id"] == "turkey,united-states" and tab is no_update


def test_clicking_a_bar_selects_the_actor():
    selection, search, tab = select(f"{ids.ACTORS_GRAPH}.clickData", {"points": [{"customdata": "russia"}]})
    assert selection["id"] == "russia" and search == "russia" and tab == ids.TAB_GRAPH


def test_the_path_form_selects_a_path_query_once_both_actors_are_chosen():
    selection, _, tab = select(f"{ids.PATH_BUTTON}.n_clicks", 1, path=("united-states", "russia", 2))
    assert selection["kind"] == "path" and selection["id"] == "united-states,russia" and selection["k"] == 2
    assert tab == ids.TAB_GRAPH
    assert select(f"{ids.PATH_BUTTON}.n_clicks", 1, path=("united-states", None, 2)) == (no_update,) * 3


# --------------------------------------------------------------------------- URL


def sync(source, trigger, search, seen="", **state):
    corpus = source.current()
    rel, typ, dates, least = filters(corpus, **state)
    return fire(callbacks.sync_url, trigger, search, rel, typ, dates, least, state.get("hops", 1),
                state.get("selection"), state.get("view", NO_VIEW), state.get("tab", ids.TAB_GRAPH),
                state.get("doc"), seen, source=source)


NOTHING = (no_update,) * 15


def test_opening_a_link_sets_the_page_from_the_url(source):
    link_ = "?node=turkey&rel=supports,opposes&from=2018-01&to=2020-02&min=2&hops=2"
    out = sync(source, f"{ids.URL}.search", link_, seen=None)
    query, relations, types, dates, least, hops, selection, view, tab, doc, *path, contested, seen = out
    assert query is no_update and seen == link_
    assert relations == ["supports", "opposes"] and least == 2 and hops == 2
    months = source.current().months
    assert dates == [months.index("2018-01"), months.index("2020-02")]
    assert selection["kind"] == "node" and selection["id"] == "turkey"
    assert path == [no_update] * 3 and contested == []


def test_only_contested_travels_in_the_url(source):
    out = sync(source, f"{ids.URL}.search", "?contested=1&min=2")
    assert out[13] == ["contested"] and out[4] == 2
    written = fire(callbacks.sync_url, f"{ids.CONTESTED_FILTER}.value", "", *filters(source.current()), 1, None,
                   NO_VIEW, ids.TAB_GRAPH, None, "", source=source, contested=["contested"])
    assert written[0] == "?contested=1" and written[-1] == "?contested=1"


def test_a_path_link_fills_the_path_form(source):
    out = sync(source, f"{ids.URL}.search", "?path=united-states,russia&k=4")
    assert out[6]["kind"] == "path" and out[10:13] == ("united-states", "russia", 4)


def test_a_url_that_matches_the_page_or_was_seen_changes_nothing(source):
    assert sync(source, f"{ids.URL}.search", "?hops=2", hops=2)[:13] == NOTHING[:13]
    assert sync(source, f"{ids.URL}.search", "?hops=2", seen="?hops=2") == NOTHING
    assert sync(source, None, None, seen=None) == NOTHING  # first load, before the address bar reports


def test_a_plain_address_reported_late_does_not_undo_an_early_click(source):
    tapped = {"kind": "node", "id": "syria", "via": "tap", "nonce": 1}
    out = sync(source, f"{ids.URL}.search", "", seen=None, selection=tapped)
    assert out[0] == "?node=syria" and out[6] is no_update and out[-1] == "?node=syria"
    assert sync(source, f"{ids.URL}.search", "", seen=None)[:13] == NOTHING[:13]


def test_going_back_restores_the_earlier_view(source):
    out = sync(source, f"{ids.URL}.search", "?node=turkey", seen="?node=syria",
               selection={"kind": "node", "id": "syria", "via": "tap", "nonce": 3})
    assert out[6]["id"] == "turkey" and out[-1] == "?node=turkey"


def test_bad_url_values_fall_back_to_the_defaults(source):
    out = sync(source, f"{ids.URL}.search", "?node=atlantis&min=zero&hops=99&from=1900-01&tab=evil", hops=2)
    assert out[5] == 1 and out[6] is None and out[8] == ids.TAB_GRAPH


def test_changing_the_page_writes_the_url(source):
    out = sync(source, f"{ids.HOPS_SLIDER}.value", "", hops=3,
               selection={"kind": "node", "id": "turkey", "via": "tap", "nonce": 2})
    assert out[0] == "?node=turkey&hops=3" and out[1:14] == (no_update,) * 13 and out[14] == "?node=turkey&hops=3"
    assert sync(source, f"{ids.HOPS_SLIDER}.value", "?hops=3", hops=3) == NOTHING


# --------------------------------------------------------------------------- view


def view_event(source, trigger, value, view=NO_VIEW):
    return fire(callbacks.update_view, trigger, [], None, 0, view, value=value, source=source)


def test_focus_and_expand_from_the_node_panel(source):
    focus = link(ids.VIEW_ACTION, action="focus", target="nato")
    assert view_event(source, focus, 1)[0] == {"focus": "nato", "expanded": []}
    expand = link(ids.VIEW_ACTION, action="expand", target="turkey")
    assert view_event(source, expand, 1, {"focus": "nato", "expanded": []})[0] == \
        {"focus": "nato", "expanded": ["turkey"]}
    assert view_event(source, expand, 1)[0] == {"focus": "turkey", "expanded": []}  # no focus yet: start one


def test_double_tapping_a_node_expands_it(source):
    out = view_event(source, f"{ids.DBLTAP_STORE}.data", {"id": "russia", "at": 5}, {"focus": "nato", "expanded": []})
    assert out[0] == {"focus": "nato", "expanded": ["russia"]}


def test_reset_returns_to_the_whole_graph(source):
    out = view_event(source, f"{ids.RESET_BUTTON}.n_clicks", 1, {"focus": "nato", "expanded": ["turkey"]})
    assert out[0] == {"focus": None, "expanded": []}


def test_paths_and_merge_buttons_fill_their_forms(source):
    assert view_event(source, link(ids.VIEW_ACTION, action="paths", target="turkey"), 1)[1] == "turkey"
    out = view_event(source, link(ids.VIEW_ACTION, action="merge", target="pentagon"), 1)
    assert out[2:] == ("pentagon", ids.TAB_CURATION)


def test_view_events_for_unknown_actors_or_fresh_buttons_change_nothing(source):
    assert view_event(source, link(ids.VIEW_ACTION, action="focus", target="atlantis"), 1) == (no_update,) * 4
    assert view_event(source, link(ids.VIEW_ACTION, action="focus", target="nato"), 0) == (no_update,) * 4


# --------------------------------------------------------------------------- canvas


def test_unticking_a_relation_removes_its_edges_from_the_canvas(source):
    corpus = source.current()
    elements, styles, key, notice, _ = canvas(source)
    assert "opposes" in {d["relation"] for d in edges(elements)}
    fewer = canvas(source, key=key, relations=[r for r in corpus.default_relations if r != "opposes"])[0]
    relations = {d["relation"] for d in edges(fewer)}
    assert "opposes" not in relations and "supports" in relations


def test_a_click_that_changes_nothing_on_the_canvas_sends_no_elements(source):
    _, _, key, _, _ = canvas(source)
    elements, styles, same_key, _, _ = canvas(source, {"kind": "node", "id": "turkey", "via": "tap"}, key=key)
    assert elements is no_update and same_key == key
    assert len(styles) > len(stylesheet())  # but the selection is brought forward


def test_moving_the_date_range_removes_edges_without_evidence_in_it(source):
    months = source.current().months
    everything = canvas(source)[0]
    late = canvas(source, dates=[months.index("2020-01"), len(months) - 1])[0]
    assert len(edges(late)) < len(edges(everything))
    assert "united-states|negotiates|turkey" in {d["id"] for d in edges(everything)}
    assert "united-states|negotiates|turkey" not in {d["id"] for d in edges(late)}  # 2018-07 and 2019-04 only


def test_minimum_articles_keeps_corroborated_edges(source):
    kept = edges(canvas(source, min=2)[0])
    assert kept and all(d["articles"] >= 2 for d in kept if d["relation"] != "part_of")


def test_focus_draws_the_neighbourhood_and_says_so(source):
    elements, _, _, notice, notice_class = canvas(source, view={"focus": "nato", "expanded": []})
    assert nodes(elements) == {"nato", "turkey"} and "Neighbourhood of NATO" in notice
    assert "is-shown" in notice_class
    wider = canvas(source, view={"focus": "nato", "expanded": []}, hops=2)[0]
    assert nodes(elements) < nodes(wider)


def test_a_graph_over_the_budget_shows_its_most_central_part(sample_graph):
    small = CorpusSource(data=sample_graph, budget=5)
    elements, _, _, notice, _ = canvas(small)
    assert len(nodes(elements)) == 5
    assert notice.startswith("Showing the 5 most central of ")


def test_a_path_query_is_drawn_with_highlight_classes(source):
    selection = {"kind": "path", "id": "united-states,russia", "k": 2, "via": "form", "nonce": 1}
    elements, styles, *_ = canvas(source, selection)
    on_path = [e for e in elements if "on-path" in (e.get("classes") or "")]
    assert {"united-states", "russia"} <= {e["data"]["id"] for e in on_path}
    assert any(e["group"] == "edges" for e in on_path)
    assert len(styles) > len(stylesheet())


def test_filters_never_leave_a_dangling_edge(source):
    for hidden in ALL_TYPES:
        elements = canvas(source, {"kind": "node", "id": "pentagon"},
                          types=[t for t in ALL_TYPES if t != hidden])[0]
        shown = nodes(elements)
        assert all(d["source"] in shown and d["target"] in shown for d in edges(elements))


# --------------------------------------------------------------------------- panel and tabs


def test_panel_shows_the_selected_actor_with_evidence(source):
    result = panel(source, {"kind": "node", "id": "turkey"})
    assert by_class(result, "panel-title")[0].children == "Turkey"
    assert by_class(result, "evidence")
    assert any(is_tag(c, "Mark") and "hl-trigger" in c.className for c in walk(result))


def test_a_panel_is_drawn_once_for_every_session_that_shows_it(source, monkeypatch):
    drawn = []
    real = callbacks.node_dossier
    monkeypatch.setattr(callbacks, "node_dossier", lambda *a, **k: drawn.append(a[1]) or real(*a, **k))
    corpus = source.current()
    first = callbacks.update_panel({"kind": "node", "id": "turkey", "via": "tap", "nonce": 1}, *filters(corpus),
                                   corpus.version, source=source)
    again = callbacks.update_panel({"kind": "node", "id": "turkey", "via": "link", "nonce": 7}, *filters(corpus),
                                   corpus.version, source=source)
    assert again is first and drawn == ["turkey"]
    paged = callbacks.update_panel({"kind": "node", "id": "turkey", "nonce": 8}, *filters(corpus), corpus.version,
                                   {"node:turkey": {"shown": 40}}, source=source)
    narrower = callbacks.update_panel({"kind": "node", "id": "turkey", "nonce": 9},
                                      *filters(corpus, relations=["supports"]), corpus.version, source=source)
    assert paged is not first and narrower is not first and drawn == ["turkey"] * 3


def test_panel_shows_every_sentence_of_the_selected_edge(source, sample_graph):
    edge = next(e for e in sample_graph["edges"] if e["source"] == "united-states" and e["relation"] == "supports")
    result = panel(source, {"kind": "edge", "id": "united-states|supports|turkey"})
    assert len(by_class(result, "evidence")) == len(edge["evidence"]) == 3


def test_panel_evidence_follows_the_date_range(source):
    months = source.current().months
    result = panel(source, {"kind": "edge", "id": "turkey|acquires|s-400"}, dates=[0, months.index("2019-12")])
    assert all("2020-02" not in text_of(by_class(i, "evidence-meta")[0]) for i in by_class(result, "evidence"))


def test_panel_answers_a_path_query_hop_by_hop(source):
    result = panel(source, {"kind": "path", "id": "united-states,russia", "k": 3})
    assert "How is United States connected to Russia?" in text_of(result)
    assert by_class(result, "hop") and by_class(result, "evidence")


def test_panel_without_selection_is_the_overview(source):
    assert "Explore the graph" in text_of(panel(source, None))
    assert "cooperation" in text_of(panel(source, {"kind": "dyad", "id": "turkey,united-states"}))


def test_stance_and_actor_charts_render_only_on_their_tab(source):
    corpus = source.current()
    args = (*filters(corpus), corpus.version)
    assert callbacks.update_stance(ids.TAB_GRAPH, *args, None, source=source) is no_update
    figure = callbacks.update_stance(ids.TAB_STANCE, *args, None, source=source)
    assert figure["data"][0]["type"] == "heatmap" and figure["layout"]["shapes"] == []
    outlined = callbacks.update_stance(ids.TAB_STANCE, *args, {"kind": "dyad", "id": "turkey,united-states"},
                                       source=source)
    assert len(outlined["layout"]["shapes"]) == 2
    json.dumps(figure, cls=plotly.utils.PlotlyJSONEncoder)
    bars = callbacks.update_actors(ids.TAB_ACTORS, *args, source=source)
    assert bars["data"][0]["customdata"][0] == "turkey"
    assert callbacks.update_actors(ids.TAB_STANCE, *args, source=source) is no_update


def test_a_clicked_heatmap_cell_lists_that_pairs_evidence(source):
    corpus = source.current()
    detail = callbacks.update_stance_detail(ids.TAB_STANCE, {"kind": "dyad", "id": "syria,turkey"},
                                            *filters(corpus), corpus.version, source=source)
    assert "syria,turkey" == getattr(by_class(detail, "dyad-dossier")[0], "data-dyad")
    hint = callbacks.update_stance_detail(ids.TAB_STANCE, None, *filters(corpus), corpus.version, source=source)
    assert "Click a cell" in text_of(hint)
    assert callbacks.update_stance_detail(ids.TAB_GRAPH, None, *filters(corpus), corpus.version,
                                          source=source) is no_update


def test_articles_are_listed_and_opened(source):
    listed = callbacks.update_article_list(ids.TAB_ARTICLES, "", "v", source=source)
    doc_ids = [c.id["doc"] for c in walk(listed) if isinstance(getattr(c, "id", None), dict)]
    assert len(doc_ids) == 5
    assert callbacks.update_article_list(ids.TAB_GRAPH, "", "v", source=source) is no_update
    opened = fire(callbacks.open_article, link(ids.ARTICLE_LINK, doc=doc_ids[0], slot="list"), [1], "",
                  ids.TAB_GRAPH, value=1)
    assert opened == (doc_ids[0], ids.TAB_ARTICLES)
    again = fire(callbacks.open_article, link(ids.ARTICLE_LINK, doc=doc_ids[1], slot="list"), [1], doc_ids[0],
                 ids.TAB_ARTICLES, value=1)
    assert again == (doc_ids[1], no_update)
    assert fire(callbacks.open_article, link(ids.ARTICLE_LINK, doc=doc_ids[0], slot="x"), [0], "", ids.TAB_GRAPH,
                value=0) == (no_update, no_update)
    closed = fire(callbacks.open_article, link(ids.ARTICLE_LINK, doc="", slot="close"), [1], doc_ids[0],
                  ids.TAB_ARTICLES, value=1)
    assert closed == ("", no_update)
    view = callbacks.update_article_view(doc_ids[0], "v", source=source)
    assert getattr(by_class(view, "article-dossier")[0], "data-doc") == doc_ids[0]


def test_an_opened_article_from_a_store_has_its_actors_marked(store_source):
    corpus = store_source.current()
    doc_id = next(d for d, meta in corpus.documents.items() if meta["title"].startswith("US backs Turkish"))
    view = callbacks.update_article_view(doc_id, corpus.version, source=store_source)
    mentions = [c for c in walk(view) if "mention" in (getattr(c, "className", "") or "").split()]
    assert {"united-states", "turkey", "syria", "russia"} <= {m.id["node"] for m in mentions}
    assert by_class(view, "evidence")  # its relations, listed


def test_the_date_label_names_the_months(source):
    months = source.current().months
    assert callbacks.update_date_label([1, 3], "v", source=source) == f"{months[1]} – {months[3]}"


# --------------------------------------------------------------------------- curation


def curate(source, trigger, value=1, *, rename=(), keep=None, drop=None, selection=None):
    return fire(callbacks.curate, trigger, [], 0, 0, 0, list(rename), keep, drop, selection, value=value,
                source=source)


def test_merging_two_actors_then_undo_and_redo(store_source):
    version, status, status_class, selection, drop = curate(
        store_source, f"{ids.MERGE_BUTTON}.n_clicks", keep="united-states", drop="pentagon")
    assert status.startswith("Merged 'Pentagon' into 'United States'") and status_class == "status is-ok"
    assert selection["id"] == "united-states" and drop is None
    assert version == store_source.current().version and "pentagon" not in store_source.current().graph
    elements = canvas(store_source)[0]
    assert "pentagon" not in nodes(elements)
    version, status, *_ = curate(store_source, f"{ids.UNDO_BUTTON}.n_clicks")
    assert status == "Undone: Merged 'Pentagon' into 'United States'"
    assert "pentagon" in nodes(canvas(store_source)[0])
    _, status, *_ = curate(store_source, f"{ids.REDO_BUTTON}.n_clicks")
    assert status.startswith("Redone") and "pentagon" not in store_source.current().graph
    log = callbacks.update_curation_log(ids.TAB_CURATION, version, source=store_source)
    assert "Merged 'Pentagon' into 'United States'" in text_of(log)


def test_nothing_to_undo_says_so(store_source):
    assert curate(store_source, f"{ids.UNDO_BUTTON}.n_clicks")[1:3] == ("Nothing to undo.", "status")
    assert curate(store_source, f"{ids.REDO_BUTTON}.n_clicks")[1] == "Nothing to redo."


def test_rename_reject_and_confirm_from_the_panels(store_source):
    curate(store_source, link(ids.CURATE_ACTION, action="rename", target="turkey"), rename=["Türkiye"])
    assert store_source.current().label("turkey") == "Türkiye"
    curate(store_source, link(ids.CURATE_ACTION, action="reject", target="united-states|supports|turkey"))
    assert not store_source.current().graph.has_edge("united-states", "turkey", "supports")
    curate(store_source, link(ids.CURATE_ACTION, action="confirm", target="syria|attacks|turkey"))
    assert store_source.current().graph.edges["syria", "turkey", "attacks"]["confirmed"] is True
    with Store(store_source.store_path) as store:
        assert [a["op"] for a in store.curation_log()] == ["rename", "reject", "confirm"]
    status = curate(store_source, link(ids.CURATE_ACTION, action="rename", target="turkey"), rename=[" "])[1]
    assert status == "Type a name first."


def test_an_action_on_something_gone_is_reported_not_raised(store_source):
    out = curate(store_source, link(ids.CURATE_ACTION, action="reject", target="turkey|attacks|atlantis"))
    assert out[1].startswith("Could not apply") and out[2] == "status is-error"


def test_merging_an_actor_into_itself_is_refused(store_source):
    assert curate(store_source, f"{ids.MERGE_BUTTON}.n_clicks", keep="turkey", drop="turkey")[1] == \
        "Choose two different actors to merge."


def test_curation_without_a_store_is_refused(source):
    with pytest.raises(CurationRefused):
        curate(source, f"{ids.MERGE_BUTTON}.n_clicks", keep="turkey", drop="nato")


def test_options_follow_the_corpus_after_a_merge(store_source):
    curate(store_source, f"{ids.MERGE_BUTTON}.n_clicks", keep="united-states", drop="pentagon")
    corpus = store_source.current()
    out = callbacks.refresh_options(corpus.version, len(corpus.months) - 1, source=store_source)
    assert "pentagon" not in {o["value"] for o in out[0]}
    assert out[8] is False and out[9] is True  # undo available, nothing to redo
    assert out[12] is no_update  # the months did not change: the date range stays


# --------------------------------------------------------------------------- upload and export


def data_url(payload: bytes) -> str:
    return "data:text/plain;base64," + base64.b64encode(payload).decode()


def test_uploading_good_and_bad_files(store_source):
    good = b"Greece criticized Turkey over the drilling near Cyprus."
    report, version, status, status_class = upload_and_wait(
        {"contents": [data_url(good), data_url(b"%PDF-1.4"), "data:text/plain;base64,@@@"],
         "filenames": ["greece.txt", "scan.pdf", "x.txt"]}, source=store_source)
    assert version == store_source.current().version and store_source.current().stats["articles"] == 6
    errors = [text_of(e) for e in by_class(report, "upload-error")]
    assert errors[0].startswith("scan.pdf — unsupported file type '.pdf'")
    assert errors[1] == "x.txt — the upload could not be decoded"
    assert status.startswith("Added 1 article; 2 file problems") and status_class == "status is-error"
    assert callbacks.upload(None, source=store_source) == (no_update,) * 5
    assert callbacks.upload({"limit": 100}, source=store_source) == (no_update,) * 5  # the page's first state


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_export_downloads_the_current_view(source, fmt):
    corpus = source.current()
    result = callbacks.export(1, fmt, *filters(corpus), 1, NO_VIEW, None, source=source)
    assert result["filename"] == f"newsgraph.{fmt}" and result["content"]
    if fmt == "json":
        data = json.loads(result["content"])
        assert "co_mentioned" not in {e["relation"] for e in data["edges"]}
        assert all(n["colour"].startswith("#") for n in data["nodes"])
    if fmt == "gexf":
        assert 'title="colour"' in result["content"] and "#2f5d8a" in result["content"]
    if fmt == "csv":
        assert "US backs Turkish invasion of Idlib in Syria." in result["content"]


def test_export_of_a_focused_view_keeps_only_that_neighbourhood(source):
    corpus = source.current()
    result = callbacks.export(1, "json", *filters(corpus), 1, {"focus": "nato", "expanded": []}, None, source=source)
    assert {n["id"] for n in json.loads(result["content"])["nodes"]} == {"nato", "turkey"}
    assert callbacks.export(0, "json", *filters(corpus), 1, NO_VIEW, None, source=source) is no_update
    assert callbacks.export(1, "exe", *filters(corpus), 1, NO_VIEW, None, source=source) is no_update


def test_the_png_caption_names_the_active_filters(source):
    corpus = source.current()
    relations, types = list(corpus.default_relations), list(corpus.entity_types)
    last = len(corpus.months) - 1
    found = callbacks.export_caption(relations, types, [0, last], 1, [], {"focus": None}, source=source)
    assert found["relations"]["supports"] == "supports" and found["types"]["GPE"] == "State"
    assert found["caption"] == (f"{corpus.stats['articles']} articles · relations: all {len(relations)} typed · "
                          "actors: all types · months: all · asserted or reported sentences")
    narrow = callbacks.export_caption(["supports", "opposes"], types[:2], [0, 0], 2, ["everything"],
                                      {"focus": "turkey"}, source=source)["caption"]
    assert "relations: supports, opposes" in narrow and f"months: {corpus.months[0]}" in narrow
    assert "at least 2 articles" in narrow and "every sentence as written" in narrow
    assert "around Turkey" in narrow


# --------------------------------------------------------------------------- errors


def test_a_failing_callback_reports_in_the_status_line_without_a_trace():
    status = status_after_error(KeyError("boom"))
    message = status["children"]
    assert "Something went wrong (KeyError)" in message and "Traceback" not in message
    assert status["className"] == "status is-error"


def test_the_app_turns_a_callback_error_into_a_status_message(sample_graph, monkeypatch):
    app = create_app(sample_graph)
    monkeypatch.setattr("ui.callbacks.node_dossier", lambda *a, **k: 1 / 0)
    body = {"output": f"{ids.PANEL}.children", "outputs": {"id": ids.PANEL, "property": "children"},
            "inputs": [{"id": ids.SELECTION_STORE, "property": "data", "value": {"kind": "node", "id": "turkey"}},
                       {"id": ids.RELATION_FILTER, "property": "value", "value": ["supports"]},
                       {"id": ids.ENTITY_FILTER, "property": "value", "value": ALL_TYPES},
                       {"id": ids.DATE_SLIDER, "property": "value", "value": [0, 1]},
                       {"id": ids.MIN_ARTICLES, "property": "value", "value": 1},
                       {"id": ids.CONTESTED_FILTER, "property": "value", "value": []},
                       {"id": ids.VERSION_STORE, "property": "data", "value": "static"},
                       {"id": ids.EVIDENCE_PAGES, "property": "data", "value": {}},
                       {"id": ids.TRUTH_TOGGLE, "property": "value", "value": []}],
            "changedPropIds": [f"{ids.SELECTION_STORE}.data"], "state": []}
    response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code == 200
    payload = response.get_json()
    assert payload["sideUpdate"][ids.STATUS]["children"].startswith("Something went wrong (ZeroDivisionError)")
    assert "Traceback" not in response.get_data(as_text=True)


# --------------------------------------------------------------------------- app


def test_create_app_registers_every_callback(sample_graph):
    app = create_app(sample_graph, title="test graph")
    outputs = " ".join(app.callback_map)
    for target in (f"{ids.SELECTION_STORE}.data", f"{ids.CANVAS}.elements", f"{ids.CANVAS}.stylesheet",
                   f"{ids.PANEL}.children", f"{ids.FOCUS_STORE}.data", f"{ids.URL}.search", f"{ids.VIEW_STORE}.data",
                   f"{ids.STANCE_GRAPH}.figure", f"{ids.ACTORS_GRAPH}.figure", f"{ids.VERSION_STORE}.data",
                   f"{ids.DOWNLOAD}.data", f"{ids.EXPORT_CAPTION}.data", f"{ids.UPLOAD_REPORT}.children"):
        assert target in outputs, target
    assert app.title == "test graph"


def test_the_app_is_set_up_before_its_first_visitor(sample_graph):
    # Dash's own set-up at a process's first request raced with a second request for a script (a 500)
    app = create_app(sample_graph)
    assert {"dash", "dash_cytoscape"} <= set(app.registered_paths)
    scripts = app.server.test_client().get("/").get_data(as_text=True)
    assert "/_dash-component-suites/dash_cytoscape/" in scripts


def test_every_component_id_comes_from_ui_ids(sample_graph):
    layout = create_app(sample_graph).layout()
    known = {v for k, v in vars(ids).items() if k.isupper() and isinstance(v, str)}
    known |= {ids.TAB_GATE + tab for tab in ids.TAB_NAMES}  # each side tab's gate (ui.callbacks.wiring.bind)
    known |= {ids.CLICKED + kind for kind in ids.CLICK_TYPES}  # each kind of folded link's clicks (ui.folding)
    found = [getattr(c, "id", None) for c in walk(layout)]
    string_ids = {i for i in found if isinstance(i, str)}
    assert string_ids <= known
    assert {i["type"] for i in found if isinstance(i, dict)} <= set(ids.PATTERN_TYPES)
    assert {ids.CANVAS, ids.SEARCH, ids.RELATION_FILTER, ids.ENTITY_FILTER, ids.PANEL, ids.DATE_SLIDER,
            ids.MIN_ARTICLES, ids.HOPS_SLIDER, ids.TABS, ids.UPLOAD, ids.MERGE_KEEP, ids.URL} <= string_ids


def test_page_opens_on_the_default_view(sample_graph):
    layout = create_app(sample_graph).layout()
    canvas_ = next(c for c in walk(layout) if getattr(c, "id", None) == ids.CANVAS)
    relation_filter = next(c for c in walk(layout) if getattr(c, "id", None) == ids.RELATION_FILTER)
    assert "co_mentioned" not in relation_filter.value
    assert all(e["data"].get("relation") != "co_mentioned" for e in canvas_.elements)
    assert canvas_.layout["name"] == "preset"
    json.dumps(layout, cls=plotly.utils.PlotlyJSONEncoder)  # the page must serialise


def test_a_read_only_graph_disables_upload_and_curation(sample_graph):
    layout = create_app(sample_graph).layout()
    by_id = {c.id: c for c in walk(layout) if isinstance(getattr(c, "id", None), str)}
    assert by_id[ids.UPLOAD].disabled and by_id[ids.MERGE_BUTTON].disabled and by_id[ids.UNDO_BUTTON].disabled


def test_the_page_does_not_carry_the_evidence(sample_graph):
    # the graph stays on the server; the page only gets what the canvas and panel show
    page = json.dumps(create_app(sample_graph).layout(), cls=plotly.utils.PlotlyJSONEncoder)
    assert "The S-400 is a system Russia built" not in page  # a co-mention sentence


def test_the_server_answers(sample_graph):
    client = create_app(sample_graph).server.test_client()
    assert client.get("/").status_code == 200
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200 and b"united-states" in layout.data
    assert client.get("/assets/style.css").status_code == 200


def test_a_new_page_shows_the_corpus_as_it_is_now(seed_store_copy):
    source = CorpusSource(store_path=seed_store_copy)
    app = create_app(source=source)
    client = app.server.test_client()
    assert b"pentagon" in client.get("/_dash-layout").data
    source.curate({"op": "merge", "keep": "united-states", "drop": "pentagon"})
    assert b'"pentagon"' not in client.get("/_dash-layout").data


def test_create_app_opens_the_seed_store_when_given_nothing(monkeypatch, seed_store_copy):
    import graph.pipeline

    monkeypatch.setattr(graph.pipeline, "seed_store", lambda: Store(seed_store_copy))
    app = create_app()
    assert "Turkey" in json.dumps(app.layout(), cls=plotly.utils.PlotlyJSONEncoder)


def test_serve_runs_the_app_under_the_production_server_without_debug(monkeypatch, sample_graph):
    seen = {}
    app = create_app(sample_graph)
    monkeypatch.setattr(app, "run", lambda **kw: pytest.fail("the development server was started"))
    monkeypatch.setattr(app_module, "run", lambda wsgi, host, port, processes: seen.update(
        wsgi=wsgi, host=host, port=port, processes=processes))
    app_module.serve(app, "127.0.0.1", 8123)
    assert seen == {"wsgi": app.server, "host": "127.0.0.1", "port": 8123, "processes": 1}


def test_main_serves_a_graph_file_or_a_store(monkeypatch, tmp_path, sample_graph, seed_store_copy):
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(sample_graph), encoding="utf-8")
    seen = {}
    monkeypatch.setattr(app_module, "serve", lambda app, host, port, **k: seen.update(host=host, port=port, app=app))
    assert app_module.main(["--graph", str(path), "--port", "8124"]) == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8124
    assert app_module.main(["--db", str(seed_store_copy)]) == 0
    with pytest.raises(SystemExit, match="no such store"):
        app_module.main(["--db", str(tmp_path / "missing.db")])


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


def test_a_side_tab_runs_only_while_it_is_open(sample_graph):
    """A tab's callbacks wait on its gate; one clientside gate per tab listens to the tab control and
    to everything the tab's callbacks read, so a hidden tab costs a filter change no request."""
    app = create_app(sample_graph)
    gated = {ids.STANCE_GRAPH: ids.TAB_STANCE, ids.ACTORS_GRAPH: ids.TAB_ACTORS, ids.DISPUTES_LIST: ids.TAB_DISPUTES,
             ids.ARTICLE_LIST: ids.TAB_ARTICLES, ids.CURATION_LOG: ids.TAB_CURATION, ids.DYAD_TIMELINE: ids.TAB_STANCE}
    for output, tab in gated.items():
        key = next(k for k in app.callback_map if f"{output}." in k)
        spec = app.callback_map[key]
        assert [(i["id"], i["property"]) for i in spec["inputs"]] == [(ids.TAB_GATE + tab, "data")], output
        assert {s["id"] for s in spec["state"]} >= {ids.TABS, ids.VERSION_STORE}, output  # its inputs, read when woken
    gates = {k.split(".")[0]: v for k, v in app.callback_map.items() if k.startswith(ids.TAB_GATE)}
    assert set(gates) == {ids.TAB_GATE + t for t in set(gated.values()) | {ids.TAB_OUTLETS}}
    stance = [(i["id"], i["property"]) for i in gates[ids.TAB_GATE + ids.TAB_STANCE]["inputs"]]
    assert stance[0] == (ids.TABS, "value")  # the tab control first: the gate opens for its own tab only
    assert {(ids.RELATION_FILTER, "value"), (ids.SELECTION_STORE, "data"), (ids.EVIDENCE_PAGES, "data")} <= set(stance)
    assert "openTab: function (tab)" in (app_module.ASSETS / "newsgraph.js").read_text(encoding="utf-8")
