"""Extraction on a Dask cluster: batches of documents go to the workers, which parse, extract and
(into a PostgreSQL store) write each batch themselves.

The client reads and hashes the files and asks the store which documents it holds; only new or
changed ones are sent. Each worker process loads the spaCy pipeline and the actor table once
(`graph.nlp.load_pipeline` and `graph.actors.load_actor_table` are cached per process) and keeps
them for every batch it is given. With a PostgreSQL store each worker writes its batch in one
transaction and sends back only counts; with an SQLite file (which one machine writes) the
extractions come back and the client writes them.

Faults: a worker that dies mid-batch has its batch rerun elsewhere by the scheduler; since a
batch is one transaction and a stored document id is never inserted twice, nothing is lost or
stored twice. A database server that restarts mid-batch is waited for by the store, which runs
the batch's transaction again. A scheduler that goes away ends the ingest with one line; the
store keeps every finished batch, so running the command again continues.
"""
from __future__ import annotations

import logging
import uuid
from itertools import islice
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from graph.models import Document, Extraction
from graph.read import IngestError

LOCAL = "local:"
CONNECT_TIMEOUT_S = 20  # how long to wait for a scheduler that does not answer
IN_FLIGHT_PER_WORKER = 3  # batches queued per worker: enough to keep it busy, few enough to bound memory


class ClusterError(Exception):
    """The cluster cannot be started or reached, or went away; the message says which and why."""


@dataclass(frozen=True)
class BatchResult:
    """What a worker sends back for one batch: counts when it wrote the batch itself, else the extractions."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    words: int = 0
    errors: tuple[IngestError, ...] = ()
    extractions: tuple[Extraction, ...] = field(default=(), repr=False)
    worker: str = ""


def extract_batch(documents: list[Document], *, model: str | None, store: str | None,
                  origins: Mapping[str, str]) -> BatchResult:
    """Run on a worker: parse and extract a batch, then write it to `store` (a PostgreSQL URL) or,
    with no store, return the extractions. A document that fails is an error of its own."""
    import os
    import socket

    from graph.actors import load_actor_table
    from graph.parse import extract_one, load_pipeline, pipe_texts

    nlp = load_pipeline(model)  # once per worker process (cached)
    load_actor_table()
    results = [extract_one(parsed, d) for parsed, d in zip(pipe_texts(nlp, [d.text for d in documents],
                                                                      batch_size=len(documents)), documents)]
    done = tuple(r for r in results if isinstance(r, Extraction))
    errors = tuple(r for r in results if isinstance(r, IngestError))
    words = sum(len(x.document.text.split()) for x in done)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    if store is None:
        return BatchResult(words=words, errors=errors, extractions=done, worker=worker)
    from graph.store import Store

    with Store(store) as target:
        report = target.add(done, origins=origins)
    return BatchResult(report.added, report.replaced, report.unchanged, words, errors, worker=worker)


@contextmanager
def connect(spec: str) -> Iterator:
    """A Dask client: on a new LocalCluster of N worker processes (``local:N``) or on the scheduler
    at ``tcp://HOST:PORT``; closed (and the local cluster stopped) at the end.

    Raises:
        ClusterError: The spec is malformed, the local cluster cannot start, or the scheduler
            does not answer.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--cluster needs Dask: pip install 'newsgraph[cluster]'") from None
    if spec.startswith(LOCAL):
        count = spec[len(LOCAL):]
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(f"--cluster {spec}: expected local:N with N at least 1 (worker processes)")
        try:
            cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
        except Exception as exc:  # a local cluster that cannot start says why, in one line
            raise ClusterError(f"--cluster {spec}: the local cluster did not start ({_reason(exc)})") from None
        with cluster, Client(cluster) as client:
            yield client
        return
    if not spec.startswith(("tcp://", "tls://")):
        raise ClusterError(f"--cluster {spec}: expected local:N or a scheduler address tcp://HOST:PORT")
    logging.getLogger("distributed.client").setLevel(logging.CRITICAL)  # its failures become our one line
    try:
        client = Client(spec, timeout=f"{CONNECT_TIMEOUT_S}s")
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {spec} ({_reason(exc)})") from None
    with client:
        yield client


