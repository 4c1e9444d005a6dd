"""Actor mentions in a parsed Doc: named-entity spans, demonyms and names the model left untagged.

Spans are trimmed ("the", titles before a name), resolved through the actor table, and people
are merged by full name within a document (a surname joins the one full name that ends in it).
Also here: names the NER missed after a title, named deals and projects (AGREEMENT), short forms
("(RSF)", "Congo" after "Democratic Republic of Congo"), datelines (which never act) and
hyphenated pairs of actors taken whole by the NER ("U.S.-South Korea").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from graph.actors import ActorTable, media_names
from graph.names import TITLE_WORDS, fold, slugify, surname
from graph.models import Entity
from graph.extract.tokens import verb_base
from graph.ontology import DEAL_HEADS, FORCE_NOUNS, LOCATIVE_PREPS, PREP_VERB_TRIGGERS, SPEECH_VERBS, VERB_TRIGGERS

NAME_PARTICLES = frozenset({"al", "bin", "ibn", "de", "del", "da", "van", "von", "der", "la", "le", "-", "el", "abu", "'s"})
GENERIC_ORG_WORDS = frozenset({"air", "force", "army", "navy", "marines", "national", "guard", "special",
                               "command", "defence", "defense", "ministry", "foreign", "the"})
GENERIC_OFFICE_WORDS = frozenset({"state", "defense", "defence", "treasury", "justice", "interior",
                                  "foreign", "security", "commerce", "energy", "finance", "war", "affairs",
                                  "external", "home", "trade", "economy", "industry", "information"})
# Scriptures are books, never actors, whatever the model calls them ("the holy book, Quran": a PERSON).
SCRIPTURES = frozenset({"quran", "koran", "qur'an", "bible", "torah", "talmud", "tanakh", "gospel", "gospels",
                        "new testament", "old testament", "vedas", "bhagavad gita", "guru granth sahib",
                        "book of mormon"})
# A name that qualifies one of these is a place: "Hodeidah airport", "Bulo-Marer town".
SITE_NOUNS = frozenset("""
airport port harbour harbor base airbase town city village province region district camp border crossing
valley island islands strait zone waters territory airspace reef shoal atoll archipelago
""".split())


@dataclass(frozen=True)
class Ref:
    """An actor found at a token: the entity, its character span and how it was resolved."""

    entity: Entity
    start: int
    end: int
    how: str


def unique(refs: list[Ref]) -> list[Ref]:
    """The refs in order, each entity once (its first ref)."""
    seen, out = set(), []
    for r in refs:
        if r.entity.id not in seen:
            seen.add(r.entity.id)
            out.append(r)
    return out


def find_refs(doc, table: ActorTable, *, place_lines: set[int] = frozenset()) -> dict[int, Ref]:
    """Map every token that names an actor (or a place) to its ref.

    Args:
        doc: the parsed spaCy Doc.
        table: the actor alias table.
        place_lines: the tokens of datelines (`dateline_tokens`), which name no actor.
    """
    refs: dict[int, Ref] = {}
    people = _people_index(doc, table)
    for deal in _deal_names(doc):
        for tok in deal[1]:
            refs[tok.i] = deal[0]
    for span in [*_joined_people(doc, table), *_titled_names(doc)]:
        span = _trim(span)
        ref = span is not None and not any(t.i in refs for t in span) and _resolve_span(span, people, table)
        if ref:
            for tok in span:
                refs[tok.i] = ref
    for i in place_lines:
        refs.pop(i, None)
    _short_forms(doc, refs)
    for tok in doc:  # demonyms and names the NER left untagged
        if tok.i in refs or tok.i in place_lines or not tok.text[:1].isupper():
            continue
        entity, how = table.demonym(tok.text), "demonym"
        if entity is None and tok.pos_ == "PROPN" and not tok.ent_type_:
            entity, how = table.lookup(tok.text) or table.known_surnames.get(tok.lower_), "lexicon"
            if entity is None and table.seat(tok.text) and slugify(tok.text):
                entity, how = table.seat(tok.text), "seat"
                if is_locative(tok):
                    entity, how = Entity(slugify(tok.text), tok.text, "LOC"), "place"
        if entity:
            refs[tok.i] = Ref(entity, tok.idx, tok.idx + len(tok.text), how)
    return refs


def headline_end(text: str, title: str | None = "") -> int:
    """The end offset of the opening line when it is the article's headline: the title, or a
    line with no closing stop; -1 when the text opens with prose."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    if line and (line == (title or "").strip() or line[-1] not in ".!?\"'”’"):
        return end
    return -1


