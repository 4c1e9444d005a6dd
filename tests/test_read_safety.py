"""No input ends a batch: over-long paths and files changing while read are that file's line."""
from __future__ import annotations

import os
from pathlib import Path

import graph.read.walking as walking
from graph.read import read_documents

TEXT = "Greece criticized Turkey over the drilling near Cyprus. The talks went on for a week.\n"


def test_a_path_longer_than_the_system_allows_is_its_own_error_line_and_the_good_file_loads(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    long = tmp_path / ("a/" * 2100 + "x.txt")
    result = read_documents([good, long])
    docs, errors = result.documents, result.errors
    assert [d.source for d in docs] == ["good.txt"]
    assert len(errors) == 1 and "name too long" in errors[0].reason.lower()


def test_a_file_that_changes_while_it_is_read_is_read_again(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    real, calls = os.fstat, []

    def fstat_changed_once(fd):
        st = real(fd)
        calls.append(1)
        if len(calls) == 1:  # the first read sees the file rewritten under it
            return os.stat_result((st.st_mode, st.st_ino + 1) + tuple(st)[2:])
        return st
    monkeypatch.setattr(walking.os, "fstat", fstat_changed_once)
    assert walking.read_file_bytes(path, 10_000) == TEXT.encode() and len(calls) == 2


def test_a_file_that_keeps_changing_is_reported_never_stored_torn(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT.replace("Greece", "Cyprus"))
    real = os.fstat

    def fstat_always_changed_for_a(fd):
        st = real(fd)
        if Path(f"/proc/self/fd/{fd}").resolve().name != "a.txt":
            return st
        return os.stat_result((st.st_mode, st.st_ino + 1) + tuple(st)[2:])
    monkeypatch.setattr(walking.os, "fstat", fstat_always_changed_for_a)
    result = read_documents([tmp_path])
    docs, errors = result.documents, result.errors
    assert [d.source for d in docs] == ["b.txt"]
    assert [e.reason for e in errors] == ["file changed while it was read (it is being written?); not stored, "
                                          "read it again later"]


# --- Markdown through a Markdown parser -----------------------------------------------------------

def test_markdown_tables_and_code_blocks_never_reach_the_text(tmp_path):
    md = ("# Turkey and Greece\n\nTurkey criticized Greece over the islands.\n\n"
          "| country | deal |\n|---|---|\n| Turkey attacked Greece | S-400 |\n\n"
          "```\nRussia sold arms to Turkey.\n```\n\n    Greece sanctioned Russia.\n\n"
          "- Greece met *Turkey* in [Athens](https://x.example).\n")
    (tmp_path / "a.md").write_text(md)
    (doc,) = read_documents([tmp_path / "a.md"]).documents
    assert doc.title == "Turkey and Greece"
    assert doc.text == ("Turkey and Greece\n\nTurkey criticized Greece over the islands.\n\n"
                        "Greece met Turkey in Athens.")
