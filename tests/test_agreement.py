"""Outlets, contested relations and what is new, on small corpora written for the purpose.

tests/data/agreement/ holds three: two outlets disagreeing over Ghana and Togo (disagree.jsonl),
one wire story about Kenya and Malawi printed by three outlets (wire.jsonl), and Chile and
Bolivia, talking in January and quarrelling in May, in one outlet (later.jsonl).
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from graph.agreement import DENIED, SPEAKERS, STANCE, annotate, contested_edges, denials, disputes
from graph.build import build_graph
from graph.export import from_node_link, render
from graph.novelty import BY_DATE, BY_INGEST, after, new_relations
from graph.outlets import (independent, outlet_relations, outlet_stance, outlet_totals, outlets_of, sentence_hashes,
                           sentence_key)
from graph.pipeline import read_and_build

CORPUS = Path(__file__).resolve().parent / "data" / "agreement"


@pytest.fixture(scope="module")
def g(nlp):
    graph, errors, _ = read_and_build([CORPUS], nlp=nlp)
    assert not errors
    return graph


def edge(g, s, rel, t):
    return g.edges[s, t, rel]


# --------------------------------------------------------------------------- outlets


def test_a_wire_story_printed_by_three_outlets_counts_as_one_outlet(g):
    d = edge(g, "kenya", "supplies", "malawi")
    assert d["articles"] == 3
    assert d["outlets"] == 1


def test_outlets_count_distinct_outlets_not_articles(g):
    d = edge(g, "ghana", "cooperates", "togo")
    # three articles, three outlets: two say the pact was signed, one denies it
    assert d["articles"] == 3 and d["outlets"] == 3
    assert edge(g, "chile", "negotiates", "bolivia")["outlets"] == 1  # two articles of one outlet


def test_the_earliest_copy_of_a_reprinted_sentence_is_the_one_that_counts():
    documents = {"a": {"outlet": "Late Post", "date": "2026-04-03"}, "b": {"outlet": "First Wire", "date": "2026-04-01"},
                 "c": {"outlet": "Late Post", "date": "2026-04-03"}}
    evidence = [{"doc_id": "a", "sentence": "Kenya  sent AID to Malawi.", "start": 0},
                {"doc_id": "b", "sentence": "Kenya sent aid to Malawi!", "start": 5},
                {"doc_id": "c", "sentence": "Kenya's own reporters saw the planes land.", "start": 0}]
    kept = independent(evidence, documents)
    assert [ev["doc_id"] for ev in kept] == ["b", "c"]
    assert outlets_of(evidence, documents) == ("First Wire", "Late Post")
    assert sentence_key("Kenya  sent AID to Malawi.") == sentence_key("kenya sent aid to malawi!")


def test_many_edges_outlets_counted_at_once_are_each_edges_own():
    """`outlet_totals` (one pass over many edges' sentences, for the explorer's edge table)
    counts what `outlets_of` counts edge by edge: reprints once, the earliest copy's outlet."""
    rng = random.Random(7)
    documents = {f"d{i}": {"outlet": rng.choice(["Wire", "Post", "Times", "", None]), "source": f"{i}.txt",
                           "date": rng.choice(["2026-01-02", "2026-01-05", "2026-02", None])} for i in range(40)}
    said = ["Kenya sent aid to Malawi.", "KENYA sent aid to Malawi!", "Togo and Ghana met.", "Chad closed its border."]
    evidence = {edge: [{"doc_id": rng.choice([*documents, "gone"]), "start": rng.randrange(3) * 10,
                        "sentence": rng.choice(said)} for _ in range(rng.randint(0, 12))] for edge in range(60)}
    rows = [(edge, ev["doc_id"], ev["start"], ev["sentence"]) for edge, evs in evidence.items() for ev in evs]
    rng.shuffle(rows)
    edge, doc, start, sentence = zip(*rows)
    docs = sorted(set(doc))
    counted = outlet_totals(np.array(edge), sentence_hashes(sentence), np.array([docs.index(d) for d in doc]),
                            np.array(start), docs, 61, documents).tolist()
    assert counted == [len(outlets_of(evidence[e], documents)) for e in range(60)] + [0]
    naive = [len({documents.get(ev["doc_id"], {}).get("outlet") or ev["doc_id"] for ev in evidence[e]}) for e in range(60)]
    assert sum(counted) < sum(naive), "reprints of one sentence in other outlets are counted once"
    none = np.zeros(0, np.int64)
    assert outlet_totals(none, none, none, none, [], 3, documents).tolist() == [0, 0, 0]


def test_an_article_without_an_outlet_is_its_own_source():
    documents = {"a": {"outlet": None, "source": "one.txt"}, "b": {"outlet": "", "source": "two.txt"}}
    evidence = [{"doc_id": "a", "sentence": "One."}, {"doc_id": "b", "sentence": "Two."}]
    assert outlets_of(evidence, documents) == ("unknown outlet (one.txt)", "unknown outlet (two.txt)")


