"""Visual encodings of the explorer as data: entity colours and shapes, the cytoscape stylesheet.

Relation colours come from :mod:`graph.ontology` so the canvas, the filter swatches and the
evidence panel always agree. Functions return fresh lists, so callers may extend them freely.
"""
from __future__ import annotations

from types import MappingProxyType

from graph.ontology import BY_NAME, ENTITY_TYPES, RELATION_TYPES, WEAK_RELATIONS

FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif'
)

#: A short human label of each entity type (`graph.ontology.ENTITY_TYPES`, in display order).
ENTITY_LABELS = MappingProxyType({
    "GPE": "State",
    "ORG": "Organisation",
    "ALLIANCE": "Alliance",
    "ARMED_GROUP": "Armed group",
    "PERSON": "Person",
    "WEAPON": "Weapon",
    "AGREEMENT": "Deal or project",
    "LOC": "Place",
})

ENTITY_COLOURS = MappingProxyType({
    "GPE": "#2f5d8a",
    "ORG": "#3f9c9b",
    "ALLIANCE": "#7657a8",
    "ARMED_GROUP": "#b5452b",
    "PERSON": "#e09b2d",
    "WEAPON": "#5d6875",
    "AGREEMENT": "#9c6b1e",
    "LOC": "#7f9a4b",
})

#: Cytoscape node shapes; the legend swatches use CSS classes of the same names.
ENTITY_SHAPES = MappingProxyType({
    "GPE": "ellipse",
    "ORG": "round-rectangle",
    "ALLIANCE": "hexagon",
    "ARMED_GROUP": "octagon",
    "PERSON": "ellipse",
    "WEAPON": "diamond",
    "AGREEMENT": "rhomboid",
    "LOC": "round-triangle",
})

OTHER_COLOUR = "#8a94a3"
DEFAULT_RELATION_COLOUR = "#9aa3ad"
TEXT_COLOUR = "#1f2933"
SELECTED_COLOUR = "#111827"
PATH_COLOUR = "#f59e0b"
FOCUS_COLOUR = "#1d4ed8"
CONFIRMED_COLOUR = "#16a34a"
CONTESTED_COLOUR = "#c026d3"  # the sources disagree
NEW_COLOUR = "#0ea5e9"  # first seen after the moment asked about
SINGLE_SOURCE_DASH = [10, 3, 2, 3]

MODALITY_LABELS = MappingProxyType({
    "reported": "reported",
    "future": "future",
    "hypothetical": "hypothetical",
})


def entity_colour(entity_type: str | None) -> str:
    """Return the fill colour for an entity type (grey for unknown types)."""
    return ENTITY_COLOURS.get(entity_type or "", OTHER_COLOUR)


def relation_colour(relation: str | None) -> str:
    """Return the colour of a relation type (grey for relations the ontology does not know)."""
    kind = BY_NAME.get(relation or "")
    return kind.colour if kind else DEFAULT_RELATION_COLOUR


def relation_text_colour(relation: str | None) -> str:
    """The relation's colour darkened until text in it reads at 4.5:1 on white (WCAG AA)."""
    colour = relation_colour(relation)
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    while _contrast_on_white(rgb) < 4.5:
        rgb = [int(c * 0.9) for c in rgb]
    return "#%02x%02x%02x" % tuple(rgb)


def _contrast_on_white(rgb) -> float:
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 1.05 / (0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] + 0.05)


