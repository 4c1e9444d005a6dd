"""Bad input and faults: every bad file is named with its reason, the rest loads, nothing stored is lost.

Each bad input is generated in a temporary folder (no binary fixtures are committed) and fed both
to `graph.read.read_documents` and to the command line (`newsgraph build`, `newsgraph ingest
--db`). Then faults: an ingest killed at random moments, damaged stores, a missing model.

Exit codes of `newsgraph build` and `newsgraph ingest` (README): 0 when every input was read;
1 when some file was skipped (each is named on stderr, the rest is written or stored) or when the
command could not run at all (one ``newsgraph: ...`` line says why); 2 for a usage error.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.read import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    Duplicate,
    IngestError,
    normalise_text,
    read_bytes,
    read_documents,
)
from graph.store import SCHEMA_VERSION, Store
from tests.helpers import turkey_criticizes_russia, write_file

ROOT = Path(__file__).resolve().parents[1]
CLI_TIMEOUT_S = 600  # a guard against hangs, not a speed test: real runs take seconds

GOOD = "Talks in Geneva\n\nTurkey criticized Russia over the strikes in Idlib. Iran urged Turkey to agree."


# --------------------------------------------------------------------------- fixtures


@dataclass(frozen=True)
class Bad:
    """One bad input: its name in the corpus folder and the start of the reason it must get."""

    name: str
    reason: str


PDF = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\nx\x9c\xcbH\xcd\xc9\xc9W(\xcf/\xcaI\x01\n"
       b"endstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


def bad_inputs(folder: Path) -> list[Bad]:
    """Write every kind of bad input under `folder` and say what each must be told."""
    cases = [
        Bad("empty.txt", "empty file"),
        Bad("blank.md", "empty file"),
        Bad("nul.txt", "binary file (contains NUL bytes)"),
        Bad("image.txt", "binary file (contains NUL bytes): a PNG image, not text"),
        Bad("paper.txt", "binary file: a PDF document, not text"),
        Bad("controls.txt", "binary file (mostly control characters, not text)"),
        Bad("huge.txt", f"file is 5.1 MB, above the {DEFAULT_MAX_BYTES // 1_000_000} MB limit"),
        Bad("toolong.txt", f"text is {DEFAULT_MAX_CHARS + 1:,} characters, above the {DEFAULT_MAX_CHARS:,}-character "
                           "limit"),
        Bad("broken.json", "not valid JSON on line 2"),
        Bad("deep.json", "JSON nested too deeply to read"),
        Bad("hugenumber.json", "a JSON number has too many digits to read"),
        Bad("scalar.json", "expected a JSON object or a list of objects"),
        Bad("notext.json", "the JSON object has no 'text' string"),
        Bad("records.jsonl", "not valid JSON on line 2"),
        Bad("scripts.html", "no article text found in the HTML"),
        Bad("paper.pdf", "unsupported file type '.pdf' (expected .txt, .md, .html, .htm, .json, .jsonl)"),
        Bad("letter.docx", "unsupported file type '.docx'"),
        Bad("README", "unsupported file type 'README'"),
        Bad("outside.txt", "symlink points outside the folder; not followed"),
        Bad("loop-a.txt", "broken symlink (its target is missing, or it points to itself)"),
        Bad("loop-b.txt", "broken symlink (its target is missing, or it points to itself)"),
        Bad("dangling.txt", "broken symlink (its target is missing, or it points to itself)"),
        Bad("sub/up", "symlink loop (it points back to a folder that contains it); not followed"),
        Bad("escape", "symlink points outside the folder; not followed"),
        Bad("pipe.txt", "not a regular file (a pipe, socket or device); not read"),
    ]
    write_file(folder / "empty.txt", b"")
    write_file(folder / "blank.md", b"  \n\t \r\n  ")
    write_file(folder / "nul.txt", b"Turkey\x00criticized\x00Russia")
    write_file(folder / "image.txt", PNG)
    write_file(folder / "paper.txt", PDF)
    write_file(folder / "controls.txt", bytes(b for b in range(1, 32) if b not in b"\t\n\r\x0b\x0c") * 40)
    write_file(folder / "huge.txt", b"Turkey met Russia. " * (5_100_000 // 19 + 1))
    write_file(folder / "toolong.txt", "a" * (DEFAULT_MAX_CHARS + 1))
    write_file(folder / "broken.json", '{"text": "Turkey criticized Russia.",\n "title": oops}')
    write_file(folder / "deep.json", "[" * 100_000 + "]" * 100_000)
    write_file(folder / "hugenumber.json", '{"text": "Turkey met Russia.", "title": ' + "9" * 5000 + "}")
    write_file(folder / "scalar.json", "42")
    write_file(folder / "notext.json", '{"title": "A title and nothing else"}')
    write_file(folder / "records.jsonl", "\n".join([
        json.dumps({"text": "Greece criticized Turkey over the drilling.", "title": "Drilling"}),
        '{"text": "a line cut short',
        json.dumps({"text": "Egypt urged Israel to halt the strikes.", "title": "Strikes"}),
    ]) + "\n")
    write_file(folder / "scripts.html", "<html><head><style>p{color:red}</style><script>alert(1)</script></head>"
                                    "<body><script>document.write('x')</script></body></html>")
    write_file(folder / "paper.pdf", PDF)
    write_file(folder / "letter.docx", b"PK\x03\x04\x14\x00\x06\x00")
    write_file(folder / "README", "Turkey criticized Russia.")
    outside = write_file(folder.parent / f"{folder.name}-outside" / "secret.txt", "Secret text outside the corpus.")
    (folder / "outside.txt").symlink_to(outside)
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
    (folder / "escape").symlink_to(outside.parent, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    # skipped without a word: hidden files and folders are not articles
    write_file(folder / ".hidden.txt", "Hidden file text that must never load.")
    write_file(folder / ".git" / "notes.txt", "Hidden folder text that must never load.")
    return cases


# Good inputs that look odd: each must load, with the text shown here.
ODD_GOOD = {
    "good.txt": (GOOD, GOOD),
    "zz duplicate.txt": (GOOD.replace("\n", "\r\n"), None),  # same text as good.txt: a note, kept once
    "latin1.txt": ("Le président a déclaré à Zürich que la défense était prioritaire.".encode("latin-1"),
                   "Le président a déclaré à Zürich que la défense était prioritaire."),
    "utf16.txt": ("Greece and Egypt signed a maritime deal in Cairo.".encode("utf-16"),
                  "Greece and Egypt signed a maritime deal in Cairo."),
    "mixed.txt": ("Café talks in Paris. ".encode() + "Müller met Erdogan in Zürich.".encode("latin-1"),
                  "Café talks in Paris. Müller met Erdogan in Zürich."),
    "page.html": ("<html><head><title>Ankara &amp; Moscow</title><style>.x{}</style>"
                  "<script>window.__hit = 1</script></head><body><article><p>Turkey criticized Russia &amp; "
                  "Iran over the &quot;talks&quot; in Geneva on Monday, officials said in a long statement "
                  "read to reporters.<p>Broken <b>tags <i>are here</article></body></html>", None),
    "-leading dash.txt": ("Russia criticized Turkey over the pipeline deal.", None),
    "quote \"double\" and 'single'.txt": ("Iran urged Iraq to expel the troops.", None),
    "ünïcödé 記事.md": ("# Kiev and Moscow\n\nUkraine criticized Russia over the **blockade**.", None),
    "con\x1b[31mtrol\tname.txt": ("Israel criticized Iran over the drones.", None),
}


def odd_good_inputs(folder: Path) -> dict[str, str | None]:
    """Write the odd-but-good inputs; return name -> expected text (None: checked elsewhere)."""
    for name, (content, _) in ODD_GOOD.items():
        write_file(folder / name, content)
    # a name that is not valid UTF-8 (Linux allows any bytes)
    raw = os.path.join(os.fsencode(folder), b"caf\xe9 news.txt")
    with open(raw, "wb") as f:
        f.write(b"Syria criticized Turkey over the border operation.")
    return {name: text for name, (_, text) in ODD_GOOD.items()}


def _reason_for(errors, path: Path) -> list[str]:
    return [e.reason for e in errors if Path(e.path) == path]


@contextmanager
def _no_hang(seconds: int):
    """Fail (instead of hanging the suite) when the block takes longer than `seconds`."""
    def expire(*_):
        raise TimeoutError(f"took longer than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def cli(*args: str, timeout: float = CLI_TIMEOUT_S, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `python -m graph.cli ARGS` (from the project root unless `cwd` says otherwise)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


DERIVED = (*(f'INSERT INTO "{table}"' for table in ("edge_months", "actor_counts", "layout", "snapshots")),
           """INSERT INTO "meta" VALUES('generation',""")  # counts and the generation grow with a write


def dump(db: Path) -> list[str]:
    """Every row of a store as SQL text, in a stable order: equal dumps, equal stores."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return sorted(conn.iterdump())
    finally:
        conn.close()


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr, done.stderr[-3000:]


# --------------------------------------------------------------------------- read_documents


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, list[Bad], dict[str, str | None]]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder, bad_inputs(folder), odd_good_inputs(folder)


