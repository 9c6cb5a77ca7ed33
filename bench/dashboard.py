"""Benchmark of the monitoring dashboards over millions of dossiers (PostgreSQL).

    .venv/bin/python bench/dashboard.py --dossiers 1000000
    .venv/bin/python bench/dashboard.py --dossiers 5000000 --years 3

1. (Re)creates a throwaway database (default `motcua_bench_dashboard`), migrates it and loads
   the reference data and the packaged catalog.
2. Generates the dossiers and their events in SQL (INSERT ... SELECT generate_series, seeded
   with setseed, so the same arguments give the same rows): procedures and agencies as routed
   in production (commune procedures at one of the 126 commune-level agencies, city ones at
   their department), 30 % received at another unit's point, 55 % online, about 16 % late,
   open ones where the receipt is recent. Events: receive, accept, the end (sign-result /
   reject / withdraw) and evaluate, as the services write them (the hash chain is not
   computed: monitoring never reads it).
3. Derives the dossier facts in SQL with the same rules as `motcua.monitoring.counting`
   (checked on a sample against the Python code: every flag must match) except the
   processing time, which is the elapsed time × 8/24 here instead of the working-calendar
   walk; then the daily and per-agency rollups in SQL (checked on a sample of keys against
   `rollup.recompute_rollups`: every counter must match).
4. Times, as the pages run them (Django test client, a signed-in coordinator / leader), the
   city-wide dashboard over the whole history and over the last month, the ranking, and the
   unit drill-down (its indicator page and the first page of its dossiers); and beside them
   the naive queries that compute the same figures straight from the dossiers table.
5. Times the worker's job on a batch of new events (dossiers resolved after the load).

Prints a Markdown table (docs/benchmarks.md keeps the figures).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
TZ = "Asia/Ho_Chi_Minh"

from intake import log, recreate_database  # noqa: E402  (bench/intake.py, beside this file)


def timed(label: str, func, *args, **kwargs):  # noqa: ANN001, ANN201 - a bench helper
    started = time.perf_counter()
    result = func(*args, **kwargs)
    log(f"  {label}: {time.perf_counter() - started:.1f} s")
    return result


def median_ms(func, runs: int) -> float:  # noqa: ANN001
    func()  # warm-up: plans, caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


# --- Generation ------------------------------------------------------------------------------

COMBOS = """
CREATE TEMP TABLE bench_combo AS
SELECT row_number() OVER (ORDER BY pv.id, a.id) - 1 AS k,
       pv.id AS pv_id, pv.procedure_id, pv.online,
       a.id AS agency_id, a.code AS agency_code, a.unit_id,
       sp.id AS home_point,
       greatest(1, CASE pv.time_limit_unit
           WHEN 'working_hours' THEN pv.time_limit_value
           WHEN 'days' THEN pv.time_limit_value * 8 * 5 / 7
           ELSE coalesce(pv.time_limit_value, 10) * 8 END) AS limit_hours,
       coalesce((SELECT min(f.amount_vnd) FROM catalog_fee f
                 WHERE f.version_id = pv.id AND f.amount_vnd > 0), 0) AS fee
FROM catalog_procedureversion pv
JOIN geography_agency a ON a.role = pv.agency_role
JOIN geography_administrativeunit u ON u.id = a.unit_id
JOIN geography_servicepoint sp ON sp.unit_id = a.unit_id
WHERE pv.status = 'published'
  AND ((pv.level = 'commune' AND u.level <> 'city') OR (pv.level = 'city' AND u.level = 'city'));
CREATE TEMP TABLE bench_point AS
SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM geography_servicepoint;
"""

DOSSIERS = f"""
INSERT INTO dossiers_dossier (
    code, procedure_version_id, status, channel, receiving_point_id, competent_unit_id,
    handling_agency_id, owner_id, applicant_id_number, applicant_name, applicant, delivery, form,
    received_at, due_at, paused_seconds, finished_at, returned_at, supplement_rounds,
    last_supplement_complete, fee_amount_vnd, fee_paid_at, fee_lines, evaluation_score, version,
    fee_rule)
