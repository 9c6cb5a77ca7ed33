"""`motcua readiness demo|rank`: the service points' readiness from the terminal."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.monitoring import coordination_demo, readiness_selectors


class Command(BaseCommand):
    help = "Load demo resources for every ward's point, or print the ranking."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("demo", help="Resources and a training per ward point (idempotent)")
        rank = sub.add_parser("rank", help="The points most in need first")
        rank.add_argument("--top", type=int, default=20)
        rank.add_argument("--as", dest="username", default="dieuphoi", help="A coordinator")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "demo":
            if settings.MOTCUA_ENV == "production":
                self.stdout.write("readiness demo: skipped (MOTCUA_ENV=production)")
                return
            made = coordination_demo.load_demo_readiness()
            self.stdout.write(f"readiness demo: {made} service points recorded")
            return
        actor = get_user_model().objects.filter(username=options["username"]).first()
        if actor is None:
            raise CommandError(f"no user {options['username']}")
        for row in readiness_selectors.readiness(actor)[: options["top"]]:
            self.stdout.write(
                f"{row.point.code}\t{row.per_counter_day}\t{', '.join(row.shortfalls) or 'ready'}"
            )
