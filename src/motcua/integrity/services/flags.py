"""Raise flags from the scan, review them (confirm, dismiss with a reason, escalate), and run
the nightly rescan once a night whatever the number of workers."""

import logging
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from motcua.core import clock
from motcua.core.errors import Forbidden, NotFound
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrity.errors import AlreadyReviewed, ReasonRequired
from motcua.integrity.extra import extra_candidates
from motcua.integrity.models import (
    Flag,
    FlagKind,
    FlagSource,
    FlagStatus,
    ScanRun,
    Standing,
    SubmitterActivity,
)
from motcua.integrity.scan import broker_candidates

logger = logging.getLogger(__name__)
REOPEN_RISE = 15  # a dismissed flag comes back when the score rose this much since the review


@dataclass(frozen=True)
class ScanResult:
    identities: int
    flagged: int
    raised: int
    seconds: float


@dataclass(frozen=True)
class Found:
    key_kind: str
    key_value: str
    label: str
    agency_id: int | None
    score: int
    reasons: list[dict]
    evidence: dict


REFRESHED = ["score", "reasons", "evidence", "updated_at", "agency", "status"]


def _save_all(kind: str, found: list[Found], now: datetime) -> int:
    """Create the new flags and refresh the known ones in bulk; return how many are new or
    back from a dismissal (the score rose markedly since the review)."""
    known = {
        (f.key_kind, f.key_value): f
        for f in Flag.objects.filter(kind=kind, key_value__in=[x.key_value for x in found])
    }
    new, changed, raised = [], [], 0
    for x in found:
        flag = known.get((x.key_kind, x.key_value))
        if flag is None:
            new.append(
                Flag(
                    kind=kind,
                    key_kind=x.key_kind,
                    key_value=x.key_value,
                    label=x.label,
                    agency_id=x.agency_id,
                    score=x.score,
                    reasons=x.reasons,
                    evidence=x.evidence,
                    source=FlagSource.SCAN,
                    raised_at=now,
                    updated_at=now,
                )
            )
            continue
        if flag.status == FlagStatus.DISMISSED and x.score >= (
            (flag.score_at_review or flag.score) + REOPEN_RISE
        ):
            flag.status = FlagStatus.OPEN
            raised += 1
        flag.score, flag.reasons, flag.evidence, flag.updated_at = (
            x.score,
            x.reasons,
            x.evidence,
            now,
        )
        flag.agency_id = x.agency_id or flag.agency_id
        changed.append(flag)
    Flag.objects.bulk_create(new, batch_size=1000)
    Flag.objects.bulk_update(changed, REFRESHED, batch_size=500)
    return raised + len(new)


def _standings(today: date) -> set[tuple[str, str]]:
    valid = Standing.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    return set(valid.values_list("key_kind", "key_value"))


@transaction.atomic(durable=True)
def scan(*, end: datetime | None = None) -> ScanResult:
    """Rescan the window ending now: every submitter identity, every official, every dossier."""
    started = time.monotonic()
    end = end or clock.now()
    start = end - timedelta(days=settings.MOTCUA_INTEGRITY_WINDOW_DAYS)
    standings = _standings(timezone.localdate(end))
    brokers = [
        Found(
            c.key_kind,
            c.key_value,
            c.label,
            c.agency_id,
            c.assessment.score,
            [r.as_json() for r in c.assessment.reasons],
            {"dossiers": list(c.dossier_codes), **_counts(c.evidence)},
        )
        for c in broker_candidates(start, end)
        if (c.key_kind, c.key_value) not in standings
    ]
    extras = [
        Found(
            e.key_kind,
            e.key_value,
            e.label,
            e.agency_id,
            e.assessment.score,
            [r.as_json() for r in e.assessment.reasons],
            {"dossiers": list(e.dossier_codes), "events": list(e.event_ids)},
        )
        for e in extra_candidates(start, end)
    ]
    raised = _save_all(FlagKind.BROKER, brokers, end)
    raised += _save_all(FlagKind.EXTRA_DOCUMENTS, extras, end)
    flagged = len(brokers) + len(extras)
    seconds = time.monotonic() - started
    logger.info("integrity_scan", extra={"flagged": flagged, "raised": raised, "seconds": seconds})
    return ScanResult(flagged, flagged, raised, seconds)