SELECT
    c.agency_code || '-' || to_char(x.received_at AT TIME ZONE '{TZ}', 'YYMMDD') || '-'
        || lpad(x.g::text, 8, '0'),
    c.pv_id,
    CASE WHEN x.finished_at > %(now)s THEN
             CASE WHEN x.r_state < 0.05 THEN 'waiting_supplement' ELSE 'in_progress' END
         WHEN x.r_state < 0.06 THEN 'rejected'
         WHEN x.r_state < 0.08 THEN 'withdrawn'
         ELSE 'returned' END,
    x.channel,
    CASE WHEN x.r_point < 0.3 THEN p.id ELSE c.home_point END,
    c.unit_id, c.agency_id, %(owner)s,
    '001' || lpad((x.g %% 1000000000)::text, 9, '0'), 'Bench', '{{}}'::jsonb,
    jsonb_build_object('method',
        CASE WHEN x.channel = 'online' AND x.r_deliver < 0.6 THEN 'online' ELSE 'counter' END),
    '{{}}'::jsonb,
    x.received_at, x.due_at, 0,
    CASE WHEN x.finished_at > %(now)s THEN NULL ELSE x.finished_at END,
    CASE WHEN x.finished_at > %(now)s OR x.r_state < 0.08 THEN NULL ELSE x.finished_at END,
    CASE WHEN x.r_sup < 0.12 THEN 1 ELSE 0 END, true,
    c.fee, CASE WHEN c.fee > 0 AND x.r_pay < 0.7 THEN x.received_at + interval '1 hour' END,
    '[]'::jsonb,
    CASE WHEN x.finished_at <= %(now)s AND x.r_state >= 0.08 AND x.r_eval < 0.3
         THEN 1 + floor(x.r_eval / 0.3 * 5)::int END,
    1,
    '{{}}'::jsonb
FROM (
    SELECT y.*,
           y.received_at + make_interval(secs => y.limit_hours * 3600 * 3 * 1.4) AS due_at,
           y.received_at + make_interval(secs => y.limit_hours * 3600 * 3 * 1.4
                                                  * (0.2 + y.r_dur * 0.95)) AS finished_at
    FROM (
        SELECT z.*, c2.limit_hours,
               ((%(today)s::date - floor(z.r_time * %(days)s)::int)::timestamp
                 + interval '8 hours' + make_interval(secs => z.r_hour * 9 * 3600))
                 AT TIME ZONE '{TZ}' AS received_at,
               CASE WHEN z.r_chan < 0.55 THEN 'online'
                    WHEN z.r_chan < 0.95 THEN 'counter' ELSE 'postal' END AS channel
        FROM (
            SELECT g, floor(random() * %(combos)s)::int AS k, random() AS r_time,
                   random() AS r_hour, random() AS r_chan, random() AS r_point,
                   floor(random() * %(points)s)::int AS pk, random() AS r_dur,
                   random() AS r_state, random() AS r_eval, random() AS r_sup,
                   random() AS r_pay, random() AS r_deliver
            FROM generate_series(%(first)s, %(last)s) AS g
        ) z JOIN bench_combo c2 ON c2.k = z.k
    ) y
) x
JOIN bench_combo c ON c.k = x.k
JOIN bench_point p ON p.k = x.pk
"""

EVENT_COLUMNS = (
    "dossier_id, seq, action, actor, actor_role, status_before, status_after, payload, "
    "created_at, prev_hash, hash"
)
EVENTS = [
    f"""INSERT INTO dossiers_event ({EVENT_COLUMNS})
        SELECT id, 1, 'receive', 'bench', channel, '', 'received', '{{}}', received_at,
               repeat('0', 64), md5(id::text) || md5('1')
        FROM dossiers_dossier WHERE id BETWEEN %(lo)s AND %(hi)s""",
    f"""INSERT INTO dossiers_event ({EVENT_COLUMNS})
        SELECT id, 2, 'accept', 'bench', 'handling_officer', 'received', 'in_progress', '{{}}',
               received_at + interval '1 hour', md5(id::text) || md5('1'),
               md5(id::text) || md5('2')
        FROM dossiers_dossier WHERE id BETWEEN %(lo)s AND %(hi)s""",
    f"""INSERT INTO dossiers_event ({EVENT_COLUMNS})
        SELECT id, 3, CASE status WHEN 'rejected' THEN 'reject' WHEN 'withdrawn' THEN 'withdraw'
                                  ELSE 'sign-result' END,
               'bench', 'approver', 'in_progress', status, '{{}}', finished_at,
               md5(id::text) || md5('2'), md5(id::text) || md5('3')
        FROM dossiers_dossier WHERE finished_at IS NOT NULL AND id BETWEEN %(lo)s AND %(hi)s""",
    f"""INSERT INTO dossiers_event ({EVENT_COLUMNS})
        SELECT id, 4, 'evaluate', 'bench', 'applicant', status, status,
               jsonb_build_object('score', evaluation_score), finished_at + interval '1 day',
               md5(id::text) || md5('3'), md5(id::text) || md5('4')
        FROM dossiers_dossier
        WHERE evaluation_score IS NOT NULL AND id BETWEEN %(lo)s AND %(hi)s""",
]

FACTS = f"""
INSERT INTO monitoring_dossierfact (
    dossier_id, agency_id, procedure_id, received_on, finished_on, due_at, is_open, channel,
    boundary_free, full_online_eligible, fully_online, fee_bearing, paid_online, digitised,
    reused, from_wallet, population_data, supplemented, organisation, organisation_online,
    open_overdue, timeliness, outcome, results_digitised, rating, processing_seconds)
