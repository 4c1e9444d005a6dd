"""What reading reports: a bad file's error, a repeated text's note, a batch's result; and the one duplicate check."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.models import Document


@dataclass(frozen=True)
class IngestError:
    """A file (or one record in it) that could not be read, and why in plain words."""

    path: str
    reason: str


@dataclass(frozen=True)
class Duplicate(IngestError):
    """A note, not a failure: an article whose text was already read, kept once."""


@dataclass(frozen=True)
class IngestResult:
    """Documents read from a batch, and the errors met on the way.

    `duplicates` are notes, not failures: an article whose text was already read in this
    batch (under another name, or as another record) is kept once and named here.
    """

    documents: tuple[Document, ...]
    errors: tuple[IngestError, ...]
    duplicates: tuple[Duplicate, ...] = ()
    notes: tuple[IngestError, ...] = ()  # not failures either: a file read only after mending (mixed encodings)


class Unreadable(Exception):
    """Raised inside graph.read for a whole file that cannot be read; carries the reason."""


@dataclass
class Unique:
    """Each text once, first seen wins: the one duplicate check of files, records and uploads.

    Attributes:
        documents: The documents kept, by id, in the order first seen.
        duplicates: A note for every text met again, naming where it was first seen.
    """

    documents: dict[str, Document] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    _first: dict[str, str] = field(default_factory=dict)

    def add(self, doc: Document, *, path: str, label: str, where: str = "") -> bool:
        """Keep `doc` unless its text was seen; say so in a note on `path` (`where` in it, when given).

        Args:
            doc: The document read.
            path: The file (or origin) the note is about.
            label: How later notes name this document when its text is met again.
            where: The record inside the file ('line 3'), put before the note.
        """
        if doc.id in self.documents:
            self.duplicates.append(Duplicate(path, f"{where + ': ' if where else ''}same text as "
                                                   f"{self._first[doc.id]}; kept once"))
            return False
        self.documents[doc.id] = doc
        self._first[doc.id] = label
        return True


REPEATS_SHOWN = 3  # lines of one problem repeated in one file (same words, other numbers); the rest are counted


def summarised(errors: list[IngestError]) -> list[IngestError]:
    """One file's errors with each repeated problem cut to REPEATS_SHOWN lines and one line counting the rest."""
    counts: dict[tuple[str, str], int] = {}
    shown: list[IngestError] = []
    for e in errors:
        key = (e.path, re.sub(r"\d+", "N", e.reason))
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= REPEATS_SHOWN:
            shown.append(e)
    shown += [IngestError(path, f"… and {n - REPEATS_SHOWN:,} more like it ({shape})")
              for (path, shape), n in counts.items() if n > REPEATS_SHOWN]
    return shown


def size(n: int) -> str:
    """A byte count as people read it, with at most one decimal: '640 bytes', '12 KB', '5.1 MB'."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{round(n / 1e3, 1):g} KB"
    return f"{round(n / 1e6, 1):g} MB"
