"""Static HTML elements, made for a fraction of what `dash.html` costs.

A `dash.html` component checks and records each of its arguments as it is made (about 12 µs a
component here); an actor's panel holds some 2,000 of them — the spans, marks and list items of
its sentences — which the panel then folds into one JSON tree anyway (`ui.folding`). An element
of this module is made the same way (``html.Span(children, className=...)``, with ``from ui.plain
import html``), checks its argument names against the Dash component of its tag, and is sent as
that component's JSON (``to_plotly_json``): one left unfolded renders as the Dash component would.

Only static parts are made here: an element may carry an id only when it is a panel link or
action that folding turns into ``data-link`` (:data:`ui.ids.CLICK_TYPES`); an element a callback
reads by id stays a Dash component.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from dash import html as dash_html

from ui import ids

NAMESPACE = "dash_html_components"
WILDCARDS = ("data-", "aria-")


class Element:
    """One static HTML element: its properties are its attributes, as on a Dash component."""

    _type = ""
    _namespace = NAMESPACE
    _prop_names: frozenset[str] = frozenset()  # as Dash names them on its components

    def __init__(self, children: Any = None, **props: Any) -> None:
        for key, value in props.items():
            if key not in self._prop_names and not key.startswith(WILDCARDS):
                raise TypeError(f"html.{self._type} has no property {key!r}")
            if key == "id" and not (isinstance(value, dict) and value.get("type") in ids.CLICK_TYPES):
                raise TypeError(f"html.{self._type}: an element with id {value!r} is read by a callback: "
                                "make it a Dash component")
        self.children = children  # always there, as on a Dash component
        self.__dict__.update(props)

    def to_plotly_json(self) -> dict[str, Any]:
        """The element as Dash sends a component: its type, namespace and properties."""
        return {"props": dict(vars(self)), "type": self._type, "namespace": NAMESPACE}

    def __repr__(self) -> str:
        return f"{self._type}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"


def _element(tag: str) -> type[Element]:
    names = frozenset(getattr(dash_html, tag)()._prop_names)  # noqa: SLF001 (Dash's own list of properties)
    return type(tag, (Element,), {"_type": tag, "_prop_names": names, "__doc__": f"A static ``<{tag.lower()}>``."})


TAGS = ("A", "Button", "Details", "Div", "H2", "H3", "Label", "Li", "Mark", "P", "Span", "Summary", "Ul")
html = SimpleNamespace(**{tag: _element(tag) for tag in TAGS})

__all__ = ["Element", "TAGS", "html"]
