"""The Curation tab: the log of actions (kept, undone, skipped) and the actions its buttons and forms make."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from graph.curation import can_redo, can_undo, describe, history
from graph.ontology import WEAK_RELATIONS
from ui.elements import make_edge_id, parse_edge_id, relation_label
from ui.panels import _plural, _present


def curation_view(log: Sequence[Mapping[str, Any]], skipped: Sequence[Any], *, labels: Mapping[str, str],
                  writable: bool) -> html.Div:
    """Return the curation log: every edit with whether it is in force, and those that failed."""
    if not writable:
        return html.Div(html.P("This graph is read-only: curation is kept in a corpus store. "
                               "Start the explorer with --db to merge, rename, reject and confirm.",
                               className="muted"))
    entries = history(log)
    rows = [html.Li([
        html.Span(str(n), className="log-number"),
        html.Span(describe(action, labels=labels), className="log-text"),
        html.Span("in force" if active else "undone", className="badge " + ("badge-active" if active
                                                                            else "badge-undone")),
    ], className="log-entry" + ("" if active else " is-undone")) for n, (action, active) in enumerate(entries, 1)]
    return html.Div(_present([
        html.P(f"{_plural(len(entries), 'change')} kept with the corpus and applied on every rebuild"
               + (" · undo available" if can_undo(log) else "") + (" · redo available" if can_redo(log) else "")
               + ".", className="muted small"),
        html.Ol(rows, className="curation-entries") if rows
        else html.P("No changes yet: merge, rename, reject or confirm from the panels.", className="muted"),
        html.H3("Could not be applied", className="section-title") if skipped else None,
        html.Ul([html.Li([describe(s.action, labels=labels), " — ", s.reason], className="log-entry is-skipped")
                 for s in skipped], className="curation-entries") if skipped else None,
    ]))


def curation_action(op: str, target: str, *, value: Any = None) -> dict | None:
    """Turn a panel button into a curation action for `graph.curation` (None when incomplete).

    Args:
        op: ``rename``, ``reject``, ``confirm`` or ``reject-sentence``.
        target: A node id (rename), an edge id (reject, confirm), or an edge id, document id
            and sentence start joined by ``@`` (reject-sentence).
        value: The new name (rename); the sentence's text (reject-sentence).
    """
    if op == "rename":
        label = str(value or "").strip()
        return {"op": "rename", "id": target, "label": label} if label else None
    if op == "reject-sentence":  # target: "<edge id>@<doc id>@<start>", value: the sentence's text
        edge, _, rest = target.partition("@")
        doc_id = rest.partition("@")[0]
        parts = parse_edge_id(edge)
        if not parts or not doc_id or not isinstance(value, str) or not value:
            return None
        return {"op": "reject", "subject": parts[0], "relation": parts[1], "object": parts[2], "doc_id": doc_id,
                "sentence": value}
    if op in ("reject", "confirm"):
        parts = parse_edge_id(target)
        if not parts:
            return None
        return {"op": op, "subject": parts[0], "relation": parts[1], "object": parts[2]}
    return None


def merge_action(keep: Any, drop: Any) -> dict | None:
    """Return a merge action, or None unless two different actors are chosen."""
    if not keep or not drop or keep == drop or not isinstance(keep, str) or not isinstance(drop, str):
        return None
    return {"op": "merge", "keep": keep, "drop": drop}


def next_relation(g: Any, gone: str, labels: Mapping[str, str]) -> tuple[str, str] | None:
    """After a relation is rejected: the strongest typed relation left around either of its actors, as (id, text)."""
    parts = parse_edge_id(gone)
    if not parts:
        return None
    best = None
    for node in (parts[0], parts[2]):
        if node not in g:
            continue
        for s, t, k, d in list(g.out_edges(node, keys=True, data=True)) + list(g.in_edges(node, keys=True, data=True)):
            relation = d.get("relation", k)
            if relation in WEAK_RELATIONS:
                continue
            key = (int(d.get("weight") or 0), s, relation, t)
            if best is None or key > best:
                best = key
    if best is None:
        return None
    _, s, relation, t = best
    return make_edge_id(s, relation, t), f"{labels.get(s, s)} {relation_label(relation)} {labels.get(t, t)}"
