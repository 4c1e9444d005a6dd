"""Who may write, and the explorer's HTTP guard: the secret, the Host allow-list, the Origin check, headers.

An :class:`Access` says whether the corpus may be written and with which secret. The secret
is given once (the token printed at start, ``/?token=…``, or the password on ``/login``) and
then kept in an HTTP-only, SameSite=Strict cookie holding a digest of it, never the secret
itself. Every write callback asks :meth:`Access.granted` on the server; the page only mirrors
the answer by disabling its write controls. :func:`guard` fences the Flask server: requests
naming a foreign Host are refused (DNS rebinding), POSTs from a foreign Origin are refused
(CSRF), malformed callback bodies get 400, and every answer carries the security headers.
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import html
import ipaddress
import json
import logging
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from flask import Flask, Response, has_request_context, redirect, request

from ui import ids

log = logging.getLogger(__name__)

COOKIE = "newsgraph_write"
ENV_PASSWORD = "NEWSGRAPH_PASSWORD"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
CALLBACK_PATH = "/_dash-update-component"
MAX_CALLBACK_BYTES = 1_000_000  # a callback body other than an upload (the page sends a few kB at most)
NO_STORE = "needs a corpus store (start with --db)"


@dataclass(frozen=True)
class Access:
    """Whether this server may write its corpus, and the secret a visitor needs to.

    Args:
        secret: The token or password a writer gives; None lets every visitor write (for
            a caller that fences the server itself, such as a test; the command line always
            sets one or turns writes off).
        read_only: Writes are off for everyone.
        allowed_hosts: Host names the server answers to (the port is not part of them).
        why: Why writes are off, shown where the write controls are.
    """

    secret: str | None = None
    read_only: bool = False
    allowed_hosts: frozenset[str] = LOOPBACK_HOSTS
    why: str = ""

    def cookie_value(self) -> str:
        """What the cookie holds after a login: a digest of the secret, not the secret."""
        return hmac.new(str(self.secret).encode(), b"newsgraph-write", hashlib.sha256).hexdigest()

    def checks(self, given: str | None) -> bool:
        """Whether `given` is the secret (compared in constant time)."""
        return self.secret is not None and given is not None and hmac.compare_digest(
            given.encode("utf-8", "replace"), self.secret.encode("utf-8", "replace"))

    def granted(self) -> bool:
        """Whether the request being answered may write."""
        if self.read_only:
            return False
        if self.secret is None:
            return True
        if not has_request_context():
            return False
        return hmac.compare_digest(request.cookies.get(COOKIE, "").encode("utf-8", "replace"),
                                   self.cookie_value().encode())

    def refusal(self) -> str:
        """Why the request being answered may not write ("" when it may)."""
        if self.granted():
            return ""
        if self.read_only:
            return self.why or "This corpus is shared read-only."
        return ("Writing needs the secret: open the link with the token that `newsgraph serve` printed, "
                "or log in at /login.")


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.strip("[]").lower() in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def access_for(host: str, *, password: str | None = None, read_only: bool = False, open_writes: bool = False,
               allowed_hosts: tuple[str, ...] = ()) -> tuple[Access, str]:
    """The access a server bound to `host` gets from its options, and the line to print at start.

    Args:
        host: The address the server binds.
        password: A secret chosen by the operator (``--password`` or ``NEWSGRAPH_PASSWORD``);
            without one a random token is made.
        read_only: ``--read-only``: no writes at all.
        open_writes: ``--no-secret``: anyone who reaches the page may write; honoured on a
            loopback address only.
        allowed_hosts: Extra host names (``--allowed-host``) the server answers to.
    """
    hosts = LOOPBACK_HOSTS | {h.strip().lower() for h in allowed_hosts if h.strip()}
    if host not in ("0.0.0.0", "::", "") and not is_loopback(host):
        hosts |= {host.strip("[]").lower()}
    if read_only:
        return Access(read_only=True, allowed_hosts=hosts, why="This corpus is shared read-only."), \
            "Writes are off (--read-only)."
    if open_writes and not password:
        if is_loopback(host):
            return Access(allowed_hosts=hosts), "Writes are open to anyone on this machine (--no-secret)."
        why = (f"Writes are off: the server listens beyond this machine ({host}) without a secret; "
               f"give --password or {ENV_PASSWORD}.")
        return Access(read_only=True, allowed_hosts=hosts, why=why), why
    if password:
        return Access(secret=password, allowed_hosts=hosts), "Writes need the password: log in at /login."
    token = secrets.token_urlsafe(24)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return Access(secret=token, allowed_hosts=hosts), \
        f"Writes need the token; open the explorer with it: http://{shown}:{{port}}/?token={token}"


def add_access_arguments(parser: argparse.ArgumentParser) -> None:
    """The options that say who may write: --password, --read-only, --allowed-host, --no-secret."""
    parser.add_argument("--password", help=f"the secret writers give (default: ${ENV_PASSWORD}, else a token "
                                           "printed at start)")
    parser.add_argument("--read-only", action="store_true", help="no uploads or curation, for anyone")
    parser.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                        help="a host name the server answers to besides 127.0.0.1 and localhost (repeatable)")
    parser.add_argument("--no-secret", action="store_true",
                        help="anyone who reaches the page may write (honoured on a loopback address only)")


def _host_name(netloc: str) -> str:
    """The host of a ``host:port`` (IPv6 in brackets), lower case."""
    if netloc.startswith("["):
        return netloc[1:].split("]", 1)[0].lower()
    return netloc.rsplit(":", 1)[0].lower() if netloc.count(":") == 1 else netloc.lower()


def _malformed_callback(body: object) -> bool:
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return True
    for key in ("inputs", "state", "changedPropIds"):
        if key in body and not isinstance(body[key], list):
            return True
    return not isinstance(body.get("inputs"), list)


class RedactToken(logging.Filter):
    """Keep the token out of the request log: Werkzeug logs each request line with its query."""

    PATTERN = re.compile(r"([?&]token=)[^&\s\"]+")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self.PATTERN.sub(r"\1…", a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = self.PATTERN.sub(r"\1…", record.msg)
        return True


def content_security_policy(script_hashes: list[str]) -> str:
    """The CSP: scripts from this server (and Dash's own inline ones, by hash), nothing framed."""
    return "; ".join([
        "default-src 'self'", "script-src 'self' " + " ".join(script_hashes), "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:", "font-src 'self' data:", "connect-src 'self'", "object-src 'none'",
        "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"])


LOGIN_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>newsgraph — log in</title></head>
<body><form method="post" action="/login"><p>{message}</p>
<label>Secret <input type="password" name="secret" autofocus></label> <button type="submit">Log in</button>
</form></body></html>"""


def guard(server: Flask, access: Access, script_hashes: list[str]) -> None:
    """Fence `server`: Host allow-list, Origin check on POSTs, login, 400 for malformed callbacks, headers."""
    csp = content_security_policy(script_hashes)
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactToken) for f in werkzeug.filters):
        werkzeug.addFilter(RedactToken())

    def refuse(status: int, message: str) -> Response:
        log.warning("refused %s %s from %s: %s", request.method, request.path, request.remote_addr, message)
        return Response(message + "\n", status=status, mimetype="text/plain")

    def logged_in(target: str) -> Response:
        response = redirect(target, code=303)
        response.set_cookie(COOKIE, access.cookie_value(), httponly=True, samesite="Strict",
                            secure=request.is_secure, path="/")
        log.info("login from %s", request.remote_addr)
        return response

    @server.before_request
    def _check():
        if _host_name(request.host) not in access.allowed_hosts:
            return refuse(403, "Host not allowed (start the server with --allowed-host NAME to allow it).")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
                return refuse(403, "Cross-origin request refused.")
        if request.path == "/login":
            if request.method == "POST":
                if access.checks(request.form.get("secret")):
                    return logged_in("/")
                log.warning("failed login from %s", request.remote_addr)
                return Response(LOGIN_PAGE.format(message="That is not the secret."), status=403,
                                mimetype="text/html")
            return Response(LOGIN_PAGE.format(message=html.escape(access.refusal() or "You may write.")),
                            mimetype="text/html")
        if request.method == "GET" and "token" in request.args:
            if not access.checks(request.args.get("token")):
                return refuse(403, "That token is not this server's.")
            rest = [(k, v) for k, v in request.args.items(multi=True) if k != "token"]
            return logged_in(request.path + (f"?{urlencode(rest)}" if rest else ""))
        if request.method == "POST" and request.path == CALLBACK_PATH:
            try:
                body = json.loads(request.get_data(cache=True) or b"null")
            except (ValueError, RecursionError):
                return refuse(400, "Malformed callback request: not JSON.")
            if _malformed_callback(body):
                return refuse(400, "Malformed callback request.")
            if len(request.get_data(cache=True)) > MAX_CALLBACK_BYTES and ids.UPLOAD_REPORT not in body["output"]:
                return refuse(413, "Request too large.")
        return None

    @server.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
