"""Criticism by naming: "A called B's drills a 'war rehearsal'", "calling him a 'separatist'",
"characterised the decision of the court as 'biased'" -- the one who names criticizes whoever the
named thing belongs to, when what it is called is a reproach (`graph.ontology.REPROACH_WORDS`)."""
from __future__ import annotations

from graph.extract.context import Context
from graph.extract.coref import actors, phrase_actors
from graph.extract.evidence import each_to_each
from graph.extract.mentions import unique
from graph.extract.roles import subjects
from graph.extract.tokens import pobjs
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
    words = [t for c in called for t in c.subtree] or _quoted_after(verb, named)
    if not any(t.lemma_.lower() in REPROACH_WORDS or t.lower_ in REPROACH_WORDS for t in words):
        return
    in_name = {t.idx for t in words}  # an actor inside the name is not the one named
    owners = [r for n in named for c in n.children if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by"
              for o in ([c] if c.dep_ == "poss" else pobjs(c)) for r in actors(ctx, o)]
    # whose the named thing is ("Russia's violation of Polish airspace": Russia's, not Poland's)
    targets = unique([r for r in owners or [r for n in named for r in phrase_actors(ctx, n)] if r.start not in in_name])
    yield from each_to_each(ctx, subjects(ctx, verb, False)[0], "criticizes", targets, verb, sent, "naming")


OPENING_QUOTES = frozenset({'"', "“", "‘", "'"})
CLOSING_QUOTES = frozenset({'"', "”", "’", "'"})


def _quoted_after(verb, named) -> list:
    """The words of the quoted name that follows the object when the parser hung it inside the object
    ("called Russia's violation of Polish airspace 'reckless behaviour'")."""
    tokens = [t for t in verb.subtree if t.i > max(n.i for n in named)]
    opening = next((k for k, t in enumerate(tokens) if t.text in OPENING_QUOTES), None)
    if opening is None:
        return []
    closing = next((k for k in range(opening + 1, len(tokens)) if tokens[k].text in CLOSING_QUOTES), None)
    return tokens[opening + 1:closing] if closing is not None else []
