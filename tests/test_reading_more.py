"""Reading: UTF-16 without a BOM, a problem repeated in one file summarised, a link to a device named."""
from __future__ import annotations

import json
import os

from graph.read import read_bytes, read_documents
from graph.read.decoding import decode

TEXT = "Greece criticized Turkey over the drilling near Cyprus. Ankara rejected the claim.\n"


def test_utf16_without_a_bom_is_read_as_text():
    assert decode(TEXT.encode("utf-16-le")) == TEXT
    assert decode(TEXT.encode("utf-16-be")) == TEXT
    assert read_bytes("a.txt", TEXT.encode("utf-16-le")).documents[0].text == TEXT.strip()


def test_nul_bytes_that_are_not_utf16_are_still_binary():
    result = read_bytes("a.txt", b"\x00\x01\x02\x03" * 100)
    assert result.errors and result.errors[0].reason.startswith("binary file")


def test_the_same_problem_repeated_in_one_file_is_summarised():
    data = json.dumps([{} for _ in range(100_000)] + [{"text": TEXT}]).encode()
    result = read_bytes("items.json", data)
    assert len(result.documents) == 1
    reasons = [e.reason for e in result.errors]
    assert len(reasons) == 4 and reasons[-1].startswith("… and 99,997 more like it")


def test_a_link_to_a_device_is_called_a_device_not_broken(tmp_path):
    link = tmp_path / "zero.txt"
    os.symlink("/dev/zero", link)
    result = read_documents([link])
    assert [e.reason for e in result.errors] == ["not a regular file (a pipe, socket or device); not read"]
