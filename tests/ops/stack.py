"""A live Motcua for the crash and fault tests: real gunicorn and `motcua worker` processes.

Each test gets a throwaway PostgreSQL database cloned from the test database (already migrated,
with Hanoi's reference data and the catalog), a free loopback port and its own var directory.
Optionally the application reaches PostgreSQL through `DatabaseProxy`, a TCP relay that the test
can drop and refuse, as a database restart looks to the application, without touching the
PostgreSQL server that other tests share.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import connection, connections

import psycopg
import pytest
import requests
from psycopg import sql

from motcua.geography.models import AdministrativeUnit
from tests.builders.reference import reload_reference_data

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"

pg_only = pytest.mark.skipif(
    "postgresql" not in connection.settings_dict["ENGINE"],
    reason="needs PostgreSQL: real gunicorn and worker processes share one database server "
    "(SQLite is the single-process demo database)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _conninfo(dbname: str, port: int | None = None) -> str:
    db = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        host=db["HOST"] or HOST,
        port=port or db["PORT"] or 5432,
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        dbname=dbname,
    )


def database_url(dbname: str, port: int | None = None) -> str:
    db = connection.settings_dict
    auth = db["USER"] or "postgres"
    if db["PASSWORD"]:
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db['HOST'] or HOST}:{port or db['PORT'] or 5432}/{dbname}"


@contextlib.contextmanager
def throwaway_database() -> Iterator[str]:
    """Clone the test database (migrated, reference data, catalog) into a new one; drop it after.

    For a test that uses `transactional_db` (nothing of it is in a rolled-back transaction): the
    flush after such a test empties the test database, so Hanoi and the catalog are put back.
    """
    if not AdministrativeUnit.objects.exists():  # an earlier transactional test emptied it
        reload_reference_data()
    template = connection.settings_dict["NAME"]
    connections.close_all()  # CREATE DATABASE … TEMPLATE needs the template to have no sessions
    name = f"{template}_live_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_conninfo("postgres"), autocommit=True) as admin:
        # Sessions an earlier test of this worker left (a live server's threads) go too.
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [template],
        )
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
    try:
        yield name
    finally:
        with psycopg.connect(_conninfo("postgres"), autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def live_database(transactional_db):
    """A throwaway database for a live stack."""
    with throwaway_database() as name:
        yield name


@pytest.fixture(scope="module")
def reference_data_back(django_db_blocker):
    """After the module (and the flush of its last transactional test): Hanoi and the catalog."""
    yield
    with django_db_blocker.unblock():
        reload_reference_data()


def query(dbname: str, statement: str, params: Any = None) -> list[tuple[Any, ...]]:
    """Run one statement on the live database directly (not through the application)."""
    with psycopg.connect(_conninfo(dbname), autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


class Stack:
    """gunicorn and any number of `motcua worker` processes over one database."""

    def __init__(self, dbname: str, var_dir: Path, *, db_port: int | None = None, **env: str):
        self.dbname, self.var_dir = dbname, var_dir
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        (var_dir / "static").mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(dbname, db_port),
            "MOTCUA_VAR_DIR": str(var_dir),
            "MOTCUA_MEDIA_ROOT": str(var_dir / "media"),
            "MOTCUA_PKI_DIR": str(var_dir / "pki"),
            "MOTCUA_LOG_LEVEL": "WARNING",
            "MOTCUA_WORKER_INTERVAL_SECONDS": "1",
            "MOTCUA_PUBLIC_URL": self.url,
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.web: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []
        self.log = var_dir / "stack.log"

    def motcua(self, *args: str) -> str:
        done = subprocess.run(
            [str(BIN / "motcua"), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"motcua {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def _spawn(self, command: list[str]) -> subprocess.Popen[bytes]:
        with open(self.log, "ab") as out:
            return subprocess.Popen(
                command, env=self.env, cwd=ROOT, stdout=out, stderr=out, start_new_session=True
            )

    def start_web(self, workers: int = 2) -> None:
        self.web = self._spawn(
            [
                str(BIN / "gunicorn"),
                "-c",  # as `make run` and production: loaded and made ready in the master
                "python:motcua.gunicorn_conf",
                "motcua.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(workers),
                "--no-control-socket",
                "--access-logfile",
                "/dev/null",
                "--graceful-timeout",
                "2",
            ]
        )

    def start_worker(self) -> None:
        self.workers.append(self._spawn([str(BIN / "motcua"), "worker"]))

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.web is not None
            assert self.web.poll() is None, self.log_tail()
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/api/v1/units/?page_size=1", timeout=5).ok:
                    return
            time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer in {timeout} s\n{self.log_tail()}")

    @staticmethod
    def _kill(process: subprocess.Popen[bytes] | None) -> None:
        """SIGKILL the process and everything it started (gunicorn's master and workers)."""
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def kill_web(self) -> None:
        self._kill(self.web)

    def kill_workers(self) -> None:
        for worker in self.workers:
            self._kill(worker)
        self.workers = []

    def stop(self) -> None:
        self.kill_web()
        self.kill_workers()

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def api_session(token: str) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"
    return session


class DatabaseProxy:
    """A TCP relay to PostgreSQL that can be "restarted": every connection dropped, new ones
    refused for a while, then accepted again on the same port."""

    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.port = free_port()
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self.accepted = 0  # connections relayed since the start
        self.listen()

    def listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed by restart()
            try:
                server = socket.create_connection((HOST, self.upstream_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets |= {client, server}
                self.accepted += 1
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            return  # the relay was cut (a simulated restart): this direction ends
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            with self._lock:
                self._sockets -= {source, target}

    def restart(self, down_seconds: float) -> None:
        """Drop every connection, refuse new ones for `down_seconds`, then accept again."""
        self.close()
        time.sleep(down_seconds)
        self.listen()

    def _close_listener(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept
            self._listener.close()
            self._listener = None

    def close(self) -> None:
        """Stop listening and cut every relayed connection."""
        self._close_listener()
        with self._lock:
            open_sockets = list(self._sockets)
        for sock in open_sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
