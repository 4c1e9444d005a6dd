"""Who does it and who receives it: subjects (active, passive agents, inherited through control,
conjunction or relative clauses) and objects (direct, recipient, prepositional, relative)."""
from __future__ import annotations

from graph.extract.context import Context
from graph.extract.coref import RELATIVE_PRONOUNS, actors, modifier_actors, party_actors, phrase_actors
from graph.extract.mentions import Ref, unique
from graph.extract.tokens import pobjs, preposition, trigger
from graph.ontology import ACCUSING_VERBS, BY_NAME, FRONTIER_NOUNS, NAMING_VERBS, NOUN_TRIGGERS, PREP_VERB_TRIGGERS, PROJECTILES, SYMMETRIC, VERB_TRIGGERS, WEAK_OBJECT_TYPES

QUANTITY_NOUNS = frozenset({"hundreds", "thousands", "dozens", "hundred", "thousand", "millions", "some",
                            "many", "most", "all", "group", "number", "contingent", "unit", "team"})
VERB_OBJECT_PREPS = frozenset({"with", "against", "to", "on", "at", "from", "for", "into", "toward",
                               "towards", "upon", "of", "between"})
# "at" names a target only for attacks and for verbs that take it ("fired at X", "lashed out at X");
# elsewhere it is the venue ("slammed at the United Nations").
AT_TYPES = frozenset({"attacks", "threatens", "criticizes"})
AT_VERBS = frozenset({"fire", "lash", "hit", "strike", "shoot", "aim", "target", "launch", "point"})
# Supply verbs whose direct object is the goods, never the recipient: "ship tanks", "sell jets".
GOODS_FIRST = frozenset({"sell", "deliver", "send", "ship", "transfer", "export", "produce"})
# Taking ground: the place taken is no actor, the one it is taken from is ("captured the town from X").
TAKING_VERBS = frozenset({"annex", "occupy", "capture", "seize", "retake", "overrun", "storm"})
# Things said or done whose author is the target of a stance on them: "rejected an offer from X".
STANCE_TYPES = frozenset({"opposes", "criticizes", "supports"})
STANCE_OBJECTS = frozenset("""
offer proposal plan request demand statement remark comment claim accusation allegation decision move
action policy stance position bid initiative call proposition suggestion threat ultimatum
""".split())
AIMED_PREPS = frozenset({"at", "toward", "towards", "on", "into", "against", "upon"})  # where projectiles go
INHERITING_PREPS = frozenset({"in", "by", "after", "before", "while", "through", "at", "for"})


# ---- who does it ------------------------------------------------------------------------
def subjects(ctx: Context, verb, passive: bool) -> tuple[list[Ref], str]:
    """Who does it: the subject, the passive agent, or a controller up the verb chain.

    Returns:
        The doers, and the rule that found them: "svo", "passive" or "control".
    """
    for child in verb.children:
        if passive and child.dep_ == "agent":
            found = [r for obj in pobjs(child) for r in phrase_actors(ctx, obj)]
            if found:
                return found, "passive"
        if not passive and child.dep_ in ("nsubj", "csubj") and child.i not in ctx.datelines:
            listed = [c for c in verb.children if c != child and c.dep_ in ("nsubj", "npadvmod") and c.i < verb.i
                      and c.pos_ == "PROPN" and "," in (ctx.doc[max(c.left_edge.i - 1, 0)].text,
                                                        ctx.doc[c.right_edge.i + 1].text)]
            # a headline's list: "Iran, Saudi Arabia agree"
            named = sorted([child, *listed], key=lambda t: t.i)
            return unique([r for c in named for r in _subject_actors(ctx, c)]), "svo"
        if not passive and child.dep_ in ("compound", "npadvmod", "nmod") and child.i < verb.i and actors(ctx, child) \
                and not any(c.dep_ == "nsubj" for c in verb.children):
            return actors(ctx, child), "svo"  # a subject the parser attached as a modifier
    if passive:  # with no agent the doer is unsaid: what a clause above shares is the one done to
        return _cause_actors(ctx, verb), "passive"  # ("Turkey struck Syria and was condemned")
    return _inherited_subjects(ctx, verb), "control"


