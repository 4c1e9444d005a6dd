"""The state of reading one document: the actor at each token, and what the reading adds to it."""
from __future__ import annotations

from graph.actors import ActorTable
from graph.models import Document, Entity, Mention
from graph.extract.mentions import Ref, dateline_tokens, find_refs, headline_end, hyphen_pairs, split_pairs


class Resolved(dict):
    """The refs resolved while reading, kept once each in the order they were found (a set
    would hand them back in an order that changes from one process to the next)."""

    def add(self, ref: Ref) -> None:
        self.setdefault(ref, None)

    def update(self, refs) -> None:  # noqa: D102  (a set's update: refs, not pairs)
        for ref in refs:
            self.add(ref)


class Context:
    """One parsed document and the actors found in it while its relations are read.

    Attributes:
        doc: the spaCy Doc of `document.text`.
        document: the article the Doc was parsed from.
        table: the actor alias table.
        refs: token index -> the actor named at that token.
        partners: the first actor of a hyphenated pair, at the tokens of the second ("U.S.-South Korea",
            "Israel-Hamas war").
        datelines: tokens of the datelines that open wire copy ("ISTANBUL (Reuters) -").
        headline_end: where the headline that opens the text ends (-1 when it opens with prose).
        anaphora: pronouns and descriptions resolved while reading relations, in the order found.
        related: every entity a relation names (a leader's state, say), by id.
    """

    def __init__(self, doc, document: Document, table: ActorTable):
        self.doc, self.document, self.table = doc, document, table
        self.datelines: set[int] = dateline_tokens(doc)
        self.refs: dict[int, Ref] = find_refs(doc, table, place_lines=self.datelines)
        pairs = hyphen_pairs(doc, table)
        self.refs.update({i: pair[1] for i, pair in pairs.items()})
        self.partners: dict[int, Ref] = {i: pair[0] for i, pair in pairs.items()}
        self.partners.update(split_pairs(doc, self.refs))
        self.headline_end: int = headline_end(document.text, document.title)
        self.anaphora: Resolved = Resolved()
        self.related: dict[str, Entity] = {}

    def ending_ref(self, tok, kind: str) -> Ref | None:
        """The actor of this entity type whose mention ends at this token, if any."""
        ref = self.refs.get(tok.i)
        return ref if ref and self.refs.get(tok.i + 1) != ref and ref.entity.type == kind else None

    def entities(self) -> tuple[Entity, ...]:
        """Every entity mentioned or named by a relation, by id."""
        return tuple(sorted({r.entity for r in (*self.refs.values(), *self.anaphora)}
                            | set(self.related.values()), key=lambda e: e.id))

    def mentions(self) -> tuple[Mention, ...]:
        """One mention per span (the first ref found there), in document order."""
        seen: dict[tuple[int, int], Mention] = {}
        for ref in [*self.refs.values(), *self.anaphora]:
            seen.setdefault((ref.start, ref.end), Mention(
                ref.entity.id, self.document.id, ref.start, ref.end,
                self.document.text[ref.start:ref.end], ref.how))
        return tuple(sorted(seen.values(), key=lambda m: m.start))

