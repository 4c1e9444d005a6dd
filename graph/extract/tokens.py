"""Small readings of parsed tokens that every extraction module shares."""
from __future__ import annotations


def trigger(tok, lexicon: dict[str, str]) -> str | None:
    """The relation type a token signals in a trigger lexicon, by its form or its lemma."""
    return lexicon.get(tok.lower_) or lexicon.get(tok.lemma_.lower())


def pobjs(prep):
    """Objects of a preposition and of the prepositions conjoined to it ("with A and with B")."""
    return [o for p in (prep, *(c for c in prep.children if c.dep_ == "conj" and c.pos_ == "ADP"))
            for o in p.children if o.dep_ == "pobj"]
