"""The hand-made fixture graph keeps the export contract and matches the seed texts.

UI tests lean on ``tests/data/sample_graph.json``; these checks keep it honest: every
sentence and span is cut from the seed article it names, as DESIGN.md section 4 says.
"""
from __future__ import annotations

import json
from pathlib import Path

from graph.ontology import BY_NAME

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NODE_TYPES = {"GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON", "WEAPON", "LOC"}
MODALITIES = {"asserted", "reported", "future", "hypothetical"}


def seed_text(source: str) -> str:
    return (SEEDS / source).read_text(encoding="utf-8")


def test_fixture_is_a_directed_multigraph_with_documents(sample_graph):
    assert sample_graph["directed"] is True and sample_graph["multigraph"] is True
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    for doc in sample_graph["graph"]["documents"].values():
        assert doc["title"] == manifest[doc["source"]]["title"]
        assert doc["date"] == manifest[doc["source"]]["date"]


def test_fixture_nodes_follow_the_contract(sample_graph):
    ids = [n["id"] for n in sample_graph["nodes"]]
    assert len(ids) == len(set(ids))
    assert {"united-states", "turkey", "russia", "syria", "pentagon", "state-department", "s-400",
            "patriot"} <= set(ids)
    for node in sample_graph["nodes"]:
        assert node["type"] in NODE_TYPES
        assert set(node) >= {"id", "label", "type", "aliases", "mentions", "articles", "part_of"}
        assert node["part_of"] is None or node["part_of"] in ids
    assert any(n["type"] == "PERSON" for n in sample_graph["nodes"])


def test_fixture_edges_follow_the_contract(sample_graph):
    ids = {n["id"] for n in sample_graph["nodes"]}
    documents = sample_graph["graph"]["documents"]
    relations = set()
    for edge in sample_graph["edges"]:
        relations.add(edge["relation"])
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["key"] == edge["relation"] and edge["relation"] in BY_NAME
        assert edge["polarity"] == BY_NAME[edge["relation"]].polarity
        assert edge["weight"] == len(edge["evidence"])
        assert edge["articles"] == len({ev["doc_id"] for ev in edge["evidence"]})
        for ev in edge["evidence"]:
            assert ev["doc_id"] in documents and documents[ev["doc_id"]]["source"] == ev["source"]
            assert ev["modality"] in MODALITIES
    assert {"supports", "opposes", "acquires", "co_mentioned"} <= relations


def test_fixture_offsets_point_into_the_seed_documents(sample_graph):
    for edge in sample_graph["edges"]:
        for ev in edge["evidence"]:
            text = seed_text(ev["source"])
            assert text[ev["start"]:ev["end"]] == ev["sentence"]
            spans = [ev["subject_span"], ev["object_span"]] + ([ev["trigger_span"]] if ev["trigger_span"] else [])
            for a, b in spans:
                assert ev["start"] <= a < b <= ev["end"]
            if ev["trigger_span"]:
                a, b = ev["trigger_span"]
                assert text[a:b] == ev["trigger"]


def test_fixture_actor_spans_name_the_actors(sample_graph):
    aliases = {n["id"]: {n["label"], *n["aliases"]} for n in sample_graph["nodes"]}
    for edge in sample_graph["edges"]:
        for ev in edge["evidence"]:
            text = seed_text(ev["source"])
            assert text[slice(*ev["subject_span"])] in aliases[edge["source"]]
            assert text[slice(*ev["object_span"])] in aliases[edge["target"]]
