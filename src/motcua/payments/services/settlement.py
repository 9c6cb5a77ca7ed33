"""Recording payments: provider confirmations, bank transfers, cash at the counter; reviews.

Recording a payment is idempotent by the provider's reference: the same confirmation twice
changes nothing the second time."""

import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, NotFound
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.payments import providers, selectors
from motcua.payments.errors import CallbackReplayed, NothingToCollect, PortalPaymentUnsettled
from motcua.payments.models import (
    CallbackSeen,
    Payment,
    PaymentRequest,
    RequestStatus,
    ReviewItem,
    ReviewKind,
    StatementImport,
)
from motcua.payments.services.receipts import CASH, issue_receipts, request_receipt
from motcua.payments.services.requests import NOT_PAYABLE, _values, payment_request

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Transfer:
    """Money a provider says it received."""

    provider: str
    reference: str
    amount_vnd: int
    paid_at: datetime
    note: str = ""
    dossier_code: str = ""
    payer_account: str = ""


@dataclass
class Outcome:
    paid: list[str] = field(default_factory=list)  # dossier codes marked paid now
    reviews: list[ReviewItem] = field(default_factory=list)
    repeated: int = 0  # transfers already recorded earlier (idempotent)
    receipts: list[int] = field(default_factory=list)  # payments whose e-receipt is asked for


def _review(kind: str, transfer: Transfer, statement: StatementImport | None) -> ReviewItem:
    item, _created = ReviewItem.objects.get_or_create(
        provider=transfer.provider,
        reference=transfer.reference,
        defaults={
            "kind": kind,
            "statement": statement,
            "amount_vnd": transfer.amount_vnd,
            "note": transfer.note[:500],
            "dossier_code": transfer.dossier_code,
            "created_at": clock.now(),
        },
    )
    return item


def settle(transfer: Transfer, statement: StatementImport | None, outcome: Outcome) -> None:
    """Settle one transfer inside the caller's transaction (providers and reconciliation)."""
    if Payment.objects.filter(
        provider=transfer.provider, reference=transfer.reference
    ).exists() or (
        ReviewItem.objects.filter(provider=transfer.provider, reference=transfer.reference).exists()
    ):
        outcome.repeated += 1
        return
    dossier = Dossier.objects.select_for_update().filter(code=transfer.dossier_code).first()
    request = PaymentRequest.objects.filter(dossier=dossier).first() if dossier else None
    if request is None or request.account_id is None:
        outcome.reviews.append(_review(ReviewKind.UNKNOWN, transfer, statement))
        return
    if request.status == RequestStatus.PAID:
        outcome.reviews.append(_review(ReviewKind.DUPLICATE, transfer, statement))
        return
    if dossier.status in NOT_PAYABLE:
        outcome.reviews.append(_review(ReviewKind.CLOSED, transfer, statement))
        return
    due = dossier.fee_amount_vnd  # the assessed fee, even if the request was shown earlier
    if transfer.amount_vnd < due:
        outcome.reviews.append(_review(ReviewKind.UNDERPAID, transfer, statement))
        return
    request.amount_vnd = due
    payment = Payment(
        request=request,
        provider=transfer.provider,
        reference=transfer.reference,
        amount_vnd=transfer.amount_vnd,
        paid_at=transfer.paid_at,
        payer_account=transfer.payer_account,
        recorded_at=clock.now(),
    )
    payment.save()
    request_receipt(payment)  # issued after the commit (issue_receipts) or by the worker
    outcome.receipts.append(payment.pk)
    request.status, request.paid_vnd, request.paid_at = (
        RequestStatus.PAID,
        transfer.amount_vnd,
        transfer.paid_at,
    )
    request.save()
    dossier_services.note_payment(
        dossier,
        amount_vnd=transfer.amount_vnd,
        provider=transfer.provider,
        reference=transfer.reference,
        receipt="",  # issued after the commit: its number is on the payment
    )
    if transfer.amount_vnd > due:
        outcome.reviews.append(_review(ReviewKind.OVERPAID, transfer, statement))
    outcome.paid.append(dossier.code)
    logger.info("payment_recorded", extra={"dossier": dossier.code, "provider": transfer.provider})


CASH_ROLES = {Role.RECEIVING_OFFICER, Role.HANDLING_OFFICER}


def cash_collectable(user: AbstractBaseUser, dossier: Dossier) -> bool:
    """Whether the user may take this dossier's fee in cash at the counter now (reads only)."""
    unpaid = dossier.fee_amount_vnd > 0 and not dossier.fee_paid_at
    return (
        unpaid
        and dossier.status not in NOT_PAYABLE
        and bool(dossier_selectors.roles_on(user, dossier) & CASH_ROLES)
    )


def record_cash(
    dossier: Dossier, *, actor: AbstractBaseUser, expected_version: int | None = None
) -> Payment:
    """Record the assessed fee paid in cash at the counter, then issue its e-receipt (after the
    commit: no lock is held while the provider answers).

    Only a receiving or handling official of the dossier collects; the whole assessed amount,
    once (a second try, or a fee paid online meanwhile, is refused: 409)."""
    payment = _record_cash(dossier, actor=actor, expected_version=expected_version)
    issue_receipts([payment.pk])
    payment.refresh_from_db()
    return payment