def surface_subjects(ctx: Context, verb) -> list[Ref]:
    """The grammatical subject, active or passive, that a dependent clause shares."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _subject_actors(ctx, child)
    return _inherited_subjects(ctx, verb)


def _subject_actors(ctx: Context, tok) -> list[Ref]:
    """The doers a subject names: an actor, or a count of one ("hundreds of US troops");
    not the owner of a thing ("its radar could provide ..." is not the owner acting)."""
    found = actors(ctx, tok)
    if not found and tok.pos_ == "NOUN":  # "several countries, including A and B, condemned ..."
        found = [r for p in tok.children if p.dep_ == "prep" and naming_members(p)
                 for o in pobjs(p) for r in actors(ctx, o)]
    if not found and tok.lemma_.lower() in ("ally", "member", "partner") and tok.tag_ == "NNS":
        found = [r for c in tok.children if c.dep_ == "compound" for r in actors(ctx, c)
                 if r.entity.type == "ALLIANCE"]  # "NATO allies expressed solidarity": the alliance
    if not found and (tok.lemma_.lower() in QUANTITY_NOUNS or tok.pos_ == "NUM"):
        found = [r for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in pobjs(p)
                 for r in actors(ctx, o)]
    return found


def naming_members(prep) -> bool:
    """A preposition that lists members of a group: "including", "like", "such as"."""
    if prep.lower_ in ("including", "like"):
        return True
    return prep.lower_ == "as" and (any(c.lower_ == "such" for c in prep.children)
                                    or prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")


def _cause_actors(ctx: Context, verb) -> list[Ref]:
    """Agents of a passive verb given as a cause: "killed in/as a result of Syrian airstrikes"."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "as", "during", "from", "amid"):
            for tok in prep.subtree:
                if trigger(tok, NOUN_TRIGGERS) == "attacks":
                    found = modifier_actors(ctx, tok, 0, preps=("by",), regime=True)
                    if found:
                        return found
    return []


def _inherited_subjects(ctx: Context, verb, depth: int = 0) -> list[Ref]:
    """Subject of a verb that has none: control, conjunction, participle, relative clause."""
    head, dep = verb.head, verb.dep_
    if head == verb or depth > 4:
        return []
    if dep == "xcomp" or (dep == "advcl" and any(c.lower_ == "to" for c in verb.children)):
        for child in head.children:  # object control: "pressed X to send", "help X fight"
            if child.dep_ in ("dobj", "dative") and child.i < verb.i and actors(ctx, child):
                return actors(ctx, child)
        return surface_subjects(ctx, head)
    if dep in ("conj", "advcl", "acomp"):
        return surface_subjects(ctx, head)
    if dep == "acl" and head.pos_ in ("NOUN", "PROPN"):  # "Turkey's decision to acquire"
        return [r for c in head.children if c.dep_ == "poss" for r in actors(ctx, c)] or \
            actors(ctx, head) or governor_subjects(ctx, head)
    if dep == "relcl":
        return actors(ctx, head)
    if dep == "pcomp" and head.lower_ in ("of", "for") and head.head.lemma_.lower() in ACCUSING_VERBS:
        return [r for c in head.head.children if c.dep_ == "dobj" for r in actors(ctx, c)]  # "accused Y of arming Z"
    if dep == "pcomp" and head.lower_ in INHERITING_PREPS:  # "leading a coalition in fighting X"
        node = head.head
        while node.pos_ not in ("VERB", "AUX") and node.head != node:
            node = node.head
        return surface_subjects(ctx, node) if node.pos_ in ("VERB", "AUX") else []
    return []


