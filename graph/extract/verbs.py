"""Relations a verb signals: "X backs Y", "Y was attacked by X", "X pressed Y to send",
"X works with Y", and the elided "Russia opposes." that takes its objects from the sentence before."""
from __future__ import annotations

from dataclasses import replace

from graph.extract.context import Context
from graph.extract.coref import actors, phrase_actors
from graph.extract.evidence import between, each_to_each, mutual, relation
from graph.extract.mentions import Ref
from graph.extract.roles import item_of, objects, previous_objects, subjects
from graph.extract.tokens import pobjs, preposition, trigger
from graph.ontology import (
    CLAIM_NOUNS, DEAL_HEADS, MEDIATING_VERBS, DELEGATION_NOUNS, ENVOY_NOUNS, TITLES, ITEM_TYPES, NOUN_TRIGGERS, PREP_VERB_TRIGGERS, PROJECTILES,
    RECEIVING_VERBS, RECIPROCAL, STOPPING_VERBS, SYMMETRIC, TIE_NOUNS, VERB_TRIGGERS,
)


def verb_relations(ctx: Context, verb, sent):
    """A trigger verb (or a verb with its preposition) between its subjects and its objects."""
    if verb.pos_ not in ("VERB", "AUX") and not _headline_verb(verb):
        return
    ends_ties, summons_envoy = _ends_ties(verb), _summons_envoy(verb)
    rtype = _verb_type(verb, ends_ties=ends_ties, summons_envoy=summons_envoy)
    if not rtype:
        yield from _denials(ctx, verb, sent)
        return
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or _passive_participle(verb)
    if passive and verb.lemma_.lower() == "want":
        return  # "wanted by Indian authorities" is sought for arrest, not asked
    if _put_a_question(verb):
        return  # "..., Darmanin said when asked if Russia was interfering": he was asked, he asks no one
    doers, rule = subjects(ctx, verb, passive)
    if passive and ends_ties and not doers:  # "France's ambassadors to the US were recalled": by France
        envoys = [c for c in verb.children if c.dep_ == "nsubjpass"]
        senders = [r for c in envoys for m in c.children if m.dep_ in ("poss", "amod", "compound") for r in actors(ctx, m)]
        posts = [r for c in envoys for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "in")
                 for o in pobjs(p) for r in phrase_actors(ctx, o)]
        yield from each_to_each(ctx, senders, rtype, posts, verb, sent, rule)
        return
    mediated = [r for p in verb.children if p.dep_ == "prep" and p.lower_ == "between"
                for o in pobjs(p) for r in phrase_actors(ctx, o)]
    if mediated and rtype in SYMMETRIC:  # "Qatar and Egypt are mediating between Israel and Hamas"
        for s in doers:
            for o in mediated:
                yield relation(ctx, s, rtype, o, verb, sent, rule)
        return
    mediators = verb.lemma_.lower() in MEDIATING_VERBS  # "brokered by A, B and C": they did not negotiate with each other
    if len(doers) > 1 and rtype in SYMMETRIC and not mediators and not _counterparts(ctx, verb):
        yield from between(ctx, doers, rtype, verb, sent, rule)  # "Putin and Erdogan struck a deal"
        return
    if rtype == "supports":  # "defend X against Y": Y is opposed, not supported
        against = [r for p in verb.children if p.dep_ == "prep" and p.lower_ == "against"
                   for o in pobjs(p) for r in phrase_actors(ctx, o)]
        for s in doers:
            for o in against:
                yield relation(ctx, s, "opposes", o, verb, sent, rule)
    receivers = objects(ctx, verb, rtype, passive)
    fighters = [r for r in receivers if r.entity.type == "ARMED_GROUP"]
    if rtype == "sanctions" and fighters and verb.lemma_.lower() in ("expel", "oust"):
        rtype, receivers = "attacks", fighters  # "expelled IS from Syria": driven out by force, from a place
    if rtype == "supports" and verb.lemma_.lower() == "welcome" and any(
            c.lemma_.lower() in PEOPLE_NOUNS or any(r.entity.type == "PERSON" for r in actors(ctx, c))
            for c in verb.children if c.dep_ == "dobj"):
        rtype = "negotiates"  # "Sisi welcomed al-Burhan at the airport": a visitor received, not backed
    if rtype == "negotiates" and verb.lemma_.lower() in ("broker", "mediate"):  # "brokered a truce between A and B"
        receivers += [r for c in verb.children if c.dep_ == "dobj" for p in c.children
                      if p.dep_ == "prep" and p.lower_ == "between" for o in pobjs(p) for r in phrase_actors(ctx, o)]
    if _passive_participle(verb):  # "the Houthi rebels, backed by Iran": the noun it qualifies
        receivers = receivers or [r for r in phrase_actors(ctx, verb.head)]
    if rtype == "leads":  # "heads the RSF", "is commanded by X"; "led the Russian delegation" leads no state
        named = [c.i for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] + (
            [verb.head.i] if _passive_participle(verb) else [])
        ids = {ctx.refs[i].entity.id for i in named if i in ctx.refs}
        receivers = [r for r in receivers if r.entity.id in ids]
    if summons_envoy and (verb.lemma_.lower() == "summon" or rtype == "sanctions"):  # the envoy's state, not the envoy
        receivers = [r for c in verb.children if c.dep_ == "dobj" for t in c.subtree if t.i in ctx.refs
                     for r in [ctx.refs[t.i]] if r.entity.type == "GPE"] or [
            r for r in receivers if r.entity.type != "PERSON"]
    if ends_ties:  # "cut ties with X", "recalled its ambassador from X": the partner, not the envoy
        receivers = [r for c in verb.children if c.dep_ == "dobj" for t in (c, *c.conjuncts) for p in t.children
                     if p.dep_ == "prep"
                     and p.lower_ in ("with", "from", "to", "in") for o in pobjs(p) for r in phrase_actors(ctx, o)] \
            or [r for r in receivers if r.entity.id not in {d.entity.id for d in doers}] \
            or [r for p in _verb_and_object_children(verb) if p.dep_ == "prep" and p.lower_ == "over" for o in pobjs(p)
                for c in o.children if c.dep_ == "poss" for r in actors(ctx, c)]  # "severed ties over Qatar's support"
    if rtype == "cooperates" and _opens_mission(verb):  # "Lithuania to open a trade office in Taiwan / in Vilnius"
        receivers = [r for p in _verb_and_object_children(verb) if p.dep_ == "prep" and p.lower_ == "in"
                     for o in pobjs(p) for r in _state_at(ctx, o)]
    if rtype == "cooperates" and verb.lemma_.lower() in DRIFTING_VERBS:  # "shifted closer to Russia"
        receivers = receivers or [r for c in verb.children if c.lower_ == "closer" for p in c.children
                                  if p.dep_ == "prep" and p.lower_ == "to"
                                  for o in pobjs(p) for r in phrase_actors(ctx, o)]
    if not receivers and len(doers) > 1 and rtype not in SYMMETRIC and (
            _each_other(verb) or rtype == "sanctions" and summons_envoy and _coordinated(verb)):
        yield from mutual(ctx, doers, rtype, verb, sent, rule)  # "A and B expelled each other's envoys / diplomats"
        return
    if not receivers and len(doers) > 1 and not mediators and not _counterparts(ctx, verb) and (
            rtype in SYMMETRIC or rtype in RECIPROCAL and rule == "svo" and _coordinated(verb)):
        yield from between(ctx, doers, rtype, verb, sent, rule)
        return
    if not receivers and doers and verb.dep_ == "ROOT" and len(sent) <= 6:
        receivers, rule = previous_objects(ctx, sent), "ellipsis"
    item = item_of(ctx, verb) if rtype in ITEM_TYPES else None
    for s in doers:
        for o in receivers:
            yield _withheld(relation(ctx, s, rtype, o, verb, sent, rule, item=item), verb)


