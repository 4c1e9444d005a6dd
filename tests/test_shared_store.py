"""The shared store: a real PostgreSQL server and a real Dask LocalCluster of two worker processes.

The same articles ingested here into SQLite and through the cluster into PostgreSQL (and into
SQLite, the client writing) give the same documents, mentions, relations and graph; a re-ingest
sends nothing; a worker killed mid-run loses and duplicates nothing; a server that drops the
connections mid-ingest gets the batch again; failures are one line.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from graph.pipeline import SEEDS_DIR, ingest_paths
from graph.store import SCHEMA_VERSION, Store, StoreError
from tests.helpers import without_ingest_times

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "news" / "dev"
NEWS = 12  # news articles beside the five seeds: enough for many batches, cheap to parse


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds and a dozen real news leads, in one folder."""
    folder = tmp_path_factory.mktemp("shared") / "articles"
    shutil.copytree(SEEDS_DIR, folder)
    for f in sorted(DEV.glob("*.txt"))[:NEWS]:
        shutil.copyfile(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory, nlp) -> Path:
    """The corpus ingested in this process into SQLite, as before this issue."""
    db = tmp_path_factory.mktemp("reference") / "local.db"
    with Store(db) as store:
        report = ingest_paths(store, [corpus], nlp=nlp)
    assert report.added == 5 + NEWS and not report.errors
    return db


def _canonical(value):
    """A JSON value with every list sorted: stores written in another order compare equal."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def _contents(target) -> tuple:
    """What a store holds, independent of write order: documents with their origin paths, each
    document's extraction (entities, mentions, relations, as stored), the node-link export."""
    with Store(target, create=False) as store:
        documents = {d.id: (d, path) for d, path in store.documents()}
        extractions = {x.document.id: x for x in store.extractions()}
        graph = _canonical(without_ingest_times(store.graph()))
        counts = store.counts()
    return documents, extractions, graph, counts


def _assert_same(target, reference_db) -> None:
    got, want = _contents(target), _contents(reference_db)
    assert got[3] == want[3]  # row counts: nothing lost, nothing twice
    assert got[0] == want[0]
    assert got[1] == want[1]
    assert got[2] == want[2]


class CountingClient:
    """The real Dask client, counting the documents sent to its workers."""

    def __init__(self, client):
        self.client, self.sent = client, 0

    def submit(self, fn, documents, **kwargs):
        self.sent += len(documents)
        return self.client.submit(fn, documents, **kwargs)

    def __getattr__(self, name):
        return getattr(self.client, name)


def test_the_cluster_into_postgresql_stores_what_a_local_sqlite_ingest_stores(corpus, reference, pg_url,
                                                                              dask_client, tmp_path):
    counting = CountingClient(dask_client)
    with Store(pg_url) as store:
        report = ingest_paths(store, [corpus], client=counting, batch_size=3)
    assert (report.added, report.unchanged, report.errors) == (5 + NEWS, 0, ())
    assert counting.sent == 5 + NEWS
    _assert_same(pg_url, reference)

    # re-ingest sends nothing: the cluster is not even asked for
    with Store(pg_url) as store:
        again = ingest_paths(store, [corpus], client=lambda: pytest.fail("nothing is new: no cluster needed"))
    assert (again.added, again.unchanged) == (0, 5 + NEWS)

    # one new article: exactly one document is sent
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copyfile(sorted(DEV.glob("*.txt"))[NEWS], extra / "new.txt")
    counting.sent = 0
    with Store(pg_url) as store:
        more = ingest_paths(store, [corpus, extra], client=counting)
        assert store.counts()["documents"] == 6 + NEWS
    assert (more.added, more.unchanged, counting.sent) == (1, 5 + NEWS, 1)


def test_the_cluster_into_sqlite_sends_results_back_to_the_client_which_writes(corpus, reference, dask_client,
                                                                               tmp_path):
    db = tmp_path / "cluster.db"
    with Store(db) as store:
        report = ingest_paths(store, [corpus], client=dask_client, batch_size=4)
    assert report.added == 5 + NEWS and not report.errors
    _assert_same(db, reference)


