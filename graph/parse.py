"""Parse documents and extract each one: in this process, or in forked processes that share the pipeline.

Below both the pipeline and the store: the pipeline reads files and hands documents here, and
the parsed batches go to the store.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from graph.read import IngestError
from graph.models import Document, Extraction

PIPE_BATCH = 16  # documents per nlp.pipe batch and per task sent to a parsing process
# Articles longer than this are parsed a paragraph chunk at a time and joined back into one Doc:
# spaCy's working memory grows with the text parsed at once (990k characters whole: 3.2 GB)
CHUNK_CHARS = 50_000
TASKS_PER_WORKER = 16  # fewer documents per task when a corpus is small, to even out the end


def load_pipeline(model: str | None = None):
    """`graph.nlp.load_pipeline`, imported on first use: reading a store never needs spaCy."""
    from graph import nlp

    return nlp.load_pipeline(model)


def iter_extractions(documents: Iterable[Document], *, nlp, batch_size: int = PIPE_BATCH,
                     workers: int = 1) -> Iterator[Extraction | IngestError]:
    """Parse and extract documents as a stream, in input order; a failure becomes an IngestError.

    Args:
        documents: The documents to parse.
        nlp: The spaCy pipeline.
        batch_size: Documents per `nlp.pipe` batch (and per task of a parsing process).
        workers: Processes that parse and extract; above 1 they are forked copies of this
            process that send back Extractions (spaCy's own `n_process` where fork is missing).
    """
    docs = list(documents)
    workers = max(1, min(workers, len(docs)))
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        yield from _pooled(docs, nlp, batch_size, workers)
        return
    options = {"n_process": workers} if workers > 1 else {}
    for parsed, document in zip(pipe_texts(nlp, [d.text for d in docs], batch_size=batch_size, **options), docs):
        yield extract_one(parsed, document)


def paragraph_chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Split `text` into pieces of at most `limit` characters, at paragraph breaks where it can
    (else line breaks, sentence ends, spaces); joined, the pieces are the text again."""
    chunks, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = limit
        for sep in ("\n\n", "\n", ". ", " "):
            i = window.rfind(sep)
            if i >= limit // 4:
                cut = i + len(sep)
                break
        chunks.append(text[start:start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks


def parse_text(nlp, text: str, *, limit: int = CHUNK_CHARS):
    """Parse one text; a long one chunk by chunk, joined into one Doc with the same text and offsets."""
    chunks = paragraph_chunks(text, limit)
    if len(chunks) == 1:
        return nlp(text)
    from spacy.tokens import Doc

    return Doc.from_docs([nlp(chunk) for chunk in chunks], ensure_whitespace=False)


def pipe_texts(nlp, texts: list[str], *, batch_size: int = PIPE_BATCH, limit: int = CHUNK_CHARS, **options):
    """`nlp.pipe` over texts, in order; texts over `limit` characters are parsed by :func:`parse_text`."""
    start = 0
    for i, text in enumerate(texts):
        if len(text) > limit:
            yield from nlp.pipe(texts[start:i], batch_size=batch_size, **options)
            yield parse_text(nlp, text, limit=limit)
            start = i + 1
    yield from nlp.pipe(texts[start:], batch_size=batch_size, **options)


def extract_one(parsed, document: Document) -> Extraction | IngestError:
    """Extract one parsed document; a failure becomes an IngestError naming it."""
    from graph.extract import extract  # here, not at the top: spaCy loads only when parsing

    try:
        return extract(parsed, document)
    except Exception as exc:  # one odd article must not stop the batch; report it instead
        return IngestError(document.source, f"extraction failed ({type(exc).__name__}: {exc})")


# The pipeline of a forked parsing process, set once by the pool initializer.
_worker_nlp = None


def _init_worker(nlp) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _extract_chunk(docs: list[Document]) -> list[Extraction | IngestError]:
    parsed = pipe_texts(_worker_nlp, [d.text for d in docs], batch_size=len(docs))
    return [extract_one(p, d) for p, d in zip(parsed, docs)]


def _pooled(docs: list[Document], nlp, batch_size: int, workers: int) -> Iterator[Extraction | IngestError]:
    """Parse and extract in forked processes: each inherits the loaded pipeline and returns
    small Extractions, so the parent only unpickles records and writes them."""
    import graph.extract  # noqa: F401  imported, and the actor table loaded, once here for every worker
    from graph.actors import load_actor_table

    load_actor_table()
    # tasks of `batch_size` documents, smaller when there are few: with at least TASKS_PER_WORKER
    # tasks each, no process sits idle for long at the end while another finishes a big one
    size = max(1, min(batch_size, -(-len(docs) // (workers * TASKS_PER_WORKER))))
    chunks = [docs[i:i + size] for i in range(0, len(docs), size)]
    with multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker, initargs=(nlp,)) as pool:
        for results in pool.imap(_extract_chunk, chunks):
            yield from results


@contextmanager
def progress_bar(total: int, show: bool, label: str = "Parsing articles") -> Iterator[Callable[..., None]]:
    """A progress bar of parsing on stderr: documents done, words per second, failures.

    Yields a function `advance(documents, words=0, failed=0)` that moves it on.
    """
    if not show:
        yield lambda n, words=0, failed=0: None
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    start, seen = time.perf_counter(), {"words": 0, "failed": 0}
    # auto_refresh off: no display thread, so forking parser processes stays safe.
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]} words/s, {task.fields[failed]} failed"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task(label, total=total, rate="0", failed=0)
        bar.refresh()

        def advance(n: int, words: int = 0, failed: int = 0) -> None:
            seen["words"] += words
            seen["failed"] += failed
            rate = seen["words"] / max(time.perf_counter() - start, 1e-6)
            bar.update(task, advance=n, rate=f"{rate:,.0f}", failed=seen["failed"], refresh=True)

        yield advance
