"""Read article files (txt, md, html, json, jsonl) into Documents, reporting bad files.

Bad input never stops a batch and never crashes the reader: each problem becomes an
IngestError naming the file (and the record) and the reason. Files above `max_bytes`, texts
above `max_chars` (what the parser accepts), binary files, undecodable text, malformed or
deeply nested JSON, pipes and devices, broken or looping symlinks and links out of a folder
are reported; hidden files and folders are skipped silently. Text is normalised so it can be
stored, shown and exported: no control characters and no lone surrogates.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
from rich.console import Console
from rich.progress import track

from graph.models import Document

DEFAULT_MAX_BYTES = 5_000_000
# spaCy's default nlp.max_length: longer texts are refused by the parser (and need ~1 GB per 100k chars).
DEFAULT_MAX_CHARS = 1_000_000
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
MANIFEST_NAME = "manifest.json"
PROGRESS_MIN_FILES = 20
META_FIELDS = ("title", "outlet", "date", "url")

# One character for one character, so offsets computed on the normalised text stay put. Control
# characters become spaces (XML exports cannot hold them, terminals act on them); Unicode line
# and paragraph separators become line ends.
_CHAR_MAP = str.maketrans(
    {c: " " for c in "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"}
    | {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
    | {chr(c): " " for c in [*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), *range(0x7f, 0xa0)]}
    | {"\u0085": "\n", "\u2028": "\n", "\u2029": "\n", "\ufffe": "\ufffd", "\uffff": "\ufffd"}
)
# Lone surrogates (from JSON escapes like "\ud800" or undecodable file names) cannot be stored or
# written as UTF-8.
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_BINARY_CONTROL_SHARE = 0.05  # real text has next to no control characters; binary data has ~10%
# Signatures of binary formats people rename to .txt by mistake, to say what the file really is.
_MAGIC = (
    (b"%PDF-", "a PDF document"), (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"), (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!\x1a\x07", "a RAR archive"), (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"), (b"{\\rtf", "an RTF document"),
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
# Inner runs exclude their own delimiter, so a failed match never rescans the rest of the line:
# linear on hostile input (a 100 kB line of "**x " took minutes with lazy `.+?` spans).
_MD_RULES = (
    (re.compile(r"^[ \t]{0,3}(#{1,6}[ \t]+|>[ \t]?)", re.M), ""),  # heading and quote markers
    (re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)"), r"\1"),  # [text](url) and ![alt](src) -> text
    (re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*"), r"\1"),  # strong
    (re.compile(r"__(?=\S)([^_\n]+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis, not snake_case
    (re.compile(r"(?<![\w*])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w*])"), r"\1"),
)


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


class _Unreadable(Exception):
    """Raised inside this module for a whole file that cannot be read; carries the reason."""


def normalise_text(text: str) -> str:
    """Normalise text for display and offsets: NFC, \\n line ends, plain spaces and quotes.

    Space and quote replacements are one character for one character; control characters
    become spaces and lone surrogates U+FFFD; trailing whitespace is stripped from every line
    and from the end.
    """
    text = _SURROGATES.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = unicodedata.normalize("NFC", text).translate(_CHAR_MAP).split("\n")
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
    files, errors = _collect([Path(p) for p in paths])
    documents: dict[str, Document] = {}
    first_seen: dict[str, str] = {}
    duplicates: list[Duplicate] = []
    manifests: dict[Path, dict] = {}
    show = progress and len(files) > PROGRESS_MIN_FILES
    for path in track(files, description="Reading articles", disable=not show,
                      console=Console(stderr=True), transient=True):
        if path.parent not in manifests:
            manifests[path.parent], manifest_errors = _load_manifest(path.parent, max_bytes=max_bytes)
            errors.extend(manifest_errors)
        docs, file_errors = _read_file(path, max_bytes=max_bytes, max_chars=max_chars,
                                       manifest=manifests[path.parent])
        errors.extend(file_errors)
        for doc in docs:
            where = _record_of(doc.source)
            if doc.id in documents:
                duplicates.append(Duplicate(str(path), f"{where + ': ' if where else ''}same text as "
                                                       f"{first_seen[doc.id]}; kept once"))
                continue
            documents[doc.id] = doc
            first_seen[doc.id] = str(path) + (f" ({where})" if where else "")
    return IngestResult(documents=tuple(documents.values()), errors=tuple(errors), duplicates=tuple(duplicates))


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
    docs, errors = _read_data(Path(label), data, max_bytes=max_bytes, max_chars=max_chars,
                              manifest={Path(label).name: metadata or {}})
    unique: dict[str, Document] = {}
    duplicates = []
    for doc in docs:
        if doc.id in unique:
            duplicates.append(Duplicate(label, f"{_record_of(doc.source)}: same text as "
                                               f"{_record_of(unique[doc.id].source)}; kept once"))
        else:
            unique[doc.id] = doc
    return IngestResult(documents=tuple(unique.values()), errors=tuple(errors), duplicates=tuple(duplicates))


def display_name(name: object) -> str:
    """The last component of a file name, printable: undecodable bytes and control characters
    become U+FFFD, so the name is safe in a terminal, a store and an XML export."""
    text = _printable(str(name or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]).strip()
    return text or "unnamed file"


def _printable(text: str) -> str:
    """The text with lone surrogates and control characters replaced by U+FFFD."""
    return "".join("\ufffd" if unicodedata.category(c) in ("Cc", "Cs") else c for c in text)


def _record_of(source: str) -> str:
    """'line 3' or 'item 2' for the source of a record of a .jsonl or .json list, else ''."""
    base, sep, n = source.rpartition("#")
    if not sep or not n.isdigit():
        return ""
    return f"{'line' if base.lower().endswith('.jsonl') else 'item'} {n}"


def _collect(paths: list[Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand folders into their visible files, reporting missing paths and escaping links."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for path in paths:
        if path.is_file():
            if path.name != MANIFEST_NAME:
                files.append(path)
        elif path.is_dir():
            before = len(errors)
            found = _walk(path, errors)
            if not found and len(errors) == before:
                errors.append(IngestError(str(path), "folder contains no article files"))
            files.extend(found)
        elif path.is_symlink():
            errors.append(IngestError(str(path), "broken symlink (its target is missing, or it points to itself)"))
        elif path.exists():
            errors.append(IngestError(str(path), "not a regular file (a pipe, socket or device); not read"))
        else:
            errors.append(IngestError(str(path), "no such file or folder"))
    return files, errors


def _walk(root: Path, errors: list[IngestError]) -> list[Path]:
    """List the files under root, skipping hidden entries and reporting links that lead outside
    root or loop, folders that cannot be listed and entries that are not regular files."""
    real_root = Path(os.path.realpath(root))
    found = []

    def unlistable(exc: OSError) -> None:
        errors.append(IngestError(str(exc.filename or root), f"cannot read folder: {exc.strerror or exc}"))

    # os.walk never descends into symlinked folders (no loops); they are judged below.
    for folder, dirs, names in os.walk(root, onerror=unlistable):
        for d in [d for d in dirs if Path(folder, d).is_symlink()]:
            dirs.remove(d)
            if not d.startswith("."):
                problem = _linked_folder_problem(Path(folder, d), real_root)
                if problem:
                    errors.append(IngestError(str(Path(folder, d)), problem))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            if name.startswith(".") or name == MANIFEST_NAME:
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):  # missing target, or a loop of links
                    errors.append(IngestError(str(path), "broken symlink (its target is missing, or it "
                                                         "points to itself); not followed"))
                    continue
                if not target.is_relative_to(real_root):
                    errors.append(IngestError(str(path), "symlink points outside the folder; not followed"))
                    continue
            if not path.is_file():
                errors.append(IngestError(str(path), "not a regular file (a pipe, socket or device); not read"))
            else:
                found.append(path)
    return found


def _linked_folder_problem(link: Path, real_root: Path) -> str | None:
    """Why a symlinked folder under root is not followed, or None when its files are read anyway
    (it points to another folder inside root, which the walk reaches by its real path)."""
    target = Path(os.path.realpath(link))
    if not target.is_relative_to(real_root):
        return "symlink points outside the folder; not followed"
    if Path(os.path.realpath(link.parent)).is_relative_to(target):
        return "symlink loop (it points back to a folder that contains it); not followed"
    return None


def _load_manifest(folder: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[dict, list[IngestError]]:
    """Read folder/manifest.json as {file name: metadata}; a bad manifest is reported, not fatal."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}, []
    try:
        data = json.loads(_decode(_read_bytes(path, max_bytes)))
    except (_Unreadable, ValueError, RecursionError) as exc:
        return {}, [IngestError(str(path), f"manifest not read: {_json_problem(exc)}")]
    except OSError as exc:
        return {}, [IngestError(str(path), f"manifest not read: {exc.strerror or exc}")]
    if not isinstance(data, dict):
        return {}, [IngestError(str(path), "manifest must be a JSON object keyed by file name")]
    return {k: v for k, v in data.items() if not k.startswith("_") and isinstance(v, dict)}, []


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most max_bytes (checked before reading, and while)."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):  # a pipe would block the read forever
        raise _Unreadable("not a regular file (a pipe, socket or device); not read")
    if st.st_size > max_bytes:
        raise _Unreadable(f"file is {_size(st.st_size)}, above the {_size(max_bytes)} limit")
    with path.open("rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew since the stat
        raise _Unreadable(f"file is over {_size(max_bytes)}, above the {_size(max_bytes)} limit")
    return data


def _read_file(
    path: Path, *, max_bytes: int, manifest: dict, max_chars: int = DEFAULT_MAX_CHARS
) -> tuple[list[Document], list[IngestError]]:
    """Read one file into documents; whole-file problems become a single error."""
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            raise _Unreadable(_unsupported(suffix, path.name))
        data = _read_bytes(path, max_bytes)
    except _Unreadable as exc:
        return [], [IngestError(str(path), str(exc))]
    except OSError as exc:
        return [], [IngestError(str(path), f"cannot read file: {exc.strerror or exc}")]
    return _read_data(path, data, max_bytes=max_bytes, max_chars=max_chars, manifest=manifest)


def _read_data(
    path: Path, data: bytes, *, max_bytes: int, max_chars: int, manifest: dict
) -> tuple[list[Document], list[IngestError]]:
    """Turn the bytes of one file into documents; `path` names the file in errors."""
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            raise _Unreadable(_unsupported(suffix, path.name or str(path)))
        if len(data) > max_bytes:
            raise _Unreadable(f"file is {_size(len(data))}, above the {_size(max_bytes)} limit")
        text = _decode(data)
        if not text.strip():
            raise _Unreadable("empty file")
        records, errors = _parse(path, text, suffix, max_chars=max_chars)
    except _Unreadable as exc:
        return [], [IngestError(str(path), str(exc))]
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


def _unsupported(suffix: str, name: str) -> str:
    return f"unsupported file type '{suffix or name}' (expected {', '.join(SUPPORTED_SUFFIXES)})"


def _decode(data: bytes) -> str:
    """Decode bytes as text: a BOM wins, then utf-8 (with stray Latin-1 bytes mended), then
    charset-normalizer's best guess; binary data is refused, naming its format when known."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise _Unreadable(f"cannot decode as {codec}: {exc.reason}") from None
    kind = next((what for magic, what in _MAGIC if data.startswith(magic)), None)
    if b"\x00" in data:  # checked after the BOMs because utf-16 text is full of NULs
        raise _Unreadable("binary file (contains NUL bytes)" + (f": {kind}, not text" if kind else ""))
    if kind:
        raise _Unreadable(f"binary file: {kind}, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _mixed_utf8(data)
    if text is None:
        text = _guess_encoding(data)
    if len(_CONTROL_CHARS.findall(text)) > _BINARY_CONTROL_SHARE * len(text):
        raise _Unreadable("binary file (mostly control characters, not text)")
    return text


def _mixed_utf8(data: bytes) -> str | None:
    """Decode text that is utf-8 with some Latin-1/Windows-1252 bytes mixed in (pasted text,
    concatenated files): valid utf-8 stays, each stray byte is read as Windows-1252. None when
    the data holds no utf-8 beyond ASCII, so a whole file in another encoding is left to guessing."""
    text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "surrogateescape")
    if not any(ord(c) > 0x7f and not 0xdc80 <= ord(c) <= 0xdcff for c in text):
        return None

    def byte(match: re.Match) -> str:
        b = bytes([ord(match.group()) - 0xdc00])
        try:
            return b.decode("cp1252")
        except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
            return b.decode("latin-1")
    return re.sub("[\udc80-\udcff]", byte, text)


def _guess_encoding(data: bytes) -> str:
    """Decode 8-bit text in an unknown encoding with charset-normalizer. Short texts fit many
    code pages equally well; then Windows-1252 (Western European, what English news is most
    often in) is chosen over an arbitrary tie such as cp775."""
    results = list(charset_normalizer.from_bytes(data))
    if not results:
        raise _Unreadable("cannot decode: not utf-8 and no other text encoding fits")
    least = min(r.chaos for r in results)
    western = next((r for r in results if r.encoding == "cp1252" and r.chaos <= least + 0.01), None)
    return str(western or charset_normalizer.from_bytes(data).best() or results[0])


def _json_problem(exc: BaseException) -> str:
    """Plain words for a JSON parser failure."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON on line {exc.lineno}: {exc.msg}"
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply to read"
    if isinstance(exc, ValueError) and "digits" in str(exc):
        return "a JSON number has too many digits to read"
    return str(exc)


def _parse(path: Path, text: str, suffix: str, *, max_chars: int = DEFAULT_MAX_CHARS
           ) -> tuple[list[tuple[str, dict]], list[IngestError]]:
    """Split a decoded file into (source, fields) records; bad records become errors."""
    name = _printable(path.name)
    if suffix in (".html", ".htm"):
        items = [(name, "the page", _extract_html(text))]
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise _Unreadable(_json_problem(exc)) from None
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
                except (ValueError, RecursionError) as exc:
                    reason = _json_problem(exc)
                    if isinstance(exc, json.JSONDecodeError):
                        reason = f"not valid JSON on line {n}: {exc.msg}"
                    else:
                        reason = f"line {n}: {reason}"
                    items.append((f"{name}#{n}", f"line {n}", IngestError(str(path), reason)))
    else:
        items = [(name, "the file", {"text": text})]
    records, errors = [], []
    for source, where, item in items:
        if isinstance(item, IngestError):
            errors.append(item)
        elif not isinstance(item, dict):
            errors.append(IngestError(str(path), f"{where} is not a JSON object"))
        elif not isinstance(item.get("text"), str) or not item["text"].strip():
            errors.append(IngestError(str(path), f"{where} has no 'text' string"))
        elif len(item["text"]) > max_chars:
            prefix = f"{where}: " if len(items) > 1 else ""
            errors.append(IngestError(str(path), f"{prefix}text is {len(item['text']):,} characters, above the "
                                                 f"{max_chars:,}-character limit (split the article)"))
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


def _size(n: int) -> str:
    """A byte count as people read it, with at most one decimal: '640 bytes', '12 KB', '5.1 MB'."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{round(n / 1e3, 1):g} KB"
    return f"{round(n / 1e6, 1):g} MB"
