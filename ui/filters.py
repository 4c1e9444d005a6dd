"""The filter widgets: relation and actor-type options with their swatches, the months of the date slider."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from dash import html

from graph.ontology import BY_NAME, WEAK_RELATIONS
from ui.styles import ENTITY_LABELS, ENTITY_SHAPES, entity_colour, relation_colour
from ui.evidence import swatch
from ui.state import clamp
from ui.elements import Data, relation_label, relation_counts, entity_counts, relation_names, entity_type_names


def relation_filter_options(data: Data, counts: Mapping[str, int] | None = None) -> list[dict]:
    """Return checklist options for the relation filter: swatch, type name, edge count (`counts`
    when counted already)."""
    counts = relation_counts(data) if counts is None else counts
    options = []
    for relation in relation_names(data, counts):
        kind = BY_NAME.get(relation)
        n = counts.get(relation, 0)
        options.append({
            "label": html.Span([
                swatch(relation_colour(relation), shape="dotted" if relation in WEAK_RELATIONS else "line"),
                html.Span(relation_label(relation), className="option-name"),
                html.Span(str(n), className="count"),
            ], className="option" + (" is-empty" if n == 0 else ""),
                title=kind.description if kind else relation),
            "value": relation,
        })
    return options


def entity_filter_options(data: Data) -> list[dict]:
    """Return checklist options for the entity-type filter: shape swatch, name, node count."""
    counts = entity_counts(data)
    return [{
        "label": html.Span([
            swatch(entity_colour(t), shape=ENTITY_SHAPES.get(t, "ellipse")),
            html.Span(ENTITY_LABELS.get(t, t.title()), className="option-name"),
            html.Span(str(counts.get(t, 0)), className="count"),
        ], className="option" + (" is-empty" if counts.get(t, 0) == 0 else ""), title=t),
        "value": t,
    } for t in entity_type_names(data)]


def month_range(first: str | None, last: str | None) -> tuple[str, ...]:
    """Return every ``YYYY-MM`` month from the month of `first` to that of `last`, inclusive.

    A year-only date stands for January at the start and December at the end.
    """
    def parse(value: str | None, end: bool) -> tuple[int, int] | None:
        if not value or len(value) < 4 or not value[:4].isdigit():
            return None
        year = int(value[:4])
        month = int(value[5:7]) if len(value) >= 7 and value[5:7].isdigit() else (12 if end else 1)
        return (year, clamp(month, 1, 12))

    a, b = parse(first, False), parse(last, True)
    if a is None or b is None or a > b:
        return ()
    months = []
    year, month = a
    while (year, month) <= b:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def month_marks(months: Sequence[str], *, most: int = 4) -> dict[int, str]:
    """Return slider marks: the first month of some years, at most `most` of them."""
    starts = [i for i, m in enumerate(months) if m.endswith("-01") or i == 0]
    step = max(1, math.ceil(len(starts) / most))
    return {i: months[i][:4] for i in starts[::step]}


def date_span_label(months: Sequence[str], value: Sequence[int] | None) -> str:
    """Return the chosen date span as text (``2018-01 – 2020-02``, or a note when undated)."""
    if not months:
        return "no dated articles"
    lo, hi = (value or [0, len(months) - 1])[:2]
    lo, hi = clamp(lo, 0, len(months) - 1), clamp(hi, 0, len(months) - 1)
    if lo == 0 and hi == len(months) - 1:
        return f"{months[0]} – {months[-1]} (all)"
    return f"{months[lo]} – {months[hi]}"
