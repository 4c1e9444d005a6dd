"""Pure functions that build the explorer's panels: dossiers, path answers, articles, the log.

Each function takes graph data (the filtered graph of `ui.corpus.View`, document metadata)
and returns Dash components; nothing here reads files or keeps state. Text from articles
only ever becomes component children, which Dash renders as text, never as HTML.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import networkx as nx

from graph.lazy import StoredEvidence
from graph.sentence_list import StoredSentences, as_listed
from graph.ontology import BY_NAME, WEAK_RELATIONS
from graph.outlets import outlets_of
from graph.query import FORWARD, holds
from graph.search import dyad_edges
from ui import ids
from ui.elements import make_edge_id, parse_edge_id, relation_label
from ui.evidence import evidence_badges, highlighted_sentence, swatch
from ui.evidence_view import paged_evidence
from ui.plain import html  # static elements, made cheaply
from ui.styles import ENTITY_LABELS, entity_colour, relation_colour

WEAK_TEXT_COLOUR = "#64748b"  # the co-mention colour is too pale for text
POLARITY_LABELS = MappingProxyType({1: "cooperative", 0: "neutral", -1: "conflictual"})

Documents = Mapping[str, Mapping[str, Any]]


# --------------------------------------------------------------------------- small parts


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _present(children: list) -> list:
    """Drop the ``None`` placeholders of optional children."""
    return [c for c in children if c is not None]


def empty(message: str) -> html.Div:
    """Return a panel that only says something (nothing selected, nothing found)."""
    return html.Div(html.P(message, className="muted"), className="panel-empty")


def relation_chip(relation: str) -> html.Span:
    """Return a coloured chip naming a relation type."""
    weak = relation in WEAK_RELATIONS
    return html.Span([swatch(relation_colour(relation), shape="dotted" if weak else "line"), relation_label(relation)],
                     className="relation-chip" + (" is-weak" if weak else ""))


def type_badge(entity_type: str) -> html.Span:
    """Return a badge naming an entity type in its colour."""
    return html.Span(ENTITY_LABELS.get(entity_type, entity_type.title()), className="type-badge",
                     style={"backgroundColor": entity_colour(entity_type)})


def node_link(node_id: str, label: str, *, slot: str, entity_type: str | None = None) -> html.Button:
    """Return a link-styled button that selects a node.

    ``slot`` names the place of the link in the panel: a panel may link one actor many
    times, and component ids must stay unique.
    """
    children: list = [label]
    if entity_type:
        children.insert(0, html.Span(className="dot", style={"backgroundColor": entity_colour(entity_type)}))
    return html.Button(children, id={"type": ids.NODE_LINK, "node": node_id, "slot": slot},
                       className="link node-link", n_clicks=0, title=f"Show {label}")


def edge_link(target_edge_id: str, text: str, *, slot: str) -> html.Button:
    """Return a link-styled button that opens the evidence dossier of an edge (see :func:`node_link`)."""
    return html.Button(text, id={"type": ids.EDGE_LINK, "edge": target_edge_id, "slot": slot},
                       className="link edge-link", n_clicks=0)


def relation_line(source: str, relation: str, target: str, labels: Mapping[str, str], *, slot: str,
                  link: str, note: Any = None) -> list:
    """One line of a list of relations: an actor, the relation's chip, the other actor, a note, and a
    link that opens the relation (slots ``{slot}s``, ``{slot}t``, ``{slot}e``)."""
    return [node_link(source, labels.get(source, source), slot=f"{slot}s"), " ", relation_chip(relation), " ",
            node_link(target, labels.get(target, target), slot=f"{slot}t"), " ",
            *([note, " "] if note is not None else []),
            edge_link(make_edge_id(source, relation, target), link, slot=f"{slot}e")]


def article_link(doc_id: str, title: str, *, slot: str) -> html.Button:
    """Return a link-styled button that opens an article in the Articles tab."""
    return html.Button(title, id={"type": ids.ARTICLE_LINK, "doc": doc_id, "slot": slot},
                       className="link article-link doc-title", n_clicks=0, title="Open the article")


def action_button(action: str, target: str, text: str, *, kind: str = ids.VIEW_ACTION, title: str = "",
                  primary: bool = False) -> html.Button:
    """Return a button that acts on the panel's subject (focus, expand, reject...)."""
    return html.Button(text, id={"type": kind, "action": action, "target": target}, n_clicks=0,
                       className="action" + (" is-primary" if primary else ""), title=title or text)


