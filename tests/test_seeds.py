"""The bundled seed articles end to end: the dyads an analyst expects, evidenced and typed."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.evaluate import audit, evaluate_gold, read_jsonl, recall
from graph.export import from_node_link
from graph.read import read_documents
from graph.pipeline import build_seed_graph

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "seed_relations.jsonl"  # a copy of shared/gold/seed_relations.jsonl
AUDIT = ROOT / "tests" / "data" / "seed_audit.jsonl"


@pytest.fixture(scope="module")
def g():
    return from_node_link(build_seed_graph())


def _typed(g, a, b):
    """Typed relations between two nodes in either direction, with their evidence."""
    out = []
    for s, t in ((a, b), (b, a)):
        for key, d in (g.get_edge_data(s, t) or {}).items():
            if key not in ("co_mentioned", "part_of"):
                out.append((key, d))
    return out


def test_five_seed_articles_are_loaded_with_manifest_metadata(g):
    docs = g.graph["documents"]
    assert len(docs) == 5
    assert {d["date"] for d in docs.values()} == {"2020-02", "2018-07", "2016-07", "2019-04"}


@pytest.mark.parametrize("a,b", [("united-states", "turkey"), ("turkey", "russia"),
                                 ("state-department", "pentagon")])
def test_key_dyads_have_typed_evidenced_edges(g, a, b):
    rels = _typed(g, a, b)
    assert rels, f"no typed edge between {a} and {b}"
    for _, d in rels:
        assert d["evidence"] and all(ev["sentence"] for ev in d["evidence"])


def test_turkey_and_united_states_are_linked_by_cooperation_and_conflict(g):
    kinds = {k for k, _ in _typed(g, "united-states", "turkey")}
    assert {"supports", "negotiates"} <= kinds and {"opposes", "threatens", "sanctions"} & kinds


def test_washington_us_and_united_states_are_one_node(g):
    aliases = set(g.nodes["united-states"]["aliases"])
    assert {"Washington", "U.S.", "United States"} <= aliases
    assert not any(n in g for n in ("us", "u-s", "america"))
    # "in Washington" names the city, which stays a place of its own
    assert "washington" not in g or g.nodes["washington"]["type"] == "LOC"


def test_patriot_is_a_weapon_not_a_person(g):
    assert g.nodes["patriot"]["type"] == "WEAPON"
    assert not [n for n, d in g.nodes(data=True) if d["type"] == "PERSON" and "patriot" in n]


def test_people_merge_by_full_name_across_surname_mentions(g):
    assert "Jeffrey" in g.nodes["james-jeffrey"]["aliases"]
    assert "jeffrey" not in g


def test_evidence_offsets_point_into_the_article_text(g):
    texts = {d.id: d.text for d in read_documents([ROOT / "seeds"]).documents}
    for s, t, d in g.edges(data=True):
        for ev in d["evidence"]:
            text = texts[ev["doc_id"]]
            sentence = text[ev["start"]:ev["end"]]
            assert sentence == ev["sentence"]
            a, b = ev["subject_span"]
            assert ev["start"] <= a < b <= ev["end"]


def test_gold_recall_floors(g):
    # The targets are 0.90 (core) and 0.85 (all); the floors sit just under what is reached
    # (34 of 35 core rows, 63 of 68 in all): losing one core row, or two rows in all, fails, so a
    # rule that costs a seed row has to say so here
    results = evaluate_gold(g, read_jsonl(GOLD))
    assert recall(results, core_only=True) >= 0.96
    assert recall(results) >= 0.91


def test_audit_precision_floor_and_every_typed_fact_judged(g):
    correct, total, unjudged = audit(g, read_jsonl(AUDIT))
    assert not unjudged, f"{len(unjudged)} typed facts have no verdict in {AUDIT.name}"
    assert correct / total >= 0.90
