"""The explorer in headless Chromium, driven as a person would, with a clean console.

Read-only views run on the hand-made fixture graph; what writes (curation, uploads) runs on
a private copy of a seed corpus store built once per session in a temporary folder.
"""
from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from app import create_app
from graph.store import Store
from ui import ids

pytestmark = pytest.mark.browser

# dash-cytoscape mounts cytoscape.js on the element carrying the component id; cytoscape
# registers its core there as `_cyreg.cy`.
CY = f"document.getElementById('{ids.CANVAS}')._cyreg.cy"
TIMEOUT = 15


def start(dash_duo, data=None, *, store=None, path="", **options):
    # a loaded two-core machine can take more than dash's default 10 s; waits return as soon as they can
    dash_duo._wait_timeout = TIMEOUT
    dash_duo._wd_wait = WebDriverWait(dash_duo.driver, TIMEOUT)
    dash_duo.start_server(create_app(data, store=store, **options))
    if path:
        dash_duo.driver.get(dash_duo.server_url + path)
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: d.execute_script(
        f"const box = document.getElementById('{ids.CANVAS}');"
        "return !!(box && box._cyreg && box._cyreg.cy && box._cyreg.cy.nodes().length);"))


def cy(dash_duo, expression, *args):
    return dash_duo.driver.execute_script(f"const cy = {CY}; return {expression};", *args)


def canvas_relations(dash_duo):
    return cy(dash_duo, "cy.edges().map(e => e.data('relation'))")


def canvas_nodes(dash_duo):
    return set(cy(dash_duo, "cy.nodes().map(n => n.id())"))


def wait_until(dash_duo, predicate, message):
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda _: predicate(), message)


def open_tab(dash_duo, label):
    tab = next(t for t in dash_duo.find_elements(f"#{ids.TABS} .tab") if t.text == label)
    tab.click()


def panel_title(dash_duo):
    return dash_duo.find_element(f"#{ids.PANEL} .panel-title").text


# --------------------------------------------------------------------------- read-only views


def test_page_opens_on_the_graph_without_weak_edges_and_with_a_clean_console(dash_duo, sample_graph):
    start(dash_duo, sample_graph)

    relations = canvas_relations(dash_duo)
    assert {"united-states", "turkey", "russia", "syria"} <= canvas_nodes(dash_duo)
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
    assert dash_duo.find_elements(f"#{ids.PANEL} .evidence mark.hl-trigger")
    groups = [g.get_attribute("data-relation") for g in dash_duo.find_elements(f"#{ids.PANEL} .relation-group")]
    assert {"supports", "opposes", "acquires"} <= set(groups)
    # the neighbourhood stays bright, the rest fades
    wait_until(dash_duo, lambda: float(cy(dash_duo, "cy.getElementById('vladimir-putin').style('opacity')")) < 0.5,
               "actors unrelated to Turkey should fade")
    assert float(cy(dash_duo, "cy.getElementById('russia').style('opacity')")) == 1
    assert "node=turkey" in dash_duo.driver.current_url  # the selection is in the link
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
    assert len(dash_duo.find_elements(f"#{ids.PANEL} .evidence mark.hl-subject")) == len(expected)
    assert "rule" in dash_duo.find_element(f"#{ids.PANEL} .provenance").text
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


def test_a_panel_drawn_from_its_folded_parts_is_whole_and_its_links_work_from_the_keyboard(dash_duo, sample_graph):
    start(dash_duo, sample_graph)
    cy(dash_duo, "(cy.getElementById('turkey').emit('tap'), null)")
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", "Turkey")
    # every folded part is drawn (ui/folding.py, assets/tree.js): none is left empty
    empty = dash_duo.driver.execute_script(
        f"return Array.from(document.querySelectorAll('#{ids.PANEL} [data-tree]'))"
        ".filter(e => JSON.parse(e.getAttribute('data-tree')).length && !e.childNodes.length).length")
    assert empty == 0
    assert len(dash_duo.find_elements(f"#{ids.PANEL} .evidence-sentence mark.hl-trigger")) >= 3
    link = dash_duo.find_element(f"#{ids.PANEL} .relation-group .node-link")
    name = link.text
    assert link.tag_name == "button" and link.get_attribute("type") == "button"
    dash_duo.driver.execute_script("arguments[0].focus();", link)
    link.send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", name)
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
    weak = cy(dash_duo, "cy.edges('[relation = \"co_mentioned\"]').map(e => e.style('line-style'))")
    assert set(weak) == {"dotted"}
    assert dash_duo.get_logs() == []


