"""The page: header, filter sidebar, graph canvas and the tabbed side panel.

The first render is complete on its own (elements, stylesheet and panel are computed here
from the current corpus snapshot), so the page shows the graph before any callback runs.
"""
from __future__ import annotations

import dash_cytoscape as cyto
from dash import dcc, html

from ui import ids
from ui.corpus import Corpus
from ui.filters import date_span_label, entity_filter_options, month_marks, relation_filter_options
from ui.figures import empty_figure
from ui.folding import fold
from ui.timeline import month_histogram_figure
from ui.overview import canvas_notice, overview
from ui.curation_view import curation_view
from ui.change_tabs import change_stores, change_tabs
from ui.analysis import colour_by, layout_choice, more_button, truth_toggle
from ui.evidence_search import search_box
from ui.briefing import briefing
from ui.relation_tools import relation_tools
from ui.state import DEFAULT_HOPS, DEFAULT_PATHS, MAX_HOPS, MAX_PATHS
from ui.pairs import PAIR_STYLES
from ui.styles import stylesheet

MIN_ZOOM = 0.05
MAX_ZOOM = 2.5
UPLOAD_POLL_MS = 500  # how often a page asks how its upload is going
NOT_SEEN = "\u2400"  # the URL store before the address bar has reported (no query string looks like this)
EXPORT_FORMATS = (("json", "JSON"), ("graphml", "GraphML"), ("gexf", "GEXF"), ("csv", "CSV"))


def header_stats(corpus: Corpus) -> str:
    """The corpus counts shown beside the title."""
    s = corpus.stats
    return f"{s['actors']:,} actors · {s['relations']:,} relations · {s['articles']:,} articles"


VERSION_POLL_MS = 30_000  # how often an open page asks whether the corpus moved on


def _header(corpus: Corpus, title: str, writable: bool) -> html.Header:
    return html.Header([
        html.Div([
            html.Span(className="logo", **{"aria-hidden": "true"}),
            html.H1(title, className="app-title"),
            html.Span(header_stats(corpus), id=ids.HEADER_STATS, className="header-stats"),
            html.Span(id=ids.NEWER_NOTICE, className="newer-notice", role="status"),
            dcc.Interval(id=ids.VERSION_POLL, interval=VERSION_POLL_MS),
        ], className="brand"),
        html.Div("", id=ids.STATUS, className="status", role="status", **{"aria-live": "polite"}),
        html.Button("☰ Filters", id=ids.FILTERS_BUTTON, n_clicks=0, className="action filters-button",
                    title="Show or hide the filters", **{"aria-controls": ids.SIDEBAR}),
        html.Div([
            html.Button("↶ Undo", id=ids.UNDO_BUTTON, n_clicks=0, className="action",
                        disabled=not writable, title="Undo the last curation change"),
            html.Button("↷ Redo", id=ids.REDO_BUTTON, n_clicks=0, className="action",
                        disabled=not writable, title="Redo the last undone change"),
        ], className="undo-bar"),
        dcc.Dropdown(id=ids.SEARCH, options=corpus.search_options, value=None, placeholder="Search an actor…",
                     clearable=True, searchable=True, className="search", maxHeight=360),
    ], id=ids.HEADER, className="app-header")


def _section(title: str, *children, hint: str | None = None) -> html.Div:
    return html.Div([html.H2(title, className="sidebar-title"),
                     *([html.P(hint, className="muted small")] if hint else []), *children], className="side-section")


