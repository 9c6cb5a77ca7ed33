"""`motcua catalog audit|import|export|load`: the catalog from the terminal."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from motcua.catalog import packaged, selectors, services
from motcua.catalog.api import audit_body


class Command(BaseCommand):
    help = "Audit, import, export or load the packaged procedure catalog."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        audit = sub.add_parser("audit", help="List each barrier per published procedure")
        audit.add_argument("--json", action="store_true", help="Machine-readable output")
        imp = sub.add_parser("import", help="Import a .json or .xlsx catalog as a whole")
        imp.add_argument("file", type=Path)
        exp = sub.add_parser("export", help="Export the published catalog (.json or .xlsx)")
        exp.add_argument("file", type=Path)
        sub.add_parser("load", help="Load the catalog shipped with the package (idempotent)")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _report(self, summary: services.ImportSummary) -> None:
        self.stdout.write(
            f"catalog: {summary.created} new, {summary.updated} updated, "
            f"{summary.unchanged} unchanged"
        )

    def _refused(self, exc: services.CatalogImportRefused) -> CommandError:
        lines = []
        for language in ("vi", "en"):
            with translation.override(language):
                lines += [exc.render(), *(f"  - {p.render()}" for p in exc.problems[:50])]
        return CommandError("\n".join(lines))

    def _load(self, options: dict[str, Any]) -> None:
        try:
            self._report(services.import_catalog(packaged.packaged_records()))
        except services.CatalogImportRefused as exc:
            raise self._refused(exc) from exc

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            self._report(services.import_catalog_file(path.read_bytes(), path.name))
        except services.CatalogImportRefused as exc:
            raise self._refused(exc) from exc

    def _export(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "json"
        path.write_bytes(services.export_catalog(fmt))
        self.stdout.write(f"catalog exported to {path}")

    def _audit(self, options: dict[str, Any]) -> None:
        body = audit_body(selectors.audit_report())
        if options["json"]:
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
            return
        self._table(body)

    def _table(self, body: dict[str, Any]) -> None:
        write = self.stdout.write
        write(f"{'code':<10} {'online':<7} {'bfree':<6} barriers")
        for row in body["procedures"]:
            kinds = sorted({b["kind"] for b in row["barriers"]})
            write(
                f"{row['code']:<10} {'yes' if row['fully_online'] else 'no':<7} "
                f"{'yes' if row['boundary_free'] else 'no':<6} {', '.join(kinds) or '-'}"
            )
        summary = body["summary"]
        for name in ("overall", "business"):
            share = summary[name]
            write(
                f"{name}: {share['procedures']} procedures, "
                f"{share['fully_online_percent']}% fully online, "
                f"{share['boundary_free_percent']}% boundary-free (target 100%)"
            )
        write(
            "procedures with each barrier: "
            + ", ".join(f"{kind} {count}" for kind, count in summary["barriers"].items())
        )
