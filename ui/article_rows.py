"""An article's relations as the curated graph has them, in reading order: what the article view lists."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.lazy import StoredEvidence

Row = tuple[str, str, str, dict]  # (source, target, relation, evidence)


@dataclass(frozen=True)
class ArticleText:
    """One stored article with the actor mentions found in it and its relations as stored
    (``(subject, object, relation, evidence)``)."""

    document: Any
    mentions: tuple = ()
    relations: tuple = ()


def reading_order(row: tuple[str, str, str, Mapping[str, Any]]) -> tuple:
    """The order an article's relations are listed in: where the sentence starts, then the type, the
    actors and where they are named."""
    s, t, relation, ev = row
    return (int(ev.get("start") or 0), relation, s, t, tuple(ev.get("subject_span") or ()),
            tuple(ev.get("object_span") or ()))


def relations_by_article(g: nx.MultiDiGraph) -> dict[str, list[Row]]:
    """Evidence the graph holds, by article: ``doc_id -> [(source, target, relation, evidence)]``,
    in reading order (not the sentences kept in the store: :func:`article_rows` adds an article's own)."""
    index: dict[str, list] = defaultdict(list)
    for s, t, k, d in g.edges(keys=True, data=True):
        if isinstance(d.get("evidence"), StoredEvidence):
            continue
        for ev in d.get("evidence") or ():
            index[str(ev.get("doc_id"))].append((s, t, str(d.get("relation") or k), ev))
    for rows in index.values():
        rows.sort(key=reading_order)
    return dict(index)


def article_rows(edge: Callable[[str, str, str], Mapping[str, Any] | None], canonical: Mapping[str, str],
                 held: Iterable[Row], stored: ArticleText | None) -> list[Row]:
    """Every relation read from one article as the curated graph has it, in reading order.

    Args:
        edge: The attributes of the curated graph's edge ``(source, relation, target)`` (None: no such edge).
        canonical: Merged actor -> the actor it was merged into.
        held: The article's rows among the evidence the graph holds (:func:`relations_by_article`).
        stored: The article as stored, with its relations; those whose sentences the graph leaves
            in the store are shown as curation has them: merged, rejected or confirmed.
    """
    rows = list(held)
    for s, t, relation, ev in stored.relations if stored else ():
        s, t = canonical.get(s, s), canonical.get(t, t)
        kept = (edge(s, relation, t) or {}).get("evidence")
        if s != t and isinstance(kept, StoredEvidence) and not any(m(ev) for m in kept.left_out):
            rows.append((s, t, relation, {**ev, "confirmed": True} if any(m(ev) for m in kept.marked) else ev))
    rows.sort(key=reading_order)
    return rows
