"""`newsgraph loadtest URL`: concurrent sessions against a running explorer, printed as a table.

Each session is a :class:`cli.dash_page.Page` with its own cookies: it loads the page (the
HTML, ``/_dash-layout``, ``/_dash-dependencies`` and the callbacks the page fires at once),
then until the time is up it changes the relation filter, taps a node and taps an edge drawn
on its own canvas, each change firing the real callback requests a browser sends. Between
two actions a session waits a random think time (``--think``; 0 for a stress test).

Every answer is checked to be its own session's: after a filter change no edge drawn is of
a relation the session unticked; after a tap the selection is the node or edge tapped and
the panel's title names that actor, or both ends of that edge. An error is any answer other
than 200 (or 204, Dash's "nothing changed"), a callback answer the app marks as failed (its
status line), or a check that does not hold. Latency (p50, p95, max) is given per kind of
request and per action (all the requests one change fires, one after the other); when the
server runs on this machine, the memory (RSS and PSS) of each of its processes that answered.
"""
from __future__ import annotations

import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from cli.bench import Row, format_row, header
from cli.dash_page import Answer, Key, Page, dumps, texts_with_class
from ui import ids

HEALTH_PATH = "/_newsgraph/health"
P95_TARGET_MS = 300
PROCESS_LOOKS = 64  # health requests (new connections, 16 at a time) made to find the server's processes


class LoadTestError(RuntimeError):
    """The load test cannot start; the message says why in one line."""


@dataclass
class Tally:
    """Every answer and every action of a run, shared by the sessions' threads."""

    answers: list[Answer] = field(default_factory=list)
    actions: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, answer: Answer) -> None:
        with self.lock:
            self.answers.append(answer)
            if answer.problem:
                self.problems.append(f"{answer.kind}: {answer.problem}")

    def action(self, kind: str, seconds: float, problem: str = "") -> None:
        with self.lock:
            self.actions[kind].append(seconds)
            if problem:
                self.problems.append(f"{kind}: {problem}")


def status_failed(changed: dict[Key, Any]) -> str:
    """The failure a callback's answer reports in the page's status line ("" when none)."""
    if "is-error" in str(changed.get((ids.STATUS, "className")) or ""):
        return f"the app reported {dumps(changed.get((ids.STATUS, 'children')))}"
    return ""


def _canvas(page: Page) -> tuple[dict[str, dict], list[dict]]:
    """The nodes (by id) and edges the session's canvas draws now."""
    elements = page.values.get((ids.CANVAS, "elements")) or []
    nodes = {e["data"]["id"]: e["data"] for e in elements if e.get("group") == "nodes" or "source" not in e["data"]}
    edges = [e["data"] for e in elements if "source" in e.get("data", {})]
    return nodes, edges


def _title(page: Page) -> str:
    return " ".join(texts_with_class(page.values.get((ids.PANEL, "children")), "panel-title"))


class Session:
    """One visitor: a page, a random generator of its own, and the checks of its answers."""

    def __init__(self, base: str, tally: Tally, seed: int, think: float):
        self.page = Page(base, tally.answer, status_failed)
        self.tally, self.random, self.think = tally, random.Random(seed), think

    def run(self, until: float) -> None:
        try:
            self._run(until)
        finally:
            self.page.close()

    def _run(self, until: float) -> None:
        t0 = time.perf_counter()
        try:
            self.page.load()
        except requests.RequestException as err:  # the page never opened: one error, and this session ends
            self.tally.action("open the page", time.perf_counter() - t0, f"{type(err).__name__}: {err}")
            return
        self.tally.action("open the page", time.perf_counter() - t0)
        relations = [o["value"] if isinstance(o, dict) else o
                     for o in self.page.values.get((ids.RELATION_FILTER, "options")) or []]
        actions = [self.filter, self.tap_node, self.tap_edge]
        while time.monotonic() < until:
            self.random.choice(actions)(relations)
            if self.think:
                time.sleep(self.random.uniform(0.5, 1.5) * self.think)

    def _timed(self, kind: str, changes: dict[Key, Any], check: Callable[[dict], str]) -> None:
        t0 = time.perf_counter()
        try:
            changed = self.page.change(changes)
        except requests.RequestException as err:
            self.tally.action(kind, time.perf_counter() - t0, f"{type(err).__name__}: {err}")
            return
        self.tally.action(kind, time.perf_counter() - t0, check(changed))

    def filter(self, relations: list[str]) -> None:
        """Untick one relation type (or tick them all again); no edge of an unticked one may be drawn."""
        unticked = self.random.choice(relations + [None]) if relations else None
        chosen = [r for r in relations if r != unticked]

        def check(changed: dict) -> str:
            if (ids.CANVAS, "elements") not in changed:
                return ""  # the canvas did not need redrawing
            wrong = [e for e in _canvas(self.page)[1] if e.get("relation") not in (None, *chosen)]
            return f"the canvas draws {wrong[0].get('relation')} edges, unticked here" if wrong else ""
        self._timed("filter change", {(ids.RELATION_FILTER, "value"): chosen}, check)

    def tap_node(self, _relations: list[str]) -> None:
        """Tap a node of this session's canvas; the selection and the panel must be that node's."""
        nodes, _ = _canvas(self.page)
        if not nodes:
            return
        data = nodes[self.random.choice(sorted(nodes))]

        def check(changed: dict) -> str:
            selection = self.page.values.get((ids.SELECTION_STORE, "data")) or {}
            if selection.get("id") != data["id"]:
                return f"tapped {data['id']!r}, selection is {dumps(selection)}"
            title, label = _title(self.page), str(data.get("label") or data["id"])
            return "" if label in title else f"tapped {label!r}, the panel shows {title!r}"
        self._timed("node click", {(ids.CANVAS, "tapNodeData"): data}, check)

    def tap_edge(self, _relations: list[str]) -> None:
        """Tap an edge of this session's canvas; the panel's title must name both of its actors."""
        nodes, edges = _canvas(self.page)
        if not edges:
            return
        data = self.random.choice(edges)
        ends = [str(nodes.get(n, {}).get("label") or n) for n in (data["source"], data["target"])]

        def check(changed: dict) -> str:
            title = _title(self.page)
            return "" if all(end in title for end in ends) else f"tapped {' / '.join(ends)}, the panel shows {title!r}"
        self._timed("edge click", {(ids.CANVAS, "tapEdgeData"): data}, check)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _latency_row(section: str, measure: str, seconds: list[float], errors: int, target: str = "") -> Row:
    ms = [s * 1000 for s in seconds]
    return Row(section, f"{measure} ({len(ms)}, {errors} errors)",
               f"{_quantile(ms, .5):.0f} / {_quantile(ms, .95):.0f} / {max(ms):.0f} ms", target,
               "p50 / p95 / max")


