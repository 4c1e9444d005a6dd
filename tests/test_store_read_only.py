"""Stores on read-only paths: `build --db`, `serve --read-only` open them read-only and never write."""
from __future__ import annotations

import hashlib

import pytest

import cli.main as cli_main
import graph.store as store_module
from graph.store import Store, StoreError
from ui.access import Access
from ui.source import CorpusSource


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_store_opened_read_only_is_read_and_never_written(seed_store_copy):
    before = _digest(seed_store_copy)
    with Store(seed_store_copy, read_only=True) as store:
        assert store.graph().number_of_nodes() > 10
        with pytest.raises(StoreError):
            store.append_curation({"op": "rename", "id": "turkey", "label": "T"})
    assert _digest(seed_store_copy) == before


def test_a_store_in_a_folder_that_cannot_be_written_opens_immutable(seed_store_copy, monkeypatch):
    monkeypatch.setattr(store_module.os, "access", lambda *a, **k: False)  # as a read-only mount answers
    with Store(seed_store_copy, read_only=True) as store:
        assert store.counts()["documents"] == 5
    assert sorted(p.name for p in seed_store_copy.parent.iterdir()) == ["corpus.db"]  # no -wal, no -shm


def test_a_missing_store_is_not_created_when_opened_read_only(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "none.db", read_only=True)
    assert not (tmp_path / "none.db").exists()


def test_build_from_a_store_opens_it_read_only(seed_store_copy, tmp_path, monkeypatch):
    opened = []
    real = Store.__init__

    def spy(self, path, **kw):
        opened.append(kw.get("read_only"))
        real(self, path, **kw)
    monkeypatch.setattr(Store, "__init__", spy)
    assert cli_main.main(["build", "--db", str(seed_store_copy), "--out", str(tmp_path / "g.json")]) == 0
    assert opened == [True] and (tmp_path / "g.json").stat().st_size > 1000


def test_serve_read_only_reads_the_store_read_only(seed_store_copy):
    before = _digest(seed_store_copy)
    source = CorpusSource(store_path=seed_store_copy, access=Access(read_only=True))
    assert source.current().stats["articles"] == 5 and not source.writable
    with source._open() as store:
        assert store.read_only
    assert _digest(seed_store_copy) == before


def test_an_open_page_offers_a_refresh_when_another_ingest_added_articles(seed_store_copy, nlp):
    from graph.read import read_bytes
    from ui.callbacks.canvas import notice_newer

    source = CorpusSource(store_path=seed_store_copy)
    shown = source.current().version
    assert notice_newer(1, shown, source=source) is None
    with Store(seed_store_copy) as other:  # another process's ingest
        other.ingest(read_bytes("new.txt", b"Greece criticized Turkey over the drilling near Cyprus.").documents,
                     nlp=nlp)
    notice = notice_newer(2, shown, source=source)
    assert notice.children == "1 new article — refresh" and notice.href == ""
    assert notice_newer(3, source.current().version, source=source) is None  # after the refresh


def test_an_open_page_offers_a_refresh_after_another_session_curated(seed_store_copy):
    from ui.callbacks.canvas import notice_newer

    source = CorpusSource(store_path=seed_store_copy)
    shown = source.current().version
    with Store(seed_store_copy) as other:
        other.append_curation({"op": "rename", "id": "turkey", "label": "Türkiye"})
    assert notice_newer(1, shown, source=source).children == "The corpus changed — refresh"
