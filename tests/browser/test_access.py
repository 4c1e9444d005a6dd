"""Permission to write in headless Chromium: without the secret the write controls are disabled and a
crafted write is refused; with it a write works; a foreign Host or Origin is refused."""
from __future__ import annotations

import requests
import pytest
from selenium.webdriver.support.ui import WebDriverWait

from app import create_app
from graph.store import Store
from ui import ids
from ui.access import Access

pytestmark = pytest.mark.browser

TIMEOUT = 20
SECRET = "a-long-shared-secret-for-the-test"
CY = f"document.getElementById('{ids.CANVAS}')._cyreg.cy"
# What a visitor (or a page script) can do without the controls: set the merge form and press the button
CRAFTED_MERGE = ("dash_clientside.set_props(arguments[0], {value: 'united-states'});"
                 "dash_clientside.set_props(arguments[1], {value: 'pentagon'});"
                 "dash_clientside.set_props(arguments[2], {n_clicks: 7});")


def _wait_for_canvas(dash_duo) -> None:
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: d.execute_script(
        f"const box = document.getElementById('{ids.CANVAS}');"
        "return !!(box && box._cyreg && box._cyreg.cy && box._cyreg.cy.nodes().length);"))


def _log(store) -> list:
    with Store(store, create=False) as s:
        return s.curation_log()


def _status(dash_duo) -> str:
    return dash_duo.find_element(f"#{ids.STATUS}").text


def _open_curation_tab(dash_duo) -> None:
    next(t for t in dash_duo.find_elements(f"#{ids.TABS} .tab") if t.text == "Curation log").click()
    dash_duo.wait_for_element(f"#{ids.MERGE_BUTTON}")


def test_writes_need_the_secret_and_a_foreign_host_or_origin_is_refused(dash_duo, seed_store_copy):
    dash_duo._wait_timeout = TIMEOUT
    dash_duo._wd_wait = WebDriverWait(dash_duo.driver, TIMEOUT)
    dash_duo.start_server(create_app(store=seed_store_copy, access=Access(secret=SECRET)))
    _wait_for_canvas(dash_duo)

    # without the secret: the controls are off, and a write sent anyway is refused on the server
    _open_curation_tab(dash_duo)
    assert dash_duo.find_element(f"#{ids.MERGE_BUTTON}").get_attribute("disabled") is not None
    assert dash_duo.find_element(f"#{ids.UNDO_BUTTON}").get_attribute("disabled") is not None
    dash_duo.driver.execute_script(CRAFTED_MERGE, ids.MERGE_KEEP, ids.MERGE_DROP, ids.MERGE_BUTTON)
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda _: "needs the secret" in _status(dash_duo))
    assert _log(seed_store_copy) == []

    # with the secret (the link printed at start): the controls are on and the same write is kept
    dash_duo.driver.get(f"{dash_duo.server_url}/?token={SECRET}")
    _wait_for_canvas(dash_duo)
    assert "token" not in dash_duo.driver.current_url
    _open_curation_tab(dash_duo)
    assert dash_duo.find_element(f"#{ids.MERGE_BUTTON}").get_attribute("disabled") is None
    dash_duo.driver.execute_script(CRAFTED_MERGE, ids.MERGE_KEEP, ids.MERGE_DROP, ids.MERGE_BUTTON)
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda _: _status(dash_duo).startswith("Merged"))
    assert [a["op"] for a in _log(seed_store_copy)] == ["merge"]
    assert dash_duo.driver.execute_script("return document.cookie;") == ""  # HTTP-only: no script reads it
    assert [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"] == []  # the CSP lets Dash run

    # a DNS-rebinding page names a foreign Host; a cross-site form or fetch sends a foreign Origin
    url = dash_duo.server_url
    assert requests.get(url, headers={"Host": "attacker.example"}, timeout=10).status_code == 403
    cookie = {"newsgraph_write": Access(secret=SECRET).cookie_value()}
    crafted = requests.post(f"{url}/_dash-update-component", json={"output": "x.y", "inputs": []}, cookies=cookie,
                            headers={"Origin": "http://attacker.example"}, timeout=10)
    assert crafted.status_code == 403
    assert [a["op"] for a in _log(seed_store_copy)] == ["merge"]