def alongside_relations(ctx: Context, verb, sent):
    """Acting side by side with a party is cooperating with it: "Rwandan troops fought alongside
    Mozambique's army", "deployed soldiers to operate alongside the UN mission"."""
    if verb.pos_ != "VERB":
        return
    partners = [r for p in verb.children if p.dep_ == "prep" and p.lower_ == "alongside"
                for o in pobjs(p) for r in phrase_actors(ctx, o)]
    if not partners:
        return
    doers, _ = subjects(ctx, verb, passive=False)
    for s in doers:
        for o in partners:
            yield relation(ctx, s, "cooperates", o, verb, sent, "alongside")


DENYING_VERBS = frozenset({"deny", "dismiss", "refute", "rebut", "reject"})
# Offices one state keeps in another: opening one is cooperation.
MISSION_NOUNS = frozenset({"embassy", "consulate", "office", "mission", "representation", "legation"})
# Moving towards a partner: "shifted closer to Russia", "drifted closer to Beijing".
DRIFTING_VERBS = frozenset({"shift", "move", "draw", "grow", "edge", "drift", "pivot", "tilt", "inch", "come"})
# Telling an envoy to go is expelling them: "ordered the ambassador to leave the country".
SENDING_VERBS = frozenset({"order", "ask", "tell", "instruct", "direct", "give", "request", "demand"})
LEAVING_VERBS = frozenset({"leave", "depart", "quit", "exit", "go"})
# What recognising a party "as" grants it: a standing ("as an independent state", "as the
# legitimate government"), not a status under another ("as part of Azerbaijan").
STANDING_WORDS = frozenset("""
independent sovereign legitimate state states nation nations country countries government president leader
representative representatives
""".split())