def test_every_bad_file_gets_one_error_naming_it_with_the_reason_and_good_files_still_load(corpus):
    folder, cases, good = corpus
    with _no_hang(120):
        result = read_documents([folder])
    for case in cases:
        reasons = _reason_for(result.errors, folder / case.name)
        assert len(reasons) == 1, (case, reasons)
        assert reasons[0].startswith(case.reason), (case, reasons)
    named = {Path(e.path).name for e in result.errors}
    assert not named & {".hidden.txt", "notes.txt"}, "hidden files are skipped without a word"
    texts = {d.source: d.text for d in result.documents}
    for name, text in good.items():
        source = name.replace("\x1b", "\ufffd").replace("\t", "\ufffd")
        if text is not None:
            assert texts[source] == text
        elif name != "zz duplicate.txt":
            assert source in texts, (name, sorted(texts))
    assert texts["records.jsonl#1"].startswith("Greece") and texts["records.jsonl#3"].startswith("Egypt")
    assert "caf\ufffd news.txt" in texts
    assert not any("Secret text" in t or "must never load" in t for t in texts.values())


def test_a_duplicate_article_is_kept_once_with_a_note_naming_both_files(corpus):
    folder, _, _ = corpus
    result = read_documents([folder])
    assert "good.txt" in {d.source for d in result.documents}
    assert "zz duplicate.txt" not in {d.source for d in result.documents}
    assert result.duplicates == (Duplicate(str(folder / "zz duplicate.txt"), f"same text as {folder / 'good.txt'}; "
                                                                             "kept once"),)


