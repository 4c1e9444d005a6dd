"""Relations a title or a membership word signals: "Turkish President Erdogan" -> leads,
"Kremlin spokesman Dmitry Peskov" -> member_of, "Turkey, a NATO member", "a key Kremlin ally"."""
from __future__ import annotations

from dataclasses import replace

from graph.names import TITLE_WORDS
from graph.extract.context import Context
from graph.extract.coref import actors, apposed, titled_person
from graph.extract.evidence import relation
from graph.extract.mentions import Ref, unique
from graph.extract.roles import naming_members, subjects
from graph.extract.tokens import pobjs
from graph.ontology import (
    BACKED_FORMS, LEADER_TITLES, SPEECH_VERBS, STATE_LEADER_TITLES, TITLE_AGENCIES, TITLES,
)


def person_title_relations(ctx: Context, tok, sent):
    """"Turkish President Erdogan" -> leads; "Kremlin spokesman Dmitry Peskov" -> member_of."""
    person = ctx.ending_ref(tok, "PERSON")
    if not person:
        return
    first = _name_start(ctx, tok.i, person)
    start = _phrase_start(ctx, first)
    before = [t for t in tok.subtree if start <= t.i < first]
    i = first - 1  # the words right before the name, however the parser attached them
    while i >= start and (ctx.doc[i].lower_.strip(".") in TITLE_WORDS or ctx.doc[i].lower_ in ("'s", "of")
                          or ctx.doc[i].i in ctx.refs and ctx.refs[i].entity.type != "PERSON"):
        if ctx.doc[i] not in before:
            before.append(ctx.doc[i])
        i -= 1
    yield from _titled(ctx, person, before, tok, sent, "title", _conjoined_offices(ctx, start))
    for child in tok.children:
        after = child.right_edge.i + 1
        if after < len(ctx.doc) and ctx.doc[after] == tok.head and tok.head.lemma_ in SPEECH_VERBS:
            continue  # "Jaishankar, a State Department spokesperson said": a new clause's subject
        if child.dep_ == "appos":  # the title and what qualifies it, not its later clauses
            phrase = [t for t in child.subtree if t.i <= child.i or t.dep_ == "pobj" and t.head.head == child
                      and t.head.lower_ in ("of", "at", "for")]
            yield from _titled(ctx, person, phrase, child, sent, "appos")


def noun_title_relations(ctx: Context, noun, sent):
    """"The U.S. special representative for Syria, James Jeffrey" / "Eric Pahon, Pentagon spokesman"."""
    if noun.lemma_.lower() not in TITLES or noun.pos_ not in ("NOUN", "PROPN") or noun.i in ctx.refs \
            or noun.dep_ == "compound":
        return
    people = titled_person(ctx, noun)
    if people and not (noun.dep_ == "appos" and noun.head.i in ctx.refs):
        phrase = [t for t in noun.subtree if t.i <= noun.i]
        # "the head of the European Commission, Ursula von der Leyen"
        phrase += [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in pobjs(p) if ctx.refs.get(o.i) not in people]
        yield from _titled(ctx, people[0], phrase, noun, sent, "appos")


# Offices of a state or a body, which a conjoined title shares ("President X and Foreign Minister Y");
# an analyst, a judge or a researcher named beside them holds none of theirs.
OFFICE_WORDS = frozenset("""
president vice prime minister secretary chancellor premier ambassador envoy spokesman spokeswoman spokesperson
deputy commander chief speaker governor commissioner adviser advisor
""".split())


def _name_start(ctx: Context, i: int, person: Ref) -> int:
    """The first token of the mention of `person` that token `i` belongs to."""
    while i > 0 and ctx.refs.get(i - 1) == person:
        i -= 1
    return i


def _conjoined_offices(ctx: Context, start: int) -> list[Ref]:
    """The body named in the title of the person just before "and": "Guyana's President Irfaan Ali
    and Vice President Bharrat Jagdeo" — Jagdeo's office is Guyana's too."""
    if start < 2 or ctx.doc[start - 1].lower_ != "and" or ctx.doc[start - 2].i not in ctx.refs:
        return []
    other = ctx.refs[ctx.doc[start - 2].i]
    if other.entity.type != "PERSON":
        return []
    first = _name_start(ctx, start - 2, other)
    words = ctx.doc[_phrase_start(ctx, first):first]
    if not any(t.lower_.strip(".") in TITLE_WORDS for t in words) or not any(
            t.lower_.strip(".") in OFFICE_WORDS for t in ctx.doc[start:start + 4]):
        return []
    return unique([ctx.refs[t.i] for t in words
                   if t.i in ctx.refs and ctx.refs[t.i].entity.type in ("GPE", "ORG", "ALLIANCE")])


