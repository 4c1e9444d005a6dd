"""Curation: a person's corrections to the graph, kept as an append-only log with undo and redo.

An action is a plain JSON-serialisable dict:

- `{"op": "merge", "keep": id, "drop": id}`: `drop` is the same actor as `keep`;
- `{"op": "rename", "id": id, "label": str}`: a better display name (the id stays);
- `{"op": "reject", "subject": id, "relation": type, "object": id}`: the edge is wrong;
  with `"doc_id"` and/or `"sentence"` only the matching evidence is wrong;
- `{"op": "confirm", ...same fields as reject...}`: the edge (or that sentence) is right;
- `{"op": "undo"}` / `{"op": "redo"}`: log control, resolved by `effective_actions`.

The log only grows; `effective_actions` reads it into the actions in force, and
`apply_curation` replays those, in order, on a freshly built graph every time the graph is
rebuilt. So an action refers to the graph as it stood when it was made, and the same log
on the same extractions always gives the same graph.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.aggregates import month_totals
from graph.agreement import annotate
from graph.rules import doc_dates, edge_totals
from graph.lazy import StoredEvidence, pooled

EDIT_OPS = ("merge", "rename", "reject", "confirm")
CONTROL_OPS = ("undo", "redo")
_EDGE_FIELDS = ("subject", "relation", "object")


@dataclass(frozen=True)
class Skipped:
    """An action that could not be applied, and why (its node or edge no longer exists...)."""

    action: dict
    reason: str


@dataclass(frozen=True)
class CurationResult:
    """The curated graph and the actions that were skipped on the way."""

    graph: nx.MultiDiGraph
    skipped: tuple[Skipped, ...] = ()


# --------------------------------------------------------------------------- the log


def _replay(log: Iterable[Mapping]) -> tuple[list[dict], list[dict]]:
    """Walk the log: return the actions in force and the undone ones (most recent last)."""
    active: list[dict] = []
    undone: list[dict] = []
    for entry in log:
        op = entry.get("op") if isinstance(entry, Mapping) else None
        if op == "undo":
            if active:
                undone.append(active.pop())
        elif op == "redo":
            if undone:
                active.append(undone.pop())
        else:
            active.append(dict(entry) if isinstance(entry, Mapping) else entry)
            undone.clear()
    return active, undone


def effective_actions(log: Iterable[Mapping]) -> list[dict]:
    """Return the actions in force after resolving undo and redo entries, oldest first.

    Undo takes back the latest action still in force; redo restores the latest undone one;
    any new action after an undo makes the undone ones unrecoverable (a new branch).
    Undo or redo with nothing to act on does nothing.
    """
    return _replay(log)[0]


def history(log: Iterable[Mapping]) -> list[tuple[dict, bool]]:
    """Return the edits of the log with whether each is in force, for the log view.

    Actions in force come first, oldest first; then the undone ones a redo can bring back,
    the next to come back first. Control entries, and edits dropped by a new action after
    an undo (they can never return), are left out.
    """
    active, undone = _replay(log)
    return [(a, True) for a in active] + [(a, False) for a in reversed(undone)]


def can_undo(log: Iterable[Mapping]) -> bool:
    """Whether an undo would take back an action."""
    return bool(_replay(log)[0])


def can_redo(log: Iterable[Mapping]) -> bool:
    """Whether a redo would restore an action."""
    return bool(_replay(log)[1])


MAX_LABEL = 200  # characters of a name given by hand: longer ones would weigh on every page load
MAX_FIELD = 2_000  # characters of any other field (ids, sentences)


def problem(action: Any) -> str | None:
    """Return what is wrong with the shape of an action, or None when it is well-formed.

    Only the shape is checked (op, required fields, their types), not whether the nodes and
    edges it names exist: that depends on the graph it is applied to.
    """
    if not isinstance(action, Mapping):
        return f"an action must be a dict, not {type(action).__name__}"
    op = action.get("op")
    if op in CONTROL_OPS:
        return None
    if op not in EDIT_OPS:
        return f"unknown op {op!r}; expected one of {', '.join(EDIT_OPS + CONTROL_OPS)}"
    fields = {"merge": ("keep", "drop"), "rename": ("id", "label")}.get(op, _EDGE_FIELDS)
    missing = [f for f in fields if not isinstance(action.get(f), str) or not action.get(f).strip()]
    if missing:
        return f"{op} needs {', '.join(repr(f) for f in missing)} (non-empty strings)"
    if op == "rename" and len(action["label"]) > MAX_LABEL:
        return f"a name is at most {MAX_LABEL} characters (this one has {len(action['label']):,})"
    if any(isinstance(v, str) and len(v) > MAX_FIELD for v in action.values()):
        return f"{op} fields are at most {MAX_FIELD:,} characters"
    if op == "merge" and action["keep"] == action["drop"]:
        return f"cannot merge {action['keep']!r} into itself"
    for f in ("doc_id", "sentence"):
        if f in action and not isinstance(action[f], str):
            return f"{op} field {f!r} must be a string"
    try:
        json.dumps(action)
    except (TypeError, ValueError) as exc:
        return f"an action must be JSON-serialisable: {exc}"
    return None


# --------------------------------------------------------------------------- applying


def _copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose node and edge attribute dicts are its own (values are replaced, never changed)."""
    out = nx.MultiDiGraph()
    out.graph.update(g.graph)
    out.add_nodes_from((n, dict(d)) for n, d in g.nodes(data=True))
    out.add_edges_from((s, t, k, dict(d)) for s, t, k, d in g.edges(keys=True, data=True))
    return out