def test_html_with_scripts_styles_entities_and_broken_tags_keeps_only_the_article_text(corpus):
    folder, _, _ = corpus
    (doc,) = [d for d in read_documents([folder / "page.html"]).documents]
    assert doc.title == "Ankara & Moscow"
    assert 'Turkey criticized Russia & Iran over the "talks" in Geneva' in doc.text
    assert "__hit" not in doc.text and ".x{}" not in doc.text and "<" not in doc.text


def test_file_names_with_parent_steps_spaces_quotes_dashes_and_control_characters_are_read(corpus):
    folder, _, _ = corpus
    roundabout = folder / ".." / folder.name / "quote \"double\" and 'single'.txt"
    result = read_documents([roundabout, folder / "-leading dash.txt", folder / "con\x1b[31mtrol\tname.txt"])
    assert result.errors == ()
    sources = [d.source for d in result.documents]
    assert sources == ["quote \"double\" and 'single'.txt", "-leading dash.txt", "con\ufffd[31mtrol\ufffdname.txt"]
    assert all(s.isprintable() for s in sources)


def test_a_missing_path_a_pipe_and_a_broken_link_given_by_name_are_named_with_the_reason(corpus):
    folder, _, _ = corpus
    result = read_documents([folder / "nope.txt", folder / "pipe.txt", folder / "loop-a.txt", folder / "good.txt"])
    assert [d.source for d in result.documents] == ["good.txt"]
    assert [(Path(e.path).name, e.reason) for e in result.errors] == [
        ("nope.txt", "no such file or folder"),
        ("pipe.txt", "not a regular file (a pipe, socket or device); not read"),
        ("loop-a.txt", "broken symlink (its target is missing, or it points to itself)"),
    ]


