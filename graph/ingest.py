"""Read article files (txt, md, html, json, jsonl) into Documents, reporting bad files."""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
from rich.console import Console
from rich.progress import track

from graph.models import Document

DEFAULT_MAX_BYTES = 5_000_000
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
MANIFEST_NAME = "manifest.json"
PROGRESS_MIN_FILES = 20
META_FIELDS = ("title", "outlet", "date", "url")

# One character for one character, so offsets computed on the normalised text stay put.
_CHAR_MAP = str.maketrans(
    {c: " " for c in "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"}
    | {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
)
# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Each is matched against a whole short line (brackets trimmed): a partial match never drops a line.
_BOILERPLATE = re.compile("|".join((
    # comment prompts and sharing
    r"leave a (reply|comment)\b.*", r"(\d+ )?comments?( \(\d+\))?", r"click here to comment\b.*",
    r"write (a|your) comment\b.*", r"be the first to comment\b.*", r"this site uses akismet\b.*",
    r"you must be logged in to (post a )?comment\b.*",
    r"share (this|this article|this story)\s*:?", r"share on (facebook|twitter|x|linkedin|whatsapp|email)\b.*",
    # photo and contributor credits
    r"(photo|photograph|image|picture)s?( credits?)?\s*(:.*|by [^.]{0,80})", r"image credits?\b.*",
    r"photographer\s*:.*", r"([^.]{0,60}(/|\bvia)\s*)?getty images\b.{0,40}",
    r"([^.]{0,60}/\s*)?(ap|afp|epa|reuters) photo\b.*", r"[—–-]\s*with assistance (by|from)\b.*",
    # promotion
    r"read more(\s*[:>»].*)?", r"related( (articles?|stories|coverage|content|reading))?\s*:.*",
    r"subscribe\b.*", r"(story continues below )?advertisement", r"sign up (for|to)\b.*",
)), re.IGNORECASE)
_BOILERPLATE_MAX_LINE = 160
_MD_RULES = (
    (re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?)", re.M), ""),  # heading and quote markers
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) and ![alt](src) -> text
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis, not snake_case
)


@dataclass(frozen=True)
class IngestError:
    """A file (or one record in it) that could not be read, and why in plain words."""

    path: str
    reason: str


@dataclass(frozen=True)
class IngestResult:
    """Documents read from a batch, and the errors met on the way."""

    documents: tuple[Document, ...]
    errors: tuple[IngestError, ...]


class _Unreadable(Exception):
    """Raised inside this module for a whole file that cannot be read; carries the reason."""


def normalise_text(text: str) -> str:
    """Normalise text for display and offsets: NFC, \\n line ends, plain spaces and quotes.

    Space and quote replacements are one character for one character; trailing whitespace is
    stripped from every line and from the end.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.translate(_CHAR_MAP).split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip()


def document_id(text: str) -> str:
    """Return the content hash of a text: the first 16 hex chars of sha256 of its normal form."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def strip_boilerplate(text: str) -> str:
    """Drop whole lines that are page furniture: share/comment prompts, credits, promos.

    Conservative: a line goes only when all of it matches and it is short.
    """
    def is_boilerplate(line: str) -> bool:
        core = line.strip().strip("()[] ")
        return bool(core) and len(core) <= _BOILERPLATE_MAX_LINE and bool(_BOILERPLATE.fullmatch(core))

    return "\n".join(line for line in text.split("\n") if not is_boilerplate(line))


def strip_markdown(text: str) -> str:
    """Remove light markdown syntax: heading/quote markers, emphasis, link and image syntax."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def headline(text: str) -> str | None:
    """Return the first non-empty line if it reads like a headline, else None."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if not first or len(first) > 200 or first[0].islower():
        return None
    if first.endswith(".") and len(first) > 80:  # a long line ending in a period is a sentence
        return None
    return first