SELECT d.id, d.handling_agency_id, pv.procedure_id,
       (d.received_at AT TIME ZONE '{TZ}')::date,
       (d.finished_at AT TIME ZONE '{TZ}')::date,
       d.due_at, d.finished_at IS NULL, d.channel,
       sp.unit_id <> d.competent_unit_id,
       pv.online = 'full',
       pv.online = 'full' AND d.channel = 'online' AND d.delivery ->> 'method' = 'online'
           AND (d.fee_amount_vnd = 0 OR d.fee_paid_at IS NOT NULL),
       d.fee_amount_vnd > 0, d.fee_amount_vnd > 0 AND d.fee_paid_at IS NOT NULL,
       false, false, false, false,
       d.supplement_rounds > 0,
       d.applicant_kind = 'organisation',
       d.applicant_kind = 'organisation' AND d.channel = 'online',
       d.finished_at IS NULL AND d.status <> 'waiting_supplement' AND d.due_at < %(now)s,
       CASE WHEN d.finished_at IS NULL THEN ''
            WHEN d.finished_at > d.due_at THEN 'late'
            WHEN (d.finished_at AT TIME ZONE '{TZ}')::date < (d.due_at AT TIME ZONE '{TZ}')::date
                THEN 'early'
            ELSE 'on_time' END,
       CASE WHEN d.finished_at IS NULL THEN ''
            WHEN d.status IN ('returned', 'result_signed') THEN 'approved'
            WHEN d.status = 'rejected' THEN 'refused' ELSE 'withdrawn' END,
       d.status IN ('returned', 'result_signed') AND d.result_document_id IS NOT NULL,
       d.evaluation_score,
       CASE WHEN d.finished_at IS NULL THEN 0
            ELSE (extract(epoch FROM d.finished_at - d.received_at) * 8 / 24)::bigint END