def mark_key() -> html.Div:
    """Return the key to the highlight colours used in evidence sentences."""
    return html.Div([
        html.Mark("subject", className="hl hl-subject"),
        html.Mark("trigger", className="hl hl-trigger"),
        html.Mark("object", className="hl hl-object"),
    ], className="mark-key")


def _label(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("label") or node) if node in g else node


def _type(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("type") or "OTHER") if node in g else "OTHER"


def _link(g: nx.MultiDiGraph, node: str, slot: str) -> html.Button:
    return node_link(node, _label(g, node), slot=slot, entity_type=_type(g, node))


def article_meta(doc_id: str, doc: Mapping[str, Any] | None, fallback: str, *, slot: str) -> list:
    """Return the title (opens the article), a link to the original when it has a URL, outlet and date."""
    doc = doc or {}
    title = str(doc.get("title") or fallback or "unknown article")
    parts: list = [article_link(doc_id, title, slot=slot) if doc_id else html.Span(title, className="doc-title")]
    url = doc.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        parts.append(html.A("source ↗", href=url, target="_blank", rel="noopener noreferrer", className="doc-url"))
    details = [str(x) for x in (doc.get("outlet"), doc.get("date")) if x]
    if details:
        parts.append(html.Span(" · ".join(details), className="doc-details"))
    return parts


def _source_line(doc: Mapping[str, Any]) -> list:
    """Outlet, date, file and a link to the original of an article."""
    parts: list = [html.Span(" · ".join(str(x) for x in (doc.get("outlet"), doc.get("date"), doc.get("source")) if x),
                             className="doc-details")]
    url = doc.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        parts.append(html.A("source ↗", href=url, target="_blank", rel="noopener noreferrer", className="doc-url"))
    return parts


def evidence_item(evidence: Mapping[str, Any], documents: Documents, *, slot: str,
                  provenance: bool = False, weak: bool = False, reject: str | None = None,
                  lead: Any = None) -> html.Li:
    """Render one piece of evidence: the marked sentence, its article and its flags.

    Args:
        evidence: One evidence record of an edge.
        documents: ``doc_id -> metadata`` of the graph.
        slot: Keeps the ids of the links in this item unique.
        provenance: Also show the extraction rule and confidence.
        weak: The evidence of a co-mention (drawn apart from typed relations).
        reject: The edge id, when a curator may reject this one sentence (the relation stays
            while other sentences hold it).
        lead: Shown above the sentence (the relation it backs, in an actor's list of sentences).
    """
    doc_id = str(evidence.get("doc_id") or "")
    meta = [*evidence_badges(evidence),
            *article_meta(doc_id, documents.get(doc_id), str(evidence.get("source") or ""), slot=slot)]
    if provenance:
        confidence = evidence.get("confidence")
        bits = []
        if evidence.get("rule"):
            bits.append(f"rule {evidence['rule']}")
        if isinstance(confidence, (int, float)):
            bits.append(f"confidence {confidence:.2f}")
        if bits:
            meta.append(html.Span(" · ".join(bits), className="provenance"))
    if reject and doc_id:
        meta.append(action_button("reject-sentence", f"{reject}@{doc_id}@{int(evidence.get('start') or 0)}",
                                  "✕ Wrong sentence", kind=ids.CURATE_ACTION,
                                  title="This sentence does not say this: reject it (the relation stays if "
                                        "other sentences hold it)"))
    classes = "evidence" + (" is-negated" if evidence.get("negated") else "") + (" is-weak" if weak else "")
    return html.Li(_present([
        html.Div(lead, className="evidence-lead") if lead is not None else None,
        html.P(highlighted_sentence(evidence), className="evidence-sentence"),
        html.Div(meta, className="evidence-meta"),
    ]), className=classes)


