"""The production server: `newsgraph serve --processes 2` under real gunicorn, on loopback, over a seed store copy.

One server serves the module's tests (started once: the app loads in the master, then two
processes are forked). They show that both processes answer, with the access rules in each;
that the secret printed at start is honoured by every process; that an upload written through
one process is seen by the other, and its job can be polled through either; that a short
load test gets no error and every answer its session's; and that SIGTERM stops the lot.
"""
from __future__ import annotations

import base64
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from cli.dash_page import Page
from cli.loadtest import Session, Tally, run as loadtest, server_processes
from tests.conftest import free_port
from ui import ids
from ui.jobs import UploadJobs
from ui.serving import jobs_folder

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 120
LOOKS = 32


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.fixture(scope="module")
def server(seed_corpus, tmp_path_factory):
    """A `newsgraph serve --processes 2` of a seed store copy: its address, process, token and log."""
    folder = tmp_path_factory.mktemp("served")
    db = folder / "corpus.db"
    shutil.copyfile(seed_corpus, db)
    port = free_port()
    log_path = folder / "serve.log"
    log = log_path.open("w")
    proc = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--db", str(db), "--port", str(port),
                             "--processes", "2"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while "serving http://" not in log_path.read_text():
            assert proc.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, "serve did not start in time"
            time.sleep(0.2)
        text = log_path.read_text()
        token = text.split("?token=", 1)[1].split()[0]
        yield {"base": f"http://127.0.0.1:{port}", "proc": proc, "token": token, "log": log_path, "db": db}
    finally:
        workers = _children(proc.pid)
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise AssertionError("serve did not stop on SIGTERM")
        finally:
            log.close()
        assert code == 0 and "stopped" in log_path.read_text()
        assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "a server process outlived SIGTERM"


def _looks(base: str, path: str, *, cookies=None, headers=None, times: int = LOOKS) -> list[requests.Response]:
    """`times` GETs of `path`, 16 at a time, each on a new connection (so every process takes some)."""
    def get(_):
        return requests.get(base + path, cookies=cookies, headers={"Connection": "close", **(headers or {})},
                            timeout=30, allow_redirects=False)
    with ThreadPoolExecutor(16) as pool:
        return list(pool.map(get, range(times)))


def _logged_in(server) -> requests.Session:
    session = requests.Session()
    answer = session.get(f"{server['base']}/?token={server['token']}", allow_redirects=False, timeout=30)
    assert answer.status_code == 303 and "newsgraph_write" in session.cookies
    return session


def test_two_forked_processes_answer_the_page_with_the_access_rules(server):
    base, proc = server["base"], server["proc"]
    # the page's scripts, asked for at once by fresh processes: each is served (Dash set up before the fork)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', requests.get(base + "/", timeout=30).text)
    assert len(scripts) >= 5
    with ThreadPoolExecutor(16) as pool:
        fetched = list(pool.map(lambda path: requests.get(base + path, timeout=30, headers={"Connection": "close"}),
                                scripts * 2))
    assert {a.status_code for a in fetched} == {200}
    processes = server_processes(base)
    assert len(processes) == 2 and set(processes) <= _children(proc.pid), processes
    page = requests.get(base + "/", timeout=30)
    assert page.status_code == 200 and 'id="react-entry-point"' in page.text
    answers = _looks(base, "/_newsgraph/health")
    assert {a.json()["process"] for a in answers} == set(processes)  # both took some of them
    assert all("script-src 'self'" in a.headers["Content-Security-Policy"] for a in answers)
    assert all(a.json()["writes"] is False for a in answers)  # no secret given: no process lets it write
    assert {a.status_code for a in _looks(base, "/_newsgraph/health", headers={"Host": "evil.example"})} == {403}
    big = {"output": "x.children", "outputs": {"id": "x", "property": "children"}, "inputs": [], "pad": "a" * 1_100_000}
    with ThreadPoolExecutor(8) as pool:  # a callback body over 1 MB: refused by whichever process reads it
        refused = list(pool.map(lambda _: requests.post(base + "/_dash-update-component", json=big, timeout=30,
                                                          headers={"Connection": "close"}).status_code, range(16)))
    assert set(refused) == {413}
    assert "Traceback" not in server["log"].read_text()


def test_the_secret_printed_at_start_works_in_every_process(server):
    cookies = _logged_in(server).cookies
    answers = _looks(server["base"], "/_newsgraph/health", cookies=cookies)
    assert len({a.json()["process"] for a in answers}) == 2
    assert all(a.json()["writes"] is True for a in answers)
    forged = _looks(server["base"], "/?token=not-the-token", times=8)
    assert {a.status_code for a in forged} == {403}
    log = server["log"].read_text()
    assert '"GET /_newsgraph/health" 200' in log  # the access log: one line per request,
    assert log.count(server["token"]) == 1 and "not-the-token" not in log  # never a query: only the start line has it


