"""The house's layering, read from the source with ast: floors, no circles, small rooms, no JS in Python.

Floors, top to bottom: ``cli -> app -> ui -> graph``. A module imports only from its own floor
or the floors below; ``graph/`` imports nothing of ``ui``, ``app``, ``cli`` or ``dash``.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cli", "graph", "ui", "tools")
FLOORS = {"cli": 3, "app": 2, "ui": 1, "graph": 0}
MAX_LINES = 500
# Modules allowed above MAX_LINES, each with its reason.
LONG_MODULES: set[str] = set()
# Folders exempt from MAX_LINES: tools/ holds scripts run by hand (the actor-table generator),
# not shipped and not part of the product.
LONG_FOLDERS = ("tools/",)
JAVASCRIPT = re.compile(r"\bfunction\s*\([^)]*\)\s*\{|=>\s*[{(]|\bdocument\.\w+\(|\bconst\s+\w+\s*=|\bwindow\.dash_clientside\.\w+\s*[(;]")


def _sources() -> dict[str, Path]:
    """Every module of the product and the tools, by dotted name."""
    found = {"app": ROOT / "app.py"}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


SOURCES = _sources()
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), filename=str(path)) for name, path in SOURCES.items()}


def _imports(name: str) -> set[str]:
    """The modules `name` imports (absolute names; `from pkg import mod` counts as `pkg.mod`)."""
    out: set[str] = set()
    package = name if SOURCES[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in SOURCES)
    return out


def _local(imported: str) -> str | None:
    """The project module an import names, or None for the standard library and third parties."""
    while imported and imported not in SOURCES:
        imported = imported.rpartition(".")[0]
    return imported or None


GRAPH = {name: {m for m in map(_local, _imports(name)) if m and m != name} for name in SOURCES}


def _floor(name: str) -> int | None:
    return FLOORS.get(name.split(".")[0])


def test_graph_imports_nothing_of_ui_app_cli_or_dash():
    bad = sorted((name, imported) for name in SOURCES if name.split(".")[0] == "graph"
                 for imported in _imports(name) if imported.split(".")[0] in ("ui", "app", "cli", "dash"))
    assert bad == []


def test_every_import_points_down_the_floors():
    bad = sorted((name, imported) for name, imports in GRAPH.items() for imported in imports
                 if _floor(name) is not None and _floor(imported) is not None and _floor(imported) > _floor(name))
    assert bad == []


def test_no_import_cycles():
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_module_over_500_lines():
    long = {str(path.relative_to(ROOT)): n for path in SOURCES.values()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    long = {p: n for p, n in long.items() if p not in LONG_MODULES and not p.startswith(LONG_FOLDERS)}
    assert long == {}


def test_no_javascript_inside_python_strings():
    found = sorted((name, node.lineno) for name, tree in TREES.items() for node in ast.walk(tree)
                   if isinstance(node, ast.Constant) and isinstance(node.value, str)
                   and JAVASCRIPT.search(node.value))
    assert found == []


def test_the_rules_see_the_whole_house():
    assert {"app", "cli.main", "graph.store", "graph.pipeline", "ui.callbacks", "ui.callbacks.canvas"} <= set(GRAPH)
    assert "graph.models" in GRAPH["graph.store"] and "ui.corpus" in GRAPH["ui.source"]