def sorted_evidence(evidence: Iterable[Mapping[str, Any]], documents: Documents, *, first: int | None = None
                    ) -> list:
    """Return evidence oldest article first, then by source and reading order (only the `first` ones if given)."""
    def key(ev):
        doc = documents.get(str(ev.get("doc_id"))) or {}
        return (str(doc.get("date") or ""), str(ev.get("source") or ""), int(ev.get("start") or 0))
    if first is not None:
        return heapq.nsmallest(first, evidence, key=key)
    return sorted(evidence, key=key)


def _edge_attrs(g: nx.MultiDiGraph, s: str, t: str, relation: str) -> Mapping[str, Any]:
    return (g.succ[s].get(t) or {}).get(relation) or {}


# --------------------------------------------------------------------------- overview


# --------------------------------------------------------------------------- edge


def edge_dossier(g: nx.MultiDiGraph, target_edge_id: str, *, documents: Documents, writable: bool = False,
                 in_corpus: bool = True, pages: Mapping[str, Any] | None = None,
                 next_edge: tuple[str, str] | None = None) -> html.Div:
    """Return the evidence dossier of one edge: its sentences a page at a time, each with its article and provenance.

    Co-mentions (weak, untyped) are drawn apart from typed relations; an edge read from a
    single article carries a "single source" badge. `pages` is the evidence-pages store
    (how many sentences are shown, in which order, filtered how: see `ui.evidence_view`).
    A relation gone from the graph (just rejected) offers Undo and `next_edge` (id, text): the
    strongest relation left around the same actors.
    """
    parts = parse_edge_id(target_edge_id)
    if not parts or not g.has_edge(parts[0], parts[2], parts[1]):
        if in_corpus:
            return empty("This relation is hidden by the current filters (or has no evidence in the chosen period).")
        return html.Div(_present([
            html.P("This relation is not in the graph (rejected or merged away).", className="muted"),
            html.Div(_present([
                action_button("undo", target_edge_id, "↶ Undo", kind=ids.CURATE_ACTION,
                              title="Take the last curation change back") if writable else None,
                edge_link(next_edge[0], f"Next relation: {next_edge[1]} ›", slot="next") if next_edge else None,
            ]), className="action-bar"),
        ]), className="panel-empty gone")
    s, relation, t = parts
    attrs = g.edges[s, t, relation]
    kind = BY_NAME.get(relation)
    weak = relation in WEAK_RELATIONS
    evidence = attrs.get("evidence") or ()
    polarity = attrs.get("polarity", kind.polarity if kind else 0)
    span = " – ".join(dict.fromkeys(str(d) for d in (attrs.get("first_date"), attrs.get("last_date")) if d))
    n_articles = attrs.get("articles")
    if not isinstance(n_articles, int):
        n_articles = len({ev.get("doc_id") for ev in evidence})
    # the sentences of a relation as stored are listed a page at a time, sorted without their words
    listed = as_listed((s, t, relation), evidence)
    outlets = attrs.get("outlets")
    if outlets is None and evidence:  # sentences kept in the store: counted from their words alone, once
        def count(said):
            named = {ev.get("doc_id") for ev in said}
            return len(outlets_of(said, {doc: documents[doc] for doc in named if doc in documents}))
        outlets = (listed.reader.known(("outlets", *listed.keys), lambda: count(listed.words()))
                   if isinstance(listed, StoredSentences) else count(evidence))
    facts = [_plural(len(evidence), "sentence"), _plural(n_articles, "article"),
             *([_plural(outlets, "outlet")] if isinstance(outlets, int) and evidence else []),
             POLARITY_LABELS.get(polarity, str(polarity))]
    if span:
        facts.append(span)
    badges = _present([
        html.Span("weak · co-mention", className="badge badge-weak") if weak else None,
        html.Span("single source", className="badge badge-single") if evidence and n_articles == 1 else None,
        html.Span("confirmed", className="badge badge-confirmed") if attrs.get("confirmed") else None,
        html.Span("contested", className="badge badge-contested", title="The sources disagree: see the Disputes tab")
        if attrs.get("contested") else None,
    ])
    description = ("Named in the same sentence, with no typed relation read between them: weak evidence."
                   if weak else kind.description if kind else None)
    actions = None
    if writable:
        actions = html.Div([
            action_button("reject", target_edge_id, "Reject relation", kind=ids.CURATE_ACTION,
                          title="This relation is wrong: remove it from the graph"),
            action_button("confirm", target_edge_id, "Confirm relation", kind=ids.CURATE_ACTION,
                          title="This relation is right: mark it as checked"),
        ], className="action-bar")
    return html.Div(_present([
        html.Div([relation_chip(relation), *badges], className="eyebrow"),
        html.H2([
            _link(g, s, "subject"),
            html.Span(f" {relation_label(relation)} ", className="relation-verb",  # the colour underlines: text keeps 4.5:1
                      style={"textDecorationColor": WEAK_TEXT_COLOUR if weak else relation_colour(relation)}),
            _link(g, t, "object"),
        ], className="panel-title edge-title"),
        html.P(description, className="muted") if description else None,
        html.P(" · ".join(facts), className="muted small"),
        actions,
        html.H3("Evidence", className="section-title"),
        mark_key() if evidence else None,
        paged_evidence(target_edge_id, listed, documents, pages, item=lambda ev, slot: evidence_item(
            ev, documents, slot=slot, provenance=True, weak=weak,
            reject=target_edge_id if writable and len(evidence) > 1 else None), at_once=True)
        if evidence else html.P("No sentence: this relation comes from the actor table.", className="muted"),
    ]), className="dossier edge-dossier" + (" is-weak" if weak else ""), **{"data-edge": target_edge_id})