def server_processes(base: str) -> dict[int, str]:
    """The server's processes that answer (found by asking its health route on new connections), with versions."""
    def look(_: int) -> tuple[int, str] | None:
        try:
            answer = requests.get(base.rstrip("/") + HEALTH_PATH, timeout=10, headers={"Connection": "close"}).json()
            return int(answer["process"]), str(answer["version"])
        except (requests.RequestException, ValueError, KeyError, TypeError):
            return None
    with ThreadPoolExecutor(16) as pool:  # requests at once: every idle process takes some
        return dict(sorted(found for found in pool.map(look, range(PROCESS_LOOKS)) if found))


def memory_mb(pid: int) -> tuple[float, float] | None:
    """RSS and PSS of a process on this machine, in MB (None when it is not here or not readable)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    fields = {line.split(":")[0]: int(line.split()[1]) for line in text.splitlines()[1:] if line.endswith("kB")}
    return fields.get("Rss", 0) / 1024, fields.get("Pss", 0) / 1024


def run(base: str, *, sessions: int = 20, seconds: float = 60.0, think: float = 1.0, seed: int = 1,
        emit: Callable[[Row], None] | None = None) -> tuple[list[Row], list[str]]:
    """Run the load test against the explorer at `base`.

    Returns:
        The table's rows (also passed to `emit`) and the problems met (empty when none).
    """
    tally = Tally()
    until = time.monotonic() + seconds
    t0 = time.perf_counter()
    threads = [threading.Thread(target=Session(base, tally, seed * 1000 + n, think).run, args=(until,),
                                name=f"session-{n}") for n in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - t0
    rows = [Row("load", "sessions x seconds (think time)", f"{sessions} x {seconds:g} s", "",
                f"each waits {think:g} s on average between actions"),
            Row("load", "requests", f"{len(tally.answers)}", "", f"{len(tally.answers) / wall:.1f} per second"),
            Row("load", "errors", f"{len(tally.problems)}", "0", "non-200 answers, failed callbacks, wrong answers")]
    by_kind: dict[str, list[Answer]] = defaultdict(list)
    for answer in tally.answers:
        by_kind[answer.kind].append(answer)
    for kind, answers in sorted(by_kind.items(), key=lambda item: -len(item[1])):
        rows.append(_latency_row("request", kind, [a.seconds for a in answers], sum(bool(a.problem) for a in answers)))
    every = [a.seconds for a in tally.answers]
    if every:
        rows.append(_latency_row("request", "every request", every, len(tally.problems), f"p95 < {P95_TARGET_MS} ms"))
    for kind, times in tally.actions.items():
        rows.append(_latency_row("action", kind, times, sum(p.startswith(kind + ":") for p in tally.problems)))
    processes = server_processes(base)
    for pid, version in sorted(processes.items()):
        memory = memory_mb(pid)
        value = f"{memory[0]:.0f} / {memory[1]:.0f} MB" if memory else "not on this machine"
        rows.append(Row("server", f"process {pid}", value, "", f"RSS / PSS; serves version {version}"))
    for row in rows:
        if emit:
            emit(row)
    return rows, tally.problems


def main(base: str, *, sessions: int, seconds: float, think: float, say: Callable[[str], None]) -> int:
    """Print the table (and the first problems); 1 when there was any error.

    Raises:
        LoadTestError: Nothing answers at `base`.
    """
    try:
        requests.get(base.rstrip("/") + HEALTH_PATH, timeout=30).raise_for_status()
    except requests.RequestException as err:
        reason = getattr(err.response, "status_code", None) or type(err).__name__
        raise LoadTestError(f"no newsgraph explorer answers at {base} ({reason}); start one with `newsgraph serve`") \
            from None
    say(header())
    _, problems = run(base, sessions=sessions, seconds=seconds, think=think, emit=lambda row: say(format_row(row)))
    kinds = Counter(problems)
    for problem, times in kinds.most_common(10):
        say(f"error: {problem}" + (f" ({times} times)" if times > 1 else ""))
    if len(kinds) > 10:
        say(f"… and {len(kinds) - 10} other errors")
    return 1 if problems else 0
