"""Curation log: undo/redo resolution and replaying merges, renames, rejections, confirmations."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.actors import load_actor_table
from graph.build import build_graph
from graph.curation import (
    CurationResult,
    apply_curation,
    can_redo,
    can_undo,
    describe,
    describe_log,
    effective_actions,
    history,
    problem,
)
from graph.export import to_node_link
from graph.models import Document, Entity, Evidence, Extraction, Mention, Relation

US = Entity("united-states", "United States", "GPE")
US_DUP = Entity("us", "US", "GPE")  # the same state under a second id, as a missed alias makes
TR = Entity("turkey", "Turkey", "GPE")
RU = Entity("russia", "Russia", "GPE")

MERGE = {"op": "merge", "keep": "united-states", "drop": "us"}
RENAME = {"op": "rename", "id": "turkey", "label": "Türkiye"}
UNDO, REDO = {"op": "undo"}, {"op": "redo"}


def _doc(i, date):
    return Document(id=f"d{i}", title=f"Article {i}", text="...", source=f"{i}.txt", date=date)


def _rel(doc, subj, rtype, obj, sentence, *, start=0, confidence=0.8):
    evidence = Evidence(doc_id=doc.id, source=doc.source, sentence=sentence, start=start, end=start + len(sentence),
                        subject_span=(start, start + 2), object_span=(start + 5, start + 9), trigger_span=None,
                        trigger="x", confidence=confidence, rule="test")
    return Relation(subj.id, rtype, obj.id, evidence)


def _mention(doc, entity, text):
    return Mention(entity.id, doc.id, 0, len(text), text)


def extractions():
    """Three articles; the United States appears under two ids until someone merges them."""
    d1, d2, d3 = _doc(1, "2019-04"), _doc(2, "2020-02"), _doc(3, "2020-03")
    return [
        Extraction(d1, (US, TR), (_mention(d1, US, "United States"), _mention(d1, TR, "Turkey")),
                   (_rel(d1, US, "supports", TR, "The United States backs Turkey."),)),
        Extraction(d2, (US_DUP, TR, RU),
                   (_mention(d2, US_DUP, "US"), _mention(d2, TR, "Turkey"), _mention(d2, RU, "Russia")),
                   (_rel(d2, US_DUP, "supports", TR, "The US backs Turkey again."),
                    _rel(d2, US_DUP, "criticizes", RU, "The US condemns Russia.", start=40))),
        Extraction(d3, (US, US_DUP, RU, TR), (_mention(d3, US, "Washington"), _mention(d3, US_DUP, "US"),
                                              _mention(d3, RU, "Russia")),
                   (_rel(d3, US, "criticizes", RU, "Washington criticizes Russia."),
                    _rel(d3, US_DUP, "negotiates", US, "US officials met Washington.", start=50),
                    _rel(d3, RU, "opposes", TR, "Russia opposes Turkey.", start=80, confidence=0.9),
                    _rel(d3, RU, "opposes", TR, "Russia objects to Turkey.", start=120, confidence=0.7))),
    ]


@pytest.fixture(scope="module")
def table():
    return load_actor_table()


@pytest.fixture
def base(table):
    return build_graph(extractions(), table=table)


def snapshot(g: nx.MultiDiGraph) -> str:
    return json.dumps(to_node_link(g), sort_keys=True, ensure_ascii=False)


def curated(g, log):
    result = apply_curation(g, log)
    assert isinstance(result, CurationResult)
    return result.graph


# --------------------------------------------------------------------------- the log


def test_undo_takes_back_the_latest_action_and_redo_restores_it():
    assert effective_actions([MERGE, RENAME, UNDO]) == [MERGE]
    assert effective_actions([MERGE, RENAME, UNDO, UNDO]) == []
    assert effective_actions([MERGE, RENAME, UNDO, UNDO, REDO]) == [MERGE]
    assert effective_actions([MERGE, RENAME, UNDO, UNDO, REDO, REDO]) == [MERGE, RENAME]


def test_new_action_after_undo_clears_redo():
    log = [MERGE, UNDO, RENAME]
    assert effective_actions(log) == [RENAME]
    assert not can_redo(log)
    assert effective_actions(log + [REDO]) == [RENAME]


def test_undo_and_redo_with_nothing_to_act_on_do_nothing():
    assert effective_actions([UNDO, REDO, MERGE, REDO]) == [MERGE]
    assert not can_undo([]) and not can_redo([])
    assert can_undo([MERGE]) and not can_redo([MERGE])
    assert can_redo([MERGE, UNDO]) and not can_undo([MERGE, UNDO])


def test_effective_actions_leave_the_log_as_it_was():
    log = [MERGE, UNDO]
    effective_actions(log)
    assert log == [MERGE, UNDO]


def test_history_marks_undone_edits_and_forgets_abandoned_branches():
    assert history([MERGE, RENAME, UNDO]) == [(MERGE, True), (RENAME, False)]
    assert history([MERGE, UNDO, RENAME]) == [(RENAME, True)]


def test_problem_spots_malformed_actions():
    assert problem(MERGE) is None and problem(UNDO) is None
    assert "unknown op" in problem({"op": "explode"})
    assert "'drop'" in problem({"op": "merge", "keep": "a"})
    assert "itself" in problem({"op": "merge", "keep": "a", "drop": "a"})
    assert "'label'" in problem({"op": "rename", "id": "a", "label": "  "})
    assert "'relation'" in problem({"op": "reject", "subject": "a", "object": "b"})


# --------------------------------------------------------------------------- merge


def test_merge_moves_edges_and_pools_their_evidence(base):
    assert base.has_edge("us", "turkey", "supports") and base.has_edge("us", "united-states", "negotiates")
    g = curated(base, [MERGE])
    assert "us" not in g
    supports = g.edges["united-states", "turkey", "supports"]
    assert [ev["doc_id"] for ev in supports["evidence"]] == ["d1", "d2"]
    assert (supports["weight"], supports["articles"], supports["first_date"], supports["last_date"]) == (
        2, 2, "2019-04", "2020-02")
    criticizes = g.edges["united-states", "russia", "criticizes"]
    assert criticizes["weight"] == 2 and criticizes["last_date"] == "2020-03"
    assert not list(nx.selfloop_edges(g))  # "US officials met Washington" joined one actor to itself
    node = g.nodes["united-states"]
    assert node["label"] == "United States" and "US" in node["aliases"] and "Washington" in node["aliases"]
    assert node["mentions"] == base.nodes["united-states"]["mentions"] + base.nodes["us"]["mentions"]
    assert node["articles"] == ["d1", "d2", "d3"] and node["merged"] == ["us"]


def test_merge_points_agencies_of_the_dropped_actor_at_the_kept_one(table):
    agency = Entity("us-embassy", "US Embassy", "ORG", part_of="us")
    d = _doc(9, "2020-04")
    extra = Extraction(d, (US_DUP, agency), (_mention(d, agency, "US Embassy"),), ())
    g = curated(build_graph(extractions() + [extra], table=table), [MERGE])
    assert g.nodes["us-embassy"]["part_of"] == "united-states"
    assert g.has_edge("us-embassy", "united-states", "part_of")


def test_merge_then_undo_returns_an_identical_graph(base):
    assert snapshot(curated(base, [MERGE, UNDO])) == snapshot(base)
    assert snapshot(curated(base, [MERGE])) != snapshot(base)


def test_redo_reapplies_the_undone_merge(base):
    assert snapshot(curated(base, [MERGE, UNDO, REDO])) == snapshot(curated(base, [MERGE]))


def test_new_action_after_undo_drops_the_undone_merge_from_the_graph(base):
    g = curated(base, [MERGE, UNDO, RENAME, REDO])
    assert "us" in g and g.nodes["turkey"]["label"] == "Türkiye"


# --------------------------------------------------------------------------- rename, reject, confirm


def test_rename_keeps_the_id_and_edges_and_remembers_the_old_name(base):
    g = curated(base, [RENAME])
    assert g.nodes["turkey"]["label"] == "Türkiye" and "Turkey" in g.nodes["turkey"]["aliases"]
    assert set(g.in_edges("turkey", keys=True)) == set(base.in_edges("turkey", keys=True))


def test_reject_one_sentence_keeps_the_edge_and_recounts(base):
    action = {"op": "reject", "subject": "russia", "relation": "opposes", "object": "turkey",
              "doc_id": "d3", "sentence": "Russia objects to Turkey."}
    g = curated(base, [action])
    edge = g.edges["russia", "turkey", "opposes"]
    assert [ev["sentence"] for ev in edge["evidence"]] == ["Russia opposes Turkey."]
    assert edge["weight"] == 1 and edge["articles"] == 1


def test_reject_whole_edge_removes_only_that_edge(base):
    action = {"op": "reject", "subject": "russia", "relation": "opposes", "object": "turkey"}
    g = curated(base, [action])
    assert not g.has_edge("russia", "turkey", "opposes")
    assert set(g) == set(base)
    assert g.number_of_edges() == base.number_of_edges() - 1


def test_rejecting_the_last_sentence_removes_the_edge(base):
    action = {"op": "reject", "subject": "united-states", "relation": "supports", "object": "turkey",
              "doc_id": "d1", "sentence": "The United States backs Turkey."}
    assert not curated(base, [action]).has_edge("united-states", "turkey", "supports")


def test_confirm_marks_the_edge_and_keeps_confidence(base):
    whole = {"op": "confirm", "subject": "russia", "relation": "opposes", "object": "turkey"}
    g = curated(base, [whole])
    edge = g.edges["russia", "turkey", "opposes"]
    assert edge["confirmed"] is True
    assert [ev["confidence"] for ev in edge["evidence"]] == [0.9, 0.7]
    one = dict(whole, sentence="Russia objects to Turkey.")
    evidence = curated(base, [one]).edges["russia", "turkey", "opposes"]["evidence"]
    marked = [ev.get("confirmed", False) for ev in evidence]
    assert marked == [False, True]
    assert "confirmed" not in base.edges["russia", "turkey", "opposes"]


def test_actions_on_missing_nodes_or_edges_are_skipped_and_reported(base):
    late = {"op": "rename", "id": "us", "label": "USA"}
    ghost = {"op": "reject", "subject": "turkey", "relation": "attacks", "object": "russia"}
    wrong_sentence = {"op": "reject", "subject": "russia", "relation": "opposes", "object": "turkey",
                      "sentence": "nope"}
    result = apply_curation(base, [MERGE, late, ghost, wrong_sentence, {"op": "explode"}, RENAME])
    assert [s.action for s in result.skipped] == [late, ghost, wrong_sentence, {"op": "explode"}]
    assert "'us'" in result.skipped[0].reason and "attacks" in result.skipped[1].reason
    assert result.graph.nodes["turkey"]["label"] == "Türkiye"  # later actions still apply


def test_apply_curation_leaves_its_input_unchanged(base):
    before = snapshot(base)
    log = [MERGE, RENAME, {"op": "confirm", "subject": "russia", "relation": "opposes", "object": "turkey",
                           "sentence": "Russia opposes Turkey."},
           {"op": "reject", "subject": "united-states", "relation": "criticizes", "object": "russia", "doc_id": "d2"}]
    g = curated(base, log)
    assert g is not base and snapshot(base) == before


def test_curation_reapplied_to_a_rebuilt_graph_gives_the_same_result(table):
    log = [MERGE, RENAME, UNDO, {"op": "rename", "id": "united-states", "label": "USA"},
           {"op": "reject", "subject": "russia", "relation": "opposes", "object": "turkey", "doc_id": "d3",
            "sentence": "Russia objects to Turkey."},
           {"op": "confirm", "subject": "united-states", "relation": "supports", "object": "turkey"}]
    first = curated(build_graph(extractions(), table=table), log)
    again = curated(build_graph(extractions(), table=table), json.loads(json.dumps(log)))
    assert snapshot(first) == snapshot(again)
    assert first.nodes["united-states"]["label"] == "USA" and first.nodes["turkey"]["label"] == "Turkey"
    assert first.edges["united-states", "turkey", "supports"]["confirmed"] is True


# --------------------------------------------------------------------------- the log view


def test_describe_reads_like_a_sentence():
    labels = {"us": "US", "united-states": "United States", "turkey": "Turkey", "russia": "Russia"}
    assert describe(MERGE, labels=labels) == "Merged 'US' into 'United States'"
    assert describe(MERGE) == "Merged 'us' into 'united-states'"
    assert describe(RENAME, labels=labels) == "Renamed 'Turkey' to 'Türkiye'"
    reject = {"op": "reject", "subject": "russia", "relation": "member_of", "object": "turkey"}
    assert describe(reject, labels=labels) == "Rejected 'Russia' member of 'Turkey'"
    line = describe({**reject, "op": "confirm", "sentence": "Russia joined " + "x" * 100}, labels=labels)
    assert line.startswith("Confirmed a sentence for 'Russia' member of 'Turkey': “Russia joined") and len(line) < 140
    assert describe(UNDO) == "Undid the last change"


def test_describe_log_pairs_lines_with_their_state():
    assert describe_log([MERGE, RENAME, UNDO]) == [("Merged 'us' into 'united-states'", True),
                                                   ("Renamed 'turkey' to 'Türkiye'", False)]


# --------------------------------------------------------------------------- seed graph


def test_seed_merge_leaves_no_trace_of_the_dropped_actor_and_undo_restores_it():
    from graph.export import from_node_link
    from graph.pipeline import build_seed_graph

    seed = from_node_link(build_seed_graph())
    merge = {"op": "merge", "keep": "united-states", "drop": "white-house"}
    assert seed.degree("white-house")
    result = apply_curation(seed, [merge])
    g = result.graph
    assert not result.skipped and "white-house" not in g and not list(nx.selfloop_edges(g))
    assert all("white-house" not in (s, t) for s, t in g.edges())
    assert g.degree("united-states") >= seed.degree("united-states")
    assert snapshot(curated(seed, [merge, UNDO])) == snapshot(seed)
