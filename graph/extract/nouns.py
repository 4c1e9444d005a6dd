"""Relations a noun signals: "Turkey's support for X", "sanctions on Y by X", "talks between A and B",
"Y received support from X", "A and B struck a deal"."""
from __future__ import annotations

from dataclasses import replace

from graph.extract.context import Context
from graph.extract.coref import actors, actors_at, modifier_actors, phrase_actors
from graph.extract.evidence import between, relation
from graph.extract.roles import VERB_OBJECT_PREPS, fit_objects, governor_subjects, surface_subjects
from graph.extract.tokens import pobjs, trigger
from graph.ontology import (
    BACKED_FORMS, IRREALIS_VERBS, LIGHT_VERBS, NOUN_TRIGGERS, REACTING_VERBS, RECEIVING_VERBS, RECIPROCAL,
    STOPPING_VERBS,
)

NOUN_OBJECT_PREPS = VERB_OBJECT_PREPS - {"from", "between"} | {"over"}


def noun_relations(ctx: Context, noun, sent):
    """A trigger noun (not itself an actor) between its doers and its targets."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i in ctx.refs:
        return
    rtype = trigger(noun, NOUN_TRIGGERS)
    if not rtype:
        return
    agents = [r for c in noun.children if c.dep_ == "poss" for r in actors(ctx, c)]
    agents = agents or [r for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                        and c.lower_ not in BACKED_FORMS
                        for r in actors_at(ctx, c, 1) or modifier_actors(ctx, c, 1)]
    targets = []
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        if prep.lower_ == "between":
            yield from between(ctx, [r for o in pobjs(prep) for r in actors(ctx, o)], rtype, noun, sent, "between")
            return
        if prep.lower_ in ("from", "by") and not agents:
            agents = [r for o in pobjs(prep) for r in phrase_actors(ctx, o)]
        elif prep.lower_ in NOUN_OBJECT_PREPS:
            targets += [r for o in pobjs(prep) for r in phrase_actors(ctx, o)]
    for clause in noun.children:  # "skepticism (that) the Russians can be trusted"
        if clause.dep_ in ("acl", "relcl", "ccomp"):
            targets += [r for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for r in actors(ctx, c)]
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING_VERBS:  # "Y received support from X"
        agents = agents or [r for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "from"
                            for o in pobjs(p) for r in phrase_actors(ctx, o)]
        targets = targets or surface_subjects(ctx, noun.head)
    if not agents and noun.head.lemma_.lower() not in REACTING_VERBS:  # "criticised sanctions": not the sanctioner
        agents = governor_subjects(ctx, noun)
    if not targets and noun.dep_ == "pobj" and noun.head.dep_ == "agent":  # "buoyed by support from X"
        targets = surface_subjects(ctx, noun.head.head)
    if not targets and rtype in RECIPROCAL and len(agents) > 1 and noun.head.lemma_.lower() in LIGHT_VERBS:
        yield from between(ctx, agents, rtype, noun, sent, "nominal")  # "A and B struck a deal"
        return
    if rtype == "supplies":  # "the delivery of jets to Turkey": the recipient is the object
        targets = [r for p in noun.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                   for o in pobjs(p) for r in phrase_actors(ctx, o)] or targets
    targets = fit_objects(targets, rtype)
    governor = noun.head.lemma_.lower()
    mood = "hypothetical" if governor in IRREALIS_VERBS else None
    for a in agents:
        for t in targets:
            rel = relation(ctx, a, rtype, t, noun, sent, "nominal", modality=mood)
            if governor in STOPPING_VERBS:  # "halted the delivery": the supply is not happening
                rel = replace(rel, evidence=replace(rel.evidence, negated=True))
            yield rel