def test_size_limits_are_configurable(tmp_path):
    path = write_file(tmp_path / "a.txt", GOOD)
    (error,) = read_documents([path], max_bytes=10).errors
    assert error.reason == f"file is {len(GOOD.encode())} bytes, above the 10 bytes limit"
    (error,) = read_documents([path], max_chars=20).errors
    assert error.reason == f"text is {len(GOOD):,} characters, above the 20-character limit (split the article)"
    assert read_documents([path], max_bytes=len(GOOD), max_chars=len(GOOD)).documents


def test_a_long_record_in_a_jsonl_file_is_named_and_the_other_records_load(tmp_path):
    path = write_file(tmp_path / "a.jsonl", json.dumps({"text": GOOD}) + "\n" + json.dumps({"text": "x" * 150}) + "\n")
    result = read_documents([path], max_chars=len(GOOD))
    assert [d.source for d in result.documents] == ["a.jsonl#1"]
    assert result.errors == (IngestError(str(path), "line 2: text is 150 characters, above the "
                                                    f"{len(GOOD)}-character limit (split the article)"),)


def test_pathological_markdown_is_read_in_linear_time(tmp_path):
    lines = ["**x " * 25_000, "_a " * 33_000, "[" * 50_000, "[a](" * 25_000, "*" * 100_000]
    paths = [write_file(tmp_path / f"m{i}.md", "Title\n\n" + line) for i, line in enumerate(lines)]
    with _no_hang(30):  # the old lazy patterns took minutes on each of these
        result = read_documents(paths)
    assert result.errors == () and len(result.documents) == len(paths)


def test_read_bytes_reads_an_upload_like_a_file_and_keeps_only_the_last_part_of_its_name():
    result = read_bytes("../../etc/evil\x1b.txt", GOOD.encode())
    (doc,) = result.documents
    assert doc.source == "evil\ufffd.txt" and doc.text == GOOD
    assert read_bytes("x.txt", PNG).errors == (IngestError("x.txt", "binary file (contains NUL bytes): "
                                                                    "a PNG image, not text"),)


def test_normalised_text_has_no_control_characters_or_lone_surrogates():
    text = normalise_text("Turkey\x0cmet\x1bRussia\ud800 in\u2028Ankara\x85today\x00.\ufffe")
    assert text == "Turkey met Russia\ufffd in\nAnkara\ntoday .\ufffd"
    text.encode("utf-8")  # storable and writable


# --------------------------------------------------------------------------- the command line


