"""Uploads are parsed off the request thread: the callback queues the batch and answers at once, the
page follows the job's progress, and other requests are answered while a parse runs."""
from __future__ import annotations

import threading
import time

from dash import no_update

from ui import callbacks, ids
from ui.access import Access
from ui.source import CorpusSource
from app import create_app

from test_ui_callbacks import curate, data_url, filters  # noqa: E402  (fires callbacks as Dash would)
from test_ui_elements import by_class, text_of  # noqa: E402

GOOD = b"Greece condemns Turkey over Cyprus\n\nGreece condemned Turkey over the drilling near Cyprus."


def _slow_source(seed_store_copy, nlp):
    """A source whose parser waits for `release` (and sets `parsing` when it starts)."""
    parsing, release = threading.Event(), threading.Event()

    def slow_pipeline():
        parsing.set()
        assert release.wait(60), "the test never released the parser"
        return nlp
    return CorpusSource(store_path=seed_store_copy, nlp=slow_pipeline), parsing, release


def _poll_until_done(source, job, timeout=120.0):
    """Poll as the page's interval does; returns every progress line seen and the final answer."""
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = callbacks.upload_progress(1, job, source=source)
        if out[4] is True:
            return lines, out
        lines.append(text_of(out[0]))
        time.sleep(0.05)
    raise AssertionError(f"the upload job did not finish; seen: {lines}")


def test_an_upload_answers_at_once_and_other_requests_are_answered_while_it_parses(seed_store_copy, nlp):
    source, parsing, release = _slow_source(seed_store_copy, nlp)
    try:
        before = source.current()
        t0 = time.perf_counter()
        progress, status, status_class, job, stop = callbacks.upload(
            {"contents": [data_url(GOOD)], "filenames": ["greece.txt"]}, source=source)
        assert time.perf_counter() - t0 < 5 and status == "Upload queued: 1 file." and stop is False
        assert "upload-progress" in progress.className and job["job"]
        assert parsing.wait(10), "the worker should be parsing"

        # a read (a filter change) and another write (a merge) are answered while the article parses
        t0 = time.perf_counter()
        figure = callbacks.update_actors(ids.TAB_ACTORS, *filters(before), before.version, source=source)
        assert figure is not None
        version, merged, merged_class, *_ = curate(source, f"{ids.MERGE_BUTTON}.n_clicks",
                                                   keep="united-states", drop="pentagon")
        assert merged_class == "status is-ok" and time.perf_counter() - t0 < 30
        line = text_of(callbacks.upload_progress(1, job, source=source)[0])
        assert line == "Parsing 0 of 1 article…", line
        assert source.jobs.get(job["job"]).state == "parsing"
    finally:
        release.set()
    _, (report, new_version, status, status_class, stop) = _poll_until_done(source, job)
    assert "added 1 article" in text_of(report) and status == "Added 1 article." and status_class == "status is-ok"
    assert new_version == source.current().version and source.current().stats["articles"] == 6
    assert "pentagon" not in source.current().graph  # the merge made during the parse is kept


def test_the_progress_reaches_done_with_the_report_of_each_file(seed_store_copy, nlp):
    source = CorpusSource(store_path=seed_store_copy, nlp=nlp)
    other = b"Japan curbs exports to South Korea\n\nJapan restricted exports of chemicals to South Korea."
    _, status, _, job, _ = callbacks.upload(
        {"contents": [data_url(GOOD), data_url(b"%PDF-1.4"), data_url(other)],
         "filenames": ["greece.txt", "scan.pdf", "japan.txt"]}, source=source)
    assert status == "Upload queued: 3 files."
    lines, (report, version, status, status_class, stop) = _poll_until_done(source, job)
    assert all(line.startswith(("Upload queued: 3 files", "Parsing ")) for line in lines), lines
    assert "added 2 articles" in text_of(report)
    errors = [text_of(e) for e in by_class(report, "upload-error")]
    assert len(errors) == 1 and errors[0].startswith("scan.pdf — unsupported file type '.pdf'")
    assert status == "Added 2 articles; 1 file problem listed in the Articles tab." and status_class == "status is-error"
    assert version == source.current().version and source.current().stats["articles"] == 7
    # the page stops polling; an unknown job stops it too and changes nothing
    assert callbacks.upload_progress(2, {"job": "no-such-job"}, source=source) == (no_update,) * 4 + (True,)


def test_a_queued_upload_still_needs_the_secret(seed_store_copy):
    source = CorpusSource(store_path=seed_store_copy, access=Access(secret="s3cret enough to pass"))
    app = create_app(source=source)
    with app.server.test_request_context("/_dash-update-component", method="POST"):
        report, status, status_class, job, stop = callbacks.upload(
            {"contents": [data_url(GOOD)], "filenames": ["greece.txt"]}, source=source)
    assert "needs the secret" in status and status_class == "status is-error"
    assert job is no_update and source._jobs is None  # nothing queued
    assert source.current().stats["articles"] == 5
