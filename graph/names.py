"""Names as text: folding, the id form (slug), cleaned surfaces and their lookup keys, surnames.

Pure string functions shared by the actor table, the ruler patterns, extraction and search.
"""
from __future__ import annotations

import re
import unicodedata

# Characters NFKD leaves alone but that have a plain Latin or ASCII reading.
_FOLD_MAP = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "Đ": "D",
    "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "ʼ": "'", "ʻ": "'", "ʽ": "'", "`": "'",
    "´": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})
_EDGE_PUNCT = " \t\n.,;:!?\"'()[]{}*•·"
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)

# Words that may follow a weapon's name without changing what it names:
# "Patriot missile defence batteries", "S-400 systems", "F-35 stealth jets".
WEAPON_HEADS = frozenset("""
missile missiles system systems battery batteries launcher launchers rocket rockets jet jets
fighter fighters aircraft plane planes warplane warplanes bomber bombers drone drones tank tanks
helicopter helicopters defence defense air anti-aircraft anti-missile interceptor interceptors
unit units stealth multirole cruise ballistic radar radars vehicle vehicles howitzer howitzers
""".split())

# Titles and offices that may precede a person's name: "Russian President Vladimir Putin".
TITLE_WORDS = frozenset("""
president vice prime minister foreign defence defense secretary of state chancellor premier
king queen prince princess crown emir sheikh sultan ayatollah grand supreme leader general gen
lt col colonel admiral adm mr mrs ms dr sir dame lord former then senator sen rep ambassador
envoy spokesman spokeswoman spokesperson chief commander deputy acting mp counterpart marshal
field lieutenant major home interior national security adviser advisor head ruler incumbent
late the speaker chairman chairwoman chair governor mayor commissioner director trade economy sayyid
pm legislator lawmaker analyst researcher judge
""".split())


PRONOUNS = frozenset({"he", "him", "his", "she", "her", "it", "its", "they", "them", "their"})  # never a name


def is_name(surface: str) -> bool:
    """Whether a mention's words can be a name the actor goes by: a capital past a leading "the"
    ("Ankara", "de Mistura", "the Kremlin"), not the pronouns and common nouns coreference read as
    the actor ("It", "allies", "The country")."""
    return surface.lower() not in PRONOUNS and any(c.isupper() for c in _LEADING_THE.sub("", surface))


def fold(text: str) -> str:
    """Fold diacritics and typographic quotes to plain forms and collapse whitespace.

    "Erdoğan" -> "Erdogan", "Workers’ Party" -> "Workers' Party", "S‑400" -> "S-400".
    The result can be shorter or longer than the input, so never use it for offsets.
    """
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_MAP))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.translate(_FOLD_MAP).split())


def search_form(text: str) -> str:
    """Text as the evidence search compares it: diacritics and case folded."""
    return fold(text).casefold()


def stored_search_form(sentence: str) -> str | None:
    """What the store keeps of a sentence for the evidence search (`graph.schema`): its search
    form, or None when that is the sentence's plain ASCII lower case (which SQL computes itself)."""
    folded = search_form(sentence)
    return None if sentence.isascii() and folded == sentence.lower() else folded


def slugify(name: str) -> str:
    """Return the stable id form of a name: folded, lowercase, runs of other characters -> "-".

    Apostrophes vanish rather than split a word: "People's" -> "peoples".
    "Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan", "S-400" -> "s-400".
    """
    text = fold(name).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def clean_surface(surface: str) -> str:
    """Fold a surface form and strip what never changes its referent.

    Drops surrounding punctuation and quotes, a leading "the" and a trailing possessive:
    "the Kremlin's" -> "Kremlin", "Turks'" -> "Turks", "(PKK)" -> "PKK".
    """
    text = fold(surface).strip(_EDGE_PUNCT)
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    return text.strip(_EDGE_PUNCT)


def alias_key(cleaned: str) -> str:
    """Spelling-insensitive form of a cleaned name: "U.S." == "US", "al-Qaeda" == "al Qaeda"."""
    text = cleaned.replace(".", "").replace("'", "")
    text = re.sub(r"[-,/]", " ", text)
    return " ".join(text.split())


def is_strict(alias: str) -> bool:
    """Return whether an alias only matches with its own capitalisation.

    Short capitalised names ("US", "IS", "UN", "DoD", "WHO") are ordinary words in
    other cases; names with digits ("F-35", "G7") are not, so they stay case-insensitive.
    """
    letters = [ch for ch in fold(alias) if ch.isalpha()]
    has_digit = any(ch.isdigit() for ch in alias)
    return len(letters) <= 3 and any(ch.isupper() for ch in letters) and not has_digit


def name_key(name: str) -> str:
    """Return the key under which `lookup` files a label, alias or code."""
    key = alias_key(clean_surface(name))
    return key if is_strict(name) else key.lower()


def surname(name: str) -> str:
    """The folded, lower-case last name of a full name, without an Arabic article: "al-Assad" -> "assad"."""
    words = fold(name).lower().split()
    word = words[-1] if words else ""
    for prefix in ("al-", "el-", "bin-"):
        if word.startswith(prefix):
            return word[len(prefix):]
    return word
