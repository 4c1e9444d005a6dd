"""What actors a token stands for: names and their conjuncts, pronouns and descriptions that
point back ("he", "the country", "the two leaders"), and nouns qualified by an actor
("Turkish troops", "the Assad regime", "the U.S. envoy, James Jeffrey").
"""
from __future__ import annotations

from graph.names import WEAPON_HEADS
from graph.extract.context import Context
from graph.extract.mentions import Ref, is_locative, unique
from graph.extract.tokens import pobjs, trigger
from graph.ontology import BACKED_FORMS, DEAL_HEADS, FORCE_NOUNS, FRONTIER_NOUNS, NOUN_TRIGGERS, SPEECH_VERBS, TITLES

PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
THING_PRONOUNS = frozenset({"it", "its"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "that"})
PERSON_TYPES = ("PERSON",)
STATE_TYPES = ("GPE", "ORG", "ALLIANCE", "ARMED_GROUP")
COUNTRY_NOUNS = frozenset({"country", "countries", "nation", "nations", "state", "states", "kingdom", "republic",
                           "government", "governments", "regime", "administration"})
# Words for another party that name it beside them: "its neighbour Eritrea", "arch-rival, Iran".
NEIGHBOUR_NOUNS = frozenset("neighbour neighbor ally rival arch-rival foe enemy adversary partner".split())
TIED_VERBS = frozenset({"link", "affiliate", "tie", "connect", "ally", "loyal", "belong"})
FIRST_PERSON = frozenset({"we", "our", "us"})
STATE_FORCES = frozenset({"army", "military", "government", "armed forces", "navy", "police", "cabinet"})
PAIR_PEOPLE_NOUNS = frozenset({"leader", "leaders", "men", "women", "presidents", "ministers", "heads",
                               "chief", "chiefs"})
# Words for two states named before: "the two neighbours", "the two former war foes", "the two Koreas".
PAIR_STATE_NOUNS = frozenset({"neighbour", "neighbor", "foe", "rival", "ally", "power", "republic", "capital",
                              "nation", "country", "neighbours", "neighbors", "foes", "rivals", "allies", "powers",
                              "republics", "capitals"})
PHRASE_PREPS = ("of", "with", "to", "for", "on", "against", "including", "by", "like")
POPULATION_NOUNS = frozenset("""
civilians citizens people population populations refugees migrants residents villagers workers students
nationals tourists fishermen journalists children women families pilgrims community communities minority
company companies firm firms enterprise enterprises business businesses producers exporters importers youth
""".split())
GROUP_NOUNS = frozenset({"rebel", "rebels", "militant", "militants", "insurgent", "insurgents", "group",
                         "militia", "militias", "guerrilla", "guerrillas", "insurgency", "fighters", "jihadists"})
BLOC_NOUNS = frozenset({"bloc", "alliance", "union", "grouping", "coalition"})
SIDE_NOUNS = frozenset({"sides", "parties", "countries", "nations", "neighbours", "neighbors", "rivals", "foes"})  # "the bloc" -> the alliance named before
RIVAL_WORDS = frozenset({"warring", "conflicting", "rival", "opposing", "feuding"})
NAMING_VERBS = frozenset({"call", "name", "know", "dub"})  # "a militia called Kataib Hezbollah"


def actors(ctx: Context, tok, *, depth: int = 0) -> list[Ref]:
    """The actors a token stands for, with its conjuncts ("Putin and Erdogan")."""
    found = actors_at(ctx, tok, depth)
    for conj in tok.conjuncts:
        if conj.i > tok.i:
            found += actors_at(ctx, conj, depth)
    if found and found[0].entity.type == "GPE":  # a headline's "Iran, Saudi Arabia agree ...": a list
        found += [r for c in tok.children if c.dep_ == "appos" and c.i in ctx.refs
                  for r in actors_at(ctx, c, depth) if r.entity.type == "GPE"]
    return unique(found)


