"""`motcua directives urge|compile FILE`: directives from the terminal."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.directives import report as directive_report
from motcua.directives import services as directive_services


class Command(BaseCommand):
    help = "Urge the overdue assignments, or compile the difficulties."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("urge", help="E-mail the agencies of overdue assignments (once a day)")
        report = sub.add_parser("compile", help="Write the difficulties and proposals (.xlsx)")
        report.add_argument("file", type=Path)
        report.add_argument("--as", dest="username", default="dieuphoi", help="A coordinator")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "urge":
            run = directive_services.urge_overdue()
            self.stdout.write(f"urged: {run.urged} assignments, {run.skipped} already today")
        else:
            actor = get_user_model().objects.filter(username=options["username"]).first()
            if actor is None:
                raise CommandError(f"no user {options['username']}")
            try:
                options["file"].write_bytes(directive_report.difficulties_xlsx(actor))
            except DomainError as exc:
                raise CommandError(exc.render()) from exc
            self.stdout.write(f"compiled: {options['file']}")
