"""Relations a verb signals: "X backs Y", "Y was attacked by X", "X pressed Y to send",
"X works with Y", and the elided "Russia opposes." that takes its objects from the sentence before."""
from __future__ import annotations

from graph.extract.context import Context
from graph.extract.coref import phrase_actors
from graph.extract.evidence import between, relation
from graph.extract.roles import objects, previous_objects, subjects
from graph.extract.tokens import pobjs, trigger
from graph.ontology import (
    DELEGATION_NOUNS, NOUN_TRIGGERS, PREP_VERB_TRIGGERS, RECIPROCAL, SYMMETRIC, VERB_TRIGGERS,
)


def verb_relations(ctx: Context, verb, sent):
    """A trigger verb (or a verb with its preposition) between its subjects and its objects."""
    if verb.pos_ not in ("VERB", "AUX"):
        return
    rtype = trigger(verb, VERB_TRIGGERS) or _prep_verb_type(verb)
    if not rtype:
        return
    if rtype in ("attacks", "acquires") and any(
            c.dep_ == "dobj" and trigger(c, NOUN_TRIGGERS) not in (None, rtype) for c in verb.children):
        return  # "struck a deal", "received support": the noun carries the relation
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    doers, rule = subjects(ctx, verb, passive)
    if rtype == "supplies" and any(c.dep_ == "dobj" and c.lemma_.lower() in DELEGATION_NOUNS
                                   for c in verb.children):
        rtype = "negotiates"  # sending a delegation is diplomacy, not supply
    if len(doers) > 1 and rtype in SYMMETRIC:  # "Putin and Erdogan struck a deal"
        yield from between(ctx, doers, rtype, verb, sent, rule)
        return
    if rtype == "supports":  # "defend X against Y": Y is opposed, not supported
        against = [r for p in verb.children if p.dep_ == "prep" and p.lower_ == "against"
                   for o in pobjs(p) for r in phrase_actors(ctx, o)]
        for s in doers:
            for o in against:
                yield relation(ctx, s, "opposes", o, verb, sent, rule)
    receivers = objects(ctx, verb, rtype, passive)
    if not receivers and len(doers) > 1 and (rtype in SYMMETRIC or rtype in RECIPROCAL and rule == "svo"):
        yield from between(ctx, doers, rtype, verb, sent, rule)
        return
    if not receivers and doers and verb.dep_ == "ROOT" and len(sent) <= 6:
        receivers, rule = previous_objects(ctx, sent), "ellipsis"
    for s in doers:
        for o in receivers:
            yield relation(ctx, s, rtype, o, verb, sent, rule)


def _prep_verb_type(verb) -> str | None:
    """Verbs that signal a relation only with their preposition: "work with", "side with"."""
    wanted = PREP_VERB_TRIGGERS.get(verb.lemma_.lower())
    if wanted and any(c.dep_ == "prep" and c.lower_ == wanted[0] for c in verb.children):
        return wanted[1]
    return None
