"""Actor mentions and typed relations read off a parsed spaCy Doc (pure: no I/O).

Mentions come from the named entities (plus demonyms and names the model left untagged),
resolved through the actor table; people are merged by full name within a document
(`mentions`). Relations come from patterns over the dependency parse, one table of them
(`rules`): verbs, nouns and adjectives from the trigger lexicon (graph/ontology.py),
"X-backed Y", titles and appositions, membership and location. Every relation keeps its
sentence, the offsets of both actors and the trigger, and whether it is negated, reported,
future or hypothetical (`mood`).

Modules, each importing only those above it: tokens, mentions, context, coref, roles, mood,
evidence; then the families of constructions (verbs, nouns, modifiers, titles, speech, headlines); then rules.
"""
from __future__ import annotations

from graph.actors import ActorTable, load_actor_table
from graph.extract.context import Context
from graph.extract.evidence import co_mentions
from graph.extract.rules import sentence_relations
from graph.models import Document, Extraction, Relation
from graph.ontology import CO_MENTIONED

__all__ = ["extract"]


def extract(doc, document: Document, *, table: ActorTable | None = None) -> Extraction:
    """Return the entities, mentions and relations of one parsed document.

    Args:
        doc: the spaCy Doc of `document.text`.
        document: the article the Doc was parsed from.
        table: the actor alias table (the shipped one by default).
    """
    ctx = Context(doc, document, table or load_actor_table())
    relations = tuple(_relations(ctx))
    return Extraction(document=document, entities=ctx.entities(), mentions=ctx.mentions(), relations=relations)


STRUCTURAL = frozenset({"member_of", "leads", "part_of", "located_in", CO_MENTIONED})


def _same_side(ctx: Context, rel: Relation) -> bool:
    """A state and its own agency, or a person and the state the table says they serve."""
    subj, obj = ctx.related[rel.subject], ctx.related[rel.object]
    return subj.part_of == obj.id or obj.part_of == subj.id or ctx.table.home_state(subj.id) == obj.id \
        or ctx.table.home_state(obj.id) == subj.id


def _kept(ctx: Context, rel: Relation) -> bool:
    """Whether a relation can stand: no actor acts on itself, a weapon or a deal does not act ("the
    S-400's radar could provide ..."), a place is no party, a state and its own agency ("Israel" and
    "the IDF") do not act on each other."""
    if rel.subject == rel.object:
        return False
    if ctx.related[rel.subject].type in ("WEAPON", "AGREEMENT") and rel.relation != CO_MENTIONED:
        return False
    if "LOC" in (ctx.related[rel.subject].type, ctx.related[rel.object].type) and rel.relation not in STRUCTURAL:
        return False  # a place is where things happen: "fired rockets toward Mount Dov" attacks no actor
    return rel.relation in STRUCTURAL or not _same_side(ctx, rel)


def _relations(ctx: Context) -> list[Relation]:
    """Each sentence's relations, one per (subject, type, object) — the most confident, first
    found on a tie — followed by its co-mentions."""
    out: list[Relation] = []
    for sent in ctx.doc.sents:
        found: dict[tuple[str, str, str], Relation] = {}
        for rel in sentence_relations(ctx, sent):
            key = (rel.subject, rel.relation, rel.object)
            if _kept(ctx, rel) and (key not in found or found[key].evidence.confidence < rel.evidence.confidence):
                found[key] = rel
        out += found.values()
        out += co_mentions(ctx, sent, found.values())
    return out