# Verbs a headline states a relation with, in its present tense ("Iraq summons ...", "... Fires on ...").
HEADLINE_VERBS = frozenset(VERB_TRIGGERS) | frozenset(PREP_VERB_TRIGGERS)
NAME_BREAKING_VERBS = frozenset(VERB_TRIGGERS) | SPEECH_VERBS


def headline_verb(tok, known=HEADLINE_VERBS) -> str | None:
    """The verb of `known` a headline's present-tense form is ("summons" -> summon), read off the form."""
    return verb_base(tok.lower_, known) if tok.lower_.endswith("s") else None


def headline_verb_word(tok) -> bool:
    """A capitalised third-person verb form of the trigger or speech lexicon: "Condemns", "Accuses"."""
    return tok.is_title and headline_verb(tok, NAME_BREAKING_VERBS) is not None


def _in_headline(span) -> bool:
    """Whether a span is in the headline that opens the text (read once per document)."""
    doc = span.doc
    if "ng_headline_end" not in doc.user_data:  # Doc.text is rebuilt at every access: read it once
        doc.user_data["ng_headline_end"] = headline_end(doc.text)
    return span.start_char < doc.user_data["ng_headline_end"]


def _headline_words(span) -> bool:
    """An organisation the NER saw in a title-case headline that is only capitalised common words:
    "(Pakistan Warns Kabul Over) Cross-Border Terror" — each word is written lower-case in the article."""
    doc = span.doc
    if not _in_headline(span):
        return False
    if "ng_lower_words" not in doc.user_data:
        doc.user_data["ng_lower_words"] = {w for t in doc if t.is_lower for w in t.text.split("-")}
    words = [w for t in span for w in t.text.split("-") if w.isalpha()]
    return bool(words) and all(w.istitle() and w.lower() in doc.user_data["ng_lower_words"] for w in words)


PAIRABLE = frozenset({"GPE", "ORG", "ALLIANCE", "ARMED_GROUP"})
DASHES = frozenset({"-", "–", "—", "--"})


def dateline_tokens(doc) -> set[int]:
    """Tokens of the datelines that open wire copy ("ISTANBUL (Reuters) -", "TOKYO, March 14 -"):
    the place and the agency say where the story was filed, they do not act in it."""
    out: set[int] = set()
    ends = {}  # the first word of each sentence and of each line (a headline may run into the dateline),
    for sent in doc.sents:  # with the end of its sentence
        ends[sent.start] = sent.end
        ends.update({t.i + 1: sent.end for t in sent if t.is_space and "\n" in t.text and t.i + 1 < sent.end})
    for start, end in sorted(ends.items()):
        first = doc[start]
        letters = first.text.replace("/", "").replace(",", "")
        if not (first.is_upper and letters.isalpha() and len(letters) > 2):
            continue
        for tok in doc[start + 1:min(start + 14, end)]:
            if tok.text in DASHES or tok.text == ":":
                out.update(range(first.i, tok.i + 1))
                break
    return out


def _deal_names(doc) -> list[tuple[Ref, Span]]:
    """Named deals, treaties and projects: a deal word with a name before it and "the" in front
    ("the Nord Stream 2 pipeline", "the Iran nuclear deal", "the Abraham Accords"), or a LAW
    entity. Not "Egypt's agreement with Russia", which is a relation between two actors."""
    out = []
    for tok in doc:
        if tok.lemma_.lower() not in DEAL_HEADS and tok.lower_ not in DEAL_HEADS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = [c for c in tok.children if c.dep_ in ("compound", "nmod", "amod", "nummod") and c.i < tok.i]
        det = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "the"]
        named = any(t.pos_ == "PROPN" or t.ent_type_ in ("FAC", "LAW", "PRODUCT", "EVENT")
                    for m in mods for t in m.subtree)
        relational = any(c.dep_ in ("poss",) or c.dep_ == "prep" and c.lower_ in ("with", "between")
                         for c in tok.children)
        if not (det and named) or relational:
            continue
        start = min(t.i for m in mods for t in m.subtree)
        name_end = tok.i + 1 if tok.pos_ == "PROPN" or tok.lower_ in ("accords", "protocol", "convention") else tok.i
        if doc[start:tok.i].text and any(t.ent_type_ in ("FAC", "PRODUCT", "EVENT", "LAW") for t in doc[start:tok.i]):
            label = doc[start:name_end].text  # "Nord Stream 2" (pipeline)
        else:
            label = doc[start:tok.i + 1].text  # "Iran nuclear deal"
        if slugify(label):
            span = doc[start:tok.i + 1]
            out.append((Ref(Entity(slugify(label), label, "AGREEMENT"), span.start_char, span.end_char, "deal"), span))
    for ent in doc.ents:
        while len(ent) > 1 and ent[-1].is_space:  # "the MaldivesElbit\n": the NER took the line break
            ent = ent[:-1]
        if ent.label_ == "LAW" and slugify(ent.text) and not any(t.lower_ in DEAL_HEADS for t in ent[:1]) \
                and not any(t.like_num or t.is_digit for t in ent):  # not "Finger 4", "PKR 10 billion"
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            out.append((Ref(Entity(slugify(text), text, "AGREEMENT"), ent.end_char - len(text), ent.end_char, "deal"), ent))
    return out


