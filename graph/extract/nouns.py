"""Relations a noun signals: "Turkey's support for X", "sanctions on Y by X", "talks between A and B",
"Y received support from X", "A and B struck a deal"."""
from __future__ import annotations

from dataclasses import dataclass, replace

from graph.extract.context import Context
from graph.extract.coref import actors, actors_at, apposed, modifier_actors, phrase_actors
from graph.extract.evidence import MUTUAL, between, mutual, relation
from graph.extract.mentions import headline_verb_word, unique
from graph.extract.roles import (
    STANCE_OBJECTS, VERB_OBJECT_PREPS, attacked_territory, authors, fit_objects, governor_subjects, item_of, sellers,
    surface_subjects,
)
from graph.extract.tokens import pobjs, trigger
from graph.ontology import (
    ACCUSING_VERBS, ADJECTIVE_TRIGGERS, BACKED_FORMS, DENYING_VERBS, ITEM_TYPES, JOINT_NOUNS, MEDIATING_VERBS, CLAIM_NOUNS, IMPROVING_WORDS, IRREALIS_VERBS, SOURING_WORDS, TIE_NOUNS, NOUN_TRIGGERS, REACTING_VERBS, RECEIVING_VERBS, RECIPROCAL, STOPPING_VERBS,
    REHEARSING_VERBS, SYMMETRIC, TRADE_NOUNS, EASING_VERBS,
)

# Agreements whose suspension or scrapping is a sanction on the other party.
PACT_NOUNS = frozenset({"agreement", "deal", "pact", "accord", "treaty", "partnership", "cooperation"})
# Verbs that see their object as something: "saw the move as an attack on X".
SEEING_VERBS = frozenset("see consider treat interpret perceive portray present paint frame cast".split())
# Verbs that say what they take is not so (not "reject" or "dismiss", which can refuse a real thing).
REFUTING_VERBS = frozenset({"deny", "refute", "rebut", "disprove"})
NOUN_OBJECT_PREPS = VERB_OBJECT_PREPS - {"from", "between"} | {"over", "about"}
# Verbs whose subject does what their object noun names, whatever qualifies the noun.
AGENT_VERBS = frozenset("file lodge submit launch impose issue make raise bring level slap announce".split())
# Fighting that has two sides ("A and B fought a war", "exchanged fire"), not strikes of allies on a third.
MUTUAL_ATTACKS = frozenset({"war", "fighting", "clashes", "clash", "hostilities", "fight", "skirmish", "skirmishes",
                            "battle", "shootout", "firefight", "gunfire"})
MUTUAL_VERBS = frozenset({"exchange", "trade"})
# Wars no one fights with arms: "a proxy war between A and B", "the US-China trade war".
NOT_ARMED = frozenset({"proxy", "cold", "trade", "tariff", "currency", "price", "tech", "technology", "chip",
                       "propaganda", "information", "diplomatic", "legal", "sanctions"})
EXERCISE_NOUNS = frozenset({"drill", "exercise", "manoeuvre", "maneuver", "wargame"})  # military practice
TOPIC_PREPS = frozenset({"over", "on", "about", "regarding"})  # "talks with X over Y": Y is the topic
REASON_PREPS = TOPIC_PREPS - {"on"}  # "sanctions on X over Y": Y is the reason
VERB_TARGET_PREPS = frozenset({"on", "against", "with", "to", "toward", "towards", "at", "into"})
# Trade-defence steps that are sanctions once qualified: "anti-dumping measures", "countervailing duties".
TRADE_REMEDIES = frozenset({"measure", "measures", "duty", "levy"})  # an investigation imposes nothing yet
ASKING_VERBS = frozenset({"call", "press", "push", "lobby", "appeal", "ask", "plead"})
PARTY_TYPES = frozenset({"GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON"})


