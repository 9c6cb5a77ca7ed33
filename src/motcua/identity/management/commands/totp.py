"""`motcua totp enrol USERNAME`: give an official a TOTP device (the second factor)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Enrol an official's authenticator app; prints the otpauth:// address to scan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["enrol"])
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user {options['username']}")
        TOTPDevice.objects.filter(user=user).delete()  # one device: re-enrolling replaces it
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        self.stdout.write(device.config_url)
