"""Load-test dossier intake over HTTP (never run as a test).

    .venv/bin/python bench/intake.py --workers 2,4 --threads 1 --clients 1,8,16,32

Builds a fresh PostgreSQL database (drop/create, migrate, reference data, catalog, one receiving
officer and its API token), then for each gunicorn configuration starts the server, uploads one
PDF, and drives `POST /api/v1/dossiers/` from N client threads, each with its own keep-alive
`http.client` connection. Each client runs a warm-up, then a bounded run (`--requests` per
client or `--duration` seconds, whichever ends first). One Markdown table row is printed per
configuration: successful dossiers per second, latency p50/p95/p99, errors (any non-201), and
how the CPU was shared between gunicorn, PostgreSQL, this load generator and anything else
running on the machine ("other"), in % of one core: the load generator shares the machine's
cores with the server. `--wait-idle S` waits up to S seconds before each run for the machine
to be idle, so that another workload does not skew a row.

`--baseline` also times `GET /api/v1/units/?page_size=1` (token-authenticated) on the same
server, the framework's ceiling on this machine. Everything started here is stopped in
`finally`. Only the standard library and the project's own psycopg are used.
"""

import argparse
import hashlib
import http.client
import itertools
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import psycopg.rows
import psycopg.types.json
from psycopg import sql

from motcua.documents.pdf import blank_pdf

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # .venv/bin
HOST = "127.0.0.1"
PROCEDURE = "1.001193"  # birth registration: commune level, 1 form + 2 documents from data
RECEIVING_POINT = "MC-00070"
USER = "bench"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)  # noqa: T201


def int_list(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


# --- Database and application setup -----------------------------------------------------------


def recreate_database(url: str, *, create: bool = True, template: str = "") -> None:
    """Drop the database of `url` (ending its sessions), then create it afresh unless told not
    (a copy of the database `template` if one is named)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit("--database-url must name a database")
    maintenance = psycopg.conninfo.make_conninfo(
        host=parts.hostname or HOST,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if create and template:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        elif create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "motcua", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"motcua {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def set_up(env: dict[str, str], *, migrated: bool = False) -> str:
    """Migrate and load the data the intake needs (unless `migrated`: a copy of a database that
    has them); return the officer's API token."""
    if not migrated:
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "createcachetable")  # the shared cache that throttling counts in
        manage(env, "load_reference_data")
        manage(env, "catalog", "load")
    manage(
        env,
        "users",
        "create",
        USER,
        "--role",
        "receiving_officer",
        "--point",
        RECEIVING_POINT,
        "--password",
        "x",
    )
    return manage(env, "token", "create", USER).strip().splitlines()[-1].strip()


def count_dossiers(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM dossiers_dossier").fetchone()[0]


# --- Server -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServerConfig:
    workers: int
    threads: int

    @property
    def label(self) -> str:
        if self.threads > 1:
            return f"gthread {self.workers}w×{self.threads}t"
        return f"sync {self.workers}w"


class Server:
    """A gunicorn master in its own process group; `stop` always leaves nothing behind."""

    def __init__(
        self,
        config: ServerConfig,
        port: int,
        env: dict[str, str],
        log_path: Path,
        options: tuple[str, ...] = (),
        start_timeout: float = 30,
    ):
        self.config, self.port, self.env, self.log_path = config, port, env, log_path
        self.options = options  # more of gunicorn's options, e.g. its settings module
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            str(BIN / "gunicorn"),
            *self.options,
            "motcua.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.config.workers),
            "--no-control-socket",
            "--access-logfile",
            "/dev/null",
        ]
        if self.config.threads > 1:
            command += ["--worker-class", "gthread", "--threads", str(self.config.threads)]
        with open(self.log_path, "ab") as out:
            self.proc = subprocess.Popen(
                command, env=self.env, cwd=ROOT, stdout=out, stderr=out, start_new_session=True
            )
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/api/v1/units/?page_size=1")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(
            f"gunicorn did not answer within {self.start_timeout:.0f} s:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def pids(self) -> list[int]:
        """The master and its workers."""
        assert self.proc is not None
        return [self.proc.pid] + [pid for pid, ppid in _processes() if ppid == self.proc.pid]

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