# --------------------------------------------------------------------------- dyad


def dyad_dossier(g: nx.MultiDiGraph, a: str, b: str, *, documents: Documents,
                 pages: Mapping[str, Any] | None = None) -> html.Div:
    """Return the sentences behind the relations between two actors, by relation and direction, a page at a time."""
    if a not in g or b not in g:
        return empty("One of these actors is hidden by the current filters.")
    groups = [(relation, direction, evidence) for relation, direction, evidence in dyad_edges(g, a, b) if evidence]

    def holding(sign: int) -> int:  # as the heatmap counts: sentences that hold (counted by the store when kept there)
        return sum(evidence.held() if isinstance(evidence, StoredEvidence) else sum(holds(ev) for ev in evidence)
                   for rel, _, evidence in groups if rel in BY_NAME and BY_NAME[rel].polarity * sign > 0)
    coop, conflict = holding(1), holding(-1)
    sections = []
    for relation, direction, evidence in groups:
        s, t = (a, b) if direction == FORWARD else (b, a)
        eid = make_edge_id(s, relation, t)
        listed = as_listed((s, t, relation), evidence)
        sections.append(html.Div([
            html.Div([relation_chip(relation), html.Span(f"{_label(g, s)} → {_label(g, t)}", className="small"),
                      edge_link(eid, "dossier ›", slot="dyad")], className="relation-head"),
            paged_evidence(f"dyad:{eid}", listed, documents, pages, at_once=True,
                           item=lambda ev, slot, weak=relation in WEAK_RELATIONS: evidence_item(
                               ev, documents, slot=slot, weak=weak)),
        ], className="dyad-group", **{"data-relation": relation}))
    return html.Div(_present([
        html.Div([html.Span("stance", className="relation-chip")], className="eyebrow"),
        html.H2([_link(g, a, "dyad-a"), html.Span(" ↔ ", className="relation-verb"), _link(g, b, "dyad-b")],
                className="panel-title edge-title"),
        html.P(f"cooperation {coop} · conflict {conflict} · net {coop - conflict:+d} (asserted or reported sentences)",
               className="muted small"),
        mark_key() if sections else None,
        html.Div(sections) if sections else html.P("No evidence between these two with the current filters.",
                                                  className="muted"),
    ]), className="dossier dyad-dossier", **{"data-dyad": f"{a},{b}"})


# --------------------------------------------------------------------------- articles


# --------------------------------------------------------------------------- curation
