"""Build graph/data/actors.json from countryinfo plus curated lists (here and in tools/actor_lists.txt).

Run by hand after editing (never imported at run time):

    python tools/build_actor_table.py

States come from countryinfo (names, altSpellings, demonym, capital, ISO codes), fixed and
extended by the tables below and the state sections of tools/actor_lists.txt. Agencies,
alliances, armed groups, companies, weapons and people are curated world knowledge, listed
in tools/actor_lists.txt (one actor a line). The script refuses to write a table in which one name
(or demonym, or seat) would resolve to two different actors.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from countryinfo import CountryInfo  # noqa: E402

from graph.actors import ActorTable  # noqa: E402
from graph.names import fold, slugify  # noqa: E402

OUT = ROOT / "graph" / "data" / "actors.json"

# The curated lists (state aliases, demonyms, seats; agencies, organisations, armed groups,
# companies, weapons, people) are data: tools/actor_lists.txt, one row a line, read by one reader.
LISTS = Path(__file__).resolve().parent / "actor_lists.txt"
_NAME_LISTS = {"aliases", "seats", "adjectives", "nouns"}  # fields holding names parted by "; "
_OPTIONAL = {"parent", "affiliation"}  # fields where "-" stands for none


def load_lists(path: Path = LISTS) -> dict[str, list[tuple]]:
    """The sections of the curated lists, each a list of rows with the fields its header names.

    Raises:
        SystemExit: A row with the wrong number of fields, naming the file and the line.
    """
    sections: dict[str, list[tuple]] = {}
    fields: list[str] = []
    rows: list[tuple] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            name, _, spec = line[1:].partition("]")
            fields = [f.strip() for f in spec.split("|")]
            rows = sections.setdefault(name, [])
            continue
        cells = [c.strip() for c in line.split("|")]
        if len(cells) != len(fields):
            raise SystemExit(f"{path.name}:{n}: {len(cells)} fields, expected {len(fields)} ({' | '.join(fields)})")
        rows.append(tuple([x.strip() for x in c.split(";") if x.strip()] if f in _NAME_LISTS
                          else None if f in _OPTIONAL and c == "-" else c for f, c in zip(fields, cells)))
    return sections


_LISTS = load_lists()
AGENCIES = _LISTS["agencies"]
ORGANISATIONS = _LISTS["organisations"]
ARMED_GROUPS = _LISTS["armed_groups"]
COMPANIES = _LISTS["companies"]
WEAPONS = _LISTS["weapons"]
PEOPLE = _LISTS["people"]
STATE_ALIASES = dict(_LISTS["state_aliases"])
DEMONYM_FIX = dict(_LISTS["demonym_fix"])
DEMONYM_NOUNS = dict(_LISTS["demonym_nouns"])
SEAT_EXTRA = dict(_LISTS["seat_extra"])

# --------------------------------------------------------------------------------------
# States
# --------------------------------------------------------------------------------------

# The 193 UN member states (ISO alpha-3); the generator checks the count.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI
DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY
HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN
LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR
NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()
# UN observer states and states with wide (if partial) recognition.
OTHER_STATES = ["VAT", "PSE", "TWN"]

# Where countryinfo holds several records for one code, the one to read first.
PRIMARY_RECORD = {"MMR": "myanmar", "PSE": "palestine", "VAT": "holy see (vatican city state)"}
# Records that are not states even though they carry a state's code.
NOT_STATE_RECORDS = {"wales", "scotland", "serbia and montenegro", "antilles néerlandaises"}

# Common English short names where countryinfo's differ.
STATE_LABELS = {
    "CZE": "Czech Republic", "MKD": "North Macedonia", "SWZ": "Eswatini", "BHS": "Bahamas",
    "GMB": "Gambia", "FSM": "Micronesia", "VAT": "Vatican City", "TLS": "East Timor",
    "CIV": "Ivory Coast", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "MMR": "Myanmar", "PSE": "Palestine",
}

# Names countryinfo offers that are ambiguous or wrong in English text.
STATE_ALIAS_DROP = {
    "COG": {"Congo"},  # in news "Congo" alone is as often the DRC: leave it unresolved
    "ARE": {"Emirates"},  # the airline
}
# Words that mark an altSpelling as an English formal name ("Republic of ...").
FORMAL_WORDS = set("""
Republic Kingdom State States Federation Union Commonwealth Principality Sultanate Emirate
Emirates Confederation Duchy Territory Nation Federal Islamic Democratic Plurinational Bolivarian
Hashemite Independent Socialist Co-operative Oriental Eastern Bailiwick Islands
""".split())

# Function words of other languages: an altSpelling containing one is not English.
FOREIGN_FUNCTION_WORDS = {"de", "des", "del", "la", "le", "du", "da", "di", "do", "y", "et", "und",
"ng", "e"}

# ISO alpha-3 codes that are English words or common acronyms in news text; never aliases.
WORDLIKE_CODES = set("""
AND ARE ARM BEN CAN CAF CHE CIV COD COL COM CUB DOM ECU ESP EST ETH FIN GAB GEO GIN GUY HUN IND
IRL ISR JAM KEN LIE LUX MAC MAR MDA NAM NOR PAN PER PNG POL PRY SEN SOM SUR TON TUN VAT NIC TUV
MUS STP LCA SMR BFA MRT LSO BRB BTN DJI GTM HND MDG MCO MMR NER NGA NPL PHL SSD SVN TLS AGO ARG
FSM DMA SLV ERI CHL
""".split())
# Abbreviations in everyday use besides the ISO code.
STATE_CODES = {
    "GBR": ["UK"], "ARE": ["UAE"], "PRK": ["DPRK"], "CHN": ["PRC"], "KOR": ["ROK"],
    "SAU": ["KSA"], "COD": ["DRC"], "ZAF": ["RSA"], "BIH": ["BiH"],
}

# Per-state demonym replacements (ambiguous words go to the state news means by them).
DEMONYM_BY_STATE = {
    "DMA": [],  # "Dominican" is kept for the Dominican Republic
    "COG": [],  # "Congolese" is kept for the DRC
    "XKX": ["Kosovar", "Kosovan"],
    "VAT": [],
}
NO_PLURAL = {"I-Kiribati", "Ni-Vanuatu"}

# Capitals left out: common words or names, or standing for something else in news.
SEAT_DROP = {
    "SYC": {"Victoria"}, "GUY": {"Georgetown"}, "MDV": {"Malé"}, "COM": {"Moroni"},
    "BEL": {"Brussels"},  # stands for the European Union
    "VAT": {"Vatican City State"}, "SMR": {"City of San Marino"},
    "PSE": {"Jerusalem"}, "KIR": {"South Tarawa"},
}

KOSOVO = {"alpha3": "XKX", "label": "Kosovo", "aliases": ["Republic of Kosovo"],
          "capital": "Pristina", "seats": ["Prishtina"]}

# Dependent territories and other places: LOC entries, part of the state that holds them.
TERRITORY_PARENT = {
    "ASM": "USA", "AIA": "GBR", "ABW": "NLD", "BMU": "GBR", "BES": "NLD", "IOT": "GBR",
    "CYM": "GBR", "CXR": "AUS", "CCK": "AUS", "COK": "NZL", "CUW": "NLD", "FLK": "GBR",
    "FRO": "DNK", "GUF": "FRA", "PYF": "FRA", "ATF": "FRA", "GRL": "DNK", "GLP": "FRA",
    "GUM": "USA", "GGY": "GBR", "HKG": "CHN", "IMN": "GBR", "JEY": "GBR", "MAC": "CHN",
    "MTQ": "FRA", "MYT": "FRA", "MSR": "GBR", "NCL": "FRA", "NIU": "NZL", "NFK": "AUS",
    "MNP": "USA", "PCN": "GBR", "PRI": "USA", "REU": "FRA", "BLM": "FRA", "SHN": "GBR",
    "MAF": "FRA", "SPM": "FRA", "SGS": "GBR", "SXM": "NLD", "SJM": "NOR", "TKL": "NZL",
    "TCA": "GBR", "UMI": "USA", "VGB": "GBR", "VIR": "USA", "WLF": "FRA", "ALA": "FIN",
    "BVT": "NOR", "HMD": "AUS", "ESH": None, "ATA": None,
}
TERRITORY_LABELS = {
    "VGB": "British Virgin Islands", "VIR": "U.S. Virgin Islands", "MAF": "Saint Martin",
    "SXM": "Sint Maarten", "BES": "Caribbean Netherlands",
}
TERRITORY_ALIASES = {
    "CCK": ["Cocos Islands"], "BES": ["Bonaire"], "SJM": ["Svalbard"], "HKG": ["Hong Kong SAR"],
    "MAC": ["Macao"], "FLK": ["Falklands", "Malvinas"], "VIR": ["US Virgin Islands"],
}
PLACES = [
    ("England", "GBR", []), ("Scotland", "GBR", []), ("Wales", "GBR", []),
    ("Northern Ireland", "GBR", []), ("Gibraltar", "GBR", []),
    ("Gaza Strip", "PSE", ["Gaza"]), ("West Bank", "PSE", []),
]


def _record_groups() -> dict[str, list[dict]]:
    """countryinfo records grouped by ISO alpha-3, the primary record first."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for key, rec in sorted(CountryInfo.all().items()):
        code = (rec.get("ISO") or {}).get("alpha3")
        if not code or key in NOT_STATE_RECORDS:
            continue
        rec = dict(rec, _key=key)
        if PRIMARY_RECORD.get(code) == key:
            groups[code].insert(0, rec)
        else:
            groups[code].append(rec)
    return groups


