"""The canvas as a PNG for a briefing: the picture with a title, the active filters and a legend.

The server writes the caption (what the filters keep); the page draws the PNG
(``window.dash_clientside.newsgraph.exportPng`` in assets/newsgraph.js) from the canvas and the
colours of what it shows.
"""
from __future__ import annotations

from dash import Input, Output, State

from ui import ids
from ui.analysis import everything
from ui.callbacks.wiring import FILTERS, Declared, clientside, declarer
from ui.briefing import briefing
from ui.source import CorpusSource

CALLBACKS: list[Declared] = []
callback = declarer(CALLBACKS)


@callback(Output(ids.EXPORT_CAPTION, "data"),
          inputs=dict(**FILTERS, counting=Input(ids.TRUTH_TOGGLE, "value"), view=Input(ids.VIEW_STORE, "data")),
          prevent_initial_call=True)
def export_caption(relations, types, dates, min_articles, counting, view, *, source: CorpusSource,
                   contested=None) -> dict:
    """The line under the PNG's title (the corpus and every filter that shapes the picture) and the legend's names."""
    corpus = source.current()
    return briefing(corpus, corpus.filters(relations, types, dates, min_articles, contested), everything=everything(counting),
                   focus=(view or {}).get("focus"))


clientside(CALLBACKS, "exportPng", Output(ids.EXPORT_PNG, "title"), inputs=[Input(ids.EXPORT_PNG, "n_clicks")],
           state=[State(ids.EXPORT_CAPTION, "data")], prevent_initial_call=True)
