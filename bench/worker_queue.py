"""Outbox delivery while the nightly scan runs over a million dossiers (PostgreSQL; never a test).

    .venv/bin/python bench/worker_queue.py --dossiers 1000000
    .venv/bin/python bench/worker_queue.py --reuse --database-url postgres://…/motcua_bench_hot

1. (Re)creates a throwaway database (default `motcua_bench_queue`) with the dossiers and events
   of bench/hot_paths.py (the generator of bench/dashboard.py), or reuses one (`--reuse`: a
   database an earlier run of this bench or of bench/hot_paths.py made); migrates it either way.
2. Runs `motcua worker` (a real process, with its forked children) three times, while this
   process writes one national-portal status message to the outbox every 1/`--rate` s, each in
   its own transaction, as a service does; a message's latency is its `delivered_at` minus its
   `created_at` (the sandbox national portal, in the worker's process):
   - queues apart, no scan: MOTCUA_WORKER_PROCESSES="outbox;scans" (a process per queue), the
     night already scanned;
   - queues apart, scan running: the nightly scan enqueued (over every dossier:
     MOTCUA_INTEGRITY_WINDOW_DAYS covers the generated years), messages written while it runs;
   - one process for both queues (as the sequential loop before the task queue):
     MOTCUA_WORKER_PROCESSES="outbox,scans", the scan enqueued the same way.
   Only these two queues get a process, so that the scan is the only other work.
3. Prints a Markdown table: messages, delivered, latency p50 / p99 / max, the scan's seconds.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from intake import log, recreate_database  # noqa: E402  (bench/intake.py, beside this file)

KEY = "QBENCH"


def out(message: str) -> None:
    print(message, flush=True)  # noqa: T201


def prepare(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench import dashboard, dashboard_measure

    call_command("migrate", "--no-input", verbosity=0)
    if args.reuse:
        return
    call_command("createcachetable", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("catalog", "load", verbosity=0)
    owner, _coordinator = dashboard_measure.people()
    log(f"generating {args.dossiers} dossiers over {args.years} years")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        dashboard.generate(cursor, args.dossiers, int(args.years * 365), timezone.now(), owner.pk)
    log(f"generated in {time.perf_counter() - started:.0f} s")


def night_done(done: bool) -> None:
    """Mark tonight as scanned (no scan runs), or forget tonight's scan (the next one runs)."""
    from django.utils import timezone

    from motcua.core import clock
    from motcua.integrity.models import ScanRun

    now = timezone.localtime(clock.now())
    ScanRun.objects.filter(night=now.date()).delete()
    if done:
        ScanRun.objects.create(night=now.date(), started_at=now, finished_at=now)


