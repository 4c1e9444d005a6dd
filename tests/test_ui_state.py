"""The page state in the URL: links reopen the same view, bad values never break the page."""
from __future__ import annotations

import pytest

from ui.state import Known, default_state, format_query, parse_query

RELATIONS = ("supports", "opposes", "attacks", "co_mentioned")
MONTHS = ("2018-01", "2018-02", "2018-03", "2019-01", "2020-02")
NODES = {"turkey", "russia", "united-states"}
EDGES = {"united-states|supports|turkey"}
KNOWN = Known(relations=RELATIONS, default_relations=RELATIONS[:3], entity_types=("GPE", "PERSON"),
              months=MONTHS, max_articles=3, tabs=("graph", "stance", "articles"),
              has_node=NODES.__contains__, has_edge=EDGES.__contains__, has_doc={"d1"}.__contains__)


def test_no_query_is_the_default_page():
    assert parse_query("", KNOWN) == parse_query(None, KNOWN) == default_state(KNOWN)
    assert format_query(default_state(KNOWN), KNOWN) == ""


def test_the_example_link_reopens_its_view():
    state = parse_query("?node=turkey&rel=supports,opposes&from=2018-01&to=2020-02&min=2&hops=2", KNOWN)
    assert state["selection"] == {"kind": "node", "id": "turkey", "via": "url", "nonce": 1}
    assert state["relations"] == ["supports", "opposes"]
    assert state["dates"] == [0, 4]
    assert (state["min"], state["hops"]) == (2, 2)


@pytest.mark.parametrize("state", [
    {"selection": {"kind": "edge", "id": "united-states|supports|turkey"}},
    {"selection": {"kind": "dyad", "id": "turkey,russia"}, "tab": "stance"},
    {"selection": {"kind": "path", "id": "united-states,russia", "k": 4}},
    {"view": {"focus": "turkey", "expanded": ["russia"]}, "hops": 3},
    {"relations": [], "types": ["PERSON"], "dates": [1, 3], "min": 3},
    {"doc": "d1", "tab": "articles"},
])
def test_format_then_parse_gives_the_state_back(state):
    full = {**default_state(KNOWN), **state}
    again = parse_query(format_query(full, KNOWN), KNOWN)
    for key, value in state.items():
        if key == "selection":
            assert {k: again[key][k] for k in value} == value
        else:
            assert again[key] == value


@pytest.mark.parametrize("query", [
    "?node=atlantis", "?edge=a|b|c", "?rel=nonsense", "?from=2017-13&to=banana", "?min=-4", "?min=99",
    "?hops=0", "?hops=7", "?tab=../../etc", "?doc=unknown", "?focus=nowhere&expand=turkey", "?dyad=turkey",
    "?path=turkey,turkey", "?k=3", "?min=1e9", "?%zz=%%", "?node=" + "x" * 5000, "??&&==", "?from=2020-02&to=2018-01",
])
def test_bad_values_are_ignored_never_raised(query):
    state = parse_query(query, KNOWN)
    default = default_state(KNOWN)
    assert set(state) == set(default)
    assert state["selection"] is None or state["selection"]["id"] in NODES | EDGES
    assert 1 <= state["min"] <= 3 and 1 <= state["hops"] <= 3
    assert 0 <= state["dates"][0] <= state["dates"][1] <= len(MONTHS) - 1
    assert state["tab"] in KNOWN.tabs


def test_unknown_list_items_are_dropped_and_known_ones_kept():
    state = parse_query("?rel=opposes,bogus,supports&types=PERSON,ROBOT", KNOWN)
    assert state["relations"] == ["supports", "opposes"]
    assert state["types"] == ["PERSON"]


def test_an_empty_relation_list_means_none_ticked_but_a_garbled_one_is_ignored():
    assert parse_query("?rel=", KNOWN)["relations"] == []
    assert parse_query("?rel=%%%,nonsense&types=ROBOT", KNOWN)["relations"] == list(KNOWN.default_relations)
    assert parse_query("?types=ROBOT", KNOWN)["types"] == list(KNOWN.entity_types)


def test_a_single_bad_date_keeps_the_other_end():
    assert parse_query("?from=1999-01&to=2018-03", KNOWN)["dates"] == [0, 2]
    assert parse_query("?from=2018-02&to=never", KNOWN)["dates"] == [1, 4]


def test_a_path_query_brings_its_k_and_defaults_it():
    assert parse_query("?path=turkey,russia&k=5", KNOWN)["selection"]["k"] == 5
    assert parse_query("?path=turkey,russia&k=40", KNOWN)["selection"]["k"] == 3


def test_only_changed_settings_are_written():
    state = {**default_state(KNOWN), "hops": 2, "selection": {"kind": "node", "id": "turkey", "nonce": 9}}
    assert format_query(state, KNOWN) == "?node=turkey&hops=2"


def test_corpora_without_dates_have_no_date_parameters():
    known = Known(relations=RELATIONS, default_relations=RELATIONS, entity_types=("GPE",))
    assert parse_query("?from=2018-01&to=2019-01", known)["dates"] == [0, 0]
    assert format_query({**default_state(known), "dates": [0, 0]}, known) == ""