def apply_curation(g: nx.MultiDiGraph, actions: Iterable[Mapping]) -> CurationResult:
    """Apply curation actions in order to a copy of the graph.

    `actions` may be the raw log: undo and redo entries are resolved first. An action that
    is malformed, or names a node or edge the graph (as curated so far) does not have, is
    skipped and reported; the rest still apply. `g` is not changed.

    Returns:
        The curated graph and the skipped actions with their reasons.
    """
    out = _copy(g)
    dates = doc_dates(g)
    skipped: list[Skipped] = []
    for action in effective_actions(actions):
        reason = problem(action) or _APPLY[action["op"]](out, action, dates)
        if reason:
            skipped.append(Skipped(action=action, reason=reason))
    return CurationResult(graph=annotate(out), skipped=tuple(skipped))


def _missing_node(g: nx.MultiDiGraph, *nodes: str) -> str | None:
    for node in nodes:
        if node not in g:
            return f"no actor {node!r} (merged away or not in this graph)"
    return None


def _combine(a: Mapping, b: Mapping, dates: Mapping[str, str | None]) -> dict:
    """One edge from two of the same type between the same ends: evidence pooled, totals recounted.

    Two edges whose sentences stay in the store become one view of both (`graph.lazy`); their
    sentences are read once here, to count the pooled ones exactly.
    """
    attrs = dict(a)
    first, second = a.get("evidence") or (), b.get("evidence") or ()
    evidence = pooled(first, second)
    if isinstance(first, StoredEvidence) and isinstance(second, StoredEvidence):
        attrs["evidence"] = first.joined(second, month_totals(evidence, dates))
        attrs.update(attrs["evidence"].totals())
    elif evidence:
        attrs["evidence"] = evidence
        attrs.update(edge_totals(evidence, dates))
    if a.get("confirmed") or b.get("confirmed"):
        attrs["confirmed"] = True
    return attrs


def _merge(g: nx.MultiDiGraph, action: Mapping, dates: Mapping[str, str | None]) -> str | None:
    keep, drop = action["keep"], action["drop"]
    if reason := _missing_node(g, keep, drop):
        return reason
    kd, dd = g.nodes[keep], g.nodes[drop]
    aliases = set(kd.get("aliases") or ()) | set(dd.get("aliases") or ())
    if dd.get("label") and dd.get("label") != kd.get("label"):
        aliases.add(dd["label"])  # the old name must still find the actor
    resolved = dict(kd.get("resolved_by") or {})
    for how, n in (dd.get("resolved_by") or {}).items():
        resolved[how] = resolved.get(how, 0) + n
    attrs = dict(kd)
    articles = set(kd.get("articles") or ()) | set(dd.get("articles") or ())
    attrs.update(aliases=sorted(aliases), articles=sorted(articles),
                 mentions=(kd.get("mentions") or 0) + (dd.get("mentions") or 0),
                 merged=sorted(set(kd.get("merged") or ()) | set(dd.get("merged") or ()) | {drop}))
    if "resolved_by" in kd or "resolved_by" in dd:
        attrs["resolved_by"] = dict(sorted(resolved.items()))
    moved = list(g.out_edges(drop, keys=True, data=True)) + list(g.in_edges(drop, keys=True, data=True))
    g.remove_node(drop)
    g.nodes[keep].clear()
    g.nodes[keep].update(attrs)
    for node, parent in list(g.nodes(data="part_of")):
        if parent == drop:  # agencies of the dropped actor now belong to the kept one
            g.nodes[node]["part_of"] = keep if node != keep else None
    for s, t, k, d in moved:
        s, t = (keep if s == drop else s), (keep if t == drop else t)
        if s == t:  # an edge between the two halves of one actor says nothing
            continue
        if g.has_edge(s, t, k):
            combined = _combine(g.edges[s, t, k], d, dates)
            g.edges[s, t, k].clear()
            g.edges[s, t, k].update(combined)
        else:
            g.add_edge(s, t, key=k, **d)
    return None


def _rename(g: nx.MultiDiGraph, action: Mapping, dates: Mapping[str, str | None]) -> str | None:
    node, label = action["id"], action["label"].strip()
    if reason := _missing_node(g, node):
        return reason
    old = g.nodes[node].get("label")
    if old and old != label and old not in (g.nodes[node].get("aliases") or ()):
        g.nodes[node]["aliases"] = sorted([*(g.nodes[node].get("aliases") or ()), old])
    g.nodes[node]["label"] = label
    return None


