"""The explorer in headless Chromium, driven as a person would, with a clean console."""
from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from app import create_app
from ui import ids

pytestmark = pytest.mark.browser

# dash-cytoscape mounts cytoscape.js on the element carrying the component id; cytoscape
# registers its core there as `_cyreg.cy`.
CY = f"document.getElementById('{ids.CANVAS}')._cyreg.cy"
TIMEOUT = 10


def start(dash_duo, data):
    dash_duo.start_server(create_app(data))
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: d.execute_script(
        f"const box = document.getElementById('{ids.CANVAS}');"
        "return !!(box && box._cyreg && box._cyreg.cy && box._cyreg.cy.nodes().length);"))


def cy(dash_duo, expression, *args):
    return dash_duo.driver.execute_script(f"const cy = {CY}; return {expression};", *args)


def canvas_relations(dash_duo):
    return cy(dash_duo, "cy.edges().map(e => e.data('relation'))")


def wait_until(dash_duo, predicate, message):
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda _: predicate(), message)


def test_page_opens_on_the_graph_without_weak_edges_and_with_a_clean_console(dash_duo, sample_graph):
    start(dash_duo, sample_graph)

    node_ids = set(cy(dash_duo, "cy.nodes().map(n => n.id())"))
    relations = canvas_relations(dash_duo)
    assert {"united-states", "turkey", "russia", "syria"} <= node_ids
    assert relations and "co_mentioned" not in relations
    dangling = cy(dash_duo, "cy.edges().filter(e => e.source().empty() || e.target().empty()).length")
    assert dangling == 0
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", "Explore the graph")
    assert dash_duo.get_logs() == []


def test_searching_an_actor_shows_its_dossier_and_focuses_it(dash_duo, sample_graph):
    start(dash_duo, sample_graph)

    dash_duo.select_dcc_dropdown(f"#{ids.SEARCH}", value="Turkey")

    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", "Turkey")
    sentences = dash_duo.find_elements(f"#{ids.PANEL} .evidence .evidence-sentence")
    assert sentences and all(s.get_attribute("textContent").strip() for s in sentences)
    assert any(s.is_displayed() for s in sentences)
    assert dash_duo.find_elements(f"#{ids.PANEL} .evidence mark.hl-trigger")
    # the neighbourhood stays bright, the rest fades
    wait_until(dash_duo, lambda: float(cy(dash_duo, "cy.getElementById('vladimir-putin').style('opacity')")) < 0.5,
               "actors unrelated to Turkey should fade")
    assert float(cy(dash_duo, "cy.getElementById('russia').style('opacity')")) == 1
    assert dash_duo.get_logs() == []


def test_search_finds_an_actor_by_alias(dash_duo, sample_graph):
    start(dash_duo, sample_graph)

    dash_duo.find_element(f"#{ids.SEARCH}").click()
    dash_duo.find_element("input.dash-dropdown-search").send_keys("Ankara")

    wait_until(dash_duo, lambda: [o.text for o in dash_duo.find_elements(".dash-dropdown-option")] == ["Turkey"],
               "searching an alias should offer its actor")
    dash_duo.find_element(".dash-dropdown-option").click()
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", "Turkey")
    assert dash_duo.get_logs() == []


CENTRED = ("(() => { const b = cy.getElementById(arguments[0]).closedNeighborhood().renderedBoundingBox();"
           " return Math.abs((b.x1 + b.x2) / 2 - cy.width() / 2) < 5"
           " && Math.abs((b.y1 + b.y2) / 2 - cy.height() / 2) < 5; })()")
EVERYTHING_IN_VIEW = ("(() => { const b = cy.elements().renderedBoundingBox();"
                      " return b.x1 >= -1 && b.y1 >= -1 && b.x2 <= cy.width() + 1 && b.y2 <= cy.height() + 1; })()")


def test_search_centres_the_actor_and_fit_shows_everything_again(dash_duo, sample_graph):
    start(dash_duo, sample_graph)
    assert cy(dash_duo, EVERYTHING_IN_VIEW)
    assert not cy(dash_duo, CENTRED, "idlib")

    dash_duo.select_dcc_dropdown(f"#{ids.SEARCH}", value="Idlib")

    wait_until(dash_duo, lambda: cy(dash_duo, f"!cy.animated() && {CENTRED}", "idlib"),
               "the view should centre on Idlib")
    dash_duo.find_element(f"#{ids.FIT_BUTTON}").click()
    wait_until(dash_duo, lambda: cy(dash_duo, EVERYTHING_IN_VIEW), "Fit should show every element")
    assert dash_duo.get_logs() == []


def test_tapping_an_edge_shows_every_evidence_sentence(dash_duo, sample_graph):
    start(dash_duo, sample_graph)
    edge = "united-states|supports|turkey"

    cy(dash_duo, "(cy.getElementById(arguments[0]).emit('tap'), null)", edge)

    dash_duo.wait_for_element(f"#{ids.PANEL} .edge-dossier")
    sentences = [e.text for e in dash_duo.find_elements(f"#{ids.PANEL} .evidence .evidence-sentence")]
    expected = next(e for e in sample_graph["edges"] if e["source"] == "united-states"
                    and e["relation"] == "supports" and e["target"] == "turkey")["evidence"]
    assert sorted(sentences) == sorted(ev["sentence"].strip() for ev in expected)
    assert "US backs Turkish invasion of Idlib in Syria." in sentences
    assert dash_duo.get_logs() == []


def test_tapping_a_node_then_following_a_panel_link(dash_duo, sample_graph):
    start(dash_duo, sample_graph)

    cy(dash_duo, "(cy.getElementById('syria').emit('tap'), null)")
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", "Syria")
    link = dash_duo.find_element(f"#{ids.PANEL} .relation-group[data-relation='attacks'] .node-link")
    assert link.text == "Turkey"
    link.click()

    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", "Turkey")
    assert dash_duo.get_logs() == []


def test_unticking_a_relation_type_removes_its_edges_from_the_canvas(dash_duo, sample_graph):
    start(dash_duo, sample_graph)
    before = canvas_relations(dash_duo)
    assert "opposes" in before

    dash_duo.find_element(f"#{ids.RELATION_FILTER} input[value='opposes']").click()

    wait_until(dash_duo, lambda: "opposes" not in canvas_relations(dash_duo), "opposes edges still drawn")
    after = canvas_relations(dash_duo)
    assert set(after) == set(before) - {"opposes"}
    assert dash_duo.get_logs() == []


def test_ticking_co_mentioned_adds_the_weak_edges(dash_duo, sample_graph):
    start(dash_duo, sample_graph)

    dash_duo.find_element(f"#{ids.RELATION_FILTER} input[value='co_mentioned']").click()

    wait_until(dash_duo, lambda: "co_mentioned" in canvas_relations(dash_duo), "co_mentioned edges missing")
    assert dash_duo.get_logs() == []
