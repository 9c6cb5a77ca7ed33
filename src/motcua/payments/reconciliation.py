"""Bank-statement reconciliation: exact transfers pay their dossier once, the rest are reviewed."""

import hashlib
import re
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.payments import statements, vietqr
from motcua.payments.models import PaymentRequest, RequestStatus, StatementImport
from motcua.payments.services import Outcome, Transfer, issue_receipts, settle


class StatementAlreadyImported(Conflict):
    code = "statement_already_imported"
    message = _("This bank statement was already imported.")


# A transfer is matched against unpaid requests, and paid ones this recent (to catch duplicates).
DUPLICATE_WINDOW = timedelta(days=90)


def _compact(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", vietqr.fold(text).upper())


def _match_codes(notes: list[str]) -> dict[int, str]:
    """Find the dossier code each note carries, with or without its dots and dashes (banks
    often strip punctuation from transfer notes)."""
    recent = Q(status=RequestStatus.PENDING) | Q(paid_at__gte=clock.now() - DUPLICATE_WINDOW)
    requests = PaymentRequest.objects.filter(recent).values_list("dossier__code", flat=True)
    by_compact = {_compact(code): code for code in requests}
    found: dict[int, str] = {}
    for index, note in enumerate(notes):
        squeezed = _compact(note)
        for compact, code in by_compact.items():
            if compact and compact in squeezed:
                found[index] = code
                break
    return found


def import_statement(name: str, content: bytes, *, actor: AbstractBaseUser) -> Outcome:
    """Import a bank statement (one transaction), then issue the e-receipts of what it paid."""
    outcome = _import_statement(name, content, actor=actor)
    issue_receipts(outcome.receipts)
    return outcome


@transaction.atomic(durable=True)
def _import_statement(name: str, content: bytes, *, actor: AbstractBaseUser) -> Outcome:
    """Reconcile a bank statement (CSV or XLSX): exact matches are paid, the rest reviewed."""
    scope = official_scope(actor)
    if not ({Role.COORDINATOR, Role.SYSTEM} & scope.city_roles):
        raise Forbidden()
    digest = hashlib.sha256(content).hexdigest()
    if StatementImport.objects.filter(sha256=digest).exists():
        raise StatementAlreadyImported()
    lines = statements.read(name, content)
    statement = StatementImport.objects.create(
        name=name[:255], sha256=digest, imported_by=actor, imported_at=clock.now(), lines=len(lines)
    )
    codes = _match_codes([line.note for line in lines])
    outcome = Outcome()
    for index, line in enumerate(lines):
        transfer = Transfer(
            provider="bank-statement",
            reference=line.reference,
            amount_vnd=line.amount_vnd,
            paid_at=line.paid_at,
            note=line.note,
            payer_account=line.payer_account,
            dossier_code=codes.get(index, ""),
        )
        settle(transfer, statement, outcome)
    statement.matched = len(outcome.paid)
    statement.save(update_fields=["matched"])
    return outcome