def noun_relations(ctx: Context, noun, sent):
    """A trigger noun (not itself an actor) between its doers and its targets."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i in ctx.refs:
        return
    rtype = _tie_type(noun) or _joint_type(noun) or trigger(noun, NOUN_TRIGGERS) or _qualified_type(noun)
    if not rtype:
        yield from _shared_exercises(ctx, noun, sent)
        return
    if rtype == "attacks" and (any(c.dep_ in ("amod", "compound") and c.lower_ in NOT_ARMED for c in noun.children)
                               or any(p.lower_ == "of" and any(o.lower_ == "words" for o in pobjs(p))
                                      for p in noun.children if p.dep_ == "prep")):
        rtype = "opposes"  # "a proxy war", "a trade war", "a war of words": no one fights the other
    governor = noun.head.lemma_.lower()
    if governor in REHEARSING_VERBS:
        return  # "the army appeared to be practicing a blockade of Taiwan": a drill, no blockade
    if governor in STOPPING_VERBS and noun.lemma_.lower() in TIE_NOUNS:
        return  # "broke off ties with X", "ties were cut": the verb reads it (sanctions), the ties are no cooperation
    parties = _between_parties(ctx, noun)
    if parties:  # "talks between A and B", "an agreement reached between A and B"
        denied = _denied(noun)  # "talks between A and B were ruled out"
        for rel in between(ctx, parties, rtype, noun, sent, "between"):
            yield replace(rel, evidence=replace(rel.evidence, negated=True)) if denied else rel
        return
    if governor in MEDIATING_VERBS:
        return  # "Egypt and Qatar mediated the truce": the mediators are no parties to it
    roles = _roles(ctx, noun, rtype)
    if not roles.targets and governor in MUTUAL_VERBS and noun.head.dep_ not in ("amod", "compound") \
            and len(unique(roles.agents)) > 1:  # "A and B traded accusations": each made them of the other
        yield from mutual(ctx, roles.agents, rtype, noun, sent, "nominal")
        return
    if not roles.targets and rtype in RECIPROCAL and len(unique(roles.agents)) > 1 and (
            roles.paired or governor not in REACTING_VERBS and not roles.owned and (
                rtype != "attacks" or _mutual(noun))):  # "A and B launched strikes": not on each other
        if rtype in MUTUAL and len(unique(roles.agents)) > 2 and not roles.paired:
            return  # "US, Syrian and Russian forces involved in a clash": who fought whom is unsaid
        yield from between(ctx, roles.agents, rtype, noun, sent, "nominal")  # "A and B resumed talks"
        return
    agents = roles.agents
    if roles.partners and not agents:
        agents = governor_subjects(ctx, noun)
    for a in agents:
        for p in roles.partners:
            yield relation(ctx, a, "cooperates", p, noun, sent, "nominal")
    yield from _emit(ctx, noun, rtype, unique(agents + roles.partners), _typed_targets(ctx, noun, rtype, roles.targets),
                     sent)


@dataclass
class _Roles:
    """Who does what a relation noun names and to whom, as its phrase and its verb say."""

    agents: list
    targets: list
    partners: list  # "joint attacks with M23": who acts with the agents
    owned: bool  # the agents own the noun ("their attacks"): they act together
    paired: bool  # the agents are the noun's modifiers ("India-China tension"): they are the parties


def _roles(ctx: Context, noun, rtype: str) -> _Roles:
    """The agents, targets and partners of a relation noun."""
    agents = [r for c in noun.children if c.dep_ == "poss" for r in actors(ctx, c)]
    owned, paired = bool(agents), not agents
    victims = [] if rtype != "attacks" else [  # "the Ukraine invasion": a country named before an attack
        r for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i not in ctx.partners
        for r in actors_at(ctx, c, 1) if r.entity.type == "GPE"]  # is its target; "Israel-Hamas war" is not
    qualifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                  and c.lower_ not in BACKED_FORMS and not _anti(c)
                  and not any(headline_verb_word(t) for t in noun.doc[c.i + 1:noun.i])]  # "Tbilisi Condemns X-Y Deal"
    named = [r for c in qualifiers for r in actors_at(ctx, c, 1) if r not in victims]
    if len(unique(named)) < 2:  # a pair named on the noun itself ("India-Canada tension") is its parties
        named = [r for c in qualifiers for r in actors_at(ctx, c, 1) or modifier_actors(ctx, c, 1) if r not in victims]
    agents = agents or named or [r for c in noun.children if c.dep_ == "amod" and c.lower_ == "led"
                                 for r in modifier_actors(ctx, c, 1)]  # "the Hamas-led attack on Israel"
    paired = paired and len(unique(agents)) > 1
    agents, targets, partners = _prep_roles(ctx, noun, rtype, agents, paired)
    targets = [r for c in noun.children if c.dep_ in ("amod", "compound") and _anti(c)  # "anti-Russian sanctions"
               for r in actors_at(ctx, c, 1)] + targets
    if not targets and noun.dep_ == "dobj":  # "imposed tariffs on China", "signed a deal with Russia"
        targets = [r for p in noun.head.children if p.dep_ == "prep" and p.lower_ in VERB_TARGET_PREPS
                   for o in pobjs(p) for r in _aimed_at(ctx, o, rtype)]
    if noun.dep_ == "dobj":  # "lodged a complaint with the ICJ against Ecuador": the court is where, not whom
        targets = [r for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "against"
                   for o in pobjs(p) for r in _aimed_at(ctx, o, rtype)] or targets
    if rtype == "attacks" and not targets:
        targets = victims or attacked_territory(ctx, noun)
    for clause in noun.children:  # "skepticism (that) the Russians can be trusted"
        if clause.dep_ in ("acl", "relcl", "ccomp"):
            targets += [r for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for r in actors(ctx, c)]
    agents, targets = _governed_roles(ctx, noun, rtype, agents, targets, owned)
    return _Roles(agents, targets, partners, owned, paired)


def _anti(tok) -> bool:
    """A modifier that names whom the noun is against: "anti-Azerbaijani", "anti-Houthi"."""
    return tok.lower_.startswith("anti-") or tok.i >= 2 and tok.doc[tok.i - 1].text == "-" \
        and tok.doc[tok.i - 2].lower_ == "anti"


def _prep_roles(ctx: Context, noun, rtype: str, agents: list, paired: bool) -> tuple[list, list, list]:
    """Agents, targets and partners the noun's prepositions name ("support from X for Y")."""
    targets, partners, topics = [], [], []
    joint = any(c.dep_ == "amod" and c.lower_ in ("joint", "combined") for c in noun.children)
    for prep in noun.children:
        if prep.dep_ not in ("prep", "acl"):
            continue
        if prep.lower_ in ("from", "by") and not agents:
            agents = [r for o in pobjs(prep) for r in phrase_actors(ctx, o)]
        elif prep.dep_ == "acl" and prep.tag_ == "VBN" and not agents:  # "tariffs imposed by Beijing (on X)"
            agents = [r for a in prep.children if a.dep_ == "agent" for o in pobjs(a) for r in phrase_actors(ctx, o)]
            targets += [r for p in prep.children if p.dep_ == "prep" and p.lower_ in VERB_TARGET_PREPS
                        for o in pobjs(p) for r in _aimed_at(ctx, o, rtype)]
        elif prep.lower_ == "with" and joint:  # "joint attacks with M23 against the army"
            partners += [r for o in pobjs(prep) for r in actors(ctx, o)]
            targets += [r for o in pobjs(prep) for p in o.children if p.dep_ == "prep" and p.lower_ == "against"
                        for x in pobjs(p) for r in phrase_actors(ctx, x)]
        elif prep.lower_ in REASON_PREPS and rtype not in SYMMETRIC:  # "sanctions ... over arms sales to X"
            topics += [r for o in pobjs(prep) for r in _aimed_at(ctx, o, rtype)]
        elif prep.lower_ in NOUN_OBJECT_PREPS and not (rtype in SYMMETRIC and prep.lower_ in TOPIC_PREPS | {"of"}) \
                and not (paired and prep.lower_ == "at"):  # "the A-B standoff at the reef": a venue
            targets += [r for o in pobjs(prep) for r in _aimed_at(ctx, o, rtype)]
    aimed = [r for p in _phrase(noun) if p.dep_ == "prep" and p.lower_ == "against" for o in pobjs(p)
             for r in _aimed_at(ctx, o, rtype)]
    targets = aimed or targets  # "a complaint with the ICJ against Ecuador": the court is where, not whom
    return agents, targets or ([] if paired else topics), partners  # a reason names the target only as a last resort


