"""The SQLite corpus store: round trip, schema upgrade, incremental ingest, crashes, concurrency."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import spacy

from graph import pipeline
from graph.build import build_graph
from graph.export import to_node_link
from tests.helpers import without_ingest_times
from graph.models import Document, Entity, Evidence, Extraction, Mention, Relation
from graph.parse import iter_extractions
from graph.pipeline import ingest_paths, read_articles, seed_store
from graph.store import SCHEMA_VERSION, Store, StoreError

ROOT = Path(__file__).resolve().parents[1]
STATES = ("Turkey", "Russia", "Greece", "Iran", "Israel", "Egypt", "France", "India")


class CountingNlp:
    """A small fast pipeline (sentences + a ruler for a few states) that counts what it parses."""

    def __init__(self):
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": s} for s in STATES])
        self.parsed: list[str] = []

    def pipe(self, texts, **options):
        texts = list(texts)
        self.parsed += texts
        return self.nlp.pipe(texts, batch_size=options.get("batch_size", 16))


def _article(i: int) -> str:
    a, b, c = STATES[i % 8], STATES[(i + 3) % 8], STATES[(i + 5) % 8]
    return f"Talks number {i}\n\n{a} criticized {b} over the talks. {c} urged {a} to agree. {b} and {c} met on day {i}."


def _write_corpus(folder: Path, n: int, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"a{i:04d}.txt").write_text(_article(i), encoding="utf-8")
    return folder


def _doc(i, text="US backs Turkey. Russia objects."):
    return Document(id=f"d{i}", title=f"Article {i}", text=text, source=f"{i}.txt", outlet="Wire",
                    date="2020-02", url=f"https://example.org/{i}")


def _handmade() -> list[Extraction]:
    """Two extractions exercising every field: negation, modality, speaker, no trigger span."""
    us, tr, pent = (Entity("united-states", "United States", "GPE"), Entity("turkey", "Turkey", "GPE"),
                    Entity("pentagon", "Pentagon", "ORG", part_of="united-states"))
    d1, d2 = _doc(1), Document(id="d2", title="Two", text="The Pentagon did not back Turkey.", source="b.jsonl#3")
    ev1 = Evidence(doc_id="d1", source="1.txt", sentence="US backs Turkey.", start=0, end=16, subject_span=(0, 2),
                   object_span=(9, 15), trigger_span=(3, 8), trigger="backs", negated=False,
                   modality="reported", confidence=0.85, rule="svo", speaker="Reuters")
    ev2 = Evidence(doc_id="d2", source="b.jsonl#3", sentence="The Pentagon did not back Turkey.", start=0,
                   end=33, subject_span=(4, 12), object_span=(26, 32), trigger_span=(21, 25), trigger="back",
                   negated=True, modality="hypothetical", confidence=0.7, rule="svo")
    co = Evidence(doc_id="d1", source="1.txt", sentence="US backs Turkey.", start=0, end=16, subject_span=(0, 2),
                  object_span=(9, 15), trigger_span=None, trigger="", confidence=0.3, rule="co_mentioned")
    return [
        Extraction(d1, (tr, us), (Mention("united-states", "d1", 0, 2, "US"),
                                  Mention("turkey", "d1", 9, 15, "Turkey", "demonym")),
                   (Relation("united-states", "supports", "turkey", ev1),
                    Relation("united-states", "co_mentioned", "turkey", co))),
        Extraction(d2, (pent, tr),
                   (Mention("pentagon", "d2", 4, 12, "Pentagon"), Mention("turkey", "d2", 26, 32, "Turkey")),
                   (Relation("pentagon", "supports", "turkey", ev2),)),
    ]


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


# ---- round trip ----------------------------------------------------------------------------
def test_stored_extractions_read_back_equal_with_every_evidence_field(tmp_path):
    xs = _handmade()
    with Store(tmp_path / "s.db") as store:
        report = store.add(xs)
        assert (report.added, report.replaced, report.unchanged) == (2, 0, 0)
    with Store(tmp_path / "s.db", create=False) as store:
        assert store.extractions() == xs
        assert without_ingest_times(store.graph()) == to_node_link(build_graph(xs))


def test_the_graph_read_from_the_tables_is_the_graph_built_from_the_records(tmp_path):
    xs = _handmade()
    first = xs[0]
    renamed = Extraction(_doc(3, "Türkiye and Iran talked."), (Entity("turkey", "Türkiye", "GPE"),),
                         (Mention("turkey", "d3", 0, 7, "Türkiye"),),
                         # an end that names no listed entity is dropped on both paths
                         (Relation("turkey", "negotiates", "iran", replace(first.relations[0].evidence, doc_id="d3")),))
    with Store(tmp_path / "s.db") as store:
        store.add(xs)
        store.add([renamed])
        store.add([replace(first, document=replace(first.document, id="d1-edited"))], origins={"d1-edited": "1.txt"})
        stored = store.extractions()
        g = store.graph()
    assert [x.document.id for x in stored] == ["d2", "d3", "d1-edited"]
    assert without_ingest_times(g) == to_node_link(build_graph(stored))
    assert g.nodes["turkey"]["label"] == "Turkey"  # the first record of an entity, in ingest order
    assert g.nodes["turkey"]["aliases"] == ["Turkey", "Türkiye"] and g.nodes["turkey"]["mentions"] == 3
    assert "iran" not in g and g.edges["united-states", "turkey", "supports"]["evidence"][0]["doc_id"] == "d1-edited"


def test_one_document_is_read_back_alone(tmp_path):
    xs = _handmade()
    with Store(tmp_path / "s.db") as store:
        store.add(xs)
        assert store.extraction("d2") == xs[1] and store.extraction("d1") == xs[0]
        assert store.extraction("nope") is None


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    """The seed store as `python app.py` builds it, in a private cache folder."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSGRAPH_CACHE", str(cache))
        # pinned: the real name hashes graph/*.py, which other work may touch mid-run
        mp.setattr(pipeline, "seed_store_path", lambda: cache / "seeds-test.db")
        store = seed_store()
    with store:
        yield store


