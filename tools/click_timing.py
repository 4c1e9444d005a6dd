"""Run by hand: time, in headless Chromium, a click on the heaviest relation of a store until its panel shows.

    python tools/click_timing.py corpus.db [--runs 3]

Starts the explorer on a free loopback port, taps the edge with the most evidence on the
canvas the way a click does (cytoscape's ``tap`` event) and waits until the panel's title
names that relation; prints each run in seconds.
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.support.ui import WebDriverWait

PAGE = Path(__file__).with_suffix(".js").read_text(encoding="utf-8")


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
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--db", args.db, "--port", str(port),
                               "--read-only"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = None
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(240):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        driver = _browser()
        for run in range(args.runs):
            driver.get(url)
            WebDriverWait(driver, 60).until(lambda d: call(d, "canvasReady"))
            time.sleep(1.0)  # let the page's start-up callbacks settle
            edge = call(driver, "heaviestEdge")
            t0 = time.perf_counter()
            call(driver, "tapHeaviest")
            WebDriverWait(driver, 120, poll_frequency=0.05).until(lambda d: call(d, "panelShown"))
            print(f"run {run + 1}: {edge[0]} ({edge[1]} sentences) panel shown in {time.perf_counter() - t0:.2f} s")
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
