"""The answer to "how is A connected to B?": each path, each hop with its best sentence and what it rests on."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
from dash import html

from graph.ontology import WEAK_RELATIONS
from graph.query import FORWARD
from ui.elements import make_edge_id
from ui.panels import Documents, _link, _plural, edge_link, evidence_item, mark_key, relation_chip


def hop_warnings(hop: Any) -> list:
    """Badges saying what a hop rests on: one source, sentences that deny it, sentences that only suppose it."""
    out = []
    if hop.evidence and hop.articles == 1:
        out.append(html.Span("one source", className="badge badge-single", title="read from a single article"))
    if hop.negated:
        out.append(html.Span(f"{hop.negated} negated", className="badge badge-negated",
                             title="sentences that say this relation does not hold"))
    if hop.speculative:
        out.append(html.Span(f"{hop.speculative} future/hypothetical", className="badge badge-hypothetical",
                             title="sentences that only foresee or suppose this relation"))
    return out


def path_panel(g: nx.MultiDiGraph, source: str, target: str, paths: Sequence[Sequence[Any]], *,
               documents: Documents, labels: Mapping[str, str], everything: bool = False) -> html.Div:
    """Return the answer to "how is A connected to B?": each path, each hop with its best sentence.

    Each hop says how many sentences hold it and when it rests on one source, a negated
    sentence or a hypothetical one; `everything` says the counting toggle is on.
    """
    name_a, name_b = labels.get(source, source), labels.get(target, target)
    title = html.H2(f"How is {name_a} connected to {name_b}?", className="panel-title")
    if source == target:
        return html.Div([title, html.P("Pick two different actors.", className="muted")],
                        className="dossier path-panel")
    if not paths:
        return html.Div([title, html.P("No path between them over the relation types, dates and minimum "
                                       "articles chosen. Tick more relation types or widen the dates.",
                                       className="muted")], className="dossier path-panel")
    blocks = []
    for n, path in enumerate(paths, 1):
        hops = []
        for i, hop in enumerate(path):
            s, t = (hop.source, hop.target) if hop.direction == FORWARD else (hop.target, hop.source)
            eid = make_edge_id(s, hop.relation, t)
            arrow = "→" if hop.direction == FORWARD else "←"
            hops.append(html.Li([
                html.Div([
                    _link(g, hop.source, f"p{n}h{i}a"),
                    html.Span([f" {arrow} ", relation_chip(hop.relation), f" {arrow} "], className="hop-relation"),
                    _link(g, hop.target, f"p{n}h{i}b"),
                    html.Span(f"{hop.strength}×", className="count", title="sentences that count"),
                    *hop_warnings(hop),
                    edge_link(eid, "all evidence ›", slot=f"p{n}h{i}"),
                ], className="hop-head"),
                html.Ul([evidence_item(hop.evidence, documents, slot=f"p{n}h{i}",
                                       weak=hop.relation in WEAK_RELATIONS)], className="evidence-list")
                if hop.evidence else html.P("No sentence: from the actor table.", className="muted small"),
            ], className="hop"))
        blocks.append(html.Section([
            html.H3(f"Path {n} · {_plural(len(path), 'hop')}", className="section-title"),
            html.Ol(hops, className="hops"),
        ], className="path", **{"data-path": str(n)}))
    counted = ("every sentence counts, negated and hypothetical ones too" if everything else
               "a relation counts only where the text asserts or reports it")
    return html.Div([title, html.P(f"{_plural(len(paths), 'shortest path')} over the relation types ticked, "
                                   f"best attested first; {counted}. Each hop shows its best sentence.",
                                   className="muted small"),
                     mark_key(), *blocks], className="dossier path-panel")
