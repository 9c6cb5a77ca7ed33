from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.identity import services
from motcua.identity.models import Role


class Command(BaseCommand):
    help = (
        "`motcua users create USERNAME --role ROLE (--agency CODE | --point CODE)`; "
        "`motcua users link-portal USERNAME --id-number N` (the national portal's sign-on)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "link-portal"])
        parser.add_argument("username")
        parser.add_argument("--role", default="", choices=["", *Role.values])
        parser.add_argument("--id-number", default="", help="link-portal: the person's number")
        place = parser.add_mutually_exclusive_group()
        place.add_argument("--agency", default="", help="Agency code")
        place.add_argument("--point", default="", help="Service point code")
        parser.add_argument("--password", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "link-portal":
            try:
                link = services.link_portal_account(options["username"], options["id_number"])
            except DomainError as exc:
                raise CommandError(exc.render()) from exc
            self.stdout.write(f"{options['username']}: {link.id_number}")
            return
        if not options["role"]:
            raise CommandError("--role is required to create an account")
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