# Passives that put their subject in a state rather than have it undergo something: "A and B have
# been locked in a dispute", "A was embroiled in a feud with B", "A is engaged in talks with B".
STATE_PASSIVES = frozenset({"lock", "embroil", "mire", "entangle", "enmesh", "engage", "involve", "bog"})


def governor_subjects(ctx: Context, noun) -> list[Ref]:
    """Subject of the verb a noun hangs from: "X expressed concern", "X is in talks", "X is one of",
    "X and Y have been locked in a dispute"."""
    while noun.dep_ == "conj" or (noun.dep_ == "pobj" and noun.head.lower_ == "of"):
        noun = noun.head if noun.dep_ == "conj" else noun.head.head
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("in", "into", "under", "at", "amid", "despite", "during", "as"):
        head = head.head
    elif noun.dep_ not in ("dobj", "attr", "oprd") and not (noun.dep_ == "xcomp" and noun.pos_ == "NOUN"):
        return []  # (a noun the parser hung as a verb's complement is its object: "A and B began ceasefire talks")
    if head.pos_ not in ("VERB", "AUX") or any(c.dep_ == "nsubjpass" for c in head.children) \
            and noun.dep_ != "oprd" and not (noun.dep_ == "pobj" and head.lemma_.lower() in STATE_PASSIVES):
        return []
    return surface_subjects(ctx, head)