def _counts(evidence: object) -> dict[str, int]:
    names = ("dossiers", "applicants", "units", "active_days", "odd_hours", "troubled")
    return {f"n_{n}": getattr(evidence, n) for n in names if getattr(evidence, n) is not None}


def run_nightly_scan(*, take_over: bool = False) -> ScanRun | None:
    """Run the rescan once a night from MOTCUA_INTEGRITY_SCAN_HOUR (the worker calls this).

    The night's ScanRun row is claimed first (unique per night): the other workers skip. A
    failure is logged and the row stays unfinished, for the operators to see. `take_over`: the
    task queue retries the night's job because its first run was killed (the scan is one
    transaction, so nothing of it was kept): the unfinished row is taken over and scanned again.
    """
    now = timezone.localtime(clock.now())
    if now.hour < settings.MOTCUA_INTEGRITY_SCAN_HOUR:
        return None
    try:
        with transaction.atomic(durable=True):
            run = ScanRun.objects.create(night=now.date(), started_at=now)
    except IntegrityError:
        unfinished = ScanRun.objects.filter(night=now.date(), finished_at__isnull=True)
        if not (take_over and unfinished.update(started_at=now)):
            return None  # another worker has it, or the night is done
        run = ScanRun.objects.get(night=now.date())
    try:
        result = scan(end=now)
    except Exception:  # the worker loop must survive; the unfinished row tells the story
        logger.exception("integrity_scan_failed")
        return run
    ScanRun.objects.filter(pk=run.pk).update(
        finished_at=clock.now(),
        identities=result.identities,
        flagged=result.flagged,
        seconds=result.seconds,
    )
    run.refresh_from_db()
    return run


def _inspector(actor: AbstractBaseUser) -> None:
    if Role.INSPECTOR not in official_scope(actor).city_roles:
        raise Forbidden()


def _open_flag(flag_id: int) -> Flag:
    flag = Flag.objects.select_for_update().filter(pk=flag_id).first()
    if flag is None:
        raise NotFound()
    if flag.status not in (FlagStatus.OPEN, FlagStatus.ESCALATED):
        raise AlreadyReviewed()
    return flag


def _decide(flag: Flag, status: str, actor: AbstractBaseUser, note: str) -> Flag:
    flag.status, flag.reviewed_by, flag.reviewed_at = status, actor, clock.now()
    flag.review_note, flag.score_at_review = note, flag.score
    flag.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "score_at_review"]
    )
    logger.info("integrity_flag_reviewed", extra={"flag": flag.pk, "status": status})
    return flag


@transaction.atomic(durable=True)
def confirm_flag(flag_id: int, *, actor: AbstractBaseUser, note: str = "") -> Flag:
    """Confirm a flag; a confirmed broker's new filings are marked for the receiving officer."""
    _inspector(actor)
    flag = _decide(_open_flag(flag_id), FlagStatus.CONFIRMED, actor, note.strip())
    if flag.kind == FlagKind.BROKER:
        now = clock.now()
        SubmitterActivity.objects.update_or_create(
            key_kind=flag.key_kind,
            key_value=flag.key_value,
            defaults={"is_confirmed_broker": True, "updated_at": now},
            create_defaults={"is_confirmed_broker": True, "updated_at": now, "window_start": now},
        )
    return flag


@transaction.atomic(durable=True)
def dismiss_flag(flag_id: int, *, actor: AbstractBaseUser, reason: str) -> Flag:
    """Dismiss a flag, saying why (it comes back only if the score rises markedly)."""
    _inspector(actor)
    if not reason.strip():
        raise ReasonRequired()
    return _decide(_open_flag(flag_id), FlagStatus.DISMISSED, actor, reason.strip())


@transaction.atomic(durable=True)
def escalate_flag(flag_id: int, *, actor: AbstractBaseUser, note: str = "") -> Flag:
    """Send a flag up to the inspection team's head (it stays to decide)."""
    _inspector(actor)
    flag = _open_flag(flag_id)
    if flag.status == FlagStatus.ESCALATED:
        raise AlreadyReviewed()
    return _decide(flag, FlagStatus.ESCALATED, actor, note.strip())
