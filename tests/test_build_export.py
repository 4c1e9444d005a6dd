"""Graph building and the export formats, on hand-made extractions (no spaCy)."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx

from graph.build import build_graph
from graph.export import from_node_link, render, to_node_link
from graph.models import Document, Entity, Evidence, Extraction, Mention, Relation

US = Entity("united-states", "United States", "GPE")
TR = Entity("turkey", "Turkey", "GPE")
PENTAGON = Entity("pentagon", "Pentagon", "ORG", part_of="united-states")


def _doc(i, text, date):
    return Document(id=f"d{i}", title=f"Article {i}", text=text, source=f"{i}.txt", outlet="Wire", date=date)


def _rel(doc, subj, rtype, obj, sentence, s_span, o_span):
    ev = Evidence(doc_id=doc.id, source=doc.source, sentence=sentence, start=0, end=len(sentence),
                  subject_span=s_span, object_span=o_span, trigger_span=(3, 8), trigger="backs",
                  confidence=0.9, rule="svo")
    return Relation(subj.id, rtype, obj.id, ev)


def _extractions():
    t1 = "US backs Turkey."
    t2 = "US backs Turkey again. The Pentagon objects."
    d1, d2 = _doc(1, t1, "2019-04"), _doc(2, t2, "2020-02")
    x1 = Extraction(d1, (US, TR), (Mention("united-states", "d1", 0, 2, "US"), Mention("turkey", "d1", 9, 15, "Turkey")),
                    (_rel(d1, US, "supports", TR, t1, (0, 2), (9, 15)),))
    x2 = Extraction(d2, (US, TR, PENTAGON),
                    (Mention("united-states", "d2", 0, 2, "US"), Mention("turkey", "d2", 9, 15, "Turkey"),
                     Mention("pentagon", "d2", 27, 35, "Pentagon")),
                    (_rel(d2, US, "supports", TR, "US backs Turkey again.", (0, 2), (9, 15)),
                     _rel(d2, TR, "supports", TR, "US backs Turkey again.", (9, 15), (9, 15)),
                     Relation("turkey", "attacks", "nowhere", _rel(d2, US, "supports", TR, "x", (0, 1), (0, 1)).evidence)))
    return [x1, x2]


def test_edges_aggregate_evidence_weight_articles_and_dates():
    g = build_graph(_extractions())
    edge = g.edges["united-states", "turkey", "supports"]
    assert edge["weight"] == 2 and edge["articles"] == 2
    assert (edge["first_date"], edge["last_date"]) == ("2019-04", "2020-02")
    assert edge["polarity"] == 1
    assert [ev["doc_id"] for ev in edge["evidence"]] == ["d1", "d2"]


def test_no_self_loops_and_no_edges_to_unknown_entities():
    g = build_graph(_extractions())
    assert not list(nx.selfloop_edges(g))
    assert "nowhere" not in g
    assert all(s in g and t in g for s, t in g.edges())


def test_agency_gets_part_of_edge_to_its_state():
    g = build_graph(_extractions())
    assert g.has_edge("pentagon", "united-states", "part_of")


def test_nodes_carry_label_type_aliases_mentions_and_articles():
    g = build_graph(_extractions())
    us = g.nodes["united-states"]
    assert us["label"] == "United States" and us["type"] == "GPE"
    assert us["aliases"] == ["US"] and us["mentions"] == 2 and us["articles"] == ["d1", "d2"]
    assert us["resolved_by"] == {"alias": 2}


def test_node_link_json_round_trips_through_networkx():
    g = build_graph(_extractions())
    data = json.loads(render(g, "json"))
    assert set(data) >= {"directed", "multigraph", "graph", "nodes", "edges"}
    assert data["graph"]["documents"]["d1"]["source"] == "1.txt"
    edge = next(e for e in data["edges"] if e["key"] == "supports")
    assert {"source", "target", "relation", "polarity", "weight", "articles", "evidence"} <= set(edge)
    assert edge["evidence"][0]["subject_span"] == [0, 2]
    g2 = from_node_link(data)
    assert sorted(g2.edges(keys=True)) == sorted(g.edges(keys=True))
    assert to_node_link(g2) == data


def test_ids_are_stable_across_builds():
    a, b = to_node_link(build_graph(_extractions())), to_node_link(build_graph(list(reversed(_extractions()))))
    assert [n["id"] for n in a["nodes"]] == [n["id"] for n in b["nodes"]]
    assert sorted((e["source"], e["key"], e["target"]) for e in a["edges"]) == \
        sorted((e["source"], e["key"], e["target"]) for e in b["edges"])


def test_graphml_and_gexf_parse_back_with_scalar_attributes():
    g = build_graph(_extractions())
    for fmt, reader in (("graphml", nx.parse_graphml), ("gexf", None)):
        text = render(g, fmt)
        if reader:
            back = reader(text)
            assert back.number_of_edges() == g.number_of_edges()
        else:
            assert "<gexf" in text and "united-states" in text


def test_csv_has_one_row_per_evidence_sentence():
    g = build_graph(_extractions())
    rows = list(csv.DictReader(io.StringIO(render(g, "csv"))))
    supports = [r for r in rows if r["relation"] == "supports"]
    assert len(supports) == 2 and supports[0]["sentence"] == "US backs Turkey."


def test_many_records_pauses_the_cycle_collector_until_the_outermost_block_ends():
    import gc

    import pytest

    from graph.models import many_records

    assert gc.isenabled()
    with many_records():
        assert not gc.isenabled()
        with many_records():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it to the outer one
    assert gc.isenabled()
    with pytest.raises(RuntimeError), many_records():
        raise RuntimeError("a read failed half-way")
    assert gc.isenabled()
