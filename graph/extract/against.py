"""Opposition stated through a third party's verb or a court: "the dispute pits A against B" (A and
B oppose each other, whatever pits them), "A took B to the court of arbitration", "A dragged B
before the UN's highest court" (A opposes B: it goes to law against B)."""
from __future__ import annotations

from graph.extract.context import Context
from graph.extract.coref import phrase_actors
from graph.extract.evidence import each_to_each
from graph.extract.mentions import unique
from graph.extract.roles import subjects
from graph.extract.tokens import pobjs

PITTING_VERBS = frozenset({"pit"})
LITIGATION_VERBS = frozenset({"take", "drag", "haul", "bring"})
COURT_WORDS = frozenset({"court", "courts", "tribunal", "arbitration", "icj", "itlos"})


def against_relations(ctx: Context, verb, sent):
    """A verb that sets its object against another party, or takes its object to a court."""
    if verb.pos_ != "VERB":
        return
    lemma = verb.lemma_.lower()
    if lemma in PITTING_VERBS:
        sides = [c for c in verb.children if c.dep_ == "dobj"]
        against = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "against" for o in pobjs(p)]
        a = unique([r for c in sides for r in phrase_actors(ctx, c)])
        b = unique([r for o in against for r in phrase_actors(ctx, o)])
        yield from each_to_each(ctx, a, "opposes", b, verb, sent, "pitted")  # each side against the other
        yield from each_to_each(ctx, b, "opposes", a, verb, sent, "pitted")
    elif lemma in LITIGATION_VERBS:
        # the court: "to"/"before" a phrase naming one; the party taken there: the verb's object
        # (or an object a misparse hung lower, "dragged neighbouring B before ...")
        court = next((p for p in verb.subtree if p.dep_ == "prep" and p.lower_ in ("to", "before")
                      and any(t.lower_ in COURT_WORDS for t in p.subtree)), None)
        if court is None:
            return
        in_court = {t.idx for t in court.subtree}
        taken = [c for c in verb.subtree if c.dep_ == "dobj" and c.i < court.i and c.head.i >= verb.i]
        defendants = unique([r for c in taken for r in phrase_actors(ctx, c) if r.start not in in_court])
        yield from each_to_each(ctx, subjects(ctx, verb, False)[0], "opposes", defendants, verb, sent, "court")
