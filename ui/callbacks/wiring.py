"""How a callback is declared next to its function, and how the declarations are bound to one app.

A room of callbacks keeps a list of :class:`Declared` (filled by its ``callback`` decorator);
:func:`bind` hands each to Dash with keyword inputs (Dash's flexible callback signatures), the
server-side ones bound to the app's :class:`ui.corpus.CorpusSource`. Clientside functions live in
``assets/newsgraph.js`` under ``window.dash_clientside.newsgraph``.
"""
from __future__ import annotations

import functools
import inspect
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, set_props

from graph.store import StoreError
from ui import ids
from ui.folding import fold
from ui.source import CorpusSource, CurationRefused

log = logging.getLogger(__name__)

NAMESPACE = "newsgraph"  # window.dash_clientside.newsgraph in assets/newsgraph.js

# The five filters travel together: every callback that reads them takes this one group of inputs.
FILTERS = {"relations": Input(ids.RELATION_FILTER, "value"), "types": Input(ids.ENTITY_FILTER, "value"),
           "dates": Input(ids.DATE_SLIDER, "value"), "min_articles": Input(ids.MIN_ARTICLES, "value"),
           "contested": Input(ids.CONTESTED_FILTER, "value")}
FILTER_STATES = {name: State(i.component_id, i.component_property) for name, i in FILTERS.items()}


@dataclass(frozen=True)
class Declared:
    """One callback: the function (or clientside function) and what it reads and writes."""

    function: Callable | ClientsideFunction
    output: Any
    inputs: Mapping[str, Any] | Sequence[Any]
    state: Mapping[str, Any] | Sequence[Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    tab: str | None = None  # the side tab whose content it draws: it runs only while that tab is open


def declarer(room: list[Declared]) -> Callable:
    """The ``callback`` decorator of one room: it records the declaration and leaves the function as it is.

    ``tab=`` names the side tab a callback draws into (its inputs then include ``tab``, the tab
    control's value): :func:`bind` lets it run only while that tab is open.
    """
    def callback(*output, inputs, state=None, tab=None, **options):
        def decorate(function):
            room.append(Declared(function, output[0] if len(output) == 1 else list(output), inputs,
                                 state if state is not None else {}, options, tab))
            return function
        return decorate
    return callback


def clientside(room: list[Declared], name: str, *output, inputs, state=(), **options) -> None:
    """Declare the clientside function ``window.dash_clientside.newsgraph[name]``."""
    room.append(Declared(ClientsideFunction(NAMESPACE, name), output[0] if len(output) == 1 else list(output),
                         list(inputs), list(state), options))


def bind(app: Dash, declared: Sequence[Declared], source: CorpusSource) -> None:
    """Hand every declaration to `app`, the server-side functions bound to `source`.

    The callbacks of a side tab (:attr:`Declared.tab`) read their inputs as states and run when
    the tab's gate store changes; one clientside callback per tab, listening to all of them,
    changes it only while the tab is open. A filter change on the graph tab so costs the server
    nothing for the tabs nobody looks at (it was one request for each).
    """
    gates: dict[str, dict[str, Any]] = {}
    for d in declared:
        if isinstance(d.function, ClientsideFunction):
            app.clientside_callback(d.function, output=d.output, inputs=d.inputs, state=d.state, **d.options)
            continue
        function = d.function
        if "source" in inspect.signature(function).parameters:
            function = functools.wraps(d.function)(functools.partial(d.function, source=source))
        inputs, state = d.inputs, d.state
        if d.tab is not None:
            listened = gates.setdefault(d.tab, {})
            listened.update({(i.component_id_str(), i.component_property): i for i in d.inputs.values()})
            state = {**d.state, **{name: State(i.component_id, i.component_property) for name, i in d.inputs.items()}}
            inputs, function = {"gate": Input(ids.TAB_GATE + d.tab, "data")}, _without_gate(function)
        app.callback(output=d.output, inputs=inputs, state=state, **d.options)(_folding(function, d.output))
    for tab, listened in gates.items():
        tab_input = listened.pop((ids.TABS, "value"))
        app.clientside_callback(ClientsideFunction(NAMESPACE, "openTab"), output=Output(ids.TAB_GATE + tab, "data"),
                                inputs=[tab_input, *listened.values()], prevent_initial_call=True)


def _folding(function: Callable, output: Any) -> Callable:
    """The callback with the components it draws into a ``children`` folded (:func:`ui.folding.fold`)."""
    outputs = output if isinstance(output, list) else [output]
    drawn = [i for i, o in enumerate(outputs) if o.component_property == "children"]
    if not drawn:
        return function

    @functools.wraps(function)
    def run(*args, **kwargs):
        result = function(*args, **kwargs)
        if not isinstance(output, list):
            return fold(result)
        if not isinstance(result, (list, tuple)):
            return result
        return [fold(r) if i in drawn else r for i, r in enumerate(result)]
    return run


def _without_gate(function: Callable) -> Callable:
    """The callback without the gate's value, which only says when to run."""
    @functools.wraps(function)
    def run(gate=None, **values):
        return function(**values)
    return run


def fired() -> tuple[Any, str | None, Any]:
    """The component, property and value that fired; a clicked link wins over links that merely appeared.

    A click on a folded link (:mod:`ui.folding`) comes as the store of its type: it is told as the
    link's own ``n_clicks``."""
    if not ctx.triggered:
        return None, None, None
    first = next((t for t in ctx.triggered if t.get("value")), ctx.triggered[0])
    component, _, prop = first["prop_id"].rpartition(".")
    trigger = json.loads(component) if component.startswith("{") else component
    value = first.get("value")
    if isinstance(trigger, str) and trigger.startswith(ids.CLICKED):
        link = value.get("id") if isinstance(value, dict) else None
        if not isinstance(link, dict) or link.get("type") != trigger[len(ids.CLICKED):]:
            return None, None, None
        return link, "n_clicks", value.get("n") or 1
    return trigger, prop, value


def report_error(err: Exception) -> None:
    """Say in the status line that an action failed, in plain words; the page stays as it was."""
    log.exception("callback failed", exc_info=err)
    if isinstance(err, (StoreError, CurationRefused)):
        message = str(err)
    else:  # other errors' text is Python's ("invalid literal for int()…"): it stays in the server log
        message = f"Something went wrong ({type(err).__name__}); the page is unchanged. Details are in the server log."
    set_props(ids.STATUS, {"children": message, "className": "status is-error"})
