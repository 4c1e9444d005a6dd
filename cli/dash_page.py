"""One browser page of the explorer, played over HTTP: the layout's values and the Dash callbacks they fire.

A :class:`Page` does what Dash's renderer does for a page, without a browser: it reads
``/_dash-layout`` and ``/_dash-dependencies``, keeps every component property's value, and
when a property changes it POSTs ``/_dash-update-component`` for each server callback that
reads it (the body the renderer sends: output, outputs, inputs, state, changedPropIds), puts
the answers into its values and goes on with the callbacks those answers fire, as the page
would: the callbacks one change fires go out together, on at most six connections, as a
browser sends them. Clientside callbacks run in a browser only and are left out;
pattern-matching inputs (``ALL``) match no component here. Used by `newsgraph loadtest`.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import requests

from ui.folding import unfold

UPDATE_PATH = "/_dash-update-component"
ROUNDS = 4  # callbacks fired by callbacks fired by a change: the explorer's chains are shorter
TIMEOUT_S = 60
CONNECTIONS = 6  # requests a browser has in flight to one server at once

Key = tuple[str, str]  # (component id, property)


@dataclass
class Answer:
    """One request the page made: what for (`kind`), how long it took, its status and what it changed."""

    kind: str
    seconds: float
    status: int
    changed: dict[Key, Any] = field(default_factory=dict)
    problem: str = ""


def _key(spec: str) -> Key:
    """``"id.prop"`` (or ``"id.prop@hash"`` of a duplicate output) as (id, prop)."""
    cid, _, prop = spec.rpartition(".")
    return cid, prop.split("@")[0]


def _inputs(dep: dict) -> set[Key]:
    return {(i["id"], i["property"]) for i in dep["inputs"]}


def _outputs(dep: dict) -> set[Key]:
    return {_key(o) for o in outputs_of(dep["output"])}


def outputs_of(output: str) -> list[str]:
    """The ``id.prop`` strings of a callback's output string (``"..a.p...b.q.."`` for several)."""
    return output[2:-2].split("...") if output.startswith("..") else [output]


def component_values(layout: Any) -> dict[Key, Any]:
    """Every property of every component with a plain id in a layout tree."""
    values: dict[Key, Any] = {}

    def visit(node: Any) -> None:
        if isinstance(node, list):
            for child in node:
                visit(child)
        elif isinstance(node, dict) and isinstance(node.get("props"), dict):
            props = node["props"]
            if isinstance(props.get("id"), str):
                values.update({(props["id"], name): value for name, value in props.items()})
            for value in props.values():
                visit(value)
    visit(layout)
    return values


def texts_with_class(node: Any, cls: str) -> list[str]:
    """The texts of the components (in a component tree, folded parts unfolded) whose className holds `cls`."""
    found: list[str] = []
    node = unfold(node)

    def text(n: Any) -> str:
        if isinstance(n, (str, int, float)) and not isinstance(n, bool):
            return str(n)
        if isinstance(n, list):
            return "".join(text(c) for c in n)
        if isinstance(n, dict) and isinstance(n.get("props"), dict):
            return text(n["props"].get("children"))
        return ""

    def visit(n: Any) -> None:
        if isinstance(n, list):
            for c in n:
                visit(c)
        elif isinstance(n, dict) and isinstance(n.get("props"), dict):
            if cls in str(n["props"].get("className") or "").split():
                found.append(text(n["props"].get("children")))
            for v in n["props"].values():
                visit(v)
    visit(node)
    return found