def test_an_upload_through_one_process_is_polled_and_seen_through_both(server):
    base = server["base"]
    session = _logged_in(server)
    page = Page(base, lambda answer: None)
    page.http = session  # the page with the writer's cookie
    try:
        page.load()
        before = {a.json()["version"] for a in _looks(base, "/_newsgraph/health")}
        text = "Border talks\n\nIndia criticized China over the border talks held in the valley."
        page.change({(ids.UPLOAD_QUEUE, "data"): {
            "contents": ["data:text/plain;base64," + base64.b64encode(text.encode()).decode()],
            "filenames": ["talks.txt"]}})
        job = page.values.get((ids.UPLOAD_JOB, "data"))
        assert job and job.get("job"), page.values.get((ids.STATUS, "children"))
        poll = next(d for d in page.callbacks if d["inputs"][0]["id"] == ids.UPLOAD_POLL)

        def ask(_):  # the page's interval, each tick on a new connection
            answer = requests.post(base + "/_dash-update-component", json=page.body(poll, [f"{ids.UPLOAD_POLL}.n_intervals"]),
                                   cookies=session.cookies, headers={"Connection": "close"}, timeout=60)
            assert answer.status_code == 200, answer.text
            return answer.json()["response"]
        deadline = time.monotonic() + 120
        while "Added" not in str(ask(0).get(ids.STATUS)):
            assert time.monotonic() < deadline, "the upload job did not finish"
            time.sleep(0.3)
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(ask, range(LOOKS)))
        # every process knows the job: none answers it as unknown (no report, polling stopped)
        assert all(a[ids.STATUS]["children"] == "Added 1 article." for a in answers), answers
        # each process reads the new version on its next request (meanwhile its other requests keep the old one)
        deadline = time.monotonic() + 30
        while True:
            after = {a.json()["process"]: a.json()["version"] for a in _looks(base, "/_newsgraph/health")}
            if len(after) == 2 and not set(after.values()) & before:
                break
            assert time.monotonic() < deadline, f"a process still serves the old version: {after}, before {before}"
            time.sleep(0.2)
        assert len(set(after.values())) == 1
    finally:
        page.close()


def test_a_short_load_test_gets_no_error_and_every_answer_its_sessions(server):
    rows, problems = loadtest(server["base"], sessions=4, seconds=5, think=0.1)
    assert problems == []
    measured = {row.measure.split(" (")[0]: row for row in rows}
    for action in ("open the page", "filter change", "node click", "edge click"):
        assert action in measured, [row.measure for row in rows]
    assert int(measured["requests"].value) > 50
    assert sum(row.section == "server" for row in rows) == 2  # both processes, with their memory


def test_bad_flags_and_a_taken_port_get_one_line(server, seed_corpus):
    zero = subprocess.run([sys.executable, "-m", "cli", "serve", "--processes", "0"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert zero.returncode == 2 and "--processes: expected a whole number of at least 1, not '0'" in zero.stderr
    port = server["base"].rsplit(":", 1)[1]
    taken = subprocess.run([sys.executable, "-m", "cli", "serve", "--db", str(server["db"]), "--port", port,
                            "--read-only"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert taken.returncode == 1 and "Traceback" not in taken.stderr
    assert taken.stderr.strip().splitlines()[-1] == \
        f"newsgraph: port {port} on 127.0.0.1 is taken (another server?); give --port with a free one"
    nobody = f"http://127.0.0.1:{free_port()}"
    unanswered = subprocess.run([sys.executable, "-m", "cli", "loadtest", nobody, "--seconds", "1"], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    assert unanswered.returncode == 1 and unanswered.stderr.strip() == \
        f"newsgraph: no newsgraph explorer answers at {nobody} (ConnectionError); start one with `newsgraph serve`"


def test_upload_jobs_shared_in_a_folder_are_read_by_another_process_s_queue(tmp_path):
    """Two queues over one folder stand for two server processes: one works, the other reads it."""
    def work(batch, job):
        job.advance(1, 2)
        assert other.get(job.id).state == "parsing" and other.get(job.id).parsed == 1
        return f"outcome of {batch}", "v2"
    mine, other = UploadJobs(work, lambda batch, exc: None), UploadJobs(work, lambda batch, exc: None)
    mine.share(tmp_path)
    other.share(tmp_path)
    job = mine.submit("batch", files=1, order={"a.txt": 0})
    assert other.get(job.id) is not None and other.get(job.id).files == 1
    mine.wait(job.id, timeout=10)
    seen = other.get(job.id)
    assert (seen.state, seen.outcome, seen.version, seen.order) == ("done", "outcome of batch", "v2", {"a.txt": 0})
    assert other.get("../../etc/passwd") is None and other.get("x" * 20) is None


def test_the_jobs_folder_is_private_and_removed_at_the_end():
    with jobs_folder() as folder:
        assert os.stat(folder).st_mode & 0o777 == 0o700
        (Path(folder) / "a.job").write_bytes(b"x")
    assert not Path(folder).exists()


def test_the_load_test_catches_an_answer_meant_for_another_session(server):
    """Each check fails when the answer is not what the session asked for (here: altered after it came)."""
    tally = Tally()
    session = Session(server["base"], tally, seed=3, think=0)
    try:
        session.page.load()
        relations = [o["value"] for o in session.page.values[(ids.RELATION_FILTER, "options")]]
        real_change = session.page.change

        def mixed_up(changes):  # another session's answers: all relations drawn, another actor selected
            changed = real_change(changes)
            elements = session.page.values[(ids.CANVAS, "elements")]
            for element in elements:
                if "source" in element["data"]:
                    element["data"]["relation"] = relations[0]
            session.page.values[(ids.SELECTION_STORE, "data")] = {"kind": "node", "id": "someone-else"}
            return {**changed, (ids.CANVAS, "elements"): elements}
        session.page.change = mixed_up
        session.random.choice = lambda options: relations[0] if relations[0] in options else options[0]
        session.filter(relations)
        session.tap_node(relations)
        assert any("unticked here" in p for p in tally.problems), tally.problems
        assert any("selection is" in p and "someone-else" in p for p in tally.problems), tally.problems
    finally:
        session.page.close()
