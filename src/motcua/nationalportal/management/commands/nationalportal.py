"""`motcua nationalportal file|pull|reconcile|resend|show`: the national portal, by hand."""

import json
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.core.errors import DomainError
from motcua.integrations import sandbox_portal
from motcua.integrations.connectors.base import DeliveryFailed
from motcua.nationalportal import inbound, reconciliation


class Command(BaseCommand):
    help = "Receive the national portal's dossiers, reconcile with it, or drive the sandbox."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        filing = sub.add_parser("file", help="The sandbox portal files a dossier")
        filing.add_argument("scenario", choices=sandbox_portal.SCENARIOS)
        filing.add_argument(
            "--push", default="", metavar="URL", help="Push it, signed, to Motcua at URL"
        )
        change = sub.add_parser("update", help="The applicant changes a dossier on the sandbox")
        change.add_argument("national_code")
        change.add_argument("kind", choices=sandbox_portal.UPDATE_KINDS)
        change.add_argument("--seq", type=int, default=None, help="Out of order: its number")
        change.add_argument(
            "--push", default="", metavar="URL", help="Push it, signed, to Motcua at URL"
        )
        sub.add_parser("pull", help="Receive the dossiers the portal holds for us")
        check = sub.add_parser("reconcile", help="Compare a day with the portal")
        check.add_argument("--date", type=date.fromisoformat, default=None)
        resend = sub.add_parser("resend", help="Send a difference's dossier again")
        resend.add_argument("id", type=int)
        resend.add_argument("--as", dest="username", default="dieuphoi", help="A coordinator")
        sub.add_parser("show", help="What the sandbox portal holds (JSON)")

    def _sandbox(self, options: dict[str, Any]) -> None:
        """The sandbox portal files a dossier, or the applicant changes one there."""
        if options["action"] == "file":
            for filing in sandbox_portal.file(options["scenario"], target=options["push"]):
                answer = json.dumps(filing.answer, ensure_ascii=False) if filing.answer else ""
                self.stdout.write(f"{filing.national_code}\t{filing.answer_status or ''}\t{answer}")
            return
        made = sandbox_portal.update(
            options["national_code"], options["kind"], seq=options["seq"], target=options["push"]
        )
        answer = json.dumps(made.answer, ensure_ascii=False) if made.answer else ""
        self.stdout.write(f"{made.update_id}\t{made.answer_status or ''}\t{answer}")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action in ("file", "update"):
                self._sandbox(options)
            elif action == "pull":
                self.stdout.write(f"received {inbound.pull()}")
            elif action == "reconcile":
                day = options["date"] or timezone.localdate() - timedelta(days=1)
                check = reconciliation.reconcile(day)
                self.stdout.write(
                    f"{check.day}: {check.in_agreement}/{check.compared} in agreement, "
                    f"{check.differences.count()} differences"
                )
                for row in check.differences.select_related("dossier"):
                    self.stdout.write(f"{row.pk}\t{row.dossier.code}\t{row.kind}")
            elif action == "resend":
                actor = get_user_model().objects.filter(username=options["username"]).first()
                if actor is None:
                    raise CommandError(f"no user {options['username']}")
                row = reconciliation.resend(options["id"], actor=actor)
                self.stdout.write(f"{row.dossier.code}: sent again")
            else:
                state = sandbox_portal.state()
                self.stdout.write(json.dumps(state, ensure_ascii=False, indent=2, default=str))
        except DomainError as exc:
            raise CommandError(exc.render()) from exc
        except DeliveryFailed as exc:
            raise CommandError(f"the national portal did not answer: {exc}") from exc
