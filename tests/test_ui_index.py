"""The array index gives the answers of graph.query (filter, reach, budget, ranking), only faster."""
from __future__ import annotations

import itertools
import random

import networkx as nx
import numpy as np
import pytest

from graph.rules import documents_between
from graph.query import central_actors, display_subgraph, expand, filter_graph, neighbourhood
from graph.store import Store
from ui.filters import month_range
from graph.index import EdgeIndex, release
from graph.memo import Memo

TYPES = ("GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON", "WEAPON", "LOC")
TYPED = ("supports", "cooperates", "negotiates", "supplies", "acquires", "requests", "opposes", "criticizes",
         "threatens", "sanctions", "attacks", "member_of", "leads", "part_of", "located_in")


def choices(months, rng, n=40):
    """Filter choices: relation and type subsets, date spans (month positions), minimum articles."""
    last = len(months) - 1
    out = [(TYPED, TYPES, None, 1), (TYPED + ("co_mentioned",), TYPES, None, 1), ((), TYPES, None, 1),
           (TYPED, (), None, 1), (TYPED, TYPES, None, 2), (TYPED, TYPES, (0, 0), 1), (TYPED, TYPES, (last, last), 1)]
    while len(out) < n:
        relations = tuple(r for r in TYPED + ("co_mentioned",) if rng.random() < 0.7)
        types = tuple(t for t in TYPES if rng.random() < 0.8)
        lo = rng.randint(0, last)
        span = None if rng.random() < 0.3 else (lo, rng.randint(lo, last))
        out.append((relations, types, span, rng.choice((1, 1, 2, 3))))
    return out


def domain(g, months, relations, types, span, least, keep=()):
    dates = (months[span[0]], months[span[1]]) if span else None
    return filter_graph(g, relations=relations, entity_types=types, date_range=dates, min_articles=least,
                        include_co_mentions="co_mentioned" in relations, keep=keep)


def check_same(g, index, months, relations, types, span, least, keep=()):
    fg = domain(g, months, relations, types, span, least, keep)
    s = index.survivors(relations=relations, types=types, months=span, min_articles=least, keep=keep)
    kept = {index.edge(i)[:3]: i for i in np.flatnonzero(s.edges)}
    assert set(kept) == set(fg.edges(keys=True))
    for (a, b, k), i in kept.items():
        assert (int(s.weight[i]), int(s.articles[i])) == (fg.edges[a, b, k]["weight"], fg.edges[a, b, k]["articles"])
    assert {index.nodes[i] for i in np.flatnonzero(s.nodes)} == set(fg.nodes)
    return fg, s


@pytest.fixture(scope="module")
def seed_graph(seed_corpus):
    with Store(seed_corpus) as store:
        return store.graph()


def tricky_graph() -> nx.MultiDiGraph:
    """Year-only and undated articles, an agency hanging on its state, a multi-article edge."""
    g = nx.MultiDiGraph()
    g.graph["documents"] = {"d1": {"date": "2019-03"}, "d2": {"date": "2019"}, "d3": {"date": None},
                            "d4": {"date": "2020-01-15"}}
    for n, t in (("a", "GPE"), ("b", "GPE"), ("c", "ORG"), ("p", "PERSON")):
        g.add_node(n, type=t, label=n.upper())

    def ev(doc, i=0):
        return {"doc_id": doc, "sentence": "s", "start": i}
    g.add_edge("a", "b", key="supports", relation="supports", weight=3, articles=3,
               evidence=[ev("d1"), ev("d2"), ev("d3")])
    g.add_edge("b", "a", key="opposes", relation="opposes", weight=2, articles=1, evidence=[ev("d4"), ev("d4", 5)])
    g.add_edge("c", "a", key="part_of", relation="part_of", weight=1, articles=0, evidence=[])
    g.add_edge("p", "c", key="member_of", relation="member_of", weight=1, articles=1, evidence=[ev("d2")])
    g.add_edge("p", "b", key="co_mentioned", relation="co_mentioned", weight=1, articles=1, evidence=[ev("d3")])
    return g


@pytest.mark.parametrize("prepared", [False, True])
def test_filtering_matches_filter_graph_on_a_tricky_graph(prepared):
    """(also once the index has made what date filters use before any is asked: `prepare_periods`)"""
    g = tricky_graph()
    months = month_range("2019-03", "2020-01")
    index = EdgeIndex(g, months)
    if prepared:
        index.prepare_periods()
    rng = random.Random(3)
    for relations, types, span, least in choices(months, rng, 60):
        check_same(g, index, months, relations, types, span, least)
    check_same(g, index, months, ("supports",), ("PERSON",), (0, 3), 1, keep=("a", "p"))


@pytest.mark.parametrize("prepared", [False, True])
@pytest.mark.parametrize("which", ["sample", "seeds"])
def test_filtering_matches_filter_graph(which, prepared, sample_g, seed_graph):
    g = sample_g if which == "sample" else seed_graph
    dates = sorted(d["date"] for d in g.graph["documents"].values() if d.get("date"))
    months = month_range(dates[0], dates[-1])
    index = EdgeIndex(g, months)
    if prepared:
        index.prepare_periods()
    for relations, types, span, least in choices(months, random.Random(7)):
        check_same(g, index, months, relations, types, span, least)
    check_same(g, index, months, ("acquires",), TYPES, None, 1, keep=("james-jeffrey",))


