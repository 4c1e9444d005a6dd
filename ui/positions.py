"""Where each actor sits on the canvas: a deterministic layout, computed once per corpus version.

Stress majorization (spectral for large components) and a short force-directed pass, then
labels pushed apart so none overlap; :func:`extend_positions` places new actors without moving
the old ones. Modelled on networkx's drawing/layout.py: graph data in, coordinates out, nothing
drawn.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from graph.ontology import WEAK_RELATIONS
from ui.elements import Data, relation_of, node_label, nodes_by_id, node_sizes


DENSE_SPECTRAL_MAX_NODES = 2000  # a dense eigensolver beats ARPACK up to here (0.6 s at 2,000)
STRESS_MAX_NODES = 200  # its all-pairs distances get slow beyond this
DENSE_SEPARATION = 150  # label overlaps tested on every pair up to here, through a k-d tree beyond
OVERVIEW_FIT = (760.0, 620.0)  # an overview fits here (px), to be read at zoom 0.75 on a laptop's canvas


def label_box(label: str, size: float) -> tuple[float, float, float]:
    """Estimate the box a node and its label take on the canvas.

    Returns:
        ``(width, height, dy)``: the box size and how far its centre sits below the node
        centre (labels hang under the node and wrap at about 110 px).
    """
    text_width = 7.0 * len(label)
    lines = max(1, math.ceil(text_width / 110))
    label_h = 4 + 15 * lines
    width = max(size, min(text_width, 110) + 6)
    return width, size + label_h, label_h / 2


def _separate(pts, boxes, *, pad: float = 10.0, rounds: int = 120, movable=None):
    """Push apart nodes whose boxes (node plus label) overlap; returns new points.

    Candidate pairs come from a k-d tree, so a round costs about n log n, not n squared (up
    to DENSE_SEPARATION nodes every pair is tested: cheaper than the tree).
    When `movable` (a boolean array) is given, only those nodes move: a node added to a
    laid-out graph makes room for itself without shifting the picture around it.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    pts = pts.copy()
    if len(pts) < 2:
        return pts
    w = np.array([b[0] for b in boxes], dtype=float)
    h = np.array([b[1] for b in boxes], dtype=float)
    shift = np.array([b[2] for b in boxes], dtype=float)
    reach = float(max(w.max(), h.max()) + pad)
    every = np.triu_indices(len(pts), 1) if len(pts) <= DENSE_SEPARATION else None
    for _ in range(rounds):
        centres = np.column_stack([pts[:, 0], pts[:, 1] + shift])
        if every is not None:  # a few actors: every pair costs less than building the tree
            i, j = every
        else:
            pairs = cKDTree(centres).query_pairs(reach, p=np.inf, output_type="ndarray")
            if not len(pairs):
                break
            i, j = pairs[:, 0], pairs[:, 1]
        dx, dy = centres[i, 0] - centres[j, 0], centres[i, 1] - centres[j, 1]
        ox = (w[i] + w[j]) / 2 + pad - np.abs(dx)
        oy = (h[i] + h[j]) / 2 + pad - np.abs(dy)
        hit = (ox > 0.5) & (oy > 0.5)  # half a pixel is not seen
        if movable is not None:
            hit &= movable[i] | movable[j]
        if not hit.any():
            break
        i, j, dx, dy, ox, oy = i[hit], j[hit], dx[hit], dy[hit], ox[hit], oy[hit]
        along_x = ox <= oy
        # identical centres: the lower index goes left/up, so ties resolve the same way every time
        sx = np.where(dx != 0, np.sign(dx), -1.0)
        sy = np.where(dy != 0, np.sign(dy), -1.0)
        mx = np.where(along_x, sx * ox / 2, 0.0)
        my = np.where(along_x, 0.0, sy * oy / 2)
        if movable is None:
            share_i = share_j = np.ones(len(i))
        else:  # a fixed node does not move: the movable one takes the whole push
            share_i = np.where(movable[i], np.where(movable[j], 1.0, 2.0), 0.0)
            share_j = np.where(movable[j], np.where(movable[i], 1.0, 2.0), 0.0)
        n = len(pts)
        pts[:, 0] += np.bincount(i, mx * share_i, n) - np.bincount(j, mx * share_j, n)
        pts[:, 1] += np.bincount(i, my * share_i, n) - np.bincount(j, my * share_j, n)
    return pts


