"""Small readings of parsed tokens that every extraction module shares."""
from __future__ import annotations


def trigger(tok, lexicon: dict[str, str]) -> str | None:
    """The relation type a token signals in a trigger lexicon, by its form or its lemma (a plural
    the tagger took for a name is not lemmatised: "Tensions between A and B have grown")."""
    found = lexicon.get(tok.lower_) or lexicon.get(tok.lemma_.lower())
    if not found and tok.pos_ == "PROPN" and not tok.ent_type_ and tok.lower_.endswith("s"):
        found = lexicon.get(tok.lower_[:-1])
    return found


def pobjs(prep):
    """Objects of a preposition and of the prepositions conjoined to it ("with A and with B")."""
    return [o for p in (prep, *(c for c in prep.children if c.dep_ == "conj" and c.pos_ == "ADP"))
            for o in p.children if o.dep_ == "pobj"]


def verb_base(form: str, known) -> str | None:
    """The verb in `known` that an inflected form belongs to, read off the form itself where the
    tagger or the lemmatiser misread it ("summons" -> summon, "hopes" -> hope, "hoped" -> hope)."""
    candidates = [form[:-1] if form.endswith(("s", "d")) else "", form[:-2] if form.endswith(("es", "ed")) else "",
                  form[:-3] + "y" if form.endswith("ies") else "", form[:-3] + "e" if form.endswith("ing") else "",
                  form[:-3] if form.endswith("ing") else ""]
    return next((c for c in candidates if c and c in known), None)


def preposition(tok) -> str:
    """A preposition as the trigger tables name it ("upon" is "on": "fired upon X")."""
    return {"upon": "on"}.get(tok.lower_, tok.lower_)