def _english_formal(name: str) -> bool:
    """Whether an altSpelling reads as an English formal name ("Kingdom of Spain")."""
    folded = fold(name).strip()
    if not folded.isascii() or "," in folded or "(" in folded or len(folded) < 4:
        return False
    words = re.split(r"[\s-]+", folded)
    if any(word.lower() in FOREIGN_FUNCTION_WORDS for word in words):
        return False  # "Union des Comores", "Republica Oriental del Uruguay"
    return any(word in FORMAL_WORDS for word in words)


def _plural(adjective: str) -> str | None:
    """The plural noun of a demonym that takes -s ("Syrians", "Iraqis"), else None ("Swiss")."""
    if adjective in NO_PLURAL or not adjective.endswith(("an", "i", "ot", "er", "que", "in", "en")):
        return None
    return adjective + "s"


def _capitals(rec: dict) -> list[str]:
    """A countryinfo record's capital(s) as a list."""
    cap = rec.get("capital") or []
    return [c for c in ([cap] if isinstance(cap, str) else cap) if c]


def build_states() -> tuple[list[dict], dict[str, str], dict[str, list[str]]]:
    """Return state entries, alpha-3 -> id, and alpha-3 -> adjectival demonyms."""
    groups = _record_groups()
    codes = UN_MEMBERS + OTHER_STATES
    if len(set(UN_MEMBERS)) != 193:
        raise SystemExit(f"expected 193 UN members, listed {len(set(UN_MEMBERS))}")
    entries, ids, adjectives = [], {}, {}
    for code in codes:
        recs = groups.get(code)
        if not recs:
            raise SystemExit(f"countryinfo has no record for {code}")
        main = recs[0]
        label = STATE_LABELS.get(code, main["name"])
        aliases = [r["name"] for r in recs if not re.search(r"[,(]", r["name"])]
        aliases += STATE_ALIASES.get(code, [])
        for rec in recs:
            formal = [a for a in rec.get("altSpellings") or [] if _english_formal(a)]
            aliases += [re.sub(r"^the ", "", a) for a in formal]
        aliases = [a for a in aliases if a not in STATE_ALIAS_DROP.get(code, set())]
        if code in DEMONYM_BY_STATE:
            adj = list(DEMONYM_BY_STATE[code])
        else:
            raw = (main.get("demonym") or "").strip()
            adj = []
            for part in re.split(r"[,/]", raw):
                part = part.strip()
                if part:
                    adj += DEMONYM_FIX.get(part, [part])
        demonyms = adj + [p for p in map(_plural, adj) if p] + DEMONYM_NOUNS.get(code, [])
        seats = [c for c in _capitals(main) if c not in SEAT_DROP.get(code, set())]
        seats += SEAT_EXTRA.get(code, [])
        state_codes = STATE_CODES.get(code, []) + ([] if code in WORDLIKE_CODES else [code])
        ids[code] = slugify(label)
        adjectives[code] = adj
        entries.append(_entry(label, "GPE", aliases, demonyms, seats, state_codes))
    kosovo = _entry(KOSOVO["label"], "GPE", KOSOVO["aliases"],
                    DEMONYM_BY_STATE["XKX"] + ["Kosovars", "Kosovans"],
                    [KOSOVO["capital"], *KOSOVO["seats"]], [])
    entries.append(kosovo)
    ids["XKX"], adjectives["XKX"] = kosovo["id"], DEMONYM_BY_STATE["XKX"]
    return entries, ids, adjectives


