"""Real gunicorn servers for tests: started with the production config on the test database, each in
its own process group so a test can kill -9 all of it, waited for without fixed sleeps."""
import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
from pathlib import Path

from quiz import ROOT
from security_support import HttpUser

BIN = Path(sys.executable).parent
CONNECTION_ERRORS = (OSError, http.client.HTTPException, urllib.error.URLError)


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str) -> dict:
    """The environment of a production start, on the test database, over plain HTTP."""
    return {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "server-secret-" + "k" * 32,
            "QUIZ_ENV": "production", "TRUSTED_HOSTS": "127.0.0.1", "SESSION_COOKIE_SECURE": "0"}


def wait_until_up(server: subprocess.Popen, base: str, deadline: float = 30) -> None:
    """Poll the home page until the server answers (every 20 ms: a worker is ready in about a second)."""
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        assert server.poll() is None, "gunicorn exited while starting"
        with contextlib.suppress(*CONNECTION_ERRORS):
            if HttpUser(base).request("/", timeout=2)[0] == 200:
                return
        time.sleep(0.02)
    raise AssertionError("gunicorn did not come up")


def start_gunicorn(env: dict, port: int, workers: int) -> subprocess.Popen:
    """Start gunicorn with the production config, in its own process group (not waiting for it)."""
    cmd = [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "-w", str(workers),
           "-b", f"127.0.0.1:{port}", "--log-level", "warning", "quiz:create_app()"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)


@contextlib.contextmanager
def running(server: subprocess.Popen):
    """Yield the started server; kill its whole group afterwards, even when the test failed."""
    try:
        yield server
    finally:
        kill_all(server)


def kill_all(server: subprocess.Popen) -> None:
    """SIGKILL the master and every worker at once, as a crash would."""
    if server.returncode is None:  # not reaped yet, so its group id cannot belong to anyone else
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=10)



def keeps_connections_open(base: str) -> bool:
    """Whether the server offers to keep an HTTP/1.1 connection open: gthread workers do, sync workers
    (one request at a time per process) always close it."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        return response.getheader("Connection", "").lower() == "keep-alive"
    finally:
        connection.close()
