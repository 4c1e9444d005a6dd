"""Upload jobs: batches parsed off the request thread, one at a time, with their progress.

An upload callback reads and checks the files, hands the batch to :class:`UploadJobs` and
answers at once; one worker thread (per source, so per server process) parses each batch in
turn and writes it to the store. The page polls the job by its id (an unguessable token the
page holds, so a job's report is seen only by the page that sent it) until it is done.
"""
from __future__ import annotations

import logging
import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

KEPT_JOBS = 200  # finished jobs remembered for their pages to collect the report


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

    def advance(self, parsed: int, total: int) -> None:
        """Progress of the parse: `parsed` of `total` articles."""
        self.state, self.parsed, self.total = "parsing", parsed, total


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

    def submit(self, batch: Any, *, files: int, order: dict[str, int] | None = None) -> Job:
        """Queue a batch; returns its job at once."""
        job = Job(secrets.token_urlsafe(16), files, dict(order or {}))
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
        with self._lock:
            return self._jobs.get(job_id) if isinstance(job_id, str) else None

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
                job.finished.set()
                self._queue.task_done()