def actors_at(ctx: Context, tok, depth: int) -> list[Ref]:
    """The actors one token stands for, without its conjuncts."""
    if tok.i in ctx.refs:
        ref = ctx.refs[tok.i]
        partner = [ctx.partners[tok.i]] if tok.i in ctx.partners else []
        if ref.entity.type == "GPE" and not partner:
            held = _holders(ctx, tok.i)
            if held is not None:  # "Houthi-controlled Sanaa" is the Houthis', "rebel-held Goma" no state's
                return held
        return [] if ref.entity.type == "LOC" else partner + [ref]
    if depth > 3:
        return []
    low, lemma = tok.lower_, tok.lemma_.lower()
    named = ctx.refs.get(tok.i + 1)  # "militant group Hamas", whatever the parser made of it
    if lemma in GROUP_NOUNS and named and named.entity.type in ("ARMED_GROUP", "ORG") \
            and named.start == ctx.doc[tok.i + 1].idx:
        return [named]
    kids = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "amod", "compound", "preconj")}
    if low in THING_PRONOUNS and _continues_thing(ctx, tok, depth):
        return []  # "The resolution passed 20-2. It called on Iran to ...": the resolution, no actor
    if low in PERSONAL_PRONOUNS or low in THING_PRONOUNS:
        return _antecedent(ctx, tok, PERSON_TYPES if low in PERSONAL_PRONOUNS else STATE_TYPES)
    if kids <= {"the", "national", "central", "federal"} and "the" in kids and (
            lemma in COUNTRY_NOUNS or lemma in STATE_FORCES) and not _named_owner(ctx, tok):
        return _antecedent(ctx, tok, ("GPE",))  # "the country", "the national army" (not "the army of X")
    if kids == {"the"} and lemma in BLOC_NOUNS:  # "the bloc", "the alliance"; "the coalition" named so before
        return _antecedent(ctx, tok, ("ALLIANCE",)) or _named_before(ctx, tok, lemma)
    if kids == {"the"} and lemma in DEAL_HEADS:  # "the agreement", "the dam": the deal or project named before
        return [r for r in _antecedent(ctx, tok, ("AGREEMENT",), reach=300) if _called(ctx, r, lemma)]
    if "the" in kids and kids <= {"the", "new", "military", "ruling", "current"} and lemma in ("regime", "junta"):
        return _antecedent(ctx, tok, ("GPE",))  # "siding with the new regime"
    if "the" in kids and lemma in GROUP_NOUNS and tok.dep_ not in ("compound", "appos") and not any(
            t.i in ctx.refs or t.lower_.split("-")[-1] in BACKED_FORMS for t in tok.subtree if t.i < tok.i):
        # "the (guerrilla) group" after "the ELN"; not "the U.S.-backed rebels", not "X, the ... group"
        return _antecedent(ctx, tok, ("ARMED_GROUP",))
    if kids == {"the"} and lemma in TITLES:  # "the envoy", "the president"
        return _antecedent(ctx, tok, PERSON_TYPES)
    if low == "two" and "the" in kids:  # "the two spoke"
        return _last_pair(ctx, tok, ("PERSON", "GPE"))
    if kids in ({"the", "two"}, {"both"}, {"both", "the"}) and lemma in COUNTRY_NOUNS | PAIR_PEOPLE_NOUNS:  # "both countries"
        return _last_pair(ctx, tok, ("GPE",) if lemma in COUNTRY_NOUNS else ("PERSON",))
    if ({"the", "two"} <= kids or "both" in kids) and tok.tag_ == "NNS" and tok.i not in ctx.refs:
        # "the two former Soviet republics", "the two guerrilla groups", "the two defence chiefs"
        kind = ("GPE",) if lemma in COUNTRY_NOUNS | PAIR_STATE_NOUNS or low in COUNTRY_NOUNS | PAIR_STATE_NOUNS else \
            (("ARMED_GROUP", "ORG"),) if lemma in GROUP_NOUNS or low in GROUP_NOUNS else \
            ("PERSON", "GPE") if lemma in PAIR_PEOPLE_NOUNS | TITLES or low in PAIR_PEOPLE_NOUNS else None
        if kind:
            return _last_pair(ctx, tok, kind)
    if low in SIDE_NOUNS and (kids & {"two", "both"} or "the" in kids and kids & RIVAL_WORDS):
        return _last_pair(ctx, tok, (("GPE", "ARMED_GROUP"),))  # "the two sides", "both sides", "the warring parties"
    if low in ("they", "them", "their") and tok.i > tok.sent.start - 1:  # "Britain, France and Germany ... They urged"
        return _plural_antecedent(ctx, tok)
    if low in FIRST_PERSON:  # "we lodged a protest", said Japan's chief cabinet secretary: Japan
        return _speakers_side(ctx, tok)
    named = [r for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in NAMING_VERBS
             for o in c.children if o.dep_ in ("oprd", "dobj", "attr", "xcomp") for r in actors(ctx, o, depth=depth + 1)]
    if named:  # "the Iran-funded militia called Kataib Hezbollah"
        return named
    if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        return actors(ctx, tok.head.head, depth=depth + 1)
    if tok.dep_ == "appos" and tok.head.i in ctx.refs:
        return [ctx.refs[tok.head.i]]
    if lemma in FORCE_NOUNS or low in FORCE_NOUNS or low in GROUP_NOUNS - {"insurgency"}:  # "Syrian forces"
        own = modifier_actors(ctx, tok, depth, regime=True)
        if lemma == "counterpart":  # "his Polish counterpart": the possessor is the other side
            own = [r for r in own if ctx.document.text[r.start:r.end].lower() not in ("his", "her", "their", "its")]
        own += [r for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in TIED_VERBS  # "militants linked to X"
                for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "with") for o in pobjs(p)
                for r in actors(ctx, o, depth=depth + 1)]
        named = [r for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "at", "from", "to", "with")
                 for o in pobjs(p) for r in actors(ctx, o, depth=depth + 1)]  # "representatives of A and B"
        return unique(([r for r in own if r.entity.type != "GPE"] or own) + named)  # the group, not its country
    if lemma in TITLES:  # "the envoy, James Jeffrey"; else "Sweden's foreign minister" acts for Sweden
        after = ctx.refs.get(tok.i + 1)
        if after and after.entity.type == "PERSON":  # "President Erdogan" misparsed as two conjuncts
            return [after]
        return titled_person(ctx, tok) or modifier_actors(ctx, tok, depth)
    if lemma in NEIGHBOUR_NOUNS:  # "between Ethiopia and its neighbour Eritrea", "rival, Iran"
        return [r for c in tok.children if c.dep_ == "appos" and c.i in ctx.refs for r in actors_at(ctx, c, depth + 1)]
    return []


