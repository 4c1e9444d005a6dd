"""The panel of one actor: who it is, its relations by type with their first sentences, every
sentence a page at a time, its neighbours and articles."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
from dash import dcc

from graph.lazy import read_together
from graph.sentence_list import StoredSentences, as_stored
from graph.ontology import WEAK_RELATIONS
from graph.search import NodeSummary, node_summary
from ui import ids
from ui.elements import make_edge_id, relation_label
from ui.evidence_view import paged_evidence
from ui.panels import (Documents, _edge_attrs, _label, _link, _plural, _present, action_button, article_meta,
                       edge_link, empty, evidence_item, mark_key, relation_chip, sorted_evidence, type_badge)
from ui.plain import html  # static elements, made cheaply

MAX_NODE_EVIDENCE = 2  # sentences under the strongest relations of a group ...
FULL_ROWS = 2  # ... this many of them; one sentence under the others
MAX_GROUP_ROWS = 6  # a hub has hundreds of relations of one type: the strongest are listed
MAX_NEIGHBOURS = 24
MAX_ARTICLES = 30


def node_dossier(g: nx.MultiDiGraph, node_id: str, *, documents: Documents,
                 visible_relations: Iterable[str] | None = None, writable: bool = False,
                 in_corpus: bool = True, pages: Mapping[str, Any] | None = None, summary: NodeSummary | None = None,
                 every: Sequence[Mapping[str, Any]] | None = None) -> html.Div:
    """Return the panel of one actor: who it is, its relations by type, neighbours and articles.

    Relations are grouped by type in ontology order with their counts, each listing the other
    actor (the :data:`MAX_GROUP_ROWS` strongest) and up to :data:`MAX_NODE_EVIDENCE` sentences;
    types hidden on the canvas start folded, their relations listed without sentences (each
    links to its own). Neighbours and articles are links that move the selection.

    Args:
        g: The filtered graph (what the reader's filters allow).
        node_id: The actor to describe.
        documents: Article metadata.
        visible_relations: Relation types currently shown on the canvas.
        writable: Offer the curation buttons (rename, merge).
        in_corpus: Whether the actor exists at all (to explain a miss).
        summary: The actor's summary over all its edges the filters keep (`graph.actor_summary`),
            when `g` holds only those the panel lists (the :data:`MAX_GROUP_ROWS` strongest of each
            type); None: summarised from `g`.
        every: Its typed relations' sentences as one list (`graph.actor_summary.actor_sentences`);
            None: read from `g`'s edges.
    """
    if node_id not in g:
        message = (f"“{node_id}” is hidden by the current filters." if in_corpus
                   else f"“{node_id}” is not in this graph (merged away or never seen).")
        return empty(message)
    if summary is None:
        summary = node_summary(g, node_id)
    visible = set(visible_relations or ())
    sections = []
    n_weak = 0
    grouped = [(group, [(s, t, s == node_id) for s, t, _ in group.rows]) for group in summary.relations]
    # a folded group (a type hidden on the canvas: co-mentions, by default) lists its relations
    # without sentences, which are the most and the longest to read; its rows link to them
    firsts = _first_sentences(g, [(s, t, group.relation) for group, rows in grouped if group.relation in visible
                                  for s, t, _ in rows[:MAX_GROUP_ROWS]], documents)
    for group, rows in grouped:
        if group.relation in WEAK_RELATIONS:
            n_weak += group.count
        hidden = group.relation not in visible
        head = html.Summary(_present([
            relation_chip(group.relation),
            html.Span(f"{_plural(group.count, 'relation')} · {_plural(group.sentences, 'sentence')}",
                      className="muted small group-counts"),
            html.Span("hidden on canvas", className="muted small hidden-note") if hidden else None,
        ]))
        listed = [_relation_row(g, s, t, group.relation, outgoing, documents, None if hidden else
                                firsts[s, t, group.relation][:MAX_NODE_EVIDENCE if i < FULL_ROWS else 1])
                  for i, (s, t, outgoing) in enumerate(rows[:MAX_GROUP_ROWS])]
        if len(rows) > MAX_GROUP_ROWS:
            listed.append(html.Li(f"+ {len(rows) - MAX_GROUP_ROWS} weaker {relation_label(group.relation)} "
                                  "relations: narrow the filters or open them from the canvas",
                                  className="muted small more-rows"))
        body = html.Ul(listed, className="relation-rows")
        sections.append(html.Details([head, body], open=not hidden, className="relation-group",
                                     **{"data-relation": group.relation}))
    d = g.nodes[node_id]
    aliases = [a for a in summary.aliases if a != summary.label]
    parent = d.get("part_of")
    members = [n for n, md in g.nodes(data=True) if md.get("part_of") == node_id][:12]
    facts: list = []
    if parent and parent in g:
        facts.append(html.Div(["Part of ", _link(g, parent, "parent")], className="fact"))
    if members:
        facts.append(html.Div(["Includes ", *[_link(g, m, "member") for m in members]], className="fact"))
    if aliases:
        facts.append(html.Div(["Also: ", html.Span(", ".join(aliases[:20]), className="aliases")], className="fact"))
    if d.get("merged"):
        facts.append(html.Div([f"Merged from: {', '.join(map(str, d['merged']))}"], className="fact muted small"))
    n_typed = sum(g.count for g in summary.relations) - n_weak
    actions = [
        action_button("focus", node_id, "Focus", title="Show only this actor's neighbourhood", primary=True),
        action_button("expand", node_id, "Expand", title="Add this actor's neighbours to the view"),
        action_button("paths", node_id, "Paths from here", title="Start a path query from this actor"),
    ]
    curation = None
    if writable:
        curation = html.Div([
            dcc.Input(id={"type": ids.RENAME_INPUT, "target": node_id}, value=summary.label, type="text",
                      debounce=False, className="rename-input", maxLength=120, placeholder="New name"),
            action_button("rename", node_id, "Rename", kind=ids.CURATE_ACTION, title="Give this actor a better name"),
            action_button("merge", node_id, "Merge…", title="Merge this actor into another (Curation tab)"),
        ], className="action-bar curation-bar")
    neighbours = summary.neighbours
    articles = summary.articles  # of an actor kept in the store: the store picks the few listed
    return html.Div(_present([
        html.Div([type_badge(summary.type or "OTHER")], className="eyebrow"),
        html.H2(summary.label, className="panel-title"),
        html.P(" · ".join(_present([
            _plural(summary.mentions, "mention"),
            _plural(len(articles), "article"),
            _plural(n_typed, "relation"),
            _plural(n_weak, "co-mention") if n_weak else None,
        ])), className="muted"),
        *facts,
        html.Div(actions, className="action-bar"),
        curation,
        html.H3("Relations", className="section-title"),
        mark_key() if sections else None,
        html.Div(sections, className="relation-groups") if sections
        else html.P("No relations with the current filters.", className="muted"),
        html.H3("Every sentence", className="section-title") if sections else None,
        _every_sentence(g, node_id, documents, pages, every) if sections else None,
        html.H3(f"Neighbours ({len(neighbours)})", className="section-title") if neighbours else None,
        html.Div([
            html.Span([_link(g, nb.id, "neighbour"), html.Span(str(nb.weight), className="count")],
                      className="neighbour", title=", ".join(relation_label(r) for r in nb.relations))
            for nb in neighbours[:MAX_NEIGHBOURS]
        ] + ([html.Span(f"+ {len(neighbours) - MAX_NEIGHBOURS} more", className="muted small")]
             if len(neighbours) > MAX_NEIGHBOURS else []), className="neighbours") if neighbours else None,
        html.H3(f"Articles ({len(articles)})", className="section-title"),
        html.Ul([html.Li(article_meta(doc, documents.get(doc), doc, slot="node"), className="article")
                 for doc in articles[:MAX_ARTICLES]]
                + ([html.Li(f"+ {len(articles) - MAX_ARTICLES} more", className="muted small")]
                   if len(articles) > MAX_ARTICLES else []), className="plain-list articles"),
    ]), className="dossier node-dossier", **{"data-node": node_id})


def _views(g: nx.MultiDiGraph, edges: Sequence[tuple[str, str, str]]) -> list:
    return [_edge_attrs(g, *edge).get("evidence") or () for edge in edges]


def _first_sentences(g: nx.MultiDiGraph, edges: Sequence[tuple[str, str, str]], documents: Documents
                     ) -> dict[tuple[str, str, str], list]:
    """The oldest MAX_NODE_EVIDENCE sentences of each edge ``(source, target, relation)``: picked by
    the store when the edges are as stored, else from their sentences read together."""
    edges = list(dict.fromkeys(edges))
    views = _views(g, edges)
    if stored := as_stored(edges, views):
        first = next(iter(stored.values())).fetch.first([(s, rel, t) for s, t, rel in stored], MAX_NODE_EVIDENCE, {
            (s, rel, t): v.firsts for (s, t, rel), v in stored.items() if v.firsts is not None})
        return {(s, t, rel): first.get((s, rel, t), []) for s, t, rel in edges}
    return {edge: sorted_evidence(evidence, documents, first=MAX_NODE_EVIDENCE)
            for edge, evidence in read_together(zip(edges, views))}


def _every_sentence(g: nx.MultiDiGraph, node_id: str, documents: Documents, pages: Mapping[str, Any] | None,
                    rows: Sequence[Mapping[str, Any]] | None = None):
    """An actor's typed evidence as one list (`rows`, else read from `g`), a page at a time, to sort
    and filter by date, outlet and flag (the store cuts the page when the actor's relations are as stored)."""
    if rows is None:
        rows = _sentences_of(g, [(s, t, rel) for s, t, rel in [*g.out_edges(node_id, keys=True),
                                                              *g.in_edges(node_id, keys=True)]
                                 if rel not in WEAK_RELATIONS])

    def item(ev, slot):
        s, rel, t = ev["_edge"]
        return evidence_item(ev, documents, slot=slot, lead=[relation_chip(rel), html.Span(
            f" {_label(g, s)} → {_label(g, t)} ", className="small"), edge_link(make_edge_id(s, rel, t), "dossier ›",
                                                                              slot=slot)])
    return paged_evidence(f"node:{node_id}", rows, documents, pages, item=item)


def _sentences_of(g: nx.MultiDiGraph, edges: Sequence[tuple[str, str, str]]) -> Sequence[Mapping[str, Any]]:
    """The sentences of these edges as one list: paged by the store when every edge is as stored,
    else read whole, by relation, each in reading order (the ties of a page fall as the store's do)."""
    views = _views(g, edges)
    if (stored := as_stored(edges, views)) is not None:
        return StoredSentences.of(list(stored.values()))
    return sorted(({**ev, "_edge": (s, rel, t)} for (s, t, rel), evs in read_together(zip(edges, views))
                   for ev in evs), key=lambda ev: ev["_edge"])


def _relation_row(g: nx.MultiDiGraph, s: str, t: str, relation: str, outgoing: bool, documents: Documents,
                  shown: Sequence[Mapping[str, Any]] | None) -> html.Li:
    """One relation of an actor's group: the other actor, counts, and the `shown` sentences
    (None: a folded group's row, none shown, its sentences a link away)."""
    other = t if outgoing else s
    eid = make_edge_id(s, relation, t)
    attrs = _edge_attrs(g, s, t, relation)
    evidence = attrs.get("evidence") or ()
    folded, shown = shown is None, shown or ()
    more = len(evidence) - len(shown)
    weak = relation in WEAK_RELATIONS
    head = html.Div(_present([
        html.Span("→" if outgoing else "←", className="direction",
                  title="this actor is the subject" if outgoing else "this actor is the object"),
        _link(g, other, f"row:{eid}"),
        html.Span(f"{len(evidence)}×", className="count", title="evidence sentences"),
        html.Span("single source", className="badge badge-single") if evidence and attrs.get("articles") == 1
        else None,
        edge_link(eid, "all evidence ›" if more > 0 else "details ›", slot="head"),
    ]), className="relation-head")
    items = [evidence_item(ev, documents, slot=f"{eid}:{i}", weak=weak) for i, ev in enumerate(shown)]
    if more > 0:
        items.append(html.Li(edge_link(eid, f"{_plural(more, 'sentence')} ›" if folded
                                       else f"+ {_plural(more, 'more sentence')}", slot="more"),
                             className="evidence-more"))
    if not evidence:
        items.append(html.Li("No sentence: this relation comes from the actor table.", className="muted small"))
    return html.Li([head, html.Ul(items, className="evidence-list")], className="relation-row")
