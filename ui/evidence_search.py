"""The full-text search over every evidence sentence: the box, and its hits as links to their relations."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from ui import ids
from ui.elements import make_edge_id, relation_label
from ui.evidence import highlighted_sentence

MAX_HITS = 20


def search_box() -> html.Div:
    """The sidebar's search over the sentences ("which sentences mention the ceasefire?")."""
    return html.Div([
        html.Label("Words every sentence must hold", htmlFor=ids.EVIDENCE_SEARCH, className="sr-only"),
        dcc.Input(id=ids.EVIDENCE_SEARCH, type="search", placeholder="Search the evidence, e.g. ceasefire",
                  debounce=True, className="text-input wide", maxLength=200, autoComplete="off"),
        dcc.Store(id=ids.EVIDENCE_ASKED, data=""),
        html.Div(id=ids.EVIDENCE_HITS, className="evidence-hits", role="region", **{"aria-live": "polite",
                                                                                   "aria-label": "Evidence found"}),
    ], className="evidence-search")


def search_hits(hits: Sequence[Any], total: int, query: str, labels: Mapping[str, str],
                documents: Mapping[str, Mapping[str, Any]]) -> list:
    """The hits of a search: each sentence under a link that opens the relation it backs."""
    if not (query or "").strip():
        return []
    if not hits:
        return [html.P(f"No sentence holds “{query.strip()}” with the current filters.", className="muted small")]
    items = []
    for i, hit in enumerate(hits):
        eid = make_edge_id(hit.source, hit.relation, hit.target)
        doc = documents.get(str(hit.evidence.get("doc_id"))) or {}
        where = " · ".join(str(x) for x in (doc.get("outlet"), doc.get("date")) if x)
        items.append(html.Li([
            html.Button(f"{labels.get(hit.source, hit.source)} {relation_label(hit.relation)} "
                        f"{labels.get(hit.target, hit.target)}",
                        id={"type": ids.EDGE_LINK, "edge": eid, "slot": f"hit{i}"}, n_clicks=0,
                        className="link edge-link hit-relation", title="Open this relation"),
            html.P(highlighted_sentence(hit.evidence), className="evidence-sentence"),
            html.Span(where, className="doc-details") if where else None,
        ], className="hit"))
    more = total - len(hits)
    return [html.P(f"{total:,} sentence{'' if total == 1 else 's'}" + (f", the first {len(hits)} shown" if more else ""),
                   className="muted small"), html.Ul(items, className="plain-list hits")]
