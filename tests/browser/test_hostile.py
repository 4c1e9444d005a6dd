"""Hostile names and articles in headless Chromium: every payload shows as text and none runs.

The store holds one article whose title, outlet, URL, text and actor names carry HTML and
JavaScript payloads (see tests/test_hostile.py); each payload sets ``window.__hit`` if a browser
ever runs it. The page is driven through every place those strings appear (canvas, search,
dossiers, evidence, the article, the stance chart) and the flag must stay unset, the console clean.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from app import create_app
from graph.store import Store
from ui import ids

pytestmark = pytest.mark.browser

TIMEOUT = 20
CY = f"document.getElementById('{ids.CANVAS}')._cyreg.cy"


def _hostile():
    """The hostile fixture of tests/test_hostile.py (loaded by path: two test modules share the name)."""
    path = Path(__file__).resolve().parents[1] / "test_hostile.py"
    spec = importlib.util.spec_from_file_location("hostile_fixture", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


H = _hostile()


@pytest.fixture
def hostile_db(tmp_path) -> Path:
    path = tmp_path / "hostile.db"
    with Store(path) as store:
        store.add([H.hostile_extraction()])
    return path


def start(dash_duo, store: Path) -> None:
    dash_duo._wait_timeout = TIMEOUT
    dash_duo._wd_wait = WebDriverWait(dash_duo.driver, TIMEOUT)
    dash_duo.start_server(create_app(store=store))
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: d.execute_script(
        f"const box = document.getElementById('{ids.CANVAS}');"
        "return !!(box && box._cyreg && box._cyreg.cy && box._cyreg.cy.nodes().length);"))


def hit(dash_duo) -> object:
    return dash_duo.driver.execute_script("return window.__hit;")


def clean_console(dash_duo) -> list:
    return [entry for entry in dash_duo.get_logs() or [] if entry.get("level") in ("SEVERE", "WARNING")]


def select_node(dash_duo, node_id: str) -> None:
    dash_duo.driver.execute_script(f"const cy = {CY}; cy.getElementById(arguments[0]).emit('tap');", node_id)


def panel_text(dash_duo) -> str:
    return dash_duo.find_element(f"#{ids.PANEL}").text


def test_hostile_names_titles_and_sentences_show_as_text_and_never_run(dash_duo, hostile_db):
    start(dash_duo, hostile_db)
    labels = dash_duo.driver.execute_script(f"const cy = {CY}; return cy.nodes().map(n => n.data('label'));")
    assert {H.ACTOR, H.PERSON, H.QUOTED_LABEL} <= set(labels)
    assert H.TITLE in dash_duo.find_element(f"#{ids.PANEL}").text  # the overview lists the latest article

    for node, label in (("hostile-ministry", H.ACTOR), ("hostile-person", H.PERSON), (H.QUOTED_ID, H.QUOTED_LABEL)):
        select_node(dash_duo, node)
        dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", label)
    dash_duo.driver.execute_script(
        f"const cy = {CY}; cy.getElementById(arguments[0]).emit('tap');", "hostile-ministry|criticizes|turkey")
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda _: H.SVG in panel_text(dash_duo))
    text = panel_text(dash_duo)
    assert H.TITLE in text and H.ACTOR in text
    assert not dash_duo.driver.find_elements("css selector", f"#{ids.PANEL} script, #{ids.PANEL} img, "
                                                             f"#{ids.PANEL} svg[onload], #{ids.PANEL} iframe")
    assert not [a for a in dash_duo.driver.find_elements("css selector", "a[href]")
                if a.get_attribute("href").lower().startswith("javascript:")]

    tab = next(t for t in dash_duo.find_elements(f"#{ids.TABS} .tab") if t.text == "Articles")
    tab.click()
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda _: H.TITLE in dash_duo.find_element(f"#{ids.ARTICLE_LIST}").text)
    dash_duo.find_element(f"#{ids.ARTICLE_LIST} .article-link").click()
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda _: H.FORMULA in dash_duo.find_element(f"#{ids.ARTICLE_VIEW}").text)
    assert H.SVG in dash_duo.find_element(f"#{ids.ARTICLE_VIEW}").text

    assert hit(dash_duo) is None, "a payload ran"
    assert clean_console(dash_duo) == []


def test_hostile_names_in_the_stance_chart_show_as_text_and_never_run(dash_duo, hostile_db):
    """Plotly reads the tags it knows in labels (``<b>``, ``<a href>``...): unescaped, a name holding
    them is shown formatted, not as written. Needs ui/figures.py to escape labels (see the report)."""
    start(dash_duo, hostile_db)
    tab = next(t for t in dash_duo.find_elements(f"#{ids.TABS} .tab") if t.text == "Stance")
    tab.click()
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda d: len(d.find_elements("css selector", f"#{ids.STANCE_GRAPH} .xtick text")) >= 2)
    ticks = [t.text for t in dash_duo.driver.find_elements("css selector", f"#{ids.STANCE_GRAPH} .xtick text")]
    assert hit(dash_duo) is None, "a payload ran"
    assert clean_console(dash_duo) == []
    assert any(t.startswith("<script>") for t in ticks) and any(t.startswith("<img") for t in ticks), ticks
    # Plotly drops the tags it knows (b, i, a, br, span...) and formats with them; escaped, they show
    assert any(t.startswith('Quoted "><b>actor') for t in ticks), ticks