def test_seed_store_reads_back_the_same_graph_as_build_graph_on_the_extractions(seeds_store):
    from graph.nlp import load_pipeline

    documents = read_articles([pipeline.SEEDS_DIR]).documents
    xs = list(iter_extractions(documents, nlp=load_pipeline()))
    assert seeds_store.extractions() == xs
    assert without_ingest_times(seeds_store.graph()) == to_node_link(build_graph(xs))
    assert seeds_store.counts()["relations"] == sum(len(x.relations) for x in xs) > 100


def test_two_worker_processes_store_what_one_process_stores(seeds_store, tmp_path):
    from graph.nlp import load_pipeline

    articles = read_articles([pipeline.SEEDS_DIR])
    with Store(tmp_path / "w.db") as store:
        report = store.ingest(articles.documents, nlp=load_pipeline(), origins=articles.origins, workers=2,
                              batch_size=2)
        assert report.added == 5 and not report.errors
        assert store.extractions() == seeds_store.extractions()


def test_seed_store_is_reused_without_loading_the_model(seeds_store, monkeypatch):
    monkeypatch.setattr(pipeline, "load_pipeline", lambda *a, **k: pytest.fail("the model was loaded"))
    monkeypatch.setattr(pipeline, "seed_store_path", lambda: seeds_store.path)
    with seed_store() as again:
        assert again.counts()["documents"] == 5


def test_seed_store_name_changes_with_the_seed_content(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(_article(1))
    monkeypatch.setattr(pipeline, "SEEDS_DIR", seeds)
    before = pipeline.seed_store_path()
    assert before.parent == tmp_path / "cache" and before == pipeline.seed_store_path()
    (seeds / "a.txt").write_text(_article(2))
    assert pipeline.seed_store_path() != before


def _seed_setup(tmp_path, monkeypatch, name):
    """Two small seed articles, a private cache and a counting pipeline; returns the pipeline."""
    seeds = _write_corpus(tmp_path / "seeds", 2)
    monkeypatch.setattr(pipeline, "SEEDS_DIR", seeds)
    nlp = CountingNlp()
    monkeypatch.setattr(pipeline, "load_pipeline", lambda *a, **k: nlp)
    monkeypatch.setattr(pipeline, "seed_store_path", lambda: tmp_path / "cache" / name)
    return nlp


def test_a_new_seed_store_keeps_the_uploads_and_curation_of_the_one_before(tmp_path, monkeypatch):
    nlp = _seed_setup(tmp_path, monkeypatch, "seeds-old.db")
    upload = Document(id="up1", title="Upload", text="Greece criticized Egypt. Iran and India met.",
                      source="mine.txt")
    with seed_store() as store:
        store.ingest([upload], nlp=nlp, origins={"up1": "upload:mine.txt"})
        for action in ({"op": "rename", "id": "turkey", "label": "Türkiye"}, {"op": "undo"}, {"op": "redo"}):
            store.append_curation(action)
        log = store.curation_log()
    # new code (or seeds): a store of another name is built, and the old one's additions move in
    monkeypatch.setattr(pipeline, "seed_store_path", lambda: tmp_path / "cache" / "seeds-new.db")
    nlp.parsed.clear()
    with seed_store() as store:
        assert store.curation_log() == log
        assert store.counts()["documents"] == 3 and ("up1" in store.document_ids())
        assert [origin for d, origin in store.documents() if d.id == "up1"] == ["upload:mine.txt"]
    assert upload.text in nlp.parsed  # parsed again by the code of today
    assert sorted(p.name for p in (tmp_path / "cache").glob("seeds-*.db")) == ["seeds-new.db"]


def test_an_unreadable_old_seed_store_is_left_in_place_and_the_seeds_still_open(tmp_path, monkeypatch, caplog):
    _seed_setup(tmp_path, monkeypatch, "seeds-new.db")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "seeds-old.db").write_bytes(b"not a database at all" * 100)
    with seed_store() as store:
        assert store.counts()["documents"] == 2 and not store.curation_log()
    assert "seeds-old.db" in caplog.text and (tmp_path / "cache" / "seeds-old.db").exists()