def _nearest_gap(pts) -> float:
    """Median distance from each point to its nearest other point."""
    import numpy as np
    from scipy.spatial import cKDTree

    if len(pts) < 2:
        return 0.0
    d, _ = cKDTree(pts).query(pts, k=2)
    return float(np.median(d[:, 1]))


def node_positions(data: Data, *, seed: int = 7, gap: float = 80.0, fit: tuple[float, float] | None = None,
                   degree: Mapping[str, int] | None = None) -> dict[str, dict[str, float]]:
    """Lay the whole graph out once, deterministically, for cytoscape's ``preset`` layout.

    The actors linked by typed relations (the default view) are laid out first, one
    connected component at a time, and the components packed side by side with the largest
    in the middle; actors reached only by weak co-mentions are then placed around them. Finally nodes whose discs or labels would overlap
    are pushed apart. Positions stay put when filters hide parts of the graph, so the
    picture does not jump around.

    Args:
        data: Node-link graph (a :func:`light_data` dict is enough).
        seed: Seed of the force-directed layout; same data and seed give the same picture.
        gap: Typical distance in pixels between an actor and its nearest neighbour.
        fit: Squeeze the picture into this width and height (before labels are pushed apart),
            so that it can be read at the opening zoom.
        degree: Each actor's typed relations, for the size of one without mentions
            (`ui.elements.node_sizes`; counted from `data`'s edges when not given).

    Returns:
        ``node id -> {"x": .., "y": ..}`` in pixels.
    """
    import numpy as np

    nodes = nodes_by_id(data)
    node_ids = list(nodes)
    if not node_ids:
        return {}
    index = {n: i for i, n in enumerate(node_ids)}
    strong, weak = nx.Graph(), nx.Graph()
    weak.add_nodes_from(node_ids)
    for edge in data.get("edges", ()):
        s, t = str(edge.get("source")), str(edge.get("target"))
        if s == t or s not in index or t not in index:
            continue
        # one spring per pair of actors, however many relations: hubs linked by many
        # relation types would otherwise collapse onto each other
        if relation_of(edge) in WEAK_RELATIONS:
            if not strong.has_edge(s, t):
                weak.add_edge(s, t, weight=0.3)
        else:
            strong.add_edge(s, t, weight=1.0)
            weak.add_edge(s, t, weight=1.0)

    core = sorted(strong.nodes, key=index.__getitem__)
    pos: dict[str, Any] = _packed(strong, core, index, seed, gap) if core else {}
    # actors seen only in co-mentions sit around the actors they were mentioned with ...
    golden = math.pi * (3 - math.sqrt(5))
    attached = [i for i in node_ids if i not in pos and any(nb in pos for nb in weak[i])]
    for n, i in enumerate(attached):
        centre = np.mean([pos[nb] for nb in weak[i] if nb in pos], axis=0)
        pos[i] = centre + 0.9 * gap * np.array([math.cos(golden * n), math.sin(golden * n)])
    # ... and the rest, linked to none of those, in a band below
    loose = [i for i in node_ids if i not in pos]
    if loose:
        placed = np.array(list(pos.values())) if pos else np.zeros((1, 2))
        width = max(float(np.ptp(placed[:, 0])), 10 * gap)
        top = float(placed[:, 1].max()) + 2 * gap if pos else 0.0
        sub = _band(weak.subgraph(loose), seed)
        for i in loose:
            x, y = sub[i]
            pos[i] = np.array([x * width / 2 + float(placed[:, 0].mean()), top + (y + 1) * 1.5 * gap])
    pts = np.array([pos[i] for i in node_ids], dtype=float)
    pts = pts - pts.mean(axis=0) if len(pts) > 1 else np.zeros((1, 2))
    if fit and len(pts) > 1:
        pts = pts * min(1.0, fit[0] / max(float(np.ptp(pts[:, 0])), 1.0), fit[1] / max(float(np.ptp(pts[:, 1])), 1.0))
    sizes = node_sizes(data, degree)
    boxes = [label_box(node_label(nodes[i]), sizes[i]) for i in node_ids]
    pts = _separate(pts, boxes, rounds=120 if len(pts) <= 800 else 40)
    return {i: {"x": round(float(x), 1), "y": round(float(y), 1)} for i, (x, y) in zip(node_ids, pts)}


