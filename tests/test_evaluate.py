"""Audit scoring: precision per evidence sentence and per edge, verdicts keyed by the flags they saw."""
from __future__ import annotations

import json
from dataclasses import replace

from cli.main import main
from graph.build import build_graph
from graph.evaluate import audit_graph, typed_facts
from tests.helpers import turkey_criticizes_russia, write_file


def _graph(*extractions):
    return build_graph(list(extractions))


def _verdict(fact: dict, correct: bool) -> dict:
    return {**fact, "correct": correct}


def test_an_edge_counts_as_right_when_one_of_its_judged_sentences_is():
    g = _graph(turkey_criticizes_russia("a", "A", "over Syria"), turkey_criticizes_russia("b", "B", "again"))
    first, second = sorted(typed_facts(g), key=lambda f: f["doc"])
    result = audit_graph(g, [_verdict(first, True), _verdict(second, False)])
    assert result.sentences["ALL"] == (1, 2) and result.precision() == 0.5
    assert result.edges["ALL"] == (1, 1) and result.precision(per="edges") == 1.0
    assert result.sentences["criticizes"] == (1, 2) and result.unjudged == []


def test_a_sentence_shown_with_other_flags_needs_a_new_verdict():
    x = turkey_criticizes_russia("a", "A", "over Syria")
    (fact,) = typed_facts(_graph(x))
    judged = [_verdict(fact, True)]
    rel = x.relations[0]
    negated = replace(x, relations=(replace(rel, evidence=replace(rel.evidence, negated=True)),))
    result = audit_graph(_graph(negated), judged)
    assert result.sentences == {} and len(result.unjudged) == 1 and result.unjudged[0]["negated"] is True


def test_an_audit_without_flags_still_matches_by_sentence():
    g = _graph(turkey_criticizes_russia("a", "A", "over Syria"))
    (fact,) = typed_facts(g)
    old_style = {k: fact[k] for k in ("doc", "subject", "relation", "object", "sentence")} | {"correct": True}
    assert audit_graph(g, [old_style]).sentences["ALL"] == (1, 1)


def test_eval_writes_the_unjudged_sentences_for_a_reviewer(tmp_path, capsys):
    write_file(tmp_path / "news" / "a.txt", "Japan criticized China over the drills on Monday.")
    out = tmp_path / "to-judge.jsonl"
    assert main(["eval", str(tmp_path / "news"), "--unjudged", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["subject"], r["relation"], r["object"], r["correct"]) for r in rows] == [
        ("japan", "criticizes", "china", None)]
    assert rows[0]["subject_label"] == "Japan" and rows[0]["modality"] == "asserted"
    assert "1 typed evidence sentences without a verdict" in capsys.readouterr().out
