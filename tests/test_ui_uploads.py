"""Uploaded files are read in memory, like files on disk, and bad ones are named with the reason."""
from __future__ import annotations

import base64
import json

import pytest

from ui.uploads import Upload, decode_contents, read_upload, read_uploads, safe_name


def data_url(payload: bytes, mime: str = "text/plain") -> str:
    return f"data:{mime};base64," + base64.b64encode(payload).decode()


@pytest.mark.parametrize(("name", "safe"), [
    ("article.txt", "article.txt"), ("../../etc/passwd", "passwd"), ("C:\\Users\\me\\a.md", "a.md"),
    ("", "unnamed file"), (None, "unnamed file"), ("a\x00b.txt", "a\ufffdb.txt"), ("dir/", "dir"),
])
def test_browser_file_names_lose_their_folders(name, safe):
    assert safe_name(name) == safe


def test_data_urls_are_decoded_and_broken_ones_reported():
    uploads, errors = decode_contents([data_url(b"hello"), "data:text/plain,notbase64", data_url(b"x")[:-2] + "!!"],
                                      ["a.txt", "b.txt", "c.txt"])
    assert uploads == [Upload("a.txt", b"hello")]
    assert [(e.path, e.reason) for e in errors] == [("b.txt", "the upload could not be decoded"),
                                                    ("c.txt", "the upload could not be decoded")]
    assert decode_contents(None, None) == ([], [])
    assert decode_contents(data_url(b"one"), "one.txt")[0] == [Upload("one.txt", b"one")]


def test_a_text_file_becomes_a_document_with_its_headline():
    result = read_upload(Upload("news.txt", b"Turkey buys S-400\n\nTurkey bought the S-400 from Russia."))
    assert not result.errors
    (doc,) = result.documents
    assert doc.title == "Turkey buys S-400" and doc.source == "news.txt" and "bought" in doc.text


def test_json_lists_and_jsonl_give_one_document_per_record_and_name_bad_records():
    items = [{"text": "Russia supplies Syria.", "title": "One", "date": "2020-01"}, {"title": "no text"}]
    result = read_upload(Upload("batch.json", json.dumps(items).encode()))
    assert [d.title for d in result.documents] == ["One"] and result.documents[0].date == "2020-01"
    assert [(e.path, e.reason) for e in result.errors] == [("batch.json", "item 2 has no 'text' string")]
    lines = b'{"text": "Greece opposes Turkey."}\n{broken\n'
    result = read_upload(Upload("feed.jsonl", lines))
    assert len(result.documents) == 1 and "line 2" in result.errors[0].reason


def test_markdown_and_html_are_cleaned():
    md = read_upload(Upload("a.md", b"# Title here\n\nThe **US** backs [Turkey](http://x).")).documents[0]
    assert md.title == "Title here" and "**" not in md.text and "http" not in md.text
    page = b"<html><head><title>Page</title></head><body><article><p>" + b"Russia attacked Idlib. " * 20 + \
        b"</p></article></body></html>"
    result = read_upload(Upload("page.html", page))
    assert result.documents and "Russia attacked Idlib" in result.documents[0].text


@pytest.mark.parametrize(("upload", "reason"), [
    (Upload("a.pdf", b"%PDF"), "unsupported file type '.pdf'"),
    (Upload("noext", b"text"), "unsupported file type 'noext'"),
    (Upload("big.txt", b"x" * 101), "file is 101 bytes, above the 100 bytes limit"),
    (Upload("empty.txt", b"  \n "), "empty file"),
    (Upload("bin.txt", b"ab\x00cd"), "binary file (contains NUL bytes)"),
    (Upload("bad.json", b"{nope"), "not valid JSON on line 1"),
    (Upload("list.json", b"[1, 2]"), "item 1 is not a JSON object"),
])
def test_bad_files_are_named_with_the_reason(upload, reason):
    result = read_upload(upload, max_bytes=100)
    assert result.documents == () and result.errors[0].path == upload.name
    assert result.errors[0].reason.startswith(reason)


def test_a_batch_keeps_each_document_once_and_goes_on_past_bad_files():
    text = b"Turkey criticized Greece over the islands."
    read = read_uploads([Upload("a.txt", text), Upload("b.pdf", b"x"), Upload("c.txt", text)])
    assert len(read.documents) == 1 and read.origins == {read.documents[0].id: f"upload:a.txt#{read.documents[0].id}"}
    assert [e.path for e in read.errors] == ["b.pdf"]
    assert [(n.path, n.reason) for n in read.notes] == [("c.txt", "same text as a.txt; kept once")]
    errors = read_uploads([Upload(f"{i}.txt", b"x") for i in range(3)], max_files=2).errors
    assert [e.path for e in errors] == ["2.txt"] and "at most 2 files" in errors[0].reason
