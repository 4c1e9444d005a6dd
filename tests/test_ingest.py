"""Tests for graph.read: formats, encodings, metadata, boilerplate and bad-file reporting."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from graph.read import (
    IngestError,
    document_id,
    headline,
    normalise_text,
    read_documents,
    strip_boilerplate,
    strip_markdown,
)
from tests.helpers import write_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
HTML_FIXTURE = Path(__file__).parent / "data" / "ingest" / "article.html"

BODY = (
    "Turkey bought the Russian S-400 missile system in 2017, and the United States objected.\n\n"
    "Officials in Washington warned of sanctions against Ankara over the purchase.\n"
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    return write_file(folder / name, content)


def by_source(result) -> dict:
    return {doc.source: doc for doc in result.documents}


def error_for(result, path: Path) -> IngestError:
    matches = [e for e in result.errors if Path(e.path).name == path.name]
    assert len(matches) == 1, result.errors
    return matches[0]


# --- seeds and manifest --------------------------------------------------------------------


def test_seeds_load_with_manifest_titles_outlets_and_dates():
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    result = read_documents([SEEDS])
    docs = by_source(result)
    assert result.errors == ()
    assert sorted(docs) == sorted(k for k in manifest if not k.startswith("_"))
    for name, doc in docs.items():
        assert doc.title == manifest[name]["title"]
        assert doc.outlet == manifest[name]["outlet"]
        assert doc.date == manifest[name]["date"]
        assert doc.id == document_id(doc.text)


def test_seed_boilerplate_is_removed_but_article_sentences_stay():
    doc = by_source(read_documents([SEEDS]))["001_ad59c947f386ea37.txt"]
    assert "Leave a Reply" not in doc.text
    assert "Read more:" not in doc.text
    assert "Erdogan has massed tanks and commandos in Idlib" in doc.text
    assert "’" not in doc.text and "“" not in doc.text  # curly quotes normalised


def test_manifest_fills_metadata_and_is_not_ingested_itself(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.json", json.dumps({
        "_about": "ignored",
        "a.txt": {"title": "Manifest title", "outlet": "Herald", "date": "2019-07", "url": "https://x.example/a"},
    }))
    result = read_documents([tmp_path])
    assert result.errors == ()
    (doc,) = result.documents
    assert (doc.title, doc.outlet, doc.date, doc.url) == ("Manifest title", "Herald", "2019-07", "https://x.example/a")


def test_a_null_in_the_manifest_leaves_the_field_empty_not_the_word_none(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.json", json.dumps({"a.txt": {"title": "T", "outlet": None, "date": None, "url": None}}))
    (doc,) = read_documents([tmp_path]).documents
    assert (doc.outlet, doc.date, doc.url) == (None, None, None)


def test_manifest_applies_when_a_single_file_is_named(tmp_path):
    path = write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.json", json.dumps({"a.txt": {"outlet": "Herald"}}))
    (doc,) = read_documents([path]).documents
    assert doc.outlet == "Herald"


# --- titles ------------------------------------------------------------------------------------


def test_headline_first_line_becomes_title_and_stays_in_text(tmp_path):
    path = write(tmp_path, "story.txt", "Pentagon objects to S-400 working group\n\n" + BODY)
    (doc,) = read_documents([path]).documents
    assert doc.title == "Pentagon objects to S-400 working group"
    assert doc.text.startswith("Pentagon objects to S-400 working group\n\n")


def test_long_sentence_first_line_is_not_a_title_so_file_stem_is_used(tmp_path):
    path = write(tmp_path, "my_story.txt", BODY)
    (doc,) = read_documents([path]).documents
    assert doc.title == "my_story"


@pytest.mark.parametrize("line, expected", [
    ("US backs Turkish invasion of Idlib in Syria. Russia opposes.", True),  # short, period allowed
    ("lowercase start is a fragment, not a headline", False),
    ("A" * 201, False),
    ("This is a long ordinary sentence that goes on and on about the talks between the two sides.", False),
])
def test_headline_detection_rules(line, expected):
    assert (headline(line + "\n\nBody text.") == line) is expected


# --- normalisation, boilerplate, markdown ------------------------------------------------------


def test_normalise_replaces_curly_quotes_and_odd_spaces_one_for_one():
    text = "He said \u201cno\u201d to\u00a0the US\u2019 offer\u202fand \u2018maybe\u2019 later"
    out = normalise_text(text)
    assert out == "He said \"no\" to the US' offer and 'maybe' later"
    assert len(out) == len(text)


def test_normalise_line_endings_nfc_and_trailing_space():
    assert normalise_text("Cafe\u0301 one  \r\ntwo\rthree \n\n") == "Caf\u00e9 one\ntwo\nthree"


def test_strip_boilerplate_drops_only_whole_boilerplate_lines():
    kept = [
        "Turkey bought the S-400 system.",
        "Read more about the deal, officials said, was not possible.",
        "Photos by the ministry showed Turkish tanks moving towards Idlib.",
        "Comments from Ankara were sharp.",
    ]
    dropped = [
        "Leave a Reply", "Leave a comment", "Comments", "12 Comments", "Click here to comment",
        "Share this:", "Share on Facebook", "Share on Twitter", "Photo: Reuters",
        "(Photo by Aref Tammawi/AFP)", "Image credit: Getty", "John Moore/Getty Images",
        "AP Photo/Hussein Malla", "Read more: Turkey buys S-400", "Related: Russia and Turkey",
        "Subscribe to our newsletter", "Advertisement", "Sign up for our daily briefing",
    ]
    out = strip_boilerplate("\n".join(kept + dropped)).split("\n")
    assert out == kept


def test_boilerplate_is_stripped_from_text_files(tmp_path):
    path = write(tmp_path, "a.txt", "Share this:\n\n" + BODY + "\nLeave a Reply\nAdvertisement\n")
    (doc,) = read_documents([path]).documents
    assert doc.text == normalise_text(BODY)


def test_markdown_syntax_is_stripped_lightly(tmp_path):
    md = "# Turkey buys S-400\n\nThe **deal** was *signed* in [Moscow](https://x.example/m) by snake_case_names.\n"
    assert strip_markdown(md) == "Turkey buys S-400\n\nThe deal was signed in Moscow by snake_case_names.\n"
    (doc,) = read_documents([write(tmp_path, "a.md", md)]).documents
    assert doc.title == "Turkey buys S-400"
    assert "**" not in doc.text and "](" not in doc.text


# --- encodings -----------------------------------------------------------------------------


def test_latin1_file_decodes(tmp_path):
    text = ("Le ministre a déclaré à Zürich que la défense aérienne était prioritaire. "
            "Les négociations se poursuivront après la réunion de l'été.\n")
    (doc,) = read_documents([write(tmp_path, "fr.txt", text.encode("latin-1"))]).documents
    assert "déclaré à Zürich" in doc.text


def test_utf16_with_bom_file_decodes(tmp_path):
    path = write(tmp_path, "u16.txt", BODY.encode("utf-16"))  # Python writes the BOM
    result = read_documents([path])
    assert result.errors == ()
    assert result.documents[0].text == normalise_text(BODY)


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    (doc,) = read_documents([write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + BODY.encode())]).documents
    assert doc.text == normalise_text(BODY)


# --- bad files never stop the batch ----------------------------------------------------------


@pytest.mark.parametrize("name, content, reason", [
    ("binary.txt", b"\x89PNG\x00\x00\x01\x02 some bytes", "binary file (contains NUL bytes)"),
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\t\n", "empty file"),
    ("paper.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
])
def test_bad_file_is_reported_and_good_file_still_loads(tmp_path, name, content, reason):
    write(tmp_path, "good.txt", BODY)
    bad = write(tmp_path, name, content)
    result = read_documents([tmp_path])
    assert [d.source for d in result.documents] == ["good.txt"]
    error = error_for(result, bad)
    assert error.path == str(bad)
    assert error.reason.startswith(reason)


def test_oversize_file_is_reported_not_read_and_good_file_still_loads(tmp_path):
    write(tmp_path, "good.txt", BODY)
    big = write(tmp_path, "big.txt", b"x" * 1_300_000)
    result = read_documents([tmp_path], max_bytes=1_000_000)
    assert [d.source for d in result.documents] == ["good.txt"]
    assert error_for(result, big).reason == "file is 1.3 MB, above the 1 MB limit"


def test_unsupported_reason_lists_the_expected_types(tmp_path):
    path = write(tmp_path, "paper.pdf", b"%PDF-1.4")
    (error,) = read_documents([path]).errors
    assert error.reason == "unsupported file type '.pdf' (expected .txt, .md, .html, .htm, .json, .jsonl)"


def test_file_that_is_all_boilerplate_is_reported(tmp_path):
    path = write(tmp_path, "junk.txt", "Advertisement\n\nLeave a Reply\nShare this:\n")
    result = read_documents([path])
    assert result.documents == ()
    assert error_for(result, path).reason == "no article text left after removing boilerplate"


def test_a_single_path_string_is_accepted(tmp_path):
    write(tmp_path, "a.txt", BODY)
    assert [d.source for d in read_documents(str(tmp_path)).documents] == ["a.txt"]


def test_missing_path_is_reported(tmp_path):
    result = read_documents([tmp_path / "nope.txt"])
    assert result.errors == (IngestError(str(tmp_path / "nope.txt"), "no such file or folder"),)


def test_hidden_files_and_folders_are_skipped(tmp_path):
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, ".hidden.txt", "Hidden file text that should never load.")
    write(tmp_path, ".git/notes.txt", "Hidden folder text that should never load.")
    result = read_documents([tmp_path])
    assert [d.source for d in result.documents] == ["good.txt"]
    assert result.errors == ()


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    write(tmp_path, "b/z.txt", "Zulu story about Ankara and Moscow.")
    write(tmp_path, "b/a.txt", "Alpha story about Ankara and Moscow.")
    write(tmp_path, "a.txt", "Top story about Ankara and Moscow.")
    sources = [d.source for d in read_documents([tmp_path]).documents]
    assert sources == ["a.txt", "a.txt", "z.txt"]
    assert len({d.id for d in read_documents([tmp_path]).documents}) == 3


def test_symlink_out_of_the_folder_is_not_followed(tmp_path):
    outside = write(tmp_path, "outside/secret.txt", "Secret text outside the corpus folder.")
    corpus = tmp_path / "corpus"
    write(corpus, "good.txt", BODY)
    (corpus / "link.txt").symlink_to(outside)
    result = read_documents([corpus])
    assert [d.source for d in result.documents] == ["good.txt"]
    assert "outside the folder" in error_for(result, corpus / "link.txt").reason


# --- json and jsonl ------------------------------------------------------------------------


def test_jsonl_bad_line_is_reported_with_line_number_and_good_lines_load(tmp_path):
    lines = [
        json.dumps({"text": "Russia supplied Syria with air defence systems.", "title": "One", "outlet": "Wire"}),
        "{not json",
        "",
        json.dumps({"text": "Turkey criticised the United States over Kurdish militias.", "date": "2019-10"}),
        json.dumps({"title": "no text here"}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    result = read_documents([path])
    docs = by_source(result)
    assert sorted(docs) == ["batch.jsonl#1", "batch.jsonl#4"]
    assert (docs["batch.jsonl#1"].title, docs["batch.jsonl#1"].outlet) == ("One", "Wire")
    assert docs["batch.jsonl#4"].date == "2019-10"
    reasons = [e.reason for e in result.errors]
    assert all(e.path == str(path) for e in result.errors)
    assert reasons[0].startswith("not valid JSON on line 2: ")
    assert reasons[1] == "line 5 has no 'text' string"


def test_json_list_gives_one_document_per_object(tmp_path):
    items = [{"text": "NATO condemned the strike on Idlib.", "url": "https://x.example/1"},
             {"text": "Moscow rejected the accusation.", "title": "Moscow replies"}, "just a string"]
    path = write(tmp_path, "list.json", json.dumps(items))
    result = read_documents([path])
    docs = by_source(result)
    assert sorted(docs) == ["list.json#1", "list.json#2"]
    assert result.errors == (IngestError(str(path), "item 3 is not a JSON object"),)
    assert docs["list.json#1"].url == "https://x.example/1"
    assert docs["list.json#2"].title == "Moscow replies"


def test_json_object_and_invalid_json(tmp_path):
    good = write(tmp_path, "one.json", json.dumps({"text": BODY, "title": "Given title"}))
    bad = write(tmp_path, "bad.json", '{"text": "x",\n oops}')
    result = read_documents([good, bad])
    assert [(d.source, d.title) for d in result.documents] == [("one.json", "Given title")]
    assert error_for(result, bad).reason.startswith("not valid JSON on line 2: ")


# --- html ------------------------------------------------------------------------------------


def test_html_gives_title_metadata_and_main_text_without_script_or_style():
    result = read_documents([HTML_FIXTURE])
    assert result.errors == ()
    (doc,) = result.documents
    assert doc.title == "Turkey takes delivery of Russian S-400 despite US warnings"
    assert doc.outlet == "Example Herald"
    assert doc.date == "2019-07-12"
    assert doc.url == "https://herald.example.com/world/turkey-s400"
    assert "took delivery of the first parts of the Russian S-400" in doc.text
    assert "further deliveries would follow" in doc.text
    assert "SCRIPTMARKER" not in doc.text and "STYLEMARKER" not in doc.text
    assert "<p>" not in doc.text


def test_html_without_article_text_is_reported(tmp_path):
    path = write(tmp_path, "blank.html", "<html><head><title>t</title></head><body></body></html>")
    result = read_documents([path])
    assert result.documents == ()
    assert error_for(result, path).reason == "no article text found in the HTML"


def test_html_parser_failure_is_reported_and_batch_goes_on(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` fail
    write(tmp_path, "good.txt", BODY)
    page = write(tmp_path, "page.html", HTML_FIXTURE.read_text(encoding="utf-8"))
    result = read_documents([tmp_path])
    assert [d.source for d in result.documents] == ["good.txt"]
    reason = error_for(result, page).reason
    assert reason.startswith("HTML could not be read (") and "trafilatura" in reason


# --- identity ----------------------------------------------------------------------------------


def test_duplicate_content_is_kept_once(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "b.txt", BODY.replace("\n", "\r\n"))  # same text after normalisation
    result = read_documents([tmp_path])
    assert [d.source for d in result.documents] == ["a.txt"]


def test_document_id_is_stable_hash_of_normalised_text():
    assert document_id(BODY) == document_id(BODY)
    assert document_id(BODY) == document_id(BODY.replace("'", "\u2019").replace("\n", "\r\n"))
    assert document_id(BODY) != document_id(BODY + " More.")
    assert len(document_id(BODY)) == 16 and int(document_id(BODY), 16) >= 0


def test_progress_bar_does_not_change_results(tmp_path):
    for i in range(25):
        write(tmp_path, f"{i:02}.txt", f"Story number {i} about Turkey and Russia.")
    quiet = read_documents([tmp_path])
    loud = read_documents([tmp_path], progress=True)
    assert loud == quiet
    assert len(loud.documents) == 25
