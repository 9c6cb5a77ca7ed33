"""`motcua catalog audit|import|import-portal|report|export|load`: the catalog from the terminal."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from tqdm import tqdm

from motcua.catalog import packaged, portal, selectors, services
from motcua.catalog.api import audit_body
from motcua.catalog.joint import load_joint_groups


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
        load = sub.add_parser("load", help="Load the catalog shipped with the package (idempotent)")
        load.add_argument(
            "--portal", type=Path, help="Then import the national portal's pages of this folder"
        )
        crawl = sub.add_parser(
            "import-portal", help="Import the national portal's pages (raw/<ministry>/<code>.json)"
        )
        crawl.add_argument("directory", type=Path)
        report = sub.add_parser("report", help="How the national portal's pages parse")
        report.add_argument("directory", type=Path)
        report.add_argument("--json", action="store_true", help="Machine-readable output")

    def handle(self, *args: Any, **options: Any) -> None:
        action = {"report": "parse_report"}.get(options["action"], options["action"])
        getattr(self, f"_{action.replace('-', '_')}")(options)

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
        if options.get("portal"):  # the crawl's import holds the curated catalog on top
            self._import_portal({"directory": options["portal"]})
            return
        try:
            self._report(services.import_catalog(packaged.packaged_records()))
        except services.CatalogImportRefused as exc:
            raise self._refused(exc) from exc
        joint = load_joint_groups()
        self.stdout.write(f"joint procedures: {joint.groups} groups, {joint.versions} versions")

    def _directory(self, options: dict[str, Any]) -> Path:
        directory: Path = options["directory"]
        if not directory.is_dir() or not any(directory.glob("*/*.json")):
            raise CommandError(f"No pages <ministry>/<code>.json under {directory}")
        return directory

    def _import_portal(self, options: dict[str, Any]) -> None:
        directory = self._directory(options)

        def progress(records: list[Any]) -> Any:
            return tqdm(records, desc="procedures", unit="", file=self.stderr._out, disable=None)

        summary = services.import_portal(directory, progress=progress)
        self.stdout.write(
            f"catalog: {summary.created} published from their first page, {summary.updated} "
            f"changed since the last crawl (new drafts, to publish in the admin), "
            f"{summary.unchanged} unchanged"
        )
        for code, reason in summary.failed:
            self.stdout.write(f"  not imported: {code}: {reason}")

    def _report_pages(self, options: dict[str, Any]) -> dict[str, Any]:
        directory = self._directory(options)
        pages = [portal.parse_page(page, folder) for folder, page in portal.read_pages(directory)]
        return portal.parse_report(pages)

    def _parse_report(self, options: dict[str, Any]) -> None:
        body = self._report_pages(options)
        if options["json"]:
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
            return
        write = self.stdout.write
        totals = body["totals"]

        def share(count: int) -> str:
            return f"{count} ({100 * count / max(totals['pages'], 1):.1f}%)"

        write(f"{'ministry':<20} {'pages':>6} {'full':>6} {'partly':>6} {'failed':>6}  reasons")
        for name, row in sorted(body["ministries"].items()):
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(row["reasons"].items()))
            write(
                f"{name:<20} {row['pages']:>6} {row['full']:>6} {row['partial']:>6} "
                f"{row['failed']:>6}  {reasons or '-'}"
            )
        write(
            f"pages {totals['pages']}: code, name, field and level {share(totals['identity'])}, "
            f"time limit {share(totals['time_limit'])}, document list {share(totals['documents'])}"
        )
        for channel, row in body["channels"].items():
            write(
                f"channel {channel}: {row['rows']} pages, time limit {row['time_limit']}, "
                f"fee stated {row['fee']}"
            )

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
        for name in ("overall", "business", "enterprise_related", "organisations"):
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