def _denials(ctx: Context, verb, sent):
    """Denying a party's claims opposes the party: "Rwanda denied accusations by Congo's
    government", "it has long denied Japan's claims to the islands" (never whom the claim is about)."""
    if verb.lemma_.lower() not in DENYING_VERBS or verb.pos_ not in ("VERB", "AUX"):
        return
    owners = [r for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS
              for o in [*(p for p in c.children if p.dep_ == "poss"),
                        *(x for p in c.children if p.dep_ == "prep" and p.lower_ in ("by", "from") for x in pobjs(p))]
              for r in actors(ctx, o)]
    if owners:
        doers, rule = subjects(ctx, verb, False)
        for s in doers:
            for o in owners:
                yield relation(ctx, s, "opposes", o, verb, sent, rule)


def _withheld(rel, verb):
    """Refusing to recognise is opposition, not a support denied: "Belgrade has refused to
    recognize Kosovo's independence", "the EU does not recognise South Ossetia"."""
    if rel.relation == "supports" and rel.evidence.negated and verb.lemma_.lower() in ("recognize", "recognise"):
        return replace(rel, relation="opposes", evidence=replace(rel.evidence, negated=False))
    return rel


# What one gains without buying it from anyone: "Riyadh has acquired leverage".
STANDING_NOUNS = frozenset("""leverage influence clout sway foothold momentum traction power ground prestige
credibility legitimacy experience expertise knowledge confidence""".split())
# What one asks of a party to have it gone: "sought the exit of US-led forces".
LEAVING_NOUNS = frozenset({"exit", "withdrawal", "departure", "pullout", "pull-out", "removal", "expulsion"})
# What one seeks from a party by asking it ("sought assistance from China"; not "sought distance from X").
SOUGHT_NOUNS = frozenset("""assistance help support aid loan loans funding funds money arms weapons approval
guarantee guarantees backing asylum extradition cooperation protection clarification explanation""".split())
ANSWERABLE = frozenset({"responsible", "accountable", "liable", "culpable"})


