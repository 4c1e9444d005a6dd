"""Every component id of the explorer page, in one place.

Callbacks, layout, clientside code and browser tests all refer to these names, so an id
is changed here or nowhere.
"""
from __future__ import annotations

# Stores (per-session state)
SELECTION_STORE = "selection-store"
FOCUS_STORE = "focus-store"

# Header
HEADER = "header"
HEADER_STATS = "header-stats"
SEARCH = "entity-search"

# Sidebar filters
RELATION_FILTER = "relation-filter"
ENTITY_FILTER = "entity-filter"

# Canvas
CANVAS = "graph-canvas"
FIT_BUTTON = "fit-button"
LEGEND = "canvas-legend"

# Detail panel
PANEL = "detail-panel"

# Pattern-matching id types for links inside the detail panel:
# {"type": NODE_LINK, "node": <node id>, "slot": <place>} and
# {"type": EDGE_LINK, "edge": <edge id>, "slot": <place>}; the slot keeps ids unique when a
# panel links the same actor or relation more than once.
NODE_LINK = "node-link"
EDGE_LINK = "edge-link"
