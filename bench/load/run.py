"""Load-test the realistic mix of bench/load/locustfile.py (never run as a test).

    .venv/bin/python bench/load/run.py --workers 3 --users 60 --run-time 60

Drops and recreates a PostgreSQL database (default motcua_load), migrates it, loads Hanoi's
reference data, the catalog, the demo CA and the demo data (officials, dossiers), makes API
tokens for the demo citizen and Hoàn Kiếm's receiving officer, starts gunicorn on 127.0.0.1,
then runs locust headless for a bounded time and user count against it. Prints a Markdown
table per endpoint (requests, failures, req/s, p50/p95/p99 ms from locust's CSV statistics)
ready to paste into docs/benchmarks.md, and what the filing rate means in dossiers per day.
Everything started here is stopped in `finally`.
"""

import argparse
import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # bench/intake.py: database and gunicorn helpers

from intake import (  # noqa: E402
    BIN,
    ROOT,
    CpuMeter,
    Server,
    ServerConfig,
    _interrupted,
    log,
    manage,
    recreate_database,
)

# Commune-level intake in Hanoi, 1 Jul - 23 Sep 2025: 531,269 dossiers, >8,000 a day
# (shared/DOMAIN-SOURCES.md, "Volumes and on-time rates").
HANOI_PER_DAY = 8_000
OFFICIAL, CITIZEN = "tn.hoankiem", "congdan"


def set_up(env: dict[str, str], *, migrated: bool = False, dossiers: int = 300) -> dict[str, str]:
    """Migrate (unless `migrated`: a copy of a database that is migrated with the reference data
    and the catalog), load the demo; return the locust environment with the accounts."""
    prepare = (
        ()
        if migrated
        else (
            ("migrate", "--no-input", "-v0"),
            ("createcachetable",),
            ("load_reference_data",),
            ("catalog", "load"),
        )
    )
    for command in (
        *prepare,
        ("pki", "init"),
        ("load_demo", "--dossiers", str(dossiers)),
        ("collectstatic", "--no-input", "-v0"),
    ):
        log(f"motcua {' '.join(command)}")
        manage(env, *command)
    tokens = {
        user: manage(env, "token", "create", user).strip().splitlines()[-1]
        for user in (OFFICIAL, CITIZEN)
    }
    return {
        "MOTCUA_LOAD_CITIZEN_TOKEN": tokens[CITIZEN],
        "MOTCUA_LOAD_OFFICIAL_TOKEN": tokens[OFFICIAL],
        "MOTCUA_LOAD_OFFICIAL": OFFICIAL,
        "MOTCUA_LOAD_PASSWORD": env.get("MOTCUA_DEMO_PASSWORD", "motcua-demo-2026"),
    }


def run_locust(args: argparse.Namespace, accounts: dict[str, str], prefix: Path) -> float:
    """Run locust; return the CPU seconds it used (it shares the cores with the server)."""
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--host",
        f"http://127.0.0.1:{args.port}",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.run_time}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    log(" ".join(command))
    before = os.times()
    subprocess.run(command, env={**os.environ, **accounts}, cwd=ROOT, check=False, timeout=
                   args.run_time + 120)  # fmt: skip
    after = os.times()
    return (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def table(prefix: Path, args: argparse.Namespace, cpu: dict[str, float]) -> str:
    """The per-endpoint Markdown table from locust's `_stats.csv`, and the CPU it took."""
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    lines = [
        f"gunicorn {args.workers} sync workers, {args.users} users, {args.run_time} s",
        "",
        "| endpoint | requests | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    filed = 0.0
    for row in rows:
        name = "**all**" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        if row["Name"] == "api file dossier":
            filed = float(row["Requests/s"]) - float(row["Failures/s"])
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} "
            f"| {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )
    per_day = filed * 86_400
    total = sum(int(row["Request Count"]) for row in rows if row["Name"] != "Aggregated")
    app, pg, gen = (1000 * cpu[k] / max(total, 1) for k in ("app", "pg", "locust"))
    seconds = cpu["seconds"]
    share = " / ".join(f"{100 * cpu[k] / seconds:.0f}" for k in ("app", "pg", "locust", "other"))
    cores = os.cpu_count() or 1
    lines += [
        "",
        f"CPU per request: app {app:.0f} ms + PostgreSQL {pg:.0f} ms (+ load generator "
        f"{gen:.0f} ms); CPU % of one core during the run: app / PostgreSQL / locust / other "
        f"processes = {share} on {cores} cores. Those {cores} cores alone would serve about "
        f"{1000 * cores / max(app + pg, 0.001):.0f} req/s of this mix without the load generator.",
        f"Dossiers filed: {filed:.1f}/s sustained = {per_day:,.0f} a day at this rate around the "
        f"clock, {per_day / HANOI_PER_DAY:.0f}× Hanoi's commune-level intake of "
        f"{HANOI_PER_DAY:,} a day; {per_day / 3:,.0f} a day if all of a day's filings came within "
        "8 office hours.",
    ]
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/motcua_load",
        help="PostgreSQL database to DROP and recreate (default: %(default)s)",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--users", type=int, default=60, help="simulated users (bounded)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--run-time", type=int, default=60, help="seconds of load (bounded)")
    parser.add_argument("--port", type=int, default=18432)
    parser.add_argument(
        "--demo-dossiers", type=int, default=300, help="demo dossiers to load before the run"
    )
    parser.add_argument(
        "--template",
        default="",
        help="copy this migrated database (reference data and catalog loaded) instead of "
        "migrating afresh (the test suite's smoke run)",
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.users > 500 or args.run_time > 1800:
        raise SystemExit("keep the load bounded: at most 500 users and 1800 s")
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGINT, _interrupted)
    var_dir = Path(tempfile.mkdtemp(prefix="motcua-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "MOTCUA_VAR_DIR": str(var_dir),
        "MOTCUA_LOG_LEVEL": "WARNING",
        "MOTCUA_PUBLIC_URL": f"http://127.0.0.1:{args.port}",
        # One connection per gunicorn worker for the whole run, so that PostgreSQL CPU time is
        # counted whole (a backend that closes mid-run takes its time out of the figure).
        "MOTCUA_DB_CONN_MAX_AGE": os.environ.get("MOTCUA_DB_CONN_MAX_AGE", "3600"),
        # The simulated users stand for many residents, but share one address and one citizen
        # token: the per-user and per-address rate limits would refuse most of their uploads
        # and tracking (429) and measure the limits, not the application.
        **{f"MOTCUA_RATE_{name}": "100000/min" for name in ("TRACKING", "UPLOADS", "VERIFY")},
        "PYTHONUNBUFFERED": "1",
    }
    server = Server(ServerConfig(args.workers, 1), args.port, env, var_dir / "gunicorn.log")
    try:
        log(f"setting up {args.database_url} (var dir {var_dir})")
        recreate_database(args.database_url, template=args.template)
        accounts = set_up(env, migrated=bool(args.template), dossiers=args.demo_dossiers)
        server.start()
        meter = CpuMeter(server, args.database_url)
        meter.start()
        started = time.monotonic()
        locust_cpu = run_locust(args, accounts, var_dir / "locust")
        cpu = meter.stop(time.monotonic() - started)
        cpu["locust"] = locust_cpu
        cpu["other"] = max(0.0, cpu["other"] - locust_cpu)
        print(table(var_dir / "locust", args, cpu))  # noqa: T201
    finally:
        server.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
