"""The Outlets tab: each outlet's stance towards the main actors (plotly), and the relations one outlet carries."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from dash import html

from graph.outlets import OutletRelation, OutletStance
from ui.elements import make_edge_id
from ui.figures import STANCE_SCALE, _short, empty_figure, figure_layout, plain
from ui.panels import empty, relation_line

MAX_RELATIONS = 60  # rows listed for one outlet


def outlet_figure(stance: OutletStance) -> dict:
    """Outlets × actors heatmap of net stance; a click names the outlet in ``customdata[4]``.

    A cell is the outlet's cooperative minus conflictual sentences about the actor (either end
    of the relation); blank where the outlet says nothing typed about the actor.
    """
    if not stance.outlets or not stance.actors:
        return empty_figure("No outlet reports a cooperative or conflictual relation with the current filters.")
    n, m = len(stance.outlets), len(stance.actors)
    net = stance.net
    z = [[None if stance.coop[i][j] == stance.conflict[i][j] == 0 else net[i][j] for j in range(m)] for i in range(n)]
    custom = [[[stance.coop[i][j], stance.conflict[i][j], plain(stance.outlets[i]), plain(stance.labels[j]),
                stance.outlets[i]]
               for j in range(m)] for i in range(n)]
    top = max((abs(v) for row in net for v in row), default=1) or 1
    return {
        "data": [{
            "type": "heatmap", "z": z, "x": [_short(label) for label in stance.labels],
            "y": [_short(o) for o in stance.outlets], "customdata": custom, "colorscale": STANCE_SCALE,
            "zmid": 0, "zmin": -top, "zmax": top, "xgap": 2, "ygap": 2, "hoverongaps": False,
            "hovertemplate": ("<b>%{customdata[2]}</b> on <b>%{customdata[3]}</b><br>cooperation: %{customdata[0]}"
                              "<br>conflict: %{customdata[1]}<br>net: %{z:+d}<extra></extra>"),
            "colorbar": {"title": {"text": "net", "side": "right"}, "thickness": 10, "len": 0.6, "outlinewidth": 0},
        }],
        "layout": figure_layout(height=max(240, 30 * n + 130), margin={"l": 140, "r": 8, "t": 8, "b": 112},
                          xaxis={"tickangle": -45, "showgrid": False, "fixedrange": True},
                          yaxis={"autorange": "reversed", "showgrid": False, "fixedrange": True}),
    }


def outlet_options(relations: Mapping[str, Sequence[OutletRelation]]) -> list[dict]:
    """Dropdown options: every outlet, with how many relations it carries."""
    return [{"label": f"{outlet} ({len(rows)})", "value": outlet} for outlet, rows in relations.items()]


def outlet_relations_view(outlet: str | None, rows: Sequence[OutletRelation], *, labels: Mapping[str, str],
                          contested: frozenset[str]) -> html.Div:
    """The relations one outlet carries, the most told first; denials and contested relations marked."""
    if not outlet:
        return empty("Choose an outlet, or click its row in the chart, to list the relations it reports.")
    if not rows:
        return empty(f"{outlet} reports no typed relation with the current filters.")
    items = []
    for i, r in enumerate(rows[:MAX_RELATIONS]):
        edge = make_edge_id(r.source, r.relation, r.target)
        marks = [html.Span("denies it" if r.denied == r.sentences else f"denies it in {r.denied}",
                           className="badge badge-negated")] if r.denied else []
        if edge in contested:
            marks.append(html.Span("contested", className="badge badge-contested"))
        items.append(html.Li([
            *relation_line(r.source, r.relation, r.target, labels, slot=f"o{i}",
                           link=f"{r.sentences} sentence{'s' if r.sentences != 1 else ''}"), *marks,
        ], className="outlet-relation"))
    more = len(rows) - MAX_RELATIONS
    return html.Div([html.H3(outlet, className="section-title first"),
                     html.Ul(items, className="outlet-relations"),
                     *([html.P(f"… and {more} more", className="muted small")] if more > 0 else [])])