def modifier_actors(ctx: Context, tok, depth: int, *, preps=(), regime: bool = False) -> list[Ref]:
    """Actors that qualify a noun: "Turkish troops", "the Assad regime", "leaders at X"; none for an
    unnamed member of a group ("an EU member state", "any NATO ally" is not the EU or NATO)."""
    if _one_member(tok) or tok.lemma_.lower() in KIN_NOUNS:
        return []  # (nor is "Castillo's family" Castillo)
    found = []
    people = tok.lower_ in POPULATION_NOUNS or tok.ent_type_ == "NORP" and tok.pos_ in ("PROPN", "NOUN")
    for child in tok.children:
        if people and child.dep_ in ("amod", "compound"):
            continue  # "Congolese Tutsis", "Syrian civilians" are people, not the state
        if child.dep_ == "amod" and child.lower_ == "loyal":  # "forces loyal to X"
            found += [_regime_state(ctx, r) for r in modifier_actors(ctx, child, depth + 1, preps=("to",))]
        elif child.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod", "nummod") \
                and child.lower_ not in BACKED_FORMS:
            refs = (actors(ctx, child, depth=depth + 1) if child.dep_ in ("amod", "compound", "nmod")
                    else actors_at(ctx, child, depth + 1)) \
                or modifier_actors(ctx, child, depth + 1)  # "Turkish, German leaders": conjoined demonyms
            if child.dep_ in ("compound", "nmod") and tok.lower_ not in WEAPON_HEADS:
                refs = [r for r in refs if r.entity.type != "WEAPON"]  # "the S-400 working group"
            found += [_regime_state(ctx, r) for r in refs] if regime else refs
        elif child.dep_ == "prep" and child.lower_ in preps:
            found += [r for obj in pobjs(child) for r in actors(ctx, obj, depth=depth + 1)]
    return found


HELD_WORDS = frozenset({"controlled", "held", "occupied", "run", "administered", "dominated", "annexed"})


def _holders(ctx: Context, i: int) -> list[Ref] | None:
    """Who holds the place named at token `i` when it is said to be held ("Houthi-controlled Sanaa",
    "Russian-occupied Kherson"): the holder if it is an actor, none if not ("rebel-held"); None when
    the place is not so qualified."""
    ref = ctx.refs[i]
    first = i
    while first > 0 and ctx.refs.get(first - 1) == ref:
        first -= 1
    if first < 3 or ctx.doc[first - 1].lower_ not in HELD_WORDS or ctx.doc[first - 2].text != "-":
        return None
    holder = ctx.refs.get(first - 3)
    return [holder] if holder and holder.entity.id != ref.entity.id and holder.entity.type != "LOC" else []