def _sidebar(corpus: Corpus) -> html.Aside:
    months = corpus.months
    return html.Aside([
        _section("Search the evidence", search_box(), hint="Sentences holding every word; a hit opens its relation."),
        _section("Relations", dcc.Checklist(
            id=ids.RELATION_FILTER, options=relation_filter_options(corpus.light, corpus.relation_counts),
            value=list(corpus.default_relations), className="filter", inputClassName="filter-input",
            labelClassName="filter-label"), relation_tools(corpus.relations),
            hint="Edge colour and arrow: who does what to whom."),
        _section("Actors", dcc.Checklist(
            id=ids.ENTITY_FILTER, options=entity_filter_options(corpus.light), value=list(corpus.entity_types),
            className="filter", inputClassName="filter-input", labelClassName="filter-label"), colour_by(), layout_choice(),
            hint="Node colour and shape: the kind of actor (or colour: its community, by the Louvain method). "
                 "Placed by force, on rings with the most connected in the middle, or grouped by community."),
        _section("Time", *time_controls(corpus), hint=("Keep relations with evidence in these months; the bars "
                 "count evidence by month." if months else None)),
        _section("Corroboration", dcc.Slider(
            id=ids.MIN_ARTICLES, min=1, max=corpus.max_articles, step=1, value=1,
            marks={i: str(i) for i in range(1, corpus.max_articles + 1)}, allow_direct_input=False,
            disabled=corpus.max_articles < 2, className="slider"),
            hint="Minimum distinct articles behind a relation."),
        _section("Disputes", dcc.Checklist(
            id=ids.CONTESTED_FILTER, options=[{"label": "Only contested relations", "value": "contested"}], value=[],
            className="filter", inputClassName="filter-input", labelClassName="filter-label"),
            hint="Relations whose sources disagree (◆ on the canvas)."),
        _section("Neighbourhood", dcc.Slider(
            id=ids.HOPS_SLIDER, min=1, max=MAX_HOPS, step=1, value=DEFAULT_HOPS,
            marks={i: str(i) for i in range(1, MAX_HOPS + 1)}, allow_direct_input=False, className="slider"),
            html.Button("Reset to the whole graph", id=ids.RESET_BUTTON, n_clicks=0, className="action wide"),
            hint="Focus or double-click an actor; the slider sets how many hops its neighbourhood reaches."),
        _section("Paths", _path_form(corpus), hint="How is one actor connected to another?"),
        _section("Counting", truth_toggle(), hint="Stance, paths, centrality and edge width count what the text asserts or reports; "
                 "a negated, future or hypothetical sentence counts only with this ticked."),
        _section("Export", html.Div([
            dcc.Dropdown(id=ids.EXPORT_FORMAT, options=[{"label": label, "value": value}
                                                        for value, label in EXPORT_FORMATS],
                         value="json", clearable=False, searchable=False, className="export-format"),
            html.Button("Download", id=ids.EXPORT_BUTTON, n_clicks=0, className="action",
                        title="Download the actors on the canvas and every relation between them, with its evidence"),
        ], className="row"), html.Button("Save canvas as PNG", id=ids.EXPORT_PNG, n_clicks=0, className="action wide"),
            hint="The actors on the canvas and their relations, with evidence."),
    ], id=ids.SIDEBAR, className="sidebar", **{"aria-label": "Filters"})


def time_controls(corpus: Corpus) -> list:
    """The date range with a histogram of evidence by month above it; an undated corpus says so instead."""
    months = corpus.months
    last = max(len(months) - 1, 0)
    slider = dcc.RangeSlider(id=ids.DATE_SLIDER, min=0, max=last, step=1, value=[0, last], marks=month_marks(months),
                             allowCross=False, updatemode="mouseup", disabled=not months, allow_direct_input=False,
                             className="slider")
    label = html.Div(date_span_label(months, [0, last]), id=ids.DATE_LABEL, className="range-label")
    if not months:  # the slider stays (callbacks read it) but out of sight: there is nothing to choose
        return [html.P("No article of this corpus is dated, so there is no time to filter by. Dates are read "
                       "from a manifest, a JSON field or a dateline (“TOKYO, March 14 (Reuters) –”).",
                       className="muted small undated-note"),
                html.Div([label, slider], className="is-hidden", **{"aria-hidden": "true"})]
    histogram = dcc.Graph(id=ids.DATE_HISTOGRAM, className="date-histogram", config={"displayModeBar": False,
                                                                                     "staticPlot": True},
                          figure=month_histogram_figure(months, corpus.index.evidence_by_month(months)))
    return [label, histogram, slider]


def _path_form(corpus: Corpus) -> html.Div:
    return html.Div([
        dcc.Dropdown(id=ids.PATH_SOURCE, options=corpus.search_options, placeholder="From…", clearable=True,
                     className="path-dropdown", maxHeight=280),
        dcc.Dropdown(id=ids.PATH_TARGET, options=corpus.search_options, placeholder="To…", clearable=True,
                     className="path-dropdown", maxHeight=280),
        html.Div([
            html.Label("paths", htmlFor=ids.PATH_K, className="muted small"),
            dcc.Slider(id=ids.PATH_K, min=1, max=MAX_PATHS, step=1, value=DEFAULT_PATHS,
                       marks={i: str(i) for i in range(1, MAX_PATHS + 1)}, allow_direct_input=False,
                       className="slider k-slider"),
        ], className="row"),
        html.Button("Find paths", id=ids.PATH_BUTTON, n_clicks=0, className="action is-primary wide"),
    ], className="path-form")


