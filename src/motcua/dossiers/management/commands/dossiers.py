"""`motcua dossiers sweep|diagram|fingerprint`."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.dossiers import services, workflow
from motcua.dossiers.fingerprint import store_fingerprint

DIAGRAM_HEADER = (
    "# The dossier's state machine\n\n"
    "Generated from `src/motcua/dossiers/workflow.py` by `motcua dossiers diagram "
    "docs/dossier-workflow.md`; do not edit by hand.\n"
    "Each edge: action (roles that may take it).\n\n"
)


def diagram_markdown() -> str:
    """Return the Markdown page with the Mermaid diagram of the transition table."""
    return f"{DIAGRAM_HEADER}```mermaid\n{workflow.mermaid()}```\n"


class Command(BaseCommand):
    help = "Run the overdue sweep, or write the state diagram."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("sweep", help="Flag overdue dossiers; close those never supplemented")
        diagram = sub.add_parser("diagram", help="Write the state machine as Mermaid Markdown")
        diagram.add_argument("file", type=Path)
        fingerprint = sub.add_parser(
            "fingerprint", help="Print row counts, broken event chains and file digests as JSON"
        )
        fingerprint.add_argument("--no-files", action="store_true", help="Skip file digests")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "sweep":
            result = services.sweep()
            self.stdout.write(f"sweep: {result.flagged} flagged overdue, {result.closed} closed")
        elif options["action"] == "fingerprint":
            found = store_fingerprint(with_files=not options["no_files"])
            self.stdout.write(json.dumps(found, indent=1, sort_keys=True))
        else:
            options["file"].write_text(diagram_markdown(), encoding="utf-8")
            self.stdout.write(f"diagram written to {options['file']}")