def _verb_type(verb, *, ends_ties: bool, summons_envoy: bool) -> str | None:
    """The relation a verb signals, read with its objects; None when it only looks like one."""
    lemma = verb.lemma_.lower()
    rtype = _launch_type(verb) or trigger(verb, VERB_TRIGGERS) or _prep_verb_type(verb) or _listing_type(verb)
    if ends_ties:
        return "sanctions"  # "broke off diplomatic relations with Ecuador", "recalled its ambassador from X"
    if _opens_mission(verb):
        return "cooperates"  # "opened a representative office in Vilnius", "reopened its embassy in Damascus"
    if lemma in DRIFTING_VERBS and any(c.lower_ == "closer" for c in verb.children):
        return "cooperates"  # "Chad has shifted closer to Russia"
    if rtype == "attacks" and any(trigger(o, NOUN_TRIGGERS) == "sanctions" for p in verb.children
                                  if p.dep_ == "prep" and p.lower_ == "with" for o in pobjs(p)):
        return "sanctions"  # "hits the U.S. with tariffs": the means says what the blow is
    if lemma in ("grant", "give", "offer") and _dobj_in(verb, {"asylum", "refuge", "sanctuary", "shelter"}):
        return "supports"  # "decided to grant asylum to Assad"
    if lemma == "seek" and (_dobj_in(verb, LEAVING_NOUNS) or _dobj_in(verb, SOUGHT_NOUNS) and any(
            c.dep_ == "prep" and c.lower_ == "from" for c in _verb_and_object_children(verb))):
        return "requests"  # "seeks the exit of US-led forces", "sought security assistance from China"
    if lemma == "receive" and _dobj_in(verb, DELEGATION_NOUNS | TITLES | {"counterpart", "counterparts"}):
        return "negotiates"  # "received his Colombian counterpart in Caracas": a visit hosted
    if lemma in ("appoint", "designate", "name", "nominate", "accredit") and _dobj_in(verb, ENVOY_NOUNS):
        return "cooperates"  # "designated an ambassador to Kabul": ties kept up
    if lemma == "hold" and any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and c.lower_ in ANSWERABLE or c.dep_ == "dobj"
                               and any(a.dep_ == "amod" and a.i > c.i and a.lower_ in ANSWERABLE for a in c.children)
                               for c in verb.children):
        return "criticizes"  # "Iran held Israel responsible for the killing": blame
    if lemma in ("declare", "proclaim") and any(t.lower_ == "grata" for t in verb.subtree):
        return "sanctions"  # "declared the Mexican ambassador persona non grata": an expulsion
    if summons_envoy and lemma in SENDING_VERBS and any(
            c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in LEAVING_VERBS for c in verb.children):
        return "sanctions"  # "ordered the Lebanese ambassador to leave": an expulsion, not a request
    if _leaves_deal(verb):
        return "opposes"  # "pulled out of the nuclear deal with Iran"
    if rtype == "supplies" and _deploys_into(verb):
        return "attacks"  # "sent troops into the country"
    if rtype == "supplies" and _dobj_in(verb, DELEGATION_NOUNS):
        return "negotiates"  # sending a delegation is diplomacy, not supply
    if rtype == "supplies" and _dobj_in(verb, TROOP_NOUNS) and any(
            o.lemma_.lower() in FRONTIERS for p in verb.children if p.dep_ in ("prep", "dative") for o in pobjs(p)):
        return None  # "sends 2,000 troops to the Belarus border": a deployment, not a supply
    if rtype == "acquires" and (lemma in ("receive", "get") and not _goods(verb) or _dobj_in(verb, BELIEF_NOUNS)
                                or _dobj_in(verb, STANDING_NOUNS)):  # "acquired leverage": no purchase
        return None  # "received a letter from X", "not buying Tehran's claim": not a purchase
    if rtype == "acquires" and lemma == "order" and any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return "requests"  # "ordered French troops to leave" is a command, not a purchase
    if rtype == "acquires" and lemma == "order" and not _goods(verb):
        return None  # "ordered the ambassador's return": no purchase
    if lemma in ("recognize", "recognise") and any(c.lower_ == "as" for c in verb.children):
        # "recognised X as an independent state" backs X; "recognised Karabakh as part of Azerbaijan"
        # names a status, not support
        return rtype if any(t.lower_ in STANDING_WORDS for c in verb.children if c.lower_ == "as"
                            for t in c.subtree) else None
    if rtype == "criticizes" and lemma == "summon" and not summons_envoy:
        return "requests"  # "summoned the leaders for talks" asks; "summoned the ambassador" protests
    if rtype == "requests" and lemma == "call" and not any(
            c.dep_ in ("prep", "xcomp") and c.lower_ in ("on", "for", "upon") or c.dep_ == "xcomp"
            or _for_clause(c) for c in verb.children):
        return None  # "calling him a separatist", "which Russia calls a special operation": naming
    if rtype in ("attacks", "acquires") and any(
            c.dep_ == "dobj" and trigger(c, NOUN_TRIGGERS) not in (None, rtype) for c in verb.children):
        return None  # "struck a deal", "received support": the noun carries the relation
    return rtype


