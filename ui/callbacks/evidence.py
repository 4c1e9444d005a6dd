"""Callbacks of evidence lists: "more" and the sort and filter controls of a list."""
from __future__ import annotations

from dash import ALL, Input, Output, State, no_update

from ui import ids
from ui.callbacks.wiring import Declared, declarer, fired
from ui.evidence_view import next_pages

CALLBACKS: list[Declared] = []
callback = declarer(CALLBACKS)


@callback(Output(ids.EVIDENCE_PAGES, "data"),
          inputs=dict(more=Input({"type": ids.EVIDENCE_MORE, "list": ALL}, "n_clicks"),
                      controls=Input({"type": ids.EVIDENCE_ORDER, "list": ALL, "field": ALL}, "value")),
          state=dict(pages=State(ids.EVIDENCE_PAGES, "data")),
          prevent_initial_call=True)
def page_evidence(more, controls, pages):
    """Show the next page of a list, or sort or filter it afresh (a list redrawn with the same choices changes nothing)."""
    trigger, prop, value = fired()
    if not isinstance(trigger, dict):
        return no_update
    changed = next_pages(pages, trigger, prop, value)
    return no_update if changed is None else changed
