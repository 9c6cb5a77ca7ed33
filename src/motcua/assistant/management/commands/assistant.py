"""`motcua assistant ask "…"` and `motcua assistant build-index` from the terminal."""

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from motcua.assistant import selectors, services
from motcua.assistant.api import reply_body
from motcua.core.errors import DomainError


class Command(BaseCommand):
    help = "Ask the virtual assistant a question, as a resident would."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ask = sub.add_parser("ask", help="Ask one question")
        ask.add_argument("question")
        ask.add_argument("--lang", choices=["vi", "en"], default="vi")
        ask.add_argument("--conversation", default="", help="Continue a conversation (its id)")
        ask.add_argument("--id-last4", default="", help="The ID number's last 4 digits")
        ask.add_argument("--json", action="store_true", help="Print the API's JSON body")
        sub.add_parser(
            "build-index",
            help="Build and store the index of the published catalog (publishing does it; "
            "after a release, run it once before the workers start)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "build-index":
            started = time.perf_counter()
            index = selectors.build_index()
            took = time.perf_counter() - started
            self.stdout.write(f"index of {len(index.procedures)} procedures stored in {took:.1f} s")
            return
        try:
            reply = services.ask(
                options["question"],
                lang=options["lang"],
                conversation_id=options["conversation"] or None,
                id_last4=options["id_last4"],
            )
        except DomainError as exc:
            with translation.override(options["lang"]):
                raise CommandError(exc.render()) from exc
        if options["json"]:
            self.stdout.write(json.dumps(reply_body(reply), ensure_ascii=False, indent=2))
            return
        self.stdout.write(reply.answer)
        if reply.procedures:
            self.stdout.write("")
            for choice in reply.procedures:
                score = "" if choice.score is None else f"  ({choice.score:.2f})"
                self.stdout.write(f"  {choice.code}  {choice.name}{score}")
        self.stdout.write(f"\nconversation: {reply.conversation}")