def _skipped_lines(stderr: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in stderr.splitlines():
        if line.startswith("skipped "):
            path, _, reason = line[len("skipped "):].partition(": ")
            out.setdefault(path, []).append(reason)
    return out


def _expected_cli_reasons(folder: Path, cases: list[Bad]) -> dict[str, str]:
    return {str(folder / c.name): c.reason for c in cases}


@pytest.fixture(scope="module")
def cli_corpus(tmp_path_factory) -> tuple[Path, list[Bad]]:
    folder = tmp_path_factory.mktemp("cli") / "corpus"
    folder.mkdir()
    cases = bad_inputs(folder)
    odd_good_inputs(folder)
    return folder, cases


def _check_named(stderr: str, folder: Path, cases: list[Bad]) -> None:
    skipped = _skipped_lines(stderr)
    for path, reason in _expected_cli_reasons(folder, cases).items():
        assert path in skipped, (path, stderr[-4000:])
        assert any(r.startswith(reason) for r in skipped[path]), (path, skipped[path])


def test_cli_build_names_each_bad_file_writes_the_rest_and_exits_1(cli_corpus, tmp_path):
    folder, cases = cli_corpus
    out = tmp_path / "graph.json"
    done = cli("build", str(folder), "--out", str(out))
    no_traceback(done)
    assert done.returncode == 1
    _check_named(done.stderr, folder, cases)
    data = json.loads(out.read_text(encoding="utf-8"))
    sources = {d["source"] for d in data["graph"]["documents"].values()}
    assert {"good.txt", "latin1.txt", "utf16.txt", "mixed.txt", "page.html", "records.jsonl#1", "records.jsonl#3",
            "caf\ufffd news.txt", "-leading dash.txt"} <= sources
    assert all(s.isprintable() for s in sources)


def test_cli_build_of_good_files_exits_0_and_a_leading_dash_name_is_read_after_a_double_dash(cli_corpus, tmp_path):
    folder, _ = cli_corpus
    done = cli("build", "--out", str(tmp_path / "g.json"), "--", "good.txt", "-leading dash.txt", cwd=folder)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    assert len(json.loads((tmp_path / "g.json").read_text())["graph"]["documents"]) == 2


def test_cli_ingest_names_each_bad_file_stores_the_rest_and_exits_1(cli_corpus, tmp_path):
    folder, cases = cli_corpus
    db = tmp_path / "s.db"
    done = cli("ingest", str(folder), "--db", str(db))
    no_traceback(done)
    assert done.returncode == 1
    _check_named(done.stderr, folder, cases)
    with Store(db) as store:
        sources = {x.document.source for x in store.extractions()}
        assert not store.check()
    assert {"good.txt", "records.jsonl#1", "records.jsonl#3", "caf\ufffd news.txt"} <= sources


def test_cli_reports_duplicates_by_name_without_failing(tmp_path):
    """Needs graph/pipeline.py and graph/cli.py to pass `IngestResult.duplicates` on (see the report)."""
    write_file(tmp_path / "c" / "a.txt", GOOD)
    write_file(tmp_path / "c" / "b.txt", GOOD)
    done = cli("build", str(tmp_path / "c"), "--out", str(tmp_path / "g.json"))
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    assert f"{tmp_path / 'c' / 'b.txt'}: same text as {tmp_path / 'c' / 'a.txt'}; kept once" in done.stderr


def test_cli_size_limit_is_configurable_with_max_bytes(tmp_path):
    """Needs a --max-bytes option on build/ingest/serve (graph/cli.py, graph/pipeline.py; see the report)."""
    write_file(tmp_path / "c" / "a.txt", GOOD)
    write_file(tmp_path / "c" / "big.txt", GOOD * 10)
    done = cli("build", str(tmp_path / "c"), "--max-bytes", str(len(GOOD) * 2), "--out", str(tmp_path / "g.json"))
    no_traceback(done)
    assert done.returncode == 1, done.stderr
    assert f"skipped {tmp_path / 'c' / 'big.txt'}: file is" in done.stderr


def test_a_hundred_thousand_character_sentence_is_parsed_whole(tmp_path):
    rng = random.Random(7)
    words = ("the minister said that turkey and russia would continue talks while officials from iran met "
             "the delegation in ankara and syria").split()
    text = " ".join(rng.choice(words) if i % 9 else rng.choice(["Turkey", "Russia", "Iran", "NATO"])
                    for i in range(30_000))[:100_000]
    assert "." not in text and len(text) == 100_000
    write_file(tmp_path / "c" / "long.txt", text)
    started = time.perf_counter()
    done = cli("build", str(tmp_path / "c"), "--out", str(tmp_path / "g.json"))
    elapsed = time.perf_counter() - started
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "g.json").read_text())
    (doc_id,) = data["graph"]["documents"]
    spans = [(ev["start"], ev["end"]) for e in data["edges"] for ev in e["evidence"]]
    assert data["nodes"] and all(0 <= start <= end <= 100_000 for start, end in spans)
    print(f"\n100,000-character sentence: build took {elapsed:.1f} s (model load included)")