KIN_NOUNS = frozenset("""family families wife husband son sons daughter daughters child children relative
relatives brother sister mother father widow""".split())


def _named_owner(ctx: Context, tok) -> bool:
    """Whether a noun names whose it is after it: "the Government of the United States"."""
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(t.i in ctx.refs for o in pobjs(p) for t in o.subtree)
               for p in tok.children)


def _one_member(tok) -> bool:
    """An unnamed single member of a group: "an EU member state", "another NATO member", "any ally"."""
    lemma = tok.lemma_.lower()
    member = lemma in ("member", "ally") or lemma in ("state", "country", "nation") and any(
        c.dep_ == "compound" and c.lemma_.lower() == "member" for c in tok.children)
    return member and any(c.dep_ == "det" and c.lower_ in ("a", "an", "another", "any", "one") for c in tok.children)


def _regime_state(ctx: Context, ref: Ref) -> Ref:
    """A leader standing for the state's apparatus: "the Assad regime", "forces loyal to X"."""
    state = ctx.table.home_state(ref.entity.id) if ref.entity.type == "PERSON" else None
    return Ref(ctx.table.entity(state), ref.start, ref.end, "leader") if state else ref


def titled_person(ctx: Context, tok) -> list[Ref]:
    """The person a title noun introduces: "the U.S. envoy, James Jeffrey" / "Pahon, spokesman"."""
    heads = [tok.i] + [o.i for p in tok.children if p.dep_ == "prep" for o in pobjs(p)]
    for t in tok.subtree:  # the parser may hang the name on the title's own object
        ref = ctx.refs.get(t.i)
        if ref and ref.entity.type == "PERSON" and t.head.i in heads and (t.dep_ == "appos" or t.dep_ == "npadvmod"
                                                                          and t.left_edge.i > 0
                                                                          and ctx.doc[t.left_edge.i - 1].text == ","):
            return [ref]
    left = tok.left_edge.i - 1
    opens_clause = tok.dep_ == "nsubj" and any(c.dep_ == "det" for c in tok.children)
    if left > 0 and ctx.doc[left].text == "," and not opens_clause:  # not "X, a spokesman said"
        ref = ctx.refs.get(left - 1)
        if ref and ref.entity.type == "PERSON":
            return [ref]
    return []


def apposed(ctx: Context, noun) -> list[Ref]:
    """The actor a descriptive phrase is set beside: "al-Nusra, the ... group"."""
    if noun.dep_ == "appos" and noun.head.i in ctx.refs:
        return [ctx.refs[noun.head.i]]
    left = noun.left_edge.i - 1
    if left > 0 and ctx.doc[left].text == "," and left - 1 in ctx.refs:
        return [ctx.refs[left - 1]]
    return []


def party_actors(ctx: Context, tok) -> list[Ref]:
    """Parties a meeting or deal object names: "Finnish officials", "Lithuania's offer",
    "tariffs with Mexico" — but not its topic ("a Syria pact") nor a border visited ("Chad's border with Sudan")."""
    if tok.lemma_.lower() in FRONTIER_NOUNS:
        return []
    return actors(ctx, tok) or unique(
        [r for c in tok.children if c.dep_ == "poss" for r in actors(ctx, c)]
        + [r for p in tok.children if p.dep_ == "prep" and p.lower_ in ("with", "between", "to")
           for o in pobjs(p) for r in actors(ctx, o)])


def phrase_actors(ctx: Context, tok, *, depth: int = 0, frontiers: bool = True) -> list[Ref]:
    """Actors a noun phrase is about: itself, its qualifiers, or what its of/with/to name (not the
    states a border it names divides, without `frontiers`: "infrastructure on the A-B border")."""
    found = actors(ctx, tok, depth=depth)
    if found or depth > 2:
        return found
    found = modifier_actors(ctx, tok, depth) or [  # "the Islamist insurgency Al-Shabaab"
        r for c in tok.children if c.dep_ == "appos" for r in actors(ctx, c, depth=depth + 1)]
    if any(r.entity.type == "ARMED_GROUP" for r in found):  # "Yemeni Houthi ships": the group's, not the state's
        found = [r for r in found if r.entity.type != "GPE"]
    # a relation noun is about its doer, not its target: "criticised sanctions against Russia"
    preps = ("of", "by", "from") if trigger(tok, NOUN_TRIGGERS) else PHRASE_PREPS
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found += [r for obj in pobjs(child) if frontiers or obj.lemma_.lower() not in FRONTIER_NOUNS
                      for r in phrase_actors(ctx, obj, depth=depth + 1)]
    return unique(found)


