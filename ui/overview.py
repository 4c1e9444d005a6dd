"""What the panel shows with nothing selected (the corpus at a glance), and the notice over the canvas."""
from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

import networkx as nx
from dash import html

from ui.panels import Documents, _plural, _link, article_meta


def latest_articles(documents: Documents, n: int = 8) -> list[tuple[str, Mapping]]:
    """The `n` newest articles, ``(doc_id, metadata)``, newest first (undated last; ties in corpus order)."""
    return heapq.nlargest(n, documents.items(), key=lambda kv: str(kv[1].get("date") or ""))


def overview(stats: Mapping[str, int], central: Sequence[tuple[str, str, int]], counts: tuple[int, int],
             g: nx.MultiDiGraph, latest: Sequence[tuple[str, Mapping]]) -> html.Div:
    """Return the panel shown when nothing is selected: how to start, counts, key actors.

    Args:
        stats: Counts of the corpus (actors, relations, evidence, articles).
        central: The most central actors the filters allow, as from `graph.query.central_actors`.
        counts: Actors and relations the filters keep.
        g: The corpus graph (for names and types).
        latest: The newest articles (:func:`latest_articles`).
    """
    return html.Div([
        html.H2("Explore the graph", className="panel-title"),
        html.P("Click an actor or a relation on the canvas, or search for an actor above. "
               "Every relation links to the sentences it was read from. Double-click an actor "
               "to add its neighbours to a focused view.", className="muted"),
        html.Div([
            html.Div([html.Strong(f"{stats[k]:,}"), html.Span(label)], className="stat")
            for k, label in (("actors", "actors"), ("relations", "relations"),
                             ("evidence", "sentences"), ("articles", "articles"))
        ], className="stats"),
        html.P(f"With the current filters: {_plural(counts[0], 'actor')}, "
               f"{_plural(counts[1], 'relation')}.", className="muted small"),
        html.H3("Most connected", className="section-title"),
        html.Ul([html.Li([_link(g, n, "top"), html.Span(f"{score}", className="count", title="evidence sentences")])
                 for n, _, score in central[:8] if n in g], className="plain-list"),
        html.H3("Latest articles", className="section-title"),
        html.Ul([html.Li(article_meta(doc_id, doc, doc_id, slot="overview"), className="article")
                 for doc_id, doc in latest], className="plain-list articles"),
    ], className="dossier overview")


def canvas_notice(total: int, shown: int, truncated: bool, *, budget: int, focus_label: str | None = None,
                  edges_shown: int = 0, edges_total: int = 0, overview: bool = False) -> str:
    """Return the line over the canvas: how much of the graph is drawn and how to reach the rest."""
    parts = []
    if truncated and overview:
        parts.append(f"Overview: the {budget:,} most central of {total:,} actors — “Show more” draws more; "
                     "search or focus reaches the rest")
    elif truncated:
        parts.append(f"Showing the {budget:,} most central of {total:,} actors — search or focus to reach the rest")
    elif focus_label:
        parts.append(f"Neighbourhood of {focus_label}: {_plural(shown, 'actor')} · Reset shows the whole graph")
    if edges_total > edges_shown:
        parts.append(f"the {edges_shown:,} strongest of {edges_total:,} {'actor pairs' if overview else 'relations'} drawn")
    return " · ".join(parts)