@transaction.atomic(durable=True)
def _record_cash(
    dossier: Dossier, *, actor: AbstractBaseUser, expected_version: int | None = None
) -> Payment:
    if not dossier_selectors.roles_on(actor, dossier) & CASH_ROLES:
        raise Forbidden()
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(_("The dossier changed meanwhile: reload the page and try again."))
    if locked.fee_amount_vnd == 0 or locked.fee_paid_at or locked.status in NOT_PAYABLE:
        raise NothingToCollect()
    request = PaymentRequest.objects.filter(dossier=locked).first()
    if request is None:
        request = PaymentRequest.objects.create(
            dossier=locked, created_at=clock.now(), **_values(locked)
        )
    if request.status == RequestStatus.PAID:
        raise NothingToCollect()
    now = clock.now()
    payment = Payment(
        request=request,
        provider=CASH,
        reference=f"{locked.code}-TM",
        amount_vnd=locked.fee_amount_vnd,
        paid_at=now,
        recorded_at=now,
    )
    request.amount_vnd = locked.fee_amount_vnd
    payment.save()
    request_receipt(payment)
    request.status, request.paid_vnd, request.paid_at = RequestStatus.PAID, payment.amount_vnd, now
    request.save()
    dossier_services.note_payment(
        locked,
        amount_vnd=payment.amount_vnd,
        provider=CASH,
        reference=payment.reference,
        receipt="",  # issued after the commit: its number is on the payment
        collected_by=actor.get_username(),
    )
    logger.info("cash_recorded", extra={"dossier": locked.code})
    return payment


def settle_portal_payment(dossier: Dossier, payment: dict[str, Any]) -> None:
    """A fee the applicant paid on the national portal (its payment platform), inside the
    caller's transaction: settled as the platform's own confirmation would be, so that the
    same transaction confirmed both ways is recorded once (provider and reference)."""
    outcome = Outcome()
    transfer = Transfer(
        provider="paygov",
        reference=str(payment["transaction"]),
        amount_vnd=int(payment.get("amount_vnd") or 0),
        paid_at=payment["paid_at"],
        note="national portal",
        dossier_code=dossier.code,
    )
    settle(transfer, None, outcome)
    if dossier.code not in outcome.paid and not outcome.repeated:
        raise PortalPaymentUnsettled()


def record_transfer(transfer: Transfer) -> Outcome:
    """Record one provider's confirmation (one transaction; repeating it changes nothing)."""
    outcome = Outcome()
    try:
        with transaction.atomic(durable=True):
            settle(transfer, None, outcome)
    except IntegrityError:  # the same confirmation raced in twice: the other one won
        outcome = Outcome(repeated=1)
    issue_receipts(outcome.receipts)
    return outcome


@transaction.atomic(durable=True)
def resolve_review(item_id: int, *, actor: AbstractBaseUser, resolution: str) -> ReviewItem:
    """Close a review item, saying how it was settled (refunded, topped up, traced...).

    Inspectors see the transfers left to review but do not settle them: oversight only reads."""
    scope = official_scope(actor)
    if Role.INSPECTOR in scope.city_roles and Role.COORDINATOR not in scope.city_roles:
        raise Forbidden()
    item = selectors.open_reviews(actor).select_for_update().filter(pk=item_id).first()
    if item is None:
        raise NotFound()
    item.resolved_at, item.resolved_by, item.resolution = clock.now(), actor, resolution
    item.save()
    return item


def accept_callback(name: str, body: bytes, headers: Any) -> Outcome:
    """Record a provider's signed confirmation once; a replay is refused and changes nothing.
    The e-receipt is issued after the commit."""
    outcome = _accept_callback(name, body, headers)
    issue_receipts(outcome.receipts)
    return outcome


@transaction.atomic(durable=True)
def _accept_callback(name: str, body: bytes, headers: Any) -> Outcome:
    source = providers.provider(name)
    confirmation = source.verify(body, headers)  # 403 unsigned, forged or stale; 400 garbage
    try:
        with transaction.atomic():
            CallbackSeen.objects.create(
                provider=name, event_id=confirmation.event_id, received_at=clock.now()
            )
    except IntegrityError as exc:
        raise CallbackReplayed() from exc
    outcome = Outcome()
    if confirmation.succeeded:
        transfer = Transfer(
            provider=name,
            reference=confirmation.reference,
            amount_vnd=confirmation.amount_vnd,
            paid_at=confirmation.paid_at,
            dossier_code=confirmation.dossier_code,
        )
        settle(transfer, None, outcome)
    return outcome


def sandbox_confirmation(dossier: Dossier, *, succeed: bool) -> tuple[bytes, dict[str, str]]:
    """What the sandbox provider sends back when the demo payer confirms or fails (signed)."""
    request = payment_request(dossier)
    event = hashlib.sha256(f"{dossier.code}{clock.now().isoformat()}".encode()).hexdigest()[:20]
    body = json.dumps(
        {
            "event_id": event,
            "order_id": dossier.code,
            "transaction_id": f"SBX{event[:12].upper()}",
            "amount": request.amount_vnd,
            "paid_at": clock.now().isoformat(),
            "status": "success" if succeed else "failed",
        }
    ).encode()
    stamp = str(int(time.time()))  # the provider's own clock, never the demo's
    secret = providers.provider("sandbox").secret
    return body, {
        "X-Motcua-Timestamp": stamp,
        "X-Motcua-Signature": providers.sign(secret, stamp, body),
    }