def dashboard(client) -> str:
    """Where the cluster's Dask dashboard is, in words for the terminal."""
    link = getattr(client, "dashboard_link", None)
    return f"Dask dashboard: {link}" if link else "Dask dashboard: none (install bokeh on the scheduler)"


def cluster_ingest(store, documents: Iterable[Document], *, client, origins: Mapping[str, str] | None = None,
                   model: str | None = None, batch_size: int = 64, progress: bool = False, scheduler: str = ""):
    """Ingest the documents the store does not hold yet on a Dask cluster.

    Args:
        store: An open `graph.store.Store`. A PostgreSQL store is written by the workers; an
            SQLite one by this process, as the extractions come back.
        documents: The documents read (ids already stored are never sent).
        client: A `dask.distributed.Client` (see `connect`), or a function of no arguments that
            returns one (called only when something needs parsing: a rerun with nothing new
            never starts a cluster).
        origins: Where each document came from, by id (see `Store.add`).
        model: The spaCy model each worker loads (default: as `load_pipeline`).
        batch_size: Documents per task, and per transaction (fewer when the corpus is small).
        progress: Show a progress bar on stderr (documents, words/s, failures).
        scheduler: How the cluster is named in messages.

    Returns:
        The store's IngestReport.

    Raises:
        ClusterError: The scheduler went away; the store keeps every batch written so far.
    """
    from graph.parse import TASKS_PER_WORKER, progress_bar
    from graph.store import IngestReport

    todo, report = store.unstored(documents)
    if not todo:
        return report
    origins = origins or {}
    if not hasattr(client, "submit"):
        client = client()
    # batches of `batch_size`, smaller when there are few documents, so that every worker gets
    # several and none sits idle at the end while another finishes a big one
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    size = max(1, min(batch_size, -(-len(todo) // (workers * TASKS_PER_WORKER))))
    batches = [todo[i:i + size] for i in range(0, len(todo), size)]
    target = store.target if store.server else None
    run = uuid.uuid4().hex[:12]  # task keys of this run only: a rerun never reuses another run's results

    def submit(i: int):
        batch = batches[i]
        return client.submit(extract_batch, batch, model=model, store=target, retries=1,
                             origins={d.id: origins.get(d.id, d.source) for d in batch}, key=f"newsgraph-{run}-{i}")

    from dask.distributed import as_completed

    try:
        pending = iter(range(len(batches)))
        queue = as_completed([submit(i) for i in islice(pending, workers * IN_FLIGHT_PER_WORKER)])
        with progress_bar(len(todo), progress, "Parsing on the cluster") as advance:
            for future in queue:
                result: BatchResult = future.result()
                future.release()
                if result.extractions:
                    written = store.add(result.extractions, origins=origins)
                else:
                    written = IngestReport(result.added, result.replaced, result.unchanged)
                report += written + IngestReport(errors=result.errors, parsed_words=result.words)
                advance(len(result.extractions) + result.added + result.replaced + result.unchanged
                        + len(result.errors), result.words, len(result.errors))
                nxt = next(pending, None)
                if nxt is not None:
                    queue.add(submit(nxt))
    except Exception as exc:
        if _is_store_error(exc):
            raise
        what = "went away" if "connection" in str(exc).lower() or "cancelled" in type(exc).__name__.lower() \
            else f"failed ({_reason(exc)})"
        raise ClusterError(f"the Dask scheduler {scheduler or client.scheduler.address} {what}; {store.name} keeps "
                           "every batch written so far: run the same command again to continue") from None
    return report


def _is_store_error(exc: BaseException) -> bool:
    from graph.store import StoreError

    return isinstance(exc, StoreError)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:300] if text != type(exc).__name__ else text


__all__ = ["BatchResult", "ClusterError", "cluster_ingest", "connect", "dashboard", "extract_batch"]
