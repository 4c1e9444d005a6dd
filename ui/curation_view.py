"""The Curation tab: the log of actions (kept, undone, skipped) and the actions its buttons and forms make."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from graph.curation import can_redo, can_undo, describe, history
from ui.elements import parse_edge_id
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
        op: ``rename``, ``reject`` or ``confirm``.
        target: A node id (rename) or an edge id (reject, confirm).
        value: The new name, for rename.
    """
    if op == "rename":
        label = str(value or "").strip()
        return {"op": "rename", "id": target, "label": label} if label else None
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
