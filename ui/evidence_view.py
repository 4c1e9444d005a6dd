"""A list of evidence a page at a time: the first :data:`graph.pages.PAGE_SIZE` sentences, then "more",
with controls to sort it and filter it by outlet and flag.

Each list is named (its relation's edge id, or a pair's id); what the reader chose for it
(how many shown, order, outlet, flag) lives in the page's evidence-pages store under that name.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dash import dcc

from graph.sentence_list import StoredSentences
from graph.pages import PAGE_SIZE, evidence_page, outlets_of
from ui import ids
from ui.plain import html  # static elements, made cheaply

ORDER_LABELS = (("oldest", "Oldest first"), ("newest", "Newest first"), ("outlet", "By outlet"),
                ("confidence", "Most confident first"))
FLAG_LABELS = (("holds", "Asserted or reported"), ("negated", "Negated"), ("reported", "Reported"),
               ("speculative", "Future or hypothetical"))
CONTROLS_FROM = 4  # shorter lists need no sorting or filtering
LONG_LIST = 2000  # a list kept in the store with more sentences is read only once the reader opens it


def list_state(pages: Mapping[str, Any] | None, name: str) -> dict:
    """What the reader chose for one list: sentences shown, order, outlet, flag (defaults when nothing)."""
    state = (pages or {}).get(name) if isinstance(pages, Mapping) else None
    state = state if isinstance(state, Mapping) else {}
    shown = state.get("shown")
    return {"shown": shown if isinstance(shown, int) and shown > 0 else PAGE_SIZE,
            "order": state.get("order") if isinstance(state.get("order"), str) else "oldest",
            "outlet": state.get("outlet") if isinstance(state.get("outlet"), str) else None,
            "flag": state.get("flag") if isinstance(state.get("flag"), str) else None}


def _control(name: str, field: str, label: str, options: Sequence[tuple[str, str]], value: str | None,
             placeholder: str) -> html.Label:
    return html.Label([html.Span(label, className="control-label"), dcc.Dropdown(
        id={"type": ids.EVIDENCE_ORDER, "list": name, "field": field}, value=value, placeholder=placeholder,
        options=[{"label": text, "value": v} for v, text in options], clearable=field != "order",
        searchable=False, className="evidence-control")], className="control")


def paged_evidence(name: str, evidence: Sequence[Mapping[str, Any]], documents: Mapping[str, Mapping[str, Any]],
                   pages: Mapping[str, Any] | None, *, item: Callable[[Mapping[str, Any], str], Any],
                   at_once: bool = False) -> html.Div:
    """Return one list of evidence as the reader chose to see it, with its controls and "more".

    Args:
        name: Names the list (an edge id, a pair id).
        evidence: Every sentence of the list (a `graph.sentence_list.StoredSentences` is read a page at a time).
        documents: Article metadata (dates and outlets, for sorting and filtering).
        pages: The evidence-pages store.
        item: Draws one sentence: ``item(evidence, slot) -> html.Li``.
        at_once: List it however long (a relation's own panel); else a list kept in the store
            longer than LONG_LIST is read once the reader opens it.
    """
    state = list_state(pages, name)
    how = {"offset": 0, "limit": state["shown"], "order": state["order"], "outlet": state["outlet"],
           "flag": state["flag"]}
    stored = isinstance(evidence, StoredSentences)  # sorted and cut without its words; the page read whole
    if stored and not at_once and len(evidence) > LONG_LIST and not (
            isinstance(pages, Mapping) and name in pages):  # a hub's
        return html.Div([
            html.P(f"{len(evidence):,} sentences: listed when you ask, a page at a time, to sort and filter "
                   "by date, outlet and flag.", className="muted small evidence-count", role="status"),
            html.Button(f"List them ({PAGE_SIZE} at a time)", id={"type": ids.EVIDENCE_OPEN, "list": name},
                        n_clicks=0, className="action wide more")], className="paged-evidence", **{"data-list": name})
    page = evidence.page(documents, **how) if stored else evidence_page(evidence, documents, **how)
    controls = None
    if len(evidence) >= CONTROLS_FROM:
        outlets = evidence.outlets(documents) if stored else outlets_of(evidence, documents)
        controls = html.Div([
            _control(name, "order", "Sort", ORDER_LABELS, state["order"], "Oldest first"),
            _control(name, "outlet", "Outlet", [(o, o) for o in outlets], state["outlet"], "Any outlet"),
            _control(name, "flag", "Flags", FLAG_LABELS, state["flag"], "Any"),
        ], className="evidence-controls", role="group", **{"aria-label": "Sort and filter the evidence"})
    filtered = page.matched != page.total
    count = html.P(f"{len(page.rows):,} of {page.matched:,} sentences" + (
        f" matching (of {page.total:,})" if filtered else ""), className="muted small evidence-count",
        role="status")
    more = None
    if page.left:
        more = html.Button(f"Show {min(PAGE_SIZE, page.left)} more ({page.left:,} left)",
                           id={"type": ids.EVIDENCE_MORE, "list": name}, n_clicks=0, className="action wide more")
    rows = [item(ev, f"{name}:{i}") for i, ev in enumerate(page.rows)]
    return html.Div([c for c in (controls, count, html.Ul(rows, className="evidence-list"), more) if c is not None],
                    className="paged-evidence", **{"data-list": name})


def next_pages(pages: Mapping[str, Any] | None, trigger: Mapping[str, Any], prop: str, value: Any) -> dict | None:
    """The evidence-pages store after a click on "more" or on opening a long list, or a change of order,
    outlet or flag (None: no change)."""
    name = trigger.get("list")
    if not isinstance(name, str):
        return None
    state = list_state(pages, name)
    if trigger.get("type") == ids.EVIDENCE_MORE:
        if not value:
            return None
        state["shown"] += PAGE_SIZE
    elif trigger.get("type") == ids.EVIDENCE_OPEN:  # a long list, read from now on, at its first page
        if not value or (isinstance(pages, Mapping) and name in pages):
            return None
    elif trigger.get("type") == ids.EVIDENCE_ORDER and trigger.get("field") in ("order", "outlet", "flag"):
        field = trigger["field"]
        value = value if isinstance(value, str) and value else ("oldest" if field == "order" else None)
        if state[field] == value:
            return None
        state[field], state["shown"] = value, PAGE_SIZE
    else:
        return None
    return {**{k: v for k, v in (pages or {}).items() if k != name}, name: state}
