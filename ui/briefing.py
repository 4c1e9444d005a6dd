"""The caption of a PNG for a briefing: the corpus and every filter that shapes the picture."""
from __future__ import annotations

from typing import Any

from ui.elements import relation_label
from ui.styles import ENTITY_LABELS

MAX_NAMED = 6  # more relation types than this are counted, not named


def caption(corpus: Any, f: Any, *, everything: bool = False, focus: str | None = None) -> str:
    """One line: articles, relation and actor types kept, months, corroboration, what counts, the focus.

    Args:
        corpus: The `ui.corpus.Corpus` snapshot.
        f: Its `ui.corpus.Filters`.
        everything: The counting toggle is on (negated and speculative sentences count).
        focus: The actor whose neighbourhood is shown, if any.
    """
    typed = [r for r in corpus.relations if r in corpus.default_relations]
    if typed and set(typed) <= set(f.relations):
        rel = f"all {len(typed)} typed" + (" and co-mentions" if len(f.relations) > len(typed) else "")
    elif len(f.relations) > MAX_NAMED:
        rel = f"{len(f.relations)} of {len(corpus.relations)} types"
    else:
        rel = ", ".join(relation_label(r) for r in f.relations) or "none"
    actors = ("all types" if len(f.types) == len(corpus.entity_types)
              else f"{len(f.types)} of {len(corpus.entity_types)} types")
    parts = [f"{corpus.stats['articles']} articles", f"relations: {rel}", f"actors: {actors}",
             f"months: {f.dates[0]} – {f.dates[1]}" if f.dates else "months: all"]
    if f.min_articles > 1:
        parts.append(f"at least {f.min_articles} articles")
    parts.append("every sentence as written" if everything else "asserted or reported sentences")
    if isinstance(focus, str) and focus in corpus.actors:
        parts.append(f"around {corpus.label(focus)}")
    return " · ".join(parts)


def briefing(corpus: Any, f: Any, *, everything: bool = False, focus: str | None = None) -> dict:
    """What the page needs to draw a PNG for a briefing: the caption and the legend's names."""
    return {"caption": caption(corpus, f, everything=everything, focus=focus),
            "relations": {r: relation_label(r) for r in corpus.relations},
            "types": {t: ENTITY_LABELS.get(t, t.title()) for t in corpus.entity_types}}
