"""Where a store lives: an SQLite file or a PostgreSQL database, reached through SQLAlchemy Core.

`locate` reads what `--db` was given (a file path or a ``postgresql://`` URL); `engine_for`
opens it; `describe` turns a database failure into plain words; `transient` says whether a
failure is worth one more try (a server restarting, a dropped connection, a deadlock).
`reported` turns a failure met while using a store into a :class:`StoreError` naming it. Only this
module and `graph.store` touch a database driver.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

class StoreError(Exception):
    """A store that cannot be opened or used; the message names the store and the reason.

    Attributes:
        transient: The failure may pass (a database server restarting): trying again may work.
    """

    def __init__(self, message: str, *, transient: bool = False):
        super().__init__(message)
        self.transient = transient


BUSY_TIMEOUT_S = 120  # how long an SQLite writer waits for another process's transaction
CONNECT_TIMEOUT_S = 10  # how long to wait for a PostgreSQL server that does not answer
SERVER_SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class Location:
    """A store as given on the command line.

    Attributes:
        target: The SQLite file path or the database URL, as given.
        server: Whether it is a PostgreSQL database (else an SQLite file).
        name: How messages name it: the path, or the URL with its password hidden.
    """

    target: str
    server: bool
    name: str

    @property
    def path(self) -> Path | None:
        """The SQLite file; None for a server."""
        return None if self.server else Path(self.target)


def is_server(target: str | os.PathLike[str]) -> bool:
    """Whether `target` names a PostgreSQL database (a ``postgresql://`` URL) rather than a file."""
    return str(target).split(":", 1)[0].split("+", 1)[0].lower() in SERVER_SCHEMES and "://" in str(target)


def locate(target: str | os.PathLike[str]) -> Location:
    """Read a `--db` value.

    Raises:
        ValueError: A database URL that cannot be parsed (the message says why).
    """
    text = os.fspath(target)
    if not is_server(text):
        return Location(text, False, text)
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise ValueError(f"{_hide_password(text)}: not a database URL ({exc})") from None
    if not url.database:
        raise ValueError(f"{url.render_as_string(hide_password=True)}: the URL names no database "
                         "(postgresql://USER@HOST:PORT/DBNAME)")
    return Location(text, True, url.render_as_string(hide_password=True))


def _hide_password(text: str) -> str:
    head, at, tail = text.rpartition("@")
    if not at or ":" not in head.split("://", 1)[-1]:
        return text
    scheme, _, user = head.partition("://")
    return f"{scheme}://{user.split(':', 1)[0]}:***@{tail}"


def shown_name(target: str | os.PathLike[str]) -> str:
    """How messages name a store: its path, or its URL without the password."""
    try:
        return locate(target).name
    except ValueError:
        return "the database URL given"


def file_signature(path: str | os.PathLike[str]) -> tuple:
    """An SQLite store's file and write-ahead log, by modification time and size (no query)."""
    out = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(f"{os.fspath(path)}{suffix}")
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


_engines: dict[tuple[str, bool], Engine] = {}
_engines_lock = threading.Lock()


def engine_for(location: Location, *, read_only: bool = False) -> Engine:
    """An engine for the store.

    SQLite: a new engine on one connection (the caller disposes of it when the store closes);
    ``mode=ro`` when read-only, ``immutable=1`` where nothing can be written. PostgreSQL: one
    pooled engine per URL and mode for the whole process, shared by every store opened on it;
    read-only sessions are refused every write by the server.
    """
    if not location.server:
        return _sqlite_engine(Path(location.target), read_only)
    key = (location.target, read_only)
    with _engines_lock:
        if key not in _engines or _engines[key].pool is None:
            url = make_url(location.target).set(drivername="postgresql+psycopg")
            options = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "newsgraph"}
            if read_only:
                options["options"] = "-c default_transaction_read_only=on"
            _engines[key] = create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=8,
                                          connect_args=options)
        return _engines[key]


