"""Relations a modifier signals: "X is opposed to Y" (adjectives), "Russian-backed forces"
(participles) and "Idlib province in Syria" (places)."""
from __future__ import annotations

from graph.extract.context import Context
from graph.extract.coref import actors, actors_at, apposed, modifier_actors, phrase_actors
from graph.extract.evidence import relation
from graph.extract.mentions import unique
from graph.extract.roles import governor_subjects, subjects
from graph.extract.tokens import pobjs, trigger
from graph.ontology import ADJECTIVE_TRIGGERS, BACKED_FORMS, PLACE_NOUNS


def adjective_relations(ctx: Context, adj, sent):
    """"X is opposed to Y", "X is critical of Y", "X was disappointed by Y's decision"."""
    felt = adj.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in adj.children)  # parsed as a passive verb
    rtype = trigger(adj, ADJECTIVE_TRIGGERS) if adj.dep_ == "acomp" or felt else None
    if not rtype:
        return
    doers = [r for c in adj.children if c.dep_ == "nsubjpass" for r in actors(ctx, c)] if felt else \
        subjects(ctx, adj.head, False)[0]
    receivers = [r for prep in adj.children if prep.dep_ in ("prep", "agent") for o in pobjs(prep)
                 for r in phrase_actors(ctx, o)]
    for s in doers:
        for o in unique(receivers):
            yield relation(ctx, s, rtype, o, adj, sent, "adjective")


def stance_relations(ctx: Context, prep, sent):
    """"X is against Y" (opposes), "X is for / in favour of Y" is left out (too often a topic)."""
    if prep.lower_ != "against" or prep.dep_ != "prep" or prep.head.lemma_ != "be":
        return
    doers, _ = subjects(ctx, prep.head, False)
    for s in doers:
        for o in unique([r for x in pobjs(prep) for r in phrase_actors(ctx, x)]):
            yield relation(ctx, s, "opposes", o, prep, sent, "copula")


def backed_relations(ctx: Context, tok, sent):
    """"Russian-backed forces" -> supports; "the al-Qaeda-affiliated group" -> member_of."""
    if tok.lower_ not in BACKED_FORMS:
        return
    backers = [ctx.refs[t.i] for t in tok.children if t.i in ctx.refs]
    if not backers and tok.i >= 2 and ctx.doc[tok.i - 1].text == "-" and tok.i - 2 in ctx.refs:
        backers = [ctx.refs[tok.i - 2]]
    backers = unique(backers)
    if not backers:
        return
    rtype, reverse = BACKED_FORMS[tok.lower_]
    head = tok.head  # the participle qualifies its own noun, not the nouns conjoined to it
    backed = [r for r in actors_at(ctx, head, 0) or modifier_actors(ctx, head, 0) if r not in backers] \
        or apposed(ctx, head) or (_parties(ctx, head) if rtype == "negotiates" else [])
    for b in backers:
        for t in backed:
            s, o = (t, b) if reverse else (b, t)
            yield relation(ctx, s, rtype, o, tok, sent, "backed")


def _parties(ctx: Context, noun) -> list:
    """Who holds the talks or signs the deal a mediator brokered: "A and B started Omani-mediated
    talks", "the Qatari-brokered truce between A and B"."""
    return unique([r for p in noun.children if p.dep_ == "prep" and p.lower_ == "between"
                   for o in pobjs(p) for r in phrase_actors(ctx, o)] or governor_subjects(ctx, noun))


def located_relations(ctx: Context, tok, sent):
    """"Idlib province in Syria", "Syria's Idlib province" -> located_in."""
    place = ctx.ending_ref(tok, "LOC")
    if not place or any(t.lower_ in ("known", "called", "named", "dubbed") for t in (tok.head, *tok.ancestors)):
        return  # "the shoal, known as Ayungin in the Philippines": a name used there, not a place there
    head = tok.head if tok.dep_ == "compound" and tok.head.lemma_.lower() in PLACE_NOUNS else tok
    for child in head.children:
        objs = [child] if child.dep_ == "poss" else pobjs(child) if child.lower_ == "in" else []
        for obj in objs:
            ref = ctx.refs.get(obj.i)
            if ref and ref.entity.type == "GPE":
                yield relation(ctx, place, "located_in", ref, tok, sent, "located")
