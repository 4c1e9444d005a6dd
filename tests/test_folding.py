"""Folded panels (ui.folding): what folds, what stays a component, and that nothing is lost on the way."""
from __future__ import annotations

import json

import pytest
from dash import dcc, html
from dash.development.base_component import Component

from cli.dash_page import texts_with_class
from ui import ids
from ui.folding import COMPONENTS, LINK, TREE, fold, unfold, unfolded
from ui.panels import edge_link, node_link
from ui.plain import html as plain


def components(node) -> list[Component]:
    """Every component of a tree: Dash's and the static elements of `ui.plain`."""
    if isinstance(node, (list, tuple)):
        return [c for n in node for c in components(n)]
    if not isinstance(node, COMPONENTS):
        return []
    return [node, *components(getattr(node, "children", None))]


def text(node) -> str:
    """What a reader sees, folded parts read from their trees."""
    if isinstance(node, (list, tuple)):
        return "".join(text(n) for n in node)
    if isinstance(node, dict):
        return text(node["props"].get("children"))
    if isinstance(node, COMPONENTS):
        return text(unfold(node))
    return "" if node is None else str(node)


def sentence_list(n: int) -> html.Ul:
    return html.Ul([html.Li([
        html.P(["The ", html.Mark("army", className="hl hl-subject"), " shelled ",
                html.Mark(f"town {i}", className="hl hl-object"), "."], className="evidence-sentence"),
        node_link(f"town-{i}", f"Town {i}", slot=f"s{i}", entity_type="GPE"),
        edge_link(f"army|attacks|town-{i}", "dossier ›", slot=f"e{i}"),
    ], className="evidence", **{"data-row": str(i)}) for i in range(n)], className="evidence-list")


def test_a_list_of_sentences_folds_into_one_component_and_reads_the_same():
    panel = html.Div([html.H2("Army", className="panel-title"), sentence_list(50)], className="dossier")
    folded = fold(panel)
    assert len(components(panel)) > 350 and len(components(folded)) == 1
    assert text(folded) == text(panel)
    shown = json.loads(json.dumps(folded.to_plotly_json(), default=lambda c: c.to_plotly_json()))
    assert texts_with_class(shown, "panel-title") == ["Army"]
    assert len(texts_with_class(shown, "evidence-sentence")) == 50
    assert texts_with_class(shown, "evidence-sentence")[7] == "The army shelled town 7."


def test_a_folded_tree_keeps_classes_attributes_and_styles_and_drops_click_counts():
    tree = json.loads(getattr(fold(sentence_list(1)), TREE))
    li = tree[0]
    assert li[:2] == ["li", {"class": "evidence", "data-row": "0"}]
    paragraph, link, edge = li[2:]
    assert paragraph[2:4] == ["The ", ["mark", {"class": "hl hl-subject"}, "army"]]
    assert link[1]["class"] == "link node-link" and "n_clicks" not in link[1]
    assert json.loads(link[1][LINK]) == {"type": ids.NODE_LINK, "node": "town-0", "slot": "s0"}
    assert link[2][1]["style"]["backgroundColor"]  # the actor type's dot keeps its colour
    assert json.loads(edge[1][LINK])["type"] == ids.EDGE_LINK


def test_controls_and_elements_with_ids_stay_components():
    dropdown = dcc.Dropdown(id={"type": ids.EVIDENCE_ORDER, "list": "x", "field": "order"}, options=[])
    status = html.P(["3 of 9 ", html.Span("sentences")], id=ids.STATUS)
    panel = html.Div([dropdown, status, sentence_list(3)])
    folded = fold(panel)
    kept = components(folded)
    assert dropdown in kept and any(getattr(c, "id", None) == ids.STATUS for c in kept)
    assert [type(c).__name__ for c in kept].count("Span") == 1  # inside the element with an id: not folded
    assert len([c for c in kept if isinstance(getattr(c, TREE, None), str)]) == 1