def test_writes_are_idempotent_a_batch_written_twice_lands_once(reference, pg_url):
    with Store(reference, create=False) as local:
        xs, origins = local.extractions(), {d.id: path for d, path in local.documents()}
    with Store(pg_url) as store:
        first = store.add(xs[:6], origins=origins)
        again = store.add(xs[:6] + xs[6:], origins=origins)  # a retried batch, then more
        assert (first.added, again.added, again.unchanged) == (6, len(xs) - 6, 6)
    _assert_same(pg_url, reference)


def test_an_edited_article_replaces_its_old_version_on_postgresql(pg_url, nlp, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks\n\nTurkey criticized Russia over Idlib.", encoding="utf-8")
    with Store(pg_url) as store:
        ingest_paths(store, [folder], nlp=nlp)
        (folder / "a.txt").write_text("Talks\n\nTurkey supported Russia over Idlib.", encoding="utf-8")
        report = ingest_paths(store, [folder], nlp=nlp)
        assert (report.added, report.replaced) == (0, 1)
        assert [x.document.text for x in store.extractions()] == ["Talks\n\nTurkey supported Russia over Idlib."]
        assert store.check() == []


def test_bench_measures_the_cluster_postgresql_writes_and_reads(pg_server, dask_client, tmp_path):
    from cli.bench import run

    rows = run(sizes=[4], workers=2, throughput_words=300, app=False, workdir=tmp_path, server=pg_server,
               cluster=dask_client.scheduler.address)
    found = {(r.section, r.measure): r for r in rows}
    cluster = found[("throughput", f"full ingest, --cluster {dask_client.scheduler.address} -> PostgreSQL")]
    assert cluster.value.endswith("words/s") and "0.85x --workers 2" in cluster.target
    for measure in ("write rate, PostgreSQL", "write rate, SQLite"):
        assert found[("4 articles", measure)].value.endswith("relations/s")
    assert "x SQLite" in found[("4 articles", "graph build from PostgreSQL")].note
    with psycopg.connect(pg_server) as conn:  # the scratch databases are gone
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s",
                            (conn.info.dbname + "_bench_%",)).fetchone() == (0,)


def _worker_pids(client) -> dict[str, int]:
    return client.run(os.getpid)


def _busy_workers(client) -> list[str]:
    def processing(dask_scheduler):
        return [ws.address for ws in dask_scheduler.workers.values()
                if any(str(ts.key).startswith("newsgraph-") for ts in ws.processing)]
    return client.run_on_scheduler(processing)


def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(corpus, reference, pg_url, dask_client):
    dask_client.wait_for_workers(2)
    pids = _worker_pids(dask_client)
    killed: list[tuple[str, int]] = []

    def kill_one_busy_worker():
        deadline = time.monotonic() + 120
        with Store(pg_url) as watch:
            while time.monotonic() < deadline:  # once a batch is stored (the model is loaded), mid-parse
                if watch.counts()["documents"] and (busy := _busy_workers(dask_client)):
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append((busy[0], pids[busy[0]]))
                    return
                time.sleep(0.05)

    killer = threading.Thread(target=kill_one_busy_worker)
    killer.start()
    try:
        with Store(pg_url) as store:
            report = ingest_paths(store, [corpus], client=dask_client, batch_size=1)
    finally:
        killer.join()
    assert killed, "no worker was busy to be killed"
    address, pid = killed[0]
    assert address not in dask_client.scheduler_info()["workers"]  # it really died; its batch ran elsewhere
    # a batch the dead worker had committed before it died is found stored by its rerun: "unchanged"
    assert report.added + report.unchanged == 5 + NEWS and not report.errors
    _assert_same(pg_url, reference)
    dask_client.wait_for_workers(2, timeout=120)  # the nanny started a new one
    print(f"\nkilled worker {address} (pid {pid}) mid-batch; report: {report.added} added, "
          f"{report.unchanged} found stored by a rerun")


