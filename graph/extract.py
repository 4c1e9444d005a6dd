"""Actor mentions and typed relations read off a parsed spaCy Doc (pure: no I/O).

Mentions come from the named entities (plus demonyms and names the model left untagged),
resolved through the actor table; people are merged by full name within a document.
Relations come from patterns over the dependency parse: verbs, nouns and adjectives from
the trigger lexicon (graph/ontology.py), "X-backed Y", titles and appositions, membership
and location. Every relation keeps its sentence, the offsets of both actors and the
trigger, and whether it is negated, reported, future or hypothetical.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations

from spacy.tokens import Span

from graph.actors import (
    TITLE_WORDS, WEAPON_HEADS, ActorTable, fold, load_actor_table, media_names, slugify, surname,
)
from graph.models import Document, Entity, Evidence, Extraction, Mention, Relation
from graph.ontology import (
    LIGHT_VERBS, STOPPING_VERBS, ADJECTIVE_TRIGGERS, BACKED_FORMS, DELEGATION_NOUNS, FORCE_NOUNS, FUTURE_LEMMAS, HEDGE_AUX,
    IRREALIS_VERBS, LEADER_TITLES, LOCATIVE_PREPS, MEMBER_TITLES, NEGATING_LEMMAS, NOUN_TRIGGERS,
    PLACE_NOUNS, PREP_VERB_TRIGGERS, SPEECH_VERBS, SYMMETRIC, TITLE_AGENCIES,
    VERB_TRIGGERS, WEAK_OBJECT_TYPES,
)

ACTOR_TYPES = frozenset({"GPE", "ORG", "ALLIANCE", "ARMED_GROUP", "PERSON", "WEAPON"})
TITLES = LEADER_TITLES | MEMBER_TITLES
PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
QUANTITY_NOUNS = frozenset({"hundreds", "thousands", "dozens", "hundred", "thousand", "millions", "some",
                            "many", "most", "all", "group", "number", "contingent", "unit", "team"})
PERSON_TYPES = ("PERSON",)
STATE_TYPES = ("GPE", "ORG", "ALLIANCE", "ARMED_GROUP")
COUNTRY_NOUNS = frozenset({"country", "countries", "nation", "nations", "state", "states",
                           "government", "governments", "regime", "administration"})
PAIR_PEOPLE_NOUNS = frozenset({"leader", "leaders", "men", "women", "presidents", "ministers", "heads"})
THING_PRONOUNS = frozenset({"it", "its"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "that"})
NAME_PARTICLES = frozenset({"al", "bin", "ibn", "de", "del", "da", "van", "von", "der", "la", "le", "-", "el", "abu", "'s"})
GENERIC_ORG_WORDS = frozenset({"air", "force", "army", "navy", "marines", "national", "guard", "special",
                               "command", "defence", "defense", "ministry", "foreign", "the"})
GENERIC_OFFICE_WORDS = frozenset({"state", "defense", "defence", "treasury", "justice", "interior",
                                  "foreign", "security", "commerce", "energy", "finance", "war"})
VERB_OBJECT_PREPS = frozenset({"with", "against", "to", "on", "at", "from", "for", "into", "toward",
                               "towards", "upon", "of", "between"})
# Verbs whose subject reacts to a relation noun rather than doing it: "X criticised the sanctions".
REACTING_VERBS = frozenset("""
criticize criticise condemn oppose reject welcome praise slam denounce protest question dispute
deny fear ignore note report mention cite blame defend justify support back resist block
""".split())
RECEIVING_VERBS = frozenset({"receive", "get", "win", "gain", "enjoy", "secure", "obtain", "accept"})
NOUN_OBJECT_PREPS = VERB_OBJECT_PREPS - {"from", "between"} | {"over"}
PHRASE_PREPS = ("of", "with", "to", "for", "on", "against", "including")
INHERITING_PREPS = frozenset({"in", "by", "after", "before", "while", "through", "at", "for"})
RECIPROCAL = SYMMETRIC | {"opposes", "attacks"}  # "A and B squabbled/clashed" links A and B
CLIMBING_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "acomp", "pcomp", "prep"})
HEDGE_ADJECTIVES = frozenset({"potential", "possible", "proposed", "planned", "prospective", "likely", "hypothetical"})
STATIC_RULES = frozenset({"title", "appos", "located", "backed", "co_mentioned"})
CONFIDENCE = {"svo": 0.85, "passive": 0.8, "control": 0.75, "nominal": 0.75, "between": 0.8,
              "backed": 0.85, "title": 0.9, "appos": 0.85, "copula": 0.75, "adjective": 0.8,
              "located": 0.7, "ellipsis": 0.5, "co_mentioned": 0.3}


@dataclass(frozen=True)
class _Ref:
    """An actor found at a token: the entity, its character span and how it was resolved."""

    entity: Entity
    start: int
    end: int
    how: str


def extract(doc, document: Document, *, table: ActorTable | None = None) -> Extraction:
    """Return the entities, mentions and relations of one parsed document.

    Args:
        doc: the spaCy Doc of `document.text`.
        document: the article the Doc was parsed from.
        table: the actor alias table (the shipped one by default).
    """
    reader = _Reader(doc, document, table or load_actor_table())
    relations = tuple(reader.relations())
    return Extraction(
        document=document,
        entities=tuple(sorted({r.entity for r in (*reader.refs.values(), *reader.anaphora)}
                              | set(reader.related.values()), key=lambda e: e.id)),
        mentions=reader.mentions(),
        relations=relations,
    )


def _trigger(tok, lexicon: dict[str, str]) -> str | None:
    return lexicon.get(tok.lower_) or lexicon.get(tok.lemma_.lower())


def _unique(refs: list[_Ref]) -> list[_Ref]:
    seen, out = set(), []
    for r in refs:
        if r.entity.id not in seen:
            seen.add(r.entity.id)
            out.append(r)
    return out


def _pobjs(prep):
    """Objects of a preposition and of the prepositions conjoined to it ("with A and with B")."""
    return [o for p in (prep, *(c for c in prep.children if c.dep_ == "conj" and c.pos_ == "ADP"))
            for o in p.children if o.dep_ == "pobj"]


class _Reader:
    """Resolves the actors of one Doc, then reads its relations sentence by sentence."""

    def __init__(self, doc, document: Document, table: ActorTable):
        self.doc, self.document, self.table = doc, document, table
        self.refs: dict[int, _Ref] = {}  # token index -> the actor at that token
        self.anaphora: set[_Ref] = set()  # pronouns and descriptions resolved while reading relations
        self.related: dict[str, Entity] = {}  # every entity a relation names (a leader's state, say)
        self._resolve_mentions()

    # ---- mentions -------------------------------------------------------------------
    def _resolve_mentions(self) -> None:
        people = _people_index(self.doc, self.table)
        for span in self.doc.ents:
            span = _trim(span)
            ref = span is not None and self._resolve_span(span, people)
            if ref:
                for tok in span:
                    self.refs[tok.i] = ref
        for tok in self.doc:  # demonyms and names the NER left untagged
            if tok.i in self.refs or not tok.text[:1].isupper():
                continue
            entity, how = self.table.demonym(tok.text), "demonym"
            if entity is None and tok.pos_ == "PROPN" and not tok.ent_type_:
                entity, how = self.table.lookup(tok.text) or self.table.known_surnames.get(tok.lower_), "lexicon"
                if entity is None and self.table.seat(tok.text) and slugify(tok.text):
                    entity, how = self.table.seat(tok.text), "seat"
                    if _is_locative(tok):
                        entity, how = Entity(slugify(tok.text), tok.text, "LOC"), "place"
            if entity:
                self.refs[tok.i] = _Ref(entity, tok.idx, tok.idx + len(tok.text), how)

    def _resolve_span(self, span, people: dict[str, Entity]) -> _Ref | None:
        entity, how = self._lookup(span, people)
        if entity is None:
            return None
        if entity.type == "GPE" and how == "seat" and _is_locative(span.root):
            entity, how = Entity(slugify(span.text), span.text, "LOC"), "place"
        return _Ref(entity, span.start_char, span.end_char, how)

    def _lookup(self, span, people: dict[str, Entity]) -> tuple[Entity | None, str]:
        text, label, table = span.text, span.label_, self.table
        if fold(text).lower() in media_names():  # "Reuters reported": a source, not an actor
            return None, ""
        if label == "PERSON":
            known = table.lookup(text) or table.seat(text)
            if known and known.type != "PERSON":  # the model calls "Patriot" or "Sanaa" a person
                return known, "alias"
            return people.get(_name_key(text)), "person"
        for how, find in (("alias", table.lookup), ("demonym", table.demonym), ("seat", table.seat)):
            entity = find(text)
            if entity:
                return entity, how
        known = people.get(_name_key(text)) or (table.known_surnames.get(_name_key(text)) if len(span) == 1 else None)
        if known:  # a person the model tagged as something else
            return known, "person"
        if len(span) > 1:  # "U.S. State Department", "Turkish Foreign Ministry": the state is implied
            entity = table.lookup(span[1:].text)
            if entity and entity.type != "GPE":
                return entity, "alias"
        if label == "ORG" and all(t.lower_ in FORCE_NOUNS | GENERIC_ORG_WORDS for t in span):
            return None, ""  # "the Syrian Air Force" stands for Syria (see FORCE_NOUNS)
        if label == "ORG" and not any(t.like_num for t in span) and not _title_part(span):
            return Entity(slugify(text), text, "ORG"), "ner"
        if label in ("GPE", "LOC"):
            return Entity(slugify(text), text, "LOC"), "ner"
        return None, ""

    def mentions(self) -> tuple[Mention, ...]:
        seen: dict[tuple[int, int], Mention] = {}
        for ref in [*self.refs.values(), *self.anaphora]:
            seen.setdefault((ref.start, ref.end), Mention(
                ref.entity.id, self.document.id, ref.start, ref.end,
                self.document.text[ref.start:ref.end], ref.how))
        return tuple(sorted(seen.values(), key=lambda m: m.start))

    # ---- the actors a token stands for ----------------------------------------------
    def actors(self, tok, *, depth: int = 0) -> list[_Ref]:
        """The actors a token stands for, with its conjuncts ("Putin and Erdogan")."""
        found = self._actors_at(tok, depth)
        for conj in tok.conjuncts:
            if conj.i > tok.i:
                found += self._actors_at(conj, depth)
        return _unique(found)

    def _actors_at(self, tok, depth: int) -> list[_Ref]:
        if tok.i in self.refs:
            ref = self.refs[tok.i]
            return [] if ref.entity.type == "LOC" else [ref]
        if depth > 3:
            return []
        low, lemma = tok.lower_, tok.lemma_.lower()
        kids = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "amod", "compound")}
        if low in PERSONAL_PRONOUNS or low in THING_PRONOUNS:
            return self._antecedent(tok, PERSON_TYPES if low in PERSONAL_PRONOUNS else STATE_TYPES)
        if kids == {"the"} and lemma in COUNTRY_NOUNS:  # "the country"
            return self._antecedent(tok, ("GPE",))
        if kids == {"the"} and lemma in TITLES:  # "the envoy", "the president"
            return self._antecedent(tok, PERSON_TYPES)
        if low == "two" and "the" in kids:  # "the two spoke"
            return self._last_pair(tok, ("PERSON", "GPE"))
        if kids in ({"the", "two"}, {"both"}) and lemma in COUNTRY_NOUNS | PAIR_PEOPLE_NOUNS:  # "both countries"
            return self._last_pair(tok, ("GPE",) if lemma in COUNTRY_NOUNS else ("PERSON",))
        if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.actors(tok.head.head, depth=depth + 1)
        if tok.dep_ == "appos" and tok.head.i in self.refs:
            return [self.refs[tok.head.i]]
        if lemma in FORCE_NOUNS or low in FORCE_NOUNS:  # "Syrian government forces", "Yemen's Houthi rebels"
            found = self._modifier_actors(tok, depth, preps=("of", "at", "from", "to"), regime=True)
            return [r for r in found if r.entity.type != "GPE"] or found  # the group, not its country
        if lemma in TITLES:  # "the envoy, James Jeffrey"; else "Sweden's foreign minister" acts for Sweden
            after = self.refs.get(tok.i + 1)
            if after and after.entity.type == "PERSON":  # "President Erdogan" misparsed as two conjuncts
                return [after]
            return self._titled_person(tok) or self._modifier_actors(tok, depth)
        return []

    def _modifier_actors(self, tok, depth: int, *, preps=(), regime: bool = False) -> list[_Ref]:
        """Actors that qualify a noun: "Turkish troops", "the Assad regime", "leaders at X"."""
        found = []
        for child in tok.children:
            if child.dep_ == "amod" and child.lower_ == "loyal":  # "forces loyal to X"
                found += [self._regime_state(r) for r in self._modifier_actors(child, depth + 1, preps=("to",))]
            elif child.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod", "nummod") \
                    and child.lower_ not in BACKED_FORMS:
                refs = self._actors_at(child, depth + 1) or self._modifier_actors(child, depth + 1)
                if child.dep_ in ("compound", "nmod") and tok.lower_ not in WEAPON_HEADS:
                    refs = [r for r in refs if r.entity.type != "WEAPON"]  # "the S-400 working group"
                found += [self._regime_state(r) for r in refs] if regime else refs
            elif child.dep_ == "prep" and child.lower_ in preps:
                found += [r for obj in _pobjs(child) for r in self.actors(obj, depth=depth + 1)]
        return found

    def _regime_state(self, ref: _Ref) -> _Ref:
        """A leader standing for the state's apparatus: "the Assad regime", "forces loyal to X"."""
        state = self.table.home_state(ref.entity.id) if ref.entity.type == "PERSON" else None
        return _Ref(self.table.entity(state), ref.start, ref.end, "leader") if state else ref

    def _titled_person(self, tok) -> list[_Ref]:
        """The person a title noun introduces: "the U.S. envoy, James Jeffrey" / "Pahon, spokesman"."""
        heads = [tok.i] + [o.i for p in tok.children if p.dep_ == "prep" for o in _pobjs(p)]
        for t in tok.subtree:  # the parser may hang the name on the title's own object
            ref = self.refs.get(t.i)
            if ref and ref.entity.type == "PERSON" and t.dep_ == "appos" and t.head.i in heads:
                return [ref]
        left = tok.left_edge.i - 1
        opens_clause = tok.dep_ == "nsubj" and any(c.dep_ == "det" for c in tok.children)
        if left > 0 and self.doc[left].text == "," and not opens_clause:  # not "X, a spokesman said"
            ref = self.refs.get(left - 1)
            if ref and ref.entity.type == "PERSON":
                return [ref]
        return []

    def _party_actors(self, tok) -> list[_Ref]:
        """Parties a meeting or deal object names: "Finnish officials", "Lithuania's offer",
        "tariffs with Mexico" — but not its topic ("a Syria pact")."""
        return self.actors(tok) or _unique(
            [r for c in tok.children if c.dep_ == "poss" for r in self.actors(c)]
            + [r for p in tok.children if p.dep_ == "prep" and p.lower_ in ("with", "between", "to")
               for o in _pobjs(p) for r in self.actors(o)])

    def phrase_actors(self, tok, *, depth: int = 0) -> list[_Ref]:
        """Actors a noun phrase is about: itself, its qualifiers, or what its of/with/to name."""
        found = self.actors(tok, depth=depth)
        if found or depth > 2:
            return found
        found = self._modifier_actors(tok, depth)
        # a relation noun is about its doer, not its target: "criticised sanctions against Russia"
        preps = ("of", "by", "from") if _trigger(tok, NOUN_TRIGGERS) else PHRASE_PREPS
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found += [r for obj in _pobjs(child) for r in self.phrase_actors(obj, depth=depth + 1)]
        return _unique(found)

    def _antecedent(self, tok, types) -> list[_Ref]:
        """The earlier actor a pronoun or "the country" refers to: a subject of its own sentence,
        else the nearest actor of its own sentence, else a subject before, else the nearest."""
        sent_start = tok.sent.start
        ranked = []
        for i in range(tok.i - 1, max(0, sent_start - 60) - 1, -1):
            ref = self.refs.get(i)
            if not ref or ref.entity.type not in types:
                continue
            t = self.doc[i]
            subjectish = "subj" in t.dep_ or (t.dep_ in ("poss", "compound") and "subj" in t.head.dep_)
            ranked.append(((i >= sent_start, subjectish), -len(ranked), ref))
        if not ranked:
            return []
        ref = max(ranked, key=lambda r: r[:2])[2]
        found = _Ref(ref.entity, tok.idx, tok.idx + len(tok), "pronoun")
        self.anaphora.add(found)
        return [found]

    def _last_pair(self, tok, types) -> list[_Ref]:
        """"The two (leaders)": the last two actors of one kind named in earlier sentences,
        outside relative clauses."""
        for wanted in types:
            seen: list[_Ref] = []
            for i in range(tok.sent.start - 1, max(0, tok.sent.start - 150) - 1, -1):
                ref = self.refs.get(i)
                if ref and ref.entity.type == wanted and ref.entity.id not in {r.entity.id for r in seen} \
                        and not any(a.dep_ == "relcl" for a in self.doc[i].ancestors):
                    seen.append(ref)
                    if len(seen) == 2:
                        found = [_Ref(r.entity, tok.idx, tok.idx + len(tok), "pronoun") for r in reversed(seen)]
                        self.anaphora.update(found)
                        return found
        return []

    # ---- who does it ----------------------------------------------------------------
    def _subjects(self, verb, passive: bool) -> tuple[list[_Ref], str]:
        """Who does it: the subject, the passive agent, or a controller up the verb chain."""
        for child in verb.children:
            if passive and child.dep_ == "agent":
                found = [r for obj in _pobjs(child) for r in self.phrase_actors(obj)]
                if found:
                    return found, "passive"
            if not passive and child.dep_ in ("nsubj", "csubj"):
                return self._subject_actors(child), "svo"
            if not passive and child.dep_ in ("compound", "npadvmod") and child.i < verb.i and self.actors(child):
                return self.actors(child), "svo"  # a subject the parser attached as a modifier
        if passive:
            cause = self._cause_actors(verb)
            if cause:
                return cause, "passive"
        return self._inherited_subjects(verb), "control"

    def _surface_subjects(self, verb) -> list[_Ref]:
        """The grammatical subject, active or passive, that a dependent clause shares."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return self._subject_actors(child)
        return self._inherited_subjects(verb)

    def _subject_actors(self, tok) -> list[_Ref]:
        """The doers a subject names: an actor, or a count of one ("hundreds of US troops");
        not the owner of a thing ("its radar could provide ..." is not the owner acting)."""
        found = self.actors(tok)
        if not found and (tok.lemma_.lower() in QUANTITY_NOUNS or tok.pos_ == "NUM"):
            found = [r for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in _pobjs(p)
                     for r in self.actors(o)]
        return found

    def _cause_actors(self, verb) -> list[_Ref]:
        """Agents of a passive verb given as a cause: "killed in/as a result of Syrian airstrikes"."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "as", "during", "from", "amid"):
                for tok in prep.subtree:
                    if _trigger(tok, NOUN_TRIGGERS) == "attacks":
                        found = self._modifier_actors(tok, 0, preps=("by",), regime=True)
                        if found:
                            return found
        return []

    def _inherited_subjects(self, verb, depth: int = 0) -> list[_Ref]:
        """Subject of a verb that has none: control, conjunction, participle, relative clause."""
        head, dep = verb.head, verb.dep_
        if head == verb or depth > 4:
            return []
        if dep == "xcomp" or (dep == "advcl" and any(c.lower_ == "to" for c in verb.children)):
            for child in head.children:  # object control: "pressed X to send", "help X fight"
                if child.dep_ in ("dobj", "dative") and child.i < verb.i and self.actors(child):
                    return self.actors(child)
            return self._surface_subjects(head)
        if dep in ("conj", "advcl", "acomp"):
            return self._surface_subjects(head)
        if dep == "acl" and head.pos_ in ("NOUN", "PROPN"):  # "Turkey's decision to acquire"
            return [r for c in head.children if c.dep_ == "poss" for r in self.actors(c)] or \
                self.actors(head) or self._governor_subjects(head)
        if dep == "relcl":
            return self.actors(head)
        if dep == "pcomp" and head.lower_ in INHERITING_PREPS:  # "leading a coalition in fighting X"
            node = head.head
            while node.pos_ not in ("VERB", "AUX") and node.head != node:
                node = node.head
            return self._surface_subjects(node) if node.pos_ in ("VERB", "AUX") else []
        return []

    def _governor_subjects(self, noun) -> list[_Ref]:
        """Subject of the verb a noun hangs from: "X expressed concern", "X is in talks", "X is one of"."""
        while noun.dep_ == "conj" or (noun.dep_ == "pobj" and noun.head.lower_ == "of"):
            noun = noun.head if noun.dep_ == "conj" else noun.head.head
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ in ("in", "into", "under", "at"):
            head = head.head
        elif noun.dep_ not in ("dobj", "attr", "oprd"):
            return []
        if head.pos_ not in ("VERB", "AUX") or any(c.dep_ == "nsubjpass" for c in head.children) \
                and noun.dep_ != "oprd":
            return []
        return self._surface_subjects(head)

    # ---- who receives it ------------------------------------------------------------
    def _objects(self, verb, rtype: str, passive: bool) -> list[_Ref]:
        """Who receives it: direct object, recipient, prepositional or relative object."""
        found: list[_Ref] = []
        recipients: list[_Ref] = []
        for child in verb.children:
            if (passive and child.dep_ == "nsubjpass") or child.dep_ in ("dobj", "dative", "attr") and child.pos_ != "ADP":
                # one meets or deals with a party, not with the topic: "discuss a Syria pact"
                found += self._party_actors(child) if rtype in SYMMETRIC else self.phrase_actors(child)
                if rtype == "supplies":  # "sold jets to India" with "to" attached to the noun
                    recipients += [r for p in child.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                                   for o in _pobjs(p) for r in self.phrase_actors(o)]
            elif child.dep_ in ("prep", "dative") and child.lower_ in VERB_OBJECT_PREPS and not (
                    rtype == "supports" and child.lower_ == "against"):
                refs = [r for obj in _pobjs(child) for r in self.phrase_actors(obj)]
                (recipients if child.lower_ in ("to", "for") else found).extend(refs)
            elif child.dep_ == "ccomp" and not any(c.dep_ == "dobj" for c in verb.children):
                found += [r for s in child.children if s.dep_ == "nsubj" for r in self.actors(s)]  # "help X defend"
            elif child.dep_ == "xcomp" and rtype == "threatens":  # "threatened to hit Syrian targets"
                found += self._objects(child, "attacks", False)
            if child.dep_ == "dobj" and rtype == "threatens" and _trigger(child, NOUN_TRIGGERS):
                found += [r for p in child.children if p.dep_ == "prep" and p.lower_ in ("on", "against", "for")
                          for o in _pobjs(p) for r in self.phrase_actors(o)]  # "threatening sanctions on Turkey"
        found += self._relative_objects(verb)
        if rtype == "attacks" and not found:  # "struck a refinery in Russia's Samara region"
            found = [r for c in verb.children if c.dep_ == "dobj" for p in c.children
                     if p.dep_ == "prep" and p.lower_ == "in" for o in _pobjs(p) for r in self.phrase_actors(o)]
        if rtype == "supplies":
            return _unique(recipients or found)
        found = _unique(found + recipients)
        return _fit_objects(found, rtype)

    def _relative_objects(self, verb) -> list[_Ref]:
        """"which Ankara plans to purchase" -> the noun the relative clause hangs on;
        "X, something Carter opposed" -> the doers of the clause it comments on."""
        if not any(c.dep_ == "dobj" and c.lower_ in RELATIVE_PRONOUNS for c in verb.children) \
                and verb.dep_ != "relcl":
            return []
        node = verb
        while node.dep_ in ("xcomp", "ccomp") and node.head != node:
            node = node.head
        if node.dep_ != "relcl":
            return []
        noun = node.head
        if noun.pos_ == "PRON" and noun.dep_ in ("npadvmod", "appos") and noun.head.pos_ in ("VERB", "AUX"):
            return self._surface_subjects(noun.head)
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children) \
                or verb != node:
            return self.phrase_actors(noun)
        return []

    def _previous_objects(self, sent) -> list[_Ref]:
        """Objects of an elided verb ("Russia opposes.") from the sentence before."""
        if sent.start == 0:
            return []
        found = []
        for tok in self.doc[sent.start - 1].sent:
            rtype = _trigger(tok, VERB_TRIGGERS) if tok.pos_ == "VERB" else None
            if rtype:
                found += self._objects(tok, rtype, False)
        return _unique(found)

    # ---- relations ------------------------------------------------------------------
    def relations(self) -> list[Relation]:
        out: list[Relation] = []
        for sent in self.doc.sents:
            found: dict[tuple[str, str, str], Relation] = {}
            for rel in self._sentence_relations(sent):
                key = (rel.subject, rel.relation, rel.object)
                if self.related[rel.subject].type == "WEAPON" and rel.relation != "co_mentioned":
                    continue  # a weapon does not act: "the S-400's radar could provide ..."
                if rel.subject != rel.object and (
                        key not in found or found[key].evidence.confidence < rel.evidence.confidence):
                    found[key] = rel
            out += found.values()
            out += self._co_mentions(sent, found.values())
        return out

    def _sentence_relations(self, sent):
        for tok in sent:
            ref = self.refs.get(tok.i)
            last_of_ref = ref and self.refs.get(tok.i + 1) != ref
            if tok.pos_ in ("VERB", "AUX"):
                rtype = _trigger(tok, VERB_TRIGGERS) or self._prep_verb_type(tok)
                if rtype:
                    yield from self._verb_relations(tok, rtype, sent)
            elif tok.pos_ in ("NOUN", "PROPN") and _trigger(tok, NOUN_TRIGGERS) and not ref:
                yield from self._noun_relations(tok, _trigger(tok, NOUN_TRIGGERS), sent)
            if tok.dep_ == "acomp" and _trigger(tok, ADJECTIVE_TRIGGERS):
                yield from self._adjective_relations(tok, _trigger(tok, ADJECTIVE_TRIGGERS), sent)
            if tok.lower_ in BACKED_FORMS:
                yield from self._backed_relations(tok, sent)
            if last_of_ref and ref.entity.type == "PERSON":
                yield from self._person_title_relations(tok, sent)
            if tok.lemma_.lower() in TITLES and tok.pos_ in ("NOUN", "PROPN") and not ref and tok.dep_ != "compound":
                yield from self._noun_title_relations(tok, sent)
            if last_of_ref and ref.entity.type == "LOC":
                yield from self._located_relations(tok, sent)
            if tok.lemma_.lower() in ("member", "ally") and tok.pos_ == "NOUN":
                yield from self._membership_relations(tok, sent)

    def _prep_verb_type(self, verb) -> str | None:
        """Verbs that signal a relation only with their preposition: "work with", "side with"."""
        wanted = PREP_VERB_TRIGGERS.get(verb.lemma_.lower())
        if wanted and any(c.dep_ == "prep" and c.lower_ == wanted[0] for c in verb.children):
            return wanted[1]
        return None

    def _verb_relations(self, verb, rtype: str, sent):
        if rtype in ("attacks", "acquires") and any(
                c.dep_ == "dobj" and _trigger(c, NOUN_TRIGGERS) not in (None, rtype) for c in verb.children):
            return  # "struck a deal", "received support": the noun carries the relation
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        subjects, rule = self._subjects(verb, passive)
        if rtype == "supplies" and any(c.dep_ == "dobj" and c.lemma_.lower() in DELEGATION_NOUNS
                                       for c in verb.children):
            rtype = "negotiates"  # sending a delegation is diplomacy, not supply
        if len(subjects) > 1 and rtype in SYMMETRIC:  # "Putin and Erdogan struck a deal"
            yield from self._between(subjects, rtype, verb, sent, rule)
            return
        if rtype == "supports":  # "defend X against Y": Y is opposed, not supported
            against = [r for p in verb.children if p.dep_ == "prep" and p.lower_ == "against"
                       for o in _pobjs(p) for r in self.phrase_actors(o)]
            for s in subjects:
                for o in against:
                    yield self._relation(s, "opposes", o, verb, sent, rule)
        objects = self._objects(verb, rtype, passive)
        if not objects and len(subjects) > 1 and (rtype in SYMMETRIC or rtype in RECIPROCAL and rule == "svo"):
            yield from self._between(subjects, rtype, verb, sent, rule)
            return
        if not objects and subjects and verb.dep_ == "ROOT" and len(sent) <= 6:
            objects, rule = self._previous_objects(sent), "ellipsis"
        for s in subjects:
            for o in objects:
                yield self._relation(s, rtype, o, verb, sent, rule)

    def _noun_relations(self, noun, rtype: str, sent):
        agents = [r for c in noun.children if c.dep_ == "poss" for r in self.actors(c)]
        agents = agents or [r for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                            and c.lower_ not in BACKED_FORMS
                            for r in self._actors_at(c, 1) or self._modifier_actors(c, 1)]
        targets: list[_Ref] = []
        for prep in noun.children:
            if prep.dep_ != "prep":
                continue
            if prep.lower_ == "between":
                yield from self._between([r for o in _pobjs(prep) for r in self.actors(o)], rtype, noun, sent, "between")
                return
            if prep.lower_ in ("from", "by") and not agents:
                agents = [r for o in _pobjs(prep) for r in self.phrase_actors(o)]
            elif prep.lower_ in NOUN_OBJECT_PREPS:
                targets += [r for o in _pobjs(prep) for r in self.phrase_actors(o)]
        for clause in noun.children:  # "skepticism (that) the Russians can be trusted"
            if clause.dep_ in ("acl", "relcl", "ccomp"):
                targets += [r for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for r in self.actors(c)]
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING_VERBS:  # "Y received support from X"
            agents = agents or [r for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "from"
                                for o in _pobjs(p) for r in self.phrase_actors(o)]
            targets = targets or self._surface_subjects(noun.head)
        if not agents and noun.head.lemma_.lower() not in REACTING_VERBS:  # "criticised sanctions": not the sanctioner
            agents = self._governor_subjects(noun)
        if not targets and noun.dep_ == "pobj" and noun.head.dep_ == "agent":  # "buoyed by support from X"
            targets = self._surface_subjects(noun.head.head)
        if not targets and rtype in RECIPROCAL and len(agents) > 1 and noun.head.lemma_.lower() in LIGHT_VERBS:
            yield from self._between(agents, rtype, noun, sent, "nominal")  # "A and B struck a deal"
            return
        if rtype == "supplies":  # "the delivery of jets to Turkey": the recipient is the object
            targets = [r for p in noun.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                       for o in _pobjs(p) for r in self.phrase_actors(o)] or targets
        targets = _fit_objects(targets, rtype)
        governor = noun.head.lemma_.lower()
        mood = "hypothetical" if governor in IRREALIS_VERBS else None
        for a in agents:
            for t in targets:
                rel = self._relation(a, rtype, t, noun, sent, "nominal", modality=mood)
                if governor in STOPPING_VERBS:  # "halted the delivery": the supply is not happening
                    rel = replace(rel, evidence=replace(rel.evidence, negated=True))
                yield rel

    def _adjective_relations(self, adj, rtype: str, sent):
        """"X is opposed to Y", "X is critical of Y"."""
        subjects, _ = self._subjects(adj.head, False)
        objects = [r for prep in adj.children if prep.dep_ == "prep" for o in _pobjs(prep)
                   for r in self.phrase_actors(o)]
        for s in subjects:
            for o in _unique(objects):
                yield self._relation(s, rtype, o, adj, sent, "adjective")

    def _backed_relations(self, tok, sent):
        """"Russian-backed forces" -> supports; "the al-Qaeda-affiliated group" -> member_of."""
        backers = [self.refs[t.i] for t in tok.children if t.i in self.refs]
        if not backers and tok.i >= 2 and self.doc[tok.i - 1].text == "-" and tok.i - 2 in self.refs:
            backers = [self.refs[tok.i - 2]]
        backers = _unique(backers)
        if not backers:
            return
        rtype, reverse = BACKED_FORMS[tok.lower_]
        head = tok.head  # the participle qualifies its own noun, not the nouns conjoined to it
        backed = [r for r in self._actors_at(head, 0) or self._modifier_actors(head, 0) if r not in backers] \
            or self._apposed(head)
        for b in backers:
            for t in backed:
                s, o = (t, b) if reverse else (b, t)
                yield self._relation(s, rtype, o, tok, sent, "backed")

    def _apposed(self, noun) -> list[_Ref]:
        """The actor a descriptive phrase is set beside: "al-Nusra, the ... group"."""
        if noun.dep_ == "appos" and noun.head.i in self.refs:
            return [self.refs[noun.head.i]]
        left = noun.left_edge.i - 1
        if left > 0 and self.doc[left].text == "," and left - 1 in self.refs:
            return [self.refs[left - 1]]
        return []

    def _person_title_relations(self, tok, sent):
        """"Turkish President Erdogan" -> leads; "Kremlin spokesman Dmitry Peskov" -> member_of."""
        person = self.refs[tok.i]
        first = tok.i
        while first > 0 and self.refs.get(first - 1) == person:
            first -= 1
        before = [t for t in tok.subtree if t.i < first]
        i = first - 1  # the words right before the name, however the parser attached them
        while i >= 0 and (self.doc[i].lower_.strip(".") in TITLE_WORDS or self.doc[i].lower_ in ("'s", "of")
                          or self.doc[i].i in self.refs and self.refs[i].entity.type != "PERSON"):
            if self.doc[i] not in before:
                before.append(self.doc[i])
            i -= 1
        yield from self._titled(person, before, tok, sent, "title")
        for child in tok.children:
            after = child.right_edge.i + 1
            if after < len(self.doc) and self.doc[after] == tok.head and tok.head.lemma_ in SPEECH_VERBS:
                continue  # "Jaishankar, a State Department spokesperson said": a new clause's subject
            if child.dep_ == "appos":  # the title and what qualifies it, not its later clauses
                phrase = [t for t in child.subtree if t.i <= child.i or t.dep_ == "pobj" and t.head.head == child
                          and t.head.lower_ in ("of", "at")]
                yield from self._titled(person, phrase, child, sent, "appos")

    def _noun_title_relations(self, noun, sent):
        """"The U.S. special representative for Syria, James Jeffrey" / "Eric Pahon, Pentagon spokesman"."""
        people = self._titled_person(noun)
        if people and not (noun.dep_ == "appos" and noun.head.i in self.refs):
            phrase = [t for t in noun.subtree if t.i <= noun.i]
            yield from self._titled(people[0], phrase, noun, sent, "appos")

    def _titled(self, person: _Ref, phrase, trigger, sent, rule: str):
        words = " ".join(t.lower_ for t in phrase)
        for title in sorted(TITLE_AGENCIES, key=len, reverse=True):
            if title in words:
                ref = _Ref(self.table.entity(TITLE_AGENCIES[title]), trigger.idx, trigger.idx + len(trigger), "title")
                yield self._relation(person, "member_of", ref, trigger, sent, rule)
                return
        lemmas = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
        kind = "leads" if lemmas & LEADER_TITLES else "member_of" if lemmas & MEMBER_TITLES else None
        if not kind:
            return
        orgs = _unique([self.refs[t.i] for t in phrase if t.i in self.refs and self.refs[t.i] != person
                        and self.refs[t.i].entity.type not in ("PERSON", "WEAPON", "LOC")
                        and t.head.lower_ not in BACKED_FORMS])
        if not orgs and kind == "leads":  # "President Bashar al-Assad": the head of state we know
            state = self.table.home_state(person.entity.id)
            if state:
                orgs = [_Ref(self.table.entity(state), trigger.idx, trigger.idx + len(trigger), "leader")]
        for org in orgs[-1:]:  # the innermost qualifier: "U.S. State Department spokesman" -> State Dept.
            yield self._relation(person, kind, org, trigger, sent, rule)

    def _located_relations(self, tok, sent):
        """"Idlib province in Syria", "Syria's Idlib province" -> located_in."""
        place = self.refs[tok.i]
        head = tok.head if tok.dep_ == "compound" and tok.head.lemma_.lower() in PLACE_NOUNS else tok
        for child in head.children:
            objs = [child] if child.dep_ == "poss" else _pobjs(child) if child.lower_ == "in" else []
            for obj in objs:
                ref = self.refs.get(obj.i)
                if ref and ref.entity.type == "GPE":
                    yield self._relation(place, "located_in", ref, tok, sent, "located")

    def _membership_relations(self, noun, sent):
        """"Turkey, a NATO member country" / "NATO member Turkey" / "a key Kremlin ally"."""
        holder = noun if noun.dep_ != "compound" else noun.head
        groups = [r for t in ((noun,) if noun == holder else (noun, holder)) for c in t.children
                  if c.dep_ in ("compound", "poss", "nmod") and c != noun for r in self.actors(c)]
        groups += [r for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"  # "an ally of X"
                   for o in _pobjs(p) for r in self.actors(o)]
        if holder.dep_ == "attr":
            members = self._subjects(holder.head, False)[0]
        elif holder.dep_ == "compound" and holder.head.i in self.refs:
            members = [self.refs[holder.head.i]]
        else:
            members = [r for c in holder.children if c.dep_ == "appos" for r in self.actors(c)] or self._apposed(holder)
        for g in groups:
            for m in members:
                if noun.lemma_.lower() == "ally":
                    yield self._relation(g, "supports", m, noun, sent, "copula")
                else:
                    yield self._relation(m, "member_of", g, noun, sent, "appos")

    def _between(self, parties, rtype, trigger, sent, rule):
        for a, b in combinations(_unique(parties), 2):
            yield self._relation(a, rtype, b, trigger, sent, rule)

    def _relation(self, subj: _Ref, rtype: str, obj: _Ref, trigger, sent, rule: str,
                  modality: str | None = None) -> Relation:
        if rule in STATIC_RULES:
            negated, mood, speaker = False, "asserted", None
        else:
            negated, mood, speaker = _clause_mood(trigger, self)
        confidence = CONFIDENCE.get(rule, 0.6) - (0.15 if "pronoun" in (subj.how, obj.how) else 0.0)
        text = self.document.text
        end = sent.start_char + len(text[sent.start_char:sent.end_char].rstrip())
        evidence = Evidence(
            doc_id=self.document.id, source=self.document.source, sentence=text[sent.start_char:end],
            start=sent.start_char, end=end, subject_span=(subj.start, subj.end), object_span=(obj.start, obj.end),
            trigger_span=(trigger.idx, trigger.idx + len(trigger.text)), trigger=trigger.text,
            negated=negated, modality=modality or mood, confidence=round(max(confidence, 0.1), 2),
            rule=rule, speaker=speaker,
        )
        self.related.update({subj.entity.id: subj.entity, obj.entity.id: obj.entity})
        return Relation(subj.entity.id, rtype, obj.entity.id, evidence)

    def _co_mentions(self, sent, typed) -> list[Relation]:
        """Pairs of actors in one sentence that no typed relation links (weak, hidden by default)."""
        linked = {frozenset((r.subject, r.object)) for r in typed}
        first: dict[str, _Ref] = {}
        for i in range(sent.start, sent.end):
            ref = self.refs.get(i)
            if ref and ref.entity.type in ACTOR_TYPES:
                first.setdefault(ref.entity.id, ref)
        out = []
        for a, b in combinations(first.values(), 2):
            if frozenset((a.entity.id, b.entity.id)) not in linked:
                rel = self._relation(a, "co_mentioned", b, self.doc[sent.start], sent, "co_mentioned")
                out.append(replace(rel, evidence=replace(rel.evidence, trigger_span=None, trigger="")))
        return out