def test_each_outlet_lists_the_relations_it_carries_with_its_denials(g):
    rows = outlet_relations(g)
    lome = {(r.source, r.relation, r.target): r for r in rows["Lome Courier"]}
    assert lome[("ghana", "cooperates", "togo")].denied == 1
    assert ("ghana", "supports", "togo") not in lome
    accra = {(r.source, r.relation, r.target) for r in rows["Accra Ledger"]}
    assert {("ghana", "cooperates", "togo"), ("ghana", "supports", "togo")} <= accra
    assert {"Nairobi Daily", "Lilongwe Post", "Harare Herald"} <= set(rows)


def test_outlet_stance_shows_which_outlet_reports_cooperation_and_which_conflict(g):
    stance = outlet_stance(g, ["ghana", "togo"])
    net = dict(zip(stance.outlets, stance.net))
    assert net["Accra Ledger"][0] > 0  # cooperation: the pact, the support
    assert net["Lome Courier"][0] < 0  # the accusation (its denial of the pact takes no side)
    assert stance.labels == ("Ghana", "Togo")


# --------------------------------------------------------------------------- contested


def test_a_relation_one_outlet_asserts_and_another_denies_is_contested(g):
    found = [x for x in denials(g) if x.edges == (("ghana", "togo", "cooperates"),)]
    assert len(found) == 1
    said, denied = found[0].sides
    assert said.label == "asserted" and set(said.outlets) == {"Accra Ledger", "Gold Coast Times"}
    assert denied.label == "denied" and denied.outlets == ("Lome Courier",)
    assert all(ev["negated"] for ev in denied.evidence) and not any(ev["negated"] for ev in said.evidence)
    assert edge(g, "ghana", "cooperates", "togo")["contested"] is True


def test_cooperation_and_conflict_from_different_outlets_in_one_month_are_contested(g):
    split = [x for x in disputes(g) if x.kind == STANCE and {x.source, x.target} == {"ghana", "togo"}]
    assert len(split) == 1 and split[0].month == "2026-03"
    coop, conflict = split[0].sides
    assert "Accra Ledger" in coop.outlets and conflict.outlets == ("Lome Courier",)
    assert ("ghana", "togo", "criticizes") in split[0].edges
    assert edge(g, "ghana", "criticizes", "togo")["contested"] is True


def test_one_outlet_reporting_talks_and_quarrels_is_no_dispute(g):
    assert not [x for x in disputes(g) if {x.source, x.target} == {"chile", "bolivia"}]
    assert edge(g, "chile", "criticizes", "bolivia")["contested"] is False
    assert edge(g, "kenya", "supplies", "malawi")["contested"] is False


def test_disputes_are_ranked_by_the_outlets_on_the_weaker_side():
    def ev(doc, negated=False, sentence=None):
        return {"doc_id": doc, "sentence": sentence or f"sentence {doc}", "negated": negated, "modality": "asserted",
                "start": 0}
    import networkx as nx
    g = nx.MultiDiGraph(documents={d: {"outlet": d.upper(), "date": "2026-01"} for d in "abcdefg"})
    g.add_nodes_from(["x", "y", "z"])
    g.add_edge("x", "y", key="attacks", relation="attacks", evidence=[ev("a"), ev("b", True)])
    g.add_edge("x", "z", key="attacks", relation="attacks", evidence=[ev("c"), ev("d"), ev("e", True), ev("f", True)])
    ranked = disputes(g)
    assert [x.target for x in ranked] == ["z", "y"]
    assert ranked[0].rank == (2, 4)


def test_speculative_sentences_take_no_side():
    import networkx as nx
    g = nx.MultiDiGraph(documents={"a": {"outlet": "A"}, "b": {"outlet": "B"}})
    g.add_nodes_from(["x", "y"])
    g.add_edge("x", "y", key="attacks", relation="attacks", evidence=[
        {"doc_id": "a", "sentence": "X attacked Y.", "negated": False, "modality": "asserted"},
        {"doc_id": "b", "sentence": "X would not attack Y.", "negated": True, "modality": "hypothetical"}])
    assert contested_edges(g) == frozenset()


