"""Permission to write: the secret, read-only sharing, the Host allow-list, the Origin check, headers."""
from __future__ import annotations

import argparse
import json

import pytest

from app import access_from_args, create_app
from graph.store import Store
from ui import ids
from ui.access import COOKIE, Access, access_for
from ui.source import CorpusSource

from test_ui_callbacks import curate  # noqa: E402  (fires a callback as Dash would)
from helpers import upload_and_wait  # noqa: E402

SECRET = "correct horse battery staple"


@pytest.fixture
def guarded(seed_store_copy):
    """An app over a copy of the seed store whose writes need SECRET."""
    source = CorpusSource(store_path=seed_store_copy, access=Access(secret=SECRET))
    return create_app(source=source), source


def _log_length(source) -> int:
    with Store(source.store_path, create=False) as store:
        return len(store.curation_log())


def _layout_component(app, cookie: str | None, component_id: str) -> dict:
    client = app.server.test_client()
    if cookie:
        client.set_cookie(COOKIE, cookie, domain="localhost")
    layout = client.get("/_dash-layout").get_json()

    def walk(node):
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == component_id:
                return node
            for value in node.get("props", {}).values():
                if (found := walk(value)) is not None:
                    return found
        elif isinstance(node, list):
            for item in node:
                if (found := walk(item)) is not None:
                    return found
        return None
    return walk(layout)


def test_a_write_callback_without_the_secret_is_refused_and_changes_nothing(guarded):
    app, source = guarded
    with app.server.test_request_context("/_dash-update-component", method="POST"):
        out = curate(source, f"{ids.MERGE_BUTTON}.n_clicks", keep="united-states", drop="pentagon")
    assert "needs the secret" in out[1] and out[2] == "status is-error"
    assert _log_length(source) == 0


def test_a_write_callback_with_the_secret_cookie_is_kept(guarded):
    app, source = guarded
    cookie = f"{COOKIE}={source.access.cookie_value()}"
    with app.server.test_request_context("/_dash-update-component", method="POST", headers={"Cookie": cookie}):
        out = curate(source, f"{ids.MERGE_BUTTON}.n_clicks", keep="united-states", drop="pentagon")
    assert out[2] == "status is-ok" and _log_length(source) == 1


def test_the_token_link_logs_in_with_an_http_only_samesite_cookie_and_drops_the_token(guarded):
    app, source = guarded
    response = app.server.test_client().get(f"/?token={SECRET}&node=turkey")
    assert response.status_code == 303 and response.headers["Location"] == "/?node=turkey"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}={source.access.cookie_value()}")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and SECRET not in cookie


def test_a_wrong_token_or_password_is_refused(guarded):
    app, _ = guarded
    client = app.server.test_client()
    assert client.get("/?token=guess").status_code == 403
    assert client.post("/login", data={"secret": "guess"}).status_code == 403
    ok = client.post("/login", data={"secret": SECRET})
    assert ok.status_code == 303 and COOKIE in ok.headers["Set-Cookie"]


def test_the_write_controls_are_disabled_without_the_secret_and_enabled_with_it(guarded):
    app, source = guarded
    assert _layout_component(app, None, ids.MERGE_BUTTON)["props"]["disabled"] is True
    assert _layout_component(app, None, ids.UPLOAD)["props"]["disabled"] is True
    assert _layout_component(app, source.access.cookie_value(), ids.MERGE_BUTTON)["props"]["disabled"] is False


def test_a_foreign_host_is_refused(guarded):
    app, _ = guarded
    client = app.server.test_client()
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 403
    assert client.get("/", headers={"Host": "attacker.example:8050"}).status_code == 403
    assert client.get("/_dash-layout", headers={"Host": "127.0.0.1:8050"}).status_code == 200


def test_an_allowed_host_is_answered(seed_store_copy):
    access, _ = access_for("0.0.0.0", password=SECRET, allowed_hosts=("news.example.org",))
    app = create_app(store=seed_store_copy, access=access)
    assert app.server.test_client().get("/_dash-layout", headers={"Host": "news.example.org"}).status_code == 200


def test_a_post_from_a_foreign_origin_is_refused(guarded):
    app, _ = guarded
    body = {"output": f"{ids.STATUS}.children", "outputs": {}, "inputs": [], "changedPropIds": []}
    response = app.server.test_client().post("/_dash-update-component", json=body,
                                             headers={"Origin": "http://attacker.example"})
    assert response.status_code == 403
    assert app.server.test_client().post("/login", data={"secret": SECRET},
                                         headers={"Origin": "null"}).status_code == 403


def test_every_answer_carries_the_security_headers(guarded):
    app, _ = guarded
    for path in ("/", "/_dash-layout", "/login"):
        headers = app.server.test_client().get(path).headers
        assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "'unsafe-eval'" not in csp and "script-src 'self' 'sha256-" in csp


