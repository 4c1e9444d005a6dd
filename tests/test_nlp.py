"""The actor-name component: the EntityRuler's result, found through a PhraseMatcher."""
from __future__ import annotations

import pytest
import spacy

from graph.ruler import ruler_patterns
from graph.nlp import load_pipeline
from graph.pipeline import SEEDS_DIR, read_articles

SENTENCES = [
    "The US and the us-based firm talked; THE US DEPARTMENT OF STATE said nothing.",
    "Russian Defence Ministry and russian defence ministry officials met the Russian defence MINISTRY.",
    "Turkey bought S-400s from Russia while the S-400 missile system waited in Ankara.",
    "Kurdistan Workers’ Party and Kurdistan Workers' Party fighters crossed into Iraq.",
    "The Islamic State, al-Qaeda and Al-Qaeda in the Arabian Peninsula claimed the attack.",
    "NATO, Nato and nato members spoke to the North Atlantic Treaty Organization.",
    "Secretary of State Antony Blinken met Recep Tayyip Erdogan and Vladimir Putin.",
]


@pytest.fixture(scope="module")
def rulers():
    """A blank English pipeline with spaCy's EntityRuler, and one with newsgraph's component."""
    patterns = ruler_patterns()
    slow, fast = spacy.blank("en"), spacy.blank("en")
    slow.add_pipe("entity_ruler", config={"overwrite_ents": True}).add_patterns(patterns)
    fast.add_pipe("newsgraph_actors").add_patterns(patterns)
    return slow, fast


def _ents(nlp, text):
    return [(e.start, e.end, e.label_, e.ent_id_) for e in nlp(text).ents]


def test_same_entities_as_the_entity_ruler_on_the_seeds_and_tricky_sentences(rulers):
    slow, fast = rulers
    texts = [d.text for d in read_articles([SEEDS_DIR]).documents] + SENTENCES
    found = 0
    for text in texts:
        expected = _ents(slow, text)
        assert _ents(fast, text) == expected, text[:80]
        found += len(expected)
    assert found > 100  # the comparison is not between two empty lists


def test_exact_tokens_keep_their_case_and_later_plain_words_match_any_case(rulers):
    _, fast = rulers
    doc = fast("Officials of the Russian defence MINISTRY met the russian defence ministry.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("Russian defence MINISTRY", "ORG", "russian-defence-ministry")]


def test_the_longest_match_wins_and_replaces_overlapping_entities():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("newsgraph_actors")
    ruler.add_patterns([{"label": "GPE", "pattern": [{"ORTH": "Korea"}], "id": "korea"},
                        {"label": "GPE", "pattern": [{"ORTH": "North"}, {"LOWER": "korea"}], "id": "north-korea"},
                        {"label": "ORG", "pattern": [{"ORTH": "Korea"}, {"LOWER": "bank"}], "id": "kb"}])
    doc = nlp("North Korea Bank and Korea")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("North Korea", "north-korea"), ("Korea", "korea")]


@pytest.mark.parametrize("pattern", ["Turkey", [{"LEMMA": "turkey"}], [{"ORTH": "A", "LOWER": "a"}], [{"TEXT": "x"}]])
def test_patterns_other_than_fixed_tokens_are_refused(pattern):
    ruler = spacy.blank("en").add_pipe("newsgraph_actors")
    with pytest.raises(ValueError, match="ORTH"):
        ruler.add_patterns([{"label": "GPE", "pattern": pattern}])


def test_the_pipeline_uses_it_before_the_statistical_ner():
    names = load_pipeline().pipe_names
    assert "entity_ruler" not in names and names.index("newsgraph_actors") < names.index("ner")
