"""Crash safety: dossiers filed while gunicorn and the workers are SIGKILLed again and again.

Client threads file dossiers, each with its own Idempotency-Key, and retry on a refused
connection or a 5xx until the dossier is acknowledged; an official accepts acknowledged
dossiers; the due moment of some is moved into the past so that the two workers (two "nodes")
flag them while being killed. Afterwards: every acknowledged dossier exists exactly once, no
key made two dossiers, every event chain verifies, every status change has its outbox row, each
overdue dossier was flagged exactly once and nothing else was.
"""

import itertools
import json
import os
import queue
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests

from motcua.documents.pdf import blank_pdf
from tests.ops.stack import (
    Stack,
    api_session,
    live_database,
    pg_only,
    query,
    reference_data_back,
)

pytestmark = [pg_only, pytest.mark.usefixtures("reference_data_back")]
__all__ = ["live_database", "reference_data_back"]  # fixtures


KILLS = 4
# Between kills: this many dossiers filed, or this many seconds, whichever comes first.
PHASE_DOSSIERS = int(os.environ.get("MOTCUA_CRASH_PHASE_DOSSIERS", "400"))
PHASE_SECONDS = float(os.environ.get("MOTCUA_CRASH_PHASE_SECONDS", "12"))
CLIENTS = 6
POINT, WARD = "MC-00070", "00008"  # received at Hoàn Kiếm's point for Ngọc Hà (boundary-free)
BIRTH = "1.001193"
PDF = blank_pdf("form")
RUNNING = ("received", "in_progress", "approved")  # open and not waiting for the applicant


@dataclass
class Tally:
    acknowledged: dict[int, str] = field(default_factory=dict)  # index -> dossier code
    accepted: set[str] = field(default_factory=set)
    retries: int = 0
    refused: list[str] = field(default_factory=list)  # 4xx: must stay empty
    lock: threading.Lock = field(default_factory=threading.Lock)


def _until_answered(send: Any, tally: Tally, stop_by: float) -> requests.Response:
    """Send until the server answers below 500; count the retries (refused, reset, 5xx)."""
    while time.monotonic() < stop_by:
        try:
            response = send()
            if response.status_code < 500:
                return response
        except requests.RequestException:
            pass
        with tally.lock:
            tally.retries += 1
        time.sleep(0.1)
    raise AssertionError("the server never answered again")


def _body(index: int, upload: int, documents: list[int]) -> dict[str, Any]:
    return {
        "procedure": BIRTH,
        "channel": "counter",
        "receiving_point": POINT,
        "competent_unit": WARD,
        "applicant": {
            "id_number": f"001090{index:06d}",
            "full_name": "Nguyễn Văn An",
            "date_of_birth": "1990-05-01",
        },
        "documents": [{"requirement": r, "file": upload} for r in documents],
        "delivery": {"method": "online"},
        "form": {"crash_index": index},
    }


class Load:
    def __init__(self, stack: Stack, token: str, upload: int, documents: list[int]):
        self.stack, self.token, self.upload, self.documents = stack, token, upload, documents
        self.tally = Tally()
        self.indexes = itertools.count(1)
        self.filing = threading.Event()
        self.to_accept: queue.Queue[str | None] = queue.Queue()
        self.give_up_at = time.monotonic() + (KILLS + 1) * (90 + PHASE_SECONDS)

    def file(self) -> None:
        session = api_session(self.token)
        while self.filing.is_set():
            index = next(self.indexes)
            body = json.dumps(_body(index, self.upload, self.documents))
            headers = {"Idempotency-Key": f"crash-{index}", "Content-Type": "application/json"}

            def send(body: str = body, headers: dict[str, str] = headers) -> requests.Response:
                return session.post(
                    f"{self.stack.url}/api/v1/dossiers/", data=body, headers=headers, timeout=30
                )

            response = _until_answered(send, self.tally, self.give_up_at)
            with self.tally.lock:
                if response.status_code == 201:
                    self.tally.acknowledged[index] = response.json()["code"]
                else:
                    self.tally.refused.append(f"file {index}: {response.status_code}")
            if response.status_code == 201 and index % 3 == 0:
                self.to_accept.put(response.json()["code"])

    def accept(self) -> None:
        """Accept dossiers as an official's client would: read, then accept at that version.
        A lost answer is retried; a 409 means the dossier changed meanwhile (an earlier try of
        ours won, or the sweep flagged it overdue), so it is read again and, if still not
        accepted, accepted at its new version."""
        session = api_session(self.token)
        while (code := self.to_accept.get()) is not None:
            url = f"{self.stack.url}/api/v1/dossiers/{code}/"
            for _ in range(5):
                current = _until_answered(lambda url=url: session.get(url, timeout=30),
                                          self.tally, self.give_up_at).json()  # fmt: skip
                if current["status"] == "in_progress":
                    break
                response = _until_answered(
                    lambda url=url, version=current["version"]: session.post(
                        f"{url}actions/accept/", json={"expected_version": version}, timeout=30
                    ),
                    self.tally,
                    self.give_up_at,
                )
                if response.status_code != 409:
                    break
            with self.tally.lock:
                if current["status"] == "in_progress" or (
                    response.status_code == 200 and response.json()["status"] == "in_progress"
                ):
                    self.tally.accepted.add(code)
                else:
                    self.tally.refused.append(f"accept {code}: {response.status_code}")


