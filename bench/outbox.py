"""Outbox delivery throughput (docs/benchmarks.md): how fast the worker drains a backlog.

    .venv/bin/python bench/outbox.py [--messages 3000] [--keys 300] [--workers 1]
    DATABASE_URL=postgres://… .venv/bin/python bench/outbox.py --workers 2

It makes a throwaway SQLite database (or uses DATABASE_URL, emptying the outbox and the sandbox
portal's table), enqueues `--messages` dossier status messages over `--keys` dossiers (several
per dossier, so the in-order rule bites), then times `deliver_outbox` runs with the sandbox
national portal in process until the backlog is empty, in `--workers` threads that share the
queue (SKIP LOCKED on PostgreSQL). It checks that every event arrived once, in order per key.
"""

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(var_dir: str) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var_dir}/outbox-bench.sqlite3")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="motcua.settings", MOTCUA_VAR_DIR=var_dir, MOTCUA_LOG_LEVEL="ERROR"
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the shared cache (throttles, kept values)


def fill(messages: int, keys: int) -> None:
    from django.db import transaction

    from motcua.integrations.models import OutboxMessage, SandboxPortalEvent
    from motcua.integrations.services import enqueue

    OutboxMessage.objects.all().delete()
    SandboxPortalEvent.objects.all().delete()
    with transaction.atomic():
        for n in range(messages):
            key = f"BENCH-{n % keys:05d}"
            enqueue(
                "dossier.status",
                key=key,
                payload={"code": key, "status": "in_progress", "action": "accept", "seq": n},
            )


def drain(workers: int) -> int:
    from django.db import connection

    from motcua.integrations import delivery

    runs = []

    def work() -> None:
        while True:
            run = delivery.deliver_outbox(limit=500)
            runs.append(run.delivered)
            if not run.delivered:
                break
        connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(runs)


def check() -> None:
    from motcua.integrations.models import OutboxMessage, SandboxPortalEvent
    from motcua.integrations.senders import event_id

    sent = {}
    for m in OutboxMessage.objects.order_by("id"):
        sent.setdefault(m.key, []).append(event_id(m))
    got = {}
    for e in SandboxPortalEvent.objects.order_by("id"):
        got.setdefault(e.key, []).append(e.event_id)
    assert got == sent, "events lost, duplicated or out of order"
    assert not SandboxPortalEvent.objects.filter(resends__gt=0).exists()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        setup(var_dir)
        fill(args.messages, args.keys)
        started = time.perf_counter()
        delivered = drain(args.workers)
        seconds = time.perf_counter() - started
        check()
    from django.db import connection

    print(  # noqa: T201 (the figure is the output)
        f"{connection.vendor}: {delivered} messages over {args.keys} dossiers, "
        f"{args.workers} worker(s): {seconds:.1f} s, {delivered / seconds:.0f} messages/s; "
        "every event once, in order per dossier"
    )


if __name__ == "__main__":
    main()
