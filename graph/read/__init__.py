"""Files -> Documents: read article files (txt, md, html, json, jsonl), reporting bad files.

Bad input never stops a batch and never crashes the reader: each problem becomes an
IngestError naming the file (and the record) and the reason. Files above `max_bytes`, texts
above `max_chars` (what the parser accepts), binary files, undecodable text, malformed or
deeply nested JSON, pipes and devices, broken or looping symlinks and links out of a folder
are reported; hidden files and folders are skipped silently. Text is normalised so it can be
stored, shown and exported: no control characters and no lone surrogates.

The rooms: `walking` (paths to files, the manifest), `formats` (the one reader table by
suffix), `decoding` (bytes to text), `cleaning` (text to a Document), `reports` (errors,
notes and the one duplicate check). This module reads a batch with them.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import track

from graph.models import Document
from graph.read.cleaning import (
    META_FIELDS,
    display_name,
    document_id,
    headline,
    normalise_text,
    strip_boilerplate,
    strip_markdown,
    to_document,
)
from graph.read.decoding import decode_noting
from graph.read.formats import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    READERS,
    SUPPORTED_SUFFIXES,
    parse,
    record_of,
    unsupported,
)
from graph.read.reports import Duplicate, IngestError, IngestResult, Unique, Unreadable, size, summarised
from graph.read.walking import MANIFEST_NAME, collect, load_manifest, read_file_bytes

PROGRESS_MIN_FILES = 20

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_CHARS", "MANIFEST_NAME", "META_FIELDS", "READERS", "SUPPORTED_SUFFIXES",
           "Duplicate", "IngestError", "IngestResult", "Unique", "collect", "display_name", "document_id", "headline",
           "normalise_text", "read_bytes", "read_documents", "strip_boilerplate", "strip_markdown"]


def read_documents(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool = False,
) -> IngestResult:
    """Read files and folders of articles into Documents; bad files never stop the batch.

    Args:
        paths: Files or folders (or a single one); folders are walked recursively, sorted.
        max_bytes: Files larger than this are reported, not read.
        max_chars: Articles longer than this (after decoding) are reported, not kept: the
            parser refuses longer texts.
        progress: Show a progress bar on stderr when there are many files.

    Returns:
        The documents (each content hash once, first seen wins), one error per problem, and
        a note for every duplicate left out.
    """
    if isinstance(paths, (str, os.PathLike)):  # a lone path would otherwise be read char by char
        paths = [paths]
    files, errors = collect([Path(p) for p in paths])
    unique = Unique()
    notes: list[IngestError] = []
    manifests: dict[Path, dict] = {}
    show = progress and len(files) > PROGRESS_MIN_FILES
    for path in track(files, description="Reading articles", disable=not show,
                      console=Console(stderr=True), transient=True):
        if path.parent not in manifests:
            manifests[path.parent], manifest_errors = load_manifest(path.parent, max_bytes=max_bytes)
            errors.extend(manifest_errors)
        docs, file_errors, file_notes = _read_file(path, max_bytes=max_bytes, max_chars=max_chars,
                                                   manifest=manifests[path.parent])
        errors.extend(file_errors)
        notes.extend(file_notes)
        for doc in docs:
            where = record_of(doc.source)
            unique.add(doc, path=str(path), label=str(path) + (f" ({where})" if where else ""), where=where)
    return IngestResult(documents=tuple(unique.documents.values()), errors=tuple(errors),
                        duplicates=tuple(unique.duplicates), notes=tuple(notes))


def read_bytes(
    name: str,
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    metadata: dict | None = None,
) -> IngestResult:
    """Read one file's bytes (an upload, say) exactly as `read_documents` reads a file on disk.

    Nothing is written anywhere: `name` only picks the format (by its suffix) and labels the
    documents and errors (folders in it are dropped).

    Args:
        name: The file name the bytes came with.
        data: The file's content.
        max_bytes: Larger content is reported, not read.
        max_chars: Longer articles are reported, not kept.
        metadata: Title, outlet, date or url for the file (as a manifest entry gives them).
    """
    label = display_name(name)
    docs, errors, notes = _read_data(Path(label), data, max_bytes=max_bytes, max_chars=max_chars,
                              manifest={Path(label).name: metadata or {}})
    unique = Unique()
    for doc in docs:
        unique.add(doc, path=label, label=record_of(doc.source), where=record_of(doc.source))
    return IngestResult(documents=tuple(unique.documents.values()), errors=tuple(errors),
                        duplicates=tuple(unique.duplicates), notes=tuple(notes))


def _read_file(
    path: Path, *, max_bytes: int, manifest: dict, max_chars: int = DEFAULT_MAX_CHARS
) -> tuple[list[Document], list[IngestError], list[IngestError]]:
    """Read one file into documents, its errors and notes; whole-file problems become a single error."""
    suffix = path.suffix.lower()
    try:
        if suffix not in READERS:
            raise Unreadable(unsupported(suffix, path.name))
        data = read_file_bytes(path, max_bytes)
    except Unreadable as exc:
        return [], [IngestError(str(path), str(exc))], []
    except OSError as exc:
        return [], [IngestError(str(path), f"cannot read file: {exc.strerror or exc}")], []
    return _read_data(path, data, max_bytes=max_bytes, max_chars=max_chars, manifest=manifest)


def _read_data(
    path: Path, data: bytes, *, max_bytes: int, max_chars: int, manifest: dict
) -> tuple[list[Document], list[IngestError], list[IngestError]]:
    """Turn the bytes of one file into documents, errors and notes; `path` names the file in both."""
    suffix = path.suffix.lower()
    try:
        if suffix not in READERS:
            raise Unreadable(unsupported(suffix, path.name or str(path)))
        if len(data) > max_bytes:
            raise Unreadable(f"file is {size(len(data))}, above the {size(max_bytes)} limit")
        text, note = decode_noting(data)
        if not text.strip():
            raise Unreadable("empty file")
        records, errors = parse(path, text, suffix, max_chars=max_chars)
    except Unreadable as exc:
        return [], [IngestError(str(path), str(exc))], []
    meta = manifest.get(path.name, {})
    documents = []
    for source, fields in records:
        # A manifest entry describes the file: it overrides a single article, fills gaps in many.
        merged = {**fields, **meta} if len(records) == 1 else {**meta, **fields}
        doc = to_document(merged, source=source, stem=path.stem, markdown=READERS[suffix].markdown)
        if doc is None:
            where = f"{source}: " if len(records) > 1 else ""
            errors.append(IngestError(str(path), f"{where}no article text left after removing boilerplate"))
        else:
            documents.append(doc)
    return documents, summarised(errors), [IngestError(str(path), note)] if note and documents else []