def _age(dbname: str) -> None:
    """Move the due moment of every seventh dossier into the past (the sweep must flag it)."""
    query(
        dbname,
        "UPDATE dossiers_dossier SET due_at = now() - interval '1 hour', "
        "legal_due_at = now() - interval '1 hour' WHERE id % 7 = 0 AND due_at > now()",
    )


def _setup(stack: Stack) -> tuple[str, int, list[int]]:
    stack.motcua("users", "create", "crash-officer", "--role", "receiving_officer",
                 "--point", POINT)  # fmt: skip
    token = stack.motcua("token", "create", "crash-officer").strip().splitlines()[-1]
    stack.start_web()
    stack.wait_ready()
    session = api_session(token)
    procedure = session.get(f"{stack.url}/api/v1/procedures/{BIRTH}/", timeout=30).json()
    required = [d["id"] for d in procedure["documents"] if d["required"]]
    uploaded = session.post(
        f"{stack.url}/api/v1/uploads/", files={"file": ("form.pdf", PDF)}, timeout=30
    )
    assert uploaded.status_code == 201, uploaded.text
    return token, uploaded.json()["id"], required


def _phase(load: Load) -> None:
    """Let the server file under load: from its first answer, PHASE_DOSSIERS more or
    PHASE_SECONDS, whichever comes first (a slow machine gets fewer, never an endless wait)."""
    start = len(load.tally.acknowledged)
    booted_by = time.monotonic() + 90
    while len(load.tally.acknowledged) == start and time.monotonic() < booted_by:
        time.sleep(0.05)
    assert len(load.tally.acknowledged) > start, "nothing was filed after a restart"
    until = time.monotonic() + PHASE_SECONDS
    while len(load.tally.acknowledged) < start + PHASE_DOSSIERS and time.monotonic() < until:
        time.sleep(0.05)


def _crash_loop(stack: Stack, load: Load, rng: random.Random) -> list[int]:
    """Kill gunicorn (master and workers) KILLS times, the workers every other time, each in
    the middle of filing; restart them at once; return the killed masters' pids."""
    killed = []
    for cycle in range(KILLS):
        _phase(load)
        _age(stack.dbname)
        time.sleep(rng.uniform(0, 0.5))
        killed.append(stack.web.pid)
        stack.kill_web()
        if cycle % 2 == 0 or cycle == KILLS - 1:
            stack.kill_workers()
        time.sleep(rng.uniform(0.1, 1.0))
        stack.start_web()
        while len(stack.workers) < 2:
            stack.start_worker()
    _phase(load)
    return killed


@pytest.fixture
def stack(live_database, tmp_path):
    live = Stack(live_database, tmp_path)
    yield live
    live.stop()


