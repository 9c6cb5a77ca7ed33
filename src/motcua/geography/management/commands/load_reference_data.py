from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.geography import services


class Command(BaseCommand):
    help = "Load the province's units, agencies and service points (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", help="Official province code (default MOTCUA_PROVINCE)")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = services.load_reference_data(options["province"])
        self.stdout.write(
            f"reference data: {summary.units} units, {summary.agencies} agencies, "
            f"{summary.service_points} service points ({summary.created} new)"
        )
