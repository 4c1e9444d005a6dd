"""Shared fixtures and the browser-test switchboard.

Browser tests (``tests/browser/``, marker ``browser``) drive headless Chromium through
dash[testing]. When Chromium or chromedriver is missing they are skipped, unless
``REQUIRE_BROWSER=1`` is set (as in CI), in which case they fail: a browser suite that
silently skips proves nothing.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SAMPLE_GRAPH = TESTS / "data" / "sample_graph.json"
BROWSER_DIR = TESTS / "browser"

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1600,1000",
)


def chromium_path() -> str | None:
    """Return the Chromium binary to drive, or ``None`` when there is none."""
    override = os.environ.get("DASH_TEST_CHROMEPATH")
    if override:
        return override if Path(override).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def chromedriver_path() -> str | None:
    """Return the chromedriver on PATH, or ``None``."""
    return shutil.which("chromedriver")


WEBDRIVER_TIMEOUT_S = 60


def pytest_configure(config: pytest.Config) -> None:
    # Without a display Chromium can only run headless; spare callers from remembering --headless.
    if not os.environ.get("DISPLAY") and hasattr(config.option, "headless"):
        config.option.headless = True
    # dash[testing] pins selenium<=4.2, whose default timeout is a sentinel object that
    # urllib3 2 rejects ("Timeout value connect was <object ...>"); a number suits both.
    try:
        from selenium.webdriver.remote.remote_connection import RemoteConnection
    except ImportError:
        return
    RemoteConnection.set_timeout(WEBDRIVER_TIMEOUT_S)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _browser_available(request: pytest.FixtureRequest) -> None:
    """Skip (or, with REQUIRE_BROWSER=1, fail) browser tests when Chromium cannot run."""
    if request.node.get_closest_marker("browser") is None:
        return
    missing = [name for name, path in (("chromium", chromium_path()), ("chromedriver", chromedriver_path()))
               if path is None]
    if not missing:
        return
    message = f"browser test needs {' and '.join(missing)} (not found)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message + "; REQUIRE_BROWSER=1 forbids skipping", pytrace=False)
    pytest.skip(message)


def pytest_setup_options():
    """Chrome options for dash[testing]'s webdriver: our Chromium, quiet and sandbox-free."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    binary = chromium_path()
    if binary:
        options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    return options


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dash_duo(dash_duo):
    """dash[testing]'s fixture, serving on a free port.

    Its own ports count up from 58050 in every process, so two test runs on one machine (two
    checkouts, or CI beside a developer) would otherwise serve on the same port and read each
    other's pages.
    """
    start_server = dash_duo.start_server

    def start_on_free_port(app, navigate=True, **kwargs):
        kwargs.setdefault("port", free_port())
        return start_server(app, navigate=navigate, **kwargs)

    dash_duo.start_server = start_on_free_port
    return dash_duo


@pytest.fixture(scope="session")
def nlp():
    """The default English pipeline with the actor component, loaded once."""
    from graph.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture
def sample_graph() -> dict:
    """A fresh copy of the hand-made seed fixture graph (DESIGN.md section 4 format)."""
    return json.loads(SAMPLE_GRAPH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus store of the five seed articles, built once per test session in a temporary folder.

    Parsing the seeds with spaCy takes a few seconds, so it is done once; tests that write to
    a store take a copy (:func:`seed_store_copy`). The user's cache is never touched.
    """
    from graph.pipeline import SEEDS_DIR, ingest_paths
    from graph.store import Store

    path = tmp_path_factory.mktemp("seed-corpus") / "seeds.db"
    with Store(path) as store:
        report = ingest_paths(store, [SEEDS_DIR])
    assert not report.errors, report.errors
    return path


@pytest.fixture
def seed_store_copy(seed_corpus: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the seed corpus store for one test."""
    target = tmp_path / "store" / "corpus.db"
    target.parent.mkdir()
    shutil.copyfile(seed_corpus, target)
    return target


@pytest.fixture
def sample_g(sample_graph: dict):
    """The fixture graph as the MultiDiGraph `graph.build` makes."""
    from graph.export import from_node_link

    return from_node_link(sample_graph)


@pytest.fixture
def sample_corpus(sample_graph: dict):
    """The explorer's snapshot of the fixture graph (read-only: no store)."""
    from ui.source import CorpusSource

    return CorpusSource(data=sample_graph).current()


# ---- PostgreSQL and Dask: real servers, started by .ci/run (never mocked) -------------------------
PG_ENV = "NEWSGRAPH_TEST_PG"


def _in_ci() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL database .ci/run creates ($NEWSGRAPH_TEST_PG); tests make their own beside it.

    Missing or unreachable: under CI (REQUIRE_BROWSER=1 or CI=true) the test fails, elsewhere it
    is skipped with the reason.
    """
    url = os.environ.get(PG_ENV)
    problem = None if url else f"${PG_ENV} is not set (postgresql://USER:PASSWORD@HOST:PORT/DBNAME; .ci/run sets it)"
    if url:
        import psycopg

        try:
            psycopg.connect(url, connect_timeout=5).close()
        except psycopg.Error as exc:
            problem = f"PostgreSQL at ${PG_ENV} cannot be reached: {str(exc).strip().splitlines()[-1]}"
    if problem:
        if _in_ci():
            pytest.fail(problem + "; CI forbids skipping", pytrace=False)
        pytest.skip(problem)
    return url


@pytest.fixture
def pg_url(pg_server: str):
    """A new, empty PostgreSQL database for one test (dropped after it); its URL."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    name = f"newsgraph_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    yield url
    from graph.database import forget_engines

    forget_engines()
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def dask_client():
    """A real LocalCluster of two worker processes, shared by the tests of a session."""
    from graph.distributed import connect

    with connect("local:2") as client:
        yield client
