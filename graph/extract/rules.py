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

from graph.extract.against import against_relations
from graph.extract.context import Context
from graph.extract.headlines import headline_relations
from graph.extract.modifiers import adjective_relations, backed_relations, located_relations, stance_relations
from graph.extract.naming import naming_relations
from graph.extract.nouns import noun_relations
from graph.extract.speech import demand_relations
from graph.extract.titles import inclusion_relations, membership_relations, noun_title_relations, person_title_relations
from graph.extract.verbs import alongside_relations, verb_relations
from graph.models import Relation


@dataclass(frozen=True)
class Pattern:
    """One construction: the rule names its relations record and the function that reads them."""

    records: tuple[str, ...]
    read: Callable[[Context, Token, Span], Iterable[Relation]]


# Every token of a sentence is offered to every pattern, in this order (the order in which
# relations of equal confidence are kept).
PATTERNS: tuple[Pattern, ...] = (
    Pattern(("svo", "passive", "control", "ellipsis"), verb_relations),
    Pattern(("alongside",), alongside_relations),
    Pattern(("nominal", "between"), noun_relations),
    Pattern(("adjective",), adjective_relations),
    Pattern(("copula",), stance_relations),
    Pattern(("backed",), backed_relations),
    Pattern(("title", "appos"), person_title_relations),
    Pattern(("appos",), noun_title_relations),
    Pattern(("located",), located_relations),
    Pattern(("appos", "copula"), membership_relations),
    Pattern(("includes",), inclusion_relations),
    Pattern(("demand",), demand_relations),
    Pattern(("naming",), naming_relations),
    Pattern(("pitted", "court"), against_relations),
    Pattern(("headline",), headline_relations),
)


def sentence_relations(ctx: Context, sent: Span) -> Iterable[Relation]:
    """Every relation the patterns read in one sentence, token by token, before any is merged."""
    for tok in sent:
        for pattern in PATTERNS:
            yield from pattern.read(ctx, tok, sent)