def build_places(state_ids: dict[str, str]) -> list[dict]:
    """Dependent territories and a few well-known places, each part of its state."""
    groups = _record_groups()
    entries = []
    for code, parent in TERRITORY_PARENT.items():
        rec = groups[code][0]
        label = TERRITORY_LABELS.get(code, rec["name"])
        aliases = [n for n in [rec["name"]] if not re.search(r"[,(]", n)]
        aliases += TERRITORY_ALIASES.get(code, [])
        aliases += [a for a in rec.get("altSpellings") or [] if _english_formal(a)]
        entries.append(_entry(label, "LOC", aliases, part_of=state_ids.get(parent)))
    for label, parent, aliases in PLACES:
        entries.append(_entry(label, "LOC", aliases, part_of=state_ids[parent]))
    return entries


# --------------------------------------------------------------------------------------
# Agencies, alliances, armed groups, companies
# --------------------------------------------------------------------------------------

# States given generated "<Adjective> Foreign Ministry" / "<Adjective> Defence Ministry" entries.
MINISTRY_STATES = """
RUS TUR CHN FRA DEU ISR IRN SYR UKR IND PAK JPN KOR PRK SAU IRQ EGY QAT ARE ITA ESP POL GRC CAN
AUS BRA AZE ARM GEO BLR JOR LBN AFG LBY NLD SWE NOR FIN KAZ VEN MEX ZAF NGA ETH TWN YEM SDN DZA
MAR TUN HUN ROU CZE SRB CUB ARG IDN MYS PHL VNM THA BGD KWT OMN BHR LTU LVA EST
""".split()
FOREIGN_EXTRA = {
    "FRA": ["Quai d'Orsay", "French Ministry for Europe and Foreign Affairs"],
    "DEU": ["Federal Foreign Office", "German Foreign Office", "Auswärtiges Amt"],
    "IND": ["Ministry of External Affairs", "Indian External Affairs Ministry",
            "Indian Ministry of External Affairs", "MEA"],
    "CAN": ["Global Affairs Canada"],
    "AUS": ["Department of Foreign Affairs and Trade", "DFAT"],
}
DEFENCE_EXTRA = {
    "FRA": ["French Armed Forces Ministry", "French Ministry of the Armed Forces",
            "Ministère des Armées"],
    "DEU": ["Federal Ministry of Defence", "German Federal Ministry of Defence"],
    "CAN": ["Department of National Defence", "Canadian Department of National Defence"],
    "AUS": ["Australian Department of Defence", "Australian Defence Department"],
}


