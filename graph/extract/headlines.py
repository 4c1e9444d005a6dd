"""Relations a headline states in its own grammar, which the parser often misreads: a bare
present-tense verb read as a noun, or as a verb stripped of its object ("Iraq
summons Turkey, Iran ambassadors over bombings", "Saudi Coalition Fires on Houthi-held Sanaa",
"IAEA Board Censures Iran", "Mali expels French ambassador")."""
from __future__ import annotations

from graph.extract.context import Context
from graph.extract.evidence import relation
from graph.extract.mentions import headline_verb, unique
from graph.ontology import ENVOY_NOUNS, PREP_VERB_TRIGGERS, VERB_TRIGGERS

# What may stand between two actors named together before or after the verb ("Turkey, Iran").
LINKS = frozenset({",", "and", "&"})


def headline_relations(ctx: Context, tok, sent):
    """A headline verb the parser took for a noun, or read as a verb without its object ("Mali
    expels French ambassador": the ambassador an adverb of the verb), between the actors
    named right before it and right after it (or after its preposition, for "fires on")."""
    if tok.i in ctx.refs or tok.idx >= ctx.headline_end or tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("dobj", "dative", "prep", "agent", "attr", "ccomp", "xcomp") for c in tok.children):
        return  # a verb parsed with its object: the verb rules read it
    lemma = headline_verb(tok)
    if lemma is None:
        return
    rtype, start = VERB_TRIGGERS.get(lemma), tok.i + 1
    if lemma in PREP_VERB_TRIGGERS:
        prep, rtype = PREP_VERB_TRIGGERS[lemma]
        if start >= sent.end or ctx.doc[start].lower_ != prep:
            return
        start += 1
    subjects, objects = _run(ctx, range(tok.i - 1, sent.start - 1, -1)), _run(ctx, range(start, sent.end))
    if lemma == "summon" and not any(t.lemma_.lower() in ENVOY_NOUNS for t in ctx.doc[start:sent.end]
                                     if t.idx < ctx.headline_end):
        rtype = "requests"  # "summons the leaders for talks" asks; "summons the ambassadors" protests
    for s in subjects:
        for o in objects:
            yield relation(ctx, s, rtype, o, tok, sent, "headline")


def _run(ctx: Context, positions) -> list:
    """The actors named in an unbroken noun phrase run from the verb outwards: names, demonyms,
    the nouns and adjectives around them, "," and "and" between them, an opening determiner;
    anything else (a preposition, a verb, a possessive, a quote) ends the run."""
    found, linked = [], False
    for i in positions:
        tok = ctx.doc[i]
        ref = ctx.refs.get(i)
        if ref:
            if found and not linked and {found[-1].entity.type, ref.entity.type} == {"GPE", "ARMED_GROUP"}:
                found[-1:] = [r for r in (found[-1], ref) if r.entity.type == "ARMED_GROUP"]  # "Yemeni Houthi ships"
            elif not found or found[-1] != ref:
                found.append(ref)
            linked = False
        elif tok.lower_ in LINKS or tok.pos_ == "DET" and not found:
            linked = linked or tok.lower_ in LINKS
            continue
        elif tok.pos_ in ("NOUN", "PROPN", "ADJ"):
            continue  # "Turkey, Iran ambassadors", "Saudi coalition": who the states named act through
        else:
            break
    return [r for r in unique(found) if r.entity.type != "LOC"]
