"""The Disputes tab: contested relations, the most serious first, each with its two sides side by side."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from graph.agreement import DENIED, SPEAKERS, STANCE, Dispute, Side
from ui.panels import empty, evidence_item, node_link, relation_chip, relation_line

MAX_DISPUTES = 40  # cards drawn at once; the count says how many there are
MAX_SENTENCES = 6  # per side; the relation's dossier has them all

KIND_TEXT = {DENIED: "asserted and denied", SPEAKERS: "each side's speaker tells it differently",
             STANCE: "cooperation and conflict, from different outlets"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _side(side: Side, documents: Mapping[str, Mapping[str, Any]], slot: str) -> html.Div:
    shown = sorted(side.evidence, key=lambda ev: (str((documents.get(ev.get("doc_id")) or {}).get("date") or ""),
                                                  int(ev.get("start") or 0)))
    more = len(shown) - MAX_SENTENCES
    return html.Div([
        html.H4([html.Span(side.label, className=f"side-label side-{side.label}"),
                 html.Span(f" · {_plural(len(side.outlets), 'outlet')}", className="muted small")],
                className="side-title", title=", ".join(side.outlets)),
        html.P(", ".join(side.outlets), className="side-outlets small"),
        html.Ul([evidence_item(ev, documents, slot=f"{slot}-{i}") for i, ev in enumerate(shown[:MAX_SENTENCES])],
                className="evidence-list"),
        *([html.P(f"… and {more} more in the relation's dossier", className="muted small")] if more > 0 else []),
    ], className="dispute-side")


def _heading(x: Dispute, labels: Mapping[str, str], slot: str) -> list:
    if x.kind == STANCE:
        chips = [html.Span([relation_chip(rel), " "], className="dispute-rel") for _, _, rel in x.edges]
        return [node_link(x.source, labels.get(x.source, x.source), slot=f"{slot}-s"), " ↔ ",
                node_link(x.target, labels.get(x.target, x.target), slot=f"{slot}-t"), " ", *chips,
                html.Span(f"in {x.month}", className="muted small")]
    s, t, rel = x.edges[0]
    return relation_line(s, rel, t, labels, slot=f"{slot}-", link="open the relation")


def dispute_card(x: Dispute, *, labels: Mapping[str, str], documents: Mapping[str, Mapping[str, Any]],
                 slot: str) -> html.Article:
    """One dispute: what is contested, how, by how many outlets on each side, and the sentences of each."""
    a, b = x.sides
    return html.Article([
        html.Header([html.Div(_heading(x, labels, slot), className="dispute-title"),
                     html.Div([html.Span(KIND_TEXT[x.kind], className="badge badge-contested"),
                               html.Span(f"{len(a.outlets)} vs {len(b.outlets)} outlets", className="muted small")],
                              className="dispute-meta")]),
        html.Div([_side(a, documents, f"{slot}-a"), _side(b, documents, f"{slot}-b")], className="dispute-sides"),
    ], className="dispute")


def disputes_view(disputes: Sequence[Dispute], *, labels: Mapping[str, str],
                  documents: Mapping[str, Mapping[str, Any]]) -> html.Div:
    """The Disputes tab: a count, then a card per dispute (the first :data:`MAX_DISPUTES`)."""
    if not disputes:
        return empty("No contested relations with the current filters: where sources report a relation, "
                     "they agree.")
    shown = disputes[:MAX_DISPUTES]
    head = (f"{_plural(len(disputes), 'dispute')}, ranked by the outlets on the weaker side"
            + (f"; the first {len(shown)} shown" if len(shown) < len(disputes) else ""))
    return html.Div([html.P(head, className="muted small disputes-count"),
                     *[dispute_card(x, labels=labels, documents=documents, slot=f"d{i}")
                       for i, x in enumerate(shown)]], className="disputes")
