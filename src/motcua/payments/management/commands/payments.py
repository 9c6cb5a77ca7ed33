"""`motcua payments demo|reconcile FILE|report`: payments from the terminal."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.payments import demo, reconciliation


class Command(BaseCommand):
    help = "Load the demo's accounts and payments, or reconcile a bank statement."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("demo", help="Demo accounts, deadline and sandbox payments (idempotent)")
        rec = sub.add_parser("reconcile", help="Import a bank statement (.csv or .xlsx)")
        rec.add_argument("file", type=Path)
        rec.add_argument("--as", dest="username", default="hethong", help="A system account")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "demo":
            if settings.MOTCUA_ENV == "production":
                self.stdout.write("payments demo: skipped (MOTCUA_ENV=production)")
                return
            made = demo.load_demo_payments()
            self.stdout.write(
                f"payments demo: {made['accounts']} accounts, {made['paid']} dossiers paid"
            )
            return
        actor = get_user_model().objects.filter(username=options["username"]).first()
        if actor is None:
            raise CommandError(f"no user {options['username']}")
        try:
            outcome = reconciliation.import_statement(
                options["file"].name, options["file"].read_bytes(), actor=actor
            )
        except DomainError as exc:
            raise CommandError(exc.render()) from exc
        self.stdout.write(
            f"reconciled: {len(outcome.paid)} paid, {len(outcome.reviews)} to review, "
            f"{outcome.repeated} already recorded"
        )