def test_moving_the_date_slider_removes_edges_outside_the_range(dash_duo, sample_graph):
    start(dash_duo, sample_graph)
    before = set(cy(dash_duo, "cy.edges().map(e => e.id())"))
    assert "united-states|negotiates|turkey" in before  # evidence from 2018-07 and 2019-04 only

    end = dash_duo.find_element(f"#{ids.DATE_SLIDER} .dash-slider-thumb-2")
    end.click()
    end.send_keys(Keys.PAGE_DOWN)  # ten months back, twice: the range ends in 2018-06
    end.send_keys(Keys.PAGE_DOWN)

    dash_duo.wait_for_text_to_equal(f"#{ids.DATE_LABEL}", "2016-07 – 2018-06")
    wait_until(dash_duo, lambda: "united-states|negotiates|turkey" not in set(
        cy(dash_duo, "cy.edges().map(e => e.id())")), "edges outside the range should disappear")
    after = set(cy(dash_duo, "cy.edges().map(e => e.id())"))
    assert after and after < before
    assert "united-states|supports|turkey" not in after  # 2020-02 evidence only
    assert "to=2018-06" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_a_shared_link_reopens_the_focused_view(dash_duo, sample_graph):
    start(dash_duo, sample_graph, path="/?node=nato&focus=nato&hops=1&rel=member_of,supports,opposes,acquires,attacks")

    wait_until(dash_duo, lambda: canvas_nodes(dash_duo) == {"nato", "turkey"},
               "the focus should show NATO's neighbours")
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", "NATO")
    assert "Neighbourhood of NATO" in dash_duo.find_element(f"#{ids.CANVAS_NOTICE}").text
    checked = [c.get_attribute("value") for c in dash_duo.find_elements(f"#{ids.RELATION_FILTER} input:checked")]
    assert sorted(checked) == ["acquires", "attacks", "member_of", "opposes", "supports"]

    cy(dash_duo, "(cy.getElementById('turkey').emit('dbltap'), null)")  # double-click expands
    wait_until(dash_duo, lambda: {"syria", "united-states"} <= canvas_nodes(dash_duo), "Turkey's neighbours missing")
    dash_duo.find_element(f"#{ids.RESET_BUTTON}").click()
    wait_until(dash_duo, lambda: len(canvas_nodes(dash_duo)) > 8, "Reset should show the whole graph")
    assert dash_duo.get_logs() == []


def test_a_broken_link_opens_the_default_page(dash_duo, sample_graph):
    start(dash_duo, sample_graph, path="/?node=atlantis&min=-3&from=banana&hops=99&rel=%%%")

    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", "Explore the graph")
    assert "co_mentioned" not in canvas_relations(dash_duo) and canvas_relations(dash_duo)
    assert dash_duo.find_element(f"#{ids.STATUS}").text == ""
    assert dash_duo.get_logs() == []


# --------------------------------------------------------------------------- paths, curation, uploads


