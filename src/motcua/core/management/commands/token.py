from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "`motcua token create USER`: print the API token of a user (created if missing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}")
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
