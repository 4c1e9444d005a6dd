"""Plotly figures of the side tabs: the stance heatmap and the most central actors.

Pure functions from `graph.query` results to figure dicts; the ids of the actors ride in
``customdata`` so a click on a cell or a bar names them without a lookup by label.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ui.styles import FONT_STACK, TEXT_COLOUR, entity_colour

# cooperation green, conflict red, nothing white (zmid=0 centres it)
STANCE_SCALE = [[0.0, "#b91c1c"], [0.25, "#f87171"], [0.5, "#f8fafc"], [0.75, "#4ade80"], [1.0, "#15803d"]]
MAX_LABEL = 18


def plain(text: str) -> str:
    """Escape a name for plotly, which reads some HTML tags in labels (``<b>``, ``<a href>``...)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _short(label: str) -> str:
    """A label cut to :data:`MAX_LABEL` characters, then escaped for plotly."""
    return plain(label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…")


def figure_layout(**extra) -> dict:
    """The house layout of a figure (font, white background) with `extra` settings."""
    return {"font": {"family": FONT_STACK, "size": 11, "color": TEXT_COLOUR}, "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff", "hoverlabel": {"font": {"family": FONT_STACK}}, **extra}


def empty_figure(message: str) -> dict:
    """Return a blank figure that says why there is nothing to plot."""
    return {"data": [], "layout": figure_layout(
        xaxis={"visible": False}, yaxis={"visible": False}, height=220, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        annotations=[{"text": message, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
                      "font": {"size": 13, "color": "#5b6775"}}])}


def stance_figure(matrix: Any, *, selected: tuple[str, str] | None = None) -> dict:
    """Return the actor × actor heatmap of net stance (cooperation minus conflict).

    Args:
        matrix: A `graph.query.StanceMatrix`.
        selected: A pair of actor ids whose two cells are outlined (the pair whose evidence is shown).

    Returns:
        A figure dict; hovering a cell shows both counts. The axes are the actor ids (their
        ticks show the labels), so a click names the two actors in the point's ``y`` and ``x``:
        plotly's click data of a heatmap carries no ``customdata``.
    """
    if len(matrix.ids) < 2:
        return empty_figure("Too few connected actors with the current filters.")
    labels = [_short(label) for label in matrix.labels]
    n = len(labels)
    names = [plain(label) for label in matrix.labels]
    custom = [[[matrix.coop[i][j], matrix.conflict[i][j], matrix.ids[i], matrix.ids[j], names[i], names[j]]
               for j in range(n)] for i in range(n)]
    # a cell with nothing between the two actors is blank, not "neutral"
    z = [[None if i == j or (matrix.coop[i][j] == 0 and matrix.conflict[i][j] == 0) else matrix.net[i][j]
          for j in range(n)] for i in range(n)]
    top = max((abs(v) for row in matrix.net for v in row), default=1) or 1
    shapes = []
    if selected and all(n in matrix.ids for n in selected):
        i, j = matrix.ids.index(selected[0]), matrix.ids.index(selected[1])
        shapes = [{"type": "rect", "xref": "x", "yref": "y", "x0": b - 0.5, "x1": b + 0.5, "y0": a - 0.5,
                   "y1": a + 0.5, "line": {"color": "#111827", "width": 2}} for a, b in ((i, j), (j, i))]
    return {
        "data": [{
            "type": "heatmap", "z": z, "x": list(matrix.ids), "y": list(matrix.ids), "customdata": custom,
            "colorscale": STANCE_SCALE, "zmid": 0, "zmin": -top, "zmax": top, "xgap": 2, "ygap": 2,
            "hoverongaps": False,
            "hovertemplate": ("<b>%{customdata[4]} ↔ %{customdata[5]}</b><br>cooperation: %{customdata[0]}"
                              "<br>conflict: %{customdata[1]}<br>net: %{z:+d}<extra></extra>"),
            "colorbar": {"title": {"text": "net", "side": "right"}, "thickness": 10, "len": 0.6, "outlinewidth": 0},
        }],
        "layout": figure_layout(
            height=390, margin={"l": 124, "r": 8, "t": 8, "b": 112},
            xaxis={"tickangle": -45, "side": "bottom", "showgrid": False, "fixedrange": True, "constrain": "domain",
                   "type": "category", "tickvals": list(matrix.ids), "ticktext": labels},
            yaxis={"autorange": "reversed", "showgrid": False, "fixedrange": True, "scaleanchor": "x",
                   "constrain": "domain", "type": "category", "tickvals": list(matrix.ids), "ticktext": labels},
            shapes=shapes,
        ),
    }


def central_figure(central: Sequence[tuple[str, str, int]], types: Mapping[str, str]) -> dict:
    """Return a horizontal bar chart of the most central actors (clicking a bar names it).

    Args:
        central: ``(id, label, score)`` best first, as from `graph.query.central_actors`.
        types: Entity type by actor id, for the bar colours.
    """
    if not central:
        return empty_figure("No actor has a typed relation with the current filters.")
    ids_ = [c[0] for c in central]
    return {
        "data": [{
            "type": "bar", "orientation": "h", "x": [c[2] for c in central], "y": [_short(c[1]) for c in central],
            "customdata": ids_, "marker": {"color": [entity_colour(types.get(i)) for i in ids_]},
            "text": [plain(c[1]) for c in central], "textposition": "none",
            "hovertemplate": "<b>%{text}</b><br>%{x} evidence sentences in typed relations<extra></extra>",
        }],
        "layout": figure_layout(
            height=max(220, 34 * len(central) + 60), margin={"l": 130, "r": 20, "t": 10, "b": 40},
            xaxis={"title": {"text": "evidence sentences (typed relations)"}, "fixedrange": True,
                   "gridcolor": "#eef1f5"},
            yaxis={"autorange": "reversed", "fixedrange": True}, bargap=0.3,
        ),
    }