def test_a_malformed_callback_body_gets_400_with_a_short_message(guarded):
    app, _ = guarded
    client = app.server.test_client()
    for data in (b"{not json", b"[]", json.dumps({"output": 3}).encode(), b"[" * 100_000):
        response = client.post("/_dash-update-component", data=data, content_type="application/json")
        assert response.status_code == 400 and len(response.data) < 100 and b"Traceback" not in response.data


def test_read_only_turns_writes_off_for_everyone(seed_store_copy):
    access, line = access_for("127.0.0.1", read_only=True)
    source = CorpusSource(store_path=seed_store_copy, access=access)
    app = create_app(source=source)
    assert "read-only" in line and not source.writable
    with app.server.test_request_context("/"):
        out = curate(source, f"{ids.MERGE_BUTTON}.n_clicks", keep="united-states", drop="pentagon")
    assert "read-only" in out[1] and _log_length(source) == 0


def test_binding_beyond_loopback_without_a_secret_refuses_writes_and_says_why():
    access, line = access_for("0.0.0.0", open_writes=True)
    assert access.read_only and "beyond this machine" in line and "--password" in line
    assert access_for("127.0.0.1", open_writes=True)[0].granted()


def test_serve_prints_a_token_link_by_default_and_takes_the_password_from_the_environment(capsys, monkeypatch):
    args = argparse.Namespace(host="127.0.0.1", port=8123, password=None, read_only=False, allowed_host=[],
                              no_secret=False)
    monkeypatch.delenv("NEWSGRAPH_PASSWORD", raising=False)
    access = access_from_args(args)
    assert f"http://127.0.0.1:8123/?token={access.secret}" in capsys.readouterr().err and len(access.secret) >= 24
    monkeypatch.setenv("NEWSGRAPH_PASSWORD", SECRET)
    assert access_from_args(args).secret == SECRET and "/login" in capsys.readouterr().err


def test_an_upload_named_like_an_earlier_one_is_kept_as_a_new_version_and_said_so(seed_store_copy):
    from test_ui_callbacks import data_url
    from test_ui_elements import by_class, text_of

    from ui import callbacks

    source = CorpusSource(store_path=seed_store_copy)
    first = b"Greece criticized Turkey over the drilling near Cyprus."
    second = b"Greece praised Turkey for the talks on Cyprus."
    upload_and_wait({"contents": [data_url(first)], "filenames": ["note.txt"]}, source=source)
    report, _, status, _ = upload_and_wait({"contents": [data_url(second)], "filenames": ["note.txt"]}, source=source)
    assert source.current().stats["articles"] == 7  # five seeds and both versions
    notes = [text_of(n) for n in by_class(report, "upload-note")]
    assert notes == ["note.txt — an article of this name is stored already with other text; "
                     "kept as a new version beside it"]
    assert status.startswith("Added 1 article")


def test_a_callback_body_other_than_an_upload_is_capped(guarded):
    from ui.access import MAX_CALLBACK_BYTES

    app, _ = guarded
    body = {"output": f"{ids.PANEL}.children", "outputs": {"id": ids.PANEL, "property": "children"},
            "inputs": [{"id": ids.SELECTION_STORE, "property": "data", "value": "x" * MAX_CALLBACK_BYTES}],
            "changedPropIds": [f"{ids.SELECTION_STORE}.data"]}
    response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code == 413 and response.data.strip() == b"Request too large."


def test_the_token_never_reaches_the_request_log(guarded):
    import logging

    record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1, '%s - - [%s] %s', (
        "127.0.0.1", "now", f'"GET /?node=turkey&token={SECRET.replace(" ", "+")} HTTP/1.1" 303 -'), None)
    assert all(f.filter(record) for f in logging.getLogger("werkzeug").filters)
    line = record.getMessage()
    assert "token=…" in line and "horse" not in line and "node=turkey" in line


def test_the_page_of_a_version_is_built_once_per_kind_of_visitor_and_anew_after_a_change(seed_store_copy,
                                                                                        monkeypatch):
    import app as app_module

    built = []
    real = app_module.build_layout
    monkeypatch.setattr(app_module, "build_layout", lambda corpus, **kw: built.append(kw["writable"]) or real(corpus, **kw))
    source = CorpusSource(store_path=seed_store_copy, access=Access(secret=SECRET))
    app = create_app(source=source)
    client = app.server.test_client()
    first, again = (client.get("/_dash-layout").get_data() for _ in range(2))
    assert first == again and built == [False]  # a visitor without the secret: one build, served twice
    assert _layout_component(app, source.access.cookie_value(), ids.MERGE_BUTTON)["props"]["disabled"] is False
    assert built == [False, True]  # a visitor with the secret gets the page with its write controls
    with Store(source.store_path, create=False) as store:
        store.append_curation({"action": "merge", "keep": "united-states", "drop": "pentagon"})
    after = client.get("/_dash-layout").get_data()
    assert built == [False, True, False] and after != first  # a new version is a new page