class Page:
    """A page of the explorer at `base` (``http://127.0.0.1:8050``), with its own HTTP session (cookies).

    Args:
        base: The server's address.
        record: Called with each :class:`Answer` as it comes.
        failed: Says what is wrong with a callback's answer ("" when nothing): here, an error
            the app reported in its status line.
    """

    def __init__(self, base: str, record: Callable[[Answer], None],
                 failed: Callable[[dict[Key, Any]], str] = lambda changed: ""):
        self.base = base.rstrip("/")
        self.http = requests.Session()
        self.values: dict[Key, Any] = {}
        self.callbacks: list[dict] = []
        self._record, self._failed = record, failed
        self._pool = ThreadPoolExecutor(CONNECTIONS, thread_name_prefix="page")

    def close(self) -> None:
        """Let go of the page's connections and threads."""
        self._pool.shutdown()
        self.http.close()

    def get(self, path: str, kind: str) -> requests.Response:
        """GET a path of the server, recorded as `kind`."""
        t0 = time.perf_counter()
        response = self.http.get(self.base + path, timeout=TIMEOUT_S)
        seconds = time.perf_counter() - t0
        self._record(Answer(kind, seconds, response.status_code,
                            problem="" if response.status_code == 200 else f"HTTP {response.status_code}"))
        return response

    def load(self, path: str = "/") -> dict[Key, Any]:
        """Open the page: the HTML, the layout, the callback map, then the callbacks the page fires at once.

        Returns:
            What those callbacks changed.
        """
        self.get(path, "page")
        layout = self.get("/_dash-layout", "layout")
        deps = self.get("/_dash-dependencies", "dependencies")
        if layout.status_code != 200 or deps.status_code != 200:
            return {}
        self.values = component_values(layout.json())
        self.callbacks = [d for d in deps.json() if not d.get("clientside_function")]
        first = [d for d in self.callbacks if not d.get("prevent_initial_call")
                 and all(self._present(spec) for spec in d["inputs"])]
        return self._run(first, [])

    def change(self, changes: dict[Key, Any]) -> dict[Key, Any]:
        """Set properties as a visitor would (a filter moved, a node tapped) and run what they fire.

        Returns:
            Every property the callbacks changed, with its last value.
        """
        self.values.update(changes)
        return self._run(self._reading(changes), [f"{cid}.{prop}" for cid, prop in changes])

    def _present(self, spec: dict) -> bool:
        return spec["id"].startswith("{") or any(k[0] == spec["id"] for k in self.values)

    def _reading(self, keys: Iterable[Key]) -> list[dict]:
        wanted = set(keys)
        return [d for d in self.callbacks if _inputs(d) & wanted]

    def _run(self, todo: list[dict], changed_ids: list[str]) -> dict[Key, Any]:
        """Fire `todo` and what their answers fire. As the renderer does, a callback that reads
        what another waiting callback writes waits for it, and then fires once."""
        changed: dict[Key, Any] = {}
        waiting = {d["output"]: (d, set(changed_ids)) for d in todo}
        for _ in range(ROUNDS * 2):
            if not waiting:
                break
            written = {d["output"]: _outputs(d) for d, _ in waiting.values()}
            ready = [(d, ids) for d, ids in waiting.values()
                     if not any(_inputs(d) & keys for out, keys in written.items() if out != d["output"])]
            ready = ready or list(waiting.values())  # a loop of callbacks: the renderer fires them all
            for d, _ in ready:
                waiting.pop(d["output"])
            answers = list(self._pool.map(lambda item: self._post(item[0], sorted(item[1])), ready))
            for (source, _), answer in zip(ready, answers):
                changed.update(answer)
                self.values.update(answer)
                for d in self._reading(answer):
                    if d is source:
                        continue  # a callback's own output never fires it again
                    fired = {f"{cid}.{prop}" for cid, prop in _inputs(d) & set(answer)}
                    waiting[d["output"]] = (d, waiting.get(d["output"], (d, set()))[1] | fired)
        return changed

    def body(self, dep: dict, changed_ids: list[str]) -> dict:
        """The request the renderer sends for callback `dep` (inputs and state from this page's values)."""
        def item(spec: dict) -> Any:
            if spec["id"].startswith("{"):
                return []  # a pattern-matching input: no component of it here
            return {"id": spec["id"], "property": spec["property"],
                    "value": self.values.get((spec["id"], spec["property"]))}

        outputs = [{"id": _key(o)[0], "property": o.rpartition(".")[2]} for o in outputs_of(dep["output"])]
        inputs = {f"{i['id']}.{i['property']}" for i in dep["inputs"]}
        return {"output": dep["output"], "outputs": outputs if dep["output"].startswith("..") else outputs[0],
                "inputs": [item(s) for s in dep["inputs"]], "state": [item(s) for s in dep.get("state", [])],
                "changedPropIds": [c for c in changed_ids if c in inputs]}

    def _post(self, dep: dict, changed_ids: list[str]) -> dict[Key, Any]:
        outputs = outputs_of(dep["output"])
        kind = _key(outputs[0])[0] + (f" +{len(outputs) - 1}" if len(outputs) > 1 else "")
        t0 = time.perf_counter()
        try:
            response = self.http.post(self.base + UPDATE_PATH, json=self.body(dep, changed_ids), timeout=TIMEOUT_S)
        except requests.RequestException as err:
            self._record(Answer(kind, time.perf_counter() - t0, 0, problem=f"{type(err).__name__}: {err}"))
            return {}
        seconds = time.perf_counter() - t0
        changed: dict[Key, Any] = {}
        problem = ""
        if response.status_code == 200:
            try:
                answer = response.json().get("response") or {}
                changed = {(cid, prop): value for cid, props in answer.items() for prop, value in props.items()}
            except (ValueError, AttributeError):
                problem = "an answer that is not Dash's JSON"
            problem = problem or self._failed(changed)
        elif response.status_code != 204:  # 204: the callback left everything as it was (PreventUpdate)
            problem = f"HTTP {response.status_code}: {response.text[:120]!r}"
        self._record(Answer(kind, seconds, response.status_code, changed, problem))
        return changed


def dumps(value: Any) -> str:
    """A value as compact JSON (for messages)."""
    return json.dumps(value, separators=(",", ":"))[:200]
