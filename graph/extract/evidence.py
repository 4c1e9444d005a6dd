"""Relation records: a typed pair of actors with the evidence of the sentence that links them."""
from __future__ import annotations

from dataclasses import replace
from itertools import combinations, permutations

from graph.extract.context import Context
from graph.extract.coref import FIRST_PERSON
from graph.extract.mentions import Ref, unique
from graph.extract.mood import clause_mood, conditional, vowed
from graph.models import Evidence, Relation
from graph.ontology import CO_MENTIONED

ACTOR_TYPES = frozenset({"GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON", "WEAPON", "AGREEMENT"})
# Rules whose relation holds whatever the clause's mood: "Turkish President Erdogan" leads Turkey.
STATIC_RULES = frozenset({"title", "appos", "located", "backed", CO_MENTIONED})
# Conflicts between parties named together run both ways ("clashes between A and B").
MUTUAL = frozenset({"attacks", "opposes"})
# What a condition or a vow turns into a threat: "X would strike Y if ...", "X vowed to strike Y".
COERCIVE = frozenset({"sanctions", "attacks"})
# How far each rule is trusted; a rule not listed gets 0.6.
CONFIDENCE = {"svo": 0.85, "passive": 0.8, "control": 0.75, "nominal": 0.75, "between": 0.8,
              "backed": 0.85, "title": 0.9, "appos": 0.85, "copula": 0.75, "adjective": 0.8,
              "located": 0.7, "ellipsis": 0.5, "demand": 0.7, "headline": 0.7, "alongside": 0.75, "includes": 0.75,
              "naming": 0.7, "pitted": 0.7, "court": 0.75,
              CO_MENTIONED: 0.3}


def relation(ctx: Context, subj: Ref, rtype: str, obj: Ref, trigger, sent, rule: str,
             modality: str | None = None, item: str | None = None) -> Relation:
    """The relation subj -rtype-> obj read at a trigger token, with its evidence.

    Args:
        ctx: the document being read; the relation's entities are added to `ctx.related`.
        subj: the actor that does it.
        rtype: the relation type.
        obj: the actor that receives it.
        trigger: the token that signals it.
        sent: the sentence span.
        rule: the name of the pattern that found it (sets the confidence).
        modality: overrides the clause mood's modality.
        item: the thing bought, sold or asked for, when the object is a party.
    """
    if rule in STATIC_RULES:
        negated, mood, speaker = False, "asserted", None
    else:
        negated, mood, speaker = clause_mood(ctx, trigger)
    conditioned = rtype in COERCIVE and conditional(trigger)
    if rtype in COERCIVE and (mood in ("future", "hypothetical") and conditioned or vowed(trigger)):
        # "would impose tariffs on X if ..." (a conditional threat), "vowed countermeasures against X"
        rtype = "threatens"
        mood = "hypothetical" if conditioned else "asserted" if mood == "future" else mood
    named = ctx.document.text[subj.start:subj.end]
    if mood == "reported" and named.lower() in FIRST_PERSON and not named.isupper():  # "US" is the state, not "us"
        mood = "asserted"  # a side quoted on its own act ("we lodged a protest") asserts it; "X said it struck" reports
    confidence = CONFIDENCE.get(rule, 0.6) - (0.15 if "pronoun" in (subj.how, obj.how) else 0.0)
    text = ctx.document.text
    end = sent.start_char + len(text[sent.start_char:sent.end_char].rstrip())
    evidence = Evidence(
        doc_id=ctx.document.id, source=ctx.document.source, sentence=text[sent.start_char:end],
        start=sent.start_char, end=end, subject_span=(subj.start, subj.end), object_span=(obj.start, obj.end),
        trigger_span=(trigger.idx, trigger.idx + len(trigger.text)), trigger=trigger.text,
        negated=negated, modality=modality or mood, confidence=round(max(confidence, 0.1), 2),
        rule=rule, speaker=speaker, item=item if item != obj.entity.label else None,
    )
    ctx.related.update({subj.entity.id: subj.entity, obj.entity.id: obj.entity})
    return Relation(subj.entity.id, rtype, obj.entity.id, evidence)


def between(ctx: Context, parties: list[Ref], rtype: str, trigger, sent, rule: str):
    """The relation between every two of the parties, in the order they are named; a conflict
    ("clashes between A and B", "A-B tensions") goes both ways."""
    for a, b in combinations(unique(parties), 2):
        yield relation(ctx, a, rtype, b, trigger, sent, rule)
        if rtype in MUTUAL:
            yield relation(ctx, b, rtype, a, trigger, sent, rule)


def each_to_each(ctx: Context, doers: list[Ref], rtype: str, targets: list[Ref], trigger, sent, rule: str):
    """The relation from every doer to every target (none to itself)."""
    for s in doers:
        for o in targets:
            if o.entity.id != s.entity.id:
                yield relation(ctx, s, rtype, o, trigger, sent, rule)


def mutual(ctx: Context, parties: list[Ref], rtype: str, trigger, sent, rule: str):
    """The relation from every party to every other: what they did to each other."""
    for a, b in permutations(unique(parties), 2):
        yield relation(ctx, a, rtype, b, trigger, sent, rule)


def co_mentions(ctx: Context, sent, typed) -> list[Relation]:
    """Pairs of actors in one sentence that no typed relation links (weak, hidden by default)."""
    linked = {frozenset((r.subject, r.object)) for r in typed}
    first: dict[str, Ref] = {}
    for i in range(sent.start, sent.end):
        ref = ctx.refs.get(i)
        if ref and ref.entity.type in ACTOR_TYPES:
            first.setdefault(ref.entity.id, ref)
    out = []
    for a, b in combinations(first.values(), 2):
        if frozenset((a.entity.id, b.entity.id)) not in linked:
            rel = relation(ctx, a, CO_MENTIONED, b, ctx.doc[sent.start], sent, CO_MENTIONED)
            out.append(replace(rel, evidence=replace(rel.evidence, trigger_span=None, trigger="")))
    return out
