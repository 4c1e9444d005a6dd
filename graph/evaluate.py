"""Measure a graph against gold relations (recall) and a hand-judged audit (precision)."""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.actors import load_actor_table
from graph.names import fold, slugify
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
    """Every typed (non co-mention) edge's evidence sentence as an auditable fact.

    The facts carry what a reviewer needs to judge them (the actors' labels, the sentence and
    its flags) and nothing about how they were found.
    """
    facts = []
    for s, o, key, d in g.edges(keys=True, data=True):
        if key in WEAK_RELATIONS:
            continue
        for ev in d.get("evidence", []):
            facts.append({"doc": ev["source"], "subject": s, "relation": key, "object": o,
                          "subject_label": g.nodes[s].get("label", s), "object_label": g.nodes[o].get("label", o),
                          "sentence": ev["sentence"], "trigger": ev["trigger"], "negated": ev["negated"],
                          "modality": ev["modality"], "speaker": ev.get("speaker"), "item": ev.get("item")})
    return facts


def _fact_key(fact: dict) -> tuple:
    return (fact["doc"], fact["subject"], fact["relation"], fact["object"], _norm(fact["sentence"]))


def _flagged_key(fact: dict) -> tuple:
    """The fact with the flags a verdict judged: a changed flag needs a new verdict."""
    return _fact_key(fact) + (bool(fact.get("negated")), fact.get("modality", "asserted"))


@dataclass(frozen=True)
class AuditResult:
    """Verdicts matched to a graph's typed facts: per relation type, (correct, judged) counts
    per evidence sentence and per edge, and the facts that have no verdict yet."""

    sentences: dict[str, tuple[int, int]]
    edges: dict[str, tuple[int, int]]
    unjudged: list[dict]

    def precision(self, *, per: str = "sentences", relation: str = "ALL") -> float:
        """Share of judged sentences (or edges) that are correct, for one type or ALL."""
        correct, judged = getattr(self, per).get(relation, (0, 0))
        return correct / judged if judged else 0.0


def audit_graph(g: nx.MultiDiGraph, judged: list[dict]) -> AuditResult:
    """Match hand verdicts to the graph's typed facts.

    An edge (subject, type, object) counts as correct when at least one of its judged sentences
    is: the relation it draws is then true, whatever else its panel shows.
    """
    judged = [j for j in judged if j.get("correct") is not None]
    verdicts = {_fact_key(j): bool(j["correct"]) for j in judged if "modality" not in j}  # older audits: no flags
    verdicts.update({_flagged_key(j): bool(j["correct"]) for j in judged if "modality" in j})
    sentences: dict[str, Counter] = defaultdict(Counter)
    edges: dict[tuple, list[bool]] = defaultdict(list)
    unjudged = []
    for fact in typed_facts(g):
        verdict = verdicts.get(_flagged_key(fact), verdicts.get(_fact_key(fact)))
        if verdict is None:
            unjudged.append(fact)
            continue
        for rel in (fact["relation"], "ALL"):
            sentences[rel]["judged"] += 1
            sentences[rel]["correct"] += verdict
        edges[(fact["subject"], fact["relation"], fact["object"])].append(verdict)
    edge_counts: dict[str, Counter] = defaultdict(Counter)
    for (_, rel, _), marks in edges.items():
        for key in (rel, "ALL"):
            edge_counts[key]["judged"] += 1
            edge_counts[key]["correct"] += any(marks)
    return AuditResult(_pairs(sentences), _pairs(edge_counts), unjudged)


def _pairs(table: dict[str, Counter]) -> dict[str, tuple[int, int]]:
    return {k: (c["correct"], c["judged"]) for k, c in table.items()}


def _share(correct: int, judged: int) -> str:
    return f"{correct / judged:.0%}" if judged else "-"


def audit(g: nx.MultiDiGraph, judged: list[dict]) -> tuple[int, int, list[dict]]:
    """Return (correct, judged, unjudged facts) over every typed evidence sentence of the graph."""
    result = audit_graph(g, judged)
    correct, total = result.sentences.get("ALL", (0, 0))
    return correct, total, result.unjudged


def audit_table(result: AuditResult) -> str:
    """Per relation type: judged sentences and edges with their precision, and facts unjudged."""
    waiting = Counter(f["relation"] for f in result.unjudged)
    waiting["ALL"] = len(result.unjudged)
    lines = [f"{'relation':<12} {'sentences':>9} {'precision':>9} {'edges':>6} {'precision':>9} {'unjudged':>8}"]
    names = sorted(k for k in set(result.sentences) | set(waiting) if k != "ALL") + ["ALL"]
    for rel in names:
        sc, sn = result.sentences.get(rel, (0, 0))
        ec, en = result.edges.get(rel, (0, 0))
        lines.append(f"{rel:<12} {sn:>9} {_share(sc, sn):>9} {en:>6} {_share(ec, en):>9} {waiting.get(rel, 0):>8}")
    return "\n".join(lines)
