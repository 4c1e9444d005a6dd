"""The page state in the URL: parse a query string into validated settings, and write one back.

A link such as ``?node=turkey&rel=supports,opposes&from=2018-01&to=2020-02&min=1&hops=2&contested=1``
reopens the same view. Parsing never fails: a value that is malformed or names something
this corpus does not have is dropped, and the default stands in for it. Only settings that
differ from the defaults are written, so the plain page has a plain address.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

MAX_HOPS = 3
DEFAULT_HOPS = 1
MAX_PATHS = 5
DEFAULT_PATHS = 3
MAX_QUERY_LENGTH = 4000  # longer query strings are ignored whole (nobody types them)
MAX_LIST = 200  # at most this many items of a list parameter are read

PageState = dict[str, Any]


def _never(_: str) -> bool:
    return False


@dataclass(frozen=True)
class Known:
    """What the current corpus has, to validate a URL against.

    Attributes:
        relations: Relation types offered by the filter.
        default_relations: Relation types ticked by default.
        entity_types: Entity types offered by the filter.
        months: ``YYYY-MM`` months of the date slider, oldest first (empty: no dated article).
        max_articles: Largest value of the minimum-articles filter.
        tabs: Names of the side tabs; the first is the default.
        has_node, has_edge, has_doc: Membership tests for ids.
    """

    relations: tuple[str, ...]
    default_relations: tuple[str, ...]
    entity_types: tuple[str, ...]
    months: tuple[str, ...] = ()
    max_articles: int = 1
    tabs: tuple[str, ...] = ("graph",)
    has_node: Callable[[str], bool] = field(default=_never)
    has_edge: Callable[[str], bool] = field(default=_never)
    has_doc: Callable[[str], bool] = field(default=_never)


def default_state(known: Known) -> PageState:
    """Return the settings of a page opened without a query string."""
    return {
        "relations": list(known.default_relations),
        "types": list(known.entity_types),
        "dates": [0, max(len(known.months) - 1, 0)],
        "min": 1,
        "contested": [],
        "hops": DEFAULT_HOPS,
        "selection": None,
        "view": {"focus": None, "expanded": []},
        "tab": known.tabs[0],
        "doc": None,
    }


def _one(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[-1].strip() if values else None


def _listed(value: str | None, allowed: Sequence[str] | Callable[[str], bool]) -> list[str] | None:
    """A comma list kept in the allowed order (or given order for a predicate), unknown items dropped."""
    if value is None:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()][:MAX_LIST]
    if callable(allowed):
        return list(dict.fromkeys(v for v in items if allowed(v)))
    wanted = set(items)
    return [a for a in allowed if a in wanted]


def clamp(value: Any, low: int, high: int, default: int | None = None) -> int:
    """A value from the page as a whole number held within [low, high].

    Args:
        value: What the page sent (a number, a numeric string, None...).
        low, high: The bounds, inclusive.
        default: Returned when `value` is not a number; without one, the TypeError or ValueError of `int` is raised.
    """
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        if default is None:
            raise
        return default


def _int(value: str | None, low: int, high: int) -> int | None:
    if value is None or not value.lstrip("-").isdigit() or len(value) > 6:
        return None
    number = int(value)
    return number if low <= number <= high else None


def _month_index(value: str | None, months: Sequence[str]) -> int | None:
    if not value or not months:
        return None
    month = value[:7]
    return months.index(month) if month in months else None


def parse_query(search: str | None, known: Known) -> PageState:
    """Read a URL query string into page settings; anything invalid falls back to the default.

    Args:
        search: The query string, with or without the leading ``?``.
        known: What this corpus has.

    Returns:
        A full page state (see :func:`default_state`); the selection is a node, an edge, a
        dyad (``dyad=a,b``) or a path query (``path=a,b&k=3``), at most one, in that order.
    """
    state = default_state(known)
    text = (search or "").lstrip("?")
    if not text or len(text) > MAX_QUERY_LENGTH:
        return state
    try:
        query = parse_qs(text, keep_blank_values=True, max_num_fields=64)
    except ValueError:
        return state
    # an empty list ticks nothing; a list of nothing but unknown names is a broken link: ignored
    raw_relations, raw_types = _one(query, "rel"), _one(query, "types")
    relations = _listed(raw_relations, known.relations)
    if relations is not None and (relations or not raw_relations):
        state["relations"] = relations
    types = _listed(raw_types, known.entity_types)
    if types is not None and (types or not raw_types):
        state["types"] = types
    first = _month_index(_one(query, "from"), known.months)
    last = _month_index(_one(query, "to"), known.months)
    if first is not None and (last is None or first <= last):
        state["dates"][0] = first
    if last is not None and last >= state["dates"][0]:
        state["dates"][1] = last
    state["min"] = _int(_one(query, "min"), 1, max(known.max_articles, 1)) or 1
    state["contested"] = ["contested"] if _one(query, "contested") == "1" else []
    state["hops"] = _int(_one(query, "hops"), 1, MAX_HOPS) or DEFAULT_HOPS
    tab = _one(query, "tab")
    if tab in known.tabs:
        state["tab"] = tab
    doc = _one(query, "doc")
    if doc and known.has_doc(doc):
        state["doc"] = doc
    focus = _one(query, "focus")
    if focus and known.has_node(focus):
        expanded = _listed(_one(query, "expand"), known.has_node) or []
        state["view"] = {"focus": focus, "expanded": [n for n in expanded if n != focus]}
    state["selection"] = _selection(query, known)
    return state


def _pair(value: str | None, known: Known) -> list[str] | None:
    pair = _listed(value, known.has_node)
    return pair if pair and len(pair) == 2 else None


def _selection(query: Mapping[str, list[str]], known: Known) -> dict | None:
    node, edge = _one(query, "node"), _one(query, "edge")
    if node and known.has_node(node):
        return {"kind": "node", "id": node, "via": "url", "nonce": 1}
    if edge and known.has_edge(edge):
        return {"kind": "edge", "id": edge, "via": "url", "nonce": 1}
    dyad = _pair(_one(query, "dyad"), known)
    if dyad:
        return {"kind": "dyad", "id": ",".join(dyad), "via": "url", "nonce": 1}
    path = _pair(_one(query, "path"), known)
    if path:
        k = _int(_one(query, "k"), 1, MAX_PATHS) or DEFAULT_PATHS
        return {"kind": "path", "id": ",".join(path), "k": k, "via": "url", "nonce": 1}
    return None


def format_query(state: Mapping[str, Any], known: Known) -> str:
    """Write page settings as a query string (``""`` when everything is at its default).

    The inverse of :func:`parse_query` for valid settings: parsing the result gives the
    same state back (up to the selection's bookkeeping fields ``via`` and ``nonce``).
    """
    default = default_state(known)
    params: list[tuple[str, str]] = []
    selection = state.get("selection") or {}
    kind, target = selection.get("kind"), selection.get("id")
    if kind in ("node", "edge", "dyad", "path") and target:
        params.append((kind, str(target)))
        if kind == "path":
            params.append(("k", str(selection.get("k") or DEFAULT_PATHS)))
    view = state.get("view") or {}
    if view.get("focus"):
        params.append(("focus", str(view["focus"])))
        if view.get("expanded"):
            params.append(("expand", ",".join(view["expanded"])))
    if list(state.get("relations") or []) != default["relations"]:
        params.append(("rel", ",".join(state.get("relations") or [])))
    if list(state.get("types") or []) != default["types"]:
        params.append(("types", ",".join(state.get("types") or [])))
    dates = list(state.get("dates") or default["dates"])
    if known.months and dates != default["dates"]:
        first, last = (clamp(i, 0, len(known.months) - 1) for i in dates[:2])
        params += [("from", known.months[first]), ("to", known.months[last])]
    if int(state.get("min") or 1) != 1:
        params.append(("min", str(int(state["min"]))))
    if state.get("contested"):
        params.append(("contested", "1"))
    if int(state.get("hops") or DEFAULT_HOPS) != DEFAULT_HOPS:
        params.append(("hops", str(int(state["hops"]))))
    if state.get("tab") and state.get("tab") != default["tab"]:
        params.append(("tab", str(state["tab"])))
    if state.get("doc"):
        params.append(("doc", str(state["doc"])))
    return "?" + urlencode(params, safe=",") if params else ""