def test_seed_graph_falls_back_to_memory_when_the_cache_is_not_writable(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(blocker / "cache"))
    nlp = CountingNlp()
    monkeypatch.setattr(pipeline, "load_pipeline", lambda *a, **k: nlp)
    pipeline._seed_graph_json.cache_clear()
    try:
        data = pipeline.build_seed_graph()
    finally:
        pipeline._seed_graph_json.cache_clear()
    assert len(data["graph"]["documents"]) == 5 and len(nlp.parsed) == 5


# ---- schema ----------------------------------------------------------------------------------
V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
CREATE TABLE documents (id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL, outlet TEXT,
                        date TEXT, url TEXT, text TEXT NOT NULL);
CREATE TABLE entities (doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE, id TEXT NOT NULL,
                       label TEXT NOT NULL, type TEXT NOT NULL, part_of TEXT);
CREATE INDEX entities_doc ON entities (doc_id);
CREATE TABLE mentions (doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                       entity_id TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
                       text TEXT NOT NULL, resolved_by TEXT NOT NULL);
CREATE INDEX mentions_doc ON mentions (doc_id);
CREATE TABLE relations (doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL, sentence TEXT NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, subject_start INTEGER NOT NULL,
    subject_end INTEGER NOT NULL, object_start INTEGER NOT NULL, object_end INTEGER NOT NULL,
    trigger_start INTEGER, trigger_end INTEGER, trigger TEXT NOT NULL, negated INTEGER NOT NULL,
    modality TEXT NOT NULL, confidence REAL NOT NULL, rule TEXT NOT NULL);
CREATE INDEX relations_doc ON relations (doc_id);
INSERT INTO documents VALUES ('d1', '1.txt', 'Article 1', 'Wire', '2020-02', NULL, 'US backs Turkey.');
INSERT INTO entities VALUES ('d1', 'united-states', 'United States', 'GPE', NULL),
                            ('d1', 'turkey', 'Turkey', 'GPE', NULL);
INSERT INTO mentions VALUES ('d1', 'united-states', 0, 2, 'US', 'alias'), ('d1', 'turkey', 9, 15, 'Turkey', 'alias');
INSERT INTO relations VALUES ('d1', 'united-states', 'supports', 'turkey', 'US backs Turkey.', 0, 16, 0, 2, 9, 15,
                              3, 8, 'backs', 0, 'asserted', 0.85, 'svo');
