"""The Disputes, Outlets and What's new tabs and the contested filter, called as functions over the
agreement corpora (tests/data/agreement)."""
from __future__ import annotations

from pathlib import Path

import pytest
from dash import no_update

from graph.export import to_node_link
from graph.pipeline import read_and_build
from ui import ids
from ui.callbacks.agreement import pick_outlet, update_disputes, update_outlet_relations, update_outlets
from ui.callbacks.novelty import update_new, update_since_options
from ui.elements import edge_classes
from ui.novelty_view import VISIT
from ui.source import CorpusSource

CORPUS = Path(__file__).resolve().parent / "data" / "agreement"


@pytest.fixture(scope="module")
def source(nlp):
    g, errors, _ = read_and_build([CORPUS], nlp=nlp)
    assert not errors
    return CorpusSource(data=to_node_link(g))


@pytest.fixture(scope="module")
def filters(source):
    corpus = source.current()
    return {"relations": list(corpus.default_relations), "types": list(corpus.entity_types), "dates": None,
            "min_articles": 1}


def _text(component) -> str:
    """All the text of a Dash component tree."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(_text(c) for c in component)
    return _text(getattr(component, "children", None))


def _find(component, class_name: str) -> list:
    found = []
    if isinstance(component, (list, tuple)):
        for c in component:
            found += _find(c, class_name)
        return found
    if component is None or isinstance(component, (str, int, float)):
        return found
    if class_name in (getattr(component, "className", None) or "").split():
        found.append(component)
    return found + _find(getattr(component, "children", None), class_name)


# --------------------------------------------------------------------------- the contested filter


def test_only_contested_keeps_the_edges_whose_sources_disagree(source, filters):
    corpus = source.current()
    everything = corpus.filters(**filters)
    contested = corpus.filters(**filters, contested=["contested"])
    assert contested.contested and not everything.contested
    assert set(corpus.filtered(contested).edges(keys=True)) == {
        ("ghana", "togo", "cooperates"), ("ghana", "togo", "supports"), ("ghana", "togo", "criticizes")}
    assert corpus.counts(contested) == (2, 3)
    assert corpus.counts(everything)[1] > 3
    assert corpus.filters(**filters, contested="contested") == everything  # only the checklist's list ticks it


def test_a_contested_edge_is_drawn_with_its_class():
    assert "contested" in edge_classes("cooperates", {"evidence": [{"doc_id": "a"}], "contested": True})
    assert "contested" not in edge_classes("cooperates", {"evidence": [{"doc_id": "a"}], "contested": False})


# --------------------------------------------------------------------------- Disputes


def test_the_disputes_tab_lists_each_dispute_with_its_two_sides(source, filters):
    view = update_disputes(ids.TAB_DISPUTES, **filters, version="static", source=source)
    cards = _find(view, "dispute")
    assert len(cards) == 2
    sides = _find(cards[0], "dispute-side")
    assert len(sides) == 2
    assert "Lome Courier" in _text(sides[1]) and "did not  sign" in _text(sides[1])  # the trigger is marked apart
    assert "2 dispute" in _text(view)
    assert update_disputes(ids.TAB_GRAPH, **filters, version="static", source=source) is no_update


def test_the_disputes_tab_says_so_when_the_filters_leave_no_dispute(source, filters):
    view = update_disputes(ids.TAB_DISPUTES, **{**filters, "relations": ["supplies"]}, version="static", source=source)
    assert "No contested relations" in _text(view)


# --------------------------------------------------------------------------- Outlets


def test_the_outlets_tab_charts_outlets_against_the_main_actors(source, filters):
    figure, options = update_outlets(ids.TAB_OUTLETS, **filters, version="static", source=source)
    heat = figure["data"][0]
    assert heat["type"] == "heatmap"
    assert {"Accra Ledger", "Lome Courier"} <= set(heat["y"]) and {"Ghana", "Togo"} <= set(heat["x"])
    row = heat["y"].index("Lome Courier")
    assert heat["z"][row][heat["x"].index("Ghana")] < 0
    assert {"label": "Lome Courier (2)", "value": "Lome Courier"} in options


def test_a_click_on_a_row_of_the_outlet_chart_chooses_the_outlet(source, filters):
    figure, _ = update_outlets(ids.TAB_OUTLETS, **filters, version="static", source=source)
    heat = figure["data"][0]
    row = heat["y"].index("Accra Ledger")
    assert pick_outlet({"points": [{"customdata": heat["customdata"][row][0]}]}) == "Accra Ledger"
    assert pick_outlet({"points": []}) is no_update
    assert pick_outlet({"points": [{"customdata": "junk"}]}) is no_update


def test_one_outlets_relations_mark_its_denials_and_contested_relations(source, filters):
    view = update_outlet_relations(ids.TAB_OUTLETS, "Lome Courier", **filters, version="static", source=source)
    rows = _find(view, "outlet-relation")
    assert len(rows) == 2
    assert "denies it" in _text(rows[0]) or "denies it" in _text(rows[1])
    assert all("contested" in _text(r) for r in rows)
    wire = update_outlet_relations(ids.TAB_OUTLETS, "Nairobi Daily", **filters, version="static", source=source)
    assert "contested" not in _text(wire)
    assert "Choose an outlet" in _text(update_outlet_relations(ids.TAB_OUTLETS, None, **filters, version="static",
                                                               source=source))


# --------------------------------------------------------------------------- What's new


def test_new_since_a_date_lists_and_names_the_new_edges(source, filters):
    view, edges = update_new("2026-04-03", {}, **filters, version="static", source=source)
    assert edges == ["chile|criticizes|bolivia"]
    assert "1 relation new since 2026-04-03" in _text(view)
    view, edges = update_new(None, {}, **filters, version="static", source=source)
    assert edges == [] and "Choose a date" in _text(view)


def test_since_my_last_visit_without_ingest_times_asks_the_articles_dates(source, filters):
    visit = {"previous": "2026-04-10T08:00:00.000Z", "current": "2026-12-01T09:00:00.000Z"}
    _, edges = update_new(VISIT, visit, **filters, version="static", source=source)
    assert edges == ["chile|criticizes|bolivia"]
    _, edges = update_new(VISIT, {"previous": None}, **filters, version="static", source=source)
    assert edges == []  # no earlier visit: nothing to compare with


def test_the_since_choices_offer_the_last_visit_once_there_was_one(source):
    first = update_since_options({"previous": None, "current": "2026-12-01T09:00:00Z"}, "static", source=source)
    assert first[0]["value"] == VISIT and first[0]["disabled"]
    later = update_since_options({"previous": "2026-11-30T17:05:09.000Z"}, "static", source=source)
    assert later[0] == {"label": "my last visit (2026-11-30 17:05 UTC)", "value": VISIT}
    dates = [o["value"] for o in later[1:]]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2026-05-20"


def test_the_relation_dossier_counts_outlets_and_says_it_is_contested(source, filters):
    from ui.callbacks import update_panel
    from ui.folding import unfolded

    pact = unfolded(update_panel({"kind": "edge", "id": "ghana|cooperates|togo"}, **filters, version="static",
                                 source=source))
    assert "3 outlets" in _text(pact) and "contested" in _text(_find(pact, "badge-contested"))
    wire = unfolded(update_panel({"kind": "edge", "id": "kenya|supplies|malawi"}, **filters, version="static",
                                 source=source))
    assert "3 articles" in _text(wire) and "1 outlet" in _text(wire) and not _find(wire, "badge-contested")


def test_the_contested_filter_round_trips_through_the_url(source):
    from ui.state import format_query, parse_query

    known = source.current().known()
    state = parse_query("?contested=1&tab=disputes", known)
    assert state["contested"] == ["contested"] and state["tab"] == ids.TAB_DISPUTES
    assert format_query(state, known) == "?contested=1&tab=disputes"
    assert parse_query("?contested=yes", known)["contested"] == []
