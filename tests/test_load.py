"""Load: a burst of concurrent sessions against a real server on 127.0.0.1 gets right, unmixed answers.

The explorer runs in its own process (a threaded WSGI server over a copy of the seed corpus
store, bound to 127.0.0.1 on a free port). Eight clients send 25 requests each at once: page
loads, the layout and dependency map, and callback POSTs built from the app's own
`/_dash-dependencies` (filters, node taps, panels, uploads). Every answer must be 200 and right
for the client that asked: a canvas never holds an edge of the relation that client unticked,
a panel is the dossier of that client's actor, an upload adds that client's article. The
figures (requests, errors, time, p50/p95) are printed; speed is not asserted. Meanwhile another
writer adds articles to the same store through its own connection, as `newsgraph ingest` would.
"""
from __future__ import annotations

import base64
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import pytest
import requests

from cli.dash_page import texts_with_class
from graph.store import Store
from tests.helpers import turkey_criticizes_russia
from ui.source import CorpusSource

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 8
REQUESTS_PER_CLIENT = 25
REQUEST_TIMEOUT_S = 120
BURST_TIMEOUT_S = 600  # the whole burst; a guard against a hung server, not a speed target
OUTSIDE_WRITES = 20  # articles another program (say `newsgraph ingest --db`) adds to the store meanwhile
SEQUENCE = ["page", "layout", "dependencies", *(["canvas", "panel", "tap", "panel", "canvas"] * 4), "upload", "upload"]
assert len(SEQUENCE) == REQUESTS_PER_CLIENT

