"""The production server: the explorer in N gunicorn processes (waitress, one process, where gunicorn cannot run).

The app is made once, in the master, before the processes are forked (``preload_app``): the
write secret is drawn once, so whichever process answers honours it, and the snapshot's
pages are shared copy-on-write (its objects are frozen out of the cycle collector, see
`ui.source.settle`, so collections never write to them). Each process then keeps its own
snapshot and asks the store per request whether it moved, so a write made through one
process shows in every other. Upload jobs live in a folder the processes share
(`ui.jobs.UploadJobs.share`), so a page may poll its job through any of them.
Ctrl-C and SIGTERM stop the master and its processes; a taken port is one line on stderr.
"""
from __future__ import annotations

import errno
import gc
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from flask import Flask, jsonify

from graph.database import forget_engines

THREADS = 8  # request threads per process: a slow callback never holds up the others' clicks
GRACEFUL_S = 5  # how long a stopping process may finish the requests it holds
TIMEOUT_S = 120  # a process silent this long is restarted (a first read of a very large store fits)
KEEPALIVE_S = 75  # idle connections stay open this long: a page reusing one never meets a server closing it
HEALTH_PATH = "/_newsgraph/health"
# one line per request on stderr: address, method, path without its query (a login link's token never
# shows), status, bytes, milliseconds
ACCESS_LOG = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


class ServeError(RuntimeError):
    """The server cannot start (a taken port, a bad number of processes); the message says why in one line."""


def have_gunicorn() -> bool:
    """Whether gunicorn can run here (not on Windows)."""
    try:
        import gunicorn.app.base  # noqa: F401
    except ImportError:
        return False
    return True


def bind_address(host: str, port: int) -> str:
    """``host:port`` as gunicorn binds it (an IPv6 address in brackets)."""
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def check_port(host: str, port: int) -> None:
    """Fail with one clear line when `port` cannot be listened on at `host`.

    Raises:
        ServeError: The port is taken, out of range, or the address is not this machine's.
    """
    if not 0 < port < 65536:
        raise ServeError(f"port {port} is not a port number (1 to 65535)")
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds: a closing socket is no conflict
        try:
            sock.bind((host.strip("[]"), port))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise ServeError(f"port {port} on {host} is taken (another server?); give --port with a free one") \
                    from None
            raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None


def add_health(server: Flask, version: Callable[[], str], writes: Callable[[], bool]) -> None:
    """``GET /_newsgraph/health``: which process answered, the corpus version it serves and
    whether the asking visitor may write (has given the secret).

    Nothing else: no path, no secret, no setting (the access guard still fences it).
    """
    @server.get(HEALTH_PATH)
    def _health():
        response = jsonify(process=os.getpid(), version=version(), writes=writes())
        response.headers["Cache-Control"] = "no-store"
        return response


@contextmanager
def jobs_folder():
    """A private folder (mode 700) the server processes share for upload jobs, removed by the master at the end."""
    master = os.getpid()
    folder = tempfile.mkdtemp(prefix="newsgraph-jobs-")
    try:
        yield folder
    finally:
        if os.getpid() == master:  # a forked process leaves through here too: only the master removes it
            shutil.rmtree(folder, ignore_errors=True)


def run(wsgi: Any, host: str, port: int, *, processes: int = 2, say: Callable[[str], None] | None = None) -> None:
    """Serve `wsgi` on host:port until Ctrl-C or SIGTERM: gunicorn with `processes` processes,
    else waitress in one.

    Raises:
        ServeError: `processes` is below 1, or the port is taken.
    """
    say = say or (lambda line: print(f"newsgraph: {line}", file=sys.stderr, flush=True))
    if processes < 1:
        raise ServeError(f"--processes must be at least 1, not {processes}")
    check_port(host, port)
    if have_gunicorn():
        _gunicorn(wsgi, host, port, processes, say)
        return
    from waitress import serve as waitress_serve

    note = f" (--processes {processes} needs gunicorn, which does not run here)" if processes > 1 else ""
    say(f"serving http://{bind_address(host, port)} in one process with waitress{note}; Ctrl-C stops it")
    try:
        waitress_serve(wsgi, host=host.strip("[]"), port=port, threads=THREADS)
    except KeyboardInterrupt:
        say("stopped")


def _gunicorn(wsgi: Any, host: str, port: int, processes: int, say: Callable[[str], None]) -> None:
    from gunicorn.app.base import BaseApplication

    def when_ready(arbiter) -> None:
        say(f"serving http://{bind_address(host, port)} with {processes} process{'es' if processes > 1 else ''} "
            f"(gunicorn, master {os.getpid()}); Ctrl-C stops it")

    def on_exit(arbiter) -> None:
        say("stopped")

    options = {"bind": bind_address(host, port), "workers": processes, "worker_class": "gthread",
               "threads": THREADS, "preload_app": True, "graceful_timeout": GRACEFUL_S, "timeout": TIMEOUT_S,
               "keepalive": KEEPALIVE_S, "accesslog": "-", "access_log_format": ACCESS_LOG,
               "loglevel": "warning", "when_ready": when_ready, "on_exit": on_exit,
               "proc_name": "newsgraph", "control_socket_disable": True}

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # an older gunicorn lacks the newest (its control socket)
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return wsgi

    forget_engines()  # the master's PostgreSQL connections are closed before forking: no process inherits one
    gc.collect()
    gc.freeze()  # what the master made stays out of the children's collections, so their pages stay shared
    Server().run()
