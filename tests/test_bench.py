"""`newsgraph bench` in miniature: the rows are all there and the generated corpus is sound."""
from __future__ import annotations

import sqlite3

from graph.actors import load_actor_table
from cli.bench import format_row, generate_articles, header, run
from cli.bench_scale import recombined, scale_store
from graph.store import Store
from graph.nlp import load_pipeline


def test_generated_articles_are_distinct_deterministic_and_name_other_actors():
    nlp = load_pipeline()
    small, large = generate_articles(5, nlp=nlp), generate_articles(20, nlp=nlp)
    assert large[:5] == small and len(set(large)) == 20
    names = {e.label for e in load_actor_table().entities() if e.type in ("GPE", "PERSON")}
    assert all(any(n in text for n in names) for text in large)
    assert all(text.count("\n\n") >= 2 and len(text.split()) > 60 for text in large)


def test_quick_bench_measures_every_row(tmp_path):
    rows = run(sizes=[6], workers=2, throughput_words=400, app=False, workdir=tmp_path, scale=40)
    measures = {(r.section, r.measure) for r in rows}
    for expected in [("throughput", "bare nlp.pipe, 1 process"), ("throughput", "full ingest, 1 process"),
                     ("throughput", "bare nlp.pipe, n_process=2"), ("throughput", "full ingest, --workers 2"),
                     ("6 articles", "ingest, --workers 2"), ("6 articles", "re-ingest unchanged"),
                     ("6 articles", "re-ingest, whole command"), ("6 articles", "graph build from the store"),
                     ("6 articles", "peak memory, store -> graph"), ("40 articles", "recombined store, written"),
                     ("40 articles", "explorer's edge table and layout kept")]:
        assert expected in measures
    table = "\n".join([header(), *map(format_row, rows)])
    assert "words/s" in table and "recombined" in table
    # the recombined store keeps the explorer's edge table, as an ingest does: its start-ups read one row
    with sqlite3.connect(tmp_path / "scale-40.db") as conn:
        assert conn.execute("SELECT count(*) FROM snapshots").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM layout").fetchone()[0] > 0


def test_a_recombined_store_recasts_actors_within_their_type_and_keeps_its_aggregates(tmp_path, seed_store_copy):
    source = Store(seed_store_copy, create=False)
    with source:
        parsed = source.extractions()
    made = list(recombined(parsed, 60))
    assert made == list(recombined(parsed, 60)) and len({x.document.id for x in made}) == 60
    types = {e.id: e.type for x in parsed for e in x.entities}
    for x in made:
        named = {e.id for e in x.entities}
        assert all(types[e.id] == e.type for e in x.entities)
        assert all(r.subject in named and r.object in named and r.subject != r.object for r in x.relations)
        assert all(r.evidence.doc_id == x.document.id for r in x.relations)
    assert len({x.document.date[:7] for x in made}) > 20  # spread over the months of five years
    assert scale_store(seed_store_copy, tmp_path / "big.db", 60) == 60
    with Store(tmp_path / "big.db") as store:
        assert store.counts()["documents"] == 60 and store.check() == []