def _titled(ctx: Context, person: Ref, phrase, trigger, sent, rule: str, shared: list[Ref] = ()):
    """The office a title phrase gives a person: the agency it names, else what qualifies it, else
    the body a conjoined title before it named (`shared`)."""
    words = " ".join(t.lower_ for t in phrase)
    for title in sorted(TITLE_AGENCIES, key=len, reverse=True):
        if title in words:
            ref = Ref(ctx.table.entity(TITLE_AGENCIES[title]), trigger.idx, trigger.idx + len(trigger), "title")
            yield relation(ctx, person, "member_of", ref, trigger, sent, rule)
            return
    lemmas = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
    if lemmas & {"former", "ex", "late", "then"}:
        return  # a past office
    kind = _office_kind(phrase)
    mirrored = "counterpart" in lemmas and _counterpart_leads(phrase)
    if mirrored:
        kind = "leads"  # "President Joe Biden ... his French counterpart Emmanuel Macron": a president too
    if kind == "leads" and lemmas & SUBORDINATE_WORDS:
        kind = "member_of"  # "vice president", "foreign policy chief", "deputy head"
    if not kind:
        return
    orgs = unique([ctx.refs[t.i] for t in phrase if t.i in ctx.refs and ctx.refs[t.i] != person
                   and ctx.refs[t.i].entity.type not in ("PERSON", "WEAPON", "AGREEMENT", "LOC")
                   and t.head.lower_ not in BACKED_FORMS])
    if not orgs:  # "the bloc's trade commissioner X": an owner named by a description
        orgs = [r for t in phrase if t.dep_ == "poss" and t.i not in ctx.refs for r in actors(ctx, t)
                if r.entity.type not in ("PERSON", "WEAPON", "AGREEMENT", "LOC")]
    orgs = orgs or list(shared)[-1:]
    if not orgs:  # "President Bashar al-Assad", "Foreign Minister Mevlut Cavusoglu": the state we know they serve
        state = ctx.table.home_state(person.entity.id)
        if state:
            orgs = [Ref(ctx.table.entity(state), trigger.idx, trigger.idx + len(trigger), "leader")]
    for org in orgs[-1:]:  # the innermost qualifier: "U.S. State Department spokesman" -> State Dept.
        if kind == "leads" and org.entity.type == "GPE" and not lemmas & STATE_LEADER_TITLES and not mirrored:
            kind = "member_of"  # "Lithuanian Seimas Speaker X" heads the parliament, not the state
        yield relation(ctx, person, kind, org, trigger, sent, rule)


def _counterpart_leads(phrase) -> bool:
    """Whether the office a "counterpart" mirrors, the last title named before it in the sentence,
    is a leader's ("President X met his Turkish counterpart"; not "Foreign Minister X ...")."""
    first = min(t.i for t in phrase)
    before = [t for t in phrase[0].sent if t.i < first and (t.lower_ in TITLES or t.lemma_.lower() in TITLES)]
    if not before:
        return False
    last = before[-1]
    prime = last.lower_ in ("minister", "ministers") and last.i > 0 and last.doc[last.i - 1].lower_ == "prime"
    return prime or last.lower_ in LEADER_TITLES and last.lower_ not in ("chief", "head", "commander")


RANKS = frozenset("gen general lt lieutenant col colonel maj major admiral adm brig brigadier marshal field sgt "
                  "capt captain".split())


def _office_kind(phrase) -> str | None:
    """Leads or member_of, from the office the phrase names: its last title word that is not a
    military rank ("the US president's special envoy" is an envoy; "14 Corps Commander Lt Gen X"
    a commander); "prime minister" and "secretary general" lead."""
    words = sorted(phrase, key=lambda t: t.i)
    if any(a.lower_ == "secretary" and b.lower_ == "general" for a, b in zip(words, words[1:])):
        return "leads"  # "the United Nations secretary general"
    titles = [t for t in words if (t.lemma_.lower() in TITLES or t.lower_ in TITLES)
              and t.lower_.strip(".") not in RANKS and t.dep_ != "poss"]
    if not titles:
        return "member_of" if any(t.lower_.strip(".") in RANKS for t in words) else None
    last = titles[-1]
    before = words[words.index(last) - 1].lower_ if words.index(last) > 0 else ""
    if last.lower_ in ("minister", "ministers") and before == "prime":
        return "leads"
    if last.lower_ == "secretary-general":
        return "leads"
    word = last.lemma_.lower()
    return "leads" if word in LEADER_TITLES or last.lower_ in LEADER_TITLES else "member_of"