# --------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------

def _entry(label, type_, aliases=(), demonyms=(), seats=(), codes=(), part_of=None,
           affiliation=None) -> dict:
    """One actors.json row; exact repeats (and aliases equal to the label) are dropped.

    Variants that only differ in case, accents or punctuation are kept on purpose: lookup
    treats them alike, but the EntityRuler matches written forms ("Erdoğan", "Isis").
    """
    def unique(names, taken):
        out = []
        for name in names:
            name = " ".join(str(name).split())
            if name and name not in taken:
                taken.add(name)
                out.append(name)
        return out

    taken = {label}
    codes = unique(codes, taken)
    return {
        "id": slugify(label), "label": label, "type": type_,
        "aliases": unique(aliases, taken),
        "demonyms": unique(demonyms, set()),
        "seats": unique(seats, set()),
        "codes": codes,
        "part_of": part_of,
        "affiliation": affiliation,
    }


def build_ministries(state_ids, adjectives) -> list[dict]:
    """A foreign and a defence ministry for each state in MINISTRY_STATES."""
    entries = []
    for code in MINISTRY_STATES:
        adj = adjectives[code][:2]
        if not adj:
            raise SystemExit(f"no adjective demonym for {code}")
        foreign = [f"{a} {form}" for a in adj for form in
                   ("Foreign Ministry", "Ministry of Foreign Affairs", "Foreign Affairs Ministry")]
        defence = [f"{a} {form}" for a in adj for form in
                   ("Defence Ministry", "Defense Ministry", "Ministry of Defence",
                   "Ministry of Defense")]
        entries.append(_entry(f"{adj[0]} Foreign Ministry",
        "ORG", foreign + FOREIGN_EXTRA.get(code, []),
                              part_of=state_ids[code]))
        entries.append(_entry(f"{adj[0]} Defence Ministry",
        "ORG", defence + DEFENCE_EXTRA.get(code, []),
                              part_of=state_ids[code]))
    return entries