def test_a_path_query_between_united_states_and_russia(dash_duo, seed_store_copy):
    start(dash_duo, store=seed_store_copy)

    dash_duo.select_dcc_dropdown(f"#{ids.PATH_SOURCE}", value="United States")
    dash_duo.select_dcc_dropdown(f"#{ids.PATH_TARGET}", value="Russia")
    dash_duo.find_element(f"#{ids.PATH_BUTTON}").click()

    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", "How is United States connected to Russia?")
    hops = dash_duo.find_elements(f"#{ids.PANEL} .hop")
    assert hops and len(dash_duo.find_elements(f"#{ids.PANEL} .path")) == 3
    with_evidence = [h for h in hops if h.find_elements_by_css_selector(".evidence-sentence")]
    assert with_evidence and all(h.find_element_by_css_selector("mark.hl-trigger") for h in with_evidence)
    on_path = "cy.nodes('.on-path').map(n => n.id())"
    wait_until(dash_duo, lambda: {"united-states", "russia"} <= set(cy(dash_duo, on_path)),
               "the path should be highlighted on the canvas")
    assert cy(dash_duo, "cy.edges('.on-path').length") >= 1
    assert "path=united-states%2Crussia" in dash_duo.driver.current_url or \
        "path=united-states,russia" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_merging_two_actors_and_undoing_it(dash_duo, seed_store_copy):
    start(dash_duo, store=seed_store_copy)
    assert "pentagon" in canvas_nodes(dash_duo)

    open_tab(dash_duo, "Curation log")
    dash_duo.select_dcc_dropdown(f"#{ids.MERGE_KEEP}", value="United States")
    dash_duo.select_dcc_dropdown(f"#{ids.MERGE_DROP}", value="Pentagon")
    dash_duo.find_element(f"#{ids.MERGE_BUTTON}").click()

    wait_until(dash_duo, lambda: "pentagon" not in canvas_nodes(dash_duo), "Pentagon should be merged away")
    dash_duo.wait_for_contains_text(f"#{ids.STATUS}", "Merged 'Pentagon' into 'United States'")
    dash_duo.wait_for_contains_text(f"#{ids.CURATION_LOG}", "Merged 'Pentagon' into 'United States'")

    dash_duo.find_element(f"#{ids.UNDO_BUTTON}").click()

    wait_until(dash_duo, lambda: "pentagon" in canvas_nodes(dash_duo), "undo should bring Pentagon back")
    dash_duo.wait_for_contains_text(f"#{ids.STATUS}", "Undone")
    assert dash_duo.find_element(f"#{ids.CURATION_LOG} .log-entry.is-undone")
    assert dash_duo.get_logs() == []


def test_rejecting_a_relation_from_its_dossier(dash_duo, seed_store_copy):
    start(dash_duo, store=seed_store_copy)
    edge = "united-states|supports|turkey"
    assert cy(dash_duo, "cy.getElementById(arguments[0]).length", edge) == 1

    cy(dash_duo, "(cy.getElementById(arguments[0]).emit('tap'), null)", edge)
    dash_duo.wait_for_element(f"#{ids.PANEL} .edge-dossier")
    next(b for b in dash_duo.find_elements(f"#{ids.PANEL} .action") if b.text == "Reject relation").click()

    wait_until(dash_duo, lambda: cy(dash_duo, "cy.getElementById(arguments[0]).length", edge) == 0,
               "the rejected relation should leave the canvas")
    dash_duo.wait_for_contains_text(f"#{ids.STATUS}", "Rejected 'United States' supports 'Turkey'")
    assert dash_duo.get_logs() == []


def test_uploading_a_good_and_a_bad_file(dash_duo, seed_store_copy, tmp_path):
    good = tmp_path / "greece.txt"
    good.write_text("Greece condemns Turkey over Cyprus\n\nGreece condemned Turkey over the drilling near Cyprus. "
                    "Greek officials said Athens would ask the European Union for sanctions.", encoding="utf-8")
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 not an article")
    start(dash_duo, store=seed_store_copy)
    assert "greece" not in canvas_nodes(dash_duo)

    open_tab(dash_duo, "Articles")
    dash_duo.find_element(f"#{ids.UPLOAD} input[type=file]").send_keys(f"{good}\n{bad}")

    dash_duo.wait_for_contains_text(f"#{ids.UPLOAD_REPORT}", "added 1 article", timeout=60)
    errors = [e.text for e in dash_duo.find_elements(f"#{ids.UPLOAD_REPORT} .upload-error")]
    assert len(errors) == 1 and errors[0].startswith("scan.pdf — unsupported file type '.pdf'")
    dash_duo.wait_for_contains_text(f"#{ids.HEADER_STATS}", "6 articles")
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_LIST}", "Greece condemns Turkey over Cyprus")
    wait_until(dash_duo, lambda: "greece" in canvas_nodes(dash_duo), "the new actor should appear on the canvas")
    assert dash_duo.get_logs() == []


