"""Datelines of wire copy ("TOKYO, March 14 (Reuters) –"): where a story was filed and, often, when.

`dateline` finds one at the start of a text; `dated` turns its month and day into the
article's date when the year is known (from the dateline itself or the article's own date).
"""
from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), 1)}
# an upper-case place (one or more words, maybe "CITY, Country"), maybe a month and day (and year),
# maybe the agency in brackets, then a dash
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.\-]+(?:[ /][A-Z][A-Z'.\-]+)*(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?)"
    r"(?:,\s*(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?\s+(?P<day>\d{1,2})"
    r"(?:,?\s*(?P<year>(?:19|20)\d{2}))?)?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&'-]{1,40})\))?\s*[-–—]{1,2}\s+")


def dateline(text: str) -> re.Match | None:
    """The dateline opening `text` (or its first line after a headline), if any."""
    for line in text.lstrip().split("\n")[:3]:
        found = DATELINE.match(line.strip())
        if found and (found["month"] or found["agency"]):  # "US -" alone is no dateline
            return found
    return None


def dated(found: re.Match | None, known: str | None) -> str | None:
    """The date a dateline gives (``YYYY-MM-DD``), the year from the dateline or from `known`.

    A known date is kept when the dateline disagrees with its month, or has no year to give.
    """
    if not found or not found["month"]:
        return known
    month, day = MONTHS.get(found["month"][:3].lower()), int(found["day"])
    year = found["year"] or (known[:4] if known and re.match(r"^\d{4}", known) else None)
    if not month or not 1 <= day <= 31 or not year:
        return known
    if known and len(known) >= 7 and known[5:7].isdigit() and int(known[5:7]) != month and not found["year"]:
        return known
    return f"{year}-{month:02d}-{day:02d}"


def strip_dateline(sentence: str) -> int:
    """How many characters of a sentence are its dateline (0 when it opens with none)."""
    found = DATELINE.match(sentence)
    return found.end() if found and (found["month"] or found["agency"]) else 0
