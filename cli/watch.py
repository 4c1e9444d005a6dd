"""`newsgraph ingest DIR --db STORE --watch`: keep a store up to date with a folder, until Ctrl-C.

The folder is polled (the standard library only: `os.stat` of every article file). A file is
ingested once it has held still: its size and modification time unchanged for `settle`
seconds, so a file still being written, copied or downloaded is waited for, and a burst of
saves is one ingest. An edited file replaces its earlier version in the store (the store
matches it by path), so nothing is stored twice. A file that fails is reported once and
tried again only when it changes. Ctrl-C (or SIGTERM) stops the watch between two polls, or
after the batch being written is committed, and prints a summary.
"""
from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph.read import collect

DEFAULT_POLL_S = 1.0
DEFAULT_SETTLE_S = 2.0

Signature = tuple[int, int]  # (size, modification time in ns)


@dataclass
class Settling:
    """Which files changed and have held still long enough to be read (the debounce).

    Args:
        settle: Seconds a file's signature must stay the same before it is ready.
    """

    settle: float
    _taken: dict[str, Signature] = field(default_factory=dict)
    _pending: dict[str, tuple[Signature, float]] = field(default_factory=dict)

    def ready(self, files: Mapping[str, tuple[Signature, float]], now: float) -> list[str]:
        """The files ready to be read, given every file's signature and how long ago it last changed.

        Args:
            files: path -> (signature, seconds since its modification time, by the wall clock).
            now: A monotonic clock reading.
        """
        for path in set(self._pending) - set(files):  # gone before it settled
            del self._pending[path]
        for path in set(self._taken) - set(files):  # deleted: if it comes back, it is read again
            del self._taken[path]
        for path, (sig, age) in files.items():
            if self._taken.get(path) == sig:
                continue
            if path not in self._pending or self._pending[path][0] != sig:
                # changed: the clock starts at its last modification (a file old at first sight is ready)
                self._pending[path] = (sig, now - max(0.0, min(age, self.settle)))
        return sorted(p for p, (_, since) in self._pending.items() if now - since >= self.settle)

    def take(self, paths: Iterable[str]) -> None:
        """Mark files as read in their current version (stored or failed): not ready again until they change."""
        for path in paths:
            if path in self._pending:
                self._taken[path] = self._pending.pop(path)[0]


@dataclass
class Summary:
    """What one watch did, for the closing line."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    batches: int = 0

    def line(self, seconds: float) -> str:
        return (f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{self.failed} failed in {self.batches} batch{'es' if self.batches != 1 else ''} "
                f"over {_duration(seconds)}")


def _duration(seconds: float) -> str:
    minutes, s = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m {s:02d}s" if hours else f"{minutes}m {s:02d}s" if minutes else f"{s}s"


def scan(paths: Sequence[str]) -> tuple[dict[str, tuple[Signature, float]], list]:
    """Every article file under `paths` with its signature and age; and the paths that cannot be read.

    A watched folder that is empty is no error: files are yet to come.
    """
    roots = [Path(p) for p in paths]
    files, errors = collect(roots)
    watched = {str(p) for p in roots}
    errors = [e for e in errors if not (e.reason == "folder contains no article files" and e.path in watched)]
    found, wall = {}, time.time()
    for f in files:
        try:
            st = os.stat(f)
        except OSError:  # deleted between the listing and now
            continue
        found[str(f)] = ((st.st_size, st.st_mtime_ns), wall - st.st_mtime_ns / 1e9)
    return found, errors


@contextmanager
def _terminate_as_interrupt():
    """SIGTERM stops the watch as Ctrl-C does (a service manager's stop is a clean stop too)."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def watch(paths: Sequence[str], ingest: Callable[[list[str]], object], *, poll: float = DEFAULT_POLL_S,
          settle: float = DEFAULT_SETTLE_S, say: Callable[[str], None], shown: Callable[[str], str] = str,
          stored: Callable[[], int] = lambda: 0, polls: int | None = None,
          sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> Summary:
    """Ingest the files under `paths` as they appear or change, until interrupted.

    Args:
        paths: Folders (or files) to watch.
        ingest: Reads the given files into the store; returns the store's IngestReport.
        poll: Seconds between two looks at the folder.
        settle: Seconds a file must hold still before it is read.
        say: Where progress lines go.
        shown: How a path is shown (control characters escaped).
        stored: The number of articles in the store, for the progress lines.
        polls: Stop after this many looks (tests); None: until Ctrl-C or SIGTERM.
    """
    settling, summary, reported = Settling(settle), Summary(), set()
    start, n = clock(), 0
    say(f"watching {', '.join(shown(p) for p in paths)} (every {poll:g} s; a file is read once it has held "
        f"still {settle:g} s); Ctrl-C stops")
    try:
        with _terminate_as_interrupt():
            while polls is None or n < polls:
                n += 1
                files, problems = scan(paths)
                for e in problems:
                    if (e.path, e.reason) not in reported:
                        reported.add((e.path, e.reason))
                        say(f"skipped {shown(e.path)}: {e.reason}")
                ready = settling.ready(files, clock())
                if ready:
                    _ingest_batch(ready, ingest, summary, say=say, shown=shown, stored=stored)
                    settling.take(ready)
                sleep(poll)
    except KeyboardInterrupt:
        pass
    say(f"stopped watching: {summary.line(clock() - start)}; {stored()} articles in the store")
    return summary


def _ingest_batch(ready: list[str], ingest: Callable[[list[str]], object], summary: Summary, *,
                  say: Callable[[str], None], shown: Callable[[str], str], stored: Callable[[], int]) -> None:
    report = ingest(ready)
    failed = {e.path for e in report.errors}
    for e in report.errors:
        say(f"skipped {shown(e.path)}: {e.reason}")
    summary.added += report.added
    summary.replaced += report.replaced
    summary.unchanged += report.unchanged
    summary.failed += len(failed)
    summary.batches += 1
    say(f"{len(ready)} file{'s' if len(ready) != 1 else ''} read: {report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged, {len(failed)} failed; {stored()} articles in the store")
