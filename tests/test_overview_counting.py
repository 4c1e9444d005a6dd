"""Issue 12, below the browser: the overview's one edge per pair, the layout choice, and what
centrality and edge width count (sentences that hold, or every one with the toggle)."""
from __future__ import annotations

import math

import numpy as np

from graph.index import EdgeIndex
from graph.query import central_actors
from tests.test_reading_units import ev, graph
from ui import ids
from ui.corpus import Corpus
from ui.pairs import COOPERATION, CONFLICT, pair_element
from ui.preset_layouts import preset_positions
from ui.selection import resolve_selection

TYPED = ("cooperates", "attacks", "supports", "criticizes")


def kept(index):
    return index.survivors(relations=TYPED, types=("GPE",), months=None, min_articles=1)


def test_a_pair_is_one_overview_edge_with_net_stance_and_width_from_what_holds():
    g = graph([("a", "cooperates", "b", [ev("d1"), ev("d2")]),
               ("b", "attacks", "a", [ev("d1", negated=True)]),
               ("a", "criticizes", "c", [ev("d2"), ev("d3", modality="reported")])])
    index = EdgeIndex(g, ())
    s = kept(index)
    pairs = index.pairs(s, s.nodes)
    ab = next(p for p in pairs if {p.source, p.target} == {"a", "b"})
    assert len(pairs) == 2 and ab.evidence == 2 and ab.net == 2 and ab.relations == (("cooperates", 2),)
    ac = next(p for p in pairs if {p.source, p.target} == {"a", "c"})
    assert ac.evidence == 2 and ac.net == -2
    element, other = pair_element(ab, {}), pair_element(ac, {})
    assert element["data"]["colour"] == COOPERATION and other["data"]["colour"] == CONFLICT
    # with the toggle the negated attack counts: three sentences, cooperation 2 minus conflict 1
    ab_all = next(p for p in index.pairs(s, s.nodes, everything=True) if {p.source, p.target} == {"a", "b"})
    assert ab_all.evidence == 3 and ab_all.net == 1 and dict(ab_all.relations) == {"cooperates": 2, "attacks": 1}
    assert pair_element(ab_all, {})["data"]["width"] > element["data"]["width"]


def test_a_pair_whose_only_sentence_is_negated_is_no_overview_edge_unless_counted():
    g = graph([("a", "attacks", "b", [ev("d1", negated=True)]), ("a", "cooperates", "c", [ev("d1")])])
    index = EdgeIndex(g, ())
    s = kept(index)
    assert [{p.source, p.target} for p in index.pairs(s, s.nodes)] == [{"a", "c"}]
    assert len(index.pairs(s, s.nodes, everything=True)) == 2


def test_a_negated_only_edge_adds_nothing_to_centrality_or_width_by_default():
    g = graph([("a", "attacks", "b", [ev("d1", negated=True), ev("d2", modality="future")]),
               ("c", "cooperates", "d", [ev("d1")])])
    index = EdgeIndex(g, ())
    s = kept(index)
    assert [n for n, *_ in index.central(s, top=10)] == ["c", "d"]  # a and b count nothing
    assert {n: w for n, _, w in index.central(s, top=10, everything=True)} == {"a": 2, "b": 2, "c": 1, "d": 1}
    assert [n for n, *_ in central_actors(g, top=10)] == ["c", "d"]  # the networkx ranking agrees
    attack = index.position("a|attacks|b")
    assert s.held[attack] == 0 and s.held_articles[attack] == 0 and s.weight[attack] == 2
    corpus = Corpus(g)
    f = corpus.filters(TYPED, ("GPE",))
    widths = {}
    for everything in (False, True):
        view = corpus.view(f, corpus.view_spec(None, everything=everything), None)
        edge = next(e for e in corpus.elements(view, f) if e["data"].get("id") == "a|attacks|b")
        widths[everything] = edge["data"]["width"]
    assert widths[False] < widths[True]  # thinnest by default; two articles' width with the toggle
    assert corpus.central(f)[0][0] in ("c", "d") and corpus.central(f, everything=True)[0][0] in ("a", "b")


def star():
    """A hub linked to six actors by several sentences, the six linked in a ring by one each."""
    spokes = [("hub", "cooperates", f"n{i}", [ev("d1"), ev("d2"), ev("d3")]) for i in range(6)]
    ring = [(f"n{i}", "supports", f"n{(i + 1) % 6}", [ev("d1")]) for i in range(6)]
    return graph(spokes + ring)


def test_concentric_puts_the_most_central_actor_in_the_middle():
    corpus = Corpus(star())
    f = corpus.filters(TYPED, ("GPE",))
    view = corpus.view(f, corpus.view_spec(None, layout="concentric"), None)
    pos = view.positions
    dist = {n: math.hypot(p["x"] - pos["hub"]["x"], p["y"] - pos["hub"]["y"]) for n, p in pos.items()}
    centre = np.mean([[p["x"], p["y"]] for p in pos.values()], axis=0)
    assert min(pos, key=lambda n: math.hypot(pos[n]["x"] - centre[0], pos[n]["y"] - centre[1])) == "hub"
    assert min(d for n, d in dist.items() if n != "hub") > 100  # the rest on a ring, labels clear of each other
    force = corpus.view(f, corpus.view_spec(None), None)
    assert force.positions is None and force.key != view.key


def test_by_community_each_community_sits_together():
    # two tight triangles joined by one thin link: two communities, each gathered in its own place
    tri = lambda a, b, c: [(a, "cooperates", b, [ev("d1")] * 3), (b, "cooperates", c, [ev("d1")] * 3),
                           (a, "cooperates", c, [ev("d1")] * 3)]
    g = graph(tri("a1", "a2", "a3") + tri("b1", "b2", "b3") + [("a1", "criticizes", "b1", [ev("d2")])])
    corpus = Corpus(g)
    pos = preset_positions(corpus.light, list(corpus.labels), "community", {n: 1 for n in corpus.labels})
    pts = {n: np.array([p["x"], p["y"]]) for n, p in pos.items()}
    middle = {grp: np.mean([p for n, p in pts.items() if n[0] == grp], axis=0) for grp in "ab"}
    other = {"a": "b", "b": "a"}
    # every actor sits nearer the middle of its own community than the other's
    assert all(np.linalg.norm(p - middle[n[0]]) < np.linalg.norm(p - middle[other[n[0]]]) for n, p in pts.items())


def test_tapping_a_pair_edge_selects_the_pair():
    selection, _ = resolve_selection(ids.CANVAS, "tapEdgeData", {"id": "pair:a,b", "pair": "a,b"}, None)
    assert selection["kind"] == "dyad" and selection["id"] == "a,b" and selection["via"] == "tap"
    edge, _ = resolve_selection(ids.CANVAS, "tapEdgeData", {"id": "a|attacks|b"}, None)
    assert edge["kind"] == "edge"


def test_the_corpus_layout_from_one_link_per_pair_is_the_layout_from_every_edge(seed_store_copy):
    """A layout springs one link per pair of actors and kind, so the corpus is laid out from a
    few links (`EdgeIndex.layout_links`): the picture every edge gives, sizes included."""
    from ui.positions import node_positions
    from ui.source import CorpusSource
    from ui.tallies import typed_degree

    corpus = CorpusSource(store_path=seed_store_copy).current()
    every = corpus.light_with_edges()
    links = corpus.index.layout_links()
    assert len(links) < len(every["edges"])  # the seeds' pairs have several relations
    assert node_positions(every) == node_positions(corpus._layout_data(), degree=typed_degree(corpus.index))