# --------------------------------------------------------------------------- nothing stored is lost


def _store_with_good_articles(tmp_path: Path) -> Path:
    folder = tmp_path / "first"
    for i, (a, b) in enumerate([("Turkey", "Russia"), ("Greece", "Egypt"), ("Iran", "Israel")]):
        write_file(folder / f"a{i}.txt", f"Story {i}\n\n{a} criticized {b} over the talks. {b} urged {a} to agree.")
    db = tmp_path / "s.db"
    done = cli("ingest", str(folder), "--db", str(db))
    assert done.returncode == 0, done.stderr
    return db


def test_a_bad_batch_leaves_every_stored_row_byte_identical(tmp_path, cli_corpus):
    db = _store_with_good_articles(tmp_path)
    before = dump(db)
    bad = tmp_path / "bad"
    cases = [c for c in bad_inputs(bad) if c.name != "records.jsonl"]
    write_file(bad / "records.jsonl", '{"text": "a line cut short\n{"title": "no text"}\n')  # no good line this time
    cases += [Bad("records.jsonl", "not valid JSON on line 1"), Bad("records.jsonl", "line 2 has no 'text' string")]
    write_file(bad / "again.txt", (tmp_path / "first" / "a0.txt").read_text())  # already stored: unchanged
    done = cli("ingest", str(bad), "--db", str(db))
    no_traceback(done)
    assert done.returncode == 1
    _check_named(done.stderr, bad, cases)
    assert "0 added, 0 replaced, 1 unchanged" in done.stderr
    assert dump(db) == before


def test_a_mixed_batch_adds_the_good_articles_and_keeps_every_old_row(tmp_path):
    db = _store_with_good_articles(tmp_path)
    before = dump(db)
    batch = tmp_path / "batch"
    write_file(batch / "new.txt", "Fresh story\n\nEgypt criticized Turkey over the pipeline. Greece urged Egypt to act.")
    write_file(batch / "bad.json", "{oops")
    write_file(batch / "bin.txt", PNG)
    done = cli("ingest", str(batch), "--db", str(db))
    no_traceback(done)
    assert done.returncode == 1 and "1 added" in done.stderr
    after = dump(db)
    kept = {row for row in before if not row.startswith(DERIVED)}  # the counts of the aggregates grow
    assert kept <= set(after) and len(after) > len(before)
    with Store(db) as store:
        assert store.check() == []  # and count the new article
        generation = store.generation()
    assert "the explorer's edge table and layout kept" in done.stderr  # for the next start-up to read
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT generation FROM snapshots").fetchall() == [(generation,)]
    with Store(db) as store:  # every actor has its place: a read-only server lays nothing out
        assert set(store.layout()) == set(store.graph().nodes)


def test_a_missing_model_gets_an_install_instruction_and_leaves_the_store_alone(tmp_path):
    db = _store_with_good_articles(tmp_path)
    before = dump(db)
    write_file(tmp_path / "new" / "n.txt", "Another story\n\nIndia criticized China over the border.")
    for args in (("ingest", str(tmp_path / "new"), "--db", str(db)), ("build", str(tmp_path / "new"))):
        done = cli(*args, "--model", "no_such_model")
        no_traceback(done)
        assert done.returncode == 1
        assert "'no_such_model' is not installed" in done.stderr and "pip install" in done.stderr
    assert dump(db) == before