def _governed_roles(ctx: Context, noun, rtype: str, agents: list, targets: list, owned: bool) -> tuple[list, list]:
    """Agents and targets the verb governing the noun names: "Y received support from X", "came
    under fire from X", "Sudan files AU complaint", "X expressed concern"."""
    governor = noun.head.lemma_.lower()
    if noun.dep_ == "dobj" and governor in RECEIVING_VERBS:  # "Y received support from X", "drew objections from X"
        agents = agents or [r for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "from"
                            for o in pobjs(p) for r in phrase_actors(ctx, o)]
        targets = targets or _receivers(ctx, noun.head)
    if noun.dep_ == "pobj" and governor == "under" and not targets:  # "came under fire from X"
        targets, agents = governor_subjects(ctx, noun), agents or [
            r for p in noun.head.head.children if p.dep_ == "prep" and p.lower_ in ("from", "by")
            for o in pobjs(p) for r in phrase_actors(ctx, o)]
    if noun.dep_ == "dobj" and governor in AGENT_VERBS and not owned:  # "Sudan files AU complaint": the filer
        agents = governor_subjects(ctx, noun) or agents
    if noun.dep_ == "dobj" and governor == "have" and not agents and rtype not in SYMMETRIC:
        backers = [r for p in noun.children if p.dep_ == "prep" and p.lower_ in ("of", "from") for o in pobjs(p)
                   for r in phrase_actors(ctx, o)]
        if backers:  # "Israel had the backing of the United States": the US backs Israel
            agents, targets = backers, governor_subjects(ctx, noun)
    if not agents and noun.dep_ == "pobj" and noun.head.lower_ == "for" and \
            noun.head.head.lemma_.lower() == "responsibility" and noun.head.head.dep_ == "dobj":
        agents = governor_subjects(ctx, noun.head.head)  # "X claimed responsibility for an attack on Y"
    if not agents and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in ACCUSING_VERBS:
        agents = [r for c in noun.head.head.children if c.dep_ == "dobj" for r in actors(ctx, c)]  # "accused X of support for Y"
    # "both sides face allegations": not the accusers (but "A and B enjoy friendly relations" are its parties)
    received = noun.dep_ == "dobj" and governor in RECEIVING_VERBS and rtype not in SYMMETRIC
    if not agents and governor not in REACTING_VERBS and not received and not _naming_complement(noun):
        # "criticised sanctions": not the sanctioner; "called the war an aggression": not the aggressor
        agents = governor_subjects(ctx, noun)
    if not agents and noun.lemma_.lower() == "critic" and noun.dep_ == "appos":  # "X, a critic of Y"
        agents = apposed(ctx, noun)
    if not targets and rtype in ("criticizes", "opposes") and noun.dep_ == "pobj" and noun.head.lower_ in (
            "amid", "despite") and noun.head.head.pos_ == "VERB":  # "X defends its role amid French condemnation"
        targets = [r for r in surface_subjects(ctx, noun.head.head) if r not in agents]
    if not targets and noun.dep_ == "pobj" and noun.head.dep_ == "agent":  # "buoyed by support from X"
        targets = surface_subjects(ctx, noun.head.head)
    return agents, targets