def test_dossiers_survive_kills_of_the_server_and_the_workers(stack, record_property):
    dbname = stack.dbname
    token, upload, documents = _setup(stack)
    stack.start_worker()
    stack.start_worker()
    load = Load(stack, token, upload, documents)
    load.filing.set()
    filers = [threading.Thread(target=load.file, daemon=True) for _ in range(CLIENTS)]
    accepter = threading.Thread(target=load.accept, daemon=True)
    for thread in [*filers, accepter]:
        thread.start()
    killed = _crash_loop(stack, load, random.Random(11))
    load.filing.clear()
    for thread in filers:
        thread.join(timeout=150)
    load.to_accept.put(None)
    accepter.join(timeout=150)
    assert not any(t.is_alive() for t in [*filers, accepter]), "a client never got an answer"
    stack.kill_workers()  # the last kill: whatever a worker was doing is cut short
    _age(dbname)
    stack.motcua("worker", "--once")
    tally = load.tally
    for name, value in (("acknowledged", len(tally.acknowledged)), ("retries", tally.retries),
                        ("accepted", len(tally.accepted))):  # fmt: skip
        record_property(name, value)  # in the JUnit XML report (--junitxml)

    # The test did what it says: dossiers filed between all the kills, which the clients felt.
    assert len(tally.acknowledged) > KILLS + 1, stack.log_tail()
    assert tally.retries > 0
    assert len(killed) == KILLS
    assert tally.refused == []
    _assert_each_dossier_once(dbname, tally)
    _assert_chains_and_outbox(stack, dbname)
    _assert_sweep(dbname, tally)


def _assert_each_dossier_once(dbname: str, tally: Tally) -> None:
    stored = dict(
        query(
            dbname,
            "SELECT (d.form->>'crash_index')::int, d.code FROM dossiers_dossier d",
        )
    )
    assert len(stored) == query(dbname, "SELECT count(*) FROM dossiers_dossier")[0][0]
    assert stored == tally.acknowledged  # each acknowledged one exactly once, nothing more
    keys = dict(
        query(
            dbname,
            "SELECT k.key, d.code FROM dossiers_idempotencykey k "
            "JOIN dossiers_dossier d ON d.id = k.dossier_id",
        )
    )
    assert keys == {f"crash-{i}": code for i, code in tally.acknowledged.items()}
    accepted = {
        code for (code,) in query(
            dbname,
            "SELECT d.code FROM dossiers_dossier d JOIN dossiers_event e ON e.dossier_id = d.id "
            "WHERE e.action = 'accept' GROUP BY d.code HAVING count(*) = 1",
        )
    }  # fmt: skip
    assert accepted == tally.accepted
    assert len(tally.accepted) > 0


def _assert_chains_and_outbox(stack: Stack, dbname: str) -> None:
    fingerprint = json.loads(stack.motcua("dossiers", "fingerprint", "--no-files"))
    assert fingerprint["broken_chains"] == []
    # DOMAIN P4 and ARCHITECTURE step 6: a status change (and an overdue flag) goes to the outbox
    # in the same transaction as its event (one row per destination: the national portal's
    # line carries every one of them; e-mail and SMS only the ones the applicant is told of).
    announced = dict(
        query(
            dbname,
            "SELECT d.code, count(e.id) FROM dossiers_dossier d JOIN dossiers_event e "
            "ON e.dossier_id = d.id WHERE e.status_before <> e.status_after "
            "OR e.action = 'flag-overdue' GROUP BY d.code",
        )
    )
    outbox = dict(
        query(
            dbname,
            "SELECT key, count(*) FROM integrations_outboxmessage "
            "WHERE topic = 'dossier.status' AND destination = 'national_portal' GROUP BY key",
        )
    )
    assert outbox == announced


def _assert_sweep(dbname: str, tally: Tally) -> None:
    """Flagged = open, running and past the due moment, computed directly; each flagged once."""
    due = {
        code for (code,) in query(
            dbname,
            "SELECT code FROM dossiers_dossier WHERE status = ANY(%s) AND due_at < now()",
            [list(RUNNING)],
        )
    }  # fmt: skip
    flagged = dict(
        query(
            dbname,
            "SELECT d.code, count(e.id) FROM dossiers_dossier d JOIN dossiers_event e "
            "ON e.dossier_id = d.id AND e.action = 'flag-overdue' "
            "WHERE d.overdue_flagged_at IS NOT NULL GROUP BY d.code",
        )
    )
    marked = {
        code for (code,) in query(
            dbname, "SELECT code FROM dossiers_dossier WHERE overdue_flagged_at IS NOT NULL"
        )
    }  # fmt: skip
    assert due, "no dossier was made overdue"
    assert marked == due == set(flagged)
    assert set(flagged.values()) == {1}
    assert due <= set(tally.acknowledged.values())
