"""The whole flow in one call: files -> documents -> parsed docs -> extractions -> graph."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import networkx as nx

from graph.build import build_graph
from graph.export import to_node_link
from graph.extract import extract
from graph.ingest import IngestError, read_documents
from graph.models import Document, Extraction
from graph.nlp import load_pipeline

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def extract_documents(documents, *, nlp, batch_size: int = 16) -> list[Extraction]:
    """Parse documents with `nlp.pipe` and extract each one."""
    docs = list(documents)
    return [extract(parsed, d) for parsed, d in zip(nlp.pipe((d.text for d in docs), batch_size=batch_size), docs)]


def build_from_paths(paths, *, model: str | None = None, nlp=None,
                     progress: bool = False) -> tuple[nx.MultiDiGraph, tuple[IngestError, ...]]:
    """Read, parse and extract every article under `paths`; return the graph and bad files."""
    result = read_documents([str(p) for p in paths], progress=progress)
    nlp = nlp or load_pipeline(model)
    return build_graph(extract_documents(result.documents, nlp=nlp)), result.errors


@lru_cache(maxsize=1)
def _seed_graph_json() -> str:
    import json

    g, _ = build_from_paths([SEEDS_DIR])
    return json.dumps(to_node_link(g))


def build_seed_graph() -> dict:
    """The node-link dict of the bundled seed articles (built once per process)."""
    import json

    return json.loads(_seed_graph_json())


__all__ = ["build_from_paths", "build_seed_graph", "extract_documents", "Document", "SEEDS_DIR"]
