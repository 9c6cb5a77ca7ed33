"""The full rescan: set-based aggregates grouped by submitter identity over the window (one
grouped query per identity kind), scored in Python only for the identities that filed for
enough applicants. 1 million dossiers on PostgreSQL: docs/benchmarks.md."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import timezone

from motcua.core.text import is_ascii_number
from motcua.dossiers import selectors as dossiers
from motcua.dossiers.workflow import Status
from motcua.identity import selectors as identity
from motcua.integrity import keys, scoring
from motcua.integrity.models import KeyKind, Standing
from motcua.payments import selectors as payments

EVIDENCE_DOSSIERS = 50
BUSY_CHUNK = 5000  # keys per IN list (SQLite's default limit is 32766 parameters)


@dataclass(frozen=True)
class Candidate:
    key_kind: str
    key_value: str
    label: str
    evidence: scoring.Evidence
    assessment: scoring.Assessment
    agency_id: int | None
    dossier_codes: tuple[str, ...]


def _odd_q(field: str = "hour") -> Q:
    return Q(**{f"{field}__gte": scoring.ODD_START}) | Q(**{f"{field}__lt": scoring.ODD_END})


def _grouped(rows: QuerySet[Any], prefix: str = "") -> list[dict[str, Any]]:
    """Aggregate the annotated rows by `k` (the identity): the evidence of DOMAIN G1.

    Two stages: a cheap hash count finds the identities with enough filings to matter, then
    the distinct counts (which sort) run on their rows only, not on a million single filers.
    The busy keys go back as a list: PostgreSQL hashes a long IN list, where a subquery got a
    merge join that sorted every row (bench/integrity.py).
    """
    rows = rows.exclude(k__isnull=True)
    floor = settings.MOTCUA_INTEGRITY_MIN_APPLICANTS
    busy = list(
        rows.values("k")
        .annotate(filings=Count("pk"))
        .filter(filings__gte=floor)
        .values_list("k", flat=True)
    )
    found: list[dict[str, Any]] = []
    for offset in range(0, len(busy), BUSY_CHUNK):
        found += (
            rows.filter(k__in=busy[offset : offset + BUSY_CHUNK])
            .values("k")
            .annotate(
                n=Count("pk"),
                applicants=Count(f"{prefix}applicant_id_number", distinct=True),
                units=Count(f"{prefix}competent_unit_id", distinct=True),
                days=Count("day", distinct=True),
                odd=Count("pk", filter=_odd_q()),
                troubled=Count(
                    "pk",
                    filter=Q(**{f"{prefix}supplement_rounds__gt": 0})
                    | Q(**{f"{prefix}status": Status.REJECTED}),
                ),
            )
            .filter(applicants__gte=floor)
        )
    return found


def _dossier_rows(start: datetime, end: datetime) -> QuerySet[Any]:
    tz = timezone.get_current_timezone()
    rows = dossiers.received_between(start, end).filter(helper__isnull=True)
    helpers = identity.helper_accounts()
    if helpers:
        rows = rows.exclude(owner_id__in=helpers)  # DOMAIN G2: their volume is shown apart
    return rows.annotate(
        hour=ExtractHour("received_at", tzinfo=tz), day=TruncDate("received_at", tzinfo=tz)
    )


def _represented_accounts(end: datetime) -> list[int]:
    """The accounts registered as lawful representatives on the scan's last day."""
    valid = Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localdate(end))
    values = Standing.objects.filter(valid, key_kind=KeyKind.ACCOUNT).values_list("key_value")
    return [int(v) for (v,) in values if is_ascii_number(v)]


def _aggregates(start: datetime, end: datetime) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    base = _dossier_rows(start, end)
    for kind, (expression, applies) in keys.sql_keys().items():
        rows = base.filter(applies).annotate(k=expression)
        if kind == KeyKind.PERSON:
            rows = rows.exclude(k=F("applicant_id_number"))
        if kind == KeyKind.DEVICE:  # a lawful representative's office device files lawfully
            rows = rows.exclude(owner_id__in=_represented_accounts(end))
        found += [(kind, row) for row in _grouped(rows)]
    tz = timezone.get_current_timezone()
    paid = (
        payments.payments_between(start, end)
        .exclude(payer_account="")
        .annotate(
            k=F("payer_account"),
            hour=ExtractHour("paid_at", tzinfo=tz),
            day=TruncDate("paid_at", tzinfo=tz),
        )
    )
    found += [(KeyKind.BANK, row) for row in _grouped(paid, prefix="request__dossier__")]
    return found


def _evidence_codes(
    start: datetime, end: datetime, wanted: dict[str, set[str]]
) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """Return (code, agency) of the latest dossiers of each flagged identity: one query a kind."""
    found: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    base = _dossier_rows(start, end).order_by("-received_at")
    for kind, (expression, applies) in keys.sql_keys().items():
        if not wanted.get(kind):
            continue
        rows = base.filter(applies).annotate(k=expression).filter(k__in=list(wanted[kind]))
        for value, code, agency in rows.values_list("k", "code", "handling_agency_id"):
            found[(kind, str(value))].append((code, agency))
    if wanted.get(KeyKind.BANK):
        rows = (
            payments.payments_between(start, end)
            .filter(payer_account__in=list(wanted[KeyKind.BANK]))
            .order_by("-paid_at")
            .values_list(
                "payer_account", "request__dossier__code", "request__dossier__handling_agency_id"
            )
        )
        for value, code, agency in rows:
            found[(KeyKind.BANK, value)].append((code, agency))
    return found


def _tune_for_batch() -> None:
    """On PostgreSQL, give this transaction's aggregates memory to hash in, and no JIT: on
    1M rows its compilation alone took half the time of each grouped query (bench/)."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '128MB'")


def broker_candidates(start: datetime, end: datetime) -> list[Candidate]:
    """Return every identity whose score reaches the threshold in [start, end)."""
    _tune_for_batch()
    window_days = max(1, round((end - start).total_seconds() / 86400))
    scored = []
    for kind, row in _aggregates(start, end):
        evidence = scoring.Evidence(
            key_kind=kind,
            dossiers=row["n"],
            applicants=row["applicants"],
            units=row["units"],
            active_days=row["days"],
            odd_hours=row["odd"],
            troubled=row["troubled"],
            window_days=window_days,
        )
        assessment = scoring.assess(evidence)
        if scoring.is_flagged(
            assessment,
            evidence,
            threshold=settings.MOTCUA_INTEGRITY_BROKER_THRESHOLD,
            applicants=settings.MOTCUA_INTEGRITY_MIN_APPLICANTS,
        ):
            scored.append((kind, str(row["k"]), evidence, assessment))
    wanted: dict[str, set[str]] = defaultdict(set)
    for kind, value, _evidence, _assessment in scored:
        wanted[kind].add(value)
    codes = _evidence_codes(start, end, wanted)
    names = identity.usernames([int(v) for v in wanted.get(KeyKind.ACCOUNT, ())])
    result = []
    for kind, value, evidence, assessment in scored:
        rows = codes.get((kind, value), [])
        agencies = Counter(agency for _code, agency in rows)
        result.append(
            Candidate(
                key_kind=kind,
                key_value=value,
                label=keys.label(
                    kind, value, names.get(int(value), "") if kind == "account" else ""
                ),
                evidence=evidence,
                assessment=assessment,
                agency_id=agencies.most_common(1)[0][0] if agencies else None,
                dossier_codes=tuple(code for code, _agency in rows[:EVIDENCE_DOSSIERS]),
            )
        )
    return result
