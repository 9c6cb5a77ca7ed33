"""`motcua payments reconcile FILE`: payments from the terminal."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.payments import reconciliation


class Command(BaseCommand):
    help = "Reconcile a bank statement (the demo's payments: motcua demo payments)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rec = sub.add_parser("reconcile", help="Import a bank statement (.csv or .xlsx)")
        rec.add_argument("file", type=Path)
        rec.add_argument("--as", dest="username", default="hethong", help="A system account")

    def handle(self, *args: Any, **options: Any) -> None:
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
