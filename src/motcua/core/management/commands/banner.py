from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Print where to go and how to sign in (used by `make run`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", default="8000")

    def handle(self, *args: Any, **options: Any) -> None:
        base = f"http://127.0.0.1:{options['port']}"
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "Motcua is starting.",
                    f"  API docs (Swagger UI)   {base}/api/v1/docs/",
                    f"  OpenAPI schema          {base}/api/v1/schema/",
                    f"  Procedure catalog       {base}/api/v1/procedures/?q=khai+sinh",
                    f"  Wards and communes      {base}/api/v1/units/",
                    f"  Catalog audit           {base}/api/v1/catalog/audit/",
                    f"  Admin (catalog setup)   {base}/admin/",
                    "",
                    "Demo sign-in (admin):",
                    f"  user: admin    password: {settings.MOTCUA_DEMO_PASSWORD}",
                    "  API token: .venv/bin/motcua token create admin",
                    "",
                ]
            )
        )
