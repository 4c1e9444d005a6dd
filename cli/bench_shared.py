"""`newsgraph bench --db postgresql://… --cluster SPEC`: the rows of the shared store and the cluster.

- the full ingest on the cluster into PostgreSQL against `--workers N` into SQLite, on the
  same text (the throughput documents);
- PostgreSQL's write rate (relations/s, one transaction per batch) beside SQLite's, copying the
  largest generated corpus;
- store -> graph read time of that corpus from PostgreSQL against SQLite, in a fresh process.

The bench never touches the database it is given beyond creating and dropping scratch databases
beside it (`<dbname>_bench_<n>`), so the role needs CREATEDB.
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def scratch_database(server: str) -> Iterator[str]:
    """A new empty database on the server of `server` (a PostgreSQL URL); dropped at the end."""
    import psycopg
    from sqlalchemy.engine import make_url

    from graph.database import forget_engines

    url = make_url(server)
    name = f"{url.database}_bench_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        forget_engines()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def cluster_throughput(docs: Sequence, *, words: int, server: str, cluster: str, batch_size: int,
                       local_wall: float, workers: int, add: Callable, clock: Callable) -> None:
    """Ingest `docs` on the cluster into a scratch PostgreSQL database; compare with `local_wall`
    (the `--workers N` ingest of the same documents into SQLite). `clock` makes the bench's timer."""
    from graph.distributed import cluster_ingest, connect
    from graph.store import Store

    t0 = time.perf_counter()
    with connect(cluster) as client:
        started = time.perf_counter() - t0
        t0 = time.perf_counter()
        client.run(_warm)  # each worker loads the model once, as a long-running cluster has
        warm = time.perf_counter() - t0
        n = len(client.scheduler_info()["workers"])
        with scratch_database(server) as url, Store(url) as store, clock() as timed:
            report = cluster_ingest(store, docs, client=client, batch_size=batch_size)
        assert report.added == len(docs) and report.parsed_words == words, report
    rate = words / timed.wall
    add("throughput", f"full ingest, --cluster {cluster} -> PostgreSQL", f"{rate:,.0f} words/s",
        f">= {0.85 * words / local_wall:,.0f} (0.85x --workers {workers})",
        f"{local_wall / timed.wall:.2f}x the --workers {workers} ingest into SQLite of the same text; {n} worker "
        f"processes parse, extract and write their batches (at most {batch_size} articles); {timed}; cluster start {started:.1f} s "
        f"and model load in the workers {warm:.1f} s before, not counted")


def _warm() -> None:
    from graph.actors import load_actor_table
    from graph.nlp import load_pipeline

    load_pipeline(None)
    load_actor_table()


def store_rows(sqlite_db: Path, *, server: str, section: str, batch_size: int, add: Callable,
               probe: Callable[[str], dict]) -> None:
    """Copy a corpus store into a scratch PostgreSQL database and into a fresh SQLite file, one
    transaction per batch (the write rates); then read the graph back from each in a fresh process."""
    from graph.models import many_records
    from graph.store import Store

    with Store(sqlite_db, create=False) as local, many_records():
        extractions = local.extractions()
        origins = {d.id: path for d, path in local.documents()}
    relations = sum(len(x.relations) for x in extractions)
    rows = relations + sum(len(x.mentions) + len(x.entities) + 1 for x in extractions)
    copy = sqlite_db.with_name(f"copy-{sqlite_db.name}")
    copy.unlink(missing_ok=True)
    with scratch_database(server) as url:
        rates = {}
        for name, target in (("PostgreSQL", url), ("SQLite", copy)):
            with Store(target) as store:
                t0 = time.perf_counter()
                for i in range(0, len(extractions), batch_size):
                    store.add(extractions[i:i + batch_size], origins=origins)
                rates[name] = time.perf_counter() - t0
            add(section, f"write rate, {name}", f"{relations / rates[name]:,.0f} relations/s",
                note=f"{len(extractions):,} articles, {relations:,} relations ({rows:,} rows with documents, "
                     f"entities and mentions) in {rates[name]:.1f} s, {batch_size} articles a transaction, "
                     f"one writer")
        read = probe(url)
        local_read = probe(str(sqlite_db))
        add(section, "graph build from PostgreSQL", f"{read['graph_s']:.2f} s",
            note=f"{read['graph_s'] / local_read['graph_s']:.2f}x SQLite ({local_read['graph_s']:.2f} s, same corpus); "
                 f"{read['evidence']:,} evidence; Store.graph() in a fresh process over loopback; "
                 f"peak memory {read['peak_mb']:.0f} MB (SQLite {local_read['peak_mb']:.0f} MB)")
    copy.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
