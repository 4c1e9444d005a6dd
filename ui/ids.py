"""Every component id of the explorer page, in one place.

Callbacks, layout, clientside code and browser tests all refer to these names, so an id
is changed here or nowhere.
"""
from __future__ import annotations

# Per-session state, kept in the browser
URL = "url"
URL_SEEN = "url-seen"  # the query string the page last read from or wrote to the address bar
SELECTION_STORE = "selection-store"  # what the panel shows: a node, an edge, a dyad or a path query
VIEW_STORE = "view-store"  # the neighbourhood view: focus node, hops and expanded nodes
FOCUS_STORE = "focus-store"  # clientside: the nonce of the last selection the camera moved to
VERSION_STORE = "version-store"  # the corpus version this page shows; changes after uploads and curation
CANVAS_KEY = "canvas-key"  # which view the canvas elements were drawn for
DBLTAP_STORE = "dbltap-store"  # clientside: the node last double-tapped on the canvas
ARTICLE_STORE = "article-store"  # the article open in the Articles tab
LAST_VISIT = "last-visit"  # kept in the browser (localStorage): when this visit and the one before began
THIS_VISIT = "this-visit"  # kept for the tab's session: when this visit began (a reload is the same visit)
NEW_EDGES = "new-edges"  # the edge ids "what is new" highlights on the canvas
NEW_MARKED = "new-marked"  # clientside: how many edges on the canvas are marked new

# Header
HEADER = "header"
HEADER_STATS = "header-stats"
NEWER_NOTICE = "newer-notice"  # "N new articles — refresh" when the store moved on since the page loaded
VERSION_POLL = "version-poll"  # the interval at which the page asks for the corpus version
SEARCH = "entity-search"
STATUS = "status"
UNDO_BUTTON = "undo-button"
REDO_BUTTON = "redo-button"

# Sidebar: filters
RELATION_FILTER = "relation-filter"
ENTITY_FILTER = "entity-filter"
DATE_SLIDER = "date-slider"
DATE_LABEL = "date-label"
MIN_ARTICLES = "min-articles"
CONTESTED_FILTER = "contested-filter"  # only contested relations
HOPS_SLIDER = "hops-slider"
RESET_BUTTON = "reset-button"

# Sidebar: paths
PATH_SOURCE = "path-source"
PATH_TARGET = "path-target"
PATH_K = "path-k"
PATH_BUTTON = "path-button"

# Sidebar: export
EXPORT_FORMAT = "export-format"
EXPORT_BUTTON = "export-button"
EXPORT_PNG = "export-png"
DOWNLOAD = "download"

# Canvas
CANVAS = "graph-canvas"
FIT_BUTTON = "fit-button"
LEGEND = "canvas-legend"
CANVAS_NOTICE = "canvas-notice"

# Right-hand side: tabs
TABS = "side-tabs"
TAB_GRAPH = "graph"
TAB_STANCE = "stance"
TAB_ACTORS = "actors"
TAB_ARTICLES = "articles"
TAB_CURATION = "curation"
TAB_DISPUTES = "disputes"
TAB_OUTLETS = "outlets"
TAB_NEW = "new"
TAB_NAMES = (TAB_GRAPH, TAB_STANCE, TAB_ACTORS, TAB_ARTICLES, TAB_CURATION, TAB_DISPUTES, TAB_OUTLETS, TAB_NEW)
TAB_GATE = "gate-"  # + a tab name: the store that wakes that tab's callbacks while it is open (ui.callbacks.wiring)

PANEL = "detail-panel"
STANCE_GRAPH = "stance-graph"
STANCE_DETAIL = "stance-detail"
ACTORS_GRAPH = "actors-graph"
ARTICLE_FILTER = "article-filter"
ARTICLE_LIST = "article-list"
ARTICLE_VIEW = "article-view"
UPLOAD = "upload"
UPLOAD_REPORT = "upload-report"
UPLOAD_QUEUE = "upload-queue"  # files that passed the size check in the browser
UPLOAD_LIMIT = "upload-limit"  # why a batch was not sent
UPLOAD_JOB = "upload-job"  # the upload job this page follows (its id)
UPLOAD_POLL = "upload-poll"  # the interval that asks for the job's progress while it runs
MERGE_KEEP = "merge-keep"
MERGE_DROP = "merge-drop"
MERGE_BUTTON = "merge-button"
CURATION_LOG = "curation-log"
DISPUTES_LIST = "disputes-list"
OUTLETS_GRAPH = "outlets-graph"
OUTLET_PICK = "outlet-pick"
OUTLET_RELATIONS = "outlet-relations"
NEW_SINCE = "new-since"  # a date, or "visit" for the last visit
NEW_LIST = "new-list"

