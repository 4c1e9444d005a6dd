"""Extraction on real news it was not written against: recall against blind gold, precision
against blind audits, on the development and the held-out test split of tests/data/news/.

The gold was written from the articles and docs/annotation.md alone, before the extractor's
output on them was seen; the test split is measured, never read for misses. The floors sit a
little under what the extractor reaches, so a change that loses ground fails here.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.evaluate import audit_graph, evaluate_gold, read_jsonl, recall
from graph.pipeline import read_and_build

NEWS = Path(__file__).resolve().parent / "data" / "news"
# Floors a little under what the extractor reaches (README, "The blind news corpus"): the issue's
# targets (recall 0.60, precision 0.85 on test) are not met yet; these catch any loss of ground.
# split -> (recall, evidence precision, edge precision, the weakest type's precision among types
# with at least 10 judged sentences)
FLOORS = {"dev": (0.36, 0.85, 0.84, 0.62), "test": (0.32, 0.69, 0.69, 0.25)}
MIN_JUDGED = 0.9  # share of typed evidence sentences the audit has a verdict for


@pytest.fixture(scope="module", params=sorted(FLOORS))
def split(request):
    g, errors, _ = read_and_build([NEWS / request.param])
    assert not errors
    return request.param, g


def test_corpus_is_big_and_varied_enough():
    docs = [p for s in FLOORS for p in (NEWS / s).glob("*.txt")]
    gold = [r for s in FLOORS for r in read_jsonl(NEWS / "gold" / f"{s}.jsonl")]
    assert len(docs) >= 40 and len(gold) >= 300
    assert {r["doc"] for r in gold} == {p.name for p in docs}


def test_grounded_recall_floor(split):
    name, g = split
    results = evaluate_gold(g, read_jsonl(NEWS / "gold" / f"{name}.jsonl"))
    assert recall(results) >= FLOORS[name][0]


def test_evidence_and_edge_precision_floors(split):
    name, g = split
    result = audit_graph(g, read_jsonl(NEWS / "audit" / f"{name}.jsonl"))
    judged = result.sentences["ALL"][1]
    assert judged / (judged + len(result.unjudged)) >= MIN_JUDGED
    assert result.precision(per="sentences") >= FLOORS[name][1]
    assert result.precision(per="edges") >= FLOORS[name][2]
    for rel, (correct, n) in result.sentences.items():
        if n >= 10:
            assert correct / n >= FLOORS[name][3], f"{rel}: {correct}/{n}"
