from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

# The accounts `motcua load_demo` creates (motcua.demo.dossiers); listed here because core may not
# import the domain apps.
DEMO_SIGN_INS = [
    ("dieuphoi", "coordinator, Service Centre"),
    ("thanhtra", "inspector"),
    ("hethong", "system account (integrations)"),
    ("tn.trungtam", "receiving officer, Service Centre point TT-00"),
    ("tn.hoankiem", "receiving officer, Phường Hoàn Kiếm (MC-00070)"),
    ("cb.hoankiem", "handling officer, UBND phường Hoàn Kiếm"),
    ("ld.hoankiem", "approver, UBND phường Hoàn Kiếm"),
    ("tn.ngocha", "receiving officer, Phường Ngọc Hà (MC-00008); also cb./ld.ngocha"),
    ("tn.badinh", "receiving officer, Phường Ba Đình (MC-00004); also cb./ld.badinh"),
    ("cb.dkkd", "handling officer, business registration office (H26.03.01); also ld.dkkd"),
    ("congdan", "citizen with demo dossiers (API; the portal signs in with VNeID)"),
]


class Command(BaseCommand):
    help = "Print where to go and how to sign in (used by `make run`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", default="8000")
        parser.add_argument(
            "--ready", action="store_true", help="the server listens now (gunicorn's when_ready)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        base = f"http://127.0.0.1:{options['port']}"
        lines = [
            "",
            "Motcua is ready: open these pages." if options["ready"] else "Motcua is starting.",
            f"  Citizen portal          {base}/  (sign in: VNeID sandbox)",
            f"  Officials' workspace    {base}/workspace/  (demo sign-ins below)",
            f"  Centre's overview       {base}/workspace/overview/  (as dieuphoi)",
            f"  Centre's monitoring     {base}/workspace/monitoring/  (as dieuphoi)",
            f"  Track a dossier         {base}/track/  (code and the ID's last 4 digits)",
            f"  Virtual assistant       {base}/  (the chat box on every portal page)",
            f"  API docs (Swagger UI)   {base}/api/v1/docs/",
            f"  OpenAPI schema          {base}/api/v1/schema/",
            f"  Procedure catalog       {base}/api/v1/procedures/?q=khai+sinh",
            f"  Wards and communes      {base}/api/v1/units/",
            f"  Catalog audit           {base}/api/v1/catalog/audit/",
            f"  Dossiers (signed in)    {base}/api/v1/dossiers/",
            f"  Admin (catalog setup)   {base}/admin/",
            f"  Citizen sign-in (VNeID) {base}/oidc/authenticate/  (sandbox: pick a demo citizen)",
            f"  Fee-collection accounts {base}/api/v1/fee-accounts/",
            f"  Payments report         {base}/api/v1/payments/report/",
            f"  Check a signed PDF      {base}/verify/",
            "",
            f"Demo sign-ins, all with the password {settings.MOTCUA_DEMO_PASSWORD}:",
            "  admin          administrator (catalog, reference data)",
            *(f"  {name:<14} {what}" for name, what in DEMO_SIGN_INS),
            "  Portal: the VNeID sandbox's Nguyễn Văn An has demo dossiers (level 2 for all)",
            "  API token: .venv/bin/motcua token create USERNAME",
            "",
        ]
        self.stdout.write("\n".join(lines))
