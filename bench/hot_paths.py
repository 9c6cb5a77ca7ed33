"""The officials' hot paths over a million dossiers (PostgreSQL; never a test).

    .venv/bin/python bench/hot_paths.py --dossiers 1000000
    .venv/bin/python bench/hot_paths.py --reuse      # the database of an earlier run

1. (Re)creates a throwaway database (default `motcua_bench_hot`), migrates it, loads the
   reference data and the catalog, and generates the dossiers and their events exactly as
   bench/dashboard.py does (seeded, INSERT ... SELECT generate_series).
2. Signs in, with the Django test client as the pages are used, a handling officer of the
   agency that holds the most open dossiers, and the centre's coordinator (who sees the whole
   city), and times the pages and API calls an official makes all day: the queue (first page,
   a later page, filters, search by code / ID number), the dossier page and the dossier API.
3. For each, reports the number of SQL statements, and for the slowest statement of the queue
   and of the search the plan's scans (which index, or a sequential scan) from EXPLAIN.

Prints a Markdown table (docs/benchmarks.md keeps the figures).
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from intake import log, recreate_database  # noqa: E402  (bench/intake.py, beside this file)


def out(message: str) -> None:
    print(message, flush=True)  # noqa: T201


def timed_page(client, url: str, runs: int) -> tuple[float, float, int, str]:  # noqa: ANN001
    """Median and max ms of GET `url` after a warm-up, its statement count and slowest SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get() -> None:
        response = client.get(url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, (url, response.status_code)

    get()  # warm-up: plans, caches, template compilation
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        get()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        get()
    on_dossiers = [q for q in captured.captured_queries if "dossiers_dossier" in q["sql"]]
    slowest = max(on_dossiers, key=lambda q: float(q["time"]), default={"sql": ""})
    return statistics.median(times), max(times), len(captured.captured_queries), slowest["sql"]


def scans(sql: str) -> str:
    """The plan's scans of `sql` (EXPLAIN ANALYZE): index names or sequential scans."""
    from django.db import connection

    if not sql.lstrip().upper().startswith("SELECT"):
        return ""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    found = re.findall(
        r"(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan|Parallel Seq Scan)"
        r"(?: Backward)?(?: using (\w+))? on (\w+)",
        plan,
    )
    seen = []
    for kind, index, table in found:
        item = f"{kind.lower()} {index or table}"
        if item not in seen:
            seen.append(item)
    total = re.search(r"Execution Time: ([\d.]+) ms", plan)
    return ", ".join(seen) + (f" ({float(total.group(1)):.1f} ms)" if total else "")


def officials():  # noqa: ANN201
    """A handling officer of the busiest agency and the centre's coordinator."""
    from django.db.models import Count

    from motcua.dossiers.models import Dossier
    from motcua.geography.models import Agency
    from motcua.identity.services import create_official

    busiest = (
        Dossier.objects.filter(finished_at__isnull=True)
        .values("handling_agency")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    agency = Agency.objects.get(pk=busiest["handling_agency"])
    officer = create_official("bench-handler", role="handling_officer", agency=agency.code)
    coordinator = create_official("bench-coord", role="coordinator")
    return agency, busiest["n"], officer, coordinator


def measure(runs: int) -> None:
    from django.test import Client

    from motcua.dossiers.models import Dossier

    agency, open_count, officer, coordinator = officials()
    total = Dossier.objects.count()
    sample = (
        Dossier.objects.filter(handling_agency=agency, finished_at__isnull=True)
        .order_by("-pk")
        .values_list("code", "applicant_id_number")
        .first()
    )
    code, id_number = sample
    handler, centre = Client(), Client()
    handler.force_login(officer)
    centre.force_login(coordinator)
    out(
        f"{total:,} dossiers; the handling officer's agency {agency.code} holds {open_count:,} "
        f"open ones; median and max of {runs} runs after a warm-up (Django test client, "
        "in process: no network, no gunicorn)"
    )
    out("")
    out("| path (who) | median ms | max ms | SQL statements | slowest statement's plan |")
    out("| --- | --- | --- | --- | --- |")
    cases = [
        ("queue, first page (handler)", handler, "/workspace/?box=handle", True),
        ("queue, page 20 (handler)", handler, "/workspace/?box=handle&page=20", True),
        ("queue, overdue only (handler)", handler, "/workspace/?box=handle&overdue=on", True),
        ("dossier page (handler)", handler, f"/workspace/dossiers/{code}/", True),
        ("API list, first page (handler)", handler, "/api/v1/dossiers/", True),
        ("API search by code (handler)", handler, f"/api/v1/dossiers/?q={code}", True),
        ("API search by ID number (coordinator)", centre, f"/api/v1/dossiers/?q={id_number}", True),
        ("API overdue, city-wide (coordinator)", centre, "/api/v1/dossiers/?overdue=true", True),
        ("API dossier detail (handler)", handler, f"/api/v1/dossiers/{code}/", True),
    ]  # fmt: skip
    for label, client, url, explain in cases:
        median, worst, statements, slowest = timed_page(client, url, runs)
        plan = scans(slowest) if explain else ""
        out(f"| {label} | {median:.0f} | {worst:.0f} | {statements} | {plan} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--years", type=float, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/motcua_bench_hot"
    )
    parser.add_argument("--reuse", action="store_true", help="measure the database as it is")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
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
    from django.utils import timezone

    from bench import dashboard, dashboard_measure

    try:
        if not args.reuse:
            log("setting up the database")
            call_command("migrate", "--no-input", verbosity=0)
            call_command("createcachetable", verbosity=0)
            call_command("load_reference_data", verbosity=0)
            call_command("catalog", "load", verbosity=0)
            owner, _coordinator = dashboard_measure.people()
            log(f"generating {args.dossiers} dossiers over {args.years} years")
            started = time.perf_counter()
            with connection.cursor() as cursor:
                dashboard.generate(
                    cursor, args.dossiers, int(args.years * 365), timezone.now(), owner.pk
                )
            log(f"generated in {time.perf_counter() - started:.0f} s")
        measure(args.runs)
    finally:
        if args.drop:
            connection.close()
            recreate_database(args.database_url, create=False)


if __name__ == "__main__":
    main()