def _parent_id(parent, state_ids) -> str | None:
    """Id for a parent given as a state's alpha-3 or another actor's label."""
    if parent is None:
        return None
    return state_ids.get(parent) or slugify(parent)


def build_table() -> list[dict]:
    """Assemble every entry and check the result loads as an unambiguous ActorTable."""
    states, state_ids, adjectives = build_states()
    rows = list(states)
    rows += build_places(state_ids)
    for label, type_, parent, aliases, seats in ORGANISATIONS:
        rows.append(_entry(label, type_, aliases, seats=seats,
                           part_of=_parent_id(parent, state_ids)))
    rows += build_ministries(state_ids, adjectives)
    rows += [_entry(label, "ORG", aliases, part_of=_parent_id(parent, state_ids))
             for label, parent, aliases in AGENCIES]
    rows += [_entry(label, "ARMED_GROUP", aliases, part_of=_parent_id(parent, state_ids))
             for label, parent, aliases in ARMED_GROUPS]
    rows += [_entry(label, "ORG", aliases, part_of=_parent_id(parent, state_ids))
             for label, parent, aliases in COMPANIES]
    rows += [_entry(label, "WEAPON", aliases) for label, aliases in WEAPONS]
    rows += [_entry(label, "PERSON", aliases, affiliation=_parent_id(affiliation, state_ids))
             for label, affiliation, aliases in PEOPLE]

    table = ActorTable.from_records(rows)  # raises on duplicate ids or dangling part_of
    if table.conflicts:
        lines = "\n".join(f"  {field}: {name!r} claimed by {a} and {b}"
                          for field, name, a, b in table.conflicts)
        raise SystemExit(f"ambiguous names; resolve them in the curated lists:\n{lines}")
    return rows


def main() -> None:
    rows = build_table()
    OUT.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = defaultdict(int)
    for row in rows:
        counts[row["type"]] += 1
    names = sum(1 + len(r["aliases"]) + len(r["codes"]) for r in rows)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} actors, {names} names, {dict(counts)}")


if __name__ == "__main__":
    main()
