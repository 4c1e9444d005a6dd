"""Files uploaded from the page, read in memory into Documents; nothing is written to disk.

The browser sends each file as a data URL; this module decodes them and hands the bytes to
`graph.read.read_bytes`, which reads them exactly as files on disk are read. An upload is
never saved under a name its sender chose: the name only picks the format and labels errors.
"""
from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.read import IngestError, IngestResult, Unique, display_name, read_bytes
from graph.models import Document

DEFAULT_MAX_UPLOAD_BYTES = 2_000_000
MAX_FILES = 50
UPLOAD_ORIGIN = "upload:"  # origin of an uploaded document: name and content hash, so nothing is ever replaced


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name it was sent with (folders stripped) and its bytes."""

    name: str
    data: bytes


def safe_name(name: object) -> str:
    """Return the last component of a browser-supplied file name, usable as a label only."""
    return display_name(name)


def decode_contents(contents: Sequence[str] | str | None, filenames: Sequence[str] | str | None
                    ) -> tuple[list[Upload], list[IngestError]]:
    """Turn dcc.Upload's data URLs into uploads; undecodable ones become errors naming the file."""
    if contents is None:
        return [], []
    if isinstance(contents, str):
        contents = [contents]
    if filenames is None or isinstance(filenames, str):
        filenames = [filenames] * len(contents) if filenames else []
    names = [safe_name(n) for n in filenames] + ["unnamed file"] * (len(contents) - len(filenames))
    uploads, errors = [], []
    for name, content in zip(names, contents):
        try:
            header, _, payload = str(content or "").partition(",")
            if ";base64" not in header:
                raise ValueError
            uploads.append(Upload(name, base64.b64decode(payload, validate=True)))
        except (ValueError, binascii.Error):
            errors.append(IngestError(name, "the upload could not be decoded"))
    return uploads, errors


def read_upload(upload: Upload, *, max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES) -> IngestResult:
    """Read one uploaded file like `graph.read.read_documents` reads a file on disk.

    Returns:
        Its documents (several for .json lists and .jsonl) and the problems met, each
        naming the file (and the record, for lists) and the reason.
    """
    try:
        return read_bytes(upload.name, upload.data, max_bytes=max_bytes)
    except Exception as exc:  # a parser failing on one odd file must not sink the batch
        return IngestResult((), (IngestError(safe_name(upload.name), f"could not be read ({type(exc).__name__})"),))


@dataclass(frozen=True)
class ReadUploads:
    """A batch of uploads as read: the documents, their store origins, errors and notes.

    Attributes:
        documents: Each content hash once, first seen wins.
        origins: Store origin by document id: the name and the content hash, so an upload named
            like an earlier one is kept beside it as a new version.
        errors: Files (or records) that could not be read, with the reason.
        notes: Not failures: texts read twice (in one file or across files), kept once; files
            read only after mending (mixed encodings), with the lines mended.
    """

    documents: tuple[Document, ...]
    origins: dict[str, str]
    errors: tuple[IngestError, ...]
    notes: tuple[IngestError, ...] = ()


def read_uploads(uploads: Iterable[Upload], *, max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
                 max_files: int = MAX_FILES) -> ReadUploads:
    """Read a batch of uploads; a bad file is reported and the others still load."""
    unique = Unique()
    origins: dict[str, str] = {}
    errors: list[IngestError] = []
    for n, upload in enumerate(uploads):
        name = safe_name(upload.name)
        if n >= max_files:
            errors.append(IngestError(name, f"not read: at most {max_files} files per upload"))
            continue
        result = read_upload(upload, max_bytes=max_bytes)
        errors.extend(result.errors)
        unique.duplicates.extend(result.duplicates + result.notes)  # notes: texts read twice, encodings mended
        for doc in result.documents:
            if unique.add(doc, path=name, label=doc.source):
                origins[doc.id] = f"{UPLOAD_ORIGIN}{doc.source}#{doc.id}"
    return ReadUploads(tuple(unique.documents.values()), origins, tuple(errors), tuple(unique.duplicates))