def _typed_targets(ctx: Context, noun, rtype: str, targets: list) -> list:
    """The targets a type admits: a supply's recipient, a purchase's item and seller, a body joined."""
    if rtype == "supplies":  # "the delivery of jets to Turkey": the recipient is the object
        targets = [r for p in noun.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                   for o in pobjs(p) for r in phrase_actors(ctx, o)] or targets
    if rtype == "acquires":  # "its order of Su-35 jets from Russia": the item and the seller, nothing else
        targets = [r for r in targets if r.entity.type in ("WEAPON", "AGREEMENT")] + sellers(ctx, noun)
    if rtype == "member_of":  # "Finland's accession to NATO": membership of a body, never of a place
        targets = [r for r in targets if r.entity.type in ("ALLIANCE", "ORG")]
    return fit_objects(targets, rtype)


def _emit(ctx: Context, noun, rtype: str, agents: list, targets: list, sent):
    """The relations of a noun, in the mood its governing verb gives it."""
    governor = noun.head.lemma_.lower()
    item = item_of(ctx, noun) if rtype in ITEM_TYPES else None
    denied = _denied(noun)
    made = noun.lemma_.lower() in CLAIM_NOUNS or rtype == "requests" and any(c.dep_ == "poss" for c in noun.children)
    mood = "reported" if denied == "claim" else None if denied else "hypothetical" if _irrealis(noun) and not made \
        else "future" if _ahead(noun) else None  # (a claim or a party's demand, even rejected, was made)
    for a in agents:
        for t in targets:
            rel = relation(ctx, a, rtype, t, noun, sent, "nominal", modality=mood, item=item)
            if denied:
                rel = replace(rel, evidence=replace(rel.evidence, negated=True))
            if governor in STOPPING_VERBS:  # "halted the delivery" is no supply; "will not scrap" keeps it
                ev = rel.evidence  # and a stop only asked for or supposed leaves it standing
                kept = ev.negated or ev.modality == "hypothetical"
                rel = replace(rel, evidence=replace(ev, negated=not kept, modality="asserted" if kept and ev.modality in (
                    "future", "hypothetical") else ev.modality))
                pact = rtype == "cooperates" and noun.lemma_.lower() in PACT_NOUNS and ev.modality in ("asserted", "reported")
                if (rtype == "supplies" or pact) and not kept and governor not in EASING_VERBS:
                    # "suspended all exports to Israel", "halted the delivery of jets", "suspended all energy
                    # agreements with X": a sanction (DESIGN); a suspension only threatened is none yet
                    rel = replace(rel, relation="sanctions", evidence=replace(rel.evidence, negated=False))
            yield rel


def _mutual(noun) -> bool:
    """An attack noun naming fighting between its agents, not their strikes on a third party."""
    return noun.lemma_.lower() in MUTUAL_ATTACKS or noun.lower_ in MUTUAL_ATTACKS or noun.head.lemma_.lower() in MUTUAL_VERBS


def _tie_type(noun) -> str | None:
    """The type of a relations noun from the words around it: "strained relations", "ties soured",
    "relations deteriorated after ..." (opposes); "improved ties", "normalise relations" (cooperates)."""
    if noun.lemma_.lower() not in TIE_NOUNS and noun.lower_ not in TIE_NOUNS:
        return None
    words = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
    words |= {c.lemma_.lower() for c in _phrase_clauses(noun)}
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        words.add(noun.head.lemma_.lower())
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "of", "to"):
        words.add(noun.head.head.lemma_.lower())  # "deepening strain in ties between A and B", "a blow to ties"
    if words & SOURING_WORDS:
        return "opposes"
    if words & IMPROVING_WORDS:
        return "cooperates"
    return None


def _phrase_clauses(noun):
    """Relative clauses on a noun or on the names it is between ("ties between A and B, which soured")."""
    for t in noun.subtree:
        if t.dep_ == "relcl" and (t.head == noun or t.head.dep_ in ("pobj", "conj") and noun in t.head.ancestors):
            yield t


def _shared_exercises(ctx: Context, noun, sent):
    """Drills held by several parties together are cooperation ("Azerbaijan and Turkey announce military
    drills", "drills by Turkey, Pakistan and Azerbaijan"); drills near or around another are not."""
    if noun.lemma_.lower() not in EXERCISE_NOUNS or noun.dep_ not in ("dobj", "nsubj", "pobj", "ROOT"):
        return
    holders = [r for p in noun.children if p.dep_ == "prep" and p.lower_ == "by" for o in pobjs(p)
               for r in actors(ctx, o)] or (governor_subjects(ctx, noun) if noun.dep_ == "dobj" else [])
    if len(unique(holders)) > 1:
        yield from between(ctx, holders, "cooperates", noun, sent, "nominal")


def _joint_type(noun) -> str | None:
    """Acts done jointly are cooperation: "joint Turkish-Russian patrols", "A and B held joint drills"."""
    joint = any(c.dep_ == "amod" and c.lower_ in ("joint", "combined") for c in noun.children)
    return "cooperates" if joint and noun.lower_ in JOINT_NOUNS and not any(
        p.dep_ == "prep" and p.lower_ == "against" for p in noun.children) else None


def _qualified_type(noun) -> str | None:
    """A plain noun typed by its modifier: "hostile actions against X", "export controls on X"."""
    if noun.lemma_.lower() in ("control", "curb", "limit") and any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in ("export", "import", "trade") for c in noun.children):
        return "sanctions"
    if noun.lemma_.lower() in TRADE_REMEDIES and any(  # "anti-dumping measures on Canadian canola"
            any(w in t.lower_ for w in ("dumping", "subsid", "countervail")) for t in noun.lefts):
        return "sanctions"
    aimed = any(p.dep_ == "prep" and p.lower_ in ("against", "toward", "towards") for p in noun.children)
    for c in noun.children:
        if aimed and c.dep_ == "amod" and trigger(c, ADJECTIVE_TRIGGERS):
            return trigger(c, ADJECTIVE_TRIGGERS)
    return None


def _between_parties(ctx: Context, noun) -> list:
    """The actors named under "between" on the noun or on the clause that qualifies it: the
    objects and their conjuncts, and people the parser nested inside them ("between Egyptian
    President X and Ethiopian Prime Minister Y"), never what a topic or a clause adds."""
    holders = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        holders.append(noun.head.head)  # "a point of contention between A and B", "a source of tension between"
    preps = [p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "between"]
    preps += [p for c in noun.children if c.dep_ == "acl" for p in c.children
              if p.dep_ == "prep" and p.lower_ == "between"]
    if not preps:  # hung on the verb: "fighting broke out between A and B", "talks were held between A and
        # B" (the noun its subject), "two killed in a border skirmish between A and B" (the noun under "in")
        verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else noun.head
        if noun.dep_ in ("nsubj", "nsubjpass", "pobj") and verb.pos_ == "VERB":
            preps = [p for p in verb.children if p.dep_ == "prep" and p.lower_ == "between" and p.i > noun.i]
    found = [r for p in preps for o in pobjs(p) for r in actors(ctx, o)]
    found += [ctx.refs[t.i] for p in preps for t in _phrase(p) if t.i in ctx.refs
              and ctx.refs[t.i].entity.type == "PERSON"]
    return [r for r in unique(found) if r.entity.type in PARTY_TYPES]


def _phrase(tok):
    """The tokens of a phrase without its topic ("over ...") or its clauses."""
    yield tok
    for child in tok.children:
        if child.dep_ in ("relcl", "acl", "advcl") or child.dep_ == "prep" and child.lower_ in TOPIC_PREPS:
            continue
        yield from _phrase(child)


def _aimed_at(ctx: Context, obj, rtype: str) -> list:
    """The actors a relation noun's object names; for a sanction on trade, its partner
    ("restrictions on exports to South Korea", "a ban on imports from Lithuania")."""
    if rtype == "sanctions" and obj.lemma_.lower() in TRADE_NOUNS:
        found = [r for p in obj.children if p.dep_ == "prep" and p.lower_ in ("to", "from", "with")
                 for o in pobjs(p) for r in phrase_actors(ctx, o)]
        if found:
            return found
    return phrase_actors(ctx, obj) or (authors(ctx, obj) if obj.lemma_.lower() in STANCE_OBJECTS else [])


def _of_head(noun):
    """The noun an "of" chain hangs from: "sanctions" in "three packages of sanctions" -> "packages"."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head
    return noun


def _irrealis(noun) -> bool:
    """A relation noun that is only weighed, sought or feared: "weighing three packages of sanctions"."""
    noun = _of_head(noun)
    asked = noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in ASKING_VERBS
    return noun.head.lemma_.lower() in IRREALIS_VERBS or asked  # "called for new EU sanctions"


def _naming_complement(noun) -> bool:
    """A noun that says what the governing verb's object is, not what its subject does: "called the
    war an aggression against X", "branded the visit a provocation", "condemned the raid as an
    aggression against X", "will regard aid to the junta as hostility toward Y"."""
    noun = _of_head(noun)  # "condemned the raid as an act of aggression"
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.dep_ == "prep":
        verb = noun.head.head  # (not "launched drills as a warning to X": the subject warns)
        return verb.lemma_.lower() in REACTING_VERBS | SEEING_VERBS and any(
            c.dep_ == "dobj" and c.i < noun.i for c in verb.children)
    verb = noun.head
    return verb.lemma_.lower() in ("call", "dub", "brand", "label", "term", "name", "declare") and (
        noun.dep_ == "oprd" or noun.dep_ == "dobj" and any(c.dep_ == "dobj" and c.i < noun.i for c in verb.children))


def _denied(noun) -> str | None:
    """Whether the governing verb says a relation noun is not so: "denied Russian support for the
    junta", "ruled out NATO support for X" ("fact"); "denied accusations of support for X", a claim
    denied ("claim"). Rejecting sanctions, by contrast, leaves them standing."""
    trigger, noun = noun, _of_head(noun)
    verb, lemma = noun.head, noun.head.lemma_.lower()
    if noun.dep_ not in ("dobj", "nsubjpass"):  # "denied X's support", "talks with X were ruled out"
        return None
    if noun.lemma_.lower() in CLAIM_NOUNS:  # (the accusation itself, denied, was still made)
        return "claim" if lemma in DENYING_VERBS and noun != trigger else None
    ruled_out = lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return "fact" if lemma in REFUTING_VERBS or ruled_out else None


def _ahead(noun) -> bool:
    """A relation noun that has not happened yet: "ahead of his visit to China"."""
    return noun.dep_ == "pobj" and (noun.head.lower_ == "of" and noun.head.head.lower_ == "ahead"
                                    or noun.head.lower_ == "before" and noun.head.dep_ == "prep")


def _receivers(ctx: Context, verb) -> list:
    """Who a received relation is aimed at: the subject of "drew/faced ...", or the actor its
    subject belongs to ("Ethiopia's move ... drew objections")."""
    return surface_subjects(ctx, verb) or [r for c in verb.children if c.dep_ == "nsubj"
                                           for r in phrase_actors(ctx, c)]
