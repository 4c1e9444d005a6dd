"""Clause mood: whether a trigger's clause is negated, reported, future or hypothetical, and who says so."""
from __future__ import annotations

from graph.extract.context import Context
from graph.extract.tokens import pobjs, verb_base
from graph.extract.coref import actors
from graph.ontology import (
    ACCUSING_VERBS, CLAIM_NOUNS, DENYING_VERBS, FUTURE_LEMMAS, HEDGE_ADJECTIVES, HEDGE_AUX, NEGATING_LEMMAS, SPEECH_VERBS, VERB_TRIGGERS,
)

# Verbs that only suppose what their clause says.
SUPPOSING_VERBS = frozenset("suspect believe think fear doubt guess speculate assume".split())
# How a said clause hangs from its speech verb: "said (that) ...", a quote, "called X a Y".
SAID_DEPS = frozenset({"ccomp", "parataxis", "oprd"})
# Nouns whose clause is only intended: "the Commission's plan to slap duties on X".
PLAN_NOUNS = frozenset("plan plans proposal proposals bid attempt intention intent offer idea push".split())
CLIMBING_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "acomp", "pcomp", "prep"})


MOOD_VERBS = FUTURE_LEMMAS | NEGATING_LEMMAS | SPEECH_VERBS | SUPPOSING_VERBS | frozenset(VERB_TRIGGERS)


def _verb_lemma(tok) -> str:
    """The lemma of a verb, mended where the lemmatiser misreads a form ("hopes" -> "hop")."""
    lemma = tok.lemma_.lower()
    if lemma in MOOD_VERBS or tok.pos_ not in ("VERB", "AUX"):
        return lemma
    return verb_base(tok.lower_, MOOD_VERBS) or lemma


