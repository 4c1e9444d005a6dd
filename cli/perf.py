"""Server-side speed of the explorer over a store, for the benchmark command.

`bench_app` builds the app the way `python app.py --db STORE` does, then calls the callback
functions directly, as Dash would after a filter change or a click on a node or an edge, and
times them. The browser's share (network, rendering) is not included: this is the server time.
"""
from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

CALLS = 30
# After the store's copy is flushed, the machine is left this long per GB copied (at most SETTLE_MAX_S)
# before timing: on this project's VM, work timed in the minute after writing 3.8 GB ran slower
# (a date change at 100,000 articles 57-83 ms instead of 40-54 ms, the same code, no copy or 30 s after).
SETTLE_S_PER_GB, SETTLE_MAX_S = 8.0, 30.0

Row = tuple[str, float, str]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * (len(ordered) - 1))))]


def _filter_changes(corpus, n: int) -> list[tuple[list, list, list, int]]:
    """`n` distinct filter choices a reader might make, none seen before by the app."""
    relations, types = list(corpus.default_relations), list(corpus.entity_types)
    last = max(len(corpus.months) - 1, 0)
    out = []
    for r in relations:
        out.append(([x for x in relations if x != r], types, [0, last], 1))
    for t in types:
        out.append((relations, [x for x in types if x != t], [0, last], 1))
    for k in range(1, max(2, last)):
        out.append((relations, types, [k, last], 1))
        out.append((relations, types, [0, last - k], 1))
    for m in range(2, corpus.max_articles + 1):
        out.append((relations, types, [0, last], m))
    return out[:n]


def bench_app(store_path: str | os.PathLike[str], *, calls: int = CALLS) -> list[Row]:
    """Measure the explorer over a store: start-up, and the server time of filter changes and node clicks.

    The store is copied to a temporary folder first, so measuring never changes it (and the
    machine left to settle after writing the copy: SETTLE_S_PER_GB).

    Args:
        store_path: A corpus store.
        calls: Calls per measured interaction.

    Returns:
        Rows ``(name, value, unit)``: app start-up in seconds; median and 95th percentile
        in milliseconds of a filter change (canvas, panel and URL callbacks) and of a click on
        a node, an edge and an overview's pair edge (selection, canvas, panel and URL
        callbacks); actors and relations drawn.
    """
    from app import create_app
    from ui import callbacks, ids
    from ui.selection import resolve_selection
    from ui.source import CorpusSource
    from ui.state import format_query

    with tempfile.TemporaryDirectory(prefix="newsgraph-perf-") as tmp:
        store = Path(tmp) / "corpus.db"
        shutil.copyfile(store_path, store)
        os.sync()  # the copy's gigabytes written out now, not in the background while clicks are timed
        time.sleep(min(SETTLE_MAX_S, SETTLE_S_PER_GB * store.stat().st_size / 1e9))
        t0 = time.perf_counter()
        source = CorpusSource(store_path=store)
        app = create_app(source=source)
        app.layout()  # the first page
        start = time.perf_counter() - t0
        corpus = source.current()
        rows: list[Row] = [("app start-up (create_app and first page)", round(start, 2), "s"),
                           *[(f"  of which {step}", round(seconds, 2), "s")
                             for step, seconds in corpus.timings.items()],
                           ("actors in the corpus", float(corpus.stats["actors"]), "actors"),
                           ("typed relations in the corpus", float(corpus.stats["relations"]), "relations"),
                           ("display budget", float(corpus.budget), "actors")]
        relations, types = list(corpus.default_relations), list(corpus.entity_types)
        dates = [0, max(len(corpus.months) - 1, 0)]
        view = {"focus": None, "expanded": []}
        drawn = {"key": None}  # the view the canvas shows, as the page's CANVAS_KEY store holds it

        def interaction(selection, r, t, d, m, *, trigger: str, value: Any, previous=None) -> float:
            t0 = time.perf_counter()
            if trigger in ("tapNodeData", "tapEdgeData"):  # what `callbacks.select` decides, without a Dash request
                selection = resolve_selection(ids.CANVAS, trigger, value, previous)[0]
            drawn["key"] = callbacks.update_canvas(r, t, d, m, 1, view, selection, corpus.version, drawn["key"],
                                                   source=source)[2]
            callbacks.update_panel(selection, r, t, d, m, corpus.version, source=source)  # folded, as the app sends it
            # what `callbacks.sync_url` writes after a page change: the URL query of the new state
            format_query({"relations": r, "types": t, "dates": d, "min": m, "hops": 1, "selection": selection,
                          "view": view, "tab": ids.TAB_GRAPH, "doc": None}, corpus.known())
            return (time.perf_counter() - t0) * 1000

        # warm up: the default view as the first page request computes it
        interaction(None, relations, types, dates, 1, trigger="filter", value=None)
        changes = _filter_changes(corpus, calls)
        filter_ms = [interaction(None, r, t, d, m, trigger="filter", value=r) for r, t, d, m in changes]
        central = [n for n, _, _ in corpus.central(corpus.default_filters())]
        nodes = (central + [n for n in corpus.actors.nodes if n not in set(central)])[:calls]
        index = corpus.index  # the strongest typed relations, as a reader picks them from the canvas
        strongest = np.flatnonzero(index.typed)[np.argsort(-index.base_weight[index.typed], kind="stable")]
        drawn_edges = [index.edge_id(int(i)) for i in strongest[:calls]]
        # the overview's pair edges, strongest first, as a reader clicks them on the first view
        first_view = corpus.view(corpus.default_filters(), corpus.view_spec(None), None)
        pairs = [f"{p.source},{p.target}" for p in first_view.pairs[:calls]]
        click_ms: dict[str, list[float]] = {"node": [], "edge": [], "pair": []}
        previous = None
        for kind, ids_ in (("node", nodes), ("edge", drawn_edges), ("pair", pairs)):
            for target in ids_:
                tap = ({"id": f"pair:{target}", "pair": target} if kind == "pair"
                       else {"id": target, "label": corpus.label(target) if kind == "node" else target})
                click_ms[kind].append(interaction(previous, relations, types, dates, 1, value=tap, previous=previous,
                                                  trigger="tapNodeData" if kind == "node" else "tapEdgeData"))
                previous = {"kind": "dyad" if kind == "pair" else kind, "id": target, "via": "tap",
                            "nonce": len(click_ms[kind])}
        for name, values in (("filter change", filter_ms), ("node click", click_ms["node"]),
                             ("edge click", click_ms["edge"]), ("overview pair click", click_ms["pair"])):
            if values:
                rows.append((f"{name}, server time, median of {len(values)}", round(statistics.median(values), 1),
                             "ms"))
                rows.append((f"{name}, server time, p95 of {len(values)}", round(_p95(values), 1), "ms"))
        return rows


def main(argv: list[str] | None = None) -> int:
    """Print the rows of :func:`bench_app` for a store given on the command line."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m cli.perf STORE", file=sys.stderr)
        return 2
    for name, value, unit in bench_app(args[0]):
        print(f"{name:<50} {value:>10g} {unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