def _component_layout(g: nx.Graph, seed: int) -> dict:
    """Positions of one connected component, in layout units (any scale)."""
    import numpy as np

    n = len(g)
    if n == 1:
        return {next(iter(g)): np.zeros(2)}
    if n == 2:
        a, b = sorted(g)
        return {a: np.array([-0.5, 0.0]), b: np.array([0.5, 0.0])}
    # Stress majorization gives a calm global shape (graph distance ~ drawn distance: what
    # Kamada-Kawai aims at, in a few matrix products); a short force-directed pass then evens
    # out the local spacing. Big components start from a spectral layout, which costs a sparse
    # eigen-decomposition instead of all-pairs paths.
    start = _stress_start(g) if n <= STRESS_MAX_NODES else _spectral_start(g, seed)
    iterations = 60 if n <= STRESS_MAX_NODES else max(15, 12_000 // n)
    return nx.spring_layout(g, k=1.0 / math.sqrt(n), pos=start, seed=seed, weight="weight", iterations=iterations)


def _packed(strong: nx.Graph, core: list[str], index: Mapping[str, int], seed: int, gap: float) -> dict:
    """Lay out each connected component on its own, at one spacing, and pack them side by side.

    A force-directed layout of a graph with several components pushes the small ones far
    away, so "fit" shrinks the main one to a speck. Here each component is scaled so that
    its actors sit about `gap` px from their nearest neighbour, the largest goes in the
    middle and each next one takes the free place nearest the centre (wider than tall).
    """
    import numpy as np

    components = sorted((sorted(c, key=index.__getitem__) for c in nx.connected_components(strong.subgraph(core))),
                        key=lambda c: (-len(c), index[c[0]]))
    laid = []
    for comp in components:
        # one component is the whole graph; another is copied (a view is slow to walk)
        local = _component_layout(strong if len(components) == 1 else strong.subgraph(comp).copy(), seed)
        pts = np.array([local[n] for n in comp], dtype=float)
        pts -= pts.mean(axis=0)
        nearest = _nearest_gap(pts)
        pts = pts * (gap / nearest) if nearest > 0 else pts
        if len(comp) > 2 and np.ptp(pts[:, 1]) > 1.15 * np.ptp(pts[:, 0]):  # screens are wider than tall
            pts = pts[:, ::-1].copy()
        laid.append((comp, pts))
    offsets = _pack_boxes([(np.ptp(p[:, 0]) + 1.6 * gap, np.ptp(p[:, 1]) + 1.2 * gap) for _, p in laid])
    out = {}
    for (comp, pts), offset in zip(laid, offsets):
        centre = (pts.max(axis=0) + pts.min(axis=0)) / 2
        for n, p in zip(comp, pts - centre + offset):
            out[n] = p
    return out


def _pack_boxes(sizes: list[tuple[float, float]], *, aspect: float = 1.6) -> list:
    """Centres for boxes of the given sizes, the first in the middle, each next one touching a placed one.

    Candidates sit beside each placed box (right, left, below, above, and at its corners); the
    one nearest the middle, measured on a screen-shaped ellipse, that overlaps nothing wins.
    """
    import numpy as np

    centres = np.zeros((0, 2))
    half = np.zeros((0, 2))
    out = []
    for w, h in sizes:
        me = np.array([w / 2, h / 2])
        if not len(centres):
            choice = np.zeros(2)
        else:
            cands = []
            for (cx, cy), (hw, hh) in zip(centres, half):
                for dx in (-1, 0, 1):
                    for dy in (-1, 0, 1):
                        if dx or dy:
                            cands.append((cx + dx * (hw + me[0]), cy + dy * (hh + me[1])))
            cands = np.array(cands)
            # overlap of each candidate with each placed box
            ox = np.abs(cands[:, None, 0] - centres[None, :, 0]) < (half[None, :, 0] + me[0]) - 1e-6
            oy = np.abs(cands[:, None, 1] - centres[None, :, 1]) < (half[None, :, 1] + me[1]) - 1e-6
            free = ~(ox & oy).any(axis=1)
            reach = np.maximum(np.abs(cands[:, 0]) + me[0], aspect * (np.abs(cands[:, 1]) + me[1]))
            reach[~free] = np.inf
            choice = cands[int(np.argmin(reach))]
        centres = np.vstack([centres, choice])
        half = np.vstack([half, me])
        out.append(choice)
    return out


def _stress_start(g: nx.Graph, rounds: int = 200, tolerance: float = 3e-3) -> dict:
    """Starting positions for a small connected layout: drawn distances close to graph distances
    (stress majorization, each pair weighted by its distance squared, as Kamada-Kawai weighs
    its springs), from classical scaling (the two main axes of the distances, signs fixed so
    the same graph gives the same picture), which leaves only a few rounds to go; scaled as
    networkx scales a layout. It stops once no actor moves more than `tolerance` of the graph's
    diameter in a round."""
    import numpy as np
    from scipy.sparse.csgraph import shortest_path

    nodes = list(g)
    far = shortest_path(nx.to_scipy_sparse_array(g, nodelist=nodes, weight=None), unweighted=True, directed=False)
    far[np.isinf(far)] = np.max(far[np.isfinite(far)]) + 1
    n = len(nodes)
    centring = np.eye(n) - 1.0 / n
    values, vectors = np.linalg.eigh(-0.5 * centring @ (far ** 2) @ centring)
    axes = vectors[:, -2:][:, ::-1]
    axes *= np.where(axes[np.abs(axes).argmax(axis=0), [0, 1]] < 0, -1.0, 1.0)
    x = axes * np.sqrt(np.maximum(values[-2:][::-1], 1e-9))
    weight = np.zeros_like(far)
    weight[far > 0] = far[far > 0] ** -2.0
    pull = weight * far
    v_inverse = np.linalg.pinv(np.diag(weight.sum(axis=1)) - weight)
    step = tolerance * far.max()
    for _ in range(rounds):
        drawn = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))
        b = np.where(drawn > 1e-9, -pull / np.maximum(drawn, 1e-9), 0.0)
        b[np.diag_indices(n)] = -b.sum(axis=1)
        moved = v_inverse @ (b @ x)
        done = np.abs(moved - x).max() < step
        x = moved
        if done:
            break
    return dict(zip(nodes, nx.rescale_layout(x)))


