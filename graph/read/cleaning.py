"""Cleaning text: normal form, page furniture and markdown stripped, the content hash, the headline."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from graph.read.datelines import dated, dateline
from graph.models import Document

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


_MARKDOWN = None
# Blocks whose text is not prose: code never reaches extraction, tables and raw HTML are dropped
_SKIPPED_BLOCKS = ("fence", "code_block", "html_block", "hr")
_SKIPPED_CONTAINERS = {"table_open": "table_close"}


def _markdown():
    global _MARKDOWN
    if _MARKDOWN is None:
        from markdown_it import MarkdownIt

        _MARKDOWN = MarkdownIt("commonmark").enable("table")
    return _MARKDOWN


def _inline_text(token) -> str:
    """The words of an inline token: text, code spans and image alt text; no markup, no URLs."""
    out = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            out.append(_inline_text(child))
    return "".join(out)


def strip_markdown(text: str) -> str:
    """Markdown to its prose, through a Markdown parser (markdown-it-py, CommonMark and tables).

    Headings, paragraphs, list items and quotes keep their words (emphasis, link and image
    syntax gone); code blocks, tables, raw HTML blocks and rules are dropped. Blocks that sat
    on neighbouring lines stay on neighbouring lines, others are a blank line apart.
    """
    tokens = _markdown().parse(text)
    blocks: list[tuple[int, int, str]] = []
    closing = None
    for token in tokens:
        if closing:
            closing = None if token.type == closing else closing
            continue
        if token.type in _SKIPPED_CONTAINERS:
            closing = _SKIPPED_CONTAINERS[token.type]
        elif token.type == "inline" and token.map:
            words = _inline_text(token)
            if words.strip():
                blocks.append((token.map[0], token.map[1], words))
    out, last_end = [], None
    for start, end, words in blocks:
        if out:
            out.append("\n" if start <= last_end else "\n\n")
        out.append(words)
        last_end = end
    return "".join(out) + ("\n" if out and text.endswith("\n") else "")


def headline(text: str) -> str | None:
    """Return the first non-empty line if it reads like a headline, else None."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if not first or len(first) > 200 or first[0].islower():
        return None
    if first.endswith(".") and len(first) > 80:  # a long line ending in a period is a sentence
        return None
    return first


def display_name(name: object) -> str:
    """The last component of a file name, printable: undecodable bytes and control characters
    become U+FFFD, so the name is safe in a terminal, a store and an XML export."""
    text = printable(str(name or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]).strip()
    return text or "unnamed file"


def printable(text: str) -> str:
    """The text with lone surrogates and control characters replaced by U+FFFD."""
    return "".join("\ufffd" if unicodedata.category(c) in ("Cc", "Cs") else c for c in text)


def to_document(fields: dict, *, source: str, stem: str, markdown: bool) -> Document | None:
    """Build a Document from raw fields, or None when no text survives cleaning."""
    text = normalise_text(fields["text"])
    text = strip_boilerplate(strip_markdown(text) if markdown else text)
    text = normalise_text(re.sub(r"\n{3,}", "\n\n", text).strip("\n"))
    if not text.strip():
        return None
    meta = {k: " ".join(normalise_text(str(fields[k])).split()) or None for k in META_FIELDS
            if fields.get(k) is not None}  # a null in a manifest or JSON record is no value, not "None"
    title = meta.pop("title", None) or headline(text) or stem
    when = dated(dateline(text), meta.get("date"))  # "TOKYO, March 14 (Reuters) –" gives the day
    if when:
        meta["date"] = when
    return Document(id=document_id(text), title=title, text=text, source=source, **meta)
