"""Time the integrity oversight on PostgreSQL (never run as a test; figures in docs/benchmarks.md).

    .venv/bin/python bench/integrity.py --dossiers 1000000 --seed 1

Builds a throwaway database (`--database-url`, default motcua_bench_integrity on the local
server: dropped and created), migrates it, loads the reference data and the catalog, then
COPYs in a simulated month (`motcua.demo.simulation`, seeded) of N dossiers with their
accounts, helpers, lawful representatives and payments. Then it times

1. the full rescan (`motcua.integrity.services.scan`, the nightly job) over the whole month,
   and reports precision and recall of its broker flags against the month's ground truth;
2. the incremental scoring at intake (`motcua.integrity.services.note_intake`, which the
   intake service calls inside its transaction): `--intakes` dossiers of the month, each in its
   own transaction as at intake, after a warm-up; p50 / p95 / p99 / max per call.

The database is left in place for inspection; `--drop` removes it at the end.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/motcua_bench_integrity"

from intake import log, recreate_database  # noqa: E402  (bench/intake.py, beside this file)


def setup(url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="motcua.settings",
        DATABASE_URL=url,
        MOTCUA_LOG_LEVEL="WARNING",
        MOTCUA_VAR_DIR=os.environ.get("MOTCUA_VAR_DIR", "/tmp/motcua-bench-integrity"),
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the shared cache (throttles, kept values)
    call_command("load_reference_data", verbosity=0)
    call_command("catalog", "load", verbosity=0)


def _copy(cursor, table: str, columns: list[str], rows) -> int:  # type: ignore[no-untyped-def]
    count = 0
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def load_month(seed: int, dossiers: int):  # type: ignore[no-untyped-def]
    """COPY the month in; return it with its accounts (synthetic id -> user pk)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from motcua.geography.models import Agency, ServicePoint
    from motcua.identity.models import CommunityHelper
    from motcua.identity.services import create_official
    from motcua.demo import rehearsal, simulation
    from motcua.integrity import services
    from motcua.integrity.models import KeyKind, StandingKind

    end = timezone.localtime()
    version = rehearsal._version()  # noqa: SLF001 - the bench reuses the rehearsal's choice
    agencies = dict(
        Agency.objects.filter(role=version.agency_role, unit__parent__isnull=False).values_list(
            "unit_id", "pk"
        )
    )
    points = dict(ServicePoint.objects.filter(code__startswith="MC-").values_list("unit_id", "pk"))
    units = sorted(set(agencies) & set(points))
    started = time.monotonic()
    month = simulation.generate(seed, dossiers=dossiers, units=units, end=end)
    log(f"generated {len(month.filings)} filings in {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    centre = create_official("bench-centre", role="coordinator")
    counter = create_official(
        "bench-counter",
        role="receiving_officer",
        point=ServicePoint.objects.get(pk=points[units[0]]).code,
    )
    wanted = sorted({a for actor in month.actors for a in actor.accounts})
    now = timezone.now()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        _copy(
            raw,
            "auth_user",
            [
                "username",
                "password",
                "is_superuser",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
            ],
            ((f"b{seed}-{a}", "!", False, "", "", "", False, True, now) for a in wanted),
        )
    accounts = {
        int(name.split("-", 1)[1]): pk
        for name, pk in get_user_model()
        .objects.filter(username__startswith=f"b{seed}-")
        .values_list("username", "pk")
    }
    for actor in month.actors:
        if actor.role == "helper":
            CommunityHelper.objects.create(
                user_id=accounts[actor.accounts[0]],
                unit_id=actor.units[0],
                team=actor.name,
                registered_by=centre,
                registered_at=now,
            )
        elif actor.role in ("lawyer", "business"):
            kind = StandingKind.LAWYER if actor.role == "lawyer" else StandingKind.BUSINESS
            services.register_standing(
                [(KeyKind.ACCOUNT, str(accounts[a])) for a in actor.accounts]
                + [(KeyKind.PHONE, actor.phone)],
                actor=centre,
                kind=kind,
                holder=actor.name,
                mandate="bench",
            )
    helpers = dict(CommunityHelper.objects.values_list("user_id", "pk"))
    empty = json.dumps({})
    delivery = json.dumps({"method": "online"})

    def dossier_rows():  # type: ignore[no-untyped-def]
        for f in month.filings:
            owner = accounts[f.account] if f.account else counter.pk
            yield (
                f"B{seed}-{f.index:07d}",
                version.pk,
                "rejected" if f.rejected else "in_progress",
                "online" if f.account else "counter",
                points[f.unit],
                f.unit,
                agencies[f.unit],
                owner,
                f.applicant_id,
                f.applicant_name,
                json.dumps(
                    {"id_number": f.applicant_id, "full_name": f.applicant_name, "phone": f.phone}
                ),
                json.dumps(f.submitter) if f.submitter else None,
                helpers.get(owner) if f.helper else None,
                json.dumps({"method": "vneid_confirmation"}) if f.helper else None,
                delivery,
                empty,
                f.received_at,
                f.received_at + timedelta(days=5),
                f.received_at + timedelta(days=5),
                0,
                f.supplement_rounds,
                True,
                0,
                "[]",
                1,
                f.device,
                "{}",
            )

    with connection.cursor() as cursor:
        raw = cursor.cursor
        # the rows are consistent by construction: skip the per-row foreign-key triggers
        cursor.execute("SET session_replication_role = replica")
        n = _copy(
            raw,
            "dossiers_dossier",
            [
                "code",
                "procedure_version_id",
                "status",
                "channel",
                "receiving_point_id",
                "competent_unit_id",
                "handling_agency_id",
                "owner_id",
                "applicant_id_number",
                "applicant_name",
                "applicant",
                "submitter",
                "helper_id",
                "consent",
                "delivery",
                "form",
                "received_at",
                "due_at",
                "legal_due_at",
                "paused_seconds",
                "supplement_rounds",
                "last_supplement_complete",
                "fee_amount_vnd",
                "fee_lines",
                "version",
                "device",
                "fee_rule",
            ],
            dossier_rows(),
        )
        cursor.execute("SELECT code, id FROM dossiers_dossier WHERE code LIKE %s", [f"B{seed}-%"])
        ids = dict(cursor.fetchall())
        paid = [f for f in month.filings if f.payer_account]
        _copy(
            raw,
            "payments_paymentrequest",
            ["dossier_id", "amount_vnd", "paid_vnd", "payload", "status", "created_at", "paid_at"],
            (
                (
                    ids[f"B{seed}-{f.index:07d}"],
                    50000,
                    50000,
                    "",
                    "paid",
                    f.received_at,
                    f.received_at + timedelta(minutes=10),
                )
                for f in paid
            ),
        )
        cursor.execute("SELECT dossier_id, id FROM payments_paymentrequest")
        requests = dict(cursor.fetchall())
        _copy(
            raw,
            "payments_payment",
            [
                "request_id",
                "provider",
                "reference",
                "amount_vnd",
                "paid_at",
                "payer_account",
                "receipt_number",
                "recorded_at",
                "receipt_series",
                "receipt_lookup_code",
                "receipt_lookup_url",
                "receipt_fallback",
            ],
            (
                (
                    requests[ids[f"B{seed}-{f.index:07d}"]],
                    "bench",
                    f"B{seed}-{f.index}",
                    50000,
                    f.received_at + timedelta(minutes=10),
                    f.payer_account,
                    "",
                    f.received_at,
                    "",
                    "",
                    "",
                    False,
                )
                for f in paid
            ),
        )
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("ANALYZE")
    log(f"copied {n} dossiers, {len(paid)} payments in {time.monotonic() - started:.1f} s")
    return month, accounts, end


def time_scan(seed: int, month, accounts, end) -> dict:  # type: ignore[no-untyped-def]
    from motcua.demo import rehearsal
    from motcua.integrity import services

    result = services.scan(end=end + timedelta(minutes=1))
    report = rehearsal._measure(seed, month, accounts, result.seconds)  # noqa: SLF001
    return {"seconds": result.seconds, "report": report}


def time_intake(count: int) -> dict[str, float]:
    from django.db import transaction

    from motcua.dossiers.models import Dossier
    from motcua.integrity.services import note_intake

    sample = list(
        Dossier.objects.select_related("owner")
        .filter(helper__isnull=True)
        .order_by("?")[: count + 200]
    )
    # a warm-up of 200 calls, fewer on a month too small for it (the smoke run)
    warmup = min(200, max(0, len(sample) - count))
    timings = []
    for index, dossier in enumerate(sample):
        # timed inside the transaction: the commit is the intake's own, with or without the hook
        with transaction.atomic():
            started = time.perf_counter()
            note_intake(dossier, helper_id=None)
            elapsed = time.perf_counter() - started
        if index >= warmup:
            timings.append(elapsed * 1000)
    timings.sort()

    def pct(p: float) -> float:
        return timings[min(len(timings) - 1, int(p * len(timings)))]

    return {
        "n": len(timings),
        "p50": pct(0.5),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": timings[-1],
        "mean": statistics.fmean(timings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--intakes", type=int, default=2000)
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args()
    recreate_database(args.database_url)
    setup(args.database_url)
    month, accounts, end = load_month(args.seed, args.dossiers)
    scanned = time_scan(args.seed, month, accounts, end)
    r = scanned["report"]
    intake = time_intake(args.intakes)
    print(  # noqa: T201
        f"dossiers {r.dossiers}  brokers {r.brokers}  flagged {r.flagged}  "
        f"precision {r.precision:.3f}  recall {r.recall:.3f}  helpers flagged {r.helpers_flagged}  "
        f"representatives flagged {r.representatives_flagged}  honest flagged {r.honest_flagged}\n"
        f"full scan: {scanned['seconds']:.1f} s\n"
        f"incremental scoring per intake (n={intake['n']}): p50 {intake['p50']:.2f} ms  "
        f"p95 {intake['p95']:.2f} ms  p99 {intake['p99']:.2f} ms  max {intake['max']:.2f} ms  "
        f"mean {intake['mean']:.2f} ms"
    )
    if args.drop:
        from django.db import connections

        connections.close_all()
        recreate_database(args.database_url, create=False)


if __name__ == "__main__":
    main()
