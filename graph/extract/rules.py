"""The table of constructions: each pattern, the rules its relations record, and the sentence walk.

To add a construction, write a function `f(ctx, tok, sent)` in the module of its family that
returns at once unless `tok` is its trigger and otherwise yields Relations made with
`evidence.relation(..., rule=NAME)`; add one `Pattern` line below, and a sentence for it to a table
in tests/test_extract_*.py. A new rule name also wants a line in `evidence.CONFIDENCE`
(else it is trusted at 0.6).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from graph.extract import modifiers, nouns, speech, titles, verbs
from graph.extract.context import Context
from graph.models import Relation


@dataclass(frozen=True)
class Pattern:
    """One construction: the rule names its relations record and the function that reads them."""

    records: tuple[str, ...]
    read: Callable[[Context, Token, Span], Iterable[Relation]]


# Every token of a sentence is offered to every pattern, in this order (the order in which
# relations of equal confidence are kept).
PATTERNS: tuple[Pattern, ...] = (
    Pattern(("svo", "passive", "control", "ellipsis"), verbs.verb_relations),
    Pattern(("nominal", "between"), nouns.noun_relations),
    Pattern(("adjective",), modifiers.adjective_relations),
    Pattern(("backed",), modifiers.backed_relations),
    Pattern(("title", "appos"), titles.person_title_relations),
    Pattern(("appos",), titles.noun_title_relations),
    Pattern(("located",), modifiers.located_relations),
    Pattern(("appos", "copula"), titles.membership_relations),
    Pattern(("demand",), speech.demand_relations),
)


def sentence_relations(ctx: Context, sent: Span) -> Iterable[Relation]:
    """Every relation the patterns read in one sentence, token by token, before any is merged."""
    for tok in sent:
        for pattern in PATTERNS:
            yield from pattern.read(ctx, tok, sent)
