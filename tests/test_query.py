"""Queries behind the explorer, on small hand-made graphs (and a few on the seed graph)."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.export import from_node_link, to_node_link
from graph.query import (
    Hop,
    central_actors,
    date_bounds,
    display_subgraph,
    expand,
    filter_graph,
    neighbourhood,
    shortest_paths,
    stance_matrix,
)
from graph.search import dyad_evidence, node_summary, search

DOCS = {"d1": "2019-04", "d2": "2020-02", "d3": "2020-03-15", "d4": None}
POLARITY = {"supports": 1, "supplies": 1, "negotiates": 1, "cooperates": 1, "acquires": 0, "leads": 0,
            "located_in": 0, "part_of": 0, "co_mentioned": 0, "attacks": -1, "opposes": -1, "criticizes": -1}


def ev(doc, sentence, *, confidence=0.8, modality="asserted", negated=False, start=0):
    """One evidence dict in the export format."""
    return {"doc_id": doc, "source": f"{doc}.txt", "sentence": sentence, "start": start, "end": start + len(sentence),
            "subject_span": [start, start + 1], "object_span": [start + 2, start + 3], "trigger_span": None,
            "trigger": "x", "negated": negated, "modality": modality, "confidence": confidence, "rule": "test",
            "speaker": None}


def make_graph(nodes, edges, docs=DOCS):
    """A graph as build_graph makes it: nodes (id, label, type[, aliases]), edges (s, rel, t, evidence)."""
    g = nx.MultiDiGraph()
    g.graph["documents"] = {d: {"title": d, "source": f"{d}.txt", "outlet": None, "date": date, "url": None}
                            for d, date in docs.items()}
    for node in nodes:
        nid, label, ntype, *rest = node
        g.add_node(nid, label=label, type=ntype, aliases=list(rest[0]) if rest else [], mentions=1, articles=[])
    for s, rel, t, evidence in edges:
        dates = sorted(docs[e["doc_id"]] for e in evidence if docs.get(e["doc_id"]))
        g.add_edge(s, t, key=rel, relation=rel, polarity=POLARITY[rel], weight=len(evidence) or 1,
                   articles=len({e["doc_id"] for e in evidence}),
                   first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
                   evidence=list(evidence))
    return g


@pytest.fixture
def world():
    """Nine actors, a dozen relations over four articles (one undated)."""
    nodes = [("us", "United States", "GPE", ["US", "U.S."]), ("tr", "Turkey", "GPE", ["Türkiye"]),
             ("ru", "Russia", "GPE"), ("sy", "Syria", "GPE"), ("erdogan", "Recep Tayyip Erdoğan", "PERSON"),
             ("s400", "S-400", "WEAPON"), ("pentagon", "Pentagon", "ORG"), ("idlib", "Idlib", "LOC"),
             ("lonely", "Lonely Island", "GPE")]
    edges = [
        ("us", "supports", "tr", [ev("d1", "US backs Turkey."), ev("d2", "US backs Turkey again.")]),
        ("ru", "supplies", "tr", [ev("d2", "Russia sends missiles to Turkey.")]),
        ("tr", "acquires", "s400", [ev("d2", "Turkey buys the S-400.")]),
        ("tr", "attacks", "sy", [ev("d2", "Turkey strikes Syria."), ev("d3", "Turkish jets hit Syria."),
                                 ev("d4", "Turkey shells Syria.")]),
        ("ru", "supports", "sy", [ev("d1", "Russia backs Syria.")]),
        ("us", "criticizes", "ru", [ev("d3", "US condemns Russia.")]),
        ("us", "co_mentioned", "sy", [ev("d2", "US and Syria.")]),
        ("erdogan", "leads", "tr", [ev("d2", "President Erdoğan of Turkey.")]),
        ("ru", "opposes", "tr", [ev("d2", "Russia opposes Turkey.", start=0), ev("d2", "Russia objects.", start=40)]),
        ("pentagon", "criticizes", "ru", [ev("d2", "The Pentagon criticizes Russia.")]),
        ("pentagon", "part_of", "us", []),
        ("idlib", "located_in", "sy", [ev("d3", "Idlib in Syria.")]),
    ]
    return make_graph(nodes, edges)


def relations_of(g):
    return {(s, k, t) for s, t, k in g.edges(keys=True)}


# --------------------------------------------------------------------------- filters


def test_filter_drops_edges_of_unticked_types_and_orphaned_nodes(world):
    out = filter_graph(world, relations=["supports"])
    assert relations_of(out) == {("us", "supports", "tr"), ("ru", "supports", "sy")}
    assert set(out) == {"us", "tr", "ru", "sy"}


def test_filter_hides_co_mentions_unless_asked(world):
    assert ("us", "co_mentioned", "sy") not in relations_of(filter_graph(world))
    assert ("us", "co_mentioned", "sy") in relations_of(filter_graph(world, include_co_mentions=True))
    assert relations_of(filter_graph(world, relations=["co_mentioned"])) == {("us", "co_mentioned", "sy")}


def test_filter_by_entity_type_drops_edges_touching_other_types(world):
    out = filter_graph(world, entity_types=["GPE"])
    assert {t for _, t in out.nodes(data="type")} == {"GPE"}
    assert ("erdogan", "leads", "tr") not in relations_of(out)
    assert "lonely" not in out  # no edge at all


def test_keep_preserves_selected_node_even_without_edges_or_allowed_type(world):
    out = filter_graph(world, entity_types=["GPE"], keep={"lonely", "erdogan", "nowhere"})
    assert {"lonely", "erdogan"} <= set(out) and "nowhere" not in out
    assert ("erdogan", "leads", "tr") in relations_of(out)


def test_date_range_drops_evidence_outside_and_recounts(world):
    out = filter_graph(world, date_range=("2020-01", "2020-12"))
    supports = out.edges["us", "tr", "supports"]
    assert [e["doc_id"] for e in supports["evidence"]] == ["d2"]
    assert (supports["weight"], supports["articles"]) == (1, 1)
    assert (supports["first_date"], supports["last_date"]) == ("2020-02", "2020-02")
    attacks = out.edges["tr", "sy", "attacks"]  # the undated article's sentence goes too
    assert [e["doc_id"] for e in attacks["evidence"]] == ["d2", "d3"]
    assert (attacks["weight"], attacks["articles"], attacks["last_date"]) == (2, 2, "2020-03-15")
    assert not out.has_edge("ru", "sy", "supports")  # only 2019 evidence


def test_no_date_range_keeps_undated_evidence_and_counts(world):
    attacks = filter_graph(world).edges["tr", "sy", "attacks"]
    assert attacks["weight"] == 3 and len(attacks["evidence"]) == 3


def test_day_range_overlaps_month_only_article_dates(world):
    out = filter_graph(world, date_range=("2020-02-10", "2020-02-20"))
    assert [e["doc_id"] for e in out.edges["tr", "sy", "attacks"]["evidence"]] == ["d2"]
    assert not out.has_edge("idlib", "sy", "located_in")  # 2020-03-15 is outside


def test_open_ended_date_range(world):
    out = filter_graph(world, date_range=(None, "2019-12"))
    assert relations_of(out) == {("us", "supports", "tr"), ("ru", "supports", "sy")}
    assert out.edges["us", "tr", "supports"]["weight"] == 1


@pytest.mark.parametrize("bad", [("2020/01", None), ("Feb 2020", "2021"), ("2021-01", "2020-01")])
def test_malformed_or_reversed_date_range_raises(world, bad):
    with pytest.raises(ValueError, match="date_range"):
        filter_graph(world, date_range=bad)


def test_min_articles_drops_thinly_supported_edges(world):
    out = filter_graph(world, min_articles=2)
    assert relations_of(out) == {("us", "supports", "tr"), ("tr", "attacks", "sy")}
    assert "ru" not in out  # two sentences of one article are not two articles


def test_part_of_edge_stays_only_while_both_ends_stay(world):
    assert world.has_edge("pentagon", "us", "part_of")
    assert filter_graph(world).has_edge("pentagon", "us", "part_of")
    in_2020 = filter_graph(world, date_range=("2020-01", None))
    assert in_2020.has_edge("pentagon", "us", "part_of")
    march = filter_graph(world, date_range=("2020-03", None))  # the Pentagon has nothing in March
    assert "pentagon" not in march and not march.has_edge("pentagon", "us", "part_of")
    assert not filter_graph(world, relations=["supports"]).has_edge("pentagon", "us", "part_of")


def test_filter_returns_new_graph_and_leaves_input_unchanged(world):
    before = json.dumps(to_node_link(world), sort_keys=True)
    out = filter_graph(world, date_range=("2020-01", "2020-12"), min_articles=1, entity_types=["GPE", "ORG"])
    assert out is not world and out.graph["documents"] == world.graph["documents"]
    out.nodes["us"]["label"] = "changed"
    assert json.dumps(to_node_link(world), sort_keys=True) == before


def test_date_bounds(world):
    assert date_bounds(world) == ("2019-04", "2020-03-15")
    assert date_bounds(make_graph([], [], docs={"x": None})) is None


# --------------------------------------------------------------------------- reach


def test_neighbourhood_ignores_direction_and_counts_hops(world):
    assert neighbourhood(world, "erdogan", hops=0) == {"erdogan"}
    assert neighbourhood(world, "erdogan") == {"erdogan", "tr"}
    assert neighbourhood(world, "erdogan", hops=2) == {"erdogan", "tr", "us", "ru", "sy", "s400"}


def test_expand_adds_direct_neighbours_of_one_node(world):
    assert expand(world, {"us"}, "idlib") == {"us", "idlib", "sy"}


def test_reach_of_unknown_node_raises(world):
    with pytest.raises(ValueError, match="'atlantis'"):
        neighbourhood(world, "atlantis")
    with pytest.raises(ValueError, match="'atlantis'"):
        expand(world, set(), "atlantis")


# --------------------------------------------------------------------------- paths


@pytest.fixture
def chain():
    """a -supports-> b <-attacks- c; a - d - e - c the long way; a co-mentioned with c."""
    nodes = [(n, n.upper(), "GPE") for n in "abcdefg"]
    edges = [
        ("a", "supports", "b", [ev("d1", "weak", confidence=0.6),
                                ev("d1", "reported", confidence=0.9, modality="reported"),
                                ev("d2", "best", confidence=0.9)]),
        ("c", "attacks", "b", [ev("d2", "c hits b")]),
        ("a", "co_mentioned", "c", [ev("d1", f"a and c {i}") for i in range(5)]),
        ("a", "negotiates", "d", [ev("d1", "a meets d")]),
        ("d", "cooperates", "e", [ev("d1", "d and e agree")]),
        ("e", "opposes", "c", [ev("d1", "e opposes c")]),
        ("f", "supports", "g", [ev("d1", "f backs g")]),
    ]
    return make_graph(nodes, edges)


def test_path_hops_carry_direction_and_best_evidence(chain):
    [path] = shortest_paths(chain, "a", "c", k=1)
    assert [(h.source, h.relation, h.direction, h.target) for h in path] == [
        ("a", "supports", "->", "b"), ("b", "attacks", "<-", "c")]
    assert path[0].evidence["sentence"] == "best"  # 0.9 asserted beats 0.9 reported and 0.6
    assert path[1].evidence["sentence"] == "c hits b"
    assert all(isinstance(h, Hop) for h in path)


def test_k_paths_are_ordered_by_length(chain):
    paths = shortest_paths(chain, "a", "c", k=3)
    assert [len(p) for p in paths] == [2, 3]
    assert [h.target for h in paths[1]] == ["d", "e", "c"]


def test_co_mentions_carry_paths_only_when_allowed(chain):
    assert shortest_paths(chain, "a", "c", include_co_mentions=True)[0][0].relation == "co_mentioned"
    assert len(shortest_paths(chain, "a", "c", relations=["supports", "attacks", "co_mentioned"])[0]) == 1


def test_typed_edge_beats_heavier_co_mention_between_the_same_pair():
    g = make_graph([("x", "X", "GPE"), ("y", "Y", "GPE")],
                   [("x", "co_mentioned", "y", [ev("d1", f"s{i}") for i in range(9)]),
                    ("y", "criticizes", "x", [ev("d1", "y slams x")])])
    [[hop]] = shortest_paths(g, "x", "y", include_co_mentions=True)
    assert (hop.relation, hop.direction, hop.evidence["sentence"]) == ("criticizes", "<-", "y slams x")


def test_paths_use_only_allowed_relation_types(chain):
    paths = shortest_paths(chain, "a", "c", relations=["negotiates", "cooperates", "opposes"])
    assert [[h.relation for h in p] for p in paths] == [["negotiates", "cooperates", "opposes"]]


def test_no_path_gives_empty_list(chain):
    assert shortest_paths(chain, "a", "g") == []
    assert shortest_paths(chain, "a", "c", relations=["supports"]) == []
    assert shortest_paths(chain, "a", "a") == []


def test_path_with_missing_node_raises_naming_it(chain):
    with pytest.raises(ValueError, match="'zz'"):
        shortest_paths(chain, "a", "zz")
    with pytest.raises(ValueError, match="'yy'"):
        shortest_paths(chain, "yy", "a")


# --------------------------------------------------------------------------- rankings


def test_stance_signs_follow_polarity_and_weight(world):
    m = stance_matrix(world, top=12)
    assert "s400" not in m.ids and "idlib" not in m.ids  # weapons and places are not actors here
    i = {n: k for k, n in enumerate(m.ids)}
    assert m.net[i["us"]][i["tr"]] == m.net[i["tr"]][i["us"]] == 2
    assert (m.coop[i["ru"]][i["tr"]], m.conflict[i["ru"]][i["tr"]], m.net[i["ru"]][i["tr"]]) == (1, 2, -1)
    assert m.net[i["us"]][i["ru"]] == -1
    assert m.net[i["us"]][i["sy"]] == 0  # a co-mention has no stance
    assert all(m.net[k][k] == 0 for k in range(len(m.ids)))
    assert m.labels[i["us"]] == "United States"


def test_stance_matrix_keeps_the_top_actors_by_degree(world):
    m = stance_matrix(world, top=2)
    assert m.ids == ("tr", "ru") and len(m.net) == 2 and len(m.net[0]) == 2


def test_central_actors_rank_by_typed_weighted_degree(world):
    top = central_actors(world, top=3)
    assert top == [("tr", "Turkey", 10), ("ru", "Russia", 6), ("sy", "Syria", 5)]
    assert "lonely" not in [n for n, *_ in central_actors(world, top=50)]
    assert central_actors(world, top=3) == top


def test_display_budget_truncates_and_keeps_focus(world):
    small, truncated = display_subgraph(world, budget=3)
    assert truncated and set(small) == {"tr", "ru", "sy"}
    focused, truncated = display_subgraph(world, budget=3, focus="idlib")
    assert truncated and {"idlib", "sy"} <= set(focused) and len(focused) == 3
    whole, truncated = display_subgraph(world, budget=100)
    assert not truncated and whole is not world and set(whole) == set(world)


# --------------------------------------------------------------------------- search


def test_search_folds_diacritics_and_case(world):
    assert search(world, "erdogan") == ["erdogan"]
    assert search(world, "TURKIYE") == ["tr"]
    assert search(world, "  ") == []


def test_search_puts_label_prefix_before_substring():
    g = make_graph([("assyria", "Assyria", "LOC"), ("syria", "Syria", "GPE"),
                    ("syr-army", "Free Syrian Army", "ARMED_GROUP")], [])
    assert search(g, "syr") == ["syria", "syr-army", "assyria"]
    assert search(g, "syr", limit=1) == ["syria"]


def test_search_matches_dotted_aliases(world):
    assert search(world, "us")[0] == "us"
    assert search(world, "U.S.")[0] == "us"


# --------------------------------------------------------------------------- panels


def test_node_summary_groups_relations_both_ways(world):
    s = node_summary(world, "tr")
    groups = {g.relation: g for g in s.relations}
    assert groups["supports"].incoming == ("us",) and groups["supports"].outgoing == ()
    assert groups["attacks"].outgoing == ("sy",) and groups["attacks"].sentences == 3
    assert groups["opposes"].count == 1 and groups["opposes"].sentences == 2
    assert [g.relation for g in s.relations] == ["supports", "supplies", "acquires", "opposes", "attacks", "leads"]
    assert s.articles == ("d1", "d2", "d3", "d4")  # by date, undated last
    assert [(n.id, n.weight) for n in s.neighbours[:3]] == [("ru", 3), ("sy", 3), ("us", 2)]  # ties by label
    assert s.neighbours[0].relations == ("supplies", "opposes")
    assert {n.id for n in s.neighbours} == {"us", "ru", "sy", "s400", "erdogan"}


def test_dyad_evidence_lists_both_directions(world):
    rows = dyad_evidence(world, "tr", "ru")
    assert [(rel, d) for rel, d, _ in rows] == [("supplies", "<-"), ("opposes", "<-"), ("opposes", "<-")]
    assert rows[1][2]["sentence"] == "Russia opposes Turkey."
    assert dyad_evidence(world, "us", "idlib") == []
    with pytest.raises(ValueError, match="'nowhere'"):
        dyad_evidence(world, "us", "nowhere")


# --------------------------------------------------------------------------- seed graph


@pytest.fixture(scope="module")
def seed():
    from graph.pipeline import build_seed_graph

    return from_node_link(build_seed_graph())


def test_seed_path_from_united_states_to_russia_has_evidence_at_every_hop(seed):
    paths = shortest_paths(seed, "united-states", "russia", k=3)
    assert paths
    assert all(h.evidence and h.evidence["sentence"] for h in paths[0])
    for path in paths:
        assert path[0].source == "united-states" and path[-1].target == "russia"
        assert all(h.evidence is not None for h in path if h.relation != "part_of")


def test_seed_default_filter_has_no_co_mentions_and_no_dangling_edges(seed):
    out = filter_graph(seed)
    assert out.number_of_edges() and all(k != "co_mentioned" for *_, k in out.edges(keys=True))
    assert all(out.degree(n) for n in out)


def test_seed_stance_matrix_and_search(seed):
    m = stance_matrix(seed)
    assert {"united-states", "russia", "turkey"} <= set(m.ids)
    assert search(seed, "erdogan")[0] == "recep-tayyip-erdogan"
