"""`newsgraph bench`: how fast the corpus pipeline is on this machine, printed as a table.

What is measured, in one run:

- NLP throughput on real text (the seed articles, repeated): bare `nlp.pipe` against the full
  ingest (parse + extract + store), in one process and with N worker processes.
- For each corpus size: ingest time, re-ingest time of the unchanged corpus, graph build time
  from the store and peak memory of a fresh process that loads it, and (through
  `cli.perf.bench_app`) app start-up, server time of filter changes and node clicks, and the
  app's peak memory. Corpora are generated: real seed sentences recombined with other actor names.
  Each size extends the previous store, so only the new articles are parsed.
"""
from __future__ import annotations

import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_SIZES = (1000, 10000)
QUICK_SIZES = (12, 36)
THROUGHPUT_WORDS = 100_000  # enough text for the multi-process rows to run ~10 s: start-up costs stay small
QUICK_WORDS = 2_500
SEED = 5


@dataclass(frozen=True)
class Row:
    """One line of the table: the figure, its value, the target it is held to, what it measures."""

    section: str
    measure: str
    value: str
    target: str = ""
    note: str = ""


def run(*, sizes: Iterable[int] = DEFAULT_SIZES, workers: int = 2, batch_size: int = 64,
        throughput_words: int = THROUGHPUT_WORDS, model: str | None = None, app: bool = True,
        workdir: str | os.PathLike[str] | None = None, server: str | None = None, cluster: str | None = None,
        scale: int | None = None, emit: Callable[[Row], None] | None = None) -> list[Row]:
    """Run the benchmark and return its rows (also passed to `emit` as each one is measured).

    Args:
        sizes: Corpus sizes, in articles.
        workers: Parsing processes for the multi-process rows and the corpus ingests.
        batch_size: Documents per transaction.
        throughput_words: Words of seed text for each throughput row.
        model: spaCy model package (default: as `load_pipeline`).
        app: Measure the explorer with `bench_app` for each corpus.
        workdir: Where corpora and stores go (a temporary folder, removed after, by default).
        server: A PostgreSQL URL: adds the write-rate and read rows of `cli.bench_shared`
            (scratch databases are made beside it and dropped).
        cluster: A `--cluster` spec: with `server`, adds the cluster ingest row.
        scale: Also measure the explorer over a store of this many articles recombined from the
            largest parsed one (`cli.bench_scale`).
        emit: Called with each row as soon as it is measured.
    """
    rows: list[Row] = []

    def add(*args, **kwargs) -> None:
        rows.append(Row(*args, **kwargs))
        if emit:
            emit(rows[-1])

    tmp = None if workdir else tempfile.TemporaryDirectory(prefix="newsgraph-bench-")
    root = Path(workdir or tmp.name)
    root.mkdir(parents=True, exist_ok=True)
    for stale in [*root.glob("throughput-*.db*"), *root.glob("corpus-*.db*")]:  # a kept folder, run again
        stale.unlink()
    try:
        add("machine", "cores / load average", f"{os.cpu_count()} / {_load()}",
            note=f"Python {platform.python_version()}, {platform.machine()}; other work on the machine slows every row")
        nlp = _timed_load(model, add)
        _throughput(nlp, root, workers=workers, batch_size=batch_size, words=throughput_words, add=add,
                    server=server, cluster=cluster)
        largest = _corpora(nlp, root, sizes=sorted(sizes), workers=workers, batch_size=batch_size, app=app, add=add,
                           server=server)
        if scale and largest:
            _scaled(largest, root / f"scale-{scale}.db", scale, app=app, add=add)
        add("machine", "load average at the end", _load())
    finally:
        if tmp:
            tmp.cleanup()
    return rows


def bench_app(store_path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """Measure the explorer over a store in this process (run it in a fresh one).

    The rows of `cli.perf.bench_app` (start-up, server time of filter changes and node
    clicks), then the peak memory of the whole process. Empty when the UI cannot be imported.
    """
    try:
        from cli.perf import bench_app as measure
    except ImportError:
        return []
    rows = [(name.replace("  of which", "  start-up: of which"), f"{value:g} {unit}")
            for name, value, unit in measure(store_path)]
    return [*rows, ("peak memory, store -> app and the clicks above", f"{_peak_mb():.0f} MB")]


# ---- model and throughput ---------------------------------------------------------------
def _timed_load(model: str | None, add):
    from graph.nlp import load_pipeline

    t0 = time.perf_counter()
    nlp = load_pipeline(model)
    add("nlp", "model load", f"{time.perf_counter() - t0:.1f} s", note=f"{nlp.meta['lang']}_{nlp.meta['name']} "
        f"{nlp.meta['version']}: {', '.join(nlp.pipe_names)}")
    return nlp


def _throughput(nlp, root: Path, *, workers: int, batch_size: int, words: int, add, server=None, cluster=None) -> None:
    from graph.parse import PIPE_BATCH
    from graph.pipeline import SEEDS_DIR, read_articles
    from graph.store import Store

    seeds = read_articles([SEEDS_DIR]).documents
    docs, total = [], 0
    while total < words:  # the seeds over and over, each copy a document of its own
        for d in seeds:
            docs.append(replace(d, id=f"{d.id}-{len(docs)}", source=f"{len(docs)}/{d.source}"))
            total += len(d.text.split())
    texts = [d.text for d in docs]
    list(nlp.pipe(texts[:len(seeds)]))  # warm up
    section = "throughput"
    note = f"{len(docs)} copies of the 5 seed articles, {total:,} words"

    def bare(n_process: int) -> _Clock:
        with _Clock() as clock:
            for _ in nlp.pipe(texts, batch_size=PIPE_BATCH, n_process=n_process):
                pass
        return clock

    def full(n: int) -> _Clock:
        with Store(root / f"throughput-{n}.db") as store, _Clock() as clock:
            report = store.ingest(docs, nlp=nlp, batch_size=batch_size, workers=n)
        assert report.added == len(docs) and report.parsed_words == total, report
        return clock

    b1 = bare(1)
    add(section, "bare nlp.pipe, 1 process", f"{total / b1.wall:,.0f} words/s", note=f"{note}; {b1}")
    f1 = full(1)
    add(section, "full ingest, 1 process", f"{total / f1.wall:,.0f} words/s", f">= {0.9 * total / b1.wall:,.0f} "
        f"(90% of bare)", f"{b1.wall / f1.wall:.0%} of bare ({b1.busy / f1.busy:.0%} by CPU time): parse + extract "
        f"+ write to a fresh store; {f1}")
    bn = bare(workers)
    add(section, f"bare nlp.pipe, n_process={workers}", f"{total / bn.wall:,.0f} words/s",
        note=f"{b1.wall / bn.wall:.2f}x bare 1 process: spaCy's multiprocessing, Docs sent back to the parent; {bn}")
    fn = full(workers)
    add(section, f"full ingest, --workers {workers}", f"{total / fn.wall:,.0f} words/s",
        f">= {1.6 * total / f1.wall:,.0f} (1.6x single)",
        f"{f1.wall / fn.wall:.2f}x full single: forked processes parse + extract, the parent writes; {fn}; "
        f"the processes used {fn.busy / fn.wall:.2f} cores, and {fn.busy / f1.busy:.2f}x the CPU of one process, "
        f"so {workers} idle cores would give about {workers * f1.busy / fn.busy:.2f}x")
    if server and cluster:
        from cli.bench_shared import cluster_throughput

        cluster_throughput(docs, words=total, server=server, cluster=cluster, batch_size=batch_size,
                           local_wall=fn.wall, workers=workers, add=add, clock=_Clock)


class _Clock:
    """Wall time and CPU time of this process and of the child processes it reaped meanwhile."""

    def __enter__(self) -> _Clock:
        self._start = (time.perf_counter(), *self._cpu())
        return self

    def __exit__(self, *exc) -> None:
        now = (time.perf_counter(), *self._cpu())
        self.wall, self.cpu, self.children = (b - a for a, b in zip(self._start, now))
        self.busy = self.cpu + self.children

    @staticmethod
    def _cpu() -> tuple[float, float]:
        t = os.times()
        return t.user + t.system, t.children_user + t.children_system

    def __str__(self) -> str:
        """E.g. "wall 10.1 s, CPU 9.8 s + workers 0.0 s": CPU well below wall x processes means a busy machine."""
        return f"wall {self.wall:.1f} s, CPU {self.cpu:.1f} s + workers {self.children:.1f} s"


# ---- corpora ------------------------------------------------------------------------------
def _corpora(nlp, root: Path, *, sizes: list[int], workers: int, batch_size: int, app: bool, add,
             server: str | None = None) -> Path | None:
    """Ingest each corpus size and measure it; return the largest store (None without sizes)."""
    from graph.pipeline import ingest_paths
    from graph.store import Store

    if not sizes:
        return
    t0 = time.perf_counter()
    articles = generate_articles(max(sizes), nlp=nlp)
    parts, done, previous = [], 0, None
    add("corpus", "generate articles", f"{len(articles):,} in {time.perf_counter() - t0:.1f} s",
        note="real sentences of seeds/*.txt recombined, GPE/PERSON names swapped for other actors "
             "of the alias table; each size extends the one before")
    for size in sizes:
        section = f"{size:,} articles"
        part = root / f"articles-{done:06d}-{size:06d}"
        _write_articles(part, articles[done:size])
        parts.append(part)
        new_words = sum(len(a.split()) for a in articles[done:size])
        db = root / f"corpus-{size}.db"
        if previous:
            shutil.copyfile(previous, db)
        with Store(db) as store:
            t0 = time.perf_counter()
            report = ingest_paths(store, parts, nlp=nlp, batch_size=batch_size, workers=workers)
            elapsed = time.perf_counter() - t0
            kept = f", {report.unchanged:,} already stored skipped" if report.unchanged else ""
            add(section, f"ingest, --workers {workers}", f"{elapsed:.1f} s",
                note=f"{report.added:,} new articles ({new_words:,} words, "
                     f"{report.parsed_words / elapsed:,.0f} words/s){kept}; read + parse + extract + store")
            t0 = time.perf_counter()
            again = ingest_paths(store, parts, nlp=_never_parse)
            elapsed = time.perf_counter() - t0
            assert again.unchanged == size and not again.added, again
            add(section, "re-ingest unchanged", f"{elapsed:.2f} s", "< 2 s" if size == 1000 else "",
                f"{size:,} files read and hashed, nothing parsed (in process)")
        elapsed = _cli_reingest(db, parts)
        add(section, "re-ingest, whole command", f"{elapsed:.2f} s",
            note="`newsgraph ingest` as a new process: Python start-up and imports included")
        probe = _in_fresh_process("_probe", db)
        add(section, "graph build from the store", f"{probe['graph_s']:.2f} s",
            note=f"{probe['nodes']:,} nodes, {probe['edges']:,} edges, {probe['evidence']:,} evidence; "
                 f"Store.graph() in a fresh process (then {probe['node_link_s']:.2f} s to a node-link dict)")
        add(section, "peak memory, store -> graph", f"{probe['peak_mb']:.0f} MB",
            note=f"fresh process: imports, store read, graph, node-link dict; store file "
                 f"{db.stat().st_size / 1e6:.0f} MB")
        if app:
            for measure, value in _in_fresh_process("bench_app", db):
                add(section, measure, value, _app_target(measure, size), _app_note(measure))
        previous, done = db, size
    if server:
        from cli.bench_shared import store_rows

        store_rows(previous, server=server, section=section, batch_size=batch_size, add=add,
                   probe=lambda target: _in_fresh_process("_probe", target))
    return previous


def _scaled(source: Path, db: Path, n: int, *, app: bool, add) -> None:
    """The explorer over `n` articles recombined from the store `source` (not parsed)."""
    from cli.bench_scale import scale_store
    from ui.source import CorpusSource

    section = f"{n:,} articles"
    t0 = time.perf_counter()
    stored = scale_store(source, db, n)
    add(section, "recombined store, written", f"{time.perf_counter() - t0:.0f} s",
        note=f"{stored:,} articles recombined from the extractions of {source.name} (not parsed: actors recast, "
             f"dates spread over five years); store file {db.stat().st_size / 1e6:,.0f} MB")
    t0 = time.perf_counter()
    CorpusSource(store_path=db).current()  # the explorer's first read of a writable store keeps them
    add(section, "explorer's edge table and layout kept", f"{time.perf_counter() - t0:.0f} s",
        note="as `newsgraph ingest` does after a write: the explorer's first read of the store, once; "
             "every start-up after it reads them rather than every row")
    for measure, value in _in_fresh_process("bench_app", db) if app else ():
        add(section, measure, value, _app_target(measure, n), _app_note(measure))


def _app_target(measure: str, size: int) -> str:
    """The targets of issue 14: start-up in 3 s at 10,000 articles and 5 s at 100,000; clicks and
    filter changes under 100 ms; one server process under 600 MB at 100,000."""
    if size < 10000:
        return ""
    if measure.startswith("app start-up"):
        return "< 3 s" if size < 100000 else "< 5 s"
    if "p95" in measure:
        return "< 100 ms"
    return "< 600 MB" if measure.startswith("peak memory") and size >= 100000 else ""


def _app_note(measure: str) -> str:
    notes = {"app start-up": "fresh process (cli.perf.bench_app): the app as `serve --db` builds it, first page",
             "filter change": "canvas, panel and URL callbacks called directly, no browser; each choice new "
                              "(relation types, actor types, dates, min articles)",
             "node click": "selection, canvas, panel and URL callbacks called directly; central actors first",
             "peak memory": "the whole process: imports, store read, graph, explorer precompute, the calls above"}
    return next((note for start, note in notes.items() if measure.startswith(start)), "")


def _never_parse():
    raise AssertionError("re-ingest of an unchanged corpus must not parse anything")


def _cli_reingest(db: Path, parts: list[Path]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cli", "ingest", *map(str, parts), "--db", str(db)],
                   check=True, capture_output=True, env=_child_env())
    return time.perf_counter() - t0


def _in_fresh_process(function: str, db: Path) -> dict:
    code = f"import json, sys; from cli.bench import {function}; print(json.dumps({function}(sys.argv[1])))"
    done = subprocess.run([sys.executable, "-c", code, str(db)], check=True, capture_output=True, text=True,
                          env=_child_env())
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child_env() -> dict:
    package_root = str(Path(__file__).resolve().parent.parent)
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_root, os.environ.get("PYTHONPATH"))))}