# --- CPU accounting from /proc ------------------------------------------------------------------


def _processes() -> list[tuple[int, int]]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            found.append((int(entry), int(stat.rsplit(")", 1)[1].split()[1])))
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def _postgres_pids(database_url: str) -> list[int]:
    """The server processes working for the benchmark's database, and PostgreSQL's own
    (WAL writer, checkpointer, ...), not the backends of other databases on the server."""
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
            " AND (datname = current_database() OR datname IS NULL)"
        ).fetchall()
    return [pid for (pid,) in rows]


def _machine_jiffies() -> tuple[int, int, int]:
    """(busy, steal, total) jiffies of all CPUs since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    idle, steal = values[3] + values[4], values[7]  # idle + iowait; stolen by the hypervisor
    return sum(values) - idle - steal, steal, sum(values)


def machine_busy(seconds: float = 1.0) -> float:
    """Share of all CPUs busy over the next `seconds`, in per cent."""
    before = _machine_jiffies()
    time.sleep(seconds)
    after = _machine_jiffies()
    total = after[2] - before[2]
    return 100 * (after[0] - before[0]) / total if total else 0.0


def wait_until_idle(limit: float, threshold: float = 15.0) -> float:
    """Wait up to `limit` seconds for the machine to be idle; return the last busy share."""
    deadline = time.monotonic() + limit
    busy = machine_busy()
    while busy > threshold and time.monotonic() < deadline:
        log(f"machine {busy:.0f}% busy before the run (another workload?); waiting")
        time.sleep(4)
        busy = machine_busy()
    return busy


class CpuMeter:
    """CPU time used by gunicorn, PostgreSQL, this process and everything else, per run.

    Counted per process: one that starts during the run counts whole, one that ends is lost.
    """

    def __init__(self, server: Server, database_url: str):
        self.server, self.database_url = server, database_url

    def _sample(self) -> dict[str, dict[int, float]]:
        own = os.times()
        return {
            "app": {pid: _cpu_seconds(pid) for pid in self.server.pids()},
            "pg": {pid: _cpu_seconds(pid) for pid in _postgres_pids(self.database_url)},
            "client": {0: own.user + own.system},
        }

    def start(self) -> None:
        self.before, self.machine_before = self._sample(), _machine_jiffies()

    def stop(self, seconds: float) -> dict[str, float]:
        """CPU seconds per group, and per cent of one core over the run."""
        after, machine = self._sample(), _machine_jiffies()
        used = {
            group: sum(max(0.0, t - self.before[group].get(pid, 0.0)) for pid, t in times.items())
            for group, times in after.items()
        }
        busy = (machine[0] - self.machine_before[0]) / CLK_TCK
        used["other"] = max(0.0, busy - used["app"] - used["pg"] - used["client"])
        used["steal"] = (machine[1] - self.machine_before[1]) / CLK_TCK
        used["seconds"] = seconds
        return used


# --- Load -------------------------------------------------------------------------------------


@dataclass
class Fixture:
    token: str
    upload: int
    form: int
    from_data: list[int]
    wards: list[str]
    applicants: list[dict[str, str]] = field(default_factory=list)


def sandbox_applicants() -> list[dict[str, str]]:
    """People the national-data sandbox holds, so that documents "from data" are matched."""
    from motcua.identity.connectors import sandbox_registry

    return [
        {
            "id_number": person.id_number,
            "full_name": person.full_name,
            "date_of_birth": person.date_of_birth.isoformat(),
            "sex": person.sex,
        }
        for person in sandbox_registry.people().values()
    ]


@dataclass
class RunResult:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    samples: dict[str, list[str]] = field(default_factory=dict)
    created: int = 0  # 201s including the warm-up, to check against the database
    seconds: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    load_average: float = 0.0  # the machine's 1-minute load average at the end of the run

    def record(self, status: str, payload: bytes, seconds: float | None, expected: str) -> None:
        """Count a response; `seconds` is None for the unmeasured warm-up."""
        if status.endswith("201"):
            self.created += 1
        if seconds is None:
            if not status.endswith(f" {expected}"):
                self._sample(status, payload)
            return
        self.statuses[status] += 1
        if status == expected:
            self.latencies.append(seconds)
        else:
            self._sample(status, payload)

    def _sample(self, status: str, payload: bytes) -> None:
        bodies = self.samples.setdefault(status, [])
        if len(bodies) < 3:
            bodies.append(payload[:800].decode("utf-8", "replace"))

    def merge(self, other: "RunResult") -> None:
        self.latencies += other.latencies
        self.statuses += other.statuses
        self.created += other.created
        for status, bodies in other.samples.items():
            for body in bodies:
                self._sample(status, body.encode())


def api(
    port: int,
    method: str,
    path: str,
    token: str = "",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        all_headers = {"Authorization": f"Token {token}"} if token else {}
        all_headers.update(headers or {})
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def prepare(port: int, token: str, ward_count: int) -> Fixture:
    """Upload the PDF every dossier attaches; find the requirement ids and some wards."""
    status, body = api(port, "GET", f"/api/v1/procedures/{PROCEDURE}/")
    if status != 200:
        raise SystemExit(f"GET procedure: {status} {body[:500]!r}")
    documents = json.loads(body)["documents"]
    form = documents[0]["id"]
    from_data = [d["id"] for d in documents if d["required"] and d["replaceable_by"]]
    status, body = api(port, "GET", "/api/v1/units/?level=ward&page_size=500")
    wards = [u["code"] for u in json.loads(body)["results"]][:ward_count]
    boundary = uuid.uuid4().hex
    upload = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="form.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + blank_pdf("form")
        + f"\r\n--{boundary}--\r\n".encode()
    )
    status, body = api(
        port,
        "POST",
        "/api/v1/uploads/",
        token,
        upload,
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    if status != 201:
        raise SystemExit(f"POST upload: {status} {body[:500]!r}")
    return Fixture(token, json.loads(body)["id"], form, from_data, wards, sandbox_applicants())


class Load:
    """N client threads, each with its own keep-alive connection, against one endpoint."""

    def __init__(
        self,
        port: int,
        fixture: Fixture,
        wards: list[str],
        clients: int,
        requests: int,
        warmup: int,
        duration: float,
        endpoint: str,
    ):
        self.port, self.fixture, self.wards = port, fixture, wards
        self.clients, self.requests, self.warmup = clients, requests, warmup
        self.duration, self.endpoint = duration, endpoint
        self.expected = "200" if endpoint == "units" else "201"
        self.counter = itertools.count(1)
        self.lock = threading.Lock()
        self.result = RunResult()
        self.start = self.deadline = 0.0
        self.ends: list[float] = []
        self.barrier = threading.Barrier(clients, action=self._go)

    def _go(self) -> None:
        self.meter_start()
        self.start = time.perf_counter()
        self.deadline = self.start + self.duration

    def meter_start(self) -> None:  # replaced by run()
        pass

    def _request(self) -> tuple[str, bytes | None, dict[str, str]]:
        headers = {"Authorization": f"Token {self.fixture.token}"}
        if self.endpoint == "units":
            return "/api/v1/units/?page_size=1", None, headers
        n = next(self.counter)
        body = {
            "procedure": PROCEDURE,
            "channel": "counter",
            "receiving_point": RECEIVING_POINT,
            "competent_unit": self.wards[n % len(self.wards)],
            "applicant": self.fixture.applicants[n % len(self.fixture.applicants)],
            "documents": [{"requirement": self.fixture.form, "file": self.fixture.upload}]
            + [{"requirement": r, "from_data": True} for r in self.fixture.from_data],
            "delivery": {"method": "online"},
        }
        headers["Content-Type"] = "application/json"
        headers["Idempotency-Key"] = str(uuid.uuid4())
        return "/api/v1/dossiers/", json.dumps(body, ensure_ascii=False).encode(), headers

    def _once(self, conn: http.client.HTTPConnection) -> tuple[str, bytes, float]:
        """Send one request; return its status (or the exception's name), body and seconds."""
        path, body, headers = self._request()
        began = time.perf_counter()
        try:
            conn.request("GET" if body is None else "POST", path, body=body, headers=headers)
            response = conn.getresponse()
            status, payload = str(response.status), response.read()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()  # http.client reconnects on the next request
            status, payload = type(exc).__name__, str(exc).encode()
        return status, payload, time.perf_counter() - began

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(HOST, self.port, timeout=60)

    def _release(self, conn: http.client.HTTPConnection) -> None:
        conn.close()

    def _client(self) -> None:
        conn = self._connect()
        mine = RunResult()
        try:
            for _ in range(self.warmup):
                status, payload, _seconds = self._once(conn)
                mine.record(f"warm-up {status}", payload, None, self.expected)
            self.barrier.wait()
            # A client that waited here longer than gunicorn's keep-alive (2 s) holds a
            # connection the server has closed: start the measured run on a fresh one.
            if isinstance(conn, http.client.HTTPConnection):
                conn.close()
            for _ in range(self.requests):
                if time.perf_counter() >= self.deadline:
                    break
                status, payload, seconds = self._once(conn)
                mine.record(status, payload, seconds, self.expected)
        finally:
            ended = time.perf_counter()
            self._release(conn)
            with self.lock:
                self.ends.append(ended)
                self.result.merge(mine)

    def run(self, meter: CpuMeter) -> RunResult:
        self.meter_start = meter.start  # type: ignore[method-assign]
        threads = [threading.Thread(target=self._client, daemon=True) for _ in range(self.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.result.seconds = max(self.ends) - self.start
        self.result.cpu = meter.stop(self.result.seconds)
        self.result.load_average = os.getloadavg()[0]
        return self.result


def file_seed(port: int, fixture: Fixture) -> str:
    """File one dossier through the application; return its code (the raw writer's model)."""
    path, body, headers = Load(port, fixture, fixture.wards, 1, 0, 0, 0.0, "intake")._request()
    status, payload = api(port, "POST", path, body=body, headers=headers)
    if status != 201:
        raise SystemExit(f"POST dossier: {status} {payload[:500]!r}")
    return json.loads(payload)["code"]


def statements_per_intake(env: dict[str, str]) -> str:
    """The SQL statements of one intake, counted in process (bench/intake_inprocess.py)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench/intake_inprocess.py"), "--count", "5"],
        env={**env, "MOTCUA_LOG_LEVEL": "WARNING"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"counting statements failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


# --- The raw ceiling: the same rows straight through psycopg ------------------------------------

JSON_TYPES = (114, 3802)  # json, jsonb


@dataclass
class SeedRows:
    """The rows one intake through the application wrote, to be written again by `RawLoad`."""

    code: str
    tables: dict[str, list[dict[str, object]]]  # table -> rows without their id
    json_columns: dict[str, set[str]]
    agencies: list[tuple[int, int, str]]  # per ward: competent unit id, agency id, agency code


SEED_QUERIES = {
    # Outside the intake's transaction in the application (one per look-up), inside it here.
    "identity_dataaccess": "SELECT * FROM identity_dataaccess WHERE id_number = %(applicant)s"
    " ORDER BY id DESC LIMIT %(from_data)s",
    **{
        table: f"SELECT * FROM {table} WHERE dossier_id = %(dossier)s ORDER BY id"
        for table in ("dossiers_dossierdocument", "dossiers_task", "dossiers_event")
    },
    "dossiers_dossier": "SELECT * FROM dossiers_dossier WHERE id = %(dossier)s",
    "identity_walletdocument": "SELECT * FROM identity_walletdocument"
    " WHERE dossier_code = %(code)s",
    "integrations_outboxmessage": "SELECT * FROM integrations_outboxmessage WHERE key = %(code)s",
    "dossiers_idempotencykey": "SELECT * FROM dossiers_idempotencykey"
    " WHERE dossier_id = %(dossier)s",
}


def seed_rows(database_url: str, code: str, wards: list[str], from_data: int) -> SeedRows:
    """Read back what the application wrote for the dossier `code`, and each ward's agency."""
    tables: dict[str, list[dict[str, object]]] = {}
    json_columns: dict[str, set[str]] = {}
    with psycopg.connect(database_url, row_factory=psycopg.rows.dict_row) as conn:
        dossier = conn.execute(
            "SELECT id, applicant_id_number, handling_agency_id FROM dossiers_dossier"
            " WHERE code = %s",
            [code],
        ).fetchone()
        assert dossier is not None
        params = {
            "dossier": dossier["id"],
            "code": code,
            "applicant": dossier["applicant_id_number"],
            "from_data": from_data,
        }
        for table, query in SEED_QUERIES.items():
            cursor = conn.execute(query, params)
            json_columns[table] = {c.name for c in cursor.description if c.type_code in JSON_TYPES}
            rows = [{k: v for k, v in r.items() if k != "id"} for r in cursor.fetchall()]
            tables[table] = rows
        agencies = conn.execute(
            "SELECT u.id AS unit, a.id AS agency, a.code FROM geography_administrativeunit u"
            " JOIN geography_agency a ON a.unit_id = u.id AND a.role = ("
            "   SELECT role FROM geography_agency WHERE id = %s)"
            " WHERE u.code = ANY(%s) ORDER BY u.code",
            [dossier["handling_agency_id"], wards],
        ).fetchall()
    return SeedRows(
        code, tables, json_columns, [(a["unit"], a["agency"], a["code"]) for a in agencies]
    )


def _replace(value: object, old: str, new: str) -> object:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {k: _replace(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, old, new) for v in value]
    return value


class RawLoad(Load):
    """The same client count writing an intake's rows through psycopg, one transaction each:
    the day-sequence bump (one upsert), the dossier, its documents and tasks, the national-data
    access log, the wallet copy, the first event, the outbox rows and the idempotency key."""

    def __init__(self, database_url: str, seed: SeedRows, wards: list[str], *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(0, None, wards, *args, endpoint="raw", **kwargs)  # type: ignore[arg-type]
        self.expected = "201"
        self.database_url, self.seed = database_url, seed
        self.connections: list[psycopg.Connection] = []
        self.agencies = seed.agencies[: len(wards)] or seed.agencies
        self.statements = {
            # The wallet keeps one copy per applicant and file (as `keep_in_wallet` does).
            table: sql.SQL("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT DO NOTHING").format(
                sql.Identifier(table),
                sql.SQL(", ").join(map(sql.Identifier, rows[0])),
                sql.SQL(", ").join(sql.Placeholder() * len(rows[0])),
            )
            for table, rows in seed.tables.items()
            if rows and table != "dossiers_dossier"
        }
        columns = list(seed.tables["dossiers_dossier"][0])
        self.dossier_insert = sql.SQL(
            "INSERT INTO dossiers_dossier ({}) VALUES ({}) RETURNING id"
        ).format(
            sql.SQL(", ").join(map(sql.Identifier, columns)),
            sql.SQL(", ").join(sql.Placeholder() * len(columns)),
        )

    def _connect(self) -> psycopg.Connection:  # type: ignore[override]
        conn = psycopg.connect(self.database_url)
        with self.lock:
            self.connections.append(conn)
        return conn

    def _release(self, conn: psycopg.Connection) -> None:  # type: ignore[override]
        pass  # closed after the CPU meter has read the backends' time (`run`)

    def run(self, meter: CpuMeter) -> RunResult:
        try:
            return super().run(meter)
        finally:
            for conn in self.connections:
                conn.close()

    def _values(self, table: str, row: dict[str, object], code: str, **override: object) -> list:  # type: ignore[type-arg]
        json_columns = self.seed.json_columns[table]
        values = []
        for column, value in row.items():
            value = override.get(column, value)
            if isinstance(value, str):
                value = value.replace(self.seed.code, code)
            elif column in json_columns and value is not None:
                value = psycopg.types.json.Jsonb(_replace(value, self.seed.code, code))
            values.append(value)
        return values

    def _write(self, conn: psycopg.Connection) -> None:  # type: ignore[type-arg]
        n = next(self.counter)
        unit, agency, agency_code = self.agencies[n % len(self.agencies)]
        tables = self.seed.tables
        with conn.transaction():
            day = time.strftime("%Y-%m-%d")
            number = conn.execute(
                "INSERT INTO dossiers_daysequence (agency_id, day, last) VALUES (%s, %s, 1)"
                " ON CONFLICT (agency_id, day) DO UPDATE SET last = dossiers_daysequence.last + 1"
                " RETURNING last",
                [agency, day],
            ).fetchone()[0]
            code = f"{agency_code}-{day[2:4]}{day[5:7]}{day[8:10]}-{number:04d}"
            dossier_row = tables["dossiers_dossier"][0]
            dossier = conn.execute(
                self.dossier_insert,
                self._values(
                    "dossiers_dossier",
                    dossier_row,
                    code,
                    competent_unit_id=unit,
                    handling_agency_id=agency,
                ),  # fmt: skip
            ).fetchone()[0]
            with conn.cursor() as cursor:
                for table, statement in self.statements.items():
                    override: dict[str, object] = {"dossier_id": dossier}
                    if table == "dossiers_idempotencykey":
                        override["key"] = str(uuid.uuid4())
                    rows = [self._values(table, row, code, **override) for row in tables[table]]
                    if table == "dossiers_event":  # the chain's hash, computed as the app does
                        at = list(tables[table][0]).index("hash")
                        for values in rows:
                            digest = hashlib.sha256(json.dumps(values, default=str).encode())
                            values[at] = digest.hexdigest()
                    cursor.executemany(statement, rows)

    def _once(self, conn: psycopg.Connection) -> tuple[str, bytes, float]:  # type: ignore[override]
        began = time.perf_counter()
        try:
            self._write(conn)
            status, payload = "201", b""
        except psycopg.Error as exc:
            status, payload = type(exc).__name__, str(exc).encode()
        return status, payload, time.perf_counter() - began


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return 1000 * ordered[max(0, math.ceil(q * len(ordered)) - 1)]


HEADER = (
    "| config | wards | clients | requests | ok/s | p50 ms | p95 ms | p99 ms | errors "
    "| CPU ms/request app + pg | CPU % of a core: app / pg / load gen / other | load avg |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
)


def row(label: str, wards: str, clients: int, result: RunResult, expected: str) -> str:
    ok = result.statuses[expected]
    sent = sum(result.statuses.values())
    errors = sent - ok
    error_text = str(errors) + (
        " (" + ", ".join(f"{s}×{n}" for s, n in result.statuses.items() if s != expected) + ")"
        if errors
        else ""
    )
    cpu, seconds = result.cpu, result.seconds
    share = " / ".join(f"{100 * cpu[k] / seconds:.0f}" for k in ("app", "pg", "client", "other"))
    if cpu["steal"] / seconds >= 0.01:
        share += f" (steal {100 * cpu['steal'] / seconds:.0f})"
    per_request = f"{1000 * cpu['app'] / max(sent, 1):.1f} + {1000 * cpu['pg'] / max(sent, 1):.1f}"
    return (
        f"| {label} | {wards} | {clients} | {sent} | {ok / seconds:.0f} "
        f"| {percentile(result.latencies, 0.50):.0f} | {percentile(result.latencies, 0.95):.0f} "
        f"| {percentile(result.latencies, 0.99):.0f} | {error_text} | {per_request} | {share} "
        f"| {result.load_average:.1f} |"
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/motcua_bench",
        help="PostgreSQL database to DROP and recreate (default: %(default)s)",
    )
    parser.add_argument(
        "--workers",
        type=int_list,
        default=[2, 4],
        help="gunicorn worker counts, comma-separated (default: 2,4)",
    )
    parser.add_argument(
        "--threads",
        type=int_list,
        default=[1],
        help="threads per worker, comma-separated; >1 uses gthread (default: 1)",
    )
    parser.add_argument(
        "--clients",
        type=int_list,
        default=[1, 8, 16, 32],
        help="concurrent clients, comma-separated (default: 1,8,16,32)",
    )
    parser.add_argument(
        "--wards",
        type=int_list,
        default=[8, 1],
        help="competent wards to spread dossiers over, comma-separated; 1 = every "
        "dossier on one agency day-sequence (default: 8,1)",
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=300,
        help="measured requests per client per run (default: %(default)s)",
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=30.0,
        help="stop a run after this many seconds anyway (default: %(default)s)",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=10,
        help="unmeasured requests per client before each run (default: %(default)s)",
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also time GET /api/v1/units/?page_size=1 (framework ceiling)",
    )
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        help="before each run, wait up to this many seconds for the machine to "
        "be idle (default: %(default)s)",
    )
    parser.add_argument(
        "--max-other",
        type=float,
        default=25.0,
        help="repeat a run (see --retries) when other processes took more than this share of a "
        "core during it, in %% (default: %(default)s)",
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=0,
        help="repeats allowed per run when another workload disturbed it; the least disturbed "
        "run is reported (default: %(default)s)",
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="after each intake run, write the same rows through psycopg with the same client "
        "count (the database's ceiling) and print the ratio application / raw",
    )
    parser.add_argument(
        "--template",
        default="",
        help="copy this database (migrated, with the reference data, the catalog and the cache "
        "table) instead of migrating and loading afresh",
    )
    parser.add_argument(
        "--no-statements",
        action="store_true",
        help="do not count the SQL statements of one intake (in process, at the end)",
    )
    parser.add_argument("--port", type=int, default=18431)
    return parser.parse_args()


class Bench:
    """Every configuration in turn; the rows and the unexpected responses they met."""

    def __init__(self, args: argparse.Namespace, env: dict[str, str], log_path: Path):
        self.args, self.env, self.log_path = args, env, log_path
        self.rows: list[str] = []
        self.errors: dict[str, list[str]] = {}
        self.created = 0
        self.server: Server | None = None
        self.seed: SeedRows | None = None
        self.statements = ""
        self.ratios: list[tuple[str, int, int, float, float]] = []

    def run(self, token: str) -> None:
        args = self.args
        fixture: Fixture | None = None
        for workers, threads in itertools.product(args.workers, args.threads):
            config = ServerConfig(workers, threads)
            self.server = Server(config, args.port, self.env, self.log_path)
            log(f"starting gunicorn: {config.label}")
            self.server.start()
            if fixture is None:
                fixture = prepare(args.port, token, max(args.wards))
                if args.raw:
                    self.seed = seed_rows(
                        args.database_url, file_seed(args.port, fixture), fixture.wards,
                        len(fixture.from_data),
                    )  # fmt: skip
                    self.created += 1
            plans = [("intake", w) for w in args.wards]
            if args.baseline:
                plans.append(("units", 0))
            for (endpoint, ward_count), clients in itertools.product(plans, args.clients):
                app = self.one_run(config, fixture, endpoint, ward_count, clients)
                if endpoint == "intake" and args.raw:
                    raw = self.one_run(config, fixture, "raw", ward_count, clients)
                    self.ratios.append((config.label, ward_count, clients, app, raw))
            self.server.stop()
            self.server = None

    def _load(self, fixture: Fixture, endpoint: str, wards: list[str], clients: int) -> Load:
        args = self.args
        sizes = (clients, args.requests, args.warmup, args.duration)
        if endpoint == "raw":
            return RawLoad(args.database_url, self.seed, wards, *sizes)
        return Load(args.port, fixture, wards, *sizes, endpoint)

    def one_run(
        self, config: ServerConfig, fixture: Fixture, endpoint: str, ward_count: int, clients: int
    ) -> float:
        """Run one row (repeated if disturbed), print it; return its successes per second."""
        args = self.args
        wards = fixture.wards[:ward_count] or fixture.wards
        assert self.server is not None
        result: RunResult | None = None
        for attempt in range(1 + args.retries):
            if args.wait_idle:
                wait_until_idle(args.wait_idle)
            load = self._load(fixture, endpoint, wards, clients)
            this = load.run(CpuMeter(self.server, args.database_url))
            self.created += this.created
            for status, bodies in this.samples.items():  # from every attempt, kept or not
                key = f"{config.label} {endpoint}, {ward_count} wards, {clients} clients: {status}"
                self.errors.setdefault(key, []).extend(bodies)
            other = 100 * this.cpu["other"] / this.seconds
            if result is None or other < 100 * result.cpu["other"] / result.seconds:
                result = this
            if other <= args.max_other:
                break
            log(f"another workload took {other:.0f}% of a core during attempt {attempt + 1}")
        assert result is not None
        label = {"intake": config.label, "units": f"{config.label}, GET units"}.get(
            endpoint, "raw psycopg"
        )
        line = row(label, str(ward_count) if ward_count else "–", clients, result, load.expected)
        self.rows.append(line)
        print(line, flush=True)  # noqa: T201
        return result.statuses[load.expected] / result.seconds

    def ratio_table(self) -> str:
        lines = [
            "| config | wards | clients | application dossiers/s | raw dossiers/s "
            "| application / raw |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for label, wards, clients, app, raw in self.ratios:
            ratio = app / raw if raw else float("nan")
            lines.append(f"| {label} | {wards} | {clients} | {app:.0f} | {raw:.0f} | {ratio:.3f} |")
        return "\n".join(lines)

    def stop(self) -> None:
        if self.server is not None:
            log(self.server.log_tail())
            self.server.stop()
            self.server = None

    def report_errors(self) -> None:
        """Print the server log's warnings and errors, and the first unexpected bodies."""
        if self.log_path.exists():
            problems = [
                line
                for line in self.log_path.read_text(errors="replace").splitlines()
                if not line.startswith("{") or '"level": "INFO"' not in line
                if not any(word in line for word in ("[INFO]", "UserWarning", "mw_instance"))
            ]
            if problems:
                log("server log, warnings and errors:\n" + "\n".join(problems[-60:]))
        if self.errors:
            log("\nunexpected responses (first bodies):")
            for key, bodies in self.errors.items():
                for body in bodies[:3]:
                    log(f"- {key}: {body}")


def _interrupted(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # so that `finally` stops the server


def main() -> None:
    args = parse_args()
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGINT, _interrupted)
    var_dir = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
    (var_dir / "static").mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "MOTCUA_VAR_DIR": str(var_dir),
        "PYTHONUNBUFFERED": "1",
        # One connection per worker (thread) for the whole benchmark: with the default 60 s a
        # backend that closes mid-run takes its CPU time out of the "pg" column.
        "MOTCUA_DB_CONN_MAX_AGE": os.environ.get("MOTCUA_DB_CONN_MAX_AGE", "3600"),
    }
    bench = Bench(args, env, var_dir / "gunicorn.log")
    try:
        log(f"setting up {args.database_url} (var dir {var_dir})")
        recreate_database(args.database_url, template=args.template)
        token = set_up(env, migrated=bool(args.template))
        print(HEADER, flush=True)  # noqa: T201
        bench.run(token)
        if not args.no_statements:
            bench.statements = statements_per_intake(env)
            bench.created += 5 + 3  # the counted intakes and their warm-up
        in_db = count_dossiers(args.database_url)
        log(f"dossiers in the database: {in_db}; 201 responses seen: {bench.created}")
        if in_db != bench.created:
            log("MISMATCH between the 201 responses and the stored dossiers")
    finally:
        bench.stop()
        bench.report_errors()
        shutil.rmtree(var_dir, ignore_errors=True)
    print("\n" + HEADER + "\n" + "\n".join(bench.rows))  # noqa: T201
    if bench.ratios:
        print("\n" + bench.ratio_table())  # noqa: T201
    if bench.statements:
        print("\n" + bench.statements.rstrip())  # noqa: T201


if __name__ == "__main__":
    main()
