"""The explorer's benchmark rows: start-up and the server time of filter changes and clicks."""
from __future__ import annotations

import pytest

import ui.corpus
from graph.index import EdgeIndex
from graph.store import Store
from cli.perf import _p95, bench_app, main


def test_bench_app_measures_start_up_filter_changes_and_clicks_without_the_whole_graph(seed_store_copy,
                                                                                      monkeypatch):
    # the page, a filter change and a click read the store's edges from the index's arrays: the
    # graph of every edge is never made
    monkeypatch.setattr(EdgeIndex, "whole", lambda self: pytest.fail("the whole graph was made"))
    monkeypatch.setattr(ui.corpus, "OVERVIEW_BUDGET", 8)  # the seeds open on an overview, with pair edges
    rows = bench_app(seed_store_copy, calls=5)
    names = [name for name, _, _ in rows]
    assert names[0].startswith("app start-up")
    for interaction in ("filter change", "node click", "edge click", "overview pair click"):
        assert f"{interaction}, server time, median of 5" in names
        assert f"{interaction}, server time, p95 of 5" in names
    assert all(isinstance(value, float) and value >= 0 for _, value, _ in rows)
    assert {unit for _, _, unit in rows} >= {"s", "ms"}
    with Store(seed_store_copy) as store:
        assert store.counts()["curation"] == 0  # measured on a copy: the store is untouched


def test_p95_of_a_few_values():
    assert _p95([5.0, 1.0, 3.0]) == 5.0
    assert _p95([float(i) for i in range(1, 101)]) == 95.0


def test_the_command_needs_a_store(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
