"""Score a submitter at intake: one upsert counts the filing for every identity of the dossier
inside the intake's transaction; a flag is raised when an identity crosses the threshold; a
confirmed broker's new filing is marked for the receiving officer. No scan, no lock wait
beyond the identity's own row."""

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from motcua.integrity import keys, scoring
from motcua.integrity.models import (
    BrokerMark,
    Flag,
    FlagKind,
    FlagSource,
    FlagStatus,
    KeyKind,
    Standing,
    SubmitterActivity,
)

WORD = 63  # bits per bitmap word: a signed 64-bit integer without its sign bit
TABLE = SubmitterActivity._meta.db_table
BITMAPS = ("applicant_bits_a", "applicant_bits_b", "unit_bits", "day_bits")


@dataclass(frozen=True)
class Counted:
    """One identity's window after this filing, as the upsert returned it."""

    key_kind: str
    key_value: str
    window_start: datetime
    dossiers: int
    applicants: int
    units: int
    days: int
    odd_hours: int
    is_confirmed_broker: bool


def distinct(bits: list[int]) -> int:
    """Return the linear-counting estimate of how many values set these bitmap words."""
    size = WORD * len(bits)
    ones = sum(bin(word).count("1") for word in bits)
    zeros = size - ones
    return ones if zeros == size else round(-size * math.log(zeros / size)) if zeros else size


def _bit(value: str, words: int) -> list[int]:
    spot = int(hashlib.sha256(value.encode()).hexdigest()[:12], 16) % (WORD * words)
    return [
        1 << (spot - WORD * i) if WORD * i <= spot < WORD * (i + 1) else 0 for i in range(words)
    ]


def _is_odd(at: datetime) -> bool:
    hour = timezone.localtime(at).hour
    return hour >= scoring.ODD_START or hour < scoring.ODD_END


def _merge(column: str) -> str:
    return (
        f'"{column}" = CASE WHEN {TABLE}."window_start" < %s THEN excluded."{column}" '
        f'ELSE {TABLE}."{column}" | excluded."{column}" END'
    )


def _upsert_sql(rows: int) -> str:
    values = ", ".join(["(%s, %s, %s, 1, %s, %s, %s, %s, %s, %s, %s)"] * rows)
    stale = f'{TABLE}."window_start" < %s'
    return (
        f'INSERT INTO {TABLE} ("key_kind", "key_value", "window_start", "dossiers", '
        '"applicant_bits_a", "applicant_bits_b", "unit_bits", "day_bits", "odd_hours", '
        f'"is_confirmed_broker", "updated_at") VALUES {values} '
        'ON CONFLICT ("key_kind", "key_value") DO UPDATE SET '
        f'"window_start" = CASE WHEN {stale} THEN excluded."window_start" '
        f'ELSE {TABLE}."window_start" END, '
        f'"dossiers" = CASE WHEN {stale} THEN 1 ELSE {TABLE}."dossiers" + 1 END, '
        + ", ".join(_merge(c) for c in BITMAPS)
        + f', "odd_hours" = CASE WHEN {stale} THEN excluded."odd_hours" '
        f'ELSE {TABLE}."odd_hours" + excluded."odd_hours" END, '
        '"updated_at" = excluded."updated_at" '
        'RETURNING "key_kind", "key_value", "window_start", "dossiers", "applicant_bits_a", '
        '"applicant_bits_b", "unit_bits", "day_bits", "odd_hours", "is_confirmed_broker"'
    )


def _count(found: list[keys.Key], dossier: Any, now: datetime) -> list[Counted]:
    """Count the filing for every identity in one statement (PostgreSQL and SQLite alike)."""
    # an organisation is one applicant whoever represents it (issue 22)
    applicant = _bit(getattr(dossier, "enterprise_code", "") or dossier.applicant_id_number, 2)
    unit = 1 << (dossier.competent_unit_id % WORD)
    day = 1 << (timezone.localdate(now).toordinal() % WORD)
    odd = int(_is_odd(now))
    params: list[Any] = []
    for key in found:
        params += [key.kind, key.value, now, *applicant, unit, day, odd, False, now]
    cutoff = now - timedelta(days=settings.MOTCUA_INTEGRITY_WINDOW_DAYS)
    params += [cutoff] * (3 + len(BITMAPS))
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(len(found)), params)
        returned = cursor.fetchall()
    return [
        Counted(
            key_kind=kind,
            key_value=value,
            window_start=_moment(start, now),
            dossiers=dossiers,
            applicants=distinct([a, b]),
            units=distinct([units]),
            days=bin(days).count("1"),
            odd_hours=odd_hours,
            is_confirmed_broker=bool(confirmed),
        )
        for kind, value, start, dossiers, a, b, units, days, odd_hours, confirmed in returned
    ]


