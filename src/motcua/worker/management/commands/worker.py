"""`motcua worker`: the background jobs every app declares in its `jobs.py`, on the task queue.

    motcua worker                       # this node's processes (MOTCUA_WORKER_PROCESSES)
    motcua worker --queues outbox       # one process for the outbox queue only
    motcua worker --queues '*'          # one process for every queue
    motcua worker --once                # every job once, now, then exit

With no --queues it starts one child process per group of MOTCUA_WORKER_PROCESSES (by default
one per queue: outbox, deadlines, default, scans), restarts a child that dies, and stops them
all on SIGTERM or SIGINT. Any number of nodes may run it against one database.
"""

import logging
import multiprocessing
import os
import signal
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from motcua.core.jobs import QUEUES
from motcua.worker.runner import Runner

logger = logging.getLogger(__name__)
RESTART_DELAY_SECONDS = 5.0


def _child(queues: list[str]) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    Runner(queues).run_forever()


class Supervisor:
    """One forked child process per group of queues, kept running until a signal."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.groups = groups
        self.children: dict[int, Any] = {}  # group index -> multiprocessing.Process
        self.stopping = False
        self.context = multiprocessing.get_context("fork")

    def _start(self, index: int) -> None:
        connections.close_all()  # a child must never share the parent's database socket
        child = self.context.Process(
            target=_child, args=(self.groups[index],), name=f"worker-{index}", daemon=False
        )
        child.start()
        self.children[index] = child

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def _watch(self, died_at: dict[int, float]) -> None:
        """Restart, after a short delay, each child that died."""
        for index, child in list(self.children.items()):
            if child.is_alive() or self.stopping:
                continue
            if index not in died_at:
                logger.error(
                    "worker_child_died",
                    extra={"queues": self.groups[index], "exitcode": child.exitcode},
                )
                died_at[index] = time.monotonic()
            elif time.monotonic() - died_at[index] >= RESTART_DELAY_SECONDS:
                del died_at[index]
                self._start(index)

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        for index in range(len(self.groups)):
            self._start(index)
        died_at: dict[int, float] = {}
        while not self.stopping:
            time.sleep(0.5)
            self._watch(died_at)
        for child in self.children.values():
            if child.is_alive() and child.pid:
                os.kill(child.pid, signal.SIGTERM)  # each gives its running job back
        for child in self.children.values():
            child.join(timeout=15)
            if child.is_alive():
                child.kill()


class Command(BaseCommand):
    help = "Run the background jobs (the task queue's workers) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run every job once and exit")
        parser.add_argument(
            "--queues",
            default="",
            help=f"One process for these queues (comma-separated; '*' for all): {QUEUES}",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            ran = Runner(["*"], once=True).run_once()
            self.stdout.write(f"ran {len(ran)} jobs: {', '.join(ran)}")
            return
        groups = (
            [[q.strip() for q in options["queues"].split(",") if q.strip()]]
            if options["queues"]
            else settings.MOTCUA_WORKER_PROCESSES
        )
        unknown = {q for group in groups for q in group} - {*QUEUES, "*"}
        if unknown or not groups or not all(groups):
            raise CommandError(f"unknown or empty queues: {sorted(unknown)}; known: {QUEUES}")
        if len(groups) == 1:
            Runner(groups[0]).run_forever()
        else:
            Supervisor(groups).run()
