"""Upload jobs: batches parsed off the request thread, one at a time, with their progress.

An upload callback reads and checks the files, hands the batch to :class:`UploadJobs` and
answers at once; one worker thread (per source, so per server process) parses each batch in
turn and writes it to the store. The page polls the job by its id (an unguessable token the
page holds, so a job's report is seen only by the page that sent it) until it is done.

Under several server processes (`ui.serving`) a poll may reach a process other than the one
parsing the batch: :meth:`UploadJobs.share` then keeps each job's state in a file of a folder
the processes share (private to this server: made by its master, mode 700), written whole at
each step, so any process reads where the job stands.
"""
from __future__ import annotations

import logging
import os
import pickle
import queue
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

KEPT_JOBS = 200  # finished jobs remembered for their pages to collect the report
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")  # what secrets.token_urlsafe makes: safe as a file name
SHARED = ("id", "files", "order", "state", "total", "parsed", "outcome", "version")  # what a job file holds


@dataclass
class Job:
    """One batch of uploads on its way to the store.

    Attributes:
        id: The token the page polls with.
        files: How many files came.
        order: Each file name's place in the batch (the report lists problems in that order).
        state: "queued", "parsing" or "done".
        total: Articles to parse (known once parsing starts).
        parsed: Articles parsed so far.
        outcome: What the upload did (a `ui.source.UploadOutcome`), once done.
        version: The corpus version after the upload, once done.
    """

    id: str
    files: int
    order: dict[str, int] = field(default_factory=dict)
    state: str = "queued"
    total: int = 0
    parsed: int = 0
    outcome: Any = None
    version: str | None = None
    finished: threading.Event = field(default_factory=threading.Event, repr=False)
    published: Callable[[Job], None] | None = field(default=None, repr=False, compare=False)

    def advance(self, parsed: int, total: int) -> None:
        """Progress of the parse: `parsed` of `total` articles."""
        self.state, self.parsed, self.total = "parsing", parsed, total
        if self.published:
            self.published(self)


class UploadJobs:
    """A queue of upload batches and the one thread that works through it.

    Args:
        work: Runs one batch: called with the batch and its job, returns (outcome, version).
        failed: Makes the outcome of a batch whose work raised, from the exception.
    """

    def __init__(self, work: Callable[[Any, Job], tuple[Any, str]], failed: Callable[[Any, BaseException], Any]):
        self._work, self._failed = work, failed
        self._queue: queue.Queue = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._folder: Path | None = None

    def share(self, folder: str | os.PathLike[str]) -> None:
        """Keep every job's state in `folder` too, where the other server processes read it."""
        self._folder = Path(folder)

    def submit(self, batch: Any, *, files: int, order: dict[str, int] | None = None) -> Job:
        """Queue a batch; returns its job at once."""
        job = Job(secrets.token_urlsafe(16), files, dict(order or {}),
                  published=self._save if self._folder is not None else None)
        self._save(job)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEPT_JOBS and (oldest := next(iter(self._jobs.values()))).state == "done":
                self._jobs.pop(oldest.id)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="newsgraph-uploads", daemon=True)
                self._thread.start()
        self._queue.put((job, batch))
        return job

    def get(self, job_id: object) -> Job | None:
        """The job with this id, or None (unknown, or forgotten long after it finished)."""
        if not isinstance(job_id, str):
            return None
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None else self._load(job_id)

    def wait(self, job_id: str, timeout: float | None = None) -> Job | None:
        """Wait until the job is done (or the timeout passes); returns it."""
        job = self.get(job_id)
        if job is not None:
            job.finished.wait(timeout)
        return job

    def _run(self) -> None:
        while True:
            job, batch = self._queue.get()
            try:
                job.outcome, job.version = self._work(batch, job)
            except Exception as exc:  # a batch that fails is reported; the worker goes on with the next
                log.exception("upload job %s failed", job.id)
                job.outcome, job.version = self._failed(batch, exc), None
            finally:
                job.state = "done"
                self._save(job)
                job.finished.set()
                self._queue.task_done()

    # ---- the shared folder ---------------------------------------------------------
    def _save(self, job: Job) -> None:
        """Write the job's state to its file, whole (a reader sees the old state or the new, never half)."""
        if self._folder is None:
            return
        path = self._folder / f"{job.id}.job"
        tmp = path.with_name(f".{job.id}.{threading.get_ident()}.tmp")
        try:
            tmp.write_bytes(pickle.dumps({name: getattr(job, name) for name in SHARED}))
            os.replace(tmp, path)
        except OSError:
            log.exception("upload job %s: could not share its state in %s", job.id, self._folder)
            tmp.unlink(missing_ok=True)
            return
        if job.state == "done":
            self._forget_old()

    def _load(self, job_id: str) -> Job | None:
        """A job another process runs, as its file says (None when there is none)."""
        if self._folder is None or not TOKEN.fullmatch(job_id):
            return None
        try:
            # the folder is this server's own (mode 700, made by its master): only its processes write there
            state = pickle.loads((self._folder / f"{job_id}.job").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            return None
        job = Job(**state)
        if job.state == "done":
            job.finished.set()
        return job

    def _forget_old(self) -> None:
        """Keep the files of the last KEPT_JOBS jobs; older finished ones are removed."""
        def age(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except OSError:  # removed by another process meanwhile
                return 0.0
        files = sorted(self._folder.glob("*.job"), key=age)
        for path in files[:max(0, len(files) - KEPT_JOBS)]:
            old = self._load(path.stem)
            if old is None or old.state == "done":
                path.unlink(missing_ok=True)
