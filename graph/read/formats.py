"""File formats: the one reader table by suffix, each reader splitting a decoded file into records."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from graph.read.cleaning import META_FIELDS, printable
from graph.read.reports import IngestError, Unreadable

DEFAULT_MAX_BYTES = 5_000_000
# spaCy's default nlp.max_length: longer texts are refused by the parser (and need ~1 GB per 100k chars).
DEFAULT_MAX_CHARS = 1_000_000

Item = tuple  # (source, where, fields dict | IngestError | anything a JSON file held)


def _page(path: Path, name: str, text: str) -> list[Item]:
    return [(name, "the page", _extract_html(text))]


def _json(path: Path, name: str, text: str) -> list[Item]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Unreadable(json_problem(exc)) from None
    if isinstance(data, dict):
        return [(name, "the JSON object", data)]
    if isinstance(data, list):
        return [(f"{name}#{i}", f"item {i}", item) for i, item in enumerate(data, 1)]
    raise Unreadable("expected a JSON object or a list of objects")


def _json_lines(path: Path, name: str, text: str) -> list[Item]:
    items: list[Item] = []
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                items.append((f"{name}#{n}", f"line {n}", json.loads(line)))
            except (ValueError, RecursionError) as exc:
                reason = json_problem(exc)
                if isinstance(exc, json.JSONDecodeError):
                    reason = f"not valid JSON on line {n}: {exc.msg}"
                else:
                    reason = f"line {n}: {reason}"
                items.append((f"{name}#{n}", f"line {n}", IngestError(str(path), reason)))
    return items


def _plain(path: Path, name: str, text: str) -> list[Item]:
    return [(name, "the file", {"text": text})]


class Format(NamedTuple):
    """How files of one suffix are read: the reader splitting them into records, and whether
    their text is markdown (its syntax stripped when cleaning)."""

    read: Callable[[Path, str, str], list[Item]]
    markdown: bool = False


#: The one reader table: suffix -> format.
READERS = MappingProxyType({
    ".txt": Format(_plain), ".md": Format(_plain, markdown=True), ".html": Format(_page), ".htm": Format(_page),
    ".json": Format(_json), ".jsonl": Format(_json_lines),
})
SUPPORTED_SUFFIXES = tuple(READERS)


def unsupported(suffix: str, name: str) -> str:
    return f"unsupported file type '{suffix or name}' (expected {', '.join(SUPPORTED_SUFFIXES)})"


def json_problem(exc: BaseException) -> str:
    """Plain words for a JSON parser failure."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON on line {exc.lineno}: {exc.msg}"
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply to read"
    if isinstance(exc, ValueError) and "digits" in str(exc):
        return "a JSON number has too many digits to read"
    return str(exc)


def parse(path: Path, text: str, suffix: str, *, max_chars: int = DEFAULT_MAX_CHARS
          ) -> tuple[list[tuple[str, dict]], list[IngestError]]:
    """Split a decoded file into (source, fields) records with its suffix's reader; bad records become errors."""
    items = READERS[suffix].read(path, printable(path.name), text)
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
        raise Unreadable(f"HTML could not be read ({type(exc).__name__}: {exc})") from None
    if result is None or not (result.text or "").strip():
        raise Unreadable("no article text found in the HTML")
    # trafilatura separates paragraphs by a single newline; a blank line marks them as breaks.
    text = "\n\n".join(line for line in result.text.split("\n") if line.strip())
    fields = {"text": text, "title": result.title, "date": result.date,
              "outlet": result.sitename, "url": result.url}
    return {k: v for k, v in fields.items() if v}


def record_of(source: str) -> str:
    """'line 3' or 'item 2' for the source of a record of a .jsonl or .json list, else ''."""
    base, sep, n = source.rpartition("#")
    if not sep or not n.isdigit():
        return ""
    return f"{'line' if base.lower().endswith('.jsonl') else 'item'} {n}"
