"""Where the explorer's snapshot comes from: the store (or a node-link graph), read once per version, under a lock.

:class:`CorpusSource` holds one read-only :class:`ui.corpus.Corpus` per corpus version and
swaps in a new one after an upload, a curation change or another process's write; it keeps
the cycle collector away from the snapshot (:func:`settle`). Many sessions share it; it
belongs to one app (created by `app.create_app`); none of this is module-level state. Over
a store it asks for the store's signature (a stat of an SQLite file per request; at most one
small query a second to a PostgreSQL server); when it moved, the version key (the articles, the
store's generation and the length of the curation log) says whether the graph must be rebuilt.
Uploads and curation go through it, so the store stays the single place where a corpus is kept.
"""
from __future__ import annotations

import gc
import logging
import json
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.agreement import annotate
from graph.build import evidence_dict
from graph.curation import CurationResult, apply_curation, effective_actions, problem
from graph.export import from_node_link
from graph.read import IngestError
from graph.models import Document, Extraction, many_records
from graph.store import IngestReport, Store, file_signature, is_server, reported, shown_name
from ui.access import Access
from ui.elements import light_data
from ui.jobs import Job, UploadJobs
from ui.positions import node_positions
from ui.uploads import DEFAULT_MAX_UPLOAD_BYTES, Upload, read_uploads
from ui.article_rows import ArticleText
from ui.corpus import DEFAULT_BUDGET, Corpus

log = logging.getLogger(__name__)

READ_ATTEMPTS = 4
SIGNATURE_S = 1.0  # how often a PostgreSQL store is asked whether it changed
KEPT_LAYOUT_SHARE = 0.8  # a kept layout with fewer of today's actors is laid out afresh
FULL_COLLECTION_AFTER = 100  # younger collections before a full one, once a snapshot is frozen (CPython: 10)


