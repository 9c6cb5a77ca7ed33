"""`motcua integrity scan|simulate|demo`: the integrity oversight from the terminal."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.integrity import demo, rehearsal, services


class Command(BaseCommand):
    help = "Rescan for brokers and extra-document demands, simulate a month, or load the demo."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("scan", help="Rescan the window now (the worker does it nightly)")
        sim = sub.add_parser("simulate", help="Build a seeded month with planted brokers, scan it")
        sim.add_argument("--seed", type=int, required=True)
        sim.add_argument("--dossiers", type=int, default=20000)
        sub.add_parser("demo", help="A community helper and a small broker case (idempotent)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as exc:
            raise CommandError(exc.render()) from exc

    def _scan(self, options: dict[str, Any]) -> None:
        result = services.scan()
        self.stdout.write(
            f"integrity scan: {result.flagged} flagged ({result.raised} new or reopened) "
            f"in {result.seconds:.2f} s"
        )

    def _simulate(self, options: dict[str, Any]) -> None:
        if settings.MOTCUA_ENV == "production":
            raise CommandError("integrity simulate: refused (MOTCUA_ENV=production)")
        report = rehearsal.rehearse(options["seed"], dossiers=options["dossiers"])
        self.stdout.write(
            f"seed {report.seed}: {report.dossiers} dossiers, {report.brokers} planted brokers\n"
            f"flagged identities: {report.flagged} ({report.true_flags} a broker's)\n"
            f"brokers found: {report.found} of {report.brokers}\n"
            f"precision {report.precision:.3f}  recall {report.recall:.3f}\n"
            f"helpers flagged: {report.helpers_flagged}  lawful representatives flagged: "
            f"{report.representatives_flagged}  honest filers flagged: {report.honest_flagged}\n"
            f"scan: {report.scan_seconds:.2f} s"
        )

    def _demo(self, options: dict[str, Any]) -> None:
        if settings.MOTCUA_ENV == "production":
            self.stdout.write("integrity demo: skipped (MOTCUA_ENV=production)")
            return
        made = demo.load_demo_integrity()
        self.stdout.write(f"integrity demo: {made}")