def test_connections_dropped_by_the_server_mid_ingest_are_retried(corpus, reference, pg_url, nlp, pg_server):
    """What a database restart does to a writer: its connections are cut mid-transaction."""
    database = pg_url.rsplit("/", 1)[1]
    cuts: list[int] = []
    done = threading.Event()

    def cut_connections():
        # A write lasts milliseconds: hold the documents table for a moment so that a writer is
        # caught waiting inside its transaction, then cut it (as a restart would).
        with psycopg.connect(pg_server, autocommit=True) as admin, psycopg.connect(pg_url) as locker:
            while not done.is_set() and len(cuts) < 4:
                with locker.transaction():
                    locker.execute("LOCK TABLE documents IN ACCESS EXCLUSIVE MODE")
                    time.sleep(0.3)
                    n = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                      "WHERE datname = %s AND application_name = 'newsgraph' AND state <> 'idle'",
                                      (database,)).fetchone()[0]
                if n:
                    cuts.append(n)
                time.sleep(0.2)

    with Store(pg_url) as store:
        store.counts()
        cutter = threading.Thread(target=cut_connections)
        cutter.start()
        try:
            report = store.ingest(_documents(corpus), nlp=nlp, batch_size=1)
        finally:
            done.set()
            cutter.join()
    assert cuts, "no connection was cut while writing"
    assert report.added == 5 + NEWS
    with Store(pg_url) as store, Store(reference) as local:
        assert store.counts() == local.counts()
        assert {x.document.id: x for x in store.extractions()} == {x.document.id: x for x in local.extractions()}


def _documents(corpus):
    from graph.pipeline import read_articles

    return read_articles([corpus]).documents


# ---- one-line errors ---------------------------------------------------------------------------
def _url(base: str, **parts) -> str:
    from sqlalchemy.engine import make_url

    return make_url(base).set(**parts).render_as_string(hide_password=False)


def test_server_down_auth_refused_database_missing_and_newer_schema_are_one_line_each(pg_url, pg_server):
    from tests.conftest import free_port

    cases = {
        "server down": (_url(pg_url, port=free_port()), "cannot reach the database server"),
        "auth refused": (_url(pg_url, password="not-the-password"), "the server refused the login"),
        "database missing": (_url(pg_url, database="newsgraph_no_such_db"), "no such database on the server"),
    }
    for case, (url, words) in cases.items():
        with pytest.raises(StoreError) as caught:
            Store(url)
        message = str(caught.value)
        assert words in message and "\n" not in message, case
        assert "not-the-password" not in message
    with Store(pg_url):
        pass
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(StoreError, match=f"created by a newer newsgraph \\(schema v{SCHEMA_VERSION + 1}"):
        Store(pg_url)
    done = subprocess.run([sys.executable, "-m", "cli", "build", "--db", cases["auth refused"][0]], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith("newsgraph: postgresql://") and done.stderr.count("\n") == 1
    assert "the server refused the login" in done.stderr and "not-the-password" not in done.stderr


def test_workers_and_cluster_together_are_refused(tmp_path):
    done = subprocess.run([sys.executable, "-m", "cli", "ingest", str(SEEDS_DIR), "--db", str(tmp_path / "s.db"),
                           "--workers", "2", "--cluster", "local:2"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr == ("newsgraph: give --workers (processes on this machine) or "
                                                    "--cluster, not both\n")


def test_a_scheduler_that_does_not_answer_is_one_line(monkeypatch):
    from tests.conftest import free_port
    from graph import distributed

    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT_S", 2)
    with pytest.raises(distributed.ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:"):
        with distributed.connect(f"tcp://127.0.0.1:{free_port()}"):
            pass
    with pytest.raises(distributed.ClusterError, match="expected local:N"):
        with distributed.connect("local:none"):
            pass