@pytest.mark.parametrize("which", ["sample", "seeds"])
def test_reach_budget_and_ranking_match_graph_query(which, sample_g, seed_graph):
    g = sample_g if which == "sample" else seed_graph
    dates = sorted(d["date"] for d in g.graph["documents"].values() if d.get("date"))
    months = month_range(dates[0], dates[-1])
    index = EdgeIndex(g, months)
    rng = random.Random(11)
    for relations, types, span, least in choices(months, rng, 15):
        fg, s = check_same(g, index, months, relations, types, span, least)
        everyone = s.nodes
        assert index.central(s, top=10, exclude_types=("LOC",)) == central_actors(fg, top=10, exclude_types=("LOC",))
        for budget, focus in itertools.product((3, 8, 1000), (None, *list(fg.nodes)[:2])):
            mask, truncated = index.budgeted(s, everyone, budget, focus)
            sub, expected = display_subgraph(fg, budget=budget, focus=focus)
            assert truncated == expected
            assert {index.nodes[i] for i in np.flatnonzero(mask)} == set(sub.nodes)
        for node in list(fg.nodes)[:4]:
            for hops in (1, 2, 3):
                mask = index.neighbourhood(s, node, hops)
                assert {index.nodes[i] for i in np.flatnonzero(mask)} == neighbourhood(fg, node, hops)
            other = next(iter(fg.nodes))
            mask = index.neighbourhood(s, node, 1, [other])
            assert {index.nodes[i] for i in np.flatnonzero(mask)} == expand(fg, neighbourhood(fg, node, 1), other)


def test_the_strongest_edges_are_drawn_first(sample_g):
    index = EdgeIndex(sample_g, month_range("2016-07", "2020-02"))
    s = index.survivors(relations=TYPED, types=TYPES, months=None, min_articles=1)
    every, total = index.drawn_edges(s, s.nodes, 10_000)
    few, same_total = index.drawn_edges(s, s.nodes, 4)
    assert total == same_total == len(every) and len(few) == 4
    # by default the evidence that holds ranks them; with the counting toggle, every sentence
    for everything in (False, True):
        weight, articles = s.strength(everything)
        few, _ = index.drawn_edges(s, s.nodes, 4, everything=everything)
        strength = sorted(((int(articles[i]), int(weight[i])) for i in every), reverse=True)
        assert sorted(((int(articles[i]), int(weight[i])) for i in few), reverse=True) == strength[:4]


def test_articles_in_a_month_range():
    index = EdgeIndex(tricky_graph(), month_range("2019-03", "2020-01"))
    assert index.documents_in((0, 0)) == {"d1", "d2"}  # March 2019; d2 is dated only by its year
    assert index.documents_in((10, 10)) == {"d4"}


def test_a_period_counted_by_month_numbers_is_the_period_walked():
    """The slider's periods (whole months or years) pick rows by month number; that is the same
    as asking the period about each article, year-only and undated ones included."""
    g = tricky_graph()
    index = EdgeIndex(g, month_range("2019-03", "2020-01"))
    dates = {doc: meta["date"] for doc, meta in g.graph["documents"].items()}
    for first, last in (("2019-03", "2019-03"), ("2019", "2019"), ("2019-04", "2020-01"), (None, "2019-12"),
                        ("2020-01", None), ("2018", "2018-12"), ("2019-03-10", "2019-03-20")):
        period = index.period(first, last)
        assert period.monthly == (len(first or "") <= 7 and len(last or "") <= 7)
        assert index._in_period(period).tolist() == index._in_period(frozenset(period)).tolist()
        assert set(period) == documents_between(dates, first, last)
        assert all((doc in period) == (doc in documents_between(dates, first, last)) for doc in dates)


def test_a_released_graph_is_freed_by_reference_counting_alone():
    import gc
    import weakref

    def graph_with_views():
        g = nx.MultiDiGraph()
        g.add_edge("a", "b", key="supports", evidence=[{"sentence": "A backs B."}])
        assert list(g.nodes) and list(g.edges) and g.succ["a"] and g.pred["b"] and dict(g.degree)
        return g
    gc.disable()
    try:
        g = graph_with_views()
        unreleased = weakref.ref(g)
        del g
        assert unreleased() is not None  # its views keep it in a reference cycle
        g = graph_with_views()
        released = weakref.ref(g)
        release(g)
        assert list(g.edges(keys=True)) == [("a", "b", "supports")]  # still a whole graph
        release(g)
        del g
        assert released() is None
    finally:
        gc.enable()
    release({"not": "a graph"})  # anything else is left alone


def test_a_memo_hands_over_what_it_lets_go():
    gone = []
    memo = Memo(2, evicted=gone.append)
    for key in "abc":
        memo.get(key, lambda key=key: key.upper())
    assert gone == ["A"] and memo.peek("b") == "B"
    memo.get("d", lambda: "D")  # "b" was used last: "c" goes
    assert gone == ["A", "C"] and len(memo) == 2
    assert Memo(1).get("x", lambda: 1) == 1  # no one to tell
