"""The canvas's other layouts, for cytoscape's ``preset`` layout: actors on concentric rings by
centrality, or grouped by community, squeezed and pushed apart as `ui.positions` does the force one."""
from __future__ import annotations

import math
from collections.abc import Collection, Mapping

from ui.communities import communities
from ui.elements import Data, node_label, nodes_by_id, node_sizes
from ui.positions import OVERVIEW_FIT, _pack_boxes, _separate, label_box


LAYOUTS = ("force", "concentric", "community")  # the canvas's layout choice; force is the corpus layout
RING_GAP = 150.0  # px between the rings of a concentric layout: a wrapped label fits between two


def _rings(order: list[str], boxes: Mapping[str, tuple[float, float, float]]) -> dict[str, tuple[float, float]]:
    """Actors on concentric rings in the given order: the first in the middle, each ring filled before the next.

    A ring holds as many actors as its circumference has room for their labels, so rings further
    out hold more and the most central actors sit nearest the centre.
    """
    out: dict[str, tuple[float, float]] = {}
    if not order:
        return out
    out[order[0]] = (0.0, 0.0)
    rest, ring = order[1:], 1
    while rest:
        radius = ring * RING_GAP
        room = max(1, int(2 * math.pi * radius // (max(boxes[n][0] for n in rest[:64]) + 14)))
        here, rest = rest[:room], rest[room:]
        for k, node in enumerate(here):
            angle = -math.pi / 2 + 2 * math.pi * k / len(here) + (ring % 2) * math.pi / max(len(here), 1)
            out[node] = (radius * math.cos(angle), radius * math.sin(angle))
        ring += 1
    return out


def preset_positions(data: Data, nodes: Collection[str], layout: str,
                     strength: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """Lay out only `nodes` concentrically by centrality, or grouped by community, for cytoscape's ``preset``.

    ``concentric``: the most central actor (largest `strength`, ties to the smaller id) in the
    middle, the next ones on rings around it. ``community``: the Louvain communities of the
    actors drawn (as `ui.communities` colours them), each a small concentric group with its
    most central actor in its middle, packed side by side with the largest in the middle.
    Both are squeezed into the overview's box and labels pushed apart as in :func:`node_positions`,
    so the labels can be read at the opening zoom.

    Args:
        data: Node-link graph (a :func:`light_data` dict is enough).
        nodes: The actors drawn.
        layout: ``"concentric"`` or ``"community"``.
        strength: Centrality of each actor (evidence that holds, as the canvas ranks them).
    """
    import numpy as np

    wanted = set(nodes)
    by_id = nodes_by_id(data)
    ids = [n for n in by_id if n in wanted]
    if not ids:
        return {}
    sub = {"nodes": [by_id[n] for n in ids],
           "edges": [e for e in data.get("edges", ()) if str(e.get("source")) in wanted and str(e.get("target")) in wanted]}
    sizes = node_sizes(sub)
    boxes = {n: label_box(node_label(by_id[n]), sizes[n]) for n in ids}

    def ranked(group):
        return sorted(group, key=lambda n: (-float(strength.get(n, 0)), n))

    if layout == "community":
        groups = sorted((ranked(c) for c in communities(sub)), key=lambda c: (-len(c), c[0]))
        laid = []
        for group in groups:
            local = _rings(group, boxes)
            pts = np.array([local[n] for n in group], dtype=float).reshape(-1, 2)
            laid.append((group, pts))
        offsets = _pack_boxes([(np.ptp(p[:, 0]) + 130, np.ptp(p[:, 1]) + 80) for _, p in laid])
        pos = {n: p + offset for (group, pts), offset in zip(laid, offsets) for n, p in zip(group, pts)}
    else:
        pos = {n: np.array(p) for n, p in _rings(ranked(ids), boxes).items()}
    pts = np.array([pos[n] for n in ids], dtype=float)
    if len(pts) > 1:  # squeezed to be read at the opening zoom, then labels pushed apart again
        pts = pts * min(1.0, OVERVIEW_FIT[0] / max(float(np.ptp(pts[:, 0])), 1.0),
                        OVERVIEW_FIT[1] / max(float(np.ptp(pts[:, 1])), 1.0))
    pts = _separate(pts, [boxes[n] for n in ids], rounds=120 if len(pts) <= 800 else 40)
    return {n: {"x": round(float(x), 1), "y": round(float(y), 1)} for n, (x, y) in zip(ids, pts)}
