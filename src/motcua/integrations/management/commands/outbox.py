"""`motcua outbox deliver|status|retry ID|portal-mode MODE`: the outbox from the terminal."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.integrations import delivery, sandbox_portal, selectors, services
from motcua.integrations.models import SandboxPortalMode


class Command(BaseCommand):
    help = "Deliver the outbox now, show its backlog, retry a dead letter, or set the sandbox."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("deliver", help="Deliver what is due (the worker does it every run)")
        sub.add_parser("status", help="Waiting messages, dead letters and lag per destination")
        retry = sub.add_parser("retry", help="Give a message a fresh set of attempts")
        retry.add_argument("id", type=int)
        retry.add_argument("--as", dest="username", default="dieuphoi", help="A coordinator")
        mode = sub.add_parser("portal-mode", help="Make the sandbox national portal misbehave")
        mode.add_argument("mode", choices=SandboxPortalMode.values)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "deliver":
            run = delivery.deliver_outbox()
            self.stdout.write(f"delivered {run.delivered}, failed {run.failed}, dead {run.dead}")
        elif action == "status":
            for row in selectors.outbox_backlog():
                self.stdout.write(
                    f"{row.destination}\twaiting {row.pending}\tdead {row.dead}"
                    f"\tlag {row.lag_seconds:.0f} s"
                )
        elif action == "retry":
            actor = get_user_model().objects.filter(username=options["username"]).first()
            if actor is None:
                raise CommandError(f"no user {options['username']}")
            try:
                services.retry_message(options["id"], actor=actor)
            except DomainError as exc:
                raise CommandError(exc.render()) from exc
            self.stdout.write(f"message {options['id']}: due now")
        else:
            sandbox_portal.set_mode(options["mode"])
            self.stdout.write(f"sandbox national portal: {options['mode']}")