def _each_other(verb) -> bool:
    """Whether the verb's object is the subjects themselves, each of the other: "accused each other",
    "blamed one another", "expelled each other's diplomats"."""
    for child in verb.children:
        objs = [child] if child.dep_ in ("dobj", "dative") else pobjs(child) if child.dep_ == "prep" else []
        for obj in objs:
            for t in (obj, *(c for c in obj.children if c.dep_ == "poss")):
                words = {c.lower_ for c in t.children if c.dep_ == "det"}
                if t.lower_ == "other" and "each" in words or t.lower_ == "one" and "another" in words:
                    return True
                if "the" in words and any(c.dep_ == "amod" and c.lower_ == "other" for c in t.children) and any(
                        s.dep_ in ("nsubj", "nsubjpass") and any(a.lower_ == "each" for a in s.children)
                        for s in verb.children):  # "A and B each expelled a diplomat from the other country"
                    return True
    return False


def _dobj_in(verb, words: frozenset) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in words for c in verb.children)


TROOP_NOUNS = frozenset({"troop", "troops", "soldier", "soldiers", "force", "forces", "army", "militia", "fighters",
                         "fighter", "tank", "tanks", "unit", "units", "battalion", "battalions"})


def _headline_verb(tok) -> bool:
    """A headline verb the tagger took for a plural noun: "Algeria severs relations with Morocco"."""
    lemma = tok.lemma_.lower()
    return tok.dep_ == "ROOT" and tok.pos_ == "NOUN" and tok.lower_.endswith("s") \
        and (lemma in VERB_TRIGGERS and trigger(tok, NOUN_TRIGGERS) is None or lemma in ("fire", "launch")) \
        and any(c.dep_ in ("nmod", "compound", "nsubj") and c.i < tok.i for c in tok.children)


def _launch_type(verb) -> str | None:
    """Launching or firing projectiles at someone is an attack ("launched drones toward X");
    getting or receiving a weapon system is acquiring it ("will not get the F-16 jets")."""
    lemma = verb.lemma_.lower()
    if lemma in ("launch", "fire") and any(c.dep_ == "dobj" and c.lemma_.lower() in PROJECTILES for c in verb.children):
        return "attacks"  # "fired rockets at X", "launched a barrage of missiles at X"
    if lemma in ("use", "threaten") and any(c.dep_ == "dobj" and c.lower_ == "force" and not any(
            m.dep_ in ("amod", "compound", "poss") and m.text[:1].isupper() for m in c.children) for c in verb.children):
        return "attacks" if lemma == "use" else "threatens"  # "threatened to use force" ("Russian force" is an actor)
    if lemma in RECEIVING_VERBS and any(c.dep_ == "dobj" and any(t.ent_type_ == "WEAPON" and t.i <= c.i
                                                                  for t in c.subtree) for c in verb.children):
        return "acquires"
    return None


