"""The "What's new" tab: relations first seen since a date, or since the reader's last visit, with their sentences."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from graph.novelty import NewRelation
from ui.panels import empty, evidence_item, relation_line

VISIT = "visit"  # the choice "since my last visit"
MAX_NEW = 50
MAX_SENTENCES = 3


def since_options(dates: Sequence[str], last_visit: str | None) -> list[dict]:
    """The choices of "new since": the reader's last visit (when there was one), then each article date, newest first."""
    visit = ([{"label": f"my last visit ({_moment(last_visit)})", "value": VISIT}] if last_visit
             else [{"label": "my last visit (this is the first)", "value": VISIT, "disabled": True}])
    return visit + [{"label": d, "value": d} for d in sorted(set(dates), reverse=True)]


def _moment(iso: str) -> str:
    """A browser timestamp as people read it: ``2026-12-01 17:40 UTC``."""
    return iso[:16].replace("T", " ") + " UTC" if "T" in iso else iso


def new_view(rows: Sequence[NewRelation], *, since: str | None, label: str,
             labels: Mapping[str, str], documents: Mapping[str, Mapping[str, Any]]) -> html.Div:
    """The list of what appeared: each new relation, when it was first seen, and its first sentences."""
    if not since:
        return empty("Choose a date, or your last visit, to see the relations that appeared since.")
    if not rows:
        return empty(f"Nothing new since {label}.")
    items = []
    for i, r in enumerate(rows[:MAX_NEW]):
        items.append(html.Li([
            html.Div(relation_line(r.source, r.relation, r.target, labels, slot=f"n{i}", link="open",
                                   note=html.Span(f"first seen {_moment(r.first)}", className="muted small")),
                     className="new-title"),
            html.Ul([evidence_item(ev, documents, slot=f"n{i}-{j}") for j, ev in enumerate(r.evidence[:MAX_SENTENCES])],
                    className="evidence-list"),
        ], className="new-relation"))
    more = len(rows) - MAX_NEW
    head = f"{len(rows)} relation{'s' if len(rows) != 1 else ''} new since {label}, highlighted on the canvas"
    return html.Div([html.P(head, className="muted small new-count"), html.Ul(items, className="new-relations"),
                     *([html.P(f"… and {more} more", className="muted small")] if more > 0 else [])])
