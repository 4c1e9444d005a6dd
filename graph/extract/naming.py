"""Criticism by naming: "A called B's drills a 'war rehearsal'", "calling him a 'separatist'",
"characterised the decision of the court as 'biased'" -- the one who names criticizes whoever the
named thing belongs to, when what it is called is a reproach (`graph.ontology.REPROACH_WORDS`)."""
from __future__ import annotations

from graph.extract.context import Context
from graph.extract.coref import phrase_actors
from graph.extract.evidence import each_to_each
from graph.extract.mentions import unique
from graph.extract.roles import subjects
from graph.ontology import NAMING_VERBS, REPROACH_WORDS


def naming_relations(ctx: Context, verb, sent):
    """A naming verb whose object is called a reproach: its subject criticizes the object's actors."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in NAMING_VERBS:
        return
    named = [c for c in verb.children if c.dep_ == "dobj" and not (c.pos_ == "PRON" and c.lower_ not in ("him", "her"))]
    if not named:  # "called it a violation": "it" is what happened, seldom an actor
        return
    # what the object is called: "a 'provocation'" (oprd), "'a war rehearsal'" (read as the object's
    # apposition), "as 'biased'" (a preposition of the verb)
    called = [c for c in verb.children if c.dep_ == "oprd" and c not in named] + [
        a for n in named for a in n.children if a.dep_ == "appos"] + [
        p for p in (*verb.children, *(c for n in named for c in n.children))  # "as ..." on the verb or its object
        if p.dep_ == "prep" and p.lower_ == "as"]
    if not any(t.lemma_.lower() in REPROACH_WORDS or t.lower_ in REPROACH_WORDS for c in called for t in c.subtree):
        return
    in_name = {t.idx for c in called for t in c.subtree}  # an actor inside the name is not the one named
    targets = unique([r for n in named for r in phrase_actors(ctx, n) if r.start not in in_name])
    yield from each_to_each(ctx, subjects(ctx, verb, False)[0], "criticizes", targets, verb, sent, "naming")
