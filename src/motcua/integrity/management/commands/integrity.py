"""`motcua integrity scan`: the integrity oversight from the terminal."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.integrity import services


class Command(BaseCommand):
    help = "Rescan for brokers and extra-document demands (the demo's: motcua demo integrity)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("scan", help="Rescan the window now (the worker does it nightly)")

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