def _moment(value: Any, default: datetime) -> datetime:
    """A datetime as the raw cursor returns it (SQLite: text in UTC), aware."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if not isinstance(value, datetime):
        return default
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


def note_intake(dossier: Any, *, helper_id: int | None, own_organisation: bool = False) -> None:
    """Count the dossier for each of its submitter identities (runs in the intake transaction).

    A dossier filed by a registered community helper counts for nobody (DOMAIN G2), nor one
    that an organisation's legal representative (as the business registry names them) files
    for their own organisation: they act as the organisation itself (issue 22). Filing for many
    unrelated organisations counts as for many people: each enterprise code is one applicant.
    """
    if helper_id is not None or own_organisation:
        return
    found = keys.dossier_keys(
        channel=dossier.channel,
        owner_id=dossier.owner_id,
        username=dossier.owner.get_username(),
        applicant=dossier.applicant,
        submitter=dossier.submitter,
        device=dossier.device,
    )
    if not found:
        return
    now = dossier.received_at
    by_key = {(k.kind, k.value): k for k in found}
    for counted in _count(found, dossier, now):
        key = by_key[(counted.key_kind, counted.key_value)]
        if counted.is_confirmed_broker:
            _mark(dossier, key)
        _assess(counted, key, dossier, now)


def _represents(account_id: int) -> bool:
    """Whether the account is registered as a lawful representative (lawyer, business)."""
    return Standing.objects.filter(key_kind=KeyKind.ACCOUNT, key_value=str(account_id)).exists()


def _assess(row: Counted, key: keys.Key, dossier: Any, now: datetime) -> None:
    if row.applicants < settings.MOTCUA_INTEGRITY_MIN_APPLICANTS:
        return  # the common case ends here: no more queries
    window_start = row.window_start
    evidence = scoring.Evidence(
        key_kind=row.key_kind,
        dossiers=row.dossiers,
        applicants=row.applicants,
        units=row.units,
        active_days=max(1, row.days),
        odd_hours=row.odd_hours,
        window_days=max(1, (now - window_start).days + 1),
    )
    assessment = scoring.assess(evidence)
    if not scoring.is_flagged(
        assessment,
        evidence,
        threshold=settings.MOTCUA_INTEGRITY_BROKER_THRESHOLD,
        applicants=settings.MOTCUA_INTEGRITY_MIN_APPLICANTS,
    ):
        return
    if Standing.objects.filter(key_kind=key.kind, key_value=key.value).exists():
        return
    if key.kind == KeyKind.DEVICE and _represents(dossier.owner_id):
        return  # a lawful representative's office device files for its clients
    reasons = [r.as_json() for r in assessment.reasons]
    flag, created = Flag.objects.get_or_create(
        kind=FlagKind.BROKER,
        key_kind=key.kind,
        key_value=key.value,
        defaults={
            "label": key.label,
            "agency_id": dossier.handling_agency_id,
            "score": assessment.score,
            "reasons": reasons,
            "evidence": {"dossiers": [dossier.code]},
            "source": FlagSource.INTAKE,
            "raised_at": now,
            "updated_at": now,
        },
    )
    if created or flag.status == FlagStatus.DISMISSED:
        return  # a dismissal stands until the nightly scan finds much more
    codes = [c for c in flag.evidence.get("dossiers", []) if c != dossier.code][-49:]
    Flag.objects.filter(pk=flag.pk).update(
        score=assessment.score,
        reasons=reasons,
        evidence={**flag.evidence, "dossiers": [*codes, dossier.code]},
        updated_at=now,
    )


def _mark(dossier: Any, key: keys.Key) -> None:
    flag = Flag.objects.filter(
        kind=FlagKind.BROKER, key_kind=key.kind, key_value=key.value, status=FlagStatus.CONFIRMED
    ).first()
    if flag is not None:
        BrokerMark.objects.get_or_create(
            dossier_code=dossier.code, defaults={"flag": flag, "marked_at": dossier.received_at}
        )
