"""`newsgraph ingest DIR --db STORE --watch`: the debounce, and the real command on a temporary folder."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cli.watch import Settling, watch

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- the debounce


def test_a_file_is_ready_only_once_it_has_held_still_for_the_settle_time():
    s = Settling(settle=2.0)
    assert s.ready({"a.txt": ((10, 1), 0.0)}, now=100.0) == []  # just written
    assert s.ready({"a.txt": ((20, 2), 0.0)}, now=101.5) == []  # still growing: the clock restarts
    assert s.ready({"a.txt": ((20, 2), 1.0)}, now=103.0) == []
    assert s.ready({"a.txt": ((20, 2), 2.0)}, now=103.6) == ["a.txt"]
    s.take(["a.txt"])
    assert s.ready({"a.txt": ((20, 2), 9.0)}, now=110.0) == []  # read: not again until it changes
    assert s.ready({"a.txt": ((25, 3), 0.0)}, now=111.0) == []
    assert s.ready({"a.txt": ((25, 3), 2.0)}, now=113.0) == ["a.txt"]


def test_a_file_old_at_first_sight_is_ready_at_once_and_a_deleted_one_is_forgotten():
    s = Settling(settle=2.0)
    assert s.ready({"old.txt": ((5, 1), 3600.0), "new.txt": ((5, 2), 0.1)}, now=50.0) == ["old.txt"]
    s.take(["old.txt"])
    assert s.ready({}, now=51.0) == []  # both gone
    assert s.ready({"old.txt": ((5, 1), 3600.0)}, now=52.0) == ["old.txt"]  # back: read again (the store skips it)


class _Report:
    def __init__(self, added=0, errors=()):
        self.added, self.replaced, self.unchanged, self.errors = added, 0, 0, tuple(errors)


def test_a_failing_file_is_reported_once_and_tried_again_only_when_it_changes(tmp_path):
    from graph.read import IngestError

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    os.utime(bad, (time.time() - 60, time.time() - 60))
    calls, lines = [], []

    def ingest(paths):
        calls.append(list(paths))
        return _Report(errors=[IngestError(p, "not valid JSON on line 1") for p in paths])

    summary = watch([str(tmp_path)], ingest, poll=0.01, settle=0.05, say=lines.append, polls=6, sleep=lambda _: None)
    assert calls == [[str(bad)]]
    assert sum("bad.json" in line and "not valid JSON" in line for line in lines) == 1
    assert summary.failed == 1 and lines[-1].startswith("stopped watching: 0 added")


# --------------------------------------------------------------------------- the real command


def _documents(db: Path) -> list[tuple[str, str]]:
    if not db.exists():
        return []
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT source, text FROM documents ORDER BY source").fetchall()
    except sqlite3.OperationalError:  # not created yet
        return []


def _wait(predicate, timeout, what):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


ARTICLE_A = {"title": "Peru and Ecuador open a border crossing", "outlet": "Lima Wire", "date": "2026-06-01",
             "text": "Peru signed a trade agreement with Ecuador on Friday."}
SLOW_PARTS = ["Norway criticized Iceland on Monday over whaling quotas.\n\n",
              "Officials in Oslo said Norway would raise the matter at the council.\n\n",
              "Iceland rejected the criticism, its foreign ministry said."]


def test_watch_ingests_two_dropped_articles_exactly_once_one_written_slowly(tmp_path):
    folder, db = tmp_path / "inbox", tmp_path / "corpus.db"
    folder.mkdir()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "ingest", str(folder), "--db", str(db), "--watch",
                             "--poll", "0.2", "--settle", "1.0"],
                            cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
    reader.start()
    try:
        _wait(lambda: any(line.startswith("watching") for line in lines), 60, "the watch to start")
        (folder / "a.json").write_text(json.dumps(ARTICLE_A), encoding="utf-8")
        with open(folder / "b.txt", "w", encoding="utf-8") as slow:  # written in parts, pausing under the settle time
            for part in SLOW_PARTS:
                slow.write(part)
                slow.flush()
                time.sleep(0.6)
        _wait(lambda: len(_documents(db)) >= 2, 90, "both articles in the store")
        time.sleep(2.5)  # a few more polls: nothing is read twice
        docs = _documents(db)
        assert [source for source, _ in docs] == ["a.json", "b.txt"]
        assert docs[1][1] == "".join(SLOW_PARTS).strip()  # the whole slow file, not a part of it
        (folder / "bad.json").write_text("{not json", encoding="utf-8")
        _wait(lambda: any("bad.json" in line for line in lines), 30, "the bad file to be reported")
        time.sleep(1.5)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        reader.join(timeout=5)
    assert code == 0
    text = "".join(lines)
    assert "Traceback" not in text
    assert sum("bad.json" in line for line in lines) == 1
    assert lines[-1].startswith("stopped watching: 2 added, 0 replaced, 0 unchanged, 1 failed")
    assert lines[-1].rstrip().endswith("2 articles in the store")
    assert len(_documents(db)) == 2


def test_an_empty_watched_folder_is_no_error_but_a_missing_one_is_said_once(tmp_path):
    lines = []
    watch([str(tmp_path) + "/", str(tmp_path / "nowhere")], lambda paths: _Report(), poll=0.01, settle=0.05,
          say=lines.append, polls=3, sleep=lambda _: None)
    problems = [line for line in lines if line.startswith("skipped")]
    assert problems == [f"skipped {tmp_path / 'nowhere'}: no such file or folder"]