LISTING_VERBS = frozenset({"add", "include", "put", "place", "return", "relist", "re-list"})
LIST_NOUNS = frozenset({"list", "blacklist", "watchlist", "register", "registry"})
PROSCRIBING = ("terror", "sanction", "ban", "restrict", "entit", "black", "watch", "export", "proscri", "sponsor")


def _listing_type(verb) -> str | None:
    """Putting a party on a list of the proscribed is a sanction: "added Cuba to its blacklist",
    "included X in the list of state sponsors of terrorism", "placed the firms on the entity list"."""
    if verb.lemma_.lower() not in LISTING_VERBS:
        return None
    listed = any(o.lemma_.lower() in LIST_NOUNS and _proscribing(o) for p in verb.children
                 if p.dep_ in ("prep", "dative") and p.lower_ in ("to", "on", "in", "into", "onto") for o in pobjs(p))
    return "sanctions" if listed else None


def _proscribing(listing) -> bool:
    """A list of the proscribed, not of guests: a blacklist, or a list that names terror, sanctions,
    bans, restrictions or an entity list in its phrase."""
    return listing.lemma_.lower() in ("blacklist", "watchlist") or any(
        t.lower_.startswith(PROSCRIBING) for t in listing.subtree if t.i != listing.i)


MILITARY_GOODS = frozenset("""
weapon weapons arms jet jets fighter fighters tank tanks missile missiles drone drones system systems battery
batteries howitzer howitzers helicopter helicopters aircraft ammunition munitions shells equipment vessels
warships submarine submarines rifles artillery launcher launchers
""".split())


CLOSABLE = frozenset("border borders crossing crossings airspace embassy consulate port ports".split())
FRONTIERS = frozenset("border borders frontier frontiers region area zone line front boundary".split())
BELIEF_NOUNS = frozenset("claim claims story argument arguments explanation excuse line narrative idea version".split())


def _summons_envoy(verb) -> bool:
    """Whether a verb's object is an envoy: "summoned the Iranian ambassador (Iraj Masjedi)"."""
    return any(c.dep_ == "dobj" and any(t.lemma_.lower() in ENVOY_NOUNS for t in c.subtree) for c in verb.children)


def _goods(verb) -> bool:
    """Whether what a verb receives is military hardware: a named weapon or a word for arms."""
    return any(c.dep_ == "dobj" and (c.lower_ in MILITARY_GOODS or any(t.ent_type_ == "WEAPON" for t in c.subtree)
                                     or any(o.lower_ in MILITARY_GOODS for p in c.children if p.dep_ == "prep"
                                            and p.lower_ == "of" for o in pobjs(p)))
               for c in verb.children)


def _leaves_deal(verb) -> bool:
    """Leaving an agreement: "pulled out of the nuclear deal", "withdrew from the treaty"."""
    if verb.lemma_.lower() not in ("withdraw", "pull", "exit", "quit", "leave", "abandon"):
        return False
    deals = [o for p in (*verb.children, *(g for c in verb.children if c.lower_ == "out" for g in c.children))
             if p.dep_ == "prep" and p.lower_ in ("from", "of") for o in pobjs(p)]
    deals += [c for c in verb.children if c.dep_ == "dobj"] if verb.lemma_.lower() in ("exit", "quit", "abandon") else []
    return any(d.lemma_.lower() in DEAL_HEADS or d.ent_type_ == "LAW" for d in deals)


def _passive_participle(verb) -> bool:
    """A participle with its agent that qualifies a noun: "rebels (who are) backed by Iran"."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)


def _for_clause(tok) -> bool:
    """"(calls) for Chinese vessels to leave": a clause the parser opened with "for"."""
    return tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in tok.children)


def _coordinated(verb) -> bool:
    """Whether the verb's subject is a coordination ("A and B clashed"), not one noun that
    several actors qualify ("the Al-Qaeda-linked Al-Shabab fighters attacked")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(x.dep_ == "conj" for x in c.children)
               for c in verb.children)


