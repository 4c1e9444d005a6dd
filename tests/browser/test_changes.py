"""What changed and who disagrees, in headless Chromium: the Disputes and Outlets tabs, "new since", and a
watched folder feeding an open page. Each on a store of the corpora in tests/data/agreement, with a clean console.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.browser.test_explorer import TIMEOUT, cy, open_tab, start, wait_until
from ui import ids

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "agreement"


@pytest.fixture(scope="module")
def agreement_corpus(nlp, tmp_path_factory) -> Path:
    from graph.pipeline import ingest_paths
    from graph.store import Store

    path = tmp_path_factory.mktemp("agreement") / "agreement.db"
    with Store(path) as store:
        assert not ingest_paths(store, [CORPUS], nlp=nlp).errors
    return path


@pytest.fixture
def agreement_store(agreement_corpus, tmp_path) -> Path:
    target = tmp_path / "agreement.db"
    shutil.copyfile(agreement_corpus, target)
    return target


def _texts(dash_duo, selector):
    return [e.text for e in dash_duo.find_elements(selector)]


def test_the_disputes_tab_sets_both_sides_side_by_side_and_the_filter_keeps_only_contested(dash_duo, agreement_store):
    start(dash_duo, store=agreement_store)
    contested = set(cy(dash_duo, "cy.edges('.contested').map(e => e.id())"))
    assert contested == {"ghana|cooperates|togo", "ghana|supports|togo", "ghana|criticizes|togo"}

    open_tab(dash_duo, "Disputes")
    dash_duo.wait_for_element(f"#{ids.DISPUTES_LIST} .dispute", timeout=TIMEOUT)
    cards = dash_duo.find_elements(f"#{ids.DISPUTES_LIST} .dispute")
    assert len(cards) == 2
    first = cards[0]
    assert "Ghana" in first.text and "cooperates" in first.text and "asserted and denied" in first.text
    said, denied = first.find_elements("css selector", ".dispute-side")
    assert "Accra Ledger" in said.text and "Gold Coast Times" in said.text and "did not sign" not in said.text
    assert "Lome Courier" in denied.text and "did not sign" in denied.text
    assert said.location["y"] == denied.location["y"]  # side by side
    assert "cooperation and conflict" in cards[1].text and "2026-03" in cards[1].text

    dash_duo.find_element(f"#{ids.CONTESTED_FILTER} input").click()
    wait_until(dash_duo, lambda: "kenya|supplies|malawi" not in cy(dash_duo, "cy.edges().map(e => e.id())"),
               "the canvas to keep only contested relations")
    assert set(cy(dash_duo, "cy.edges().map(e => e.id())")) == contested
    assert "chile" not in cy(dash_duo, "cy.nodes().map(n => n.id())")
    assert dash_duo.get_logs() == []


def test_the_outlets_tab_charts_each_outlets_stance_and_lists_what_one_outlet_carries(dash_duo, agreement_store):
    start(dash_duo, store=agreement_store)
    open_tab(dash_duo, "Outlets")
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        f"const g = document.querySelector('#{ids.OUTLETS_GRAPH} .js-plotly-plot');"
        "return !!(g && g.data && g.data.length && g.data[0].type === 'heatmap');"), "the outlet chart")
    rows = dash_duo.driver.execute_script(
        f"return document.querySelector('#{ids.OUTLETS_GRAPH} .js-plotly-plot').data[0].y;")
    assert {"Accra Ledger", "Lome Courier", "Nairobi Daily"} <= set(rows)

    dash_duo.select_dcc_dropdown(f"#{ids.OUTLET_PICK}", value="Lome Courier (2)")
    dash_duo.wait_for_contains_text(f"#{ids.OUTLET_RELATIONS}", "denies it", timeout=TIMEOUT)
    items = _texts(dash_duo, f"#{ids.OUTLET_RELATIONS} .outlet-relation")
    assert len(items) == 2
    assert all("contested" in item for item in items)
    assert not any("supports" in item for item in items)  # Accra's claim of support is not Lome's
    assert dash_duo.get_logs() == []


def test_new_since_a_date_lists_and_highlights_what_appeared_after_it(dash_duo, agreement_store):
    start(dash_duo, store=agreement_store)
    open_tab(dash_duo, "What's new")
    dash_duo.select_dcc_dropdown(f"#{ids.NEW_SINCE}", value="2026-04-03")
    dash_duo.wait_for_element(f"#{ids.NEW_LIST} .new-relation", timeout=TIMEOUT)
    items = _texts(dash_duo, f"#{ids.NEW_LIST} .new-relation")
    assert len(items) == 1 and "Chile" in items[0] and "criticizes" in items[0] and "condemned" in items[0]
    wait_until(dash_duo, lambda: cy(dash_duo, "cy.edges('.is-new').map(e => e.id())") == ["chile|criticizes|bolivia"],
               "the new relation to glow on the canvas")
    dash_duo.select_dcc_dropdown(f"#{ids.NEW_SINCE}", value="2026-03-09")
    wait_until(dash_duo, lambda: set(cy(dash_duo, "cy.edges('.is-new').map(e => e.id())")) == {
        "chile|criticizes|bolivia", "kenya|supplies|malawi"}, "the wire story to glow too")
    assert dash_duo.get_logs() == []


def test_a_watched_folder_feeds_the_open_page_and_the_next_visit_sees_what_is_new(dash_duo, agreement_store, tmp_path,
                                                                                 monkeypatch):
    monkeypatch.setattr("ui.layout.VERSION_POLL_MS", 1000)  # the page asks every 30 s; a test cannot wait so long
    start(dash_duo, store=agreement_store)
    open_tab(dash_duo, "What's new")
    dash_duo.find_element(f"#{ids.NEW_SINCE}").click()
    dash_duo.wait_for_contains_text(".dash-dropdown-options", "my last visit (this is the first)", timeout=TIMEOUT)
    dash_duo.find_element(f"#{ids.NEW_SINCE}").click()

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "ingest", str(inbox), "--db", str(agreement_store),
                             "--watch", "--poll", "0.2", "--settle", "0.5"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True).start()
    try:
        wait_until(dash_duo, lambda: any(line.startswith("watching") for line in lines), "the watch to start")
        (inbox / "peru.json").write_text(json.dumps({
            "title": "Peru and Ecuador sign a trade pact", "outlet": "Quito Post", "date": "2026-06-02",
            "text": "Peru signed a trade agreement with Ecuador on Friday."}), encoding="utf-8")
        dash_duo.wait_for_text_to_equal(f"#{ids.NEWER_NOTICE} a", "1 new article — refresh", timeout=60)
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0

    # a later visit: the tab's session ends, the page opens again
    dash_duo.driver.execute_script("window.sessionStorage.clear();")
    # the notice is drawn again at every poll: found and clicked in one step, never a stale element
    dash_duo.driver.execute_script(f"document.querySelector('#{ids.NEWER_NOTICE} a').click();")
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        f"const b = document.getElementById('{ids.CANVAS}'); return !!(b && b._cyreg && b._cyreg.cy && "
        "b._cyreg.cy.getElementById('peru|cooperates|ecuador').length);"), "the new relation on the canvas")
    open_tab(dash_duo, "What's new")
    dash_duo.find_element(f"#{ids.NEW_SINCE}").click()
    option = next(o for o in dash_duo.find_elements(".dash-dropdown-option") if o.text.startswith("my last visit ("))
    assert "UTC" in option.text
    option.click()
    dash_duo.wait_for_element(f"#{ids.NEW_LIST} .new-relation", timeout=TIMEOUT)
    items = _texts(dash_duo, f"#{ids.NEW_LIST} .new-relation")
    assert len(items) == 1 and "Peru" in items[0] and "Ecuador" in items[0]
    wait_until(dash_duo, lambda: cy(dash_duo, "cy.edges('.is-new').map(e => e.id())") == ["peru|cooperates|ecuador"],
               "the relation new since the last visit to glow")
    assert dash_duo.get_logs() == []