def hyphen_pairs(doc, table: ActorTable) -> dict[int, tuple[Ref, Ref]]:
    """Two actors joined by a hyphen in one name the NER took whole: "U.S.-South Korea (drills)",
    "Russia-Ukraine (talks)". Maps each of its tokens to both actors' refs."""
    out: dict[int, tuple[Ref, Ref]] = {}
    for span in doc.ents:
        text = span.text
        for k in (k for k, ch in enumerate(text) if ch == "-"):
            left, right = text[:k].strip(), text[k + 1:].strip()
            a = table.lookup(left) or table.demonym(left)
            b = table.lookup(right) or table.demonym(right)
            if a and b and a.id != b.id and {a.type, b.type} <= PAIRABLE:
                start = span.start_char
                pair = (Ref(a, start, start + k, "alias"), Ref(b, start + k + 1, span.end_char, "alias"))
                out.update({t.i: pair for t in span})
                break
    return out


def split_pairs(doc, refs: dict[int, Ref]) -> dict[int, Ref]:
    """Two actors the parser read as two names joined by a hyphen, the first modifying the second:
    "Israel-Hamas (war)", "Thai-Cambodia (clashes)". Maps each token of the second to the first."""
    out: dict[int, Ref] = {}
    for tok in doc[1:-1]:
        left, right = doc[tok.i - 1], doc[tok.i + 1]
        if tok.text != "-" or tok.whitespace_ or left.whitespace_:
            continue
        a, b = refs.get(left.i), refs.get(right.i)
        if a and b and a.entity.id != b.entity.id and {a.entity.type, b.entity.type} <= PAIRABLE \
                and refs.get(left.head.i) is b:
            i = right.i
            while refs.get(i) is b:
                out[i], i = a, i + 1
    return out


def _joined_people(doc, table: ActorTable) -> list[Span]:
    """The entity spans, with people the NER cut in two rejoined ("Sayyid Badr" + "Hamad Al Busaidi",
    a first name tagged as an organisation before its surname: "Yury" + "Ushakov")."""
    out: list[Span] = []
    for span in doc.ents:
        last = out[-1] if out else None
        if last is not None and last.label_ == "PERSON" and span.start == last.end and last[-1].whitespace_ == " " \
                and (span.label_ == "PERSON" or _surname_tagged_apart(last, span)):
            out[-1] = Span(doc, last.start, span.end, label="PERSON")
        elif last is not None and span.label_ == "PERSON" and _first_name_tagged_apart(last, span, table):
            out[-1] = Span(doc, last.start, span.end, label="PERSON")
        else:
            out.append(span)
    return out


def _surname_tagged_apart(person: Span, span: Span) -> bool:
    """"Ana Cecilia" + "Gervasi Diaz" (tagged ORG): capitalised names right after a person's, which
    the person's words hang from."""
    return len(span) <= 2 and all(t.pos_ == "PROPN" and t.is_title for t in span) \
        and person[-1].head.i in range(span.start, span.end)


def _first_name_tagged_apart(first: Span, person: Span, table: ActorTable) -> bool:
    """"Yury" (tagged ORG) + "Ushakov": one capitalised word no actor is called, right before a
    person's name that it hangs from."""
    word = first[0]
    return len(first) == 1 and first.label_ in ("ORG", "GPE", "NORP") and first.end == person.start \
        and word.whitespace_ == " " and word.pos_ == "PROPN" and word.is_title and word.dep_ == "compound" \
        and word.head.i in range(person.start, person.end) and table.lookup(word.text) is None \
        and table.demonym(word.text) is None


