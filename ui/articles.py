"""The Articles tab: the list of loaded articles, one article read with its actors marked, the upload report.

Text from articles only ever becomes component children, which Dash renders as text, never HTML."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
from dash import html

from graph.ontology import WEAK_RELATIONS
from ui import ids
from ui.elements import make_edge_id, relation_label
from ui.evidence import evidence_badges, highlight_segments, highlighted_sentence
from ui.styles import entity_colour, relation_text_colour
from ui.panels import (
    Documents,
    _plural,
    _present,
    edge_link,
    article_link,
    mark_key,
    _label,
    _type,
    _link,
    article_meta,
    _source_line,
)


MAX_ARTICLE_LIST = 100


def article_list(documents: Documents, relation_counts: Mapping[str, int], *, query: str | None = None,
                 limit: int = MAX_ARTICLE_LIST) -> html.Div:
    """Return the list of loaded articles, newest first, filtered by a text in title, outlet or file."""
    needle = (query or "").strip().casefold()
    rows = sorted(documents.items(), key=lambda kv: (str(kv[1].get("date") or ""), kv[0]), reverse=True)
    if needle:
        rows = [(i, d) for i, d in rows
                if any(needle in str(d.get(f) or "").casefold() for f in ("title", "outlet", "source", "date"))]
    shown = rows[:limit]
    note = (f"{len(rows):,} of {len(documents):,} articles" if needle else f"{len(documents):,} articles")
    if len(rows) > limit:
        note += f" — showing the newest {limit}; type to narrow"
    return html.Div([
        html.P(note, className="muted small"),
        html.Ul([html.Li([html.Div(article_meta(doc_id, doc, doc_id, slot="list"), className="article-main"),
                          html.Span(_plural(relation_counts.get(doc_id, 0), "relation"), className="count")],
                         className="article listed") for doc_id, doc in shown], className="plain-list articles"),
    ])


def article_view(doc_id: str | None, *, documents: Documents, text: Any, mentions: Sequence[Any],
                 relations: Sequence[tuple[str, str, str, Mapping[str, Any]]], g: nx.MultiDiGraph,
                 canonical: Mapping[str, str]) -> html.Div:
    """Return one article: its text with the recognised actors marked, and the relations read from it.

    Args:
        doc_id: The article.
        documents: Article metadata.
        text: The article text, or None when the corpus keeps no text (a node-link graph).
        mentions: Its actor mentions (objects with entity_id, start, end).
        relations: ``(source, target, relation, evidence)`` read from it.
        g: The curated graph, for actor names and types.
        canonical: Where merged actors went (``dropped id -> kept id``).
    """
    if not doc_id or doc_id not in documents:
        return html.Div()
    doc = documents[doc_id]
    head = [
        html.Div([html.Span("article", className="relation-chip"),
                  article_link("", "× close", slot="close")], className="eyebrow article-head"),
        html.H2(str(doc.get("title") or doc_id), className="panel-title"),
        html.Div(_source_line(doc), className="evidence-meta"),
    ]
    if text is not None:
        spans = []
        for m in mentions:
            node = canonical.get(m.entity_id, m.entity_id)
            spans.append((node, (m.start, m.end)))
        runs = highlight_segments(str(text), 0, spans)
        body = []
        for i, (chunk, node) in enumerate(runs):
            if node is None:
                body.append(chunk)
            else:
                body.append(html.Button(chunk, id={"type": ids.NODE_LINK, "node": node, "slot": f"m{i}"}, n_clicks=0,
                                        className="mention", title=_label(g, node),
                                        style={"borderColor": entity_colour(_type(g, node))}))
        text_block = html.Div(body, className="article-text")
        note = html.P(f"{_plural(len({canonical.get(m.entity_id, m.entity_id) for m in mentions}), 'actor')} "
                      f"recognised; click one to select it.", className="muted small")
    else:
        text_block = html.Div([html.P(highlighted_sentence(ev), className="evidence-sentence")
                               for ev in dict((ev.get("start"), ev) for *_, ev in relations).values()],
                              className="article-text is-sentences")
        note = html.P("This graph keeps no article text: the sentences relations were read from are shown, "
                      "with the actors and trigger marked.", className="muted small")
    typed = [r for r in relations if r[2] not in WEAK_RELATIONS]
    weak = [r for r in relations if r[2] in WEAK_RELATIONS]
    return html.Div(_present([
        *head,
        note,
        text_block,
        html.H3(f"Relations read from it ({len(typed)})", className="section-title"),
        mark_key() if typed else None,
        html.Ul([_article_relation(g, r, i) for i, r in enumerate(typed)], className="evidence-list")
        if typed else html.P("No typed relation was read from this article.", className="muted"),
        html.Details([
            html.Summary(f"{_plural(len(weak), 'co-mention')} (weak)"),
            html.Ul([_article_relation(g, r, len(typed) + i) for i, r in enumerate(weak)],
                    className="evidence-list"),
        ], className="relation-group") if weak else None,
    ]), className="dossier article-dossier", **{"data-doc": doc_id})


def _article_relation(g: nx.MultiDiGraph, row: tuple, i: int) -> html.Li:
    s, t, relation, ev = row
    eid = make_edge_id(s, relation, t)
    return html.Li([
        html.Div([_link(g, s, f"ar{i}s"), html.Span(f" {relation_label(relation)} ", className="relation-verb",
                                                    style={"color": relation_text_colour(relation)}),
                  _link(g, t, f"ar{i}t"), *evidence_badges(ev), edge_link(eid, "dossier ›", slot=f"ar{i}")],
                 className="relation-head"),
        html.P(highlighted_sentence(ev), className="evidence-sentence"),
    ], className="evidence" + (" is-weak" if relation in WEAK_RELATIONS else ""))


MAX_REPORTED = 20  # problems listed one by one; the rest are counted


def _listed(problems: Any, class_name: str) -> list:
    """The first MAX_REPORTED problems as list items, then one line counting the rest."""
    problems = list(problems)
    items = [html.Li([html.Strong(e.path), " — ", e.reason], className=class_name) for e in problems[:MAX_REPORTED]]
    if len(problems) > MAX_REPORTED:
        items.append(html.Li(f"… and {len(problems) - MAX_REPORTED:,} more like it", className=class_name))
    return items


def upload_progress_line(job: Any) -> html.P:
    """Return where an upload job is: queued, or how many of its articles are parsed."""
    if job.state == "queued":
        text = f"Upload queued: {job.files} file{'s' if job.files != 1 else ''}, waiting for the parser…"
    else:
        text = f"Parsing {job.parsed} of {job.total} article{'s' if job.total != 1 else ''}…"
    return html.P(text, className="upload-progress", role="status")


def upload_report(outcome: Any) -> html.Div:
    """Return what an upload did: articles added, and each bad file with the reason."""
    done = []
    if outcome.added:
        done.append(f"added {_plural(outcome.added, 'article')}")
    if outcome.replaced:
        done.append(f"replaced {_plural(outcome.replaced, 'article')}")
    if outcome.unchanged:
        done.append(f"{_plural(outcome.unchanged, 'article')} already stored")
    summary = ("Upload: " + ", ".join(done) + ".") if done else "Upload: no article was added."
    return html.Div(_present([
        html.P(summary, className="upload-summary" + (" is-ok" if outcome.added or outcome.replaced else "")),
        html.Ul(_listed(outcome.errors, "upload-error"), className="upload-errors") if outcome.errors else None,
        html.Ul(_listed(getattr(outcome, "notes", ()), "upload-note"), className="upload-notes")
        if getattr(outcome, "notes", ()) else None,
    ]), className="upload-report")
