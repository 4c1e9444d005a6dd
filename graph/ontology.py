"""One place for the domain's names: relation types (DESIGN.md section 3), weak relations, entity types,
speculative modalities, and the trigger lexicon that signals each relation, as data."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RelationType:
    """One relation type: how it reads, its polarity and colour, and its trigger lemmas."""

    name: str
    polarity: int
    colour: str
    description: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    symmetric: bool = False


def _t(name, polarity, colour, description, verbs="", nouns="", adjectives="", symmetric=False):
    return RelationType(name, polarity, colour, description, frozenset(verbs.split()),
                        frozenset(nouns.split()), frozenset(adjectives.split()), symmetric)


RELATION_TYPES: tuple[RelationType, ...] = (
    _t("supports", 1, "#005726", "backs, aids, defends or praises",
       "support back help aid assist defend praise endorse bolster protect reinforce arm fund finance "
       "rescue shield champion welcome thank congratulate recognize recognise",
       "support backing help aid assistance protection endorsement solidarity backer backers patron sponsor",
       "supportive sympathetic friendly"),
    _t("cooperates", 1, "#0049d3", "agrees, signs, acts jointly, shares",
       "cooperate collaborate agree sign ally partner coordinate team join unite accept",
       "cooperation collaboration deal agreement pact accord partnership alliance treaty "
       "ground coordination ties rapprochement consensus truce armistice detente détente thaw reconciliation "
       "normalisation normalization", "allied", symmetric=True),
    _t("negotiates", 1, "#3f99ed", "meets, talks, visits, mediates",
       "meet talk discuss negotiate visit phone telephone host mediate broker consult confer speak invite",
       "talk talks negotiation meeting visit summit call discussion dialogue consultation "
       "mediation conversation conversations", symmetric=True),
    _t("supplies", 1, "#0177ab", "sells, delivers, sends or provides arms, equipment or aid",
       "sell deliver send supply provide transfer ship export give produce",
       "sale delivery supply shipment transfer export provision"),
    _t("acquires", 0, "#ad2088", "buys, purchases, acquires or obtains",
       "buy purchase acquire obtain procure import receive order",
       "purchase acquisition procurement import order"),
    _t("requests", 0, "#9f5011", "asks, urges, presses, calls on, demands",
       "ask request urge press call demand appeal want push lobby plead encourage",
       "request demand appeal plea"),
    _t("opposes", -1, "#b18300", "opposes, objects, resists, rejects, disagrees",
       "oppose object resist reject refuse disagree dispute contest block veto squabble spar feud "
       "quarrel rebuff provoke antagonize antagonise defy obstruct undermine sabotage thwart",
       "opposition objection disagreement resistance rejection dispute rift tension "
       "odds feud row standoff faceoff face-off strain strains friction loggerheads spat hostility "
       "confrontation conflict rivalry animosity contention",
       "opposed hostile"),
    _t("criticizes", -1, "#ff287e", "accuses, criticizes, condemns, blames",
       "accuse criticize criticise condemn blame denounce slam rebuke censure chastise "
       "decry fault deplore protest lambaste castigate assail chide scold berate summon",
       "criticism condemnation accusation allegation concern skepticism scepticism rebuke protest "
       "denunciation lawsuit complaint displeasure dismay outrage frustration disappointment indignation "
       "critic critics barb barbs jibe jibes insult insults recrimination recriminations",
       "critical skeptical sceptical wary distrustful disappointed dismayed alarmed outraged angered angry "
       "furious incensed displeased"),
    _t("threatens", -1, "#6e2d50", "threatens, warns of consequences, vows to strike",
       "threaten warn vow menace",
       "threat warning ultimatum"),
    _t("sanctions", -1, "#4b1b86", "sanctions, embargoes, suspends, halts delivery, expels",
       "sanction embargo suspend halt freeze expel ban bar restrict penalize penalise "
       "exclude remove blacklist boycott cut sever downgrade blockade",
       "sanction sanctions embargo suspension freeze ban boycott expulsion restriction restrictions curbs "
       "barriers blockade "
       "tariff tariffs penalties duties levies countermeasures countermeasure"),
    _t("attacks", -1, "#b21333", "attacks, strikes, kills, shells, bombs, fights",
       "attack strike kill shell bomb fight hit invade raid target bombard shoot assault "
       "crush ambush destroy wound clash drive repel dislodge bomb shoot annex occupy capture seize retake overrun",
       "attack strike airstrike invasion offensive assault raid bombing shelling fight "
       "fighting war incursion operation campaign intrusion aggression hostilities counterattack "
       "counteroffensive seizure clash clashes intervention fire barrage retaliation killing assassination annexation "
       "occupation skirmish skirmishes shootout firefight gunfire counterstrike counterstrikes"),
    _t("member_of", 0, "#6d776e", "official, envoy, spokesman or minister of; member of an alliance",
       nouns="accession membership"),
    _t("leads", 0, "#0a0c05", "president, head, leader or secretary of; X-led", "lead head command chair govern"),
    _t("part_of", 0, "#a09aa2", "agency of a state (from the alias table)"),
    _t("located_in", 0, "#ccbb52", "place in a country"),
    _t("co_mentioned", 0, "#cfcac5", "two actors in one sentence with no typed relation (weak)"),
)



def _lexicon(part: str) -> dict[str, str]:
    """Trigger lemma -> relation type; a lemma belongs to exactly one type."""
    out: dict[str, str] = {}
    for rtype in RELATION_TYPES:
        for lemma in getattr(rtype, part):
            if lemma in out:
                raise ValueError(f"trigger {lemma!r} is listed for both {out[lemma]} and {rtype.name}")
            out[lemma] = rtype.name
    return out


VERB_TRIGGERS = _lexicon("verbs")
NOUN_TRIGGERS = _lexicon("nouns")
ADJECTIVE_TRIGGERS = _lexicon("adjectives")

SYMMETRIC = frozenset(t.name for t in RELATION_TYPES if t.symmetric)
# Types that link conjoined subjects with no object: "A and B squabbled/clashed".
RECIPROCAL = SYMMETRIC | {"opposes", "attacks"}

# Verbs that signal a relation only with a given preposition: lemma -> (preposition, type).
PREP_VERB_TRIGGERS = {
    "work": ("with", "cooperates"), "side": ("with", "supports"), "stand": ("with", "supports"),
    "fight": ("alongside", "cooperates"), "ally": ("with", "cooperates"), "break": ("with", "opposes"),
    "fire": ("on", "attacks"), "intervene": ("militarily", "attacks"), "lash": ("at", "criticizes"),
    "share": ("with", "cooperates"), "complain": ("about", "criticizes"), "engage": ("with", "negotiates"),
}
# Sending these is diplomacy, not supply: "sent technical teams to Turkey".
DELEGATION_NOUNS = frozenset("""
team delegation envoy envoys diplomat diplomats official officials negotiator negotiators
representative representatives mission emissary
""".split())
# A relation noun under these verbs is not yet real: "threatening sanctions", "weighing a deal".
IRREALIS_VERBS = frozenset("""
threaten warn consider propose seek plan weigh discuss debate demand urge want fear avoid prevent
deny reject oppose rule mull
""".split())
# Verbs under which an act is only rehearsed, not done: "practising a blockade of Taiwan".
REHEARSING_VERBS = frozenset({"practice", "practise", "rehearse", "simulate", "drill"})
# Verbs whose subject reacts to a relation noun rather than doing it: "X criticised the sanctions".
REACTING_VERBS = frozenset("""
criticize criticise condemn oppose reject welcome praise slam denounce protest question dispute
deny fear ignore note report mention cite blame defend justify support back resist block
acknowledge discuss debate study examine confirm
regard view describe characterize characterise label brand term deem liken equate
prevent avert foil deter thwart
""".split())
# Lines between states: a place where something happens, never a party ("struck sites on the A-B border").
FRONTIER_NOUNS = frozenset("border borders frontier frontiers boundary boundaries".split())
# Verbs of a third party that brings others together: its subjects are no parties to the deal or talks.
MEDIATING_VERBS = frozenset({"broker", "mediate", "facilitate", "host", "sponsor", "convene"})
# Verbs whose subject is the target of a relation noun: "Y received support from X".
RECEIVING_VERBS = frozenset({"receive", "get", "win", "gain", "enjoy", "secure", "obtain", "accept", "draw",
                             "face", "attract", "meet", "earn", "invite", "provoke", "spark", "trigger", "prompt"})

# "X-backed Y": the participle -> (relation, whether Y is the subject rather than X).
BACKED_FORMS = {
    "backed": ("supports", False), "supported": ("supports", False), "sponsored": ("supports", False),
    "funded": ("supports", False), "armed": ("supports", False), "led": ("leads", False),
    "affiliated": ("member_of", True), "aligned": ("member_of", True),
    "mediated": ("negotiates", False), "brokered": ("negotiates", False),  # "Omani-mediated talks": with the parties
}

# Nouns that stand for the actor that qualifies them: "Turkish troops", "the Assad regime".
FORCE_NOUNS = frozenset("""
forces force troops troop soldiers soldier military army navy government regime administration
officials official leaders leader leadership authorities diplomats diplomat delegation ministry
units unit jets warplanes aircraft militia militants fighters police commanders commander
drones drone missiles artillery navy rebels rebel insurgents separatists guerrillas
spokesman spokeswoman spokesperson envoy embassy side cabinet parliament coalition camp
guard coastguard vessels vessel ships ship warships boats team teams junta
negotiators negotiator counterparts counterpart delegates representatives
""".split())

# Titles that make their holder the head of what qualifies them, or a member of it.
LEADER_TITLES = frozenset("""
president leader head king queen emir sultan chancellor premier chief prime dictator ruler
secretary-general monarch commander chairman chairwoman chair speaker founder pm
""".split())
MEMBER_TITLES = frozenset("""
minister secretary spokesman spokeswoman spokesperson envoy ambassador official representative
advisor adviser diplomat general counterpart senator lawmaker director officer aide
negotiator deputy admiral commissioner governor member legislator parliamentarian mp
analyst researcher fellow professor economist scholar judge prosecutor
""".split())
TITLES = LEADER_TITLES | MEMBER_TITLES
# Leader titles that make their holder the head of a state, not only of a body within it.
STATE_LEADER_TITLES = frozenset("""
president leader king queen emir sultan chancellor premier prime dictator ruler monarch pm
""".split())
# Titles that name the agency as well as the office (United States usage).
TITLE_AGENCIES = {
    "secretary of state": "state-department", "defense secretary": "pentagon",
    "secretary of defense": "pentagon", "national security advisor": "national-security-council",
    "national security adviser": "national-security-council",
}

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "around", "inside", "across", "within"})
PLACE_NOUNS = frozenset({"province", "city", "region", "town", "district", "governorate", "area"})
SPEECH_VERBS = frozenset({"say", "tell", "report", "claim", "announce", "state", "add", "note",
                          "insist", "confirm", "allege", "cite", "describe", "argue", "warn"})
HEDGE_AUX = frozenset({"would", "could", "may", "might", "should", "can", "must"})
HEDGE_ADJECTIVES = frozenset({"potential", "possible", "proposed", "planned", "prospective", "likely", "hypothetical",
                              "suspected", "alleged"})
FUTURE_LEMMAS = frozenset({"plan", "intend", "set", "expect", "aim", "look", "prepare", "vow",
                           "promise", "pledge", "threaten", "warn", "seek", "want", "hope", "wish",
                           "contemplate", "consider", "mull", "weigh", "explore"})
NEGATING_LEMMAS = frozenset({"unwilling", "unable", "refuse", "decline", "reluctant", "fail", "deny"})
# Lifting a measure ends it: "lifted the embargo" (and lifting a ban on supplies is no sanction).
EASING_VERBS = frozenset({"lift", "ease", "relax"})
# A relation noun under these verbs is stopped, not happening: "halted the delivery of jets".
STOPPING_VERBS = frozenset("""
halt suspend freeze stop cancel block end delay postpone scrap cut sever break abandon drop ditch renounce
quit exit
""".split()) | EASING_VERBS
# Heads of the names of deals, treaties, programmes and projects: "the Nord Stream 2 pipeline",
# "the Iran nuclear deal", "the Abraham Accords" become AGREEMENT nodes that actors can back or oppose.
DEAL_HEADS = frozenset("""
deal agreement agreements accord accords treaty pact pipeline programme program project dam initiative
corridor protocol convention charter plan
""".split())
# Envoys whose recall or expulsion is a diplomatic sanction on their host.
ENVOY_NOUNS = frozenset("ambassador ambassadors envoy envoys diplomat diplomats consul chargé".split())
# Nouns of acts done together: "joint patrols", "joint exercises" (cooperates when "joint").
JOINT_NOUNS = frozenset("""
patrol patrols exercise exercises drill drills operation operations mission venture communique statement
declaration
""".split())
# Nouns for the state of two actors' relations, typed by what qualifies them: "strained relations"
# (opposes), "improved ties" (cooperates); bare "relations" says nothing.
TIE_NOUNS = frozenset({"relation", "relations", "tie", "ties", "relationship"})
SOURING_WORDS = frozenset("""
strained tense frosty sour soured souring deteriorating deteriorated worsening worsened fraught
troubled uneasy rocky icy hostile strain sour deteriorate worsen plummet collapse fray hit
nosedive nosedived sink sank slump unravel cool cooled chilly frayed fractured tumble plunge
rift deterioration downturn crisis blow setback low breakdown
""".split())
IMPROVING_WORDS = frozenset("""
improved improving warm warming close closer friendly cordial normal normalised normalized restored
strong stronger improve restore normalise normalize strengthen deepen mend boost warm
establish resume re-establish diplomatic thaw thawed thawing repair repaired upgrade upgraded reset
""".split())
# Verbs that charge a party with an act ("accused Y of arming Z"): the act is Y's, and reported by the accuser.
ACCUSING_VERBS = frozenset({"accuse", "blame", "charge", "suspect"})
# Nouns whose clause is a claim, not a fact: "accusations that it supports M23" (reported).
CLAIM_NOUNS = frozenset("""
accusation accusations allegation allegations claim claims charge charges report reports suggestion
suggestions assertion assertions evidence proof indication indications
""".split())
# Verbs that deny the claim they take: "denied accusations that ..." (negated).
DENYING_VERBS = frozenset("deny reject dismiss refute rebut disprove".split())
# Things launched or fired at a target: "launched drones toward Saudi Arabia" is an attack.
PROJECTILES = frozenset("""
drone drones missile missiles rocket rockets shell shells mortar mortars bomb bombs projectile projectiles
barrage salvo volley wave cannon cannons shot shots round rounds artillery grenade grenades torpedo torpedoes
""".split())
# Goods whose trade a sanction names: "restrictions on exports to X", "a ban on imports from X".
TRADE_NOUNS = frozenset("export exports import imports trade shipment shipments sale sales supply supplies".split())
# Types for which a weapon system is a natural object ("buy the S-400", "oppose the sale").
WEAK_OBJECT_TYPES = frozenset({"acquires", "opposes", "criticizes"})
# Types whose object is a party while the thing traded or asked for is kept as the evidence's item.
ITEM_TYPES = frozenset({"supplies", "acquires", "requests"})

#: The weak relation: two actors in one sentence with no typed relation between them.
CO_MENTIONED = "co_mentioned"
#: Weak relations: drawn as dotted lines, hidden until a reader names them, left out of rankings.
WEAK_RELATIONS: frozenset[str] = frozenset({CO_MENTIONED})
#: Modalities of evidence that does not (yet) report a fact.
SPECULATIVE: frozenset[str] = frozenset({"future", "hypothetical"})


def states_fact(negated: object, modality: str | None) -> bool:
    """Whether a sentence says its relation holds: not negated, and asserted or reported (not
    future or hypothetical). The one definition; `graph.index.holds` asks it of an evidence record."""
    return not negated and (modality or "asserted") not in SPECULATIVE


#: Entity types, in display order.
ENTITY_TYPES: tuple[str, ...] = ("GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON", "WEAPON", "AGREEMENT", "LOC")

BY_NAME: dict[str, RelationType] = {t.name: t for t in RELATION_TYPES}
RELATION_NAMES: tuple[str, ...] = tuple(BY_NAME)
TYPED_RELATIONS: tuple[str, ...] = tuple(n for n in RELATION_NAMES if n not in WEAK_RELATIONS)


def polarity(name: str) -> int:
    """Return the polarity (+1, 0, -1) of a relation type."""
    return BY_NAME[name].polarity


def colour(name: str) -> str:
    """Return the display colour of a relation type."""
    return BY_NAME[name].colour

# Verbs that name what something is ("called the drills a provocation") and the words that make
# such a name a reproach of whoever the thing belongs to (`graph.extract.naming`).
NAMING_VERBS = frozenset("call brand label describe characterize characterise term dub".split())
REPROACH_WORDS = frozenset("""aggression aggressor provocation provocative interference meddling rehearsal
separatist terrorist terrorism biased unfair illegal illegitimate unlawful unacceptable hostile hostility violation
lie lies threat destabilizing destabilising irresponsible reckless dangerous genocide genocidal occupier blackmail
coercion coercive bullying bully hypocrisy hypocritical propaganda absurd baseless groundless slander smear
fabricated fabrication colonial neo-colonial imperialist puppet farce sham travesty insult outrageous shameful
disgraceful betrayal treacherous treachery piracy pirate terror crime criminal barbaric atrocity atrocities
invasion escalation disproportionate hasty short-sighted shortsighted corrupt corruption affront unfriendly
unjustified unjust arbitrary politicized politicised excessive counterproductive inflammatory insulting
extremist mercenary mercenaries racist xenophobic nazi nazism fascist dictator dictatorship""".split())