def _antecedent(ctx: Context, tok, types, *, reach: int = 60) -> list[Ref]:
    """The earlier actor a pronoun or "the country" refers to: a subject of its own sentence,
    else the nearest actor of its own sentence, else a subject before, else the nearest."""
    sent_start = tok.sent.start
    ranked = []
    barred = _own_subject(tok)
    for i in range(tok.i - 1, max(0, sent_start - reach) - 1, -1):
        ref = ctx.refs.get(i)
        if not ref or ref.entity.type not in types or i in barred:
            continue
        t = ctx.doc[i]
        subjectish = "subj" in t.dep_ or (t.dep_ in ("poss", "compound") and "subj" in t.head.dep_)
        if tok.dep_ == "poss" and i >= sent_start and t.dep_ not in ("amod", "compound", "nmod"):
            ranked = [((True, True), 0, ref)]  # "penalties on Hungary over its order": the nearest phrase
            break
        ranked.append(((i >= sent_start, subjectish), -len(ranked), ref))
    if not ranked:
        return []
    ref = max(ranked, key=lambda r: r[:2])[2]
    found = Ref(ref.entity, tok.idx, tok.idx + len(tok), "pronoun")
    ctx.anaphora.add(found)
    return [found]


DEAL_WORDS = frozenset({"deal", "agreement", "accord", "accords", "pact", "treaty", "initiative", "protocol",
                        "convention", "charter"})


def _named_before(ctx: Context, tok, word: str, reach: int = 300) -> list[Ref]:
    """The last body named earlier whose name has this word: "the coalition" after "the Saudi-led coalition"."""
    for i in range(tok.i - 1, max(0, tok.i - reach) - 1, -1):
        ref = ctx.refs.get(i)
        if ref and ref.entity.type in ("ALLIANCE", "ORG", "ARMED_GROUP") and \
                word in ref.entity.label.lower().replace("-", " ").split():
            found = Ref(ref.entity, tok.idx, tok.idx + len(tok), "pronoun")
            ctx.anaphora.add(found)
            return [found]
    return []


def _called(ctx: Context, ref: Ref, lemma: str) -> bool:
    """Whether a deal or project could be called "the <lemma>": its name or the words after it say
    so ("the Nord Stream 2 pipeline" -> "the pipeline"), or both are words for an agreement."""
    label = ref.entity.label.lower()
    if lemma in label.split() or lemma in DEAL_WORDS and DEAL_WORDS & set(label.split()):
        return True
    named = [m for m in ctx.refs.values() if m.entity.id == ref.entity.id]
    text = ctx.document.text.lower()
    return any(text[m.start:m.end].split()[-1:] == [lemma] or text[m.end:m.end + 40].split()[:1] == [lemma]
               for m in named)


def _continues_thing(ctx: Context, tok, depth: int) -> bool:
    """Whether "it" opening a sentence carries on the sentence before, whose subject is a thing, not
    an actor ("The resolution passed. It called on Iran ...")."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.sent.start == 0 or any(
            t.dep_ in ("nsubj", "nsubjpass") for t in tok.sent if t.i < tok.i):
        return False
    before = ctx.doc[tok.sent.start - 1].sent
    subject = next((t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
    return subject is not None and subject.pos_ == "NOUN" and subject.lemma_.lower() not in COUNTRY_NOUNS \
        and not actors(ctx, subject, depth=depth + 1)


def _own_subject(tok) -> set[int]:
    """The tokens of the subject of the verb a description or pronoun is the object of: "A met the
    envoy", "A spoke with him" do not refer back to A."""
    verb = tok.head if tok.dep_ in ("dobj", "dative") else \
        tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "prep" else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return set()
    return {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}


def _speakers_side(ctx: Context, tok) -> list[Ref]:
    """"We" or "our" in a quote: the state or body the speaker speaks for — the speaker if a state or
    body, else the state or body in the speaker's title ("Yoshihide Suga, Japan's chief cabinet
    secretary, told reporters")."""
    speech = next((a for a in tok.ancestors if a.lemma_.lower() in SPEECH_VERBS), None)
    if speech is None:
        speech = next((t for t in tok.sent if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"
                       and tok not in t.subtree), None)
    subj = next((c for c in speech.children if c.dep_ == "nsubj"), None) if speech is not None else None
    if subj is None or tok in subj.subtree:
        return []
    for t in subj.subtree:
        ref = ctx.refs.get(t.i)
        if ref and ref.entity.type in STATE_TYPES:
            found = Ref(ref.entity, tok.idx, tok.idx + len(tok), "pronoun")
            ctx.anaphora.add(found)
            return [found]
    return []


