"""An evidence sentence as components: the actors and the trigger marked, badges for negation and modality.

Text from articles only ever becomes component children, which Dash renders as text, never HTML.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.read.datelines import strip_dateline
from ui.plain import html  # static elements, made cheaply
from ui.styles import MODALITY_LABELS


def highlight_segments(text: str, start: int, spans: Sequence[tuple[str, Sequence[int] | None]]
                       ) -> list[tuple[str, str | None]]:
    """Cut a text into plain and highlighted runs.

    Args:
        text: The text (a sentence, or a whole article with ``start=0``).
        start: Offset of the text in its document; spans are document offsets.
        spans: ``(role, [a, b])`` pairs; later pairs win where spans overlap. Spans that
            are missing or fall outside the text are ignored rather than guessed.

    Returns:
        ``(text, role)`` runs covering the text in order; ``role`` is ``None`` for plain text.
    """
    cuts: list[tuple[int, int, str]] = []
    for role, span in spans:
        if not span or len(span) != 2 or span[0] is None or span[1] is None:
            continue
        a, b = int(span[0]) - start, int(span[1]) - start
        if a < 0 or b > len(text) or a >= b:
            continue
        cuts.append((a, b, role))
    if not cuts:
        return [(text, None)] if text else []
    roles: list[str | None] = [None] * len(text)
    for a, b, role in cuts:
        roles[a:b] = [role] * (b - a)
    runs: list[tuple[str, str | None]] = []
    begin = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or roles[i] != roles[begin]:
            runs.append((text[begin:i], roles[begin]))
            begin = i
    return runs


def highlighted_sentence(evidence: Mapping[str, Any]) -> list:
    """Return the children of a sentence with subject, object and trigger marked."""
    sentence = str(evidence.get("sentence") or "")
    cut = strip_dateline(sentence)  # "TOKYO, March 14 (Reuters) – " says where it was filed, not what happened
    sentence = sentence[cut:]
    runs = highlight_segments(sentence, int(evidence.get("start") or 0) + cut, [
        ("subject", evidence.get("subject_span")),
        ("object", evidence.get("object_span")),
        ("trigger", evidence.get("trigger_span")),
    ])
    return [text if role is None else html.Mark(text, className=f"hl hl-{role}", title=role)
            for text, role in runs]


def evidence_badges(evidence: Mapping[str, Any]) -> list:
    """Return badges for a negated, confirmed or not plainly asserted piece of evidence, and the
    item it trades or asks for."""
    badges = []
    if evidence.get("negated"):
        badges.append(html.Span("negated", className="badge badge-negated"))
    modality = evidence.get("modality") or "asserted"
    if modality != "asserted":
        label = MODALITY_LABELS.get(modality, str(modality))
        speaker = evidence.get("speaker")
        text = f"{label} by {speaker}" if modality == "reported" and speaker else label
        badges.append(html.Span(text, className=f"badge badge-{label}"))
    if evidence.get("item"):  # what was bought, sold or asked for: "supplies Ukraine" with IRIS-T
        badges.append(html.Span(f"item: {evidence['item']}", className="badge badge-item"))
    if evidence.get("confirmed"):
        badges.append(html.Span("confirmed", className="badge badge-confirmed"))
    return badges


def swatch(colour: str, *, shape: str = "line") -> html.Span:
    """Return a small colour sample (a line for relations, a shape for entity types)."""
    return html.Span(className=f"swatch swatch-{shape}", style={"backgroundColor": colour})