def clause_mood(ctx: Context, tok) -> tuple[bool, str, str | None]:
    """Negation, modality and speaker of the clause a trigger sits in.

    It climbs from the trigger (from a trigger noun's verb) through its verb chain. "not",
    "might" and "will" count only within the trigger's own verb complex ("did not agree to
    send"); planning and asking verbs count for their complements ("plans to buy"); a speech
    verb anywhere above makes it reported. The climb stops at relative clauses and noun
    modifiers, so "careful not to alienate Putin, who is backing Assad" leaves the backing asserted.

    Returns:
        Whether it is negated, its modality, and the speaker's label (or words) if reported.
    """
    negated, modality, speaker = False, "asserted", None
    node, via = tok, "self"
    conditioned = False  # an if/unless/whether clause in the trigger's own verb complex
    if tok.pos_ == "NOUN":  # "any agreement would be meaningless", "have had no diplomatic relations"
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        negated = "no" in dets
        hedged = any(c.dep_ == "amod" and c.lower_ in HEDGE_ADJECTIVES for c in tok.children)  # "a suspected attack"
        modality = "hypothetical" if dets & {"any", "whatever"} or hedged else modality
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
        node = tok.head
    elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.dep_ == "prep" \
            and tok.head.head.lemma_.lower() == "be":  # "are still not in agreement", "will be in talks"
        node = tok.head.head
    elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
        aux = {c.lemma_.lower() for c in tok.head.children if c.dep_ in ("aux", "auxpass")}
        # "relations could improve" is supposed, "ties will improve" ahead; "the attack did not stop
        # trade" leaves the attack asserted, so only the verb's modal is read
        modality = "hypothetical" if aux & HEDGE_AUX else "future" if aux & {"will", "shall"} else modality
        if tok.dep_ == "nsubjpass" and _verb_lemma(tok.head) in SPEECH_VERBS:
            modality = "reported" if modality == "asserted" else modality  # "Turkish attacks were reported on TV"
    for _ in range(10):
        tight = via in ("self", "xcomp", "acomp")
        for child in node.children:
            low, lemma = child.lower_, child.lemma_.lower()
            if child.dep_ == "advmod" and low in ("reportedly", "allegedly") and modality == "asserted":
                modality = "reported"  # covers the whole sentence below it
            if child.dep_ == "prep" and low == "according" and modality == "asserted":
                modality = "reported"  # "..., according to Bloomberg": said by the source named
                source = [o for p in child.children if p.lower_ == "to" for o in pobjs(p)]
                speaker = speaker or (_claimant_of(ctx, source[0]) if source else None)
            if via == "conj" and child.dep_ == "mark" and low in ("if", "unless", "whether"):
                modality, conditioned = "hypothetical", True  # "whether the two would meet, or hold talks"
            if not tight:
                continue
            if child.dep_ == "neg":
                negated = True
            elif child.dep_ in ("aux", "auxpass") and lemma in ("will", "shall") and modality != "hypothetical":
                modality = "future"
            elif child.dep_ in ("aux", "auxpass") and lemma in HEDGE_AUX or child.dep_ == "mark" and low in (
                    "if", "unless", "whether"):
                modality = "hypothetical"
                conditioned = conditioned or child.dep_ == "mark"
            elif child.dep_ == "amod" and low in HEDGE_ADJECTIVES:
                modality = "hypothetical"
            elif child.dep_ == "aux" and low == "to" and node.dep_ == "ROOT" and modality == "asserted" and any(
                    c.dep_ == "nsubj" for c in node.children):
                modality = "future"  # a headline's "Lithuania to open trade office in Taiwan"
        lemma = _verb_lemma(node)
        if node != tok and node.pos_ in ("VERB", "AUX", "ADJ"):
            ruled_out = lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in node.children)
            denies = lemma in DENYING_VERBS and via == "ccomp"  # "denied that it had sent troops"
            if via in ("xcomp", "advcl", "pcomp") and (lemma in NEGATING_LEMMAS or ruled_out) or denies:
                negated = True  # "unwilling to support", "ruled out sending"
            elif (via == "xcomp" or via == "ccomp" and lemma in ("hope", "wish", "expect")) \
                    and lemma in FUTURE_LEMMAS and modality in ("asserted", "reported"):
                # "had hoped to mend ties": a past intention, not a plan ahead
                modality = "hypothetical" if any(c.dep_ == "aux" and c.lower_ == "had" for c in node.children) \
                    else "future"
            elif via in ("xcomp", "ccomp") and (VERB_TRIGGERS.get(lemma) in ("requests", "opposes") or lemma == "invite"):
                modality = "hypothetical"  # "pressed X to send", "resisted sending", "invited X to visit": not (yet) done
            elif via == "ccomp" and lemma in SUPPOSING_VERBS:
                modality = "hypothetical"  # "we suspect that the two sides are in coordination"
            if lemma in SPEECH_VERBS and via != "self":
                modality = "reported" if modality == "asserted" else modality
                if modality == "hypothetical" and via == "ccomp" and not conditioned and _would(tok, node):
                    modality = "future"  # "said he would hold meetings": a plan reported, not a supposition
                subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
                if subj is not None and speaker is None and subj.i not in ctx.datelines:
                    refs = actors(ctx, subj)  # a pronoun names no speaker we can vouch for
                    speaker = refs[0].entity.label if refs and refs[0].how != "pronoun" else \
                        None if subj.pos_ == "PRON" or refs else subj.text
        if node.dep_ in ("acl",) and (any(c.dep_ == "amod" and c.lower_ in HEDGE_ADJECTIVES for c in node.head.children)
                                      or node.head.lemma_.lower() in PLAN_NOUNS):
            modality = "hypothetical"  # "a potential deal to sell X", "the Commission's plan to slap duties"
        if node.dep_ == "acl" and any(c.dep_ == "det" and c.lower_ == "no" for c in node.head.children):
            negated = True  # "has no plans to invade X", "saw no need to recall its ambassador"
        if node.dep_ in ("pcomp", "pobj") and node.head.head.lemma_.lower() in ACCUSING_VERBS and node.head.dep_ == "prep":
            # "accused the UAE of arming the RSF", "accused Rwanda of support for M23", "of seeking to undermine X"
            modality = "reported" if modality in ("asserted", "future") else modality
            speaker = speaker or _claimant(ctx, node.head.head)
            break
        if node.dep_ in ("acl", "ccomp", "relcl") and node.head.lemma_.lower() in CLAIM_NOUNS:
            claim = node.head  # "accusations that it supports M23": a claim, denied if so governed
            modality = "reported" if modality == "asserted" else modality
            negated = negated or claim.head.lemma_.lower() in DENYING_VERBS and claim.dep_ == "dobj"
            break
        if node.head == node or node.dep_ not in CLIMBING_DEPS:
            break
        via, node = node.dep_, node.head
    claimant = _claimed_responsibility(tok)
    if claimant is not None and modality == "asserted":  # "X claimed responsibility for an attack on Y"
        modality, speaker = "reported", speaker or _claimant(ctx, claimant)
    if modality == "asserted":  # a speech or naming verb anywhere above, outside its own subject
        speech = _speech_above(tok)
        if speech is not None:
            modality, speaker = "reported", speaker or _claimant(ctx, speech)
    return negated, modality, speaker


