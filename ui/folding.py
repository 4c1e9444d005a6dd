"""Panels sent folded: a part of a component tree that only shows things travels as JSON in one
element's ``data-tree`` attribute, and ``assets/tree.js`` draws it in the browser.

Dash renders every component through a wrapper of its own, and the time to show a panel grows
with the square of its components: in headless Chromium, 300 took 0.3 s, 1,000 took 1.6 s and
2,000 took 8.6 s. An actor's panel has about a thousand (every sentence is a dozen marks, spans
and links). Folded, it keeps only the components that do something: controls, and elements with
an id a callback reads.

What folds: ``dash.html`` elements (and the static elements of `ui.plain`) of :data:`TAGS` with
no id, carrying only the attributes of :data:`ATTRIBUTES` (and ``aria-*``, ``data-*``), and the
panel's links, whose ids are of :data:`ui.ids.CLICK_TYPES`. Text stays text: the browser makes each element with
``createElement`` and each string as a text node, never HTML. A link keeps its id in
``data-link``; a click on it sets the store named ``ids.CLICKED + its type``, which the callbacks
read as they read a click (:func:`ui.callbacks.wiring.fired`).
"""
from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

from dash import html
from dash.development.base_component import Component
from plotly.utils import PlotlyJSONEncoder

from ui import ids
from ui.plain import Element

HTML = "dash_html_components"
TAGS = frozenset("""a abbr article b blockquote br button caption cite code dd details div dl dt em figcaption
    figure footer h1 h2 h3 h4 h5 h6 header hr i label li mark nav ol p pre q section small span strong sub
    summary sup table tbody td tfoot th thead time tr ul""".split())
ATTRIBUTES = {"className": "class", "title": "title", "role": "role", "htmlFor": "for", "tabIndex": "tabindex",
              "open": "open", "disabled": "disabled", "hidden": "hidden", "href": "href", "target": "target",
              "rel": "rel", "lang": "lang", "dir": "dir", "colSpan": "colspan", "rowSpan": "rowspan",
              "scope": "scope", "dateTime": "datetime", "style": "style"}
