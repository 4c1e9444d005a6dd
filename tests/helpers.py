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


RELATION_VERBS = (("supports", "backed"), ("cooperates", "cooperated with"), ("negotiates", "held talks with"),
                  ("criticizes", "criticized"), ("attacks", "attacked"), ("sanctions", "sanctioned"),
                  ("opposes", "opposed"), ("supplies", "supplied"))
OUTLETS = ("Reuters", "AP", "AFP", "BBC", "Al Jazeera")


def synthetic_corpus(*, articles: int = 1000, actors: int = 400, seed: int = 12) -> dict:
    """A node-link graph the size of a 1,000-article store, made without spaCy.

    Each article states a few relations between actors picked with a heavy tail (a few hubs,
    many rare actors), each as one evidence sentence "A backed B in matter N.", dated over
    three years; one pair of hubs is written about in every tenth article, so its relation
    has far more sentences than a panel shows at once.
    """
    import random
    from collections import defaultdict

    rng = random.Random(seed)
    names = [f"Actor {i:03d}" for i in range(actors)]
    ids = [f"actor-{i:03d}" for i in range(actors)]
    weights = [1 / (i + 1) ** 0.9 for i in range(actors)]
    documents, evidence = {}, defaultdict(list)
    for n in range(articles):
        doc = f"doc{n:05d}"
        documents[doc] = {"title": f"Article {n}", "source": f"{doc}.txt", "outlet": OUTLETS[n % len(OUTLETS)],
                          "date": f"{2020 + n % 3}-{1 + n % 12:02d}", "url": None}
        pairs = [tuple(rng.choices(range(actors), weights, k=2)) for _ in range(rng.randint(2, 6))]
        if n % 10 == 0:
            pairs.append((0, 1))
        at = 0
        for a, b in pairs:
            if a == b:
                continue
            relation, verb = RELATION_VERBS[0] if (a, b) == (0, 1) else rng.choice(RELATION_VERBS)
            sentence = f"{names[a]} {verb} {names[b]} in matter {n}."
            s_end = len(names[a])
            t_start = s_end + 1 + len(verb) + 1
            evidence[(ids[a], relation, ids[b])].append({
                "doc_id": doc, "source": f"{doc}.txt", "sentence": sentence, "start": at, "end": at + len(sentence),
                "subject_span": [at, at + s_end], "object_span": [at + t_start, at + t_start + len(names[b])],
                "trigger_span": [at + s_end + 1, at + s_end + 1 + len(verb)], "trigger": verb.split()[0],
                "negated": False, "modality": "asserted", "confidence": 0.9, "rule": "svo"})
            at += len(sentence) + 1
    used = {x for (s, _, t) in evidence for x in (s, t)}
    edges = []
    for (s, relation, t), evs in sorted(evidence.items()):
        months = sorted(documents[ev["doc_id"]]["date"] for ev in evs)
        edges.append({"source": s, "target": t, "key": relation, "relation": relation, "weight": len(evs),
                      "articles": len({ev["doc_id"] for ev in evs}), "first_date": months[0],
                      "last_date": months[-1], "evidence": evs})
    nodes = [{"id": i, "label": name, "type": ("GPE", "PERSON", "ORG")[k % 3], "aliases": [name],
              "mentions": 1 + int(200 * weights[k])} for k, (i, name) in enumerate(zip(ids, names)) if i in used]
    return {"directed": True, "multigraph": True, "graph": {"documents": documents}, "nodes": nodes, "edges": edges}


def without_ingest_times(g) -> dict:
    """The node-link data of a store's graph less what only a store knows: when each article was ingested."""
    from graph.export import to_node_link

    data = to_node_link(g)
    for meta in data["graph"]["documents"].values():
        assert meta.pop("ingested")  # every stored article has its ingest time
    return data