def settle() -> None:
    """Put the objects of the snapshot just made out of the cycle collector's way.

    A snapshot of a large corpus is hundreds of thousands of containers that live until the
    next corpus version; every full collection would walk them all, a pause of 200 ms or
    more in the middle of some click. `gc.freeze` moves every object alive into the
    permanent generation, which collections skip. The objects frozen last time (the
    snapshot before) are handed back to the collector and collected first, so a replaced
    snapshot is freed by this call or, if a request still held it, by the next.

    What clicks add is not frozen: the panels, views and actors' local graphs the snapshot
    keeps (some 50,000–90,000 objects at 100,000 articles), which every full collection walks
    (~40 ms here). CPython runs one after every 10 younger ones; little of what a click leaves
    is cyclic garbage (a local graph let go is released, `graph.index.release`), so the full
    one is put off to every :data:`FULL_COLLECTION_AFTER`.

    Call it inside the `many_records` block that made the snapshot: frozen before the
    collector comes back, the new objects are never walked at all.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_AFTER)


@dataclass(frozen=True)
class UploadOutcome(IngestReport):
    """What an upload did: the store's report (articles added, replaced and already present, the
    bad files, the texts sent twice) and how many files came."""

    files: int = 0

    @property
    def notes(self) -> tuple[IngestError, ...]:
        """Not failures: the same text sent twice, kept once."""
        return self.duplicates


@dataclass(frozen=True)
class UploadBatch:
    """A batch of uploads as read, waiting to be parsed: documents, store origins, problems, notes."""

    documents: tuple[Document, ...]
    origins: dict[str, str]
    errors: tuple[IngestError, ...]
    notes: tuple[IngestError, ...]
    files: int


def _failed_batch(batch: UploadBatch, exc: BaseException) -> UploadOutcome:
    """The outcome of a batch whose parse or write failed: every article named with the reason."""
    reason = f"could not be stored ({type(exc).__name__})"
    return UploadOutcome(errors=batch.errors + tuple(IngestError(d.source, reason) for d in batch.documents),
                         files=batch.files, duplicates=batch.notes)


class CurationRefused(ValueError):
    """A curation action that cannot be kept (bad shape, no store); the message says why."""


@dataclass
class CorpusSource:
    """Hands out the current :class:`Corpus`, from a store or from a fixed node-link graph.

    Args:
        store_path: A corpus store (`graph.store.Store`): an SQLite file or a PostgreSQL URL;
            uploads and curation are kept in it.
        data: A node-link graph to show read-only (when there is no store).
        budget: Most actors drawn at once.
        nlp: The spaCy pipeline for uploads, or a function returning it (default: the
            project's pipeline, loaded on the first upload).
        max_upload_bytes: Per-file size limit of uploads.
        access: Who may write (default: every visitor; the command line always sets a secret).
    """

    store_path: str | os.PathLike[str] | None = None
    data: Mapping[str, Any] | None = None
    budget: int = DEFAULT_BUDGET
    nlp: Any = None
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    access: Access = field(default_factory=Access)
    _corpus: Corpus | None = field(default=None, init=False, repr=False)
    _signature: tuple | None = field(default=None, init=False, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False)
    _jobs: UploadJobs | None = field(default=None, init=False, repr=False)
    _asked: tuple[float, tuple] | None = field(default=None, init=False, repr=False)

    def __post_init__(self):
        if (self.store_path is None) == (self.data is None):
            raise ValueError("give exactly one of store_path and data")
        if self.store_path is not None and not is_server(self.store_path):
            self.store_path = Path(self.store_path)

    @property
    def name(self) -> str:
        """The store as messages name it (a server's URL without its password)."""
        return shown_name(self.store_path) if self.store_path is not None else "graph"

    @property
    def writable(self) -> bool:
        """Whether uploads and curation can be kept (a store, not shared read-only)."""
        return self.store_path is not None and not self.access.read_only

    def may_write(self) -> bool:
        """Whether the request being answered may write: the corpus can be written and the visitor has the secret."""
        return self.writable and self.access.granted()

    def refusal(self) -> str:
        """Why the request being answered may not write ("" when it may, or when there is no store:
        :meth:`curate` and :meth:`upload` refuse that themselves)."""
        return "" if self.store_path is None else self.access.refusal()

    def current(self) -> Corpus:
        """The corpus as it is now (rebuilt only when the store's version key changed)."""
        if self.store_path is None:
            if self._corpus is None:
                with self._lock:
                    if self._corpus is None:
                        with many_records():
                            # an export from before the outlet and contested flags gets them here
                            self._corpus = Corpus(annotate(from_node_link(json.loads(json.dumps(self.data)))),
                                                  budget=self.budget)
                            settle()
            return self._corpus
        signature = self._file_signature()
        if self._corpus is not None and signature == self._signature:
            return self._corpus
        # One thread rebuilds; while an upload or a curation change is being written, readers
        # keep the snapshot they have rather than read a store in mid-write.
        if not self._lock.acquire(blocking=self._corpus is None):
            return self._corpus
        try:
            signature = self._file_signature()
            if self._corpus is None or signature != self._signature:
                try:
                    with many_records():
                        corpus = self._load(self._corpus)
                        if corpus is not self._corpus:  # the same version (a kept layout moved the file): no new objects
                            self._corpus = corpus
                            settle()
                except Exception:
                    if self._corpus is None:
                        raise
                    # keep serving the last good snapshot; the next request reads the store again
                    log.exception("%s: could not read the store; keeping the previous snapshot", self.name)
                    return self._corpus
                self._signature = signature
            return self._corpus
        finally:
            self._lock.release()

    def _file_signature(self) -> tuple:
        """What says the store moved on: its file's time and size, or a server's answer (asked
        at most once per SIGNATURE_S; a server that does not answer keeps the last one)."""
        if isinstance(self.store_path, Path):
            return file_signature(self.store_path)
        now = time.monotonic()
        if self._asked is None or now - self._asked[0] >= SIGNATURE_S:
            try:
                with self._open() as store:
                    self._asked = (now, store.signature())
            except Exception:
                if self._asked is None:
                    raise
                log.warning("%s: could not ask the store whether it changed", self.name, exc_info=True)
                self._asked = (now, self._asked[1])
        return self._asked[1]

    def _open(self) -> Store:
        return Store(self.store_path, create=False, read_only=self.access.read_only)

    def _load(self, previous: Corpus | None) -> Corpus:
        """Read the store into a new snapshot (or keep `previous` when the version is the same).

        Raises:
            graph.store.StoreError: The store cannot be read (a damaged file, say); the
                message names the file and the reason.
        """
        for attempt in range(READ_ATTEMPTS):
            try:
                with reported(self.name):  # a damaged table shows on reading, as a StoreError
                    return self._read(previous)
            except KeyError:
                # the store's reads are not one snapshot: a writer in another process can add a
                # document between them; reading again gives a consistent picture
                if attempt == READ_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _read(self, previous: Corpus | None) -> Corpus:
        t0 = time.perf_counter()
        with self._open() as store:
            log = store.curation_log()
            version = f"d{store.counts('documents')['documents']}-g{store.generation()}-l{len(log)}"
            if previous is not None and previous.version == version:
                return previous
            actions = effective_actions(log)
            # uncurated, the explorer indexes the stored edges straight from the store's table;
            # curation is applied to a graph of them all
            raw, stored = store.explorer_graph() if not actions else (store.graph(lazy=True), None)
            kept = store.layout() if previous is None else {}
        t1 = time.perf_counter()
        # the snapshot never changes its graph, so an uncurated store needs no copy of it
        result = apply_curation(raw, actions) if actions else CurationResult(raw)
        t2 = time.perf_counter()
        labels_before = {n: str(d.get("label") or n) for n, d in raw.nodes(data=True)}
        positions = previous.positions if previous else None
        if positions is None and len(kept.keys() & raw.nodes) >= KEPT_LAYOUT_SHARE * raw.number_of_nodes():
            positions = kept  # where the last server drew them: only actors new since are placed
        if positions is None and actions:
            # lay out the graph as extracted, then place what curation changed: merges and
            # rejections never reshuffle the picture, not even after a restart
            positions = node_positions(light_data(raw))
        corpus = Corpus(result.graph, version=version, log=log, skipped=result.skipped, labels_before=labels_before,
                        previous_positions=positions, text=self._read_text, writable=self.writable, budget=self.budget,
                        stored=stored)
        corpus.timings.update({"store.graph()": t1 - t0, "apply_curation": t2 - t1,
                               "explorer precompute": time.perf_counter() - t2})
        if self.writable and corpus.positions != kept:
            self._keep_layout(corpus.positions)
        return corpus

    def _keep_layout(self, positions: Mapping[str, Mapping[str, float]]) -> None:
        """Keep the layout in the store for the next start; serving goes on when it cannot be kept."""
        try:
            with self._open() as store:
                store.keep_layout(positions)
        except Exception:
            log.warning("%s: could not keep the layout for the next start", self.name, exc_info=True)

    def _read_text(self, doc_id: str) -> ArticleText | None:
        with self._open() as store:
            x = store.extraction(doc_id)
        if x is None:
            return None
        return ArticleText(x.document, x.mentions, tuple(
            (r.subject, r.object, r.relation, evidence_dict(r.evidence)) for r in x.relations))

    # ---- writing -------------------------------------------------------------------
    def curate(self, action: Mapping[str, Any]) -> Corpus:
        """Append a curation action to the store's log and return the corpus with it applied.

        Raises:
            CurationRefused: No store, or the action is malformed.
            graph.store.StoreError: The store cannot be written.
        """
        if not self.writable:
            raise CurationRefused("curation needs a corpus store: start the explorer with --db")
        reason = problem(action)
        if reason:
            raise CurationRefused(reason)
        with self._lock:
            with self._open() as store:
                store.append_curation(dict(action))
            return self.current()

    def read_batch(self, uploads: Sequence[Upload], *, errors: Sequence[IngestError] = ()) -> UploadBatch:
        """Read uploaded files in memory (no parsing): the documents, the problems and the notes.

        Raises:
            CurationRefused: There is no store to keep the articles in.
        """
        if not self.writable:
            raise CurationRefused("uploads need a corpus store: start the explorer with --db")
        read = read_uploads(uploads, max_bytes=self.max_upload_bytes)
        notes = read.notes + (self._new_versions(read.documents) if read.documents else ())
        return UploadBatch(read.documents, read.origins, tuple(errors) + read.errors, notes,
                           len(uploads) + len(errors))

    def store_batch(self, batch: UploadBatch, progress: Callable[[int, int], None] | None = None
                    ) -> UploadOutcome:
        """Parse a batch's new articles (outside the lock: readers and other writers go on) and
        write them to the store in one short transaction under the lock."""
        if not batch.documents:
            return UploadOutcome(errors=batch.errors, files=batch.files, duplicates=batch.notes)
        from graph.parse import iter_extractions  # deferred: spaCy, which reading never needs

        with self._open() as store:
            known = store.document_ids()
        todo = [d for d in batch.documents if d.id not in known]
        done: list[Extraction] = []
        failed: list[IngestError] = []
        if progress:
            progress(0, len(todo))
        if todo:
            nlp = self.nlp or _default_nlp
            for n, result in enumerate(iter_extractions(todo, nlp=nlp if hasattr(nlp, "pipe") else nlp()), 1):
                (done if isinstance(result, Extraction) else failed).append(result)
                if progress:
                    progress(n, len(todo))
        with self._lock:
            with self._open() as store:
                report = store.add(done, origins=batch.origins)
            self.current()
        return UploadOutcome(added=report.added, replaced=report.replaced,
                             unchanged=report.unchanged + len(batch.documents) - len(todo),
                             errors=batch.errors + tuple(failed), files=batch.files, duplicates=batch.notes)

    def upload(self, uploads: Sequence[Upload], *, errors: Sequence[IngestError] = ()) -> UploadOutcome:
        """Read uploaded files in memory and ingest their articles into the store, in this thread.

        A bad file is reported (name and reason) and the rest still load.

        Raises:
            CurationRefused: There is no store to keep the articles in.
        """
        return self.store_batch(self.read_batch(uploads, errors=errors))

    @property
    def jobs(self) -> UploadJobs:
        """The queue of upload batches, parsed one at a time by this source's worker thread."""
        with self._lock:
            if self._jobs is None:
                self._jobs = UploadJobs(self._run_job, _failed_batch)
            return self._jobs

    def _run_job(self, batch: UploadBatch, job: Job) -> tuple[UploadOutcome, str]:
        outcome = self.store_batch(batch, progress=job.advance)
        return outcome, self.current().version

    def _new_versions(self, documents: Sequence[Any]) -> tuple[IngestError, ...]:
        """Notes for uploads named like a stored article but with other text: kept beside it, never over it."""
        stored = self.current().documents
        names = {str(meta.get("source")) for meta in stored.values()}
        return tuple(IngestError(d.source, "an article of this name is stored already with other text; "
                                           "kept as a new version beside it")
                     for d in documents if d.source in names and d.id not in stored)


def _default_nlp():
    from graph.nlp import load_pipeline

    return load_pipeline(None)