IGNORED = frozenset({"children", "id", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key"})
COMPONENTS = (Component, Element)  # a Dash component, or a static element of `ui.plain`
SAFE_HREF = re.compile(r"^(https?://|mailto:|[/#?]|$)", re.IGNORECASE)  # else the element stays Dash's
TREE, LINK = "data-tree", "data-link"


def fold(node: Any) -> Any:
    """Return `node` (a component, a list of them, text) with its static parts folded.

    A folded element stays a component of its own type and attributes, its children moved into its
    ``data-tree``; an element that holds only text and has no id is left as it is. The components
    given are not changed: those that hold folded parts are copies.
    """
    if isinstance(node, (list, tuple)):
        return [fold(n) for n in node]
    return _top(*_walk(node))


def _walk(node: Any) -> tuple[Any, Any]:
    """``(node, its tree)``: the tree is None when the node cannot travel as JSON, and then the
    node's static parts are folded (in a copy)."""
    if node is None or isinstance(node, bool):
        return node, ()
    if isinstance(node, (str, int, float)):
        return node, str(node)
    if isinstance(node, (list, tuple)):
        walked = [_walk(n) for n in node]
        if all(tree is not None for _, tree in walked):
            return node, _flat([tree for _, tree in walked])
        return [_top(n, tree) for n, tree in walked], None
    if not isinstance(node, COMPONENTS):
        return node, None
    children = getattr(node, "children", None)
    many = isinstance(children, (list, tuple))
    walked = [_walk(c) for c in children] if many else [_walk(children)]
    head = _head(node)
    if head is not None and all(tree is not None for _, tree in walked):
        return node, [*head, *_flat([tree for _, tree in walked])]
    folded = [_top(n, tree) for n, tree in walked]
    if any(a is not b for a, b in zip(folded, children if many else [children])):
        node = copy.copy(node)
        node.children = folded if many else folded[0]
    return node, None


def _flat(trees: list) -> list:
    out: list = []
    for t in trees:
        if isinstance(t, list) and (not t or not isinstance(t[0], str) or t[0] not in TAGS or len(t) < 2
                                    or not isinstance(t[1], dict)):
            out.extend(t)  # a list of children, not an element
        elif t != ():
            out.append(t)
    return out


def _top(node: Any, tree: Any) -> Any:
    """A static element as the top of a folded part (or as it was: text, an element of text only)."""
    if tree is None or not isinstance(node, COMPONENTS):
        return node
    props = _props(node)
    link = props.get("id")
    children = tree[2:]
    if link is None and all(isinstance(c, str) for c in children):
        return node
    kept = {k: v for k, v in props.items() if k not in IGNORED}
    kept[TREE] = json.dumps(children, ensure_ascii=False, separators=(",", ":"))
    if link is not None:
        kept[LINK] = json.dumps(link, sort_keys=True, separators=(",", ":"))
    return type(node)(**kept)


def _head(node: Component | Element) -> list | None:
    """``[tag, attributes]`` of an element that can be folded, else None."""
    if node._namespace != HTML or node._type.lower() not in TAGS:
        return None
    attributes: dict[str, Any] = {}
    for key, value in _props(node).items():
        if key == "id":
            if not (isinstance(value, dict) and value.get("type") in ids.CLICK_TYPES):
                return None
            attributes[LINK] = json.dumps(value, sort_keys=True, separators=(",", ":"))
        elif key in IGNORED or value is None:
            continue
        elif key == "href" and not SAFE_HREF.match(str(value)):
            return None
        elif key in ATTRIBUTES:
            attributes[ATTRIBUTES[key]] = value
        elif key.startswith(("aria-", "data-")) and key not in (TREE, LINK):
            attributes[key] = value
        else:
            return None
    return [node._type.lower(), attributes]


def _props(node: Component | Element) -> dict[str, Any]:
    """The properties set on a component (what ``to_plotly_json`` lists, read straight from it: 3× faster)."""
    return {k: v for k, v in vars(node).items() if k[0] != "_" and k not in _META}


_META = frozenset({"available_properties", "available_wildcard_properties"})


def unfold(node: Any) -> Any:
    """The tree a folded part stands for, as Dash's JSON of components (``{"type", "props"}``): what
    scripts that read the server's answers without a browser (the load test) look into. A component
    comes back as its JSON, unfolded."""
    if isinstance(node, COMPONENTS):
        return json.loads(json.dumps(unfolded(node), cls=PlotlyJSONEncoder))
    if isinstance(node, list):
        return [unfold(n) for n in node]
    if not isinstance(node, dict) or not isinstance(node.get("props"), dict):
        return node
    props = dict(node["props"])
    if isinstance(props.get(TREE), str):
        props.update(_opened(props, lambda tag, props: {"type": tag, "namespace": HTML, "props": props}))
    else:
        props["children"] = unfold(props.get("children"))
    return {**node, "props": props}


def unfolded(node: Any) -> Any:
    """`node` with its folded parts made components again, links with their ids (:func:`fold` undone)."""
    if isinstance(node, (list, tuple)):
        return [unfolded(n) for n in node]
    if not isinstance(node, COMPONENTS):
        return node
    props = _props(node)
    if isinstance(props.get(TREE), str):
        return type(node)(**_opened(props, lambda tag, props: getattr(html, tag)(**props)))
    children = getattr(node, "children", None)
    if isinstance(children, (list, tuple, *COMPONENTS)):
        node = copy.copy(node)
        node.children = unfolded(children)
    return node


_NAMES = {dom: name for name, dom in ATTRIBUTES.items()}


def _opened(props: dict[str, Any], make: Callable[[str, dict], Any]) -> dict[str, Any]:
    """A folded element's properties with its children back (each element made by ``make(type, props)``)
    and its link's id."""
    def element(tree: Any) -> Any:
        if not isinstance(tree, list):
            return tree
        tag, attributes, *children = tree
        return make(tag.title(), {**_named(attributes), "children": [element(c) for c in children]})
    return {**_named({k: v for k, v in props.items() if k not in (TREE, "children")}),
            "children": [element(t) for t in json.loads(props[TREE])]}


def _named(attributes: dict[str, Any]) -> dict[str, Any]:
    """Attributes by their Dash names, a link's id read back."""
    props = {_NAMES.get(k, k): v for k, v in attributes.items()}
    if isinstance(props.get(LINK), str):
        props["id"] = json.loads(props.pop(LINK))
    return props