SERVER = """
import sys
import spacy
from werkzeug.serving import make_server
from app import create_app

nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": s} for s in ("Turkey", "Russia", "Syria")])
app = create_app(store=sys.argv[1], nlp=nlp)
server = make_server("127.0.0.1", 0, app.server, threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""


@pytest.fixture
def server(seed_store_copy, tmp_path):
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(seed_store_copy)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=log, text=True)
    try:
        port = int(proc.stdout.readline().strip() or 0)
        assert port, (tmp_path / "server.log").read_text()[-3000:]
        yield f"http://127.0.0.1:{port}", seed_store_copy, tmp_path / "server.log"
    finally:
        proc.kill()
        proc.wait(timeout=30)
        log.close()


# --------------------------------------------------------------------------- callback bodies


def _outputs(output: str) -> list[dict] | dict:
    """The `outputs` field the renderer sends for an output string ("id.prop" or "..a.p...b.q..")."""
    if not output.startswith(".."):
        cid, _, prop = output.rpartition(".")
        return {"id": cid, "property": prop}
    parts = output[2:-2].split("...")
    return [{"id": p.rpartition(".")[0], "property": p.rpartition(".")[2]} for p in parts]


def body(dep: dict, values: dict[tuple[str, str], Any], changed: list[str]) -> dict:
    """A `/_dash-update-component` request for one callback, as the page would send it.

    Inputs and states take their value from `values` by (id, property); pattern-matching
    ones (ALL) match no component here, so they are empty lists.
    """
    def item(spec):
        if spec["id"].startswith("{"):
            return []
        return {"id": spec["id"], "property": spec["property"], "value": values.get((spec["id"], spec["property"]))}
    return {"output": dep["output"], "outputs": _outputs(dep["output"]), "inputs": [item(s) for s in dep["inputs"]],
            "state": [item(s) for s in dep.get("state", [])], "changedPropIds": changed}


def _find(deps: list[dict], output_part: str, input_part: str | None = None) -> dict:
    for dep in deps:
        inputs = [f"{i['id']}.{i['property']}" for i in dep["inputs"]]
        if output_part in dep["output"] and (input_part is None or input_part in inputs):
            return dep
    raise AssertionError(f"no callback writes {output_part} from {input_part}")


# --------------------------------------------------------------------------- the burst


def _write_outside(store_path: Path, stop: threading.Event) -> None:
    for i in range(OUTSIDE_WRITES):
        with Store(store_path) as store:
            store.add([turkey_criticizes_russia(f"outside{i:03d}", f"Outside {i}", f"in outside report {i}")])
        stop.wait(0.05)


def test_concurrent_sessions_get_correct_unmixed_answers(server):
    base, store_path, log = server
    corpus = CorpusSource(store_path=store_path).current()
    with Store(store_path) as store:
        stored_before = store.counts()["documents"]
    deps = requests.get(f"{base}/_dash-dependencies", timeout=REQUEST_TIMEOUT_S).json()
    canvas_cb = _find(deps, "graph-canvas.elements")
    panel_cb = _find(deps, "detail-panel.children")
    tap_cb = _find(deps, "selection-store.data", "graph-canvas.tapNodeData")
    upload_cb = _find(deps, "upload-report.children", "upload-queue.data")
    progress_cb = _find(deps, "upload-report.children", "upload-poll.n_intervals")
    typed = [r for r in corpus.default_relations]
    actors = sorted(corpus.graph.nodes, key=lambda n: -int(corpus.graph.nodes[n].get("mentions") or 0))[:CLIENTS]
    assert len(typed) >= 2 and len(actors) == CLIENTS

    def client(i: int) -> list[tuple[str, float, str | None]]:
        """One session: its own unticked relation and actor; returns (kind, seconds, problem)."""
        unticked, actor = typed[i % len(typed)], actors[i]
        values = {
            ("relation-filter", "value"): [r for r in typed if r != unticked],
            ("entity-filter", "value"): list(corpus.entity_types),
            ("date-slider", "value"): [0, max(len(corpus.months) - 1, 0)],
            ("min-articles", "value"): 1, ("hops-slider", "value"): 1,
            ("view-store", "data"): {"focus": None, "expanded": []},
            ("selection-store", "data"): {"kind": "node", "id": actor, "via": "tap", "nonce": 1},
            ("side-tabs", "value"): "graph",
            ("graph-canvas", "tapNodeData"): {"id": actor, "label": corpus.label(actor)},
        }
        session = requests.Session()
        results = []
        for n, kind in enumerate(SEQUENCE):
            started = time.perf_counter()
            problem = None
            try:
                if kind == "page":
                    r = session.get(f"{base}/", timeout=REQUEST_TIMEOUT_S)
                    ok = r.status_code == 200 and 'id="react-entry-point"' in r.text
                elif kind == "layout":
                    r = session.get(f"{base}/_dash-layout", timeout=REQUEST_TIMEOUT_S)
                    ok = r.status_code == 200 and '"graph-canvas"' in r.text and '"detail-panel"' in r.text
                elif kind == "dependencies":
                    r = session.get(f"{base}/_dash-dependencies", timeout=REQUEST_TIMEOUT_S)
                    ok = r.status_code == 200 and {d["output"] for d in r.json()} == {d["output"] for d in deps}
                elif kind == "canvas":
                    r = session.post(f"{base}/_dash-update-component", timeout=REQUEST_TIMEOUT_S,
                                     json=body(canvas_cb, values, ["relation-filter.value"]))
                    elements = r.json()["response"]["graph-canvas"]["elements"] if r.status_code == 200 else []
                    ids = {e["data"]["id"] for e in elements if e["group"] == "nodes"}
                    edges = [e["data"] for e in elements if e["group"] == "edges"]
                    ok = (r.status_code == 200 and elements and all(e["relation"] != unticked for e in edges)
                          and all(e["source"] in ids and e["target"] in ids for e in edges))
                elif kind == "panel":
                    r = session.post(f"{base}/_dash-update-component", timeout=REQUEST_TIMEOUT_S,
                                     json=body(panel_cb, values, ["selection-store.data"]))
                    panel = r.json()["response"]["detail-panel"]["children"] if r.status_code == 200 else None
                    ok = r.status_code == 200 and texts_with_class(panel, "panel-title")[:1] == [corpus.label(actor)]
                elif kind == "tap":
                    r = session.post(f"{base}/_dash-update-component", timeout=REQUEST_TIMEOUT_S,
                                     json=body(tap_cb, values, ["graph-canvas.tapNodeData"]))
                    selection = r.json()["response"]["selection-store"]["data"] if r.status_code == 200 else {}
                    ok = r.status_code == 200 and (selection["kind"], selection["id"]) == ("node", actor)
                elif kind == "upload":
                    text = f"Upload {i}-{n}\n\nTurkey criticized Russia over the talks held on day {i * 100 + n}."
                    # what the page's size check hands on to the server
                    values[("upload-queue", "data")] = {
                        "contents": ["data:text/plain;base64," + base64.b64encode(text.encode()).decode()],
                        "filenames": [f"client{i}-{n}.txt"]}
                    r = session.post(f"{base}/_dash-update-component", timeout=REQUEST_TIMEOUT_S,
                                     json=body(upload_cb, values, ["upload-queue.data"]))
                    response = r.json()["response"] if r.status_code == 200 else {}
                    ok = r.status_code == 200 and response.get("status", {}).get("children") == "Upload queued: 1 file."
                    # the batch is parsed off the request thread: poll its job as the page's interval does
                    values[("upload-job", "data")] = response.get("upload-job", {}).get("data")
                    deadline = time.monotonic() + REQUEST_TIMEOUT_S
                    while ok and time.monotonic() < deadline:
                        r = session.post(f"{base}/_dash-update-component", timeout=REQUEST_TIMEOUT_S,
                                         json=body(progress_cb, values, ["upload-poll.n_intervals"]))
                        response = r.json()["response"] if r.status_code == 200 else {}
                        if r.status_code != 200 or response.get("upload-poll", {}).get("disabled"):
                            break
                        time.sleep(0.1)
                    ok = ok and r.status_code == 200 and any(
                        v.get("children") == "Added 1 article." for k, v in response.items() if k.startswith("status"))
                else:
                    raise AssertionError(kind)
                if not ok:
                    problem = f"{kind}: HTTP {r.status_code} {r.text[:300]}"
            except Exception as exc:  # a failed request is counted and described, not raised mid-burst
                problem = f"{kind}: {type(exc).__name__}: {exc}"
            results.append((kind, time.perf_counter() - started, problem))
        return results

    started = time.perf_counter()
    outcomes: list[tuple[str, float, str | None]] = []
    stop = threading.Event()
    writer = threading.Thread(target=_write_outside, args=(store_path, stop))
    writer.start()
    try:
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            futures = [pool.submit(client, i) for i in range(CLIENTS)]
            for future in as_completed(futures, timeout=BURST_TIMEOUT_S):
                outcomes.extend(future.result())
    finally:
        stop.set()
        writer.join(timeout=60)
    total = time.perf_counter() - started

    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, seconds, _ in outcomes:
        by_kind[kind].append(seconds)
    latencies = sorted(s for _, s, _ in outcomes)
    problems = [p for _, _, p in outcomes if p]

    def p95(values):
        return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]

    print(f"\nload: {len(outcomes)} requests from {CLIENTS} concurrent clients in {total:.1f} s; "
          f"{len(problems)} errors; p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {p95(latencies) * 1000:.0f} ms")
    for kind, values in sorted(by_kind.items()):
        values.sort()
        print(f"  {kind:<13}{len(values):>4} requests  p50 {statistics.median(values) * 1000:>6.0f} ms  "
              f"p95 {p95(values) * 1000:>6.0f} ms")
    assert len(outcomes) == CLIENTS * REQUESTS_PER_CLIENT
    errors_logged = [line for line in log.read_text().splitlines() if "Error" in line and "HTTP/1.1" not in line]
    assert problems == [], (problems[:5], errors_logged[:10])
    uploads = SEQUENCE.count("upload") * CLIENTS
    with Store(store_path) as store:
        assert store.counts()["documents"] == stored_before + uploads + OUTSIDE_WRITES
        assert not store.check()
        titles = {x.document.title for x in store.extractions()}
    assert {f"Upload {i}-{n}" for i in range(CLIENTS) for n, k in enumerate(SEQUENCE) if k == "upload"} <= titles
