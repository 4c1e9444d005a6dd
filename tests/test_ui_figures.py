"""The charts of the side tabs: the stance heatmap and the most central actors."""
from __future__ import annotations

import json

import plotly

from graph.query import StanceMatrix, central_actors, stance_matrix
from ui.figures import central_figure, empty_figure, stance_figure


def test_stance_heatmap_shows_net_polarity_with_counts_and_ids_for_clicks(sample_g):
    matrix = stance_matrix(sample_g, top=6)
    figure = stance_figure(matrix)
    trace = figure["data"][0]
    assert trace["type"] == "heatmap" and trace["zmid"] == 0
    n = len(matrix.ids)
    for i in range(n):
        for j in range(n):
            coop, conflict, a, b = trace["customdata"][i][j][:4]
            assert (coop, conflict, a, b) == (matrix.coop[i][j], matrix.conflict[i][j], matrix.ids[i], matrix.ids[j])
            z = trace["z"][i][j]
            assert z is None if i == j or coop == conflict == 0 else z == coop - conflict
    assert "cooperation" in trace["hovertemplate"] and "conflict" in trace["hovertemplate"]
    json.dumps(figure, cls=plotly.utils.PlotlyJSONEncoder)


def test_stance_heatmap_with_too_few_actors_says_so():
    matrix = StanceMatrix(labels=("A",), ids=("a",), net=((0,),), coop=((0,),), conflict=((0,),))
    figure = stance_figure(matrix)
    assert figure["data"] == [] and "Too few" in figure["layout"]["annotations"][0]["text"]


def test_central_actors_bar_chart_names_its_actors_for_clicks(sample_g):
    central = central_actors(sample_g, top=5)
    figure = central_figure(central, {n: d["type"] for n, d in sample_g.nodes(data=True)})
    trace = figure["data"][0]
    assert trace["customdata"] == [c[0] for c in central] and trace["x"] == [c[2] for c in central]
    assert figure["layout"]["yaxis"]["autorange"] == "reversed"  # the most central on top
    assert central_figure([], {})["data"] == []


def test_long_labels_are_shortened():
    figure = central_figure([("x", "A very long organisation name indeed", 3)], {})
    assert figure["data"][0]["y"][0].endswith("…") and len(figure["data"][0]["y"][0]) <= 18
    assert empty_figure("nothing")["layout"]["annotations"][0]["text"] == "nothing"


def test_the_pair_whose_evidence_is_shown_is_outlined(sample_g):
    matrix = stance_matrix(sample_g, top=6)
    a, b = matrix.ids[0], matrix.ids[2]
    shapes = stance_figure(matrix, selected=(a, b))["layout"]["shapes"]
    assert {(s["x0"] + 0.5, s["y0"] + 0.5) for s in shapes} == {(2, 0), (0, 2)}
    assert stance_figure(matrix, selected=("atlantis", a))["layout"]["shapes"] == []


def test_names_with_markup_are_escaped_for_plotly():
    matrix = StanceMatrix(labels=('Quoted "><b>actor</b>', "A & B"), ids=("q", "ab"), net=((0, 1), (1, 0)),
                          coop=((0, 1), (1, 0)), conflict=((0, 0), (0, 0)))
    figure = stance_figure(matrix)
    trace = figure["data"][0]
    assert trace["x"] == trace["y"] == ["q", "ab"]  # a click names the actors by id
    assert figure["layout"]["xaxis"]["ticktext"] == ['Quoted "&gt;&lt;b&gt;actor…', "A &amp; B"]
    assert figure["layout"]["yaxis"]["ticktext"] == figure["layout"]["xaxis"]["ticktext"]
    assert trace["customdata"][0][1][4:] == ['Quoted "&gt;&lt;b&gt;actor&lt;/b&gt;', "A &amp; B"]
    bars = central_figure([("q", "<b>x</b>", 1)], {})["data"][0]
    assert bars["y"] == ["&lt;b&gt;x&lt;/b&gt;"] and bars["text"] == ["&lt;b&gt;x&lt;/b&gt;"]
