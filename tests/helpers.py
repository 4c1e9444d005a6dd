"""Small builders shared by several test modules."""
from __future__ import annotations

from pathlib import Path

from graph.actors import load_actor_table
from graph.models import Document, Entity, Evidence, Extraction, Mention, Relation
from graph.names import slugify


def write_file(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to `path`, making its folder; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def turkey_criticizes_russia(doc_id: str, title: str, tail: str) -> Extraction:
    """A one-sentence extraction, "Turkey criticized Russia <tail>.", made by hand (no spaCy)."""
    text = f"Turkey criticized Russia {tail}."
    doc = Document(id=doc_id, title=title, text=text, source=f"{doc_id}.txt")
    ev = Evidence(doc_id=doc.id, source=doc.source, sentence=text, start=0, end=len(text), subject_span=(0, 6),
                  object_span=(18, 24), trigger_span=(7, 17), trigger="criticized", confidence=0.9, rule="svo")
    return Extraction(doc, (Entity("russia", "Russia", "GPE"), Entity("turkey", "Turkey", "GPE")),
                      (Mention("turkey", doc.id, 0, 6, "Turkey"), Mention("russia", doc.id, 18, 24, "Russia")),
                      (Relation("turkey", "criticizes", "russia", ev),))


def entity_id(name: str) -> str:
    """The node id a name gets: the actor table's, else the slug of the name."""
    entity = load_actor_table().lookup(name)
    return entity.id if entity else slugify(name)


def read_sentence(nlp, text: str) -> Extraction:
    """Extract one short text written for a test (parsed with `nlp`)."""
    from graph.extract import extract

    return extract(nlp(text), Document(id="t", title="", text=text, source="test.txt"))


def upload_and_wait(queue, *, source, timeout: float = 120):
    """Send an upload as the page does, wait for its job, and return what the page shows at the end:
    (report, version, status, status class), as the progress poll answers once the job is done."""
    from ui import callbacks

    _, _, _, job, _ = callbacks.upload(queue, source=source)
    source.jobs.wait(job["job"], timeout)
    report, version, status, status_class, stop = callbacks.upload_progress(1, job, source=source)
    assert stop is True
    return report, version, status, status_class


def status_after_error(error: Exception) -> dict:
    """What the page's status line shows when a callback fails with `error`."""
    from contextvars import copy_context

    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    from ui import callbacks, ids

    updated: dict = {}

    def run():
        context_value.set(AttributeDict(triggered_inputs=[], updated_props=updated))
        callbacks.report_error(error)
    copy_context().run(run)
    return updated[ids.STATUS]
