"""Plotly figures of time: a pair's cooperation and conflict by month, evidence by month for the date slider.

Pure functions from `graph.query` results to figure dicts.
"""
from __future__ import annotations

from collections.abc import Sequence

from ui.figures import empty_figure, figure_layout, plain

COOPERATION_COLOUR = "#15803d"
CONFLICT_COLOUR = "#b91c1c"
HISTOGRAM_COLOUR = "#64748b"


def dyad_timeline_figure(months: Sequence, *, names: tuple[str, str]) -> dict:
    """Cooperation (up) and conflict (down) between two actors, one bar pair per month.

    Args:
        months: `graph.query.MonthCounts`, oldest first.
        names: The two actors' display names, for the title.
    """
    if not months:
        return empty_figure("No dated cooperation or conflict between these two.")
    x = [m.month for m in months]
    title = f"{plain(names[0])} ↔ {plain(names[1])}: cooperation and conflict by month"
    return {
        "data": [
            {"type": "bar", "name": "cooperation", "x": x, "y": [m.cooperation for m in months],
             "marker": {"color": COOPERATION_COLOUR},
             "hovertemplate": "%{x}<br>cooperation: %{y} sentences<extra></extra>"},
            {"type": "bar", "name": "conflict", "x": x, "y": [-m.conflict for m in months],
             "customdata": [m.conflict for m in months], "marker": {"color": CONFLICT_COLOUR},
             "hovertemplate": "%{x}<br>conflict: %{customdata} sentences<extra></extra>"},
        ],
        "layout": figure_layout(
            height=230, barmode="relative", bargap=0.25, margin={"l": 44, "r": 8, "t": 30, "b": 40},
            title={"text": title, "font": {"size": 12}, "x": 0, "xanchor": "left"},
            legend={"orientation": "h", "y": -0.25, "x": 0},
            xaxis={"type": "category", "fixedrange": True, "tickangle": -30},
            yaxis={"title": {"text": "sentences"}, "fixedrange": True, "zeroline": True, "zerolinecolor": "#475569",
                   "gridcolor": "#eef1f5"},
        ),
    }


def month_histogram_figure(months: Sequence[str], counts: Sequence[int]) -> dict:
    """Evidence sentences by month, one bar per month of the date slider (a picture of when things happened)."""
    if not months or not any(counts):
        return empty_figure("No dated evidence.")
    return {
        "data": [{"type": "bar", "x": list(months), "y": list(counts), "marker": {"color": HISTOGRAM_COLOUR},
                  "hovertemplate": "%{x}: %{y} sentences<extra></extra>"}],
        "layout": figure_layout(
            height=70, margin={"l": 4, "r": 4, "t": 4, "b": 4}, bargap=0.1, showlegend=False,
            xaxis={"visible": False, "type": "category", "fixedrange": True},
            yaxis={"visible": False, "fixedrange": True},
        ),
    }
