"""`motcua demo payments|integrity|directives|readiness|simulate`: the demo's data beyond
`motcua load_demo` (run after it, in that order: `make setup`). Never in production: the demo app
is not installed there, and each loader refuses MOTCUA_ENV=production besides."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Load the demo's payments, integrity cases, directives or readiness, or rehearse a month."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("payments", help="Demo accounts, deadline and sandbox payments (idempotent)")
        sub.add_parser("integrity", help="A community helper and a small broker case (idempotent)")
        sub.add_parser("directives", help="The three directives of July 2025 with reports")
        sub.add_parser("readiness", help="Resources and a training per ward point (idempotent)")
        sim = sub.add_parser("simulate", help="Build a seeded month with planted brokers, scan it")
        sim.add_argument("--seed", type=int, required=True)
        sim.add_argument("--dossiers", type=int, default=20000)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.MOTCUA_ENV == "production":
            if options["action"] == "simulate":
                raise CommandError("demo simulate: refused (MOTCUA_ENV=production)")
            self.stdout.write(f"{options['action']} demo: skipped (MOTCUA_ENV=production)")
            return
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as exc:
            raise CommandError(exc.render()) from exc

    def _payments(self, options: dict[str, Any]) -> None:
        from motcua.demo.payments import load_demo_payments

        made = load_demo_payments()
        self.stdout.write(
            f"payments demo: {made['accounts']} accounts, {made['paid']} dossiers paid"
        )

    def _integrity(self, options: dict[str, Any]) -> None:
        from motcua.demo.integrity import load_demo_integrity

        self.stdout.write(f"integrity demo: {load_demo_integrity()}")

    def _directives(self, options: dict[str, Any]) -> None:
        from motcua.demo.coordination import load_demo_directives

        self.stdout.write(f"directives demo: {load_demo_directives()} directives issued")

    def _readiness(self, options: dict[str, Any]) -> None:
        from motcua.demo.coordination import load_demo_readiness

        made = load_demo_readiness()
        self.stdout.write(f"readiness demo: {made} service points recorded")

    def _simulate(self, options: dict[str, Any]) -> None:
        from motcua.demo import rehearsal

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