def forget_engines() -> None:
    """Close every pooled server connection of this process (after a fork, or at exit)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def _sqlite_engine(path: Path, read_only: bool) -> Engine:
    def connect() -> sqlite3.Connection:
        if read_only:  # immutable where nothing can be written (WAL's lock files included)
            writable = os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)
            uri = f"{path.resolve().as_uri()}?{'mode=ro' if writable else 'immutable=1'}"
            return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a crash never corrupts
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def begin(conn) -> None:  # the driver's own transaction handling is off: say BEGIN ourselves
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writing") else "BEGIN")

    return engine


def driver_error(exc: BaseException) -> BaseException:
    """The driver's own exception behind an SQLAlchemy one (or `exc` itself)."""
    return getattr(exc, "orig", None) or exc if isinstance(exc, DBAPIError) else exc


def busy(exc: BaseException) -> bool:
    """SQLite answered "locked" or "busy" at once (two programs creating one store, say)."""
    msg = str(driver_error(exc)).lower()
    return isinstance(driver_error(exc), sqlite3.Error) and ("locked" in msg or "busy" in msg)


_TRANSIENT = ("terminating connection", "server closed the connection", "connection refused",
              "the database system is starting up", "the database system is shutting down",
              "the database system is in recovery mode", "deadlock detected", "could not serialize",
              "connection is closed", "consuming input failed", "connection timeout expired", "ssl syscall error",
              "connection to server", "no connection to the server", "connection already closed")


def transient(exc: BaseException) -> bool:
    """A server failure that another try may not meet: the server restarting or out of reach
    for a moment, a dropped connection, a deadlock or serialisation failure."""
    if not isinstance(exc, DBAPIError) or isinstance(driver_error(exc), sqlite3.Error):
        return False
    if getattr(exc, "connection_invalidated", False):
        return True
    msg = str(driver_error(exc)).lower()
    return any(marker in msg for marker in _TRANSIENT) and "authentication" not in msg \
        and "does not exist" not in msg


def describe(exc: BaseException) -> str:
    """Plain words for a failure met while opening or using a store (SQLite or PostgreSQL)."""
    orig = driver_error(exc)
    msg = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    if isinstance(orig, sqlite3.Error):
        if "file is not a database" in msg or "malformed" in msg:
            return f"not a newsgraph store ({msg})"
        if "unable to open" in msg or "readonly" in msg or "disk I/O" in msg:
            return f"cannot open the store ({msg})"
        if "locked" in msg or "busy" in msg:
            return f"store is busy: another program has held it for over {BUSY_TIMEOUT_S} s ({msg})"
        return f"not a usable newsgraph store ({msg})"
    low = str(orig).lower()
    if "password authentication failed" in low or "no password supplied" in low or \
            ("role" in low and "does not exist" in low) or "no pg_hba.conf entry" in low:
        return f"the server refused the login ({_detail(orig)})"
    if "database" in low and "does not exist" in low:
        return f"no such database on the server ({_detail(orig)}); create it with createdb"
    if "permission denied" in low or "read-only transaction" in low:
        return f"permission denied ({_detail(orig)})"
    if transient(exc) or "could not translate host name" in low or "timeout" in low:
        return f"cannot reach the database server ({_detail(orig)})"
    if isinstance(exc, SQLAlchemyError) or isinstance(orig, Exception):
        return f"database error ({_detail(orig)})"
    return msg


def _detail(orig: BaseException) -> str:
    """The meaningful line of a driver's message (psycopg's start with 'connection failed: …')."""
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    if not lines:
        return type(orig).__name__
    line = lines[-1] if len(lines) > 1 and lines[-1].startswith(("FATAL", "ERROR")) else lines[0]
    return line.removeprefix("connection failed: ")[:300]


@contextmanager
def reported(name: str | os.PathLike[str]) -> Iterator[None]:
    """Raise a database failure met inside the block as a StoreError naming the store.

    For readers of a store (the explorer's source, say), so that only the store knows its database.
    """
    try:
        yield
    except (SQLAlchemyError, sqlite3.Error) as exc:
        error = StoreError(f"{name}: {describe(exc)}", transient=transient(exc))
        error.busy = busy(exc)
        raise error from None