# ---- who receives it --------------------------------------------------------------------
def objects(ctx: Context, verb, rtype: str, passive: bool) -> list[Ref]:
    """Who receives it: direct object, recipient, prepositional or relative object."""
    found: list[Ref] = []
    recipients: list[Ref] = []
    for child in verb.children:
        if child.dep_ == "dobj" and child.i in ctx.refs and verb.lemma_.lower() in TAKING_VERBS:
            found += [r for p in child.children if p.dep_ == "prep" and p.lower_ == "from"
                      for o in pobjs(p) for r in actors(ctx, o)]  # "annexed Crimea from Ukraine"
            continue  # "capture Tripoli", "seized Goma": the place taken, not the one it is taken from
        if rtype == "supplies" and child.dep_ == "dobj" and verb.lemma_.lower() in GOODS_FIRST:
            recipients += [r for p in child.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                           for o in pobjs(p) for r in phrase_actors(ctx, o)]  # "shipped tanks (to X)": goods
        elif (passive and child.dep_ == "nsubjpass") or child.dep_ in ("dobj", "dative", "attr") and child.pos_ != "ADP":
            # one meets or deals with a party, not with the topic: "discuss a Syria pact"
            found += party_actors(ctx, child) if rtype in SYMMETRIC else phrase_actors(ctx, child, frontiers=rtype != "attacks")
            if rtype == "supplies":  # "sold jets to India" with "to" attached to the noun
                recipients += [r for p in child.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                               for o in pobjs(p) for r in phrase_actors(ctx, o)]
            if rtype in ("opposes", "criticizes") and trigger(child, NOUN_TRIGGERS):  # "rejected a deal between A and B"
                found += [r for p in child.children if p.dep_ == "prep" and p.lower_ == "between"
                          for o in pobjs(p) for r in actors(ctx, o)]
            if rtype in STANCE_TYPES and child.lemma_.lower() in STANCE_OBJECTS:
                found += authors(ctx, child)  # "rejected an offer from the EU", "condemned remarks made by X"
            if rtype in ("requests", "acquires", "attacks"):  # "requested Patriot systems from Germany", "annexed Crimea from Ukraine"
                found += [r for p in child.children if p.dep_ == "prep" and p.lower_ == "from"
                          for o in pobjs(p) for r in actors(ctx, o)]
            if rtype == "attacks" and child.lemma_.lower() in PROJECTILES:  # "launched missiles toward X"
                found += [r for p in child.children if p.dep_ == "prep" and p.lower_ in AIMED_PREPS
                          for o in pobjs(p) for r in phrase_actors(ctx, o)]
        elif child.dep_ in ("prep", "dative") and child.lower_ in VERB_OBJECT_PREPS and not (
                rtype == "supports" and child.lower_ == "against") and not (
                child.lower_ == "at" and (rtype not in AT_TYPES or verb.lemma_.lower() not in AT_VERBS)) and not (
                rtype == "supplies" and child.lower_ not in ("to", "for")):  # "sent ships into X" supplies no one
            refs = [r for obj in pobjs(child) if obj.lemma_.lower() not in FRONTIER_NOUNS  # "struck sites on the A-B border"
                    for r in phrase_actors(ctx, obj)]
            (recipients if child.lower_ in ("to", "for") else found).extend(refs)
        elif child.dep_ == "prep" and PREP_VERB_TRIGGERS.get(verb.lemma_.lower()) == (preposition(child), rtype):
            found += [r for obj in pobjs(child) for r in phrase_actors(ctx, obj)]  # "complained about X"
        elif child.lower_ in ("out", "away", "back", "home") and child.dep_ in ("prep", "prt", "advmod"):
            # "pulled out of the deal", "ordered its ambassadors back from X"
            found += [r for p in child.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
                      for o in pobjs(p) for r in phrase_actors(ctx, o)]
        elif child.dep_ == "ccomp" and rtype == "threatens" and trigger(child, VERB_TRIGGERS) == "attacks" and not any(
                c.dep_ == "agent" for c in child.children):  # "warned that Hamas leaders abroad would be targeted"
            found += [r for c in child.children if c.dep_ == "nsubjpass" for r in phrase_actors(ctx, c)]
        elif child.dep_ == "ccomp" and child.lemma_.lower() in NAMING_VERBS and any(
                c.dep_ == "dobj" and c.lower_ == "what" for c in child.children):
            # "condemned what it called an Israeli attack": the actors of the name
            found += [r for c in child.children if c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as"
                      for o in ([c] if c.dep_ == "oprd" else pobjs(c)) for r in phrase_actors(ctx, o)]
        elif child.dep_ == "ccomp" and rtype != "threatens" and not any(c.dep_ == "dobj" for c in verb.children):
            found += [r for s in child.children if s.dep_ == "nsubj" for r in actors(ctx, s)]  # "help X defend"
        elif child.dep_ == "advcl" and rtype == "requests" and any(
                m.dep_ == "mark" and m.lower_ == "for" for m in child.children):  # "calls for X to leave"
            found += [r for s in child.children if s.dep_ == "nsubj" for r in phrase_actors(ctx, s)]
        elif child.dep_ == "xcomp" and rtype == "threatens" and _menacing(child):
            # "threatened to hit Syrian targets"; a vow to do good is no threat ("vowed to expand trade with X")
            found += objects(ctx, child, "attacks", False)
            if not any(c.dep_ == "dobj" for c in verb.children):  # "warned X to cut ties with Y": X's act, not a threat to Y
                found += _threatened_parties(ctx, child)
        if child.dep_ == "dobj" and rtype == "threatens" and trigger(child, NOUN_TRIGGERS):
            found += [r for p in child.children if p.dep_ == "prep" and p.lower_ in ("on", "against", "for")
                      for o in pobjs(p) for r in phrase_actors(ctx, o)]  # "threatening sanctions on Turkey"
            if trigger(child, NOUN_TRIGGERS) == "attacks":  # "threatened military intervention in Niger"
                found += attacked_territory(ctx, child, threatened=True)
                found += [r for p in child.children if p.dep_ == "prep" and p.lower_ == "over"  # "... over X's deal"
                          for o in pobjs(p) for r in phrase_actors(ctx, o)] if not found else []
    found += _relative_objects(ctx, verb)
    if passive and verb.dep_ == "conj" and not any(c.dep_ == "nsubjpass" for c in verb.children):
        found += surface_subjects(ctx, verb.head)  # "Turkey struck Syria and was condemned by Greece"
    if rtype == "attacks" and not found and verb.lemma_.lower() not in TAKING_VERBS:  # "struck a refinery in Russia's Samara region"
        found = [r for c in verb.children if c.dep_ == "dobj" and not _held_by_others(ctx, c) for p in c.children
                 if p.dep_ == "prep" and p.lower_ == "in" for o in pobjs(p) for r in phrase_actors(ctx, o)]
        if not any(c.dep_ == "dobj" and _held_by_others(ctx, c) for c in verb.children):
            found = found or attacked_territory(ctx, verb)
    if rtype == "supplies":
        return fit_objects(recipients or found, rtype)
    if rtype == "acquires":
        found += sellers(ctx, verb)
    found = unique(found + recipients)
    return fit_objects(found, rtype)


RETALIATING = frozenset({"retaliate", "avenge", "punish"})
BUILDING_VERBS = frozenset({"expand", "deepen", "strengthen", "boost", "increase", "improve", "develop", "promote",
                            "build", "broaden", "enhance", "restore", "resume", "renew", "normalise", "normalize"})


def _threatened_parties(ctx: Context, act) -> list[Ref]:
    """Whom a threatened act is aimed at besides what it would strike: the other party of a
    relation it would break or a penalty it would lay ("to suspend the treaty with X", "to halt its
    gas exports to X", "to impose tariffs on X"; not "vowed to expand its trade with X"), the one
    whose deed it would answer ("to retaliate after Israeli strikes", "to avenge X's raid")."""
    breaking = _polarity(trigger(act, VERB_TRIGGERS)) < 0
    found = [r for c in act.children if c.dep_ == "dobj" for p in c.children if p.dep_ == "prep" and (
        breaking and trigger(c, NOUN_TRIGGERS) and p.lower_ in ("with", "to")
        or trigger(c, NOUN_TRIGGERS) == "sanctions" and p.lower_ in ("on", "against"))
        for o in pobjs(p) for r in phrase_actors(ctx, o)]
    if act.lemma_.lower() in RETALIATING:  # "to retaliate for X's raid", "to avenge X's attack"
        answered = [o for c in act.children if c.dep_ == "prep" and c.lower_ in ("for", "after", "against", "over")
                    for o in pobjs(c)] + [c for c in act.children if c.dep_ == "dobj"]
        found += [r for o in answered for r in phrase_actors(ctx, o)]
    return found


def _polarity(rtype: str | None) -> int:
    return BY_NAME[rtype].polarity if rtype in BY_NAME else 0


def _menacing(act) -> bool:
    """Whether what a threat verb says will be done can be a threat: not what builds a relation
    ("vowed to support X", "to expand its trade with X", "to strengthen ties with X"), unless what
    it would build up is hostile ("to expand its offensive into X", "to resume strikes on X")."""
    if _polarity(trigger(act, VERB_TRIGGERS)) > 0:
        return False
    return act.lemma_.lower() not in BUILDING_VERBS or any(
        c.dep_ == "dobj" and _polarity(trigger(c, NOUN_TRIGGERS)) < 0 for c in act.children)


def authors(ctx: Context, noun) -> list[Ref]:
    """Who made what a stance is taken on: "an offer from X", "statements by X", "remarks made by X"."""
    preps = [p for p in noun.children if p.dep_ == "prep" and p.lower_ in ("from", "by")]
    preps += [a for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in c.children if a.dep_ == "agent"]
    return [r for p in preps for o in pobjs(p) for r in phrase_actors(ctx, o)]


HOLDERS = frozenset("terror terrorist militant rebel insurgent jihadist extremist guerrilla enemy".split())


def _held_by_others(ctx: Context, target) -> bool:
    """Whether what was struck is said to be someone's other than the state it lies in: "terror
    targets in Lebanon", "Kurdish positions in northern Syria" (the state is only where they are)."""
    return any(m.dep_ in ("amod", "compound", "poss", "nmod") and (
        m.lower_ in HOLDERS or m.i in ctx.refs or m.ent_type_ == "NORP") for m in target.children)


def attacked_territory(ctx: Context, tok, *, threatened: bool = False) -> list[Ref]:
    """The state whose territory an attack goes into, or a force operates in: "intervened militarily
    in eastern Congo", "an incursion into Uganda" (not "strikes in Lebanon", which only place them)."""
    preps = ("into",) if tok.pos_ in ("NOUN", "PROPN") and not threatened else ("in", "into", "inside")
    return [r for p in tok.children if p.dep_ == "prep" and p.lower_ in preps
            for o in pobjs(p) for r in actors(ctx, o) if r.entity.type == "GPE"]


def _relative_objects(ctx: Context, verb) -> list[Ref]:
    """"which Ankara plans to purchase" -> the noun the relative clause hangs on;
    "X, something Carter opposed" -> the doers of the clause it comments on."""
    if not any(c.dep_ == "dobj" and c.lower_ in RELATIVE_PRONOUNS for c in verb.children) \
            and verb.dep_ != "relcl" or any(c.lower_ in ("where", "when") for c in verb.children):
        return []  # "Syria, where they back opposing sides": the place is no object
    node = verb
    while node.dep_ in ("xcomp", "ccomp") and node.head != node:
        node = node.head
    if node.dep_ != "relcl":
        return []
    noun = node.head
    if noun.pos_ == "PRON" and noun.dep_ in ("npadvmod", "appos") and noun.head.pos_ in ("VERB", "AUX"):
        return surface_subjects(ctx, noun.head)
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children) \
            or verb != node:
        return phrase_actors(ctx, noun)
    return []


def previous_objects(ctx: Context, sent) -> list[Ref]:
    """Objects of an elided verb ("Russia opposes.") from the sentence before."""
    if sent.start == 0:
        return []
    found = []
    for tok in ctx.doc[sent.start - 1].sent:
        rtype = trigger(tok, VERB_TRIGGERS) if tok.pos_ == "VERB" else None
        if rtype:
            found += objects(ctx, tok, rtype, False)
    return unique(found)


def fit_objects(refs: list[Ref], rtype: str) -> list[Ref]:
    """A weapon is a fit object only of buying, opposing or sanctioning it; what is supplied or
    asked for is the item, never the recipient or the party asked."""
    return unique(refs) if rtype in WEAK_OBJECT_TYPES else [r for r in unique(refs) if r.entity.type != "WEAPON"]


def sellers(ctx: Context, tok) -> list[Ref]:
    """Who sells what a purchase names: "from Russia", or the state that qualifies the item
    ("buy Russian S-400s", "its order of Su-35 jets from Russia")."""
    found = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            found += [r for o in pobjs(child) for r in actors(ctx, o)]
        elif child.dep_ in ("dobj", "nsubjpass") or child.dep_ == "prep" and child.lower_ == "of":
            for thing in (pobjs(child) if child.dep_ == "prep" else [child]):
                found += sellers(ctx, thing)
                found += [r for m in thing.children if m.dep_ in ("amod", "compound", "nmod")
                          for r in actors(ctx, m) if r.entity.type == "GPE"]
    return unique(found)


def item_of(ctx: Context, tok) -> str | None:
    """The weapon system a trade or request is about, named in the trigger's object phrases:
    "supply Ukraine with IRIS-T systems", "its order of Su-35 jets", "requested Patriot batteries"."""
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr") or child.dep_ == "prep" and child.lower_ in ("with", "of", "for"):
            for t in child.subtree:
                ref = ctx.refs.get(t.i)
                if ref and ref.entity.type == "WEAPON":
                    return ref.entity.label
    return None