def stylesheet() -> list[dict]:
    """Return the base cytoscape stylesheet: nodes by entity type, edges by relation type.

    Node size and edge width are read from element data (``size``, ``width``) computed in
    :mod:`ui.elements`, so the stylesheet stays independent of the graph.
    """
    rules: list[dict] = [
        {
            "selector": "node",
            "style": {
                "label": "data(label)",
                "width": "data(size)",
                "height": "data(size)",
                "background-color": OTHER_COLOUR,
                "border-width": 2,
                "border-color": "#ffffff",
                "font-family": FONT_STACK,
                "font-size": 12,
                "font-weight": 600,
                "color": TEXT_COLOUR,
                "text-valign": "bottom",
                "text-halign": "center",
                "text-margin-y": 4,
                "text-wrap": "wrap",
                "text-max-width": 110,
                "text-background-color": "#ffffff",
                "text-background-opacity": 0.82,
                "text-background-padding": 2,
                "text-background-shape": "roundrectangle",
                "min-zoomed-font-size": 6,
                "overlay-opacity": 0,
                "transition-property": "opacity, border-width",
                "transition-duration": "150ms",
                "z-index": 10,
            },
        },
    ]
    for entity_type in ENTITY_TYPES:
        rules.append({
            "selector": f'node[type = "{entity_type}"]',
            "style": {
                "background-color": ENTITY_COLOURS[entity_type],
                "shape": ENTITY_SHAPES[entity_type],
            },
        })
    rules.append({
        "selector": "edge",
        "style": {
            "width": "data(width)",
            "curve-style": "bezier",
            "control-point-step-size": 26,
            "line-color": DEFAULT_RELATION_COLOUR,
            "target-arrow-color": DEFAULT_RELATION_COLOUR,
            "source-arrow-color": DEFAULT_RELATION_COLOUR,
            "target-arrow-shape": "triangle",
            "arrow-scale": 0.9,
            "opacity": 0.78,
            "overlay-opacity": 0,
            "font-family": FONT_STACK,
            "font-size": 10,
            "color": TEXT_COLOUR,
            # the relation's name on the line once zoomed in (10 px * zoom >= 13 px): type not by colour alone
            "label": "data(label)",
            "min-zoomed-font-size": 13,
            "text-rotation": "autorotate",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.9,
            "text-background-padding": 2,
            "transition-property": "opacity",
            "transition-duration": "150ms",
            "z-index": 1,
        },
    })
    for kind in RELATION_TYPES:
        style = {
            "line-color": kind.colour,
            "target-arrow-color": kind.colour,
            "source-arrow-color": kind.colour,
        }
        if kind.symmetric:
            style["source-arrow-shape"] = "triangle"
        if kind.name in WEAK_RELATIONS:
            style.update({"line-style": "dotted", "target-arrow-shape": "none", "opacity": 0.6})
        rules.append({"selector": f'edge[relation = "{kind.name}"]', "style": style})
    rules.extend([
        # single-source edges dash-dot, negated ones dashed, co-mentions dotted (later rules win)
        {"selector": "edge.single", "style": {"line-style": "dashed", "line-dash-pattern": SINGLE_SOURCE_DASH}},
        {"selector": "edge.negated", "style": {"line-style": "dashed", "line-dash-pattern": [6, 4]}},
        {"selector": "edge.weak", "style": {"line-style": "dotted", "target-arrow-shape": "none",
                                            "source-arrow-shape": "none", "opacity": 0.6}},
        {"selector": "edge.structural", "style": {"line-style": "solid", "opacity": 0.5}},
        {"selector": "edge.speculative", "style": {"opacity": 0.55}},
        {"selector": "edge.confirmed", "style": {"underlay-color": CONFIRMED_COLOUR, "underlay-opacity": 0.2,
                                                 "underlay-padding": 3}},
        {"selector": "edge.contested", "style": {"mid-target-arrow-shape": "diamond", "arrow-scale": 1.1,
                                                 "mid-target-arrow-color": CONTESTED_COLOUR,
                                                 "mid-target-arrow-fill": "filled"}},
        {"selector": "edge.is-new", "style": {"underlay-color": NEW_COLOUR, "underlay-opacity": 0.35,
                                              "underlay-padding": 5}},
        {"selector": "node.focus-root", "style": {"border-width": 5, "border-color": FOCUS_COLOUR}},
        {"selector": "node.on-path", "style": {"border-width": 5, "border-color": PATH_COLOUR, "z-index": 25}},
        {"selector": "edge.on-path", "style": {"underlay-color": PATH_COLOUR, "underlay-opacity": 0.45,
                                               "underlay-padding": 5, "z-index-compare": "manual",
                                               "z-index": 25}},
        {"selector": "node:active, edge:active", "style": {"overlay-opacity": 0.08}},
    ])
    return rules


def _quote(value: str) -> str:
    """Quote a data value for a cytoscape selector."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _id_selector(group: str, ids: list[str] | tuple[str, ...] | set[str]) -> str:
    return ", ".join(f"{group}[id = {_quote(i)}]" for i in sorted(ids))


def focus_rules(*, node_ids: set[str], edge_ids: set[str], selected_node: str | None = None,
                selected_edge: str | None = None) -> list[dict]:
    """Return stylesheet rules that fade everything but a focus set.

    Args:
        node_ids: Nodes kept at full opacity (the selection and its neighbours).
        edge_ids: Edges kept at full opacity.
        selected_node: The node drawn with a selection ring, if any.
        selected_edge: The edge drawn highlighted and on top, if any.

    Returns:
        Rules to append after :func:`stylesheet`; empty when nothing is focused.
    """
    if not node_ids and not edge_ids:
        return []
    rules: list[dict] = [
        {"selector": "node", "style": {"opacity": 0.22}},
        {"selector": "edge", "style": {"opacity": 0.08}},
    ]
    if node_ids:
        rules.append({"selector": _id_selector("node", node_ids), "style": {"opacity": 1}})
    if edge_ids:
        rules.append({"selector": _id_selector("edge", edge_ids), "style": {"opacity": 0.95}})
    if selected_node:
        rules.append({
            "selector": _id_selector("node", [selected_node]),
            "style": {"border-width": 4, "border-color": SELECTED_COLOUR, "font-size": 13,
                      "z-index": 20},
        })
    if selected_edge:
        rules.append({
            "selector": _id_selector("edge", [selected_edge]),
            "style": {"z-index-compare": "manual", "z-index": 30, "opacity": 1,
                      "underlay-color": "#fde68a", "underlay-opacity": 0.9, "underlay-padding": 4},
        })
    return rules
