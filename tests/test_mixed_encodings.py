"""Mixed encodings are reported: a file that decodes as UTF-8 only after mending still loads, and
its report carries a note naming the file, the lines that were not valid UTF-8 and how they were read."""
from __future__ import annotations

from graph.read import read_bytes, read_documents
from tests.helpers import upload_and_wait, write_file
from tests.test_robustness import GOOD, cli, no_traceback

# a UTF-8 article with a Shift-JIS line (3) and a Latin-1 line (5) pasted in
MIXED = ("Talks in Geneva\n\nCafé owners said Turkey criticized Russia.\n".encode()
         .replace("Café owners said Turkey criticized Russia.".encode(),
                  "東京 sources said Turkey criticized Russia.".encode("shift_jis"))
         + "Iran urged Turkey to agree.\n".encode() + "Müller met Erdogan in Zürich.\n".encode("latin-1")
         + "Naïve hopes in Geneva.\n".encode())
READ_AS = ("not valid UTF-8; their stray bytes were read as Windows-1252 (Latin-1), "
           "so some characters there may be wrong — check them")


def test_a_file_mixing_encodings_loads_with_a_note_naming_the_lines(tmp_path):
    result = read_bytes("mixed.txt", MIXED)
    assert len(result.documents) == 1 and not result.errors
    assert "Müller met Erdogan in Zürich." in result.documents[0].text
    assert [(n.path, n.reason) for n in result.notes] == [("mixed.txt", f"mixed encodings: lines 3 and 5 were {READ_AS}")]
    folder = tmp_path / "c"
    write_file(folder / "mixed.txt", MIXED)
    write_file(folder / "clean.txt", GOOD)
    write_file(folder / "latin1.txt", "Le président a déclaré à Zürich.".encode("latin-1"))
    on_disk = read_documents([folder])
    assert len(on_disk.documents) == 3 and not on_disk.errors
    assert [n.path for n in on_disk.notes] == [str(folder / "mixed.txt")]  # a whole file in one encoding is no news


def test_one_bad_line_is_named_and_many_are_counted():
    one = read_bytes("one.txt", "Café in Geneva\n\nTurkey criticized Russia.\n".encode() + b"caf\xe9\n")
    assert one.notes[0].reason == f"mixed encodings: line 4 was {READ_AS.replace('their', 'its', 1)}"
    many = read_bytes("many.txt", "Café in Geneva\n\n".encode() + b"caf\xe9 talks\n" * 25)
    assert many.notes[0].reason.startswith("mixed encodings: lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 15 more were")


def test_the_cli_prints_the_note_on_stderr_and_still_loads_the_file(tmp_path):
    write_file(tmp_path / "c" / "mixed.txt", MIXED)
    done = cli("build", str(tmp_path / "c"), "--out", str(tmp_path / "g.json"))
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    assert f"{tmp_path / 'c' / 'mixed.txt'}: mixed encodings: lines 3 and 5 were {READ_AS}" in done.stderr


def test_an_upload_mixing_encodings_is_added_with_the_note_in_the_page_report(seed_store_copy, nlp):
    from test_ui_callbacks import data_url
    from test_ui_elements import by_class, text_of

    from ui.source import CorpusSource

    source = CorpusSource(store_path=seed_store_copy, nlp=nlp)
    report, _, status, _ = upload_and_wait({"contents": [data_url(MIXED)], "filenames": ["mixed.txt"]}, source=source)
    assert status == "Added 1 article." and source.current().stats["articles"] == 6
    notes = [text_of(n) for n in by_class(report, "upload-note")]
    assert notes == [f"mixed.txt — mixed encodings: lines 3 and 5 were {READ_AS}"]