def start_worker(processes: str, args: argparse.Namespace, var_dir: str) -> subprocess.Popen:
    from motcua.worker.models import WorkerProcess

    WorkerProcess.objects.all().delete()
    env = {
        **os.environ,
        "MOTCUA_WORKER_PROCESSES": processes,
        "MOTCUA_OUTBOX_INTERVAL_SECONDS": "1",
        "MOTCUA_INTEGRITY_SCAN_HOUR": "0",
        "MOTCUA_INTEGRITY_WINDOW_DAYS": str(int(args.years * 365) + 30),
        "MOTCUA_VAR_DIR": var_dir,
        "MOTCUA_LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",
    }
    worker = subprocess.Popen(
        [str(Path(sys.executable).parent / "motcua"), "worker"],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    wanted = len(processes.split(";"))
    give_up = time.monotonic() + 180
    while WorkerProcess.objects.count() < wanted:
        if worker.poll() is not None or time.monotonic() > give_up:
            raise SystemExit("the worker did not start")
        time.sleep(0.2)
    return worker


def stop_worker(worker: subprocess.Popen) -> None:
    import signal

    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


def write_message(phase: str, n: int) -> None:
    from django.db import transaction

    from motcua.integrations.services import enqueue

    with transaction.atomic():
        key = f"{KEY}-{phase}-{n:06d}"
        enqueue(
            "dossier.status",
            key=key,
            payload={"code": key, "status": "in_progress", "action": "accept", "seq": n},
        )


def scan_task(enqueued_id: str | None):  # noqa: ANN201
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(pk=enqueued_id).first() if enqueued_id else None


def run_phase(phase: str, processes: str, scan: bool, args, var_dir: str) -> dict:  # noqa: ANN001
    from motcua.integrations.models import OutboxMessage, SandboxPortalEvent
    from motcua.worker import registry
    from motcua.worker.scheduler import enqueue

    OutboxMessage.objects.all().delete()
    SandboxPortalEvent.objects.all().delete()
    night_done(not scan)
    worker = start_worker(processes, args, var_dir)
    try:
        scan_id = enqueue(registry.get("integrity.nightly_scan")) if scan else None
        if scan:  # measure from the moment the scan runs
            give_up = time.monotonic() + 120
            while scan_task(scan_id).status == "READY" and time.monotonic() < give_up:
                time.sleep(0.05)
        started, n = time.monotonic(), 0
        while True:
            row = scan_task(scan_id)
            running = row is not None and row.status in ("READY", "RUNNING")
            if time.monotonic() - started >= args.seconds and not running:
                break
            if time.monotonic() - started > args.timeout:
                break
            write_message(phase, n)
            n += 1
            time.sleep(1 / args.rate)
        give_up = time.monotonic() + 120
        mine = OutboxMessage.objects.filter(key__startswith=f"{KEY}-{phase}-")
        while mine.filter(delivered_at__isnull=True).exists() and time.monotonic() < give_up:
            time.sleep(0.2)
        row = scan_task(scan_id)
    finally:
        stop_worker(worker)
    latencies = sorted(
        (m.delivered_at - m.created_at) / timedelta(milliseconds=1)
        for m in mine.filter(delivered_at__isnull=False)
    )
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else []
    scan_seconds = (
        (row.finished_at - row.started_at).total_seconds()
        if row is not None and row.finished_at and row.started_at
        else None
    )
    return {
        "phase": phase,
        "written": n,
        "delivered": len(latencies),
        "p50": cuts[49] if cuts else (latencies[0] if latencies else None),
        "p99": cuts[98] if cuts else (latencies[0] if latencies else None),
        "max": latencies[-1] if latencies else None,
        "scan": scan_seconds,
        "scan_status": row.status if row is not None else "",
    }


def report(rows: list[dict], dossiers: int, args) -> None:  # noqa: ANN001
    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:,.0f}"

    out(
        f"{dossiers:,} dossiers; one message every {1000 / args.rate:.0f} ms; outbox job every "
        f"1 s; load average {os.getloadavg()[0]:.1f}"
    )
    out("")
    out("| worker processes | nightly scan | messages | delivered | p50 ms | p99 ms | max ms "
        "| scan s |")  # fmt: skip
    out("| --- | --- | --- | --- | --- | --- | --- | --- |")
    labels = {
        "apart": ("outbox; scans (one each)", "not running"),
        "apartscan": ("outbox; scans (one each)", "running"),
        "together": ("outbox, scans (one for both)", "running"),
    }
    for row in rows:
        who, scan = labels[row["phase"]]
        seconds = "—" if row["scan"] is None else f"{row['scan']:.1f}"
        out(
            f"| {who} | {scan} | {row['written']} | {row['delivered']} | {ms(row['p50'])} | "
            f"{ms(row['p99'])} | {ms(row['max'])} | {seconds} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--years", type=float, default=2)
    parser.add_argument("--rate", type=float, default=5.0, help="messages per second")
    parser.add_argument("--seconds", type=float, default=30, help="each phase at least")
    parser.add_argument("--timeout", type=float, default=900, help="each phase at most")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/motcua_bench_queue"
    )
    parser.add_argument("--reuse", action="store_true", help="the database as it is (migrated)")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--skip-together", action="store_true", help="not the one-process run")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    os.environ.setdefault("MOTCUA_LOG_LEVEL", "WARNING")
    if not args.reuse:
        recreate_database(args.database_url)
    import django

    django.setup()
    from django.db import connection

    from motcua.dossiers.models import Dossier

    try:
        prepare(args)
        dossiers = Dossier.objects.count()
        phases = [("apart", "outbox;scans", False), ("apartscan", "outbox;scans", True)]
        if not args.skip_together:
            phases.append(("together", "outbox,scans", True))
        rows = []
        with tempfile.TemporaryDirectory() as var_dir:
            for phase, processes, scan in phases:
                log(f"phase {phase}: {processes}, scan {scan}")
                rows.append(run_phase(phase, processes, scan, args, var_dir))
        report(rows, dossiers, args)
    finally:
        if args.drop:
            connection.close()
            recreate_database(args.database_url, create=False)


if __name__ == "__main__":
    main()
