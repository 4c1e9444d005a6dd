"""Measure a graph against gold relations (recall) and a hand-judged audit (precision)."""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.actors import fold, load_actor_table, slugify
from graph.ontology import WEAK_RELATIONS

OUTCOMES = ("found", "other_type", "unlinked", "missing_entity")


@dataclass(frozen=True)
class GoldResult:
    """One gold row and what the graph made of it."""

    row: dict
    outcome: str


def read_jsonl(path) -> list[dict]:
    """Read a JSON-lines file, naming the file and line of any bad line."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}: line {n} is not valid JSON ({err.msg})") from None
    return rows


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip().lower()


def node_index(g: nx.MultiDiGraph) -> dict[str, str]:
    """Map folded names, labels and aliases of every node to its id."""
    index = {}
    for n, d in g.nodes(data=True):
        for name in [n, d.get("label", "")] + list(d.get("aliases", [])):
            index.setdefault(_norm(name), n)
    return index


def resolve_name(name: str, g: nx.MultiDiGraph, index: dict[str, str]) -> str | None:
    """The node a gold entity name refers to, if the graph has it."""
    if name in g:
        return name
    for candidate in (slugify(name), index.get(_norm(name))):
        if candidate in g:
            return candidate
    entity = load_actor_table().lookup(name)
    return entity.id if entity and entity.id in g else None


def _names(row: dict, side: str) -> list[str]:
    return [row[side]] + list(row.get(f"{side}_alt", []))


def judge_row(row: dict, g: nx.MultiDiGraph, index: dict[str, str]) -> str:
    """Classify one gold row: found, other_type, unlinked or missing_entity (DESIGN.md section 5)."""
    subjects = [n for n in (resolve_name(x, g, index) for x in _names(row, "subject")) if n]
    objects = [n for n in (resolve_name(x, g, index) for x in _names(row, "object")) if n]
    if not subjects or not objects:
        return "missing_entity"
    types = {row["relation"], *row.get("relation_alt", [])}
    phrase = _norm(row["evidence"])
    other = False
    for s in subjects:
        for o in objects:
            pairs = [(s, o), (o, s)] if row.get("symmetric") else [(s, o)]
            for a, b in pairs:
                for key, d in (g.get_edge_data(a, b) or {}).items():
                    grounded = any(phrase in _norm(ev["sentence"]) and ev.get("source") == row["doc"]
                                   for ev in d.get("evidence", []))
                    if grounded and key in types:
                        return "found"
                    if grounded and key not in WEAK_RELATIONS:
                        other = True
    return "other_type" if other else "unlinked"


def evaluate_gold(g: nx.MultiDiGraph, rows: list[dict]) -> list[GoldResult]:
    """Judge every gold row against the graph."""
    index = node_index(g)
    return [GoldResult(row, judge_row(row, g, index)) for row in rows]


def gold_table(results: list[GoldResult]) -> str:
    """A per-relation table of outcomes with core and overall recall."""
    by_type: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        by_type[r.row["relation"]][r.outcome] += 1
        by_type["ALL"][r.outcome] += 1
        if r.row.get("core"):
            by_type["CORE"][r.outcome] += 1
    lines = [f"{'relation':<12} {'rows':>4} {'found':>5} {'other':>5} {'unlinked':>8} {'missing':>7} {'recall':>7}"]
    for rel in sorted(k for k in by_type if k not in ("ALL", "CORE")) + ["CORE", "ALL"]:
        c = by_type[rel]
        n = sum(c.values())
        if n:
            lines.append(f"{rel:<12} {n:>4} {c['found']:>5} {c['other_type']:>5} {c['unlinked']:>8} "
                         f"{c['missing_entity']:>7} {c['found'] / n:>7.0%}")
    return "\n".join(lines)


def recall(results: list[GoldResult], *, core_only: bool = False) -> float:
    """Share of (core) gold rows found."""
    chosen = [r for r in results if r.row.get("core") or not core_only]
    return sum(r.outcome == "found" for r in chosen) / max(len(chosen), 1)


def typed_facts(g: nx.MultiDiGraph) -> list[dict]:
    """Every typed (non co-mention) edge's evidence sentence as an auditable fact."""
    facts = []
    for s, o, key, d in g.edges(keys=True, data=True):
        if key in WEAK_RELATIONS:
            continue
        for ev in d.get("evidence", []):
            facts.append({"doc": ev["source"], "subject": s, "relation": key, "object": o,
                          "sentence": ev["sentence"], "trigger": ev["trigger"], "negated": ev["negated"],
                          "modality": ev["modality"]})
    return facts


def _fact_key(fact: dict) -> tuple:
    return (fact["doc"], fact["subject"], fact["relation"], fact["object"], _norm(fact["sentence"]))


def audit(g: nx.MultiDiGraph, judged: list[dict]) -> tuple[int, int, list[dict]]:
    """Return (correct, judged, unjudged facts) for the graph's typed facts."""
    verdicts = {_fact_key(j): bool(j["correct"]) for j in judged}
    correct = total = 0
    unjudged = []
    for fact in typed_facts(g):
        verdict = verdicts.get(_fact_key(fact))
        if verdict is None:
            unjudged.append(fact)
        else:
            total += 1
            correct += verdict
    return correct, total, unjudged
