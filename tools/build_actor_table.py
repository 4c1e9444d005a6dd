"""Build graph/data/actors.json from countryinfo plus the curated lists in this file.

Run by hand after editing (never imported at run time):

    python tools/build_actor_table.py

States come from countryinfo (names, altSpellings, demonym, capital, ISO codes), fixed and
extended by the tables below. Agencies, alliances, armed groups, companies, weapons and
people are curated world knowledge. The script refuses to write a table in which one name
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

from graph.actors import ActorTable, fold, slugify  # noqa: E402

OUT = ROOT / "graph" / "data" / "actors.json"

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

# English names and spellings countryinfo lacks (or that its filter below would drop).
STATE_ALIASES = {
    "USA": ["US", "U.S.", "U.S.A.", "United States of America", "America"],
    "GBR": ["U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "TUR": ["Türkiye", "Turkiye", "Republic of Turkey", "Republic of Türkiye"],
    "RUS": ["Russian Federation"],
    "SYR": ["Syrian Arab Republic"],
    "IRN": ["Islamic Republic of Iran"],
    "PRK": ["Democratic People's Republic of Korea"],
    "KOR": ["Republic of Korea"],
    "CHN": ["People's Republic of China", "Mainland China"],
    "TWN": ["Republic of China", "Chinese Taipei"],
    "CZE": ["Czechia"],
    "MKD": ["Macedonia", "Republic of North Macedonia", "Republic of Macedonia"],
    "SWZ": ["Swaziland", "Kingdom of Eswatini"],
    "CIV": ["Côte d'Ivoire", "Republic of Côte d'Ivoire"],
    "COD": ["DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "COG": ["Congo-Brazzaville", "Republic of Congo", "Congo Republic"],
    "MMR": ["Burma", "Republic of the Union of Myanmar"],
    "PSE": ["State of Palestine"],
    "VAT": ["Holy See", "Vatican", "Vatican City State"],
    "TLS": ["Timor-Leste"],
    "CPV": ["Cabo Verde"],
    "NLD": ["Holland", "The Netherlands"],
    "LAO": ["Lao PDR"],
    "VNM": ["Viet Nam"],
    "ARE": ["U.A.E."],
    "SAU": ["Kingdom of Saudi Arabia"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "AFG": ["Islamic Emirate of Afghanistan"],
    "BRN": ["Brunei Darussalam"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "LCA": ["St Lucia", "St. Lucia"],
    "VCT": ["St Vincent and the Grenadines"],
    "STP": ["Sao Tome and Principe"],
    "IRL": ["Republic of Ireland"],
    "FSM": ["Federated States of Micronesia"],
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

# countryinfo demonym -> the adjectives English news uses (first one is the main one).
DEMONYM_FIX = {
    "Argentinean": ["Argentine", "Argentinian", "Argentinean"],
    "Cape Verdian": ["Cape Verdean"],
    "Maldivan": ["Maldivian"],
    "Comoran": ["Comorian", "Comoran"],
    "Tadzhik": ["Tajik", "Tajikistani"],
    "Kirghiz": ["Kyrgyz", "Kyrgyzstani"],
    "Djibouti": ["Djiboutian"],
    "Vaticanian": [],
    "Surinamer": ["Surinamese"],
    "Guinea-Bissauan": ["Bissau-Guinean"],
    "Ecuadorean": ["Ecuadorian", "Ecuadorean"],
    "Slovene": ["Slovenian", "Slovene"],
    "Saudi Arabian": ["Saudi", "Saudi Arabian"],
    "Kazakhstani": ["Kazakh", "Kazakhstani"],
    "Uzbekistani": ["Uzbek", "Uzbekistani"],
    "Icelander": ["Icelandic"],
    "Luxembourger": ["Luxembourgish"],
    "New Zealander": [],
    "Liechtensteiner": [],
    "Solomon Islander": ["Solomon Islands"],
    "Motswana": ["Botswanan", "Motswana", "Batswana"],
    "Mosotho": ["Basotho", "Mosotho"],
    "Kittian and Nevisian": ["Kittitian", "Nevisian"],
    "Filipino": ["Philippine", "Filipino"],
    "Nepalese": ["Nepalese", "Nepali"],
    "Slovak": ["Slovak", "Slovakian"],
    "Turkmen": ["Turkmen", "Turkmenistani"],
    "Laotian": ["Laotian", "Lao"],
    "Monegasque": ["Monegasque", "Monacan"],
}
# Per-state demonym replacements (ambiguous words go to the state news means by them).
DEMONYM_BY_STATE = {
    "DMA": [],  # "Dominican" is kept for the Dominican Republic
    "COG": [],  # "Congolese" is kept for the DRC
    "XKX": ["Kosovar", "Kosovan"],
    "VAT": [],
}
# Nouns for nationals where they are not simply the adjective plus -s.
DEMONYM_NOUNS = {
    "GBR": ["Briton", "Britons", "Brit", "Brits"],
    "TUR": ["Turk", "Turks"],
    "FRA": ["Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"],
    "NLD": ["Dutchman", "Dutchmen"],
    "IRL": ["Irishman", "Irishmen"],
    "ESP": ["Spaniard", "Spaniards"],
    "DNK": ["Dane", "Danes"],
    "FIN": ["Finn", "Finns"],
    "POL": ["Pole", "Poles"],
    "SWE": ["Swede", "Swedes"],
    "CZE": ["Czechs"],
    "ISL": ["Icelander", "Icelanders"],
    "LUX": ["Luxembourger", "Luxembourgers"],
    "NZL": ["New Zealander", "New Zealanders"],
    "LIE": ["Liechtensteiner", "Liechtensteiners"],
    "SLB": ["Solomon Islander", "Solomon Islanders"],
    "PHL": ["Filipinos", "Filipina", "Filipinas"],
    "SVK": ["Slovaks"],
    "TJK": ["Tajiks"],
    "UZB": ["Uzbeks"],
    "KAZ": ["Kazakhs"],
    "AFG": ["Afghans"],
    "GRC": ["Greeks"],
    "ARG": ["Argentines"],
    "SVN": ["Slovenes"],
    "KGZ": ["Kyrgyzstanis"],
    "TKM": ["Turkmens"],
    "LAO": ["Laotians"],
    "NPL": ["Nepalis"],
}
NO_PLURAL = {"I-Kiribati", "Ni-Vanuatu"}

# Capitals and seats of power that stand for the state when it acts.
SEAT_EXTRA = {
    "USA": ["Washington", "Washington D.C.", "Washington, D.C.", "Washington DC"],
    "RUS": ["Kremlin"],
    "GBR": ["Downing Street", "Whitehall", "Westminster"],
    "FRA": ["Élysée", "Élysée Palace"],
    "CHN": ["Zhongnanhai"],
    "KOR": ["Blue House"],
    "UKR": ["Kiev", "Bankova"],
    "KAZ": ["Astana"],
    "BOL": ["La Paz"],
    "CIV": ["Abidjan"],
    "MMR": ["Naypyitaw", "Nay Pyi Taw"],
    "LKA": ["Sri Jayawardenepura Kotte"],
    "MYS": ["Putrajaya"],
    "IND": ["Delhi"],
    "IRN": ["Teheran"],
    "CHE": ["Berne"],
    "YEM": ["Sanaa"],
    "SWZ": ["Mbabane"],
    "VAT": ["Vatican City"],
    "SMR": ["San Marino"],
    "PSE": ["Ramallah"],
}
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

# (label, parent: a state's alpha-3 or another actor's label, aliases)
AGENCIES = [
    # United States
    # Not "Department of Defence": that is the official name in Australia, Ireland, South Africa.
    ("Pentagon", "USA", ["Department of Defense", "Defense Department", "Defence Department", "DoD",
                         "DOD", "U.S. Department of Defense",
                         "US Department of Defense", "U.S. Defense Department", "US Defense Department",
                         "U.S. Defence Department", "US Defence Department", "Defense Dept",
                         "Department of War", "War Department"]),
    ("State Department", "USA", ["Department of State", "U.S. State Department", "US State Department",
                                 "State Dept", "U.S. Department of State", "Foggy Bottom"]),
    ("White House", "USA", ["Oval Office", "Executive Office of the President"]),
    ("National Security Council", "White House", ["NSC", "U.S. National Security Council",
                                                  "US National Security Council"]),
    ("CIA", "USA", ["Central Intelligence Agency", "U.S. Central Intelligence Agency"]),
    ("FBI", "USA", ["Federal Bureau of Investigation"]),
    ("National Security Agency", "USA", ["NSA", "U.S. National Security Agency"]),
    ("Office of the Director of National Intelligence", "USA", ["ODNI"]),
    ("Defense Intelligence Agency", "Pentagon", ["DIA", "Defence Intelligence Agency"]),
    ("Joint Staff", "Pentagon", ["Joint Chiefs of Staff", "Joint Chiefs", "JCS",
                                 "U.S. Joint Chiefs of Staff", "US Joint Chiefs of Staff"]),
    ("Office of the Secretary of Defense", "Pentagon", ["Office of the Secretary of Defence", "OSD"]),
    ("US Central Command", "Pentagon", ["CENTCOM", "U.S. Central Command", "Central Command"]),
    ("US European Command", "Pentagon", ["EUCOM", "U.S. European Command"]),
    ("US Indo-Pacific Command", "Pentagon", ["INDOPACOM", "U.S. Indo-Pacific Command",
                                             "Indo-Pacific Command", "PACOM", "US Pacific Command"]),
    ("US Africa Command", "Pentagon", ["AFRICOM", "U.S. Africa Command"]),
    ("US Special Operations Command", "Pentagon", ["SOCOM", "U.S. Special Operations Command"]),
    ("US Northern Command", "Pentagon", ["NORTHCOM", "U.S. Northern Command"]),
    ("US Southern Command", "Pentagon", ["SOUTHCOM", "U.S. Southern Command"]),
    ("US Strategic Command", "Pentagon", ["STRATCOM", "U.S. Strategic Command"]),
    ("US Cyber Command", "Pentagon", ["CYBERCOM", "U.S. Cyber Command"]),
    ("US Army", "Pentagon", ["U.S. Army", "United States Army"]),
    ("US Navy", "Pentagon", ["U.S. Navy", "United States Navy"]),
    ("US Air Force", "Pentagon", ["U.S. Air Force", "United States Air Force", "USAF"]),
    ("US Marine Corps", "Pentagon", ["U.S. Marine Corps", "United States Marine Corps", "USMC",
                                     "US Marines", "U.S. Marines"]),
    ("US Space Force", "Pentagon", ["U.S. Space Force", "United States Space Force"]),
    ("Congress", "USA", ["U.S. Congress", "US Congress", "United States Congress", "Capitol Hill"]),
    ("US Senate", "Congress", ["Senate", "U.S. Senate", "United States Senate"]),
    ("US House of Representatives", "Congress", ["U.S. House of Representatives",
                                                 "U.S. House", "US House"]),
    ("US Treasury", "USA", ["Treasury", "Treasury Department", "Department of the Treasury",
                            "U.S. Treasury", "US Treasury Department", "U.S. Treasury Department"]),
    ("Department of Homeland Security", "USA", ["DHS", "Homeland Security Department",
                                                "U.S. Department of Homeland Security"]),
    ("Justice Department", "USA", ["Department of Justice", "DOJ", "U.S. Justice Department",
                                   "US Justice Department", "U.S. Department of Justice"]),
    ("Commerce Department", "USA", ["Department of Commerce", "U.S. Commerce Department",
                                    "US Commerce Department"]),
    ("USAID", "USA", ["U.S. Agency for International Development",
                      "US Agency for International Development",
                      "United States Agency for International Development"]),
    ("Federal Reserve", "USA", ["U.S. Federal Reserve", "US Federal Reserve", "Federal Reserve Board"]),
    ("US Supreme Court", "USA", ["U.S. Supreme Court", "United States Supreme Court"]),
    # Russia
    ("FSB", "RUS", ["Federal Security Service", "Russian Federal Security Service"]),
    ("GRU", "RUS", ["Russian military intelligence", "Russian Main Intelligence Directorate"]),
    ("SVR", "RUS", ["Foreign Intelligence Service", "Russian Foreign Intelligence Service"]),
    ("Russian Armed Forces", "RUS", ["Armed Forces of the Russian Federation"]),
    ("Russian General Staff", "RUS", ["General Staff of the Russian Armed Forces"]),
    ("State Duma", "RUS", ["Duma", "Russian Duma", "Russian State Duma"]),
    ("Federation Council", "RUS", ["Russian Federation Council"]),
    # Turkey
    ("Turkish Armed Forces", "TUR", ["TSK"]),
    ("Turkish National Intelligence Organization", "TUR",
     ["National Intelligence Organization", "National Intelligence Organisation",
      "Turkish National Intelligence Organisation", "Turkish intelligence agency",
      "Turkish intelligence"]),
    ("Turkish Presidency", "TUR", ["Presidency of the Republic of Turkey",
                                   "Presidency of the Republic of Türkiye"]),
    ("Grand National Assembly of Turkey", "TUR", ["Turkish Parliament", "Grand National Assembly",
                                                  "TBMM"]),
    ("Presidency of Defence Industries", "TUR", ["SSB", "Presidency of Defense Industries",
                                                 "Defence Industries Presidency",
                                                 "Turkish Defence Industries Presidency"]),
    # United Kingdom
    ("Foreign Office", "GBR", ["Foreign, Commonwealth and Development Office",
                               "Foreign and Commonwealth Office",
                               "FCDO", "FCO", "British Foreign Office", "UK Foreign Office",
                               "British Foreign Ministry"]),
    ("UK Ministry of Defence", "GBR", ["MoD", "MOD", "British Ministry of Defence",
                                       "British Defence Ministry", "UK Defence Ministry",
                                       "British MoD", "UK MoD",
                                       "British Defense Ministry",
                                       "Ministry of Defence of the United Kingdom"]),
    ("MI6", "GBR", ["Secret Intelligence Service", "SIS"]),
    ("MI5", "GBR", []),
    ("GCHQ", "GBR", ["Government Communications Headquarters"]),
    ("British Army", "UK Ministry of Defence", []),
    ("Royal Navy", "UK Ministry of Defence", []),
    ("Royal Air Force", "UK Ministry of Defence", ["RAF"]),
    ("Home Office", "GBR", ["UK Home Office", "British Home Office"]),
    ("HM Treasury", "GBR", ["Her Majesty's Treasury", "His Majesty's Treasury", "UK Treasury",
                            "British Treasury"]),
    ("UK Parliament", "GBR", ["British Parliament", "House of Commons",
                              "Parliament of the United Kingdom"]),
    # France, Germany
    ("DGSE", "FRA", ["General Directorate for External Security",
                     "Direction générale de la sécurité extérieure"]),
    ("French Armed Forces", "FRA", []),
    ("Bundeswehr", "DEU", ["German Armed Forces"]),
    ("BND", "DEU", ["Federal Intelligence Service", "Bundesnachrichtendienst",
                    "German Federal Intelligence Service"]),
    ("Bundestag", "DEU", ["German Parliament", "German Bundestag"]),
    ("German Chancellery", "DEU", ["Federal Chancellery", "Bundeskanzleramt"]),
    # Israel, Iran
    ("Israel Defense Forces", "ISR", ["IDF", "Israeli Defense Forces", "Israel Defence Forces",
                                      "Israeli Defence Forces", "Tsahal", "Zahal"]),
    ("Israeli Air Force", "Israel Defense Forces", ["Israel Air Force"]),
    ("Mossad", "ISR", []),
    ("Shin Bet", "ISR", ["Shabak", "Israel Security Agency"]),
    ("Knesset", "ISR", ["Israeli Parliament"]),
    ("Islamic Revolutionary Guard Corps", "IRN",
     ["IRGC", "Revolutionary Guards", "Revolutionary Guard", "Revolutionary Guard Corps",
      "Iranian Revolutionary Guard Corps", "Islamic Revolutionary Guards Corps", "Pasdaran", "Sepah",
      "Iranian Revolutionary Guards"]),
    ("Quds Force", "Islamic Revolutionary Guard Corps", ["Qods Force", "IRGC Quds Force", "IRGC-QF"]),
    ("Basij", "Islamic Revolutionary Guard Corps", ["Basij militia", "Basij Resistance Force"]),
    ("Atomic Energy Organization of Iran", "IRN", ["AEOI", "Atomic Energy Organisation of Iran"]),
    ("Artesh", "IRN", ["Islamic Republic of Iran Army", "Islamic Republic of Iran Armed Forces"]),
    # China
    ("People's Liberation Army", "CHN", ["PLA", "Chinese People's Liberation Army"]),
    ("PLA Navy", "People's Liberation Army", ["People's Liberation Army Navy"]),
    ("PLA Air Force", "People's Liberation Army", ["People's Liberation Army Air Force", "PLAAF"]),
    ("PLA Rocket Force", "People's Liberation Army", ["People's Liberation Army Rocket Force",
                                                      "PLARF"]),
    ("Ministry of State Security", "CHN", ["MSS", "Chinese Ministry of State Security"]),
    ("Chinese Communist Party", "CHN", ["CCP", "Communist Party of China"]),
    ("Central Military Commission", "CHN", ["Chinese Central Military Commission"]),
    ("China Coast Guard", "CHN", ["Chinese Coast Guard"]),
    # Syria, Iraq, Lebanon, Palestine
    ("Syrian Arab Army", "SYR", ["SAA", "Syrian Army", "Syrian Arab Armed Forces"]),
    ("Syrian Air Force", "SYR", ["Syrian Arab Air Force"]),
    ("Iraqi Security Forces", "IRQ", ["ISF"]),
    ("Kurdistan Regional Government", "IRQ", ["KRG", "Kurdistan Regional Government of Iraq"]),
    ("Peshmerga", "Kurdistan Regional Government", ["Kurdish Peshmerga"]),
    ("Lebanese Armed Forces", "LBN", ["LAF", "Lebanese Army"]),
    ("Palestinian Authority", "PSE", ["Palestinian National Authority", "PNA"]),
    # Ukraine
    ("Armed Forces of Ukraine", "UKR", ["Ukrainian Armed Forces", "AFU", "ZSU"]),
    ("SBU", "UKR", ["Security Service of Ukraine", "Ukrainian Security Service"]),
    ("Ukrainian Military Intelligence", "UKR", ["HUR", "GUR",
                                                "Main Intelligence Directorate of Ukraine",
                                                "Ukrainian Main Intelligence Directorate",
                                                "Defence Intelligence of Ukraine",
                                                "Ukrainian Defence Intelligence"]),
    ("Verkhovna Rada", "UKR", ["Ukrainian Parliament"]),
    # South Asia, East Asia
    ("Indian Army", "IND", []),
    ("Indian Air Force", "IND", []),
    ("Indian Navy", "IND", []),
    ("Research and Analysis Wing", "IND", ["RAW", "R&AW"]),
    ("Inter-Services Intelligence", "PAK", ["ISI", "Inter Services Intelligence"]),
    ("Pakistan Army", "PAK", ["Pakistani Army"]),
    ("Pakistan Air Force", "PAK", ["Pakistani Air Force"]),
    ("Korean People's Army", "PRK", ["KPA", "North Korean Army"]),
    ("South Korean National Intelligence Service", "KOR", ["NIS"]),
    ("South Korean Joint Chiefs of Staff", "KOR", []),
    ("Japan Self-Defense Forces", "JPN", ["JSDF", "Self-Defense Forces", "Japanese Self-Defense Forces",
                                          "Japan Self-Defence Forces", "Self-Defence Forces"]),
]

# (label, type, part_of label or None, aliases, seats)
ORGANISATIONS = [
    ("NATO", "ALLIANCE", None, ["North Atlantic Treaty Organization",
                                "North Atlantic Treaty Organisation",
                                "North Atlantic Alliance", "Atlantic Alliance"], []),
    ("European Union", "ALLIANCE", None, ["EU", "E.U."], ["Brussels"]),
    ("United Nations", "ALLIANCE", None, ["UN", "U.N.", "United Nations Organization"], []),
    ("UN Security Council", "ORG", "United Nations", ["UNSC", "U.N. Security Council",
                                                      "United Nations Security Council"]),
    ("UN General Assembly", "ORG", "United Nations", ["UNGA", "U.N. General Assembly",
                                                      "United Nations General Assembly"]),
    ("UNHCR", "ORG", "United Nations", ["UN Refugee Agency", "U.N. refugee agency",
                                        "United Nations High Commissioner for Refugees"]),
    ("UNICEF", "ORG", "United Nations", ["United Nations Children's Fund", "Unicef"]),
    ("World Food Programme", "ORG", "United Nations", ["WFP", "World Food Program",
                                                       "UN World Food Programme"]),
    ("UNRWA", "ORG", "United Nations", ["United Nations Relief and Works Agency", "Unrwa"]),
    ("OCHA", "ORG", "United Nations",
     ["UN Office for the Coordination of Humanitarian Affairs",
      "United Nations Office for the Coordination of Humanitarian Affairs"]),
    ("UN Human Rights Council", "ORG", "United Nations",
     ["UNHRC", "United Nations Human Rights Council", "Human Rights Council"]),
    ("International Court of Justice", "ORG", "United Nations", ["ICJ", "World Court"]),
    ("UNIFIL", "ORG", "United Nations", ["United Nations Interim Force in Lebanon"]),
    ("World Health Organization", "ALLIANCE", "United Nations", ["WHO", "World Health Organisation"]),
    ("IAEA", "ALLIANCE", None, ["International Atomic Energy Agency", "UN nuclear watchdog",
                                "U.N. nuclear watchdog"], []),
    ("Arab League", "ALLIANCE", None, ["League of Arab States"], []),
    ("African Union", "ALLIANCE", None, ["AU", "A.U."], []),
    ("ASEAN", "ALLIANCE", None, ["Association of Southeast Asian Nations",
                                 "Association of South East Asian Nations"], []),
    ("G7", "ALLIANCE", None, ["G-7", "Group of Seven"], []),
    ("G20", "ALLIANCE", None, ["G-20", "Group of 20", "Group of Twenty"], []),
    ("OPEC", "ALLIANCE", None, ["Organization of the Petroleum Exporting Countries",
                                "Organisation of the Petroleum Exporting Countries"], []),
    ("OPEC Plus", "ALLIANCE", None, ["OPEC+", "Opec+"], []),
    ("CSTO", "ALLIANCE", None, ["Collective Security Treaty Organization",
                                "Collective Security Treaty Organisation"], []),
    ("Shanghai Cooperation Organisation", "ALLIANCE", None,
     ["SCO", "Shanghai Cooperation Organization"], []),
    ("BRICS", "ALLIANCE", None, [], []),
    ("Gulf Cooperation Council", "ALLIANCE", None,
     ["GCC", "Cooperation Council for the Arab States of the Gulf"], []),
    ("OSCE", "ALLIANCE", None, ["Organization for Security and Co-operation in Europe",
                                "Organization for Security and Cooperation in Europe"], []),
    ("International Monetary Fund", "ALLIANCE", None, ["IMF"], []),
    ("World Bank", "ALLIANCE", None, ["World Bank Group"], []),
    ("World Trade Organization", "ALLIANCE", None, ["WTO", "World Trade Organisation"], []),
    ("Organisation of Islamic Cooperation", "ALLIANCE", None,
     ["OIC", "Organization of Islamic Cooperation"], []),
    ("Organization of American States", "ALLIANCE", None,
     ["OAS", "Organisation of American States"], []),
    ("ECOWAS", "ALLIANCE", None, ["Economic Community of West African States"], []),
    ("Commonwealth of Independent States", "ALLIANCE", None, ["CIS"], []),
    ("Eurasian Economic Union", "ALLIANCE", None, ["EAEU", "EEU"], []),
    ("AUKUS", "ALLIANCE", None, [], []),
    ("Five Eyes", "ALLIANCE", None, ["Five Eyes alliance"], []),
    ("Council of Europe", "ALLIANCE", None, [], []),
    ("OECD", "ALLIANCE", None, ["Organisation for Economic Co-operation and Development",
                                "Organization for Economic Cooperation and Development"], []),
    ("Mercosur", "ALLIANCE", None, ["Mercosul", "Southern Common Market"], []),
    ("Saudi-led coalition", "ALLIANCE", None, ["Saudi-led military coalition"], []),
    ("Global Coalition to Defeat ISIS", "ALLIANCE", None,
     ["Global Coalition against Daesh", "Global Coalition to Defeat Daesh",
      "Global Coalition to Defeat Islamic State",
      "Global Coalition to Defeat ISIL", "Combined Joint Task Force-Operation Inherent Resolve",
      "CJTF-OIR",
      "Operation Inherent Resolve", "anti-ISIS coalition", "anti-Islamic State coalition"], []),
    ("European Commission", "ORG", "European Union", ["EU Commission", "E.U. Commission"]),
    ("European Parliament", "ORG", "European Union", ["EU Parliament"]),
    ("European Council", "ORG", "European Union", []),
    ("European Central Bank", "ORG", "European Union", ["ECB"]),
    ("European External Action Service", "ORG", "European Union", ["EEAS"]),
    ("International Criminal Court", "ORG", None, []),
    ("OPCW", "ORG", None, ["Organisation for the Prohibition of Chemical Weapons",
                           "Organization for the Prohibition of Chemical Weapons"]),
    ("Interpol", "ORG", None, ["International Criminal Police Organization"]),
    ("Palestine Liberation Organization", "ORG", None, ["PLO", "Palestine Liberation Organisation"]),
]

# (label, part_of label or None, aliases)
ARMED_GROUPS = [
    ("ISIS", None, ["IS", "ISIL", "Isis", "Isil", "Islamic State", "Islamic State group", "Daesh",
                    "Da'esh",
                    "Islamic State of Iraq and Syria", "Islamic State in Iraq and Syria",
                    "Islamic State of Iraq and the Levant", "Islamic State in Iraq and the Levant"]),
    ("ISIS-K", "ISIS", ["Islamic State Khorasan", "Islamic State Khorasan Province", "ISKP", "IS-K",
                        "ISIL-K"]),
    ("ISWAP", "ISIS", ["Islamic State West Africa Province", "Islamic State West Africa"]),
    ("al-Qaeda", None, ["al Qaeda", "al-Qaida", "al Qaida", "Al-Qaeda", "al-Qa'ida", "Al Qaeda"]),
    ("AQAP", "al-Qaeda", ["al-Qaeda in the Arabian Peninsula", "al Qaeda in the Arabian Peninsula"]),
    ("AQIM", "al-Qaeda", ["al-Qaeda in the Islamic Maghreb", "al Qaeda in the Islamic Maghreb"]),
    ("al-Shabaab", None, ["al-Shabab", "al Shabaab", "al Shabab", "Harakat al-Shabaab al-Mujahideen",
                          "Shabaab"]),
    ("al-Nusra", None, ["al-Nusra Front", "Nusra Front", "Jabhat al-Nusra", "Jabhat al-Nusrah",
                        "al-Nusrah Front", "Nusra", "Jabhat Fateh al-Sham"]),
    ("Hayat Tahrir al-Sham", None, ["HTS", "Hay'at Tahrir al-Sham", "Hayat Tahrir al Sham",
                                    "Tahrir al-Sham"]),
    ("Hurras al-Din", None, ["Hurras al-Deen", "Guardians of Religion Organization"]),
    ("Ahrar al-Sham", None, ["Harakat Ahrar al-Sham"]),
    ("Jaysh al-Islam", None, ["Jaish al-Islam", "Army of Islam"]),
    ("PKK", None, ["Kurdistan Workers' Party", "Kurdistan Workers Party", "Kurdistan Worker's Party",
                   "Partiya Karkeren Kurdistane"]),
    ("YPG", None, ["People's Protection Units", "Kurdish People's Protection Units",
                   "Peoples Protection Units"]),
    ("YPJ", None, ["Women's Protection Units"]),
    ("Syrian Democratic Forces", None, ["SDF"]),
    ("Free Syrian Army", None, ["FSA"]),
    ("Syrian National Army", None, []),
    ("Hezbollah", None, ["Hizbollah", "Hizballah", "Hizbullah", "Hezbollah movement"]),
    ("Hamas", None, ["Islamic Resistance Movement", "HAMAS"]),
    ("Qassam Brigades", "Hamas", ["Izz ad-Din al-Qassam Brigades", "Izz al-Din al-Qassam Brigades",
                                  "al-Qassam Brigades", "Ezzedine al-Qassam Brigades"]),
    ("Palestinian Islamic Jihad", None, ["Islamic Jihad", "PIJ",
                                         "Islamic Jihad Movement in Palestine"]),
    ("al-Aqsa Martyrs' Brigades", None, ["Al-Aqsa Martyrs Brigades"]),
    ("Taliban", None, ["Afghan Taliban"]),
    ("Pakistani Taliban", None, ["Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "TTP"]),
    ("Haqqani network", None, ["Haqqani Network"]),
    ("Houthis", None, ["Houthi", "Ansar Allah", "Ansarallah", "Houthi movement", "Huthis", "Huthi"]),
    ("Wagner Group", None, ["PMC Wagner", "Wagner PMC", "Wagner private military company",
                            "Wagner mercenary group"]),
    ("Boko Haram", None, ["Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"]),
    ("Lashkar-e-Taiba", None, ["LeT", "Lashkar-e-Toiba", "Lashkar-e-Tayyiba"]),
    ("Jaish-e-Mohammed", None, ["JeM", "Jaish-e-Muhammad", "Jaish-e-Mohammad"]),
    ("Kata'ib Hezbollah", None, ["Kataib Hezbollah", "Kata'ib Hizballah"]),
    ("Popular Mobilization Forces", None, ["PMF", "Popular Mobilisation Forces", "Hashd al-Shaabi",
                                           "Popular Mobilization Units"]),
    ("Asa'ib Ahl al-Haq", None, ["Asaib Ahl al-Haq", "League of the Righteous"]),
    ("Polisario Front", None, ["Polisario"]),
    ("FARC", None, ["Revolutionary Armed Forces of Colombia"]),
    ("ELN", None, ["National Liberation Army of Colombia"]),
    ("Shining Path", None, ["Sendero Luminoso"]),
    ("M23", None, ["March 23 Movement", "M23 rebels"]),
    ("Rapid Support Forces", None, []),
    ("Tigray People's Liberation Front", None, ["TPLF"]),
    ("Irish Republican Army", None, ["Provisional IRA", "New IRA"]),
    ("Azov Regiment", None, ["Azov Battalion", "Azov Brigade"]),
    ("Abu Sayyaf", None, ["Abu Sayyaf Group"]),
    ("Ansar al-Sharia", None, ["Ansar al-Shariah"]),
    ("Kurdistan Freedom Falcons", None, ["TAK"]),
]

# (label, part_of state alpha-3 or None, aliases): defence industry, often a party to arms deals.
COMPANIES = [
    ("Lockheed Martin", None, ["Lockheed", "Lockheed Martin Corp"]),
    ("Raytheon", None, ["Raytheon Co", "Raytheon Company", "Raytheon Technologies", "RTX", "RTX Corp"]),
    ("Boeing", None, ["Boeing Co", "The Boeing Company"]),
    ("Northrop Grumman", None, ["Northrop"]),
    ("General Dynamics", None, []),
    ("BAE Systems", None, ["BAE"]),
    ("Airbus", None, ["Airbus Defence and Space"]),
    ("Rheinmetall", None, []),
    ("Thales", None, ["Thales Group"]),
    ("MBDA", None, []),
    ("Dassault Aviation", None, ["Dassault"]),
    ("Saab", None, ["Saab AB"]),
    ("Baykar", None, ["Baykar Technologies"]),
    ("Aselsan", None, []),
    ("Elbit Systems", None, ["Elbit"]),
    ("Israel Aerospace Industries", None, ["IAI"]),
    ("Rafael Advanced Defense Systems", None, []),
    ("Norinco", None, ["China North Industries Group"]),
    ("Rosoboronexport", "RUS", []),
    ("Rostec", None, ["Russian Technologies"]),
    ("Almaz-Antey", None, []),
    ("Kalashnikov Concern", None, ["Kalashnikov Group"]),
]

# (label, aliases): weapon systems. Bare names that are also ordinary names or words
# ("Abrams", "Leopard", "Bradley", "Lancet", "Taurus") only appear with a qualifier.
WEAPONS = [
    ("S-400", ["S-400 Triumf", "S-400 Triumph", "SA-21 Growler", "SA-21", "S400"]),
    ("S-300", ["S-300PMU", "S-300PMU-2", "S-300PMU2", "S300"]),
    ("S-500", ["S-500 Prometey"]),
    ("Patriot", ["Patriot missile", "Patriot missiles", "Patriot missile system",
                 "Patriot air defense system",
                 "Patriot air defence system", "MIM-104 Patriot", "MIM-104", "PAC-3"]),
    ("F-35", ["F-35 Lightning II", "F-35A", "F-35B", "F-35C", "F35", "Joint Strike Fighter", "JSF"]),
    ("F-16", ["F-16 Fighting Falcon", "F16", "F-16V", "Fighting Falcon"]),
    ("F-15", ["F-15 Eagle", "F-15E Strike Eagle", "F-15E", "F15", "F-15EX", "Strike Eagle"]),
    ("F-22", ["F-22 Raptor", "F22"]),
    ("F/A-18", ["F/A-18 Super Hornet", "Super Hornet", "F-18", "F/A-18E/F"]),
    ("Su-35", ["Sukhoi Su-35", "Su-35S"]),
    ("Su-57", ["Sukhoi Su-57", "Su-57 Felon"]),
    ("Su-34", ["Sukhoi Su-34"]),
    ("Su-30", ["Sukhoi Su-30", "Su-30MKI", "Su-30SM"]),
    ("Su-27", ["Sukhoi Su-27"]),
    ("Su-25", ["Sukhoi Su-25"]),
    ("Su-24", ["Sukhoi Su-24"]),
    ("MiG-29", ["Mikoyan MiG-29", "MIG-29", "Mig-29"]),
    ("MiG-31", ["Mikoyan MiG-31", "MiG-31K", "MIG-31"]),
    ("Tu-95", ["Tu-95MS", "Tupolev Tu-95"]),
    ("Tu-160", ["Tupolev Tu-160", "Tu-160M"]),
    ("Tu-22M3", ["Tu-22M", "Tupolev Tu-22M3"]),
    ("B-52", ["B-52 Stratofortress", "B-52H"]),
    ("B-2", ["B-2 Spirit", "B-2 bomber"]),
    ("B-21", ["B-21 Raider"]),
    ("A-10", ["A-10 Warthog", "A-10 Thunderbolt II"]),
    ("Eurofighter Typhoon", ["Eurofighter"]),
    ("Rafale", ["Dassault Rafale"]),
    ("Gripen", ["Saab Gripen", "JAS 39 Gripen", "JAS 39"]),
    ("J-20", ["Chengdu J-20"]),
    ("Mirage 2000", ["Dassault Mirage 2000", "Mirage-2000"]),
    ("THAAD", ["Terminal High Altitude Area Defense", "Terminal High Altitude Area Defence"]),
    ("HIMARS", ["M142 HIMARS", "M142", "High Mobility Artillery Rocket System", "Himars"]),
    ("Javelin", ["FGM-148 Javelin", "FGM-148", "Javelin missile"]),
    ("Stinger", ["FIM-92 Stinger", "FIM-92", "Stinger missile"]),
    ("NLAW", ["Next generation Light Anti-tank Weapon"]),
    ("Tomahawk", ["Tomahawk cruise missile", "BGM-109 Tomahawk", "BGM-109"]),
    ("Iskander", ["Iskander-M", "9K720 Iskander", "SS-26 Stone"]),
    ("Kalibr", ["3M-54 Kalibr", "Kalibr cruise missile", "SS-N-27"]),
    ("Kinzhal", ["Kh-47M2 Kinzhal", "Kh-47M2"]),
    ("Zircon", ["3M22 Zircon", "Tsirkon", "Zircon hypersonic missile"]),
    ("Sarmat", ["RS-28 Sarmat", "RS-28"]),
    ("Oreshnik", ["Oreshnik missile"]),
    ("Kh-101", ["Kh-101 cruise missile"]),
    ("Kh-22", ["Kh-22 cruise missile"]),
    ("Bayraktar TB2", ["TB2", "Bayraktar drone", "Bayraktar TB2 drone"]),
    ("Bayraktar Akinci", ["Akinci drone", "Bayraktar Akıncı"]),
    ("Shahed-136", ["Shahed drone", "Shahed-131", "Geran-2", "Shahed kamikaze drone", "Shaheds"]),
    ("ZALA Lancet", ["Lancet drone", "Lancet-3"]),
    ("MQ-9 Reaper", ["MQ-9", "Reaper drone", "MQ-9A Reaper"]),
    ("MQ-1 Predator", ["MQ-1", "Predator drone"]),
    ("RQ-4 Global Hawk", ["RQ-4", "Global Hawk"]),
    ("Switchblade", ["Switchblade drone", "Switchblade 600", "Switchblade 300"]),
    ("Harop", ["IAI Harop"]),
    ("Iron Dome", []),
    ("David's Sling", []),
    ("Arrow 3", ["Arrow-3", "Arrow missile defense system", "Arrow missile defence system"]),
    ("Leopard 2", ["Leopard 2A4", "Leopard 2A6", "Leopard 2A7", "Leopard tank", "Leopard 2 tank"]),
    ("M1 Abrams", ["Abrams tank", "M1A1 Abrams", "M1A2 Abrams", "M1A1", "M1A2",
                   "Abrams main battle tank"]),
    ("Challenger 2", ["Challenger 2 tank", "Challenger tank"]),
    ("T-72", ["T-72B3", "T-72 tank"]),
    ("T-90", ["T-90M", "T-90A"]),
    ("T-14 Armata", ["T-14", "Armata tank"]),
    ("Bradley Fighting Vehicle", ["M2 Bradley", "Bradley IFV", "Bradley infantry fighting vehicle"]),
    ("Storm Shadow", ["SCALP-EG", "SCALP missile", "Storm Shadow missile"]),
    ("Taurus KEPD 350", ["Taurus missile", "Taurus cruise missile", "KEPD 350"]),
    ("ATACMS", ["Army Tactical Missile System", "MGM-140 ATACMS", "MGM-140"]),
    ("GMLRS", ["Guided Multiple Launch Rocket System"]),
    ("Hellfire", ["AGM-114 Hellfire", "AGM-114", "Hellfire missile"]),
    ("Harpoon", ["RGM-84 Harpoon", "AGM-84 Harpoon", "Harpoon anti-ship missile"]),
    ("Trident II", ["Trident D5", "Trident missile", "UGM-133 Trident II"]),
    ("Minuteman III", ["LGM-30G Minuteman III", "LGM-30"]),
    ("Hwasong-15", ["Hwasong 15"]),
    ("Hwasong-17", ["Hwasong 17"]),
    ("Hwasong-18", ["Hwasong 18"]),
    ("Fateh-110", ["Fateh 110"]),
    ("Kornet", ["9M133 Kornet", "Kornet anti-tank missile"]),
    ("TOW", ["BGM-71 TOW", "BGM-71", "TOW missile"]),
    ("AK-47", ["AK-47 rifle", "AK47"]),
    ("Pantsir", ["Pantsir-S1", "Pantsir-S", "SA-22 Greyhound"]),
    ("Tor-M2", ["Tor-M1", "Tor missile system"]),
    ("Buk", ["Buk-M1", "Buk-M2", "Buk missile system", "SA-11 Gadfly", "SA-17 Grizzly"]),
    ("BM-21 Grad", ["BM-21", "Grad rocket", "Grad multiple rocket launcher"]),
    ("TOS-1", ["TOS-1A", "Solntsepyok"]),
    ("NASAMS", ["National Advanced Surface-to-Air Missile System",
                "Norwegian Advanced Surface to Air Missile System"]),
    ("IRIS-T", ["IRIS-T SLM"]),
    ("SAMP/T", ["SAMP/T Mamba"]),
    ("Gepard", ["Flakpanzer Gepard", "Gepard anti-aircraft gun"]),
    ("M777", ["M777 howitzer"]),
    ("CAESAR howitzer", ["Caesar howitzer", "CAESAR self-propelled howitzer"]),
    ("AH-64 Apache", ["AH-64", "AH-64D", "AH-64E", "Apache helicopter", "Apache attack helicopter"]),
    ("UH-60 Black Hawk", ["UH-60", "Black Hawk helicopter", "Black Hawk"]),
    ("CH-47 Chinook", ["CH-47", "Chinook helicopter"]),
    ("Ka-52", ["Ka-52 Alligator"]),
    ("Mi-24", ["Mi-24 Hind", "Mi-35", "Hind helicopter"]),
    ("Mi-8", ["Mi-17", "Mi-8 helicopter"]),
    ("C-130 Hercules", ["C-130", "C-130J"]),
    ("BrahMos", ["BrahMos missile", "Brahmos"]),
    ("DF-41", ["Dongfeng-41", "DF 41"]),
    ("DF-21D", ["Dongfeng-21D", "DF-21"]),
    ("DF-17", ["Dongfeng-17"]),
    ("Qassam rocket", []),
    ("Scud", ["Scud missile", "Scud-B"]),
    ("AIM-9 Sidewinder", ["AIM-9", "Sidewinder missile"]),
    ("AIM-120 AMRAAM", ["AIM-120", "AMRAAM"]),
    ("JDAM", ["Joint Direct Attack Munition"]),
    ("GBU-57", ["GBU-57 Massive Ordnance Penetrator", "Massive Ordnance Penetrator"]),
]

# Well-known people: heads of state and government, foreign and defence ministers, security
# chiefs, and leaders of major armed groups, as (label, affiliation, aliases). The affiliation
# (a state's alpha-3 or an actor's label) is what the person serves, last or best known.
# Full names and spelling variants only: surnames are resolved per document elsewhere.
PEOPLE = [
    # United States
    ("Donald Trump", "USA", ["Donald J. Trump", "Donald John Trump"]),
    ("Joe Biden", "USA", ["Joseph Biden", "Joseph R. Biden", "Joseph R. Biden Jr.", "Joe R. Biden"]),
    ("Barack Obama", "USA", ["Barack H. Obama", "Barack Hussein Obama"]),
    ("George W. Bush", "USA", ["George Walker Bush"]),
    ("Kamala Harris", "USA", []),
    ("Mike Pence", "USA", ["Michael Pence"]),
    ("JD Vance", "USA", ["J.D. Vance", "James David Vance", "J. D. Vance"]),
    ("Mike Pompeo", "State Department", ["Michael Pompeo", "Michael R. Pompeo"]),
    ("Rex Tillerson", "State Department", []),
    ("John Kerry", "State Department", ["John F. Kerry"]),
    ("Hillary Clinton", "State Department", ["Hillary Rodham Clinton"]),
    ("Antony Blinken", "State Department", ["Tony Blinken", "Antony J. Blinken"]),
    ("Marco Rubio", "State Department", []),
    ("Ash Carter", "Pentagon", ["Ashton Carter", "Ashton B. Carter"]),
    ("Jim Mattis", "Pentagon", ["James Mattis", "James N. Mattis"]),
    ("Mark Esper", "Pentagon", ["Mark T. Esper"]),
    ("Lloyd Austin", "Pentagon", ["Lloyd J. Austin", "Lloyd J. Austin III"]),
    ("Pete Hegseth", "Pentagon", ["Peter Hegseth"]),
    ("John Bolton", "National Security Council", []),
    ("Robert O'Brien", "National Security Council", ["Robert C. O'Brien"]),
    ("Jake Sullivan", "National Security Council", []),
    ("Mike Waltz", "National Security Council", ["Michael Waltz"]),
    # Russia
    ("Vladimir Putin", "RUS", ["Vladimir Vladimirovich Putin", "Vladimir V. Putin"]),
    ("Dmitry Medvedev", "RUS", ["Dmitri Medvedev", "Dmitriy Medvedev"]),
    ("Mikhail Mishustin", "RUS", []),
    ("Sergey Lavrov", "Russian Foreign Ministry", ["Sergei Lavrov", "Sergey V. Lavrov"]),
    ("Sergei Shoigu", "Russian Defence Ministry", ["Sergey Shoigu", "Sergei Shoygu"]),
    ("Andrei Belousov", "Russian Defence Ministry", ["Andrey Belousov"]),
    ("Valery Gerasimov", "Russian General Staff", ["Valeriy Gerasimov", "Valery V. Gerasimov"]),
    ("Dmitry Peskov", "RUS", ["Dmitri Peskov", "Dmitriy Peskov"]),
    ("Maria Zakharova", "Russian Foreign Ministry", []),
    ("Yevgeny Prigozhin", "Wagner Group", ["Yevgeniy Prigozhin", "Evgeny Prigozhin"]),
    # Turkey
    ("Recep Tayyip Erdogan", "TUR", ["Recep Tayyip Erdoğan", "Tayyip Erdogan", "Tayyip Erdoğan",
                              "R. Tayyip Erdogan"]),
    ("Mevlut Cavusoglu", "Turkish Foreign Ministry", ["Mevlüt Çavuşoğlu"]),
    ("Hakan Fidan", "Turkish Foreign Ministry", []),
    ("Hulusi Akar", "Turkish Defence Ministry", []),
    ("Yasar Guler", "Turkish Defence Ministry", ["Yaşar Güler"]),
    ("Ibrahim Kalin", "Turkish National Intelligence Organization", ["İbrahim Kalın"]),
    ("Ahmet Davutoglu", "TUR", ["Ahmet Davutoğlu"]),
    ("Binali Yildirim", "TUR", ["Binali Yıldırım"]),
    # Syria, Iran, Iraq, Lebanon, Gulf
    ("Bashar al-Assad", "SYR", ["Bashar Assad", "Bashar al Assad", "Bashar el-Assad",
                         "Bashar Hafez al-Assad"]),
    ("Walid Muallem", "Syrian Foreign Ministry",
     ["Walid al-Muallem", "Walid Moallem", "Walid al-Moallem"]),
    ("Faisal Mekdad", "Syrian Foreign Ministry", ["Faisal al-Mekdad", "Faisal Miqdad"]),
    ("Ahmed al-Sharaa", "SYR", ["Ahmad al-Sharaa", "Abu Mohammed al-Jolani", "Abu Mohammad al-Julani",
                         "Abu Mohammed al-Golani", "Abu Muhammad al-Jawlani"]),
    ("Ali Khamenei", "IRN", ["Ayatollah Ali Khamenei", "Ali Hosseini Khamenei", "Sayyid Ali Khamenei"]),
    ("Hassan Rouhani", "IRN", ["Hassan Rohani"]),
    ("Ebrahim Raisi", "IRN", ["Ibrahim Raisi"]),
    ("Masoud Pezeshkian", "IRN", []),
    ("Mohammad Javad Zarif", "Iranian Foreign Ministry", ["Javad Zarif", "Mohammed Javad Zarif"]),
    ("Hossein Amir-Abdollahian", "Iranian Foreign Ministry",
     ["Hossein Amirabdollahian", "Hossein Amir Abdollahian"]),
    ("Abbas Araghchi", "Iranian Foreign Ministry", ["Abbas Araqchi"]),
    ("Qassem Soleimani", "Quds Force", ["Qasem Soleimani", "Ghasem Soleimani", "Qassim Suleimani",
                          "Qasem Soleimani"]),
    ("Hassan Nasrallah", "Hezbollah", ["Sayyed Hassan Nasrallah"]),
    ("Mohammed bin Salman", "SAU", ["Mohammad bin Salman", "MBS", "Mohammed bin Salman Al Saud"]),
    ("King Salman", "SAU", ["Salman bin Abdulaziz", "Salman bin Abdulaziz Al Saud"]),
    ("Mohammed bin Zayed", "ARE", ["Mohamed bin Zayed", "Mohamed bin Zayed Al Nahyan", "MBZ"]),
    ("Tamim bin Hamad Al Thani", "QAT", ["Sheikh Tamim bin Hamad Al Thani", "Tamim bin Hamad"]),
    ("Abdel Fattah el-Sisi", "EGY",
     ["Abdel Fattah al-Sisi", "Abdel-Fattah el-Sissi", "Abdel Fattah Sisi"]),
    # Israel, Palestine
    ("Benjamin Netanyahu", "ISR", ["Bibi Netanyahu", "Binyamin Netanyahu"]),
    ("Naftali Bennett", "ISR", []),
    ("Yair Lapid", "ISR", []),
    ("Yoav Gallant", "Israeli Defence Ministry", []),
    ("Benny Gantz", "Israeli Defence Ministry", []),
    ("Israel Katz", "Israeli Defence Ministry", []),
    ("Mahmoud Abbas", "PSE", ["Abu Mazen"]),
    ("Ismail Haniyeh", "Hamas", ["Ismail Haniya"]),
    ("Yahya Sinwar", "Hamas", []),
    # China, Koreas, Japan, India, Pakistan
    ("Xi Jinping", "CHN", []),
    ("Li Keqiang", "CHN", []),
    ("Li Qiang", "CHN", []),
    ("Wang Yi", "Chinese Foreign Ministry", []),
    ("Wei Fenghe", "Chinese Defence Ministry", []),
    ("Li Shangfu", "Chinese Defence Ministry", []),
    ("Dong Jun", "Chinese Defence Ministry", []),
    ("Kim Jong Un", "PRK", ["Kim Jong-un", "Kim Jong-Un", "Kim Jongun"]),
    ("Moon Jae-in", "KOR", ["Moon Jae In"]),
    ("Yoon Suk Yeol", "KOR", ["Yoon Suk-yeol", "Yoon Seok-youl"]),
    ("Lee Jae-myung", "KOR", ["Lee Jae Myung"]),
    ("Shinzo Abe", "JPN", ["Shinzō Abe"]),
    ("Fumio Kishida", "JPN", []),
    ("Shigeru Ishiba", "JPN", []),
    ("Narendra Modi", "IND", ["Narendra Damodardas Modi"]),
    ("Subrahmanyam Jaishankar", "Indian Foreign Ministry", ["S. Jaishankar", "S Jaishankar"]),
    ("Rajnath Singh", "Indian Defence Ministry", []),
    ("Imran Khan", "PAK", []),
    ("Shehbaz Sharif", "PAK", ["Shahbaz Sharif"]),
    ("Nawaz Sharif", "PAK", ["Mian Nawaz Sharif"]),
    # Europe
    ("Boris Johnson", "GBR", ["Alexander Boris de Pfeffel Johnson"]),
    ("Theresa May", "GBR", []),
    ("Rishi Sunak", "GBR", []),
    ("Keir Starmer", "GBR", ["Sir Keir Starmer"]),
    ("Liz Truss", "GBR", ["Elizabeth Truss"]),
    ("David Cameron", "GBR", []),
    ("Ben Wallace", "UK Ministry of Defence", []),
    ("David Lammy", "Foreign Office", []),
    ("Emmanuel Macron", "FRA", []),
    ("Francois Hollande", "FRA", ["François Hollande"]),
    ("Jean-Yves Le Drian", "French Foreign Ministry", ["Jean-Yves Le Drian"]),
    ("Angela Merkel", "DEU", []),
    ("Olaf Scholz", "DEU", []),
    ("Friedrich Merz", "DEU", []),
    ("Annalena Baerbock", "German Foreign Ministry", []),
    ("Boris Pistorius", "German Defence Ministry", []),
    ("Heiko Maas", "German Foreign Ministry", []),
    ("Giorgia Meloni", "ITA", []),
    ("Viktor Orban", "HUN", ["Viktor Orbán"]),
    ("Alexander Lukashenko", "BLR",
     ["Alyaksandr Lukashenka", "Aleksandr Lukashenko", "Alexander Lukashenka"]),
    ("Volodymyr Zelensky", "UKR", ["Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Volodymyr Zelenskyi"]),
    ("Petro Poroshenko", "UKR", []),
    ("Dmytro Kuleba", "Ukrainian Foreign Ministry", []),
    ("Andrii Sybiha", "Ukrainian Foreign Ministry", ["Andriy Sybiha"]),
    ("Oleksii Reznikov", "Ukrainian Defence Ministry", ["Oleksiy Reznikov"]),
    ("Rustem Umerov", "Ukrainian Defence Ministry", []),
    ("Jens Stoltenberg", "NATO", []),
    ("Mark Rutte", "NATO", []),
    ("Ursula von der Leyen", "European Commission", []),
    ("Josep Borrell", "European External Action Service", ["Josep Borrell Fontelles"]),
    ("Kaja Kallas", "European External Action Service", []),
    ("Antonio Guterres", "United Nations", ["António Guterres"]),
    # Americas, Africa, Oceania
    ("Justin Trudeau", "CAN", []),
    ("Mark Carney", "CAN", []),
    ("Luiz Inacio Lula da Silva", "BRA", ["Luiz Inácio Lula da Silva", "Lula da Silva"]),
    ("Jair Bolsonaro", "BRA", []),
    ("Nicolas Maduro", "VEN", ["Nicolás Maduro"]),
    ("Andres Manuel Lopez Obrador", "MEX", ["Andrés Manuel López Obrador"]),
    ("Claudia Sheinbaum", "MEX", []),
    ("Cyril Ramaphosa", "ZAF", []),
    ("Abiy Ahmed", "ETH", []),
    ("Anthony Albanese", "AUS", []),
    ("Scott Morrison", "AUS", []),
    # Armed group leaders
    ("Abu Bakr al-Baghdadi", "ISIS", ["Abu Bakr al Baghdadi"]),
    ("Osama bin Laden", "al-Qaeda", ["Usama bin Laden", "Osama Bin Laden"]),
    ("Ayman al-Zawahiri", "al-Qaeda", ["Ayman al Zawahiri", "Ayman al-Zawahri"]),
    ("Abdullah Ocalan", "PKK", ["Abdullah Öcalan"]),
    ("Mazloum Abdi", "Syrian Democratic Forces", ["Mazloum Kobani", "Mazlum Abdi"]),
]


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
    for label, type_, parent, aliases, *seats in ORGANISATIONS:
        rows.append(_entry(label, type_, aliases, seats=seats[0] if seats else (),
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
