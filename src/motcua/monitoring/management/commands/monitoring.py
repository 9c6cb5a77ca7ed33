"""`motcua monitoring refresh|rebuild|report`."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.dateparse import parse_date

from motcua.core.errors import DomainError
from motcua.monitoring import reports, selectors, services


class Command(BaseCommand):
    help = "Keep the indicator rollups current, rebuild them, or write a report."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("refresh", help="Count the events since the last run (as the worker)")
        rebuild = sub.add_parser("rebuild", help="Recount dossiers received in a period (or all)")
        rebuild.add_argument("--from", dest="start", help="YYYY-MM-DD")
        rebuild.add_argument("--to", dest="end", help="YYYY-MM-DD")
        report = sub.add_parser("report", help="Write a monthly or quarterly report")
        report.add_argument("--period", required=True, help="YYYY-MM or YYYY-Qn")
        report.add_argument("--unit", default="", help="administrative unit code (all if empty)")
        report.add_argument("--agency", default="", help="agency code (all if empty)")
        report.add_argument("--format", choices=["xlsx", "pdf", "csv", "json"], default="xlsx")
        report.add_argument("--output", type=Path, help="file to write (default: ./report.EXT)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as exc:
            raise CommandError(exc.render()) from exc

    def _refresh(self, options: dict[str, Any]) -> None:
        counted = services.refresh_until_current()
        self.stdout.write(f"rollups: {counted} dossiers counted")

    def _rebuild(self, options: dict[str, Any]) -> None:
        start = parse_date(options["start"]) if options["start"] else None
        end = parse_date(options["end"]) if options["end"] else None
        result = services.rebuild(start=start, end=end)
        self.stdout.write(f"rebuilt: {result.dossiers} dossiers, {result.rows} daily rows")

    def _report(self, options: dict[str, Any]) -> None:
        start, end = selectors.month_period(options["period"])
        scope = selectors.scope_for(
            None, start=start, end=end, unit=options["unit"], agency=options["agency"]
        )
        report = reports.build(scope)
        fmt = options["format"]
        output = options["output"] or Path(f"report-{options['period']}.{fmt}")
        if fmt == "xlsx":
            output.write_bytes(reports.to_xlsx(report))
        elif fmt == "pdf":
            output.write_bytes(reports.to_pdf(report))
        elif fmt == "csv":
            output.write_text(reports.to_csv(report.rows), encoding="utf-8")
        else:
            body = [reports.flat(r) for r in report.rows]
            output.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"report written to {output}")