def _titled_names(doc) -> list[Span]:
    """Names the NER missed right after a title: "Trade Minister Sung Yun-mo" (as PERSON spans)."""
    out, i = [], 0
    while i < len(doc) - 1:
        tok = doc[i]
        if tok.lower_.strip(".") in TITLE_WORDS and tok.is_title and not tok.ent_type_:
            j = i + 1
            while j < len(doc) and _name_word(doc[j]) and doc[j].lower_.strip(".") not in TITLE_WORDS:
                j += 1
            if j - i >= 3 or j - i == 2 and "-" in doc[i + 1].text:  # two name words, or a hyphenated one
                out.append(Span(doc, i + 1, j, label="PERSON"))
            i = max(j, i + 1)
        else:
            i += 1
    return out


def _short_forms(doc, refs: dict[int, Ref]) -> None:
    """Give an actor's short forms its entity: "Rapid Support Forces (RSF)" -> later "RSF", and a
    one-word place that ends a longer actor's name named in the article ("Congo" after
    "Democratic Republic of Congo")."""
    by_form: dict[str, Ref] = {}
    text = doc.text  # built anew by spaCy at every access: read it once
    for i, ref in sorted(refs.items()):
        if ref.entity.type in ("LOC", "PERSON") or refs.get(i + 1) == ref:
            continue
        if i + 3 < len(doc) and doc[i + 1].text == "(" and doc[i + 3].text == ")" and doc[i + 2].is_upper:
            by_form[doc[i + 2].text] = ref
        words = text[ref.start:ref.end].split()
        if len(words) > 1 and ref.entity.type == "GPE":
            by_form.setdefault(words[-1], ref)
    for i, ref in list(refs.items()):
        tok = doc[i]
        form = by_form.get(tok.text)
        if form and form.entity != ref.entity and ref.how in ("ner", "place") and len(ref.entity.label.split()) == 1:
            refs[i] = Ref(form.entity, ref.start, ref.end, "short form")
    for tok in doc:
        form = by_form.get(tok.text)
        if form and tok.i not in refs and tok.is_upper:
            refs[tok.i] = Ref(form.entity, tok.idx, tok.idx + len(tok.text), "short form")


def _resolve_span(span, people: dict[str, Entity], table: ActorTable) -> Ref | None:
    """The ref of a trimmed entity span; a state's seat used as a place becomes the place."""
    entity, how = _lookup(span, people, table)
    if entity is None:
        return None
    if entity.type == "GPE" and how == "seat" and is_locative(span.root):
        entity, how = Entity(slugify(span.text), span.text, "LOC"), "place"
    return Ref(entity, span.start_char, span.end_char, how)


def _lookup(span, people: dict[str, Entity], table: ActorTable) -> tuple[Entity | None, str]:
    """The entity an entity span names, and how it was found (none for news outlets and titles)."""
    text, label = span.text, span.label_
    folded = fold(text).lower()
    if folded in media_names() or folded.removeprefix("holy ") in SCRIPTURES:
        return None, ""  # "Reuters reported": a source; "the holy book, Quran": a book; neither an actor
    if label == "PERSON":
        known = table.lookup(text) or table.seat(text) or table.demonym(text)
        if known and known.type != "PERSON":  # the model calls "Patriot", "Sanaa" or "Nigerien" a person
            return known, "alias"
        if span.root.dep_ == "compound" and span.root.head.lower_ in SITE_NOUNS:
            return Entity(slugify(text), text, "LOC"), "place"  # "Ben Gurion airport", "the Dajabon border crossing"
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
    if label in ("ORG", "GPE", "LOC", "FAC") and (span.root.dep_ == "compound" and span.root.head.lower_ in SITE_NOUNS
                                                   or span[-1].lower_ in SITE_NOUNS - {"district", "region", "province"}):
        return Entity(slugify(text), text, "LOC"), "place"
    if label == "ORG" and not any(t.like_num for t in span) and not _title_part(span) and not _headline_words(span):
        return Entity(slugify(text), text, "ORG"), "ner"
    if label == "GPE" and _acts(span):  # a breakaway region or a state the table lacks, acting: "Somaliland signed"
        return Entity(slugify(text), text, "GPE"), "ner"
    if label in ("GPE", "LOC"):
        return Entity(slugify(text), text, "LOC"), "ner"
    return None, ""


def _people_index(doc, table: ActorTable) -> dict[str, Entity]:
    """Map every person name in a document to one entity: surnames join their full name."""
    names = []
    for ent in _joined_people(doc, table):
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


# Words that name a body only with what follows them ("the Government of ...", "the Ministry of ...").
GENERIC_BODIES = frozenset({"government", "ministry", "parliament", "army", "administration", "presidency",
                            "embassy", "state", "republic", "kingdom", "office", "department"})


