"""The counts the page makes once per corpus version (`ui.tallies`, numpy over the filter engine's
arrays) are the counts `ui.elements` and `ui.communities` make from the light node-link data: on
the seeds (read as the explorer reads them, and every sentence held), a generated corpus before
and after curation, and the hand-made sample graph."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from graph.curation import apply_curation
from graph.index import EdgeIndex
from graph.ontology import WEAK_RELATIONS
from graph.query import date_bounds
from graph.store import Store
from tests.test_aggregates import article
from ui import communities, elements, tallies
from ui.filters import month_range


def same_counts(g):
    """Every tally of `g`'s index equals the count made from its light data."""
    light = elements.light_data(g)
    index = EdgeIndex(g, month_range(*date_bounds(g)) if date_bounds(g) else ())
    assert list(tallies.relation_counts(index).items()) == list(elements.relation_counts(light).items())
    assert tallies.graph_stats(index) == elements.graph_stats(light)
    degree = Counter()
    for e in light["edges"]:
        if elements.relation_of(e) not in WEAK_RELATIONS:
            degree[e["source"]] += 1
            degree[e["target"]] += 1
    assert {n: d for n, d in tallies.typed_degree(index).items() if d} == dict(degree)
    assert elements.node_sizes(light, tallies.typed_degree(index)) == elements.node_sizes(light)
    assert tallies.most_articles(index) == max((e["articles"] for e in light["edges"]), default=0)
    fast, slow = tallies.typed_pairs(index), communities.typed_pairs(light)
    assert list(fast.nodes) == list(slow.nodes) and list(fast.edges(data=True)) == list(slow.edges(data=True))
    found = communities.communities(light, pairs=fast)
    assert found == communities.communities(light) and len(found) > 1
    assert communities.community_colours(light, pairs=fast) == communities.community_colours(light)
    return light, index


@pytest.mark.parametrize("lazy", [False, True])
def test_the_tallies_equal_the_light_data_counts_on_the_seeds(seed_corpus, lazy):
    with Store(seed_corpus, create=False, read_only=True) as store:
        light, _ = same_counts(store.graph(lazy=lazy))
    assert any(elements.relation_of(e) in WEAK_RELATIONS for e in light["edges"])


def test_the_tallies_equal_the_light_data_counts_on_a_generated_corpus_and_curated(tmp_path):
    rng = random.Random(11)
    with Store(tmp_path / "gen.db") as store:
        store.add([article(n, rng) for n in range(80)])
        raw = store.graph(lazy=True)
    same_counts(raw)
    merged = apply_curation(raw, [{"op": "merge", "keep": "actor-0", "drop": "actor-1"},
                                  {"op": "merge", "keep": "actor-4", "drop": "actor-6"}]).graph
    light, index = same_counts(merged)
    assert "actor-1" not in index.node_index and index.n_edges < raw.number_of_edges()


def test_the_tallies_equal_the_light_data_counts_on_the_sample_graph(sample_g):
    same_counts(sample_g)