def _legend() -> html.Div:
    return html.Div([
        html.Div([html.Span(className="key key-size"), "size: mentions"], className="key-row"),
        html.Div([html.Span(className="key key-arrow"), "arrow: subject → object"], className="key-row"),
        html.Div([html.Span(className="key key-width"), "width: articles"], className="key-row"),
        html.Div([html.Span(className="key key-single"), "dash-dot: one article"], className="key-row"),
        html.Div([html.Span(className="key key-dashed"), "dashed: negated"], className="key-row"),
        html.Div([html.Span(className="key key-dotted"), "dotted: co-mention"], className="key-row"),
        html.Div([html.Span(className="key key-contested"), "◆: contested"], className="key-row"),
        html.Div([html.Span(className="key key-new"), "glow: new"], className="key-row"),
    ], id=ids.LEGEND, className="legend")


def _canvas(corpus: Corpus) -> html.Main:
    f = corpus.default_filters()
    view = corpus.view(f, corpus.view_spec(None), None)
    notice = canvas_notice(view.total, len(view.nodes), view.truncated, budget=view.budget,
                           overview=view.overview,
                           edges_shown=len(view.edges) + len(view.pairs), edges_total=view.edges_total)
    return html.Main([
        cyto.Cytoscape(
            id=ids.CANVAS,
            elements=corpus.elements(view, f),
            stylesheet=stylesheet() + PAIR_STYLES,
            layout={"name": "preset", "fit": True, "padding": 48, "animate": False},
            minZoom=MIN_ZOOM,
            maxZoom=MAX_ZOOM,
            autoRefreshLayout=False,
            autounselectify=True,
            boxSelectionEnabled=False,
            responsive=True,
            style={"width": "100%", "height": "100%"},
            className="canvas",
        ),
        dcc.Store(id=ids.CANVAS_KEY, data=view.key),
        html.Div(notice, id=ids.CANVAS_NOTICE, className="canvas-notice" + (" is-shown" if notice else "")),
        html.Button("Fit", id=ids.FIT_BUTTON, className="fit-button", n_clicks=0,
                    title="Fit the whole graph in view"),
        more_button(corpus, f, {}),
        html.Div(id=ids.EDGE_TIP, className="edge-tip", role="tooltip"),
        _legend(),
    ], className="canvas-wrap")


