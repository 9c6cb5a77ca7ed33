from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the demo sign-ins (idempotent); never in production."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.MOTCUA_ENV == "production":
            self.stdout.write("demo data: skipped (MOTCUA_ENV=production)")
            return
        users = get_user_model().objects
        admin = users.filter(username="admin").first()
        if admin is None:
            users.create_superuser("admin", "admin@motcua.invalid", settings.MOTCUA_DEMO_PASSWORD)
            self.stdout.write("demo data: created the administrator 'admin'")
        else:
            self.stdout.write("demo data: the administrator 'admin' exists")