def test_an_upload_shows_its_progress_then_the_report(dash_duo, seed_store_copy, tmp_path, nlp):
    import threading

    release = threading.Event()

    def slow_pipeline():  # the parse waits until the test has seen the progress line
        release.wait(60)
        return nlp
    first, second = tmp_path / "greece.txt", tmp_path / "japan.txt"
    first.write_text("Greece condemns Turkey over Cyprus\n\nGreece condemned Turkey over the drilling near Cyprus.",
                     encoding="utf-8")
    second.write_text("Japan curbs exports\n\nJapan restricted exports of chemicals to South Korea.", encoding="utf-8")
    start(dash_duo, store=seed_store_copy, nlp=slow_pipeline)
    open_tab(dash_duo, "Articles")
    dash_duo.find_element(f"#{ids.UPLOAD} input[type=file]").send_keys(f"{first}\n{second}")
    try:
        dash_duo.wait_for_contains_text(f"#{ids.UPLOAD_REPORT} .upload-progress", "Parsing 0 of 2 articles…")
        dash_duo.wait_for_contains_text(f"#{ids.STATUS}", "Upload queued: 2 files.")
    finally:
        release.set()
    dash_duo.wait_for_contains_text(f"#{ids.UPLOAD_REPORT}", "added 2 articles", timeout=60)
    assert not dash_duo.find_elements(f"#{ids.UPLOAD_REPORT} .upload-progress")
    dash_duo.wait_for_contains_text(f"#{ids.STATUS}", "Added 2 articles.")
    dash_duo.wait_for_contains_text(f"#{ids.HEADER_STATS}", "7 articles")
    assert dash_duo.get_logs() == []


def test_a_batch_too_big_for_one_upload_is_stopped_in_the_page_with_a_reason(dash_duo, seed_store_copy, tmp_path):
    files = []
    for n in range(3):  # 3 x 6 kB against a limit of 12 files x 1 kB
        files.append(tmp_path / f"long-{n}.txt")
        files[-1].write_text(f"Long article {n}\n\n" + "Greece criticized Turkey over the drilling. " * 140)
    start(dash_duo, store=seed_store_copy, max_upload_bytes=1000)
    open_tab(dash_duo, "Articles")
    dash_duo.find_element(f"#{ids.UPLOAD} input[type=file]").send_keys("\n".join(map(str, files)))

    dash_duo.wait_for_contains_text(f"#{ids.UPLOAD_LIMIT}", "Nothing was uploaded: these 3 files come to 19 kB, "
                                    "and one upload takes at most 12 kB. Send them in smaller groups.")
    with Store(seed_store_copy) as store:
        assert store.counts()["documents"] == 5  # nothing reached the server

    small = tmp_path / "small.txt"
    small.write_text("Small article\n\nGreece criticized Turkey over the drilling near Cyprus.")
    chooser = dash_duo.find_element(f"#{ids.UPLOAD} input[type=file]")
    dash_duo.driver.execute_script("arguments[0].value = '';", chooser)  # chromedriver adds to the last choice
    chooser.send_keys(str(small))
    dash_duo.wait_for_contains_text(f"#{ids.UPLOAD_REPORT}", "Upload:", timeout=60)
    assert dash_duo.find_element(f"#{ids.UPLOAD_LIMIT}").text == ""  # a batch that fits clears the message
    assert dash_duo.get_logs() == []


def test_opening_an_article_marks_its_actors(dash_duo, seed_store_copy):
    start(dash_duo, store=seed_store_copy)

    open_tab(dash_duo, "Articles")
    link = next(a for a in dash_duo.find_elements(f"#{ids.ARTICLE_LIST} .article-link")
                if a.text.startswith("US backs Turkish invasion"))
    link.click()

    dash_duo.wait_for_element(f"#{ids.ARTICLE_VIEW} .article-text .mention")
    marked = {m.text for m in dash_duo.find_elements(f"#{ids.ARTICLE_VIEW} .mention")}
    assert {"US", "Russia"} <= marked
    next(m for m in dash_duo.find_elements(f"#{ids.ARTICLE_VIEW} .mention") if m.text == "Russia").click()
    dash_duo.wait_for_text_to_equal(f"#{ids.PANEL} .panel-title", "Russia")
    assert dash_duo.get_logs() == []