"""


def test_a_version_1_store_is_upgraded_in_place_with_its_data_intact(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(V1_SCHEMA)
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION == 6
        [x] = store.extractions()
        assert x.document == Document("d1", "Article 1", "US backs Turkey.", "1.txt", "Wire", "2020-02")
        assert [m.text for m in x.mentions] == ["US", "Turkey"]
        [r] = x.relations
        assert (r.subject, r.relation, r.object) == ("united-states", "supports", "turkey")
        assert r.evidence.trigger_span == (3, 8) and r.evidence.speaker is None and r.evidence.source == "1.txt"
        assert store.graph().has_edge("united-states", "turkey", "supports")
        store.append_curation({"op": "merge", "ids": ["a", "b"]})  # the table the upgrade added
        store.add([Extraction(_doc(2))])
        assert store.check() == []  # the upgrade counted the stored relations into the aggregates
    assert _rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [("6",)]
    assert _rows(db, "SELECT subject, relation, object, month, sentences, held, articles FROM edge_months") == [
        ("united-states", "supports", "turkey", "2020-02", 1, 1, 1)]
    assert _rows(db, "SELECT path FROM documents WHERE id = 'd1'") == [("1.txt",)]
    with Store(db) as store:  # opening an up-to-date store changes nothing
        assert store.counts()["documents"] == 2 and store.curation_log() == [{"op": "merge", "ids": ["a", "b"]}]


def test_a_store_from_a_newer_newsgraph_is_refused_with_a_clear_message(tmp_path):
    db = tmp_path / "new.db"
    with sqlite3.connect(db) as conn:
        conn.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); "
                           "INSERT INTO meta VALUES ('schema_version', '7');")
    with pytest.raises(StoreError, match=r"new\.db: created by a newer newsgraph \(schema v7, "
                                         r"this program reads up to v6\)"):
        Store(db)


@pytest.mark.parametrize("content,reason", [
    (b"this is not a database, just text\n" * 40, "not a newsgraph store (file is not a database)"),
    (b"SQLite format 3\x00" + b"\x07" * 200, "not a newsgraph store"),
])
def test_a_file_that_is_not_a_database_is_refused_with_a_clear_message(tmp_path, content, reason):
    db = tmp_path / "x.db"
    db.write_bytes(content)
    with pytest.raises(StoreError) as err:
        Store(db)
    assert str(err.value).startswith(f"{db}: ") and reason in str(err.value)


def test_another_programs_sqlite_file_is_not_taken_over(tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(StoreError, match="not a newsgraph store .*recipes"):
        Store(db)
    assert _rows(db, "SELECT name FROM sqlite_master") == [("recipes",)]


def test_opening_a_missing_store_without_create_fails_and_creates_nothing(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_the_cli_reports_a_bad_store_in_one_line_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("garbage" * 100)
    done = subprocess.run([sys.executable, "-m", "cli", "build", "--db", str(bad)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip() == f"newsgraph: {bad}: not a newsgraph store (file is not a database)"


# ---- incremental ingest ----------------------------------------------------------------------
def test_reingest_parses_only_new_documents(tmp_path):
    nlp = CountingNlp()
    docs = [_doc(i, _article(i)) for i in range(3)]
    with Store(tmp_path / "s.db") as store:
        first = store.ingest(docs, nlp=nlp)
        assert (first.added, first.unchanged, len(nlp.parsed)) == (3, 0, 3)
        second = store.ingest([*docs, _doc(9, _article(9))], nlp=nlp)
        assert (second.added, second.unchanged) == (1, 3)
        assert nlp.parsed == [d.text for d in docs] + [_article(9)]


def test_reingest_of_an_unchanged_folder_never_loads_the_model(tmp_path):
    folder = _write_corpus(tmp_path / "news", 4)
    with Store(tmp_path / "s.db") as store:
        assert ingest_paths(store, [folder], nlp=CountingNlp()).added == 4
        again = ingest_paths(store, [folder], nlp=lambda: pytest.fail("parsed an unchanged corpus"))
        assert (again.added, again.replaced, again.unchanged) == (0, 0, 4)


def test_an_edited_file_replaces_its_old_version_and_everything_read_from_it(tmp_path):
    folder = _write_corpus(tmp_path / "news", 3)
    nlp = CountingNlp()
    with Store(tmp_path / "s.db") as store:
        ingest_paths(store, [folder], nlp=nlp)
        old_ids = store.document_ids()
        (folder / "a0001.txt").write_text(_article(1) + " Egypt criticized Iran.", encoding="utf-8")
        report = ingest_paths(store, [folder], nlp=nlp)
        assert (report.added, report.replaced, report.unchanged) == (0, 1, 2)
        [gone] = old_ids - store.document_ids()
        assert store.counts()["documents"] == 3 and not store.check()
        texts = [x.document.text for x in store.extractions()]
        assert any(t.endswith("Egypt criticized Iran.") for t in texts)
    for table in ("entities", "mentions", "relations"):
        assert _rows(tmp_path / "s.db", f"SELECT count(*) FROM {table} WHERE doc_id = '{gone}'") == [(0,)]


def test_the_same_file_name_in_two_folders_is_two_documents(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text(_article(1))
    (tmp_path / "y" / "a.txt").write_text(_article(2))
    with Store(tmp_path / "s.db") as store:
        assert ingest_paths(store, [tmp_path / "x"], nlp=CountingNlp()).added == 1
        assert ingest_paths(store, [tmp_path / "y"], nlp=CountingNlp()).added == 1
        assert store.counts()["documents"] == 2


def test_unreadable_files_are_reported_and_the_rest_is_stored(tmp_path):
    folder = _write_corpus(tmp_path / "news", 2)
    (folder / "broken.json").write_text("{not json")
    with Store(tmp_path / "s.db") as store:
        report = ingest_paths(store, [folder], nlp=CountingNlp())
        assert report.added == 2 and [e.path for e in report.errors] == [str(folder / "broken.json")]


def test_a_failure_inside_a_batch_leaves_the_store_as_it_was(tmp_path):
    def extractions():
        yield Extraction(_doc(2))
        raise RuntimeError("power cut")

    with Store(tmp_path / "s.db") as store:
        store.add([Extraction(_doc(1))])
        with pytest.raises(RuntimeError):
            store.add(extractions())
        assert store.document_ids() == {"d1"}


# ---- curation log ----------------------------------------------------------------------------
def test_curation_actions_are_kept_in_order_across_reopening(tmp_path):
    actions = [{"op": "merge", "into": "turkey", "ids": ["turkiye"]}, {"op": "hide", "edge": ["a", "b", "supports"]}]
    with Store(tmp_path / "s.db") as store:
        assert [store.append_curation(a) for a in actions] == [1, 2]
        with pytest.raises(ValueError, match="JSON"):
            store.append_curation({"when": object()})
        with pytest.raises(ValueError, match="dict"):
            store.append_curation(["merge"])
    with Store(tmp_path / "s.db") as store:
        assert store.curation_log() == actions


# ---- processes ---------------------------------------------------------------------------------
def _ingest_command(folder: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cli", "ingest", str(folder), "--db", str(db), *extra]


def _documents(db: Path) -> int:
    try:
        return _rows(db, "SELECT count(*) FROM documents")[0][0]
    except sqlite3.Error:  # not created yet, or busy
        return 0


def test_an_ingest_killed_mid_run_keeps_whole_batches_and_a_rerun_completes_it(tmp_path):
    folder, db, batch, total = _write_corpus(tmp_path / "news", 150), tmp_path / "s.db", 5, 150
    proc = subprocess.Popen(_ingest_command(folder, db, "--batch-size", str(batch)), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _documents(db) < batch and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        kept = store.counts()["documents"]
        assert batch <= kept < total, "the ingest finished before it could be killed"
        assert kept % batch == 0  # no half batch
        assert not store.check()
        assert _rows(db, "SELECT count(*) FROM relations WHERE doc_id NOT IN (SELECT id FROM documents)") == [(0,)]
        assert all(x.mentions and x.relations for x in store.extractions())  # every stored doc is whole
    rerun = subprocess.run(_ingest_command(folder, db, "--batch-size", str(batch)), cwd=ROOT,
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - kept} added, 0 replaced, {kept} unchanged" in rerun.stderr
    with Store(db) as store:
        assert store.counts()["documents"] == total and not store.check()


def test_two_ingests_into_one_store_at_once_both_land_intact(tmp_path):
    a, b, db = _write_corpus(tmp_path / "a", 30), _write_corpus(tmp_path / "b", 30, start=100), tmp_path / "s.db"
    procs = [subprocess.Popen(_ingest_command(f, db, "--batch-size", "4"), cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for f in (a, b)]
    outcomes = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]
    with Store(db) as store:
        assert store.counts()["documents"] == 60 and not store.check()
        texts = {x.document.text for x in store.extractions()}
    assert texts == {_article(i) for i in [*range(30), *range(100, 130)]}


def test_the_same_text_in_two_folders_is_stored_once_with_a_note_naming_both(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text(_article(1))
    (tmp_path / "y" / "b.txt").write_text(_article(1))
    with Store(tmp_path / "s.db") as store:
        report = ingest_paths(store, [tmp_path / "x", tmp_path / "y"], nlp=CountingNlp())
    assert report.added == 1 and not report.errors
    assert [(d.path, d.reason) for d in report.duplicates] == [
        (str((tmp_path / "y" / "b.txt").resolve()), f"same text as {(tmp_path / 'x' / 'a.txt').resolve()}; kept once")]