def _clause_mood(tok, reader: _Reader) -> tuple[bool, str, str | None]:
    """Negation, modality and speaker of the clause a trigger sits in.

    It climbs from the trigger (from a trigger noun's verb) through its verb chain. "not",
    "might" and "will" count only within the trigger's own verb complex ("did not agree to
    send"); planning and asking verbs count for their complements ("plans to buy"); a speech
    verb anywhere above makes it reported. The climb stops at relative clauses and noun
    modifiers, so "careful not to alienate Putin, who is backing Assad" leaves the backing asserted.
    """
    negated, modality, speaker = False, "asserted", None
    node, via = tok, "self"
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
        node = tok.head
    for _ in range(10):
        tight = via in ("self", "xcomp", "acomp")
        for child in node.children:
            low, lemma = child.lower_, child.lemma_.lower()
            if child.dep_ == "advmod" and low in ("reportedly", "allegedly") and modality == "asserted":
                modality = "reported"  # covers the whole sentence below it
            if not tight:
                continue
            if child.dep_ == "neg":
                negated = True
            elif child.dep_ in ("aux", "auxpass") and lemma in ("will", "shall") and modality != "hypothetical":
                modality = "future"
            elif child.dep_ in ("aux", "auxpass") and lemma in HEDGE_AUX or child.dep_ == "mark" and low in ("if", "unless"):
                modality = "hypothetical"
            elif child.dep_ == "amod" and low in HEDGE_ADJECTIVES:
                modality = "hypothetical"
        lemma = node.lemma_.lower()
        if node != tok and node.pos_ in ("VERB", "AUX", "ADJ"):
            ruled_out = lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in node.children)
            if via in ("xcomp", "advcl", "pcomp") and (lemma in NEGATING_LEMMAS or ruled_out):
                negated = True  # "unwilling to support", "ruled out sending"
            elif via == "xcomp" and lemma in FUTURE_LEMMAS and modality in ("asserted", "reported"):
                modality = "future"
            elif via in ("xcomp", "ccomp") and VERB_TRIGGERS.get(lemma) in ("requests", "opposes"):
                modality = "hypothetical"  # "pressed X to send", "resisted sending": not (yet) done
            if lemma in SPEECH_VERBS and via != "self":
                modality = "reported" if modality == "asserted" else modality
                subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
                if subj is not None and speaker is None:
                    refs = reader.actors(subj)
                    speaker = refs[0].entity.label if refs else subj.text
        if node.dep_ in ("acl",) and any(c.dep_ == "amod" and c.lower_ in HEDGE_ADJECTIVES for c in node.head.children):
            modality = "hypothetical"  # "a potential deal to sell X"
        if node.head == node or node.dep_ not in CLIMBING_DEPS:
            break
        via, node = node.dep_, node.head
    return negated, modality, speaker