# Pattern-matching id types for controls rendered inside panels:
# {"type": NODE_LINK, "node": <node id>, "slot": <place>} selects an actor;
# {"type": EDGE_LINK, "edge": <edge id>, "slot": <place>} opens a relation's dossier;
# {"type": ARTICLE_LINK, "doc": <doc id>, "slot": <place>} opens an article;
# {"type": VIEW_ACTION, "action": <name>, "target": <node id>} changes the view (focus, expand,
# paths, merge: the last opens the merge form);
# {"type": CURATE_ACTION, "action": <name>, "target": <node or edge id>} curates (rename, reject,
# confirm);
# {"type": RENAME_INPUT, "target": <node id>} holds the new name typed in a node panel.
# The slot keeps ids unique when a panel links the same actor or relation more than once.
NODE_LINK = "node-link"
EDGE_LINK = "edge-link"
ARTICLE_LINK = "article-link"
VIEW_ACTION = "view-action"
CURATE_ACTION = "curate-action"
RENAME_INPUT = "rename-input"
PATTERN_TYPES = (NODE_LINK, EDGE_LINK, ARTICLE_LINK, VIEW_ACTION, CURATE_ACTION, RENAME_INPUT)

# Issue 12: truth-aware counting, the dyad timeline, evidence pages and evidence search
TRUTH_TOGGLE = "truth-toggle"  # checklist: count negated and speculative sentences too
DYAD_TIMELINE = "dyad-timeline"  # cooperation vs conflict by month under the stance heatmap
DYAD_TIMELINE_BOX = "dyad-timeline-box"  # hidden until a cell is clicked
EVIDENCE_MORE = "evidence-more"  # pattern id: "show more" of one evidence list
EVIDENCE_OPEN = "evidence-open"  # opens a long list kept in the store (read only when asked for)
EVIDENCE_ORDER = "evidence-order"  # pattern id: sort / filter controls of one evidence list
EVIDENCE_PAGES = "evidence-pages"  # store: how many sentences each open evidence list shows, and its order
EVIDENCE_SEARCH = "evidence-search"  # full-text search over every evidence sentence
EVIDENCE_HITS = "evidence-hits"
EVIDENCE_ASKED = "evidence-asked"  # store: the question the hits answer (query, filters, version)
DATE_HISTOGRAM = "date-histogram"  # evidence by month, drawn with the date slider
MORE_BUTTON = "more-button"  # the overview of a big graph, or the whole display budget
SIDEBAR = "filter-sidebar"  # the filters: a column, or a drawer on narrow screens
FILTERS_BUTTON = "filters-button"  # opens and closes the filter drawer on narrow screens
EXPORT_CAPTION = "export-caption"  # store: the active filters, written under the PNG's title
EDGE_TIP = "edge-tip"  # hover text of an edge on the canvas (assets/hover.js)
RELATIONS_ALL = "relations-all"  # quick choices on the relation list
RELATIONS_NONE = "relations-none"
RELATIONS_TYPED = "relations-typed"
RELATIONS_ONLY = "relations-only"  # dropdown: keep only this relation type
COLOUR_BY = "colour-by"  # radio: colour actors by their type or by their community
COLOUR_BY_LABEL = "colour-by-label"  # its name (assets/a11y.js names a radio group by "<id>-label")
LAYOUT_CHOICE = "layout-choice"  # radio: place actors by force, concentric by centrality, or by community
LAYOUT_CHOICE_LABEL = "layout-choice-label"  # its name, as COLOUR_BY_LABEL

# Links in folded panels (ui.folding, assets/tree.js): a click on one sets the store CLICKED + its type
# to {"id": <the link's pattern id>, "n": <a count>}; the callbacks read it as that link's click.
CLICK_TYPES = (NODE_LINK, EDGE_LINK, ARTICLE_LINK, VIEW_ACTION, CURATE_ACTION, EVIDENCE_MORE, EVIDENCE_OPEN)
CLICKED = "clicked-"
