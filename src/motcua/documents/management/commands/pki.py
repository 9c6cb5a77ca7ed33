"""`motcua pki init|show`: the demo signing authority and each agency's certificate."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.documents import pki
from motcua.geography.models import Agency


class Command(BaseCommand):
    help = "Create the demo root CA and a signing certificate per agency (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        init = sub.add_parser("init", help="Create what is missing under MOTCUA_PKI_DIR")
        init.add_argument("--agency", action="append", default=[], help="Only these codes")
        sub.add_parser("show", help="Where keys and trust roots are")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "show":
            self.stdout.write(f"signing: {settings.MOTCUA_SIGNING}")
            self.stdout.write(f"pki dir: {settings.MOTCUA_PKI_DIR}")
            self.stdout.write("trust roots: " + ", ".join(pki.trust_root_files()))
            return
        if settings.MOTCUA_SIGNING != "demo":
            raise CommandError(
                "MOTCUA_SIGNING is not 'demo': agencies' certificates come from their PKCS#12 "
                "files (MOTCUA_SIGNING_PKCS12_PATH); nothing to create."
            )
        agencies = Agency.objects.order_by("code")
        if options["agency"]:
            agencies = agencies.filter(code__in=options["agency"])
        root = pki.ensure_root()
        created = sum(
            pki.ensure_agency(pki.AgencyIdentity(a.code, a.name)) for a in agencies.iterator()
        )
        self.stdout.write(
            f"pki: root CA {'created' if root else 'kept'}; {created} agency certificates "
            f"created, {agencies.count() - created} kept (in {settings.MOTCUA_PKI_DIR})"
        )