def _plural_antecedent(ctx: Context, tok) -> list[Ref]:
    """"They": the actors conjoined as the subject of this sentence before the pronoun, else of the
    sentence before (only when there are several of them: a plural pronoun needs a plural)."""
    sents = [tok.sent]
    if tok.sent.start > 0:
        sents.append(ctx.doc[tok.sent.start - 1].sent)
    for sent in sents:
        for t in sent:
            if t.i >= tok.i or "subj" not in t.dep_:
                continue
            found = actors(ctx, t)
            if len(found) > 1 and all(r.entity.type in STATE_TYPES for r in found) or (
                    sent.start == tok.sent.start and len(found) == 1 and _plural_speaker(t, tok, found[0])):
                refs = [Ref(r.entity, tok.idx, tok.idx + len(tok), "pronoun") for r in found]
                ctx.anaphora.update(refs)
                return refs
    return []


def _plural_speaker(subject, tok, ref: Ref) -> bool:
    """One plural actor as the subject of a clause the pronoun is inside: "the Houthis said they
    attacked", "rebels claimed they had taken the town" (an armed group or a name in the plural)."""
    return subject.head in tok.ancestors and ref.entity.type in STATE_TYPES and (
        ref.entity.type == "ARMED_GROUP" or subject.tag_ in ("NNS", "NNPS"))


def _last_pair(ctx: Context, tok, types) -> list[Ref]:
    """"The two (leaders)", "both sides": the last two actors of one kind named earlier in the
    sentence, else in the sentence before, else the pair named together in the most earlier
    sentences (the story's dyad), else the last two named within 60 tokens; never inside a
    relative clause."""
    prev = ctx.doc[tok.sent.start - 1].sent if tok.sent.start > 0 else None
    for wanted in types:  # a type, or a tuple of types that may pair with each other
        kinds = wanted if isinstance(wanted, tuple) else (wanted,)
        pair = _named_pair(ctx, tok.sent.start, tok.i, kinds) \
            or (_named_pair(ctx, prev.start, prev.end, kinds) if prev is not None else []) \
            or _dyad(ctx, tok.sent.start, kinds) \
            or _named_pair(ctx, max(0, tok.sent.start - 60), tok.sent.start, kinds)
        if pair:
            found = [Ref(r.entity, tok.idx, tok.idx + len(tok), "pronoun") for r in pair]
            ctx.anaphora.update(found)
            return found
    return []


def _named_pair(ctx: Context, start: int, end: int, kinds) -> list[Ref]:
    """The last two distinct actors of these kinds named between two tokens, in their order."""
    seen: list[Ref] = []
    for i in range(end - 1, start - 1, -1):
        ref = ctx.refs.get(i)
        if ref and ref.entity.type in kinds and ref.entity.id not in {r.entity.id for r in seen} \
                and not any(a.dep_ == "relcl" for a in ctx.doc[i].ancestors) and not _place(ctx.doc[i]):
            seen.append(ref)
            if len(seen) == 2:
                return list(reversed(seen))
    return []


def _place(tok) -> bool:
    """Named only as where something happens: "rounds in Venezuela and Mexico"."""
    head = tok
    while head.dep_ in ("compound", "conj", "amod") and head.head is not head:
        head = head.head
    return is_locative(head)


def _dyad(ctx: Context, before: int, kinds) -> list[Ref]:
    """The two actors of these kinds named together in the most sentences before token `before`."""
    counts: dict[tuple[str, str], list] = {}
    for n, sent in enumerate(ctx.doc[:before].sents):
        named: dict[str, Ref] = {}
        for i in range(sent.start, sent.end):
            ref = ctx.refs.get(i)
            if ref and ref.entity.type in kinds:
                named.setdefault(ref.entity.id, ref)
        refs = list(named.values())
        for a in range(len(refs)):
            for b in range(a + 1, len(refs)):
                entry = counts.setdefault((refs[a].entity.id, refs[b].entity.id), [0, 0, refs[a], refs[b]])
                entry[0], entry[1] = entry[0] + 1, n
    if not counts:
        return []
    best = max(counts.values(), key=lambda e: (e[0], e[1]))
    return [best[2], best[3]] if best[0] >= 2 else []
