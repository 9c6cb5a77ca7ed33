"""Score a submitter at intake: upsert its small rolling aggregate inside the intake's
transaction, raise a flag when the score crosses the threshold, and mark a confirmed broker's
new filing for the receiving officer. A few queries, no scan."""

import functools
import operator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from motcua.integrity import keys, scoring
from motcua.integrity.models import (
    BrokerMark,
    Flag,
    FlagKind,
    FlagSource,
    FlagStatus,
    Standing,
    SubmitterActivity,
)

MAX_DIGESTS = 64  # beyond this many applicants the score is saturated anyway
MAX_UNITS = 16


def _is_odd(at: datetime) -> bool:
    hour = timezone.localtime(at).hour
    return hour >= scoring.ODD_START or hour < scoring.ODD_END


def note_intake(dossier: Any, *, helper_id: int | None) -> None:
    """Count the dossier for each of its submitter identities (runs in the intake transaction).

    A dossier filed by a registered community helper counts for nobody (DOMAIN G2).
    """
    if helper_id is not None:
        return
    found = keys.dossier_keys(
        channel=dossier.channel,
        owner_id=dossier.owner_id,
        username=dossier.owner.get_username(),
        applicant=dossier.applicant,
        submitter=dossier.submitter,
    )
    if not found:
        return
    now = dossier.received_at
    # one (kind, value) pair per key: each side of the OR is a lookup in the unique index
    pairs = functools.reduce(operator.or_, (Q(key_kind=k.kind, key_value=k.value) for k in found))
    existing = {
        (r.key_kind, r.key_value): r
        for r in SubmitterActivity.objects.select_for_update().filter(pairs)
    }
    window = timedelta(days=settings.MOTCUA_INTEGRITY_WINDOW_DAYS)
    rows = []
    for key in found:
        row = existing.get((key.kind, key.value)) or SubmitterActivity(
            key_kind=key.kind, key_value=key.value, window_start=now, updated_at=now
        )
        _count(row, dossier, now, window)
        row.pk = None  # written back by the upsert below, on its (kind, value)
        rows.append(row)
    # Two statements in all, whatever the number of keys: the locked read above and this upsert.
    # Two first filings of one new key at the same instant may count once; the nightly scan
    # recounts exactly.
    SubmitterActivity.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["key_kind", "key_value"],
        update_fields=COUNTED,
    )
    for key, row in zip(found, rows, strict=True):
        if row.is_confirmed_broker:
            _mark(dossier, key)
        _assess(row, key, dossier, now)


COUNTED = ["window_start", "dossiers", "applicants", "units", "days", "odd_hours", "updated_at"]


def _count(row: SubmitterActivity, dossier: Any, now: datetime, window: timedelta) -> None:
    if now - row.window_start > window:  # a new window: start again from this filing
        row.window_start, row.dossiers, row.applicants, row.units = now, 0, [], []
        row.days, row.odd_hours = {}, 0
    digest = keys.applicant_digest(dossier.applicant_id_number)
    if digest not in row.applicants and len(row.applicants) < MAX_DIGESTS:
        row.applicants = [*row.applicants, digest]
    if dossier.competent_unit_id not in row.units and len(row.units) < MAX_UNITS:
        row.units = [*row.units, dossier.competent_unit_id]
    day = timezone.localdate(now).isoformat()
    row.days = {**row.days, day: row.days.get(day, 0) + 1}
    row.dossiers += 1
    row.odd_hours += int(_is_odd(now))
    row.updated_at = now


def _assess(row: SubmitterActivity, key: keys.Key, dossier: Any, now: datetime) -> None:
    evidence = scoring.Evidence(
        key_kind=row.key_kind,
        dossiers=row.dossiers,
        applicants=len(row.applicants),
        units=len(row.units),
        active_days=len(row.days),
        odd_hours=row.odd_hours,
        window_days=max(1, (now - row.window_start).days + 1),
    )
    if evidence.applicants < settings.MOTCUA_INTEGRITY_MIN_APPLICANTS:
        return  # the common case ends here: no more queries
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