def _spectral_start(g: nx.Graph, seed: int) -> dict:
    """Starting positions for a big layout: spectral per connected component, components side by side."""
    import numpy as np

    out: dict = {}
    components = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    cols = max(1, math.ceil(math.sqrt(len(components))))
    for n, comp in enumerate(components):
        offset = np.array([(n % cols) * 2.5, (n // cols) * 2.5]) if n else np.zeros(2)
        if len(comp) < 3:
            local = {c: np.array([0.2 * k, 0.0]) for k, c in enumerate(sorted(comp))}
        else:
            try:
                local = _spectral(g.subgraph(comp))
            except Exception:  # a degenerate component: fall back to a circle
                local = nx.circular_layout(sorted(comp))
        for node, p in local.items():
            out[node] = np.asarray(p, dtype=float) + offset
    return out


def _spectral(g: nx.Graph) -> dict:
    """`nx.spectral_layout`, with a dense symmetric eigensolver up to DENSE_SPECTRAL_MAX_NODES.

    networkx switches to ARPACK above 500 nodes, which needs tens of thousands of iterations
    to find the smallest eigenvalues of a news graph's Laplacian (over a second at 700 nodes);
    `numpy.linalg.eigh` takes 0.05 s there and 0.6 s at 2,000.
    """
    import numpy as np

    if len(g) > DENSE_SPECTRAL_MAX_NODES:
        return nx.spectral_layout(g)
    a = nx.to_numpy_array(g)
    _, vectors = np.linalg.eigh(np.diag(a.sum(axis=1)) - a)  # eigenvalues ascending; the first is 0
    return dict(zip(g, nx.rescale_layout(vectors[:, 1:3].copy())))


def _band(g: nx.Graph, seed: int) -> dict:
    """Positions in [-1, 1]^2 for actors linked to nothing laid out: a grid for many, springs for few."""
    import numpy as np

    nodes = list(g.nodes)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) <= 300:
        return nx.spring_layout(g, seed=seed, iterations=max(20, 10_000 // len(nodes)))
    cols = math.ceil(math.sqrt(len(nodes) * 4))
    rows = math.ceil(len(nodes) / cols)
    return {n: np.array([2 * (k % cols) / max(cols - 1, 1) - 1, 2 * (k // cols) / max(rows - 1, 1) - 1])
            for k, n in enumerate(nodes)}


def extend_positions(data: Data, previous: Mapping[str, Mapping[str, float]], *, gap: float = 80.0,
                     degree: Mapping[str, int] | None = None) -> dict[str, dict[str, float]]:
    """Keep the positions of actors already laid out and place the new ones beside their neighbours.

    After an upload or a merge the picture stays where the reader left it: new actors sit
    next to the actors they are linked to (or in a row below the graph when they are linked
    to none), and only they are moved to clear overlaps.

    Args:
        data: The new node-link graph (a :func:`light_data` dict is enough).
        previous: Positions of the previous version of the graph.
        gap: Distance in pixels between a new actor and the centre of its neighbours.
        degree: As :func:`node_positions` takes it.
    """
    import numpy as np

    nodes = nodes_by_id(data)
    node_ids = list(nodes)
    pos = {i: np.array([previous[i]["x"], previous[i]["y"]], dtype=float) for i in node_ids if i in previous}
    if not pos:
        return node_positions(data, gap=gap)
    fresh = [i for i in node_ids if i not in pos]
    if not fresh:
        return {i: {"x": float(p[0]), "y": float(p[1])} for i, p in pos.items()}
    links: dict[str, set[str]] = defaultdict(set)
    for edge in data.get("edges", ()):
        s, t = str(edge.get("source")), str(edge.get("target"))
        links[s].add(t)
        links[t].add(s)
    golden = math.pi * (3 - math.sqrt(5))
    placed = np.array(list(pos.values()))
    below = float(placed[:, 1].max()) + 2 * gap
    left = float(placed[:, 0].min())
    row, n, waiting = 0, 0, list(fresh)
    while waiting:  # a new actor linked only to other new actors waits until one of them is placed
        ready = [i for i in waiting if any(j in pos for j in links[i])]
        if not ready:  # linked to nothing laid out: a row below the graph
            pos[waiting[0]] = np.array([left + row * 1.6 * gap, below])
            row += 1
            ready = []
            waiting = waiting[1:]
        for i in ready:
            near = [pos[j] for j in links[i] if j in pos]
            pos[i] = np.mean(near, axis=0) + gap * np.array([math.cos(golden * n), math.sin(golden * n)])
            n += 1
        waiting = [i for i in waiting if i not in pos]
    pts = np.array([pos[i] for i in node_ids], dtype=float)
    sizes = node_sizes(data, degree)
    boxes = [label_box(node_label(nodes[i]), sizes[i]) for i in node_ids]
    movable = np.array([i not in previous for i in node_ids])
    pts = _separate(pts, boxes, rounds=60, movable=movable)
    return {i: {"x": round(float(x), 1), "y": round(float(y), 1)} for i, (x, y) in zip(node_ids, pts)}


def overview_positions(data: Data, nodes: Collection[str]) -> dict[str, dict[str, float]]:
    """Lay out only `nodes` (an overview of the most central actors) as if they were the whole graph.

    In the corpus layout the few central actors of a big graph sit far apart, among hundreds
    not drawn; on their own they fill the canvas and every label can be read.
    """
    wanted = set(nodes)
    return overview_layout([n for n in data.get("nodes", ()) if str(n.get("id")) in wanted],
                           [(str(e.get("source")), relation_of(e), str(e.get("target"))) for e in data.get("edges", ())
                            if str(e.get("source")) in wanted and str(e.get("target")) in wanted])


def overview_layout(nodes: Sequence[Mapping[str, Any]], edges: Iterable[tuple[str, str, str]],
                    base: Mapping[str, Mapping[str, float]] | None = None) -> dict[str, dict[str, float]]:
    """Lay out an overview's actors (light node dicts) and the ``(source, relation, target)`` between them.

    With `base`, the layout of the same overview without some of its actors (a selected actor
    drawn beside the most central ones), those keep their places and the others are set beside
    their neighbours: selecting an actor adds it to the picture and moves nothing else.
    """
    data = {"nodes": list(nodes), "edges": [{"source": s, "relation": r, "target": t} for s, r, t in edges]}
    return extend_positions(data, base) if base else node_positions(data, fit=OVERVIEW_FIT)
