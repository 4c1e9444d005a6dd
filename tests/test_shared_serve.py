"""Two `newsgraph serve` processes on one PostgreSQL store: each sees the other's curation after
its next refresh, and nothing is lost when both write at once.

Real processes, a real PostgreSQL server (from .ci/run), requests over loopback HTTP as the
page sends them (`tests.test_load` builds the callback bodies).
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from graph.store import Store
from tests import test_load as page
from tests.conftest import free_port
from ui import ids

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 90
REQUEST_TIMEOUT_S = 30


def _layout_value(base: str, component: str, prop: str):
    """A property of a component in the page the server hands out now (the layout is made per request)."""
    found = []

    def visit(node):
        if isinstance(node, list):
            for child in node:
                visit(child)
        elif isinstance(node, dict) and "props" in node:
            if node["props"].get("id") == component:
                found.append(node["props"].get(prop))
            for value in node["props"].values():
                visit(value)
    visit(requests.get(f"{base}/_dash-layout", timeout=REQUEST_TIMEOUT_S).json())
    assert len(found) == 1, f"{component} not in the page"
    return found[0]


@pytest.fixture
def two_servers(pg_url, seed_corpus):
    """Two explorers on one PostgreSQL store of the seeds (writes open to loopback), and the store's URL."""
    with Store(seed_corpus, create=False) as local, Store(pg_url) as shared:
        shared.add(local.extractions(), origins={d.id: path for d, path in local.documents()})
    procs, bases = [], []
    try:
        for _ in range(2):
            port = free_port()
            procs.append(subprocess.Popen([sys.executable, "-m", "cli", "serve", "--db", pg_url, "--port", str(port),
                                           "--no-secret"], cwd=ROOT, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE, text=True))
            bases.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + START_TIMEOUT_S
        for proc, base in zip(procs, bases):
            while True:
                assert proc.poll() is None, f"serve exited: {proc.stderr.read()}"
                assert time.monotonic() < deadline, "serve did not answer in time"
                try:
                    if requests.get(f"{base}/_dash-layout", timeout=5).ok:
                        break
                except requests.ConnectionError:
                    pass
                time.sleep(0.3)
        yield bases, pg_url
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _merge(base: str, keep: str, drop: str) -> dict:
    deps = requests.get(f"{base}/_dash-dependencies", timeout=REQUEST_TIMEOUT_S).json()
    curate = page._find(deps, f"{ids.VERSION_STORE}.data", f"{ids.MERGE_BUTTON}.n_clicks")
    values = {(ids.MERGE_BUTTON, "n_clicks"): 1, (ids.MERGE_KEEP, "value"): keep, (ids.MERGE_DROP, "value"): drop}
    response = requests.post(f"{base}/_dash-update-component", timeout=REQUEST_TIMEOUT_S,
                             json=page.body(curate, values, [f"{ids.MERGE_BUTTON}.n_clicks"]))
    assert response.status_code == 200, response.text
    return response.json()


def _curation_log_text(base: str, version: str) -> str:
    deps = requests.get(f"{base}/_dash-dependencies", timeout=REQUEST_TIMEOUT_S).json()
    gate = ids.TAB_GATE + ids.TAB_CURATION  # the tab's gate wakes its callback once the tab is open
    log = page._find(deps, f"{ids.CURATION_LOG}.children", f"{gate}.data")
    values = {(gate, "data"): 1, (ids.TABS, "value"): ids.TAB_CURATION, (ids.VERSION_STORE, "data"): version}
    response = requests.post(f"{base}/_dash-update-component", timeout=REQUEST_TIMEOUT_S,
                             json=page.body(log, values, [f"{gate}.data"]))
    assert response.status_code == 200, response.text
    return json.dumps(response.json())


def _wait_for_version(base: str, ending: str) -> str:
    deadline = time.monotonic() + 20
    while True:
        version = _layout_value(base, ids.VERSION_STORE, "data")
        if version.endswith(ending) or time.monotonic() > deadline:
            return version
        time.sleep(0.2)


def test_two_serve_processes_see_each_others_curation_and_lose_nothing_writing_at_once(two_servers):
    (a, b), url = two_servers
    with Store(url) as store:
        g = store.graph()
    actors = sorted(g.nodes, key=lambda n: (-int(g.nodes[n].get("mentions") or 0), n))
    assert _layout_value(a, ids.VERSION_STORE, "data") == _layout_value(b, ids.VERSION_STORE, "data")

    # one writes, the other sees it after its next refresh
    _merge(a, actors[0], actors[5])
    seen = _wait_for_version(b, "-l1")
    assert seen.endswith("-l1"), f"the other server still shows {seen}"
    deadline = time.monotonic() + 20
    while g.nodes[actors[5]]["label"] not in _curation_log_text(b, seen):
        assert time.monotonic() < deadline, "the other server's curation log does not list the merge"
        time.sleep(0.2)

    # both write at the same moment: both actions are kept, and each server shows both
    threads = [threading.Thread(target=_merge, args=args) for args in ((a, actors[1], actors[6]),
                                                                       (b, actors[2], actors[7]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with Store(url) as store:
        log = store.curation_log()
    assert [entry["drop"] for entry in log[:1]] == [actors[5]]
    assert sorted(entry["drop"] for entry in log[1:]) == sorted([actors[6], actors[7]])
    for base in (a, b):
        version = _wait_for_version(base, "-l3")
        assert version.endswith("-l3"), f"{base} shows {version}"
        # each server runs two processes: the one answering next may read the store a moment later
        deadline = time.monotonic() + 20
        while not all(g.nodes[n]["label"] in (text := _curation_log_text(base, version))
                      for n in (actors[5], actors[6], actors[7])):
            assert time.monotonic() < deadline, f"{base} still lists {text[:500]}"
            time.sleep(0.2)
