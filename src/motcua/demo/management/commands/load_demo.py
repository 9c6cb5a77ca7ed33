from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from motcua.demo import dossiers as demo


class Command(BaseCommand):
    help = "Create the demo sign-ins and demo dossiers (idempotent); never in production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dossiers", type=int, default=300)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.MOTCUA_ENV == "production":
            self.stdout.write("demo data: skipped (MOTCUA_ENV=production)")
            return
        users = get_user_model().objects
        if users.filter(username="admin").exists():
            self.stdout.write("demo data: the administrator 'admin' exists")
        else:
            users.create_superuser("admin", "admin@motcua.invalid", settings.MOTCUA_DEMO_PASSWORD)
            self.stdout.write("demo data: created the administrator 'admin'")
        officials = demo.create_demo_officials()
        self.stdout.write(f"demo data: {len(officials.sign_ins)} demo sign-ins")
        created = demo.load_demo_dossiers(officials, options["dossiers"])
        self.stdout.write(f"demo data: {created} demo dossiers created")