# --------------------------------------------------------------------------- killed ingests


def _news(folder: Path, n: int) -> Path:
    states = ("Turkey", "Russia", "Greece", "Iran", "Israel", "Egypt", "France", "India", "China", "Japan")
    for i in range(n):
        a, b, c = states[i % 10], states[(i + 3) % 10], states[(i + 7) % 10]
        write_file(folder / f"n{i:04d}.txt", f"Report {i}\n\n{a} criticized {b} over the talks on day {i}. "
                                         f"{c} urged {a} to agree. {b} and {c} met in Geneva.")
    return folder


def _semantic_rows(db: Path) -> tuple[list, list, list, list]:
    """Documents, entities, mentions and relations without ingest times, in a stable order."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return tuple(sorted(conn.execute(sql).fetchall()) for sql in (
            "SELECT id, path, source, title, outlet, date, url, text FROM documents",
            "SELECT * FROM entities", "SELECT * FROM mentions",
            "SELECT doc_id, subject, relation, object, sentence, start_char, end_char, subject_start, subject_end, "
            "object_start, object_end, coalesce(trigger_start, -1), coalesce(trigger_end, -1), trigger, negated, "
            "modality, round(confidence, 6), rule, coalesce(speaker, '') FROM relations"))
    finally:
        conn.close()


def _assert_consistent(db: Path, batch: int) -> int:
    """The store opens, passes SQLite's checks and holds only whole documents; returns how many."""
    if not db.exists():
        return 0
    with Store(db) as store:
        assert store.check() == []
        xs = store.extractions()
        assert all(x.mentions and x.relations for x in xs), "a document was stored without its extraction"
    conn = sqlite3.connect(db)
    try:
        orphans = conn.execute("SELECT count(*) FROM relations WHERE doc_id NOT IN (SELECT id FROM documents)")
        assert orphans.fetchone() == (0,)
    finally:
        conn.close()
    return len(xs)


