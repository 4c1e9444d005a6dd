"""`newsgraph bench` in miniature: the rows are all there and the generated corpus is sound."""
from __future__ import annotations

from graph.actors import load_actor_table
from cli.bench import format_row, generate_articles, header, run
from graph.nlp import load_pipeline


def test_generated_articles_are_distinct_deterministic_and_name_other_actors():
    nlp = load_pipeline()
    small, large = generate_articles(5, nlp=nlp), generate_articles(20, nlp=nlp)
    assert large[:5] == small and len(set(large)) == 20
    names = {e.label for e in load_actor_table().entities() if e.type in ("GPE", "PERSON")}
    assert all(any(n in text for n in names) for text in large)
    assert all(text.count("\n\n") >= 2 and len(text.split()) > 60 for text in large)


def test_quick_bench_measures_every_row(tmp_path):
    rows = run(sizes=[6], workers=2, throughput_words=400, app=False, workdir=tmp_path)
    measures = {(r.section, r.measure) for r in rows}
    for expected in [("throughput", "bare nlp.pipe, 1 process"), ("throughput", "full ingest, 1 process"),
                     ("throughput", "bare nlp.pipe, n_process=2"), ("throughput", "full ingest, --workers 2"),
                     ("6 articles", "ingest, --workers 2"), ("6 articles", "re-ingest unchanged"),
                     ("6 articles", "re-ingest, whole command"), ("6 articles", "graph build from the store"),
                     ("6 articles", "peak memory, store -> graph")]:
        assert expected in measures
    table = "\n".join([header(), *map(format_row, rows)])
    assert "words/s" in table and "recombined" in table