def read_documents(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = False,
) -> IngestResult:
    """Read files and folders of articles into Documents; bad files never stop the batch.

    Args:
        paths: Files or folders (or a single one); folders are walked recursively, sorted.
        max_bytes: Files larger than this are reported, not read.
        progress: Show a progress bar on stderr when there are many files.

    Returns:
        The documents (each content hash once, first seen wins) and one error per problem.
    """
    if isinstance(paths, (str, os.PathLike)):  # a lone path would otherwise be read char by char
        paths = [paths]
    files, errors = _collect([Path(p) for p in paths])
    documents: dict[str, Document] = {}
    manifests: dict[Path, dict] = {}
    show = progress and len(files) > PROGRESS_MIN_FILES
    for path in track(files, description="Reading articles", disable=not show,
                      console=Console(stderr=True), transient=True):
        if path.parent not in manifests:
            manifests[path.parent], manifest_errors = _load_manifest(path.parent)
            errors.extend(manifest_errors)
        docs, file_errors = _read_file(path, max_bytes=max_bytes, manifest=manifests[path.parent])
        errors.extend(file_errors)
        for doc in docs:
            documents.setdefault(doc.id, doc)
    return IngestResult(documents=tuple(documents.values()), errors=tuple(errors))


def _collect(paths: list[Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand folders into their visible files, reporting missing paths and escaping links."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for path in paths:
        if path.is_file():
            if path.name != MANIFEST_NAME:
                files.append(path)
        elif path.is_dir():
            found = _walk(path, errors)
            if not found:
                errors.append(IngestError(str(path), "folder contains no article files"))
            files.extend(found)
        else:
            errors.append(IngestError(str(path), "no such file or folder"))
    return files, errors


def _walk(root: Path, errors: list[IngestError]) -> list[Path]:
    """List the files under root, skipping hidden entries and links that lead outside root."""
    real_root = root.resolve()
    found = []
    # os.walk does not descend into symlinked folders, which also rules out link loops.
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            if name.startswith(".") or name == MANIFEST_NAME:
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                errors.append(IngestError(str(path), "symlink points outside the folder; not followed"))
            else:
                found.append(path)
    return found


def _load_manifest(folder: Path) -> tuple[dict, list[IngestError]]:
    """Read folder/manifest.json as {file name: metadata}; a bad manifest is reported, not fatal."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}, []
    try:
        data = json.loads(_decode(path.read_bytes()))
    except (_Unreadable, json.JSONDecodeError) as exc:
        return {}, [IngestError(str(path), f"manifest not read: {exc}")]
    if not isinstance(data, dict):
        return {}, [IngestError(str(path), "manifest must be a JSON object keyed by file name")]
    return {k: v for k, v in data.items() if not k.startswith("_") and isinstance(v, dict)}, []


def _read_file(
    path: Path, *, max_bytes: int, manifest: dict
) -> tuple[list[Document], list[IngestError]]:
    """Read one file into documents; whole-file problems become a single error."""
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            expected = ", ".join(SUPPORTED_SUFFIXES)
            raise _Unreadable(f"unsupported file type '{suffix or path.name}' (expected {expected})")
        size = path.stat().st_size
        if size > max_bytes:
            raise _Unreadable(f"file is {_megabytes(size)} MB, above the {_megabytes(max_bytes)} MB limit")
        text = _decode(path.read_bytes())
        if not text.strip():
            raise _Unreadable("empty file")
        records, errors = _parse(path, text, suffix)
    except _Unreadable as exc:
        return [], [IngestError(str(path), str(exc))]
    except OSError as exc:
        return [], [IngestError(str(path), f"cannot read file: {exc.strerror or exc}")]
    meta = manifest.get(path.name, {})
    documents = []
    for source, fields in records:
        # A manifest entry describes the file: it overrides a single article, fills gaps in many.
        merged = {**fields, **meta} if len(records) == 1 else {**meta, **fields}
        doc = _to_document(merged, source=source, stem=path.stem, markdown=suffix == ".md")
        if doc is None:
            where = f"{source}: " if len(records) > 1 else ""
            errors.append(IngestError(str(path), f"{where}no article text left after removing boilerplate"))
        else:
            documents.append(doc)
    return documents, errors


def _decode(data: bytes) -> str:
    """Decode bytes as text: a BOM wins, then utf-8, then charset-normalizer's best guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise _Unreadable(f"cannot decode as {codec}: {exc.reason}") from None
    if b"\x00" in data:  # checked after the BOMs because utf-16 text is full of NULs
        raise _Unreadable("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _Unreadable("cannot decode: not utf-8 and no other text encoding fits")
    return str(best)


def _parse(path: Path, text: str, suffix: str) -> tuple[list[tuple[str, dict]], list[IngestError]]:
    """Split a decoded file into (source, fields) records; bad records become errors."""
    name = path.name
    if suffix in (".html", ".htm"):
        return [(name, _extract_html(text))], []
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _Unreadable(f"not valid JSON on line {exc.lineno}: {exc.msg}") from None
        if isinstance(data, dict):
            items = [(name, "the JSON object", data)]
        elif isinstance(data, list):
            items = [(f"{name}#{i}", f"item {i}", item) for i, item in enumerate(data, 1)]
        else:
            raise _Unreadable("expected a JSON object or a list of objects")
    elif suffix == ".jsonl":
        items = []
        for n, line in enumerate(text.split("\n"), 1):
            if line.strip():
                try:
                    items.append((f"{name}#{n}", f"line {n}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    reason = f"not valid JSON on line {n}: {exc.msg}"
                    items.append((f"{name}#{n}", f"line {n}", IngestError(str(path), reason)))
    else:
        return [(name, {"text": text})], []
    records, errors = [], []
    for source, where, item in items:
        if isinstance(item, IngestError):
            errors.append(item)
        elif not isinstance(item, dict):
            errors.append(IngestError(str(path), f"{where} is not a JSON object"))
        elif not isinstance(item.get("text"), str) or not item["text"].strip():
            errors.append(IngestError(str(path), f"{where} has no 'text' string"))
        else:
            records.append((source, {k: item[k] for k in ("text", *META_FIELDS) if item.get(k) is not None}))
    return records, errors


def _extract_html(html: str) -> dict:
    """Pull the main text and metadata out of an HTML page with trafilatura."""
    try:
        import trafilatura  # deferred: it is slow to import and only HTML needs it

        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # a third-party parser failing on one page must not sink the batch
        raise _Unreadable(f"HTML could not be read ({type(exc).__name__}: {exc})") from None
    if result is None or not (result.text or "").strip():
        raise _Unreadable("no article text found in the HTML")
    # trafilatura separates paragraphs by a single newline; a blank line marks them as breaks.
    text = "\n\n".join(line for line in result.text.split("\n") if line.strip())
    fields = {"text": text, "title": result.title, "date": result.date,
              "outlet": result.sitename, "url": result.url}
    return {k: v for k, v in fields.items() if v}


def _to_document(fields: dict, *, source: str, stem: str, markdown: bool) -> Document | None:
    """Build a Document from raw fields, or None when no text survives cleaning."""
    text = normalise_text(fields["text"])
    text = strip_boilerplate(strip_markdown(text) if markdown else text)
    text = normalise_text(re.sub(r"\n{3,}", "\n\n", text).strip("\n"))
    if not text.strip():
        return None
    meta = {k: " ".join(normalise_text(str(fields[k])).split()) or None for k in META_FIELDS if k in fields}
    title = meta.pop("title", None) or headline(text) or stem
    return Document(id=document_id(text), title=title, text=text, source=source, **meta)


def _megabytes(n: int) -> str:
    """Format a byte count in MB with at most one decimal, e.g. '12.3' or '5'."""
    return f"{round(n / 1e6, 1):g}"
