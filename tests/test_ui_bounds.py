"""Bounds on what a client sends: path counts, names, report sizes, error text."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from graph.read import IngestError
from graph.store import Store
from ui.articles import MAX_REPORTED, upload_report
from ui.source import CorpusSource, CurationRefused
from ui.state import MAX_PATHS
from helpers import status_after_error  # noqa: E402

from test_ui_callbacks import panel  # noqa: E402
from test_ui_elements import by_class, text_of  # noqa: E402


@pytest.fixture
def source(sample_graph):
    return CorpusSource(data=sample_graph)


@pytest.mark.parametrize("k", [10**9, 10_000, -5, "abc", None, [3]])
def test_a_crafted_path_count_is_clamped_where_the_paths_are_computed(source, k):
    corpus = source.current()
    f = corpus.filters(list(corpus.default_relations), list(corpus.entity_types), [0, len(corpus.months) - 1], 1)
    paths = corpus.paths(f, frozenset(), "united-states", "russia", k)
    assert 1 <= len(paths) <= MAX_PATHS
    result = panel(source, {"kind": "path", "id": "united-states,russia", "k": k})
    assert "How is United States connected to Russia?" in text_of(result) and "invalid literal" not in text_of(result)


def test_a_rename_over_200_characters_is_refused_and_nothing_is_kept(seed_store_copy):
    source = CorpusSource(store_path=seed_store_copy)
    with pytest.raises(CurationRefused, match="at most 200 characters"):
        source.curate({"op": "rename", "id": "turkey", "label": "x" * 5_000_000})
    source.curate({"op": "rename", "id": "turkey", "label": "T" * 200})
    with Store(seed_store_copy, create=False) as store:
        assert [len(a["label"]) for a in store.curation_log()] == [200]


def test_an_upload_report_lists_20_problems_and_counts_the_rest():
    errors = tuple(IngestError("items.json", f"item {i} has no 'text' string") for i in range(660_000))
    report = upload_report(SimpleNamespace(added=0, replaced=0, unchanged=0, errors=errors, notes=()))
    rows = [text_of(e) for e in by_class(report, "upload-error")]
    assert len(rows) == MAX_REPORTED + 1 == 21 and rows[-1] == "… and 659,980 more like it"


def test_a_failing_callback_never_shows_python_exception_text():
    message = status_after_error(ValueError("invalid literal for int() with base 10: 'abc'"))["children"]
    assert "invalid literal" not in message and "Something went wrong" in message