SUBORDINATE_WORDS = frozenset({"vice", "deputy", "assistant", "policy", "intelligence", "spy", "trade", "economic",
                               "security", "nuclear", "regional", "provincial"})


def _phrase_start(ctx: Context, first: int) -> int:
    """Where the title phrase before a name begins: after the last conjunction, comma or other
    person ("Cuba's president X and British foreign minister Y": Y's phrase is the last four words)."""
    i = first - 1
    while i >= 0 and i >= ctx.doc[first].sent.start:
        t = ctx.doc[i]
        if t.dep_ == "cc" or t.text in (",", ";", "(", ":") or t.i in ctx.refs and ctx.refs[t.i].entity.type == "PERSON":
            return i + 1
        i -= 1
    return max(i + 1, 0)


ALLIED_TYPES = frozenset({"GPE", "ORG"})  # allies of one standing: an alliance between them, not patronage


def membership_relations(ctx: Context, noun, sent):
    """"Turkey, a NATO member country" / "NATO member Turkey" / "a key Kremlin ally"."""
    if noun.lemma_.lower() not in ("member", "ally") or noun.pos_ != "NOUN":
        return
    holder = noun if noun.dep_ != "compound" else noun.head
    groups = [r for t in ((noun,) if noun == holder else (noun, holder)) for c in t.children
              if c.dep_ in ("compound", "poss", "nmod") and c != noun for r in actors(ctx, c)]
    groups += [r for p in noun.children if p.dep_ == "prep" and (p.lower_ in ("of", "in") or  # "an ally of X"
                                                                 p.lower_ == "for" and noun.lemma_.lower() == "ally")
               for o in pobjs(p) for r in actors(ctx, o)]
    if holder.dep_ == "attr":
        members = subjects(ctx, holder.head, False)[0]
    elif holder.dep_ == "compound" and holder.head.i in ctx.refs:
        members = [ctx.refs[holder.head.i]]
    elif holder != noun and holder.i in ctx.refs:  # "NATO member Poland"
        members = [ctx.refs[holder.i]]
    else:
        members = [r for c in holder.children if c.dep_ == "appos" for r in actors(ctx, c)] or apposed(ctx, holder)
    for g in groups:
        for m in members:
            if noun.lemma_.lower() == "ally" and g.entity.type != "ALLIANCE":  # "an ally in NATO" is a member
                if {g.entity.type, m.entity.type} <= ALLIED_TYPES:  # states allied: "Saudi Arabia, a close ally of Bahrain"
                    yield relation(ctx, m, "cooperates", g, noun, sent, "copula")
                else:  # a state backs its man or faction: "Assad, a key Kremlin ally", "Cairo, an ally for Burhan"
                    patron, client = (m, g) if m.entity.type in ALLIED_TYPES else (g, m)
                    yield relation(ctx, patron, "supports", client, noun, sent, "copula")
            elif holder.dep_ == "attr":  # "X is (not) a member of Y": the copula's mood
                yield relation(ctx, m, "member_of", g, noun, sent, "copula")
            else:  # "Norway, not a member of the EU": a negated apposition
                rel = relation(ctx, m, "member_of", g, noun, sent, "appos")
                negated = any(c.dep_ == "neg" for c in holder.children) or holder.left_edge.i > 0 \
                    and ctx.doc[holder.left_edge.i - 1].lower_ in ("not", "never")
                yield replace(rel, evidence=replace(rel.evidence, negated=True)) if negated else rel


def inclusion_relations(ctx: Context, verb, sent):
    """A bloc that includes or comprises states has them as members: "the CSTO, which also includes
    Kazakhstan and Belarus"; an organisation or a state that "includes" something names no members."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in ("include", "comprise", "encompass"):
        return
    blocs = [r for r in subjects(ctx, verb, False)[0] if r.entity.type == "ALLIANCE"]
    named = [o for c in verb.children if c.dep_ == "dobj"  # "15 states, including Nigeria and Ghana"
             for o in [c, *(x for p in c.children if p.dep_ == "prep" and naming_members(p) for x in pobjs(p))]]
    members = [r for o in named for r in actors(ctx, o) if r.entity.type in ("GPE", "ORG", "ARMED_GROUP")]
    for bloc in blocs:
        for m in members:
            yield relation(ctx, m, "member_of", bloc, verb, sent, "includes")
