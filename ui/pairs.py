"""The overview's pair edges: one line per pair of actors, coloured by net stance, as wide as its evidence.

A big graph's overview draws the few most central actors; between two of them it draws one
line standing for all their relations (see `graph.index.EdgeIndex.pairs`). Its colour is the
stance heatmap's: green where cooperation outweighs conflict, red where conflict does, grey
when neither; its width grows with the evidence; its hover text names the relation types.
Clicking it selects the pair (a "dyad"), whose panel lists the typed relations.
"""
from __future__ import annotations

from collections.abc import Mapping

from graph.reach import Pair
from ui.elements import edge_width, relation_label
from ui.figures import STANCE_SCALE

PAIR_PREFIX = "pair:"  # the id of a pair edge: "pair:<actor>,<actor>", never an edge id (those hold "|")
COOPERATION, CONFLICT = STANCE_SCALE[-1][1], STANCE_SCALE[0][1]
NEUTRAL = "#6b7280"


def pair_edge_id(a: str, b: str) -> str:
    """The element id of the pair edge between two actors (in the order the overview draws them)."""
    return f"{PAIR_PREFIX}{a},{b}"


def pair_colour(net: int) -> str:
    """Green for net cooperation, red for net conflict, grey for neither."""
    return COOPERATION if net > 0 else CONFLICT if net < 0 else NEUTRAL


def pair_element(pair: Pair, labels: Mapping[str, str]) -> dict:
    """The cytoscape element of one pair edge."""
    kinds = ", ".join(f"{relation_label(r)} {n}" for r, n in pair.relations[:4])
    more = len(pair.relations) - 4
    stance = ("net cooperation" if pair.net > 0 else "net conflict" if pair.net < 0 else "no net stance")
    return {
        "group": "edges",
        "data": {
            "id": pair_edge_id(pair.source, pair.target), "source": pair.source, "target": pair.target,
            "pair": f"{pair.source},{pair.target}", "weight": pair.evidence, "net": pair.net,
            "colour": pair_colour(pair.net), "width": edge_width(pair.evidence),
            "label": relation_label(pair.relations[0][0]) if pair.relations else "",
            "tip": f"{labels.get(pair.source, pair.source)} – {labels.get(pair.target, pair.target)}: "
                   f"{pair.evidence} sentence{'' if pair.evidence == 1 else 's'}, {stance} ({pair.net:+d}) · "
                   f"{kinds}{f' and {more} more' if more > 0 else ''} · click for the relations",
        },
        "classes": "pair",
    }


PAIR_STYLES = [  # after the base stylesheet and its focus rules (a pair edge is no relation type; it fades as they do)
    {"selector": "edge.pair", "style": {"line-color": "data(colour)", "width": "data(width)", "line-style": "solid",
                                        "target-arrow-shape": "none", "curve-style": "straight"}},
]
