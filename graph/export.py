"""Write the graph as node-link JSON (DESIGN.md section 4), GraphML, GEXF or an edge CSV."""
from __future__ import annotations

import csv
import io
import json
import re

import networkx as nx

from graph.lazy import StoredArticles, StoredEvidence, read_together
from graph.ontology import colour

FORMATS = ("json", "graphml", "gexf", "csv")
# Characters XML 1.0 cannot carry (C0 controls other than tab, newline and carriage return).
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def to_node_link(g: nx.MultiDiGraph) -> dict:
    """Return the node-link dict other programs read (edges under the key "edges"); every
    evidence sentence is in it, those kept in the store read now."""
    data = nx.node_link_data(g, edges="edges")
    read = _evidence(g)
    for item in data["nodes"]:
        if "articles" in item:
            item["articles"] = _plain(item["articles"])
    for item in data["edges"]:
        if "evidence" in item:
            item["evidence"] = list(read[item["source"], item["target"], item["key"]])
    return data


def _plain(value):
    """A value kept in the store (`graph.lazy`) read into a list; any other as it is."""
    return list(value) if isinstance(value, (StoredEvidence, StoredArticles)) else value


def _evidence(g: nx.MultiDiGraph) -> dict[tuple, list]:
    """Every edge's evidence by ``(source, target, key)``; the sentences kept in the store read
    many edges at a time."""
    return dict(read_together(((s, t, k), d.get("evidence") or []) for s, t, k, d in g.edges(keys=True, data=True)))


def from_node_link(data: dict) -> nx.MultiDiGraph:
    """Rebuild the graph from its node-link dict."""
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def render(g: nx.MultiDiGraph, fmt: str) -> str:
    """Serialise the graph in one of FORMATS and return the text."""
    if fmt == "json":
        return json.dumps(to_node_link(g), ensure_ascii=False, indent=1)
    if fmt == "csv":
        return _edge_csv(g)
    flat = _flat(g)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(flat))
    if fmt == "gexf":
        for _, d in flat.nodes(data=True):  # GEXF has its own place for where a node is drawn
            if isinstance(d.get("x"), (int, float)) and isinstance(d.get("y"), (int, float)):
                d["viz"] = {"position": {"x": float(d["x"]), "y": float(d["y"]), "z": 0.0}}
        return "\n".join(nx.generate_gexf(flat))
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes, as GraphML and GEXF require (lists become JSON).

    Articles are named by their titles, not their content hashes, for a reader of the file.
    """
    documents = g.graph.get("documents") or {}

    def titles(doc_ids) -> str:
        named = (str((documents.get(d) or {}).get("title") or d) for d in dict.fromkeys(doc_ids))
        return _scalar(" | ".join(named))
    flat = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        d = {k: _plain(v) for k, v in d.items()}
        attrs = {k: _scalar(v) for k, v in d.items() if v is not None}
        if isinstance(d.get("articles"), (list, tuple)):
            attrs["articles"] = titles(d["articles"])
        flat.add_node(n, **attrs)
    read = _evidence(g)
    for s, t, k, d in g.edges(keys=True, data=True):
        evidence = read[s, t, k]
        attrs = {k2: _scalar(v) for k2, v in d.items() if v is not None and k2 != "evidence"}
        attrs["colour"] = colour(d["relation"])
        attrs["evidence"] = _scalar(" | ".join(ev["sentence"] for ev in evidence))
        attrs["titles"] = titles(ev.get("doc_id") for ev in evidence)
        flat.add_edge(s, t, key=k, **attrs)
    return flat


def _scalar(value):
    """A value XML can hold: lists and dicts as JSON, strings without control characters."""
    if isinstance(value, (list, dict, tuple)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return _XML_UNSAFE.sub("", value)
    return value


def _cell(value):
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def _edge_csv(g: nx.MultiDiGraph) -> str:
    """One row per evidence sentence, so a spreadsheet shows every fact with its source."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["source", "target", "relation", "polarity", "weight", "articles", "doc_id",
                "article", "sentence", "trigger", "negated", "modality", "confidence", "rule"])
    read = _evidence(g)
    for s, t, k, d in g.edges(keys=True, data=True):
        head = [s, t, d["relation"], d["polarity"], d["weight"], d["articles"]]
        for ev in read[s, t, k] or [{}]:
            row = head + [ev.get("doc_id", ""), ev.get("source", ""), ev.get("sentence", ""), ev.get("trigger", ""),
                          ev.get("negated", ""), ev.get("modality", ""), ev.get("confidence", ""), ev.get("rule", "")]
            w.writerow([_cell(v) for v in row])
    return buf.getvalue()