def _target(g: nx.MultiDiGraph, action: Mapping) -> tuple[tuple[str, str, str] | None, str | None]:
    """The edge an action names, or the reason it cannot be found."""
    s, rel, o = (action[f] for f in _EDGE_FIELDS)
    if reason := _missing_node(g, s, o):
        return None, reason
    if not g.has_edge(s, o, rel):
        return None, f"no {rel} edge from {s!r} to {o!r}"
    return (s, o, rel), None


def _matches(action: Mapping):
    """Predicate on evidence for an action aimed at some sentences, or None for the whole edge."""
    wanted = {f: action[f] for f in ("doc_id", "sentence") if action.get(f) is not None}
    if not wanted:
        return None
    return lambda ev: all(ev.get(f) == v for f, v in wanted.items())


def _reject(g: nx.MultiDiGraph, action: Mapping, dates: Mapping[str, str | None]) -> str | None:
    edge, reason = _target(g, action)
    if reason:
        return reason
    match = _matches(action)
    if match is None:
        g.remove_edge(*edge)
        return None
    attrs = g.edges[edge]
    evidence = list(attrs.get("evidence") or [])
    kept = [ev for ev in evidence if not match(ev)]
    if len(kept) == len(evidence):
        return f"no such sentence in the evidence of {edge[0]!r} {edge[2]} {edge[1]!r}"
    if not kept:
        g.remove_edge(*edge)
        return None
    if isinstance(attrs["evidence"], StoredEvidence):
        attrs["evidence"] = attrs["evidence"].without(match, month_totals(kept, dates))
    else:
        attrs["evidence"] = kept
    attrs.update(edge_totals(kept, dates))
    return None


def _confirm(g: nx.MultiDiGraph, action: Mapping, dates: Mapping[str, str | None]) -> str | None:
    edge, reason = _target(g, action)
    if reason:
        return reason
    attrs = g.edges[edge]
    match = _matches(action)
    if match is not None:
        evidence = attrs.get("evidence") or []
        if not any(match(ev) for ev in evidence):
            return f"no such sentence in the evidence of {edge[0]!r} {edge[2]} {edge[1]!r}"
        if isinstance(evidence, StoredEvidence):
            attrs["evidence"] = evidence.marking(match)
        else:  # new dicts: the evidence dicts are shared with the input graph
            attrs["evidence"] = [{**ev, "confirmed": True} if match(ev) else ev for ev in evidence]
    attrs["confirmed"] = True
    return None


_APPLY = {"merge": _merge, "rename": _rename, "reject": _reject, "confirm": _confirm}


# --------------------------------------------------------------------------- the log view


def describe(action: Mapping, *, labels: Mapping[str, str] | None = None) -> str:
    """Return one human-readable line for a log entry ("Merged 'US' into 'United States'").

    Args:
        action: A log entry.
        labels: id -> display label, best taken from the graph before curation (a merged
            actor has left the curated one); ids without a label are shown as they are.
    """
    labels = labels or {}

    def name(node: Any) -> str:
        return repr(str(labels.get(node, node)))

    if not isinstance(action, Mapping):
        return f"Unreadable entry {action!r}"
    op = action.get("op")
    if op == "undo":
        return "Undid the last change"
    if op == "redo":
        return "Redid the last undone change"
    if op == "merge":
        return f"Merged {name(action.get('drop'))} into {name(action.get('keep'))}"
    if op == "rename":
        return f"Renamed {name(action.get('id'))} to {str(action.get('label', '')).strip()!r}"
    if op in ("reject", "confirm"):
        verb = "Rejected" if op == "reject" else "Confirmed"
        edge = (f"{name(action.get('subject'))} {str(action.get('relation', '?')).replace('_', ' ')} "
                f"{name(action.get('object'))}")
        sentence = action.get("sentence")
        if sentence:
            short = sentence if len(sentence) <= 80 else sentence[:77].rstrip() + "..."
            return f"{verb} a sentence for {edge}: \u201c{short}\u201d"
        if action.get("doc_id"):
            return f"{verb} the evidence of article {action['doc_id']} for {edge}"
        return f"{verb} {edge}"
    return f"Unknown action {op!r}"


def describe_log(log: Sequence[Mapping], *, labels: Mapping[str, str] | None = None) -> list[tuple[str, bool]]:
    """Return `(line, in_force)` for every edit of the log, for the log view (see `history`)."""
    return [(describe(action, labels=labels), active) for action, active in history(log)]


def merged_into(actions: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Map every actor merged away to the actor it lives on in (merges of merges followed)."""
    parent: dict[str, str] = {}
    for action in actions:
        if action.get("op") == "merge" and isinstance(action.get("keep"), str) and isinstance(action.get("drop"), str):
            parent[action["drop"]] = action["keep"]
    out = {}
    for drop in parent:
        seen, node = {drop}, parent[drop]
        while node in parent and node not in seen:
            seen.add(node)
            node = parent[node]
        out[drop] = node
    return out


# --------------------------------------------------------------------------- the source
