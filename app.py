"""newsgraph explorer: a Dash app over a node-link graph of actors and evidenced relations.

``python app.py`` serves the seed articles on http://127.0.0.1:8050; ``--graph graph.json``
serves an exported graph instead. :func:`create_app` and :func:`serve` are reused by the CLI.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import dash

from ui import callbacks
from ui.elements import node_positions
from ui.layout import build_layout

ASSETS = Path(__file__).resolve().parent / "assets"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def create_app(data: Mapping[str, Any] | None = None, *, title: str = "newsgraph") -> dash.Dash:
    """Build the explorer for one graph.

    Args:
        data: Node-link graph (DESIGN.md section 4); the seed articles are built when omitted.
        title: Name shown in the header and the browser tab.

    Returns:
        A Dash app, ready for :func:`serve` or a test server.
    """
    if data is None:
        from graph.pipeline import build_seed_graph  # the NLP stack loads only when needed

        data = build_seed_graph()
    positions = node_positions(data)
    app = dash.Dash(__name__, title=title, assets_folder=str(ASSETS), update_title=None)
    app.layout = build_layout(data, positions=positions, title=title)
    callbacks.register(app, data, positions)
    return app


def load_graph(path: str | Path) -> dict[str, Any]:
    """Read a node-link JSON export, failing with a message that names the file and the reason.

    Raises:
        SystemExit: When the file is missing, is not JSON or is not a node-link graph.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SystemExit(f"{path}: cannot read graph ({err.strerror or err})") from None
    except json.JSONDecodeError as err:
        raise SystemExit(f"{path}: not valid JSON ({err.msg} at line {err.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) \
            or not isinstance(data.get("edges"), list):
        raise SystemExit(f"{path}: not a node-link graph (expected 'nodes' and 'edges' lists)")
    return data


def serve(app: dash.Dash, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, debug: bool = False) -> None:
    """Serve ``app`` until interrupted (debug off: no stack trace reaches the page)."""
    app.run(host=host, port=port, debug=debug)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and serve the explorer."""
    parser = argparse.ArgumentParser(description="Serve the newsgraph explorer.")
    parser.add_argument("--graph", type=Path, help="node-link JSON export to show (default: the seeds)")
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--title", default="newsgraph")
    args = parser.parse_args(argv)
    data = load_graph(args.graph) if args.graph else None
    serve(create_app(data, title=args.title), args.host, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