def _tabs(corpus: Corpus, writable: bool, why: str) -> html.Div:
    f = corpus.default_filters()
    tab = {"className": "tab", "selected_className": "tab--selected"}
    return html.Div(dcc.Tabs(id=ids.TABS, value=ids.TAB_GRAPH, className="tabs", content_className="tab-content",
                             parent_className="tabs-parent", children=[
        dcc.Tab(label="Graph", value=ids.TAB_GRAPH, **tab, children=html.Section(
            fold(overview(corpus.stats, corpus.central(f), corpus.counts(f), corpus.actors, corpus.latest_articles())),
            id=ids.PANEL, className="panel", **{"aria-live": "polite"})),
        dcc.Tab(label="Stance", value=ids.TAB_STANCE, **tab, children=html.Section([
            html.P("Net stance between the most connected actors: cooperation minus conflict, in evidence "
                   "sentences. Hover a cell for the counts; click it for the sentences.", className="muted small"),
            dcc.Graph(id=ids.STANCE_GRAPH, config={"displayModeBar": False}, className="chart",
                      figure=empty_figure("Loading…")),
            html.Div(dcc.Graph(id=ids.DYAD_TIMELINE, config={"displayModeBar": False}, className="chart",
                               figure=empty_figure("Click a cell for the pair's timeline.")),
                     id=ids.DYAD_TIMELINE_BOX, className="dyad-timeline is-hidden"),
            html.Div(id=ids.STANCE_DETAIL, className="stance-detail"),
        ], className="panel")),
        dcc.Tab(label="Actors", value=ids.TAB_ACTORS, **tab, children=html.Section([
            html.P("The most connected actors with the current filters. Click a bar to select the actor.",
                   className="muted small"),
            dcc.Graph(id=ids.ACTORS_GRAPH, config={"displayModeBar": False}, className="chart",
                      figure=empty_figure("Loading…")),
        ], className="panel")),
        dcc.Tab(label="Articles", value=ids.TAB_ARTICLES, **tab, children=html.Section([
            dcc.Upload(id=ids.UPLOAD, multiple=True, disabled=not writable, className="upload",
                       className_active="upload is-active", children=html.Div([
                           html.Strong("Add articles"), html.Span(
                               " — drop .txt, .md, .html, .json or .jsonl files here, or click to choose"
                               if writable else f" — {why or 'needs a corpus store (start with --db)'}"),
                       ])),
            html.P(id=ids.UPLOAD_LIMIT, className="upload-limit", role="alert"),
            html.Div(id=ids.UPLOAD_REPORT),
            html.Div(id=ids.ARTICLE_VIEW, className="article-view"),
            dcc.Input(id=ids.ARTICLE_FILTER, type="search", placeholder="Filter by title, outlet or date…",
                      debounce=True, className="text-input wide"),
            html.Div(id=ids.ARTICLE_LIST, className="article-list"),
        ], className="panel")),
        dcc.Tab(label="Curation log", value=ids.TAB_CURATION, **tab, children=html.Section([
            html.H3("Merge two actors", className="section-title first"),
            html.P("When two names are one actor: the duplicate's mentions, aliases and relations move to the "
                   "actor kept. Undo takes it back.", className="muted small"),
            html.Label("Actor to keep", htmlFor=ids.MERGE_KEEP, className="field-label"),
            dcc.Dropdown(id=ids.MERGE_KEEP, options=corpus.search_options, placeholder="Choose the actor to keep…",
                         disabled=not writable, className="merge-dropdown", maxHeight=280),
            html.Label("Duplicate to merge into it", htmlFor=ids.MERGE_DROP, className="field-label"),
            dcc.Dropdown(id=ids.MERGE_DROP, options=corpus.search_options, placeholder="Choose the duplicate…",
                         disabled=not writable, className="merge-dropdown", maxHeight=280),
            html.Button("Merge", id=ids.MERGE_BUTTON, n_clicks=0, className="action is-primary",
                        disabled=not writable),
            html.H3("Log", className="section-title"),
            html.Div(curation_view(corpus.log, corpus.skipped, labels=corpus.labels_before,
                                   writable=writable), id=ids.CURATION_LOG),
        ], className="panel")),
        *change_tabs(tab),
    ]), className="side", role="region", **{"aria-label": "Details"})


def build_layout(corpus: Corpus, *, title: str = "newsgraph", upload_limit: int = 0, writable: bool | None = None,
                 why: str = "") -> html.Div:
    """Return the whole page for the current corpus snapshot.

    Args:
        corpus: The corpus snapshot to show.
        title: Name shown in the header.
        upload_limit: Most characters of file data (base64) one upload may send; a bigger
            batch is stopped in the browser with a message. 0: no check.
        writable: Whether this visitor may write (default: whether the corpus can be written).
        why: Why writing is off, said where the write controls are.
    """
    writable = corpus.writable if writable is None else writable
    return html.Div([
        # Stores start with a value, not None: a memory store starting empty reports a change
        # on mount, which would run every callback listening to it on page load.
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.URL_SEEN, data=NOT_SEEN),
        dcc.Store(id=ids.SELECTION_STORE, data={}),
        dcc.Store(id=ids.VIEW_STORE, data={"focus": None, "expanded": []}),
        dcc.Store(id=ids.FOCUS_STORE, data=0),
        dcc.Store(id=ids.VERSION_STORE, data=corpus.version),
        dcc.Store(id=ids.DBLTAP_STORE, data={}),
        dcc.Store(id=ids.EVIDENCE_PAGES, data={}),
        *(dcc.Store(id=ids.CLICKED + kind, data={}) for kind in ids.CLICK_TYPES),
        dcc.Store(id=ids.EXPORT_CAPTION, data=briefing(corpus, corpus.default_filters())),
        dcc.Store(id=ids.ARTICLE_STORE, data=""),
        dcc.Store(id=ids.UPLOAD_QUEUE, data={"limit": upload_limit}),
        dcc.Store(id=ids.UPLOAD_JOB, data={}),
        dcc.Interval(id=ids.UPLOAD_POLL, interval=UPLOAD_POLL_MS, disabled=True),
        dcc.Download(id=ids.DOWNLOAD),
        *change_stores(),
        *(dcc.Store(id=ids.TAB_GATE + tab, data=0) for tab in ids.TAB_NAMES),
        _header(corpus, title, writable),
        html.Div([_sidebar(corpus), _canvas(corpus), _tabs(corpus, writable, why)], className="app-body"),
    ], className="app")