def _trim(span):
    """Drop a leading "the", and titles before a person's name ("Spokesperson Garrett Marquis");
    keep the span within one sentence and give up on spans with no letters to name them by."""
    sent = span.root.sent
    start, end = max(span.start, sent.start), min(span.end, sent.end)
    cut = end
    while start < end and (span.doc[end - 1].is_space or end - start > 1 and span.doc[end - 1].pos_ in ("ADP", "CCONJ", "DET")):
        end -= 1  # "the Ministry of Foreign Affairs of (Moldova)": the NER stopped short of the name
    if end < cut and end - start <= 2 and span.doc[end - 1].lower_ in GENERIC_BODIES:
        return None  # "the Government of the (United States)": no name left, the state named after it is the actor
    while start < end and span.doc[start].is_space:
        start += 1
    verbs = [i for i in range(start + 1, end) if headline_verb_word(span.doc[i])] if _in_headline(span) else []
    if verbs:  # "Tbilisi Condemns ...", "Lula Pledges Counterattack ...":
        end = verbs[0]  # a title-case headline verb and what follows it are no part of a name
    if start >= end or not slugify(span.doc[start:end].text):
        return None
    span = span if (start, end) == (span.start, span.end) else Span(span.doc, start, end, label=span.label_)
    while start < span.end - 1 and (span.doc[start].lower_ == "the" or (
            span.label_ == "PERSON" and span.doc[start].lower_.strip(".") in TITLE_WORDS)):
        start += 1
    if span.label_ == "PERSON" and span.end - start == 1 and span.doc[start].lower_.strip(".") in TITLE_WORDS:
        return None  # "Sayyid" tagged apart from "(Badr) Hamad Al Busaidi": an honorific, not a name
    if not span.doc[start].text[:1].isalpha():
        return None
    while span.label_ == "PERSON" and start > 0 and _name_word(span.doc[start - 1]) \
            and span.doc[start - 1].head.i in range(start, span.end):
        start -= 1  # "NSC Spokesperson Garrett Marquis" tagged as just "Marquis"
    end = span.end
    while span.label_ == "PERSON" and end < min(sent.end, span.end + 2) and _name_word(span.doc[end]) \
            and any(span.doc[i].head.i >= end for i in range(start, end)) and not _in_headline(span):
        end += 1  # "Ana Cecilia" tagged without "Gervasi Diaz", the words her name hangs from
    if span.label_ == "PERSON" and any(t.like_num or any(ch.isdigit() for ch in t.text) or t.is_lower
                                       and t.lower_ not in NAME_PARTICLES and span.doc[t.i - 1].text != "-"
                                       for t in span.doc[start:end]):
        return None  # "J-10C fighter jets" is not a name
    return Span(span.doc, start, end, label=span.label_) if (start, end) != (span.start, span.end) else span


def _name_word(tok) -> bool:
    """A capitalised proper noun the NER left out of a name, not a title."""
    return tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_ and tok.lower_.strip(".") not in TITLE_WORDS \
        and tok.lower_ not in HEADLINE_EPITHETS


# Words a title-case headline puts before a name that are not part of it ("Embattled Trudeau").
HEADLINE_EPITHETS = frozenset("""
embattled beleaguered ousted jailed exiled disgraced detained slain deposed defiant ailing besieged
outgoing incoming veteran controversial embroiled hardline pro-western pro-russian populist
""".split())


def _acts(span) -> bool:
    """Whether a named place the table does not know stands as an actor: the subject of a verb,
    or named alongside a state ("a pact between Ethiopia and Somaliland")."""
    root = span.root
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB":
        return True
    return root.dep_ == "conj" and root.head.ent_type_ == "GPE" or any(
        c.dep_ == "conj" and c.ent_type_ == "GPE" for c in root.children)


def _title_part(span) -> bool:
    """An ORG the NER cut out of a title or office: "Defense" Secretary, Secretary of "State"."""
    root = span.root
    if len(span) == 1 and root.lower_ in TITLE_WORDS | GENERIC_OFFICE_WORDS:
        return True
    head = root.head
    office = all(t.lower_ in TITLE_WORDS | GENERIC_OFFICE_WORDS | {"of"} for t in span)
    return root.dep_ in ("compound", "pobj") and (office or len(span) == 1) and (
        head.lower_ in TITLE_WORDS or head.head.lower_ in TITLE_WORDS)


def _clean_name(text: str) -> str:
    text = fold(text).strip()
    for suffix in ("'s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def _name_key(text: str) -> str:
    return _clean_name(text).lower()


def is_locative(tok) -> bool:
    """Named as a place: "in Ankara", "near Idlib"."""
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS
