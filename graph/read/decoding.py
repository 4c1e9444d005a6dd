"""Decoding bytes as text: a BOM wins, then utf-8 (stray Latin-1 bytes mended), then a guess; binary refused."""
from __future__ import annotations

import codecs
import re

import charset_normalizer

from graph.read.reports import Unreadable

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
MENDED_LINES_SHOWN = 10  # lines named in a note on mixed encodings; the rest are counted


def decode(data: bytes) -> str:
    """Decode bytes as text: a BOM wins, then utf-8 (with stray Latin-1 bytes mended), then
    charset-normalizer's best guess; binary data is refused, naming its format when known."""
    return decode_noting(data)[0]


def decode_noting(data: bytes) -> tuple[str, str]:
    """`decode`, and a note ("" when none): when utf-8 was read only after mending stray bytes
    (a file mixing encodings), which lines were not valid utf-8 and how they were read."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), ""
            except UnicodeDecodeError as exc:
                raise Unreadable(f"cannot decode as {codec}: {exc.reason}") from None
    kind = next((what for magic, what in _MAGIC if data.startswith(magic)), None)
    text = None if kind else _utf16_without_bom(data)
    if text is not None:
        return text, ""
    if b"\x00" in data:  # checked after the BOMs because utf-16 text is full of NULs
        raise Unreadable("binary file (contains NUL bytes)" + (f": {kind}, not text" if kind else ""))
    if kind:
        raise Unreadable(f"binary file: {kind}, not text")
    note = ""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _mixed_utf8(data)
        if text is not None:
            note = _mended_note(data)
    if text is None:
        text = _guess_encoding(data)
    if len(_CONTROL_CHARS.findall(text)) > _BINARY_CONTROL_SHARE * len(text):
        raise Unreadable("binary file (mostly control characters, not text)")
    return text, note


def _mended_note(data: bytes) -> str:
    """Name the lines of a mostly-utf-8 file that were not valid utf-8, and how they were read."""
    bad = []
    for n, line in enumerate(data.removeprefix(codecs.BOM_UTF8).split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(n)
    shown = ", ".join(map(str, bad[:MENDED_LINES_SHOWN]))
    if len(bad) > MENDED_LINES_SHOWN:
        shown += f" and {len(bad) - MENDED_LINES_SHOWN:,} more"
    elif len(bad) > 1:
        head, _, last = shown.rpartition(", ")
        shown = f"{head} and {last}"
    lines = f"line{'s' if len(bad) > 1 else ''} {shown}"
    were, their = ("were", "their") if len(bad) > 1 else ("was", "its")
    return (f"mixed encodings: {lines} {were} not valid UTF-8; {their} stray bytes were read as Windows-1252 "
            "(Latin-1), so some characters there may be wrong — check them")


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 without a BOM, told by its NULs: the high byte of most characters (Latin
    script) is zero, so one byte position in two is mostly NUL and the other next to never."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0) / (len(data) // 2), data[1::2].count(0) / (len(data) // 2)
    codec = "utf-16-le" if odd > 0.4 and even < 0.02 else "utf-16-be" if even > 0.4 and odd < 0.02 else None
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if len(_CONTROL_CHARS.findall(text)) > _BINARY_CONTROL_SHARE * len(text) else text


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
        raise Unreadable("cannot decode: not utf-8 and no other text encoding fits")
    least = min(r.chaos for r in results)
    western = next((r for r in results if r.encoding == "cp1252" and r.chaos <= least + 0.01), None)
    return str(western or charset_normalizer.from_bytes(data).best() or results[0])
