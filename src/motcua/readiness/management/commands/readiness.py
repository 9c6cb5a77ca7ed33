"""`motcua readiness rank`: the service points' readiness from the terminal."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.readiness import selectors as readiness_selectors


class Command(BaseCommand):
    help = "Print the service points' readiness ranking."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rank = sub.add_parser("rank", help="The points most in need first")
        rank.add_argument("--top", type=int, default=20)
        rank.add_argument("--as", dest="username", default="dieuphoi", help="A coordinator")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = get_user_model().objects.filter(username=options["username"]).first()
        if actor is None:
            raise CommandError(f"no user {options['username']}")
        for row in readiness_selectors.readiness(actor)[: options["top"]]:
            self.stdout.write(
                f"{row.point.code}\t{row.per_counter_day}\t{', '.join(row.shortfalls) or 'ready'}"
            )