def _probe(store_path: str) -> dict:
    """Open a store, build its graph and the node-link dict; timings and peak memory."""
    from graph.export import to_node_link
    from graph.store import Store

    t0 = time.perf_counter()
    with Store(store_path, create=False) as store:
        g = store.graph()
    t1 = time.perf_counter()
    data = to_node_link(g)
    t2 = time.perf_counter()
    return {"graph_s": t1 - t0, "node_link_s": t2 - t1, "nodes": len(data["nodes"]), "edges": len(data["edges"]),
            "evidence": sum(len(e["evidence"]) for e in data["edges"]), "peak_mb": _peak_mb()}


def _peak_mb() -> float:
    """Peak resident memory of this process in MB.

    Linux's VmHWM first: ru_maxrss of a process started by subprocess also counts the parent's
    memory from before the exec.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1e6 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# ---- generated articles -------------------------------------------------------------------
def generate_articles(n: int, *, nlp, seed: int = SEED) -> list[str]:
    """Make `n` distinct articles from the seed sentences, with other states and people in them.

    Article i is the same for any `n`, so a smaller corpus is a prefix of a larger one.
    """
    from graph.actors import load_actor_table
    from graph.pipeline import SEEDS_DIR, read_articles

    table = load_actor_table()
    names = {t: sorted(e.label for e in table.entities() if e.type == t) for t in ("GPE", "PERSON")}
    templates = [_template(sent, table) for doc in nlp.pipe(d.text for d in read_articles([SEEDS_DIR]).documents)
                 for sent in doc.sents if sum(t.is_alpha for t in sent) >= 6]
    seen, out = set(), []
    for i in range(n):
        rng = random.Random(f"{seed}-{i}")
        while True:
            text = _article(rng, templates, names)
            if text not in seen:
                break
        seen.add(text)
        out.append(text)
    return out


def _template(sent, table) -> list:
    """A sentence as text pieces and (type, name) slots for the states and people it names."""
    pieces, at = [], sent.start_char
    for ent in sent.ents:
        known = table.lookup(ent.text) if ent.label_ in ("GPE", "PERSON") else None
        if known and known.type in ("GPE", "PERSON"):
            pieces += [sent.doc.text[at:ent.start_char], (known.type, known.id)]
            at = ent.end_char
    pieces.append(sent.doc.text[at:sent.end_char])
    return [re.sub(r"\s+", " ", p) if isinstance(p, str) else p for p in pieces]


def _article(rng: random.Random, templates: list, names: dict[str, list[str]]) -> str:
    cast: dict[tuple[str, str], str] = {}  # each original actor plays one new one per article

    def fill(template) -> str:
        out = []
        for piece in template:
            if isinstance(piece, tuple):
                piece = cast.setdefault(piece, rng.choice(names[piece[0]]))
            out.append(piece)
        return "".join(out).strip()

    sentences = [fill(rng.choice(templates)) for _ in range(rng.randint(6, 18))]
    title = fill(rng.choice([t for t in templates if len("".join(map(str, t))) < 110] or templates)).rstrip(".")
    paragraphs, i = [], 0
    while i < len(sentences):
        k = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[i:i + k]))
        i += k
    return "\n\n".join([title, *paragraphs])


def _write_articles(folder: Path, articles: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(articles):
        (folder / f"article-{i:06d}.txt").write_text(text + "\n", encoding="utf-8")


# ---- the table ----------------------------------------------------------------------------
def format_row(row: Row, *, widths=(16, 50, 18, 24)) -> str:
    """One table line: section, measure, value, target, then what it measures."""
    cells = (row.section, row.measure, row.value, row.target)
    line = "  ".join(c.ljust(w) for c, w in zip(cells, widths))
    return f"{line}  {row.note}".rstrip()


def header() -> str:
    """The table's heading line and rule."""
    line = format_row(Row("section", "measure", "value", "target", "what it measures"))
    return f"{line}\n{'-' * len(line)}"
