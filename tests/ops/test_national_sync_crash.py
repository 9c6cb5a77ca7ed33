"""Killing the worker mid-sync with the national portal loses and duplicates nothing (issue 23).

The sandbox national portal (served by a real gunicorn) holds dossiers filed there, some
delivered twice; two `motcua worker` processes pull them over HTTP (documents fetched, each
acknowledged) and send every status back through the outbox, while they are SIGKILLed again and
again. Afterwards: each national code is exactly one dossier, every filing has its answer, the
portal holds every outbox message of every dossier once and in order, none is left undelivered.
"""

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from motcua.integrations import sandbox_portal
from tests.ops.stack import Stack, live_database, pg_only, query, reference_data_back

pytestmark = [pg_only, pytest.mark.usefixtures("reference_data_back")]
__all__ = ["live_database", "reference_data_back"]  # fixtures

FILINGS, TWICE, KILLS, PULL_KILLS = 40, 8, 5, 3


@pytest.fixture
def stack(live_database, tmp_path, settings):
    live = Stack(live_database, tmp_path, MOTCUA_OUTBOX_LEASE_SECONDS="2")
    portal = f"{live.url}/sandbox-portal"
    live.env.update(
        MOTCUA_NATIONAL_PORTAL_CONNECTOR="motcua.integrations.connectors.http.HttpNationalPortal",
        MOTCUA_NATIONAL_PORTAL_URL=f"{portal}/events",
        MOTCUA_NATIONAL_PORTAL_API_URL=portal,
    )
    settings.MOTCUA_NATIONAL_PORTAL_API_URL = portal  # the file URLs of the filed dossiers
    yield live
    live.stop()


def _plant_filings(dbname: str) -> set[str]:
    """The portal's filings, written straight into its tables (some delivered twice)."""
    codes = set()
    now = datetime.now(UTC)
    for number in range(1, FILINGS + 1):
        body = sandbox_portal.dossier_body("ok", number)
        codes.add(body["national_code"])
        for _ in range(2 if number <= TWICE else 1):
            query(
                dbname,
                "INSERT INTO integrations_sandboxfiling (national_code, scenario, body, filed_at) "
                "VALUES (%s, %s, %s, %s)",
                [body["national_code"], "duplicate" if number <= TWICE else "ok",
                 json.dumps(body), now],
            )  # fmt: skip
    return codes


def _pending(dbname: str) -> int:
    return query(
        dbname, "SELECT count(*) FROM integrations_sandboxfiling WHERE answered_at IS NULL"
    )[0][0]


def _undelivered(dbname: str) -> int:
    return query(
        dbname,
        "SELECT count(*) FROM integrations_outboxmessage "
        "WHERE destination = 'national_portal' AND delivered_at IS NULL",
    )[0][0]


def _held(dbname: str) -> int:
    return query(dbname, "SELECT count(*) FROM integrations_sandboxportalevent")[0][0]


def _wait(done: Callable[[], bool], seconds: float = 120) -> None:
    give_up = time.monotonic() + seconds
    while not done() and time.monotonic() < give_up:
        time.sleep(0.05)


def _kill_point(dbname: str, left: Callable[[str], int]) -> None:
    """Return once the count of what is `left` to do went down, not to zero (or reached zero
    between two looks: the workers were quicker)."""
    most = left(dbname)

    def progressed() -> bool:
        nonlocal most
        now = left(dbname)
        if 0 < now < most or (most and not now):
            return True
        most = max(most, now)
        return False

    _wait(progressed)


def test_killing_the_worker_mid_sync_loses_and_duplicates_nothing(stack, record_property):
    dbname = stack.dbname
    codes = _plant_filings(dbname)
    stack.start_web()
    stack.wait_ready()
    answered_at_kills, held_at_kills, undelivered_at_kills = [], [], []
    for cycle in range(KILLS):
        if not _pending(dbname) and not _undelivered(dbname):
            break
        stack.start_worker()
        stack.start_worker()
        # Kill in the middle, once the workers made progress with work still to do: the first
        # kills cut the pull short (dossiers received, not all acknowledged), the later ones,
        # once every filing is answered, the sending of the statuses.
        if cycle < PULL_KILLS:
            _kill_point(dbname, _pending)
        else:
            _wait(lambda: not _pending(dbname))
            _kill_point(dbname, _undelivered)
        stack.kill_workers()
        answered_at_kills.append(FILINGS + TWICE - _pending(dbname))
        held_at_kills.append(_held(dbname))
        undelivered_at_kills.append(_undelivered(dbname))
    time.sleep(3)  # past the lease of whatever the killed workers had claimed
    for _ in range(5):
        stack.motcua("worker", "--once")
        if not _pending(dbname) and not _undelivered(dbname):
            break
        time.sleep(2.5)
    record_property("answered_at_each_kill", json.dumps(answered_at_kills))
    record_property("held_at_each_kill", json.dumps(held_at_kills))

    # The test did what it says: kills came while some filings were answered and some not,
    # and while the portal held some of the statuses and not yet the others.
    assert any(0 < n < FILINGS + TWICE for n in answered_at_kills), answered_at_kills
    assert any(n > 0 for n in held_at_kills), held_at_kills
    assert _pending(dbname) == 0, stack.log_tail()
    # Each national code: exactly one dossier, one NationalFiling with every delivery counted.
    dossiers = dict(
        query(dbname, "SELECT national_code, count(*) FROM dossiers_dossier "
                      "WHERE national_code IS NOT NULL GROUP BY national_code")
    )  # fmt: skip
    assert dossiers == dict.fromkeys(codes, 1)
    filings = dict(query(dbname, "SELECT national_code, state FROM integrations_nationalfiling"))
    assert filings == dict.fromkeys(codes, "accepted")
    # Every filing of the portal has Motcua's answer, the same dossier code for both deliveries.
    answers = query(
        dbname,
        "SELECT f.national_code, f.answer->>'code', d.code FROM integrations_sandboxfiling f "
        "JOIN dossiers_dossier d ON d.national_code = f.national_code",
    )
    assert len(answers) == FILINGS + TWICE
    assert all(given == ours for _, given, ours in answers)
    # The portal holds each message of the outbox once, in the order of each dossier's line.
    sent = query(
        dbname,
        "SELECT key, id FROM integrations_outboxmessage WHERE destination = 'national_portal' "
        "AND delivered_at IS NOT NULL ORDER BY id",
    )
    held = query(dbname, "SELECT key, event_id FROM integrations_sandboxportalevent ORDER BY id")
    assert (
        len(sent)
        == query(
            dbname,
            "SELECT count(*) FROM integrations_outboxmessage WHERE destination = 'national_portal'",
        )[0][0]
    )
    per_key_sent: dict[str, list[str]] = {}
    for key, pk in sent:
        per_key_sent.setdefault(key, []).append(f"motcua-01-{pk}")
    per_key_held: dict[str, list[str]] = {}
    for key, event_id in held:
        per_key_held.setdefault(key, []).append(event_id)
    assert per_key_held == per_key_sent
    assert len(per_key_held) == FILINGS
