"""The actor ruler's patterns: the actor table as spaCy EntityRuler patterns for the names the
small English model misses or mislabels (the component itself is built in `graph.nlp`)."""
from __future__ import annotations

import json

from graph.actors import ActorEntry, ActorTable, load_actor_table
from graph.names import WEAPON_HEADS, fold, is_strict

# Well-known names that contain an actor's name but are something else; as longer matches
# they keep the ruler from tagging "Patriot" in "Patriot Act" as a weapon.
DECOY_PATTERNS = (
    ("LAW", "Patriot Act"), ("LAW", "USA PATRIOT Act"), ("LAW", "USA Patriot Act"),
    ("ORG", "New England Patriots"), ("ORG", "Patriot Front"), ("ORG", "Chicago Blackhawks"),
)

# One-word institutions that many states have: the table resolves them to a default state,
# but as ruler patterns they would cut "Indian National Congress" or "Nigerian Senate" short.
GENERIC_INSTITUTIONS = frozenset({"congress", "senate", "treasury", "parliament", "cabinet",
                                  "presidency", "army", "navy"})

# Labels the EntityRuler gives each actor type; LOC entries are left to the model.
RULER_LABELS = {"WEAPON": "WEAPON", "ORG": "ORG", "ALLIANCE": "ORG", "ARMED_GROUP": "ORG",
                "PERSON": "PERSON", "GPE": "GPE"}


def _token_pattern(tokens: list[str]) -> list[dict]:
    """Token pattern for one alias: exact case where case carries meaning, else lowercase.

    The first word keeps its written case (a proper noun); later plain words match any
    case ("Russian defence ministry"); acronyms, numbers and mixed-case words stay exact.
    """
    pattern = []
    for i, tok in enumerate(tokens):
        plain_word = tok.isalpha() and (tok.islower() or tok.istitle()) and not is_strict(tok)
        pattern.append({"LOWER": tok.lower()} if i and plain_word else {"ORTH": tok})
    return pattern


def _surface_variants(alias: str, entity_type: str) -> list[str]:
    """Written forms of one alias worth a pattern: as listed, folded, curly apostrophe, plural."""
    forms = [alias, fold(alias)]
    if alias[:1].islower():
        forms.append(alias[0].upper() + alias[1:])  # "al-Qaeda" -> "Al-Qaeda" at a sentence start
    letters = [ch for ch in alias if ch.isalpha()]
    if " " not in alias and len(letters) >= 4 and alias.isupper():
        forms.append(alias.title())  # "NATO" -> "Nato", "ISIS" -> "Isis" (British house style)
    forms += [f.replace("'", "’") for f in forms if "'" in f]
    if entity_type == "WEAPON":
        forms += [f + "s" for f in forms if not f.endswith("s")]
    return list(dict.fromkeys(forms))


def _ruler_worthy(alias: str, entry: ActorEntry, table: ActorTable, stop_words) -> bool:
    """Whether an alias is safe and useful as a ruler pattern.

    Skips very short names, names that are English function words in capitals
    ("WHO", "IS"), one-word institutions every state has ("Senate"), weapon names
    followed by generic heads (the bare name is enough), one-word state names (the
    model already finds those) and one-word person names.
    """
    letters = [ch for ch in alias if ch.isalpha()]
    if len(letters) <= 2 and not any(ch.isdigit() for ch in alias):
        return False
    if alias.lower() in stop_words or alias.lower() in GENERIC_INSTITUTIONS:
        return False
    words = alias.split()
    if entry.type == "GPE" and len(words) < 2:
        return False
    if entry.type == "PERSON" and len(words) < 2:
        return False
    if entry.type == "WEAPON" and len(words) > 1:
        for end in range(len(words) - 1, 0, -1):
            if all(w.lower() in WEAPON_HEADS for w in words[end:]):
                found = table._direct(" ".join(words[:end]))
                if found and found.id == entry.id:
                    return False
    return True


def ruler_patterns(table: ActorTable | None = None, tokenizer=None) -> list[dict]:
    """Return spaCy EntityRuler patterns for the table's weapons, organisations and people.

    Each pattern carries the canonical id (`ent_id_` on the span). Patterns are token
    patterns built with the English tokenizer, so "S-400s" and "Kurdistan Workers’ Party"
    are matched as spaCy splits them.

    Args:
        table: the actor table; the shipped one by default.
        tokenizer: a spaCy tokenizer; a blank English one by default.
    """
    import spacy
    from spacy.lang.en.stop_words import STOP_WORDS

    table = table or load_actor_table()
    tokenizer = tokenizer or spacy.blank("en").tokenizer
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for entry in table.entries:
        label = RULER_LABELS.get(entry.type)
        if label is None:
            continue
        for alias in (entry.label, *entry.aliases, *entry.codes):
            if not _ruler_worthy(alias, entry, table, STOP_WORDS):
                continue
            for form in _surface_variants(alias, entry.type):
                pattern = _token_pattern([t.text for t in tokenizer(form)])
                signature = json.dumps(pattern, sort_keys=True)
                if (signature, label) in seen:
                    continue
                seen.add((signature, label))
                patterns.append({"label": label, "pattern": pattern, "id": entry.id})
    for label, text in DECOY_PATTERNS:
        patterns.append({"label": label, "pattern": [{"ORTH": t.text} for t in tokenizer(text)]})
    return patterns