def _claimant_of(ctx: Context, tok) -> str | None:
    """The actor a source names, if it is one ("according to Iranian officials": Iran)."""
    refs = actors(ctx, tok)
    return refs[0].entity.label if refs and refs[0].how != "pronoun" else None


def _claimant(ctx: Context, verb) -> str | None:
    """Who says it: the actor named as the subject of a speech, claim or accusation verb (not a
    pronoun, which names no speaker we can vouch for, nor a dateline)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return _claimant_of(ctx, subj) if subj is not None and subj.i not in ctx.datelines else None


def _claimed_responsibility(tok):
    """The verb of "claimed responsibility for <the act>", when the trigger is that act: a side's claim."""
    prep = tok.head if tok.dep_ == "pobj" and tok.head.lower_ == "for" else None
    noun = prep.head if prep is not None else None
    if noun is None or noun.lemma_.lower() != "responsibility" or noun.dep_ != "dobj":
        return None
    return noun.head if noun.head.lemma_.lower() in ("claim", "take", "assume") else None


def _speech_above(tok):
    """The speech verb (or "call X Y") whose clause or quote a trigger is said in, if any; not
    one whose object it is ("announced sanctions" is the act, not a report of it)."""
    below = tok
    for anc in tok.ancestors:
        lemma = anc.lemma_.lower()
        naming = lemma == "call" and any(c.dep_ == "oprd" for c in anc.children)
        if anc.pos_ == "VERB" and (lemma in SPEECH_VERBS or naming) and below.dep_ in SAID_DEPS:
            return anc
        below = anc
    return None


def _would(tok, speech) -> bool:
    """Whether the hedge between a trigger and the speech verb above it is a plain "would"."""
    node = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr") else tok
    while node != speech and node.head != node:
        hedges = {c.lemma_.lower() for c in node.children if c.dep_ in ("aux", "auxpass")} & HEDGE_AUX
        if hedges:
            return hedges == {"would"}
        node = node.head
    return False


def conditional(tok) -> bool:
    """Whether a trigger's clause holds only on a condition: "would impose tariffs if Beijing ...",
    "will strike unless ..." (the verb chain up from the trigger has an if/unless clause)."""
    node = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr") else tok
    for _ in range(4):
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "conj") or node.head == node:
            return False
        node = node.head
    return False


VOWING = frozenset({"vow", "promise", "pledge", "threaten", "warn", "swear"})


def vowed(tok) -> bool:
    """Whether a trigger is what someone vows or threatens to do: "promised countermeasures against
    X", "vowed to strike X" (the verb chain up from the trigger reaches a vowing verb)."""
    node = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr") else tok
    for _ in range(3):
        if node.lemma_.lower() in VOWING and node != tok:
            return True
        if node.dep_ not in ("xcomp", "conj") or node.head == node:
            return False
        node = node.head
    return node.lemma_.lower() in VOWING and node != tok