def test_a_lone_link_becomes_a_folded_button_without_its_pattern_id():
    folded = fold(html.Div(["See ", node_link("nato", "NATO", slot="x"), dcc.Input(id=ids.SEARCH)]))
    button = folded.children[1]
    assert button._type == "Button" and getattr(button, "id", None) is None
    assert json.loads(getattr(button, LINK)) == {"type": ids.NODE_LINK, "node": "nato", "slot": "x"}
    assert json.loads(getattr(button, TREE)) == ["NATO"]


def test_text_only_elements_and_plain_values_are_left_alone():
    plain = html.P("Nothing here", className="muted")
    assert fold(plain) is plain
    assert fold("text") == "text" and fold(None) is None
    assert fold([plain, "x"]) == [plain, "x"]


def test_folding_leaves_the_given_components_unchanged():
    panel = html.Div([dcc.Input(id="name"), sentence_list(2)])
    before = json.dumps(panel.to_plotly_json(), default=lambda c: c.to_plotly_json())
    fold(panel)
    assert json.dumps(panel.to_plotly_json(), default=lambda c: c.to_plotly_json()) == before


def test_unsafe_links_and_unknown_attributes_are_not_folded():
    script_link = html.A("click", href="javascript:alert(1)")
    odd = html.Span(["x", html.B("y")], accessKey="k")
    for element in (script_link, odd):
        folded = fold(html.Div([element, html.Span(html.B("z"))]))
        assert element in components(folded)
    assert getattr(fold(html.Div(html.A(html.B("source"), href="https://example.org/a"))), TREE)


def test_markup_in_article_text_travels_as_text():
    hostile = '<img src=x onerror="window.__hit=1"> Breaking'
    folded = fold(html.Div(html.P([html.Mark(hostile)])))
    tree = json.loads(getattr(folded, TREE))
    assert tree == [["p", {}, ["mark", {}, hostile]]]  # a string child: assets/tree.js makes it a text node


def as_json(node) -> str:
    """A component tree as JSON, click counts left out (a folded link has none: its store counts) and
    children always a list (folding makes them one)."""
    def clean(x):
        if isinstance(x, dict):
            return {k: clean(([] if v is None else v if isinstance(v, list) else [v]) if k == "children" else v)
                    for k, v in x.items() if k != "n_clicks"}
        if isinstance(x, list):
            return [clean(v) for v in x]
        return x
    return json.dumps(clean(json.loads(json.dumps(node, default=lambda c: c.to_plotly_json()))), sort_keys=True)


def test_unfolding_gives_back_the_components_folded():
    panel = html.Div([html.H2("Army", className="panel-title"), dcc.Input(id=ids.SEARCH),
                      html.Details([html.Summary("rows"), sentence_list(4)], open=True),
                      html.A(html.B("source"), href="https://example.org/a", target="_blank")])
    folded = fold(panel)
    assert len(components(folded)) < len(components(panel)) // 4
    assert as_json(unfolded(folded)) == as_json(panel)


def test_a_static_element_is_sent_as_the_dash_component_of_its_tag():
    for tag, args, props in [("Span", ("x",), {"className": "dot", "title": "t", "data-row": "1"}),
                             ("Details", ([plain.Summary("rows"), "body"],), {"open": True}),
                             ("Label", ("Order",), {"htmlFor": "order", "aria-label": "order"}),
                             ("Button", ("NATO",), {"id": {"type": ids.NODE_LINK, "node": "nato", "slot": "x"},
                                                   "n_clicks": 0, "className": "link"}),
                             ("Mark", (), {})]:
        made, dash_made = getattr(plain, tag)(*args, **props), getattr(html, tag)(*args, **props)
        assert as_json(made) == as_json(dash_made), tag


def test_a_static_element_refuses_unknown_properties_and_ids_a_callback_reads():
    with pytest.raises(TypeError, match="no property 'colour'"):
        plain.Span("x", colour="red")
    with pytest.raises(TypeError, match="read by a callback"):
        plain.Div("status", id=ids.STATUS)
    with pytest.raises(TypeError, match="read by a callback"):
        plain.Button("x", id={"type": ids.EVIDENCE_ORDER, "list": "x"})
    assert plain.Button("x", id={"type": ids.EDGE_LINK, "edge": "a|attacks|b", "slot": "s"}).id["type"] == ids.EDGE_LINK