FROM dossiers_dossier d
JOIN catalog_procedureversion pv ON pv.id = d.procedure_version_id
JOIN geography_servicepoint sp ON sp.id = d.receiving_point_id
WHERE d.id BETWEEN %(lo)s AND %(hi)s
"""


def rollup_sql() -> tuple[str, str, str]:
    """Return the INSERT ... SELECT of the daily rollup and of the per-agency one."""
    from motcua.monitoring.models.rollups import (
        BUCKET_BOUNDS_HOURS,
        BUCKETS,
        COUNTERS,
        FINISHED_COUNTERS,
        RECEIVED_COUNTERS,
    )

    flags = {
        "received": "1",
        "received_online": "(channel = 'online')::int",
        "received_counter": "(channel = 'counter')::int",
        "received_postal": "(channel = 'postal')::int",
        "open_on_time": "(is_open AND NOT open_overdue)::int",
        "open_overdue": "(is_open AND open_overdue)::int",
        "finished": "1",
        "finished_early": "(timeliness = 'early')::int",
        "finished_on_time": "(timeliness = 'on_time')::int",
        "finished_late": "(timeliness = 'late')::int",
        "approved": "(outcome = 'approved')::int",
        "refused": "(outcome = 'refused')::int",
        "withdrawn": "(outcome = 'withdrawn')::int",
        "rated": "(rating IS NOT NULL)::int",
        "rating_sum": "coalesce(rating, 0)",
        "disliked": "coalesce((rating <= 2)::int, 0)",
        "processing_seconds": "processing_seconds",
    }
    edges = [0, *(h * 3600 for h in BUCKET_BOUNDS_HOURS)]
    for i, name in enumerate(BUCKETS):
        if i == 0:
            flags[name] = f"(processing_seconds <= {edges[1]})::int"
        elif i < len(BUCKETS) - 1:
            flags[name] = (
                f"(processing_seconds > {edges[i]} AND processing_seconds <= {edges[i + 1]})::int"
            )
        else:
            flags[name] = f"(processing_seconds > {edges[-1]})::int"

    def part(day: str, active: tuple[str, ...], where: str) -> str:
        columns = ", ".join(
            f"{flags.get(n, f'{n}::int')} AS {n}" if n in active else f"0 AS {n}" for n in COUNTERS
        )
        return (
            f"SELECT {day} AS day, agency_id, procedure_id, {columns} "
            f"FROM monitoring_dossierfact {where}"
        )

    sums = ", ".join(f"sum({n})" for n in COUNTERS)
    names = ", ".join(COUNTERS)
    daily = (
        f"INSERT INTO monitoring_dailyrollup (day, agency_id, procedure_id, {names}) "
        f"SELECT day, agency_id, procedure_id, {sums} FROM ("
        f"{part('received_on', RECEIVED_COUNTERS, '')} UNION ALL "
        f"{part('finished_on', FINISHED_COUNTERS, 'WHERE finished_on IS NOT NULL')}"
        ") u GROUP BY 1, 2, 3"
    )
    per_agency = (
        f"INSERT INTO monitoring_agencydailyrollup (day, agency_id, {names}) "
        f"SELECT day, agency_id, {sums} FROM monitoring_dailyrollup GROUP BY 1, 2"
    )
    monthly = (
        f"INSERT INTO monitoring_agencymonthlyrollup (month, agency_id, {names}) "
        f"SELECT date_trunc('month', day)::date, agency_id, {sums} "
        "FROM monitoring_agencydailyrollup GROUP BY 1, 2"
    )
    return daily, per_agency, monthly


def generate(cursor, count: int, days: int, now, owner: int) -> None:  # noqa: ANN001
    cursor.execute("SET session_replication_role = replica")  # no FK triggers during the load
    cursor.execute("SET work_mem = '256MB'")
    cursor.execute(COMBOS)
    cursor.execute("SELECT count(*) FROM bench_combo")
    combos = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM bench_point")
    points = cursor.fetchone()[0]
    log(f"  {combos} (procedure, agency) pairs, {points} service points")
    cursor.execute("SELECT setseed(0.42)")
    chunk = 500_000
    today = (now + timedelta(hours=7)).date()
    for first in range(1, count + 1, chunk):
        last = min(count, first + chunk - 1)
        params = {
            "now": now,
            "owner": owner,
            "today": today,
            "days": days,
            "combos": combos,
            "points": points,
            "first": first,
            "last": last,
        }
        timed(f"dossiers {first}-{last}", cursor.execute, DOSSIERS, params)
    cursor.execute("SELECT min(id), max(id) FROM dossiers_dossier")
    lo, hi = cursor.fetchone()
    for start in range(lo, hi + 1, chunk):
        window = {"lo": start, "hi": min(hi, start + chunk - 1), "now": now}
        for statement in EVENTS:
            cursor.execute(statement, window)
        cursor.execute(FACTS, window)
        log(f"  events and facts up to id {window['hi']}")
    daily, per_agency, monthly = rollup_sql()
    timed("daily rollup", cursor.execute, daily)
    timed("per-agency rollup", cursor.execute, per_agency)
    timed("monthly rollup", cursor.execute, monthly)
    cursor.execute("SET session_replication_role = origin")
    timed("analyze", cursor.execute, "ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--years", type=float, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changes", type=int, default=2000, help="dossiers resolved after")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/motcua_bench_dashboard"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the generated database")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    os.environ.setdefault("MOTCUA_LOG_LEVEL", "WARNING")
    if not args.reuse:
        recreate_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import dashboard_measure

    if not args.reuse:
        log("setting up the database")
        call_command("migrate", "--no-input", verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("load_reference_data", verbosity=0)
        call_command("catalog", "load", verbosity=0)
    owner, _people = dashboard_measure.people()
    if not args.reuse:
        from django.utils import timezone

        log(f"generating {args.dossiers} dossiers over {args.years} years")
        started = time.perf_counter()
        with connection.cursor() as cursor:
            generate(cursor, args.dossiers, int(args.years * 365), timezone.now(), owner.pk)
        log(f"generated in {time.perf_counter() - started:.0f} s")
    dashboard_measure.report(args.runs, args.changes)


if __name__ == "__main__":
    main()