def _people_index(doc, table: ActorTable) -> dict[str, Entity]:
    """Map every person name in a document to one entity: surnames join their full name."""
    names = []
    for ent in doc.ents:
        span = _trim(ent) if ent.label_ == "PERSON" else None
        if span is not None:
            names.append(_clean_name(span.text))
    full: dict[str, Entity] = {}
    for name in names:
        if " " in name:
            known = table.lookup(name)
            full[_name_key(name)] = known if known and known.type == "PERSON" else \
                Entity(slugify(name), name, "PERSON")
    index = dict(full)
    surnames: dict[str, set] = {}
    for key, entity in full.items():
        surnames.setdefault(surname(key), set()).add(entity)
    index.update({k: next(iter(v)) for k, v in surnames.items() if len(v) == 1 and k not in index})
    for name in names:
        key = _name_key(name)
        if key in index:
            continue
        matches = {e for k, e in full.items() if surname(k) == surname(key)}
        known = table.lookup(name) or table.known_surnames.get(surname(key))
        if len(matches) == 1:
            index[key] = matches.pop()
        elif known and known.type == "PERSON":
            index[key] = known
        else:
            index[key] = Entity(slugify(name), name, "PERSON")
    return index


def _trim(span):
    """Drop a leading "the", and titles before a person's name ("Spokesperson Garrett Marquis");
    keep the span within one sentence and give up on spans with no letters to name them by."""
    sent = span.root.sent
    start, end = max(span.start, sent.start), min(span.end, sent.end)
    while start < end and span.doc[end - 1].is_space:
        end -= 1
    while start < end and span.doc[start].is_space:
        start += 1
    if start >= end or not slugify(span.doc[start:end].text):
        return None
    span = span if (start, end) == (span.start, span.end) else Span(span.doc, start, end, label=span.label_)
    while start < span.end - 1 and (span.doc[start].lower_ == "the" or (
            span.label_ == "PERSON" and span.doc[start].lower_.strip(".") in TITLE_WORDS)):
        start += 1
    if not (span.doc[start].is_alpha or span.doc[start].is_upper):
        return None
    while span.label_ == "PERSON" and start > 0 and _name_word(span.doc[start - 1]) \
            and span.doc[start - 1].head.i in range(start, span.end):
        start -= 1  # "NSC Spokesperson Garrett Marquis" tagged as just "Marquis"
    if span.label_ == "PERSON" and any(t.like_num or any(ch.isdigit() for ch in t.text) or t.is_lower
                                       and t.lower_ not in NAME_PARTICLES for t in span.doc[start:span.end]):
        return None  # "J-10C fighter jets" is not a name
    return Span(span.doc, start, span.end, label=span.label_) if start != span.start else span


def _name_word(tok) -> bool:
    return tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_ and tok.lower_.strip(".") not in TITLE_WORDS


def _title_part(span) -> bool:
    """An ORG the NER cut out of a title or office: "Defense" Secretary, Secretary of "State"."""
    root = span.root
    if len(span) == 1 and root.lower_ in TITLE_WORDS | GENERIC_OFFICE_WORDS:
        return True
    head = root.head
    return root.dep_ in ("compound", "pobj") and (head.lower_ in TITLE_WORDS or head.head.lower_ in TITLE_WORDS)


def _clean_name(text: str) -> str:
    text = fold(text).strip()
    for suffix in ("'s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def _name_key(text: str) -> str:
    return _clean_name(text).lower()


def _fit_objects(refs: list[_Ref], rtype: str) -> list[_Ref]:
    """A weapon is a fit object only of buying, supplying, asking for or opposing it."""
    return _unique(refs) if rtype in WEAK_OBJECT_TYPES else [r for r in _unique(refs) if r.entity.type != "WEAPON"]


def _is_locative(tok) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS
