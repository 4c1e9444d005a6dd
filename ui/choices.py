"""The reader's choices as the explorer's server keys its work by them: the filters, the view asked
for, and the view computed for them (what the canvas draws)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.reach import Pair, Survivors

DEFAULT_BUDGET = 300


@dataclass(frozen=True)
class Filters:
    """The reader's filter choices, normalised so equal choices are equal keys.

    `dates` (``YYYY-MM`` strings, as the page names the range) and `span` (the same months as
    slider positions, what the filter engine `graph.index.EdgeIndex` is asked with) are None
    when the whole span is chosen: then undated evidence stays too.
    """

    relations: tuple[str, ...]
    types: tuple[str, ...]
    dates: tuple[str, str] | None = None
    min_articles: int = 1
    span: tuple[int, int] | None = None
    contested: bool = False


@dataclass(frozen=True)
class ViewSpec:
    """The neighbourhood view: the focus actor, how many hops, the actors expanded since; what counts, the layout."""

    focus: str | None = None
    hops: int = 1
    expanded: tuple[str, ...] = ()
    more: bool = False  # the whole display budget instead of the overview
    everything: bool = False  # centrality and edge width count every sentence, not only those that hold
    layout: str = "force"  # one of LAYOUTS: force, concentric (by centrality) or community


@dataclass(frozen=True)
class View:
    """What the canvas draws for one set of choices.

    Attributes:
        key: Names this view: equal keys draw equal elements.
        nodes: The actors drawn.
        edges: Positions (in the corpus's `EdgeIndex`) of the edges drawn.
        survivors: What the filters keep (edges, recounted totals, actors).
        keep: Actors kept against the filters because the selection names them.
        total: Actors in scope before the display budget cut.
        truncated: Whether the budget left actors out.
        edges_total: Edges between the drawn actors before the edge budget cut.
        focus: The focus actor, when the view is a neighbourhood.
        paths: The paths of a path query (lists of `graph.query.Hop`).
        path_nodes, path_edges: The nodes and edge ids on those paths.
        budget: The most actors this view could draw (the overview's or the whole budget).
        positions: Where the actors sit when laid out on their own (an overview, or the concentric or
            community layout); None: the corpus layout. overview, everything, pairs: a big graph's
            overview?; the counting toggle; the overview's edges, one per pair of actors.
    """

    key: str
    nodes: tuple[str, ...]
    edges: tuple[int, ...]
    survivors: Survivors
    keep: frozenset[str] = frozenset()
    total: int = 0
    truncated: bool = False
    edges_total: int = 0
    focus: str | None = None
    paths: tuple = ()
    path_nodes: frozenset[str] = frozenset()
    path_edges: frozenset[str] = frozenset()
    budget: int = DEFAULT_BUDGET
    positions: Mapping[str, Mapping[str, float]] | None = None
    overview: bool = False
    everything: bool = False
    pairs: tuple[Pair, ...] = ()
