"""newsgraph explorer: a Dash app over a corpus store (or a node-link graph) of actors and relations.

``python app.py`` serves the seed articles on http://127.0.0.1:8050 from the cached seed
store; ``--db corpus.db`` serves (and keeps uploads and curation in) a store of your own;
``--graph graph.json`` shows an exported graph read-only; ``--processes N`` serves it from N
gunicorn processes (default 1; `ui.serving`). :func:`create_app` and :func:`serve` are reused
by the CLI and the tests.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import ui.runtime  # noqa: F401  (before numpy: see there)
import dash

from ui import callbacks
from ui.access import ENV_PASSWORD, Access, access_for, add_access_arguments, guard
from ui.corpus import DEFAULT_BUDGET
from ui.source import CorpusSource
from ui.layout import build_layout
from ui.serving import HEALTH_PATH, ServeError, add_health, jobs_folder, run
from ui.uploads import DEFAULT_MAX_UPLOAD_BYTES

ASSETS = Path(__file__).resolve().parent / "assets"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def create_app(data: Mapping[str, Any] | None = None, *, store: str | os.PathLike[str] | None = None,
               source: CorpusSource | None = None, title: str = "newsgraph", budget: int = DEFAULT_BUDGET,
               nlp: Any = None, max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
               access: Access | None = None, jobs_folder: str | os.PathLike[str] | None = None) -> dash.Dash:
    """Build the explorer for a corpus store, a node-link graph or a corpus source.

    Args:
        data: Node-link graph (DESIGN.md section 4) shown read-only.
        store: A corpus store; uploads and curation are kept in it. With neither, the seed
            articles' store is used (built in the cache on first use).
        source: A corpus source made by the caller (who keeps it, to read or curate the
            corpus the app shows); `budget`, `nlp` and `max_upload_bytes` are then its own.
        title: Name shown in the header and the browser tab.
        budget: Most actors drawn at once; bigger graphs show their most central part.
        nlp: spaCy pipeline (or a function returning it) for uploads; default: the project's.
        max_upload_bytes: Per-file size limit of uploads.
        access: Who may write and which hosts the server answers to (default: writes open
            to every visitor of a loopback address; `main` and `newsgraph serve` always
            give a secret or turn writes off). Replaces the access of a given `source`.
        jobs_folder: A folder the server processes share, where upload jobs keep their state
            so a page may poll its job through any process (`ui.serving.jobs_folder`).

    Returns:
        A Dash app, ready for :func:`serve` or a test server.

    Raises:
        graph.store.StoreError: The store cannot be opened.
    """
    if source is None:
        if data is None and store is None:
            from graph.pipeline import seed_store  # the NLP stack loads only when the seeds need parsing

            with seed_store() as seeds:
                store = seeds.path
        source = (CorpusSource(store_path=store, budget=budget, nlp=nlp, max_upload_bytes=max_upload_bytes)
                  if store is not None else CorpusSource(data=data, budget=budget, max_upload_bytes=max_upload_bytes))
    if access is not None:
        source.access = access
    if jobs_folder is not None:
        source.jobs.share(jobs_folder)
    source.current()  # layout, sizes and options are computed now, not on the first request
    app = dash.Dash(__name__, title=title, assets_folder=str(ASSETS), update_title=None,
                    on_error=callbacks.report_error)
    # A request holds at most a batch of uploads (base64 is 4/3 of the bytes); bigger ones are refused
    app.server.config["MAX_CONTENT_LENGTH"] = max_request_bytes(source.max_upload_bytes)
    limit = upload_batch_chars(source.max_upload_bytes)
    app.layout = lambda: page(source.current(), title=title, upload_limit=limit, writable=source.may_write(),
                              why=source.refusal())
    callbacks.register(app, source)
    guard(app.server, source.access, app.csp_hashes())
    add_health(app.server, lambda: source.current().version, source.may_write)
    # Dash finishes setting itself up (which scripts it may serve) at the first request a process
    # gets; while one thread does, another is answered "not a registered library" (a 500 for the
    # page's scripts). So one request is made now, before any process is forked or visitor comes.
    app.server.test_client().get(HEALTH_PATH)
    return app


def page(corpus, **options):
    """The page for a corpus snapshot and these options (who may write, why not, the limits),
    built once and then served as it is: every visitor opens the same page of a version."""
    return corpus.remember(("page", tuple(sorted(options.items()))), lambda: build_layout(corpus, **options))


UPLOAD_BATCH = 12  # files of the largest size one request may carry


def upload_batch_chars(max_upload_bytes: int) -> int:
    """The file data one upload may send: a batch of files at the size limit, base64-encoded.

    The page checks a batch against it before sending, and says why when it is too big.
    """
    return max_upload_bytes * 4 // 3 * UPLOAD_BATCH


def max_request_bytes(max_upload_bytes: int) -> int:
    """The largest request the server reads: an upload batch and a margin for the rest of it."""
    return upload_batch_chars(max_upload_bytes) + 1_000_000


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


def access_from_args(args: argparse.Namespace) -> Access:
    """The access the command-line options ask for; says on standard error how to write (or why not)."""
    access, line = access_for(args.host, password=args.password or os.environ.get(ENV_PASSWORD) or None,
                              read_only=args.read_only, open_writes=args.no_secret,
                              allowed_hosts=tuple(args.allowed_host))
    print(f"newsgraph: {line.replace('{port}', str(args.port))}", file=sys.stderr, flush=True)
    return access


def serve(app: dash.Dash, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, debug: bool = False,
          processes: int = 1) -> None:
    """Serve ``app`` until interrupted: the production server with `processes` processes
    (`ui.serving.run`), or with `debug` Dash's development server (one process, never on a shared host).

    Raises:
        ui.serving.ServeError: The port is taken, or `processes` is below 1.
    """
    if debug:
        app.run(host=host, port=port, debug=True)
        return
    run(app.server, host, port, processes=processes)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and serve the explorer."""
    from graph.store import StoreError

    parser = argparse.ArgumentParser(description="Serve the newsgraph explorer.")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--db", help="corpus store to explore, upload to and curate: a file or postgresql://… "
                                     "(default: the seeds)")
    source.add_argument("--graph", type=Path, help="node-link JSON export to show read-only")
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--title", default="newsgraph")
    parser.add_argument("--budget", type=int, default=DEFAULT_BUDGET, help="most actors drawn at once")
    parser.add_argument("--processes", type=int, default=1, help="server processes (default 1; gunicorn)")
    add_access_arguments(parser)
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error(f"--processes must be at least 1, not {args.processes}")
    data = load_graph(args.graph) if args.graph else None
    with jobs_folder() as folder:
        try:
            app = create_app(data, store=args.db, title=args.title, budget=max(1, args.budget),
                             access=access_from_args(args), jobs_folder=folder)
        except StoreError as err:
            raise SystemExit(str(err)) from None
        try:
            serve(app, args.host, args.port, processes=args.processes)
        except ServeError as err:
            raise SystemExit(f"newsgraph: {err}") from None
    return 0


if __name__ == "__main__":
    sys.exit(main())
