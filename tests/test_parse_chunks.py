"""Long articles are parsed in paragraph chunks (bounded memory) and read as one document."""
from __future__ import annotations

from pathlib import Path

from graph.parse import paragraph_chunks, parse_text, pipe_texts
from graph.extract import extract
from graph.read import read_documents

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_paragraph_chunks_cut_at_paragraphs_and_join_back_to_the_text():
    text = "\n\n".join(f"Paragraph {i} says Turkey met Greece. " * 3 for i in range(40))
    chunks = paragraph_chunks(text, 500)
    assert "".join(chunks) == text and all(len(c) <= 500 for c in chunks) and len(chunks) > 4
    assert all(c.endswith("\n\n") for c in chunks[:-1])
    assert "".join(paragraph_chunks("x" * 1234, 100)) == "x" * 1234  # no break at all: cut anyway


def test_a_long_article_parsed_in_chunks_keeps_its_text_offsets_and_relations(nlp):
    document = next(d for d in read_documents([SEEDS]).documents if len(d.text) > 3000)
    whole, chunked = nlp(document.text), parse_text(nlp, document.text, limit=1500)
    assert chunked.text == document.text and len(chunked) == len(whole)
    key = lambda x: {(r.subject, r.relation, r.object) for r in x.relations}  # noqa: E731
    found_whole, found_chunked = key(extract(whole, document)), key(extract(chunked, document))
    assert found_chunked == found_whole


def test_pipe_texts_keeps_the_order_of_short_and_long_texts(nlp):
    texts = ["Turkey met Greece.", "Russia sold arms to Turkey.\n\n" * 30, "Greece criticized Turkey."]
    assert [d.text for d in pipe_texts(nlp, texts, limit=200)] == texts
