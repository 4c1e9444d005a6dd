"""Relations that reported speech itself makes: "India must explain the killing, Trudeau said"
is Trudeau asking something of India. (What a speaker reports is read by the other patterns,
with the speaker kept on the evidence; see `mood`.)"""
from __future__ import annotations

from graph.extract.context import Context
from graph.extract.coref import actors
from graph.extract.evidence import relation
from graph.ontology import SPEECH_VERBS

DEMANDING_AUX = frozenset({"must", "should"})


def demand_relations(ctx: Context, verb, sent):
    """A speaker saying that an actor must or should do something asks it of that actor."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH_VERBS:
        return
    speakers = [r for c in verb.children if c.dep_ == "nsubj" for r in actors(ctx, c)]
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        modal = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ in DEMANDING_AUX), None)
        if modal is None or any(c.dep_ == "neg" for c in clause.children):
            continue
        addressees = [r for c in clause.children if c.dep_ == "nsubj" for r in actors(ctx, c)]
        for s in speakers:
            for a in addressees:
                yield relation(ctx, s, "requests", a, modal, sent, "demand", modality="asserted")