PEOPLE_NOUNS = TITLES | DELEGATION_NOUNS | {"leader", "official", "minister", "counterpart", "delegate"}


def _counterparts(ctx: Context, verb) -> list:
    """Parties a meeting verb names besides its subjects: "discussed this with X", "met X" (not
    the topic's owner in "discussed Ankara's proposal")."""
    named = [r for c in verb.children if c.dep_ in ("dobj", "dative") for r in actors(ctx, c)] + [
        r for p in verb.children if p.dep_ == "prep" and p.lower_ in ("with", "to")
        for o in pobjs(p) for r in phrase_actors(ctx, o)]
    if named:
        return named
    return [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in PEOPLE_NOUNS] + [
        o for p in verb.children if p.dep_ == "prep" and p.lower_ == "with" for o in pobjs(p)
        if o.lemma_.lower() in PEOPLE_NOUNS]  # "A and B met the envoy": a third party, if unnamed


def _ends_ties(verb) -> bool:
    """Breaking off relations, withdrawing envoys, closing a border: "broke off ties with X",
    "recalled its ambassador", "will close its entire border with Russia"."""
    lemma = verb.lemma_.lower()
    home = any(c.lower_ in ("back", "home") and c.dep_ in ("advmod", "prt") for c in verb.children)
    withdrawing = ("recall", "withdraw") + (("order", "call", "bring", "summon") if home else ())  # "ordered ... home"
    for c in verb.children:
        kind = c.lemma_.lower()
        if c.dep_ == "nsubjpass" and lemma == "recall" and kind in ENVOY_NOUNS:
            return True  # "France's ambassadors were recalled"
        if c.dep_ == "dobj" and (lemma in STOPPING_VERBS and kind in TIE_NOUNS or lemma in withdrawing and kind in
                                 ENVOY_NOUNS or lemma in ("close", "shut", "seal") and kind in CLOSABLE):
            return True
    return False


def _verb_and_object_children(verb) -> list:
    """What hangs from a verb or from its direct object: a preposition the parser may put on either
    ("cut ties over X's support", "opened an office in Taipei")."""
    return [*verb.children, *(x for c in verb.children if c.dep_ == "dobj" for x in c.children)]


def _state_at(ctx: Context, place) -> list:
    """The actor a place names when a mission is opened there: the state itself, or the state whose
    capital it is ("an office in Vilnius" is in Lithuania)."""
    found = phrase_actors(ctx, place)
    state = ctx.table.seat(place.text) if not found and place.i in ctx.refs else None
    return found or ([Ref(state, ctx.refs[place.i].start, ctx.refs[place.i].end, "seat")] if state else [])


def _put_a_question(verb) -> bool:
    """A subject asked a question by the press: "when asked if ...", "Asked about X, he said"."""
    return verb.lemma_.lower() == "ask" and verb.tag_ == "VBN" and verb.dep_ in ("advcl", "ROOT") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in verb.children)


def _opens_mission(verb) -> bool:
    """Opening a diplomatic or trade mission in a country: "to open a trade office in Taiwan"."""
    return verb.lemma_.lower() in ("open", "reopen", "establish", "set") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in MISSION_NOUNS for c in verb.children)


def _deploys_into(verb) -> bool:
    """Troops sent into a country invade it."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in TROOP_NOUNS for c in verb.children) and \
        any(c.dep_ == "prep" and c.lower_ == "into" for c in verb.children)


def _prep_verb_type(verb) -> str | None:
    """Verbs that signal a relation only with their preposition or adverb: "work with", "side
    with", "intervene militarily"."""
    wanted = PREP_VERB_TRIGGERS.get(verb.lemma_.lower())
    if wanted and any(c.dep_ in ("prep", "advmod") and preposition(c) == wanted[0] for c in verb.children):
        return wanted[1]
    return None
