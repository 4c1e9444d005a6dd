"""Run by hand: time, in headless Chromium, clicks on the first view's actors and edges until each panel shows.

    python tools/click_timing.py corpus.db [--clicks 10] [--runs 2]

Starts the explorer read-only on a free loopback port, opens the page, and taps in turn the
biggest actors and the heaviest edges drawn (an overview's pair edges, or relations) the way a
click does (cytoscape's ``tap`` event), waiting after each until the panel names what was
clicked (timed in the page, from the tap to the frame after the panel that shows it is drawn, so
the driver's polling adds nothing); prints each click and the median and 95th percentile, in milliseconds.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.support.ui import WebDriverWait

PAGE = Path(__file__).with_suffix(".js").read_text(encoding="utf-8")
START_TIMEOUT_S = 600


def call(driver, name: str):
    """Run one of the page helpers of click_timing.js."""
    return driver.execute_script(f"{PAGE}\nreturn {name}();")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _browser() -> webdriver.Chrome:
    # Selenium 3's default timeout is socket's sentinel object, which urllib3 2 refuses
    from selenium.webdriver.remote.remote_connection import RemoteConnection
    RemoteConnection.set_timeout(120)
    options = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1600,1000",
                 f"--user-data-dir={tempfile.mkdtemp()}"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--clicks", type=int, default=10, help="actors and as many edges per page load")
    parser.add_argument("--runs", type=int, default=2, help="page loads")
    args = parser.parse_args()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--db", args.db, "--port", str(port),
                               "--read-only"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = None
    times: list[float] = []
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:  # a big store takes a while to open, longer on a busy machine
            try:
                urllib.request.urlopen(url, timeout=10)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print(f"the explorer did not start on {args.db} within {START_TIMEOUT_S} s", file=sys.stderr)
                    return 1
                time.sleep(0.5)
        driver = _browser()
        for run in range(args.runs):
            driver.get(url)
            WebDriverWait(driver, 60).until(lambda d: call(d, "canvasReady"))
            time.sleep(1.0)  # let the page's start-up callbacks settle
            targets = driver.execute_script(f"{PAGE}\nreturn pickTargets({int(args.clicks)});")
            for i, target in enumerate(targets):
                driver.execute_script(f"{PAGE}\ntapTarget({i});")
                times.append(WebDriverWait(driver, 120, poll_frequency=0.05).until(lambda d: call(d, "shownIn")))
                print(f"run {run + 1}: {target['kind']} {target['id']}: panel shown in {times[-1]:.0f} ms")
        ordered = sorted(times)
        print(f"{len(times)} clicks: median {statistics.median(times):.0f} ms, "
              f"p95 {ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]:.0f} ms")
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