def test_each_partys_speaker_telling_it_differently_is_a_speakers_dispute():
    import networkx as nx
    g = nx.MultiDiGraph(documents={"a": {"outlet": "A"}, "b": {"outlet": "B"}})
    g.add_node("ghana", label="Ghana", aliases=["Accra"])
    g.add_node("togo", label="Togo", aliases=["Lome"])
    g.add_edge("ghana", "togo", key="cooperates", relation="cooperates", evidence=[
        {"doc_id": "a", "sentence": "Ghana signed.", "negated": False, "modality": "reported",
         "speaker": "Ghana's foreign ministry"},
        {"doc_id": "b", "sentence": "Ghana did not sign.", "negated": True, "modality": "reported",
         "speaker": "a spokesman in Lome"}])
    (x,) = disputes(g)
    assert x.kind == SPEAKERS
    g.edges["ghana", "togo", "cooperates"]["evidence"][1]["speaker"] = "a spokesman"
    assert disputes(g)[0].kind == DENIED


# --------------------------------------------------------------------------- export


def test_the_node_link_export_carries_outlets_and_contested_beside_the_dates(g):
    data = json.loads(render(g, "json"))
    edges = {(e["source"], e["relation"], e["target"]): e for e in data["edges"]}
    wire = edges[("kenya", "supplies", "malawi")]
    assert (wire["outlets"], wire["contested"], wire["first_date"], wire["last_date"]) == (
        1, False, "2026-04-02", "2026-04-03")
    pact = edges[("ghana", "cooperates", "togo")]
    assert (pact["outlets"], pact["contested"]) == (3, True)
    assert all(isinstance(e["contested"], bool) and isinstance(e["outlets"], int) for e in data["edges"])


def test_an_older_export_without_the_flags_gets_them_when_annotated(g):
    data = json.loads(render(g, "json"))
    for e in data["edges"]:
        del e["outlets"], e["contested"]
    again = annotate(from_node_link(data))
    assert again.edges["ghana", "togo", "cooperates"]["contested"] is True
    assert again.edges["kenya", "malawi", "supplies"]["outlets"] == 1


def test_curation_recounts_outlets_and_contested(g):
    from graph.curation import apply_curation

    pact = [ev for ev in g.edges["ghana", "togo", "cooperates"]["evidence"] if ev["negated"]][0]
    action = {"op": "reject", "subject": "ghana", "relation": "cooperates", "object": "togo",
              "doc_id": pact["doc_id"], "sentence": pact["sentence"]}
    curated = apply_curation(g, [action]).graph
    d = curated.edges["ghana", "togo", "cooperates"]
    assert d["outlets"] == 2
    assert d["contested"] is True  # still: Lome Courier's accusation against Accra's support, in March
    assert not [x for x in denials(curated) if x.source == "ghana" and x.edges[0][2] == "cooperates"]


# --------------------------------------------------------------------------- what is new


def test_a_relation_first_reported_in_a_later_month_is_new_since_an_earlier_one(g):
    new = {(r.source, r.relation, r.target) for r in new_relations(g, "2026-04-15")}
    assert ("chile", "criticizes", "bolivia") in new
    assert ("chile", "negotiates", "bolivia") not in new  # first seen in January, seen again in May
    assert ("kenya", "supplies", "malawi") not in new
    wire = {(r.source, r.relation, r.target) for r in new_relations(g, "2026-03")}
    assert ("kenya", "supplies", "malawi") in wire and ("ghana", "cooperates", "togo") not in wire


def test_new_relations_come_newest_first_with_their_sentences(g):
    rows = new_relations(g, "2026-02")
    assert [r.first for r in rows] == sorted((r.first for r in rows), reverse=True)
    top = rows[0]
    assert (top.source, top.relation, top.target, top.first) == ("chile", "criticizes", "bolivia", "2026-05-20")
    assert "condemned" in top.evidence[0]["sentence"]


def test_new_since_a_visit_asks_when_the_articles_were_ingested():
    import networkx as nx
    g = nx.MultiDiGraph(documents={"old": {"date": "2019-01", "ingested": "2026-12-01T09:00:00+00:00"},
                                   "new": {"date": "2019-01", "ingested": "2026-12-01T12:30:00+00:00"}})
    g.add_nodes_from(["x", "y", "z"])
    g.add_edge("x", "y", key="attacks", relation="attacks", evidence=[{"doc_id": "old", "sentence": "a"}])
    g.add_edge("x", "z", key="attacks", relation="attacks", evidence=[{"doc_id": "new", "sentence": "b"}])
    visit = "2026-12-01T11:00:00.000Z"  # as the browser keeps it
    assert [r.target for r in new_relations(g, visit, by=BY_INGEST)] == ["z"]
    assert new_relations(g, "2020", by=BY_DATE) == []


def test_dates_compare_at_the_coarser_precision():
    assert after("2026-05", "2026-04-30") and not after("2026-04", "2026-04-15")
    assert after("2026-12-01T12:00:00+01:00", "2026-12-01T10:59:00Z")
    assert not after("2026-12-01T12:00:00+02:00", "2026-12-01T10:30:00Z")
    assert not after(None, "2026")
    with pytest.raises(ValueError):
        new_relations(build_graph([]), "2026", by="visit")
