from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.identity import services
from motcua.identity.models import Role


class Command(BaseCommand):
    help = "`motcua users create USERNAME --role ROLE (--agency CODE | --point CODE)`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        place = parser.add_mutually_exclusive_group()
        place.add_argument("--agency", default="", help="Agency code")
        place.add_argument("--point", default="", help="Service point code")
        parser.add_argument("--password", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = services.create_official(
                options["username"],
                role=options["role"],
                agency=options["agency"],
                point=options["point"],
                password=options["password"],
            )
        except DomainError as exc:
            raise CommandError(exc.render()) from exc
        self.stdout.write(f"{user.get_username()}: {options['role']}")