def test_an_ingest_killed_at_random_moments_keeps_the_store_consistent_and_a_rerun_completes_it(tmp_path):
    total, batch = 1000, 4  # ~100 articles/s here: the kills land mid-run, not after it
    folder, db = _news(tmp_path / "news", total), tmp_path / "s.db"
    reference = tmp_path / "reference.db"
    assert cli("ingest", str(folder), "--db", str(reference)).returncode == 0
    rng = random.Random(2024)
    kept_after = []
    for delay in (0.5, 1, 2, 3, rng.uniform(1, 4)):  # model loading takes ~1 s, so the first kills land early
        proc = subprocess.Popen([sys.executable, "-m", "cli", "ingest", str(folder), "--db", str(db),
                                 "--batch-size", str(batch)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        kept_after.append(_assert_consistent(db, batch))
    assert kept_after == sorted(kept_after), "a kill lost documents a previous run had stored"
    assert kept_after[-1] < total, "the ingests finished before they were killed: use a bigger corpus"
    done = cli("ingest", str(folder), "--db", str(db), "--batch-size", str(batch))
    assert done.returncode == 0, done.stderr
    assert f"{total - kept_after[-1]} added, 0 replaced, {kept_after[-1]} unchanged" in done.stderr
    assert _assert_consistent(db, batch) == total
    assert _semantic_rows(db) == _semantic_rows(reference)
    print(f"\ndocuments kept after each kill: {kept_after} of {total}")


# --------------------------------------------------------------------------- damaged stores


def _real_store(tmp_path: Path) -> Path:
    db = _store_with_good_articles(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


def _damage(db: Path, kind: str) -> Path:
    data = db.read_bytes()
    target = db.with_name(f"{kind}.db")
    if kind == "random-bytes":
        target.write_bytes(random.Random(1).randbytes(64 * 1024))
    elif kind == "truncated":
        target.write_bytes(data[: len(data) // 2])
    elif kind == "text-file":
        target.write_text("This is a shopping list, not a database.\n" * 50)
    elif kind == "damaged-table":
        conn = sqlite3.connect(db)
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        conn.close()
        broken = bytearray(data)
        broken[(root - 1) * page_size:root * page_size] = random.Random(2).randbytes(page_size)
        target.write_bytes(bytes(broken))
    elif kind == "newer-schema":
        shutil.copyfile(db, target)
        conn = sqlite3.connect(target)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
        conn.commit()
        conn.close()
    return target


# What the one line must say besides the file name (the store's own words may vary around it).
DAMAGE = {
    "random-bytes": "not a newsgraph store (file is not a database)",
    "truncated": "malformed",
    "text-file": "not a newsgraph store (file is not a database)",
    "damaged-table": "malformed",
    "newer-schema": f"created by a newer newsgraph (schema v{SCHEMA_VERSION + 1}",
}


@pytest.fixture
def busy_port():
    """A port of 127.0.0.1 already taken: a server that got as far as binding would fail, not hang."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.fixture(scope="module")
def damaged_stores(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("damaged")
    db = _real_store(base)
    return {kind: _damage(db, kind) for kind in DAMAGE}


@pytest.mark.parametrize("command", ["build", "ingest", "serve", "app.py"])
@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_store_gets_one_clear_line_naming_it_from_every_command(damaged_stores, tmp_path, busy_port, kind,
                                                                         command):
    db = tmp_path / damaged_stores[kind].name
    shutil.copyfile(damaged_stores[kind], db)
    articles = write_file(tmp_path / "new" / "n.txt", "Another story\n\nIndia criticized China over the border.")
    args = {"build": ("build", "--db", str(db)), "ingest": ("ingest", str(articles.parent), "--db", str(db)),
            "serve": ("serve", "--db", str(db), "--port", str(busy_port))}.get(command)
    if args:
        done = cli(*args, timeout=120)
    else:  # `python app.py --db FILE`, the other way to serve a store
        done = subprocess.run([sys.executable, "app.py", "--db", str(db), "--port", str(busy_port)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    no_traceback(done)
    assert done.returncode == 1
    assert str(db) in done.stderr and DAMAGE[kind] in done.stderr, done.stderr[-2000:]


# --------------------------------------------------------------------------- reading while another writes


def _extraction(i: int):
    return turkey_criticizes_russia(f"doc{i:04d}", f"Day {i}", f"on day {i}")


class _WriterBetweenReads:
    """A connection that lets another process commit right after the reader's first SELECT."""

    def __init__(self, conn, write):
        self._conn, self._write = conn, write

    def execute(self, sql, *args):
        cursor = self._conn.execute(sql, *args)
        if self._write and str(sql).lstrip().upper().startswith("SELECT"):
            write, self._write = self._write, None
            write()
        return cursor

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_a_store_read_while_another_process_writes_sees_one_consistent_snapshot(tmp_path, monkeypatch):
    """The explorer re-reads a store that `newsgraph ingest` may be writing. Needs graph/store.py to
    read in one transaction (see the report): today the SELECTs of `extractions()` can see a
    document's relations but not the document, and fail with KeyError."""
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.add([_extraction(i) for i in range(3)])
    reader = Store(db)
    real = reader._connection

    def other_process_writes():
        with Store(db) as writer:
            writer.add([_extraction(3)])

    @contextmanager
    def connection(**options):
        with real(**options) as conn:
            yield _WriterBetweenReads(conn, other_process_writes)
    monkeypatch.setattr(reader, "_connection", connection)
    try:
        xs = reader.extractions()
    finally:
        monkeypatch.undo()
        reader.close()
    assert [x.document.id for x in xs] == ["doc0000", "doc0001", "doc0002"]  # the snapshot before the write
    assert all(x.relations for x in xs)
    with Store(db) as store:
        assert store.counts()["documents"] == 4
