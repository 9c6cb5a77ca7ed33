"""The database restarts under load: gunicorn and the worker recover without anyone's help.

The application reaches PostgreSQL through a relay that the test "restarts" (every connection
dropped, new ones refused for two seconds), as a restart or a failover looks to the
application, while clients search the catalog, list dossiers and file them. Requests may fail
briefly, with 503 and Retry-After, never hang; then they succeed again from the same processes,
and the worker goes on sweeping.
"""

import threading
import time
import uuid
from collections import Counter

from django.db import connection

import pytest
import requests

from motcua.documents.pdf import blank_pdf
from tests.ops.stack import (
    DatabaseProxy,
    Stack,
    api_session,
    live_database,
    pg_only,
    query,
    reference_data_back,
)

pytestmark = [pg_only, pytest.mark.usefixtures("reference_data_back")]
__all__ = ["live_database", "reference_data_back"]  # fixtures
RESTARTS, DOWN_SECONDS = 3, 2.0
POINT, WARD, BIRTH = "MC-00070", "00008", "1.001193"


@pytest.fixture
def proxied_stack(live_database, tmp_path):
    proxy = DatabaseProxy(int(connection.settings_dict["PORT"] or 5432))
    stack = Stack(live_database, tmp_path, db_port=proxy.port)
    yield stack, proxy
    stack.stop()
    proxy.close()


class Clients:
    def __init__(self, stack: Stack, token: str, upload: int, documents: list[int]):
        self.stack, self.session = stack, api_session(token)
        self.upload, self.documents = upload, documents
        self.statuses: Counter[str] = Counter()
        self.log: list[tuple[float, bool]] = []  # (when, succeeded)
        self.filed: dict[str, str] = {}  # idempotency key -> code
        self.running = True
        self.lock = threading.Lock()

    def _record(self, outcome: str, ok: bool) -> None:
        with self.lock:
            self.statuses[outcome] += 1
            self.log.append((time.monotonic(), ok))

    def _get(self, path: str) -> requests.Response:
        return self.session.get(f"{self.stack.url}{path}", timeout=15)

    def browse(self) -> None:
        paths = ["/api/v1/procedures/?q=khai sinh", "/api/v1/dossiers/", "/procedures/"]
        for n in range(10**6):
            if not self.running:
                return
            try:
                status = self._get(paths[n % len(paths)]).status_code
                self._record(str(status), status == 200)
            except requests.RequestException as exc:
                self._record(type(exc).__name__, False)
            time.sleep(0.02)

    def file(self) -> None:
        while self.running:
            key = uuid.uuid4().hex
            body = {
                "procedure": BIRTH,
                "channel": "counter",
                "receiving_point": POINT,
                "competent_unit": WARD,
                "applicant": {"id_number": "001090012345", "full_name": "Nguyễn Văn An"},
                "documents": [{"requirement": r, "file": self.upload} for r in self.documents],
            }
            while True:  # the same key until acknowledged, as a client should
                try:
                    response = self.session.post(
                        f"{self.stack.url}/api/v1/dossiers/",
                        json=body,
                        headers={"Idempotency-Key": key},
                        timeout=15,
                    )
                    self._record(str(response.status_code), response.status_code == 201)
                    if response.status_code == 201:
                        self.filed[key] = response.json()["code"]
                        break
                    assert response.status_code >= 500, response.text
                except requests.RequestException as exc:
                    self._record(type(exc).__name__, False)
                time.sleep(0.1)

    def successes_since(self, moment: float) -> int:
        with self.lock:
            return sum(1 for when, ok in self.log if ok and when > moment)


def _wait_for(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_the_application_recovers_from_database_restarts_by_itself(proxied_stack):
    stack, proxy = proxied_stack
    stack.motcua("users", "create", "db-officer", "--role", "receiving_officer", "--point", POINT)
    token = stack.motcua("token", "create", "db-officer").strip().splitlines()[-1]
    stack.start_web()
    stack.start_worker()
    stack.wait_ready()
    session = api_session(token)
    procedure = session.get(f"{stack.url}/api/v1/procedures/{BIRTH}/", timeout=30).json()
    uploaded = session.post(
        f"{stack.url}/api/v1/uploads/", files={"file": ("f.pdf", blank_pdf("f"))}, timeout=30
    )
    clients = Clients(
        stack,
        token,
        uploaded.json()["id"],
        [d["id"] for d in procedure["documents"] if d["required"]],
    )
    threads = [threading.Thread(target=clients.browse, daemon=True) for _ in range(2)]
    threads.append(threading.Thread(target=clients.file, daemon=True))
    for thread in threads:
        thread.start()
    masters = {stack.web.pid}
    worker = stack.workers[0]
    recovered_in, reconnected = [], []
    for _ in range(RESTARTS):
        assert _wait_for(lambda: clients.successes_since(time.monotonic() - 1) > 3, 60)
        before = proxy.accepted
        proxy.restart(DOWN_SECONDS)
        back = time.monotonic()
        assert _wait_for(lambda back=back: clients.successes_since(back) > 0, 30)
        recovered_in.append(time.monotonic() - back)
        reconnected.append(proxy.accepted > before)
    settled = time.monotonic() + 1
    assert _wait_for(lambda: clients.successes_since(settled) >= 20, 60)
    with clients.lock:
        after = [ok for when, ok in clients.log if when > settled]
    clients.running = False
    for thread in threads:
        thread.join(timeout=30)
    # The worker reconnected too: a dossier made overdue now is flagged by the running worker.
    code = next(iter(clients.filed.values()))
    query(stack.dbname, "UPDATE dossiers_dossier SET due_at = now() - interval '1 minute' "
          "WHERE code = %s", [code])  # fmt: skip
    flagged = _wait_for(
        lambda: query(
            stack.dbname,
            "SELECT overdue_flagged_at IS NOT NULL FROM dossiers_dossier WHERE code = %s",
            [code],
        )[0][0],
        30,
    )
    failures = {k: n for k, n in clients.statuses.items() if k not in ("200", "201")}

    assert all(after), failures  # once settled, every request succeeds
    assert max(recovered_in) < 15, recovered_in  # seconds after the database is back
    assert all(reconnected)  # the old connections were gone: the processes opened new ones
    assert {stack.web.pid} == masters  # the same gunicorn, never restarted
    assert stack.web.poll() is None
    assert worker.poll() is None
    assert flagged
    assert set(failures) <= {"503", "ConnectionError", "ReadTimeout"}, failures  # never a 500
    assert "500" not in clients.statuses
    codes = list(clients.filed.values())
    assert len(codes) == len(set(codes)) > 0
    stored = query(
        stack.dbname, "SELECT count(*) FROM dossiers_dossier WHERE code = ANY(%s)", [codes]
    )[0][0]
    assert stored == len(codes)
