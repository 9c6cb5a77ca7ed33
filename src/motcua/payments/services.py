"""Fee-collection accounts, payment requests, recording payments, receipts, reconciliation.

Each public function is one transaction. Recording a payment is idempotent by the provider's
reference: the same confirmation twice changes nothing the second time.
"""

import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from num2words import num2words

from motcua.core import clock
from motcua.core.errors import Conflict, DomainError, Forbidden, NotFound
from motcua.documents import services as issuing
from motcua.documents.models import DocumentKind
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status
from motcua.geography.models import Agency
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrations import connectors, routes
from motcua.integrations.connectors.base import DeliveryFailed, IssuedReceipt, ReceiptOrder
from motcua.integrations.models import OutboxMessage
from motcua.integrations.services import enqueue
from motcua.payments import providers, selectors, vietqr
from motcua.payments.models import (
    AccountStatus,
    CallbackSeen,
    FeeAccount,
    Payment,
    PaymentRequest,
    Purpose,
    ReceiptSequence,
    RequestStatus,
    ReviewItem,
    ReviewKind,
    StatementImport,
    SubmissionDeadline,
)

logger = logging.getLogger(__name__)
ACCOUNT_OFFICIALS = {Role.HANDLING_OFFICER, Role.APPROVER}
# A dossier refused, withdrawn or closed has nothing left to pay (a paid fee keeps its receipt).
NOT_PAYABLE = frozenset({Status.REJECTED, Status.WITHDRAWN, Status.CLOSED})


class InvalidAccount(DomainError):
    code = "invalid_fee_account"
    message = _("The fee-collection account is not valid.")


class NoFee(NotFound):
    code = "no_fee"
    message = _("This dossier has no fee to pay.")


@cache
def banks() -> dict[str, dict[str, str]]:
    """The NAPAS member banks by BIN (payments/data/banks.json)."""
    text = resources.files("motcua.payments").joinpath("data/banks.json").read_text("utf-8")
    return {bank["bin"]: bank for bank in json.loads(text)["banks"]}


# --- Accounts ------------------------------------------------------------------------------


def _check_account(data: dict[str, Any]) -> dict[str, Any]:
    problems: dict[str, list[Any]] = {}
    if data["bank_bin"] not in banks():
        problems["bank_bin"] = [_("Not a NAPAS member bank's BIN.")]
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", data["account_number"]):
        problems["account_number"] = [_("Use 1 to 19 letters and digits.")]
    holder = vietqr.fold(data["account_name"]).upper()
    if not holder or len(holder) > 70:
        problems["account_name"] = [_("Give the holder's name as the bank shows it.")]
    if data.get("tax_code") and not re.fullmatch(r"\d{10}(-?\d{3})?", data["tax_code"]):
        problems["tax_code"] = [_("A tax code has 10 digits (13 for a branch).")]
    if data.get("budget_chapter") and not re.fullmatch(r"\d{3}", data["budget_chapter"]):
        problems["budget_chapter"] = [_("A budget chapter code has 3 digits.")]
    if data.get("budget_subitem") and not re.fullmatch(r"\d{4}", data["budget_subitem"]):
        problems["budget_subitem"] = [_("A budget sub-item code has 4 digits.")]
    if problems:
        raise InvalidAccount(fields=problems)
    return {**data, "account_name": holder}


@transaction.atomic(durable=True)
def register_account(data: dict[str, Any], *, actor: AbstractBaseUser) -> FeeAccount:
    """An agency's official submits its fee-collection account to the centre (DOMAIN F2)."""
    agency = Agency.objects.filter(code=data["agency"]).first()
    if agency is None:
        raise InvalidAccount(fields={"agency": [_("No agency has this code.")]})
    scope = official_scope(actor)
    if not (
        scope.sees_everything or scope.roles_at_agency.get(agency.pk, set()) & ACCOUNT_OFFICIALS
    ):
        raise Forbidden()
    clean = _check_account({k: v for k, v in data.items() if k != "agency"})
    return FeeAccount.objects.create(
        agency=agency,
        status=AccountStatus.SUBMITTED,
        submitted_by=actor,
        submitted_at=clock.now(),
        **clean,
    )


def _coordinator(actor: AbstractBaseUser) -> None:
    if Role.COORDINATOR not in official_scope(actor).city_roles:
        raise Forbidden()


def _locked_account(account_id: int) -> FeeAccount:
    account = FeeAccount.objects.select_for_update().filter(pk=account_id).first()
    if account is None:
        raise NotFound()
    if account.status != AccountStatus.SUBMITTED:
        raise Conflict(_("Only a submitted account can be approved or returned."))
    return account


@transaction.atomic(durable=True)
def approve_account(account_id: int, *, actor: AbstractBaseUser) -> FeeAccount:
    """The centre approves an account; it replaces the agency's earlier one for that purpose."""
    _coordinator(actor)
    account = _locked_account(account_id)
    FeeAccount.objects.filter(
        agency=account.agency, purpose=account.purpose, status=AccountStatus.APPROVED
    ).update(status=AccountStatus.SUPERSEDED)
    account.status, account.decided_by, account.decided_at = (
        AccountStatus.APPROVED,
        actor,
        clock.now(),
    )
    account.save()
    # The agency's unpaid requests now name this account (a read never writes them).
    open_dossiers = (
        Dossier.objects.select_for_update()
        .filter(handling_agency=account.agency, fee_amount_vnd__gt=0, fee_paid_at__isnull=True)
        .exclude(status__in=NOT_PAYABLE)
    )
    for dossier in open_dossiers:
        prepare_payment_request(dossier)
    return account


@transaction.atomic(durable=True)
def return_account(account_id: int, *, actor: AbstractBaseUser, reason: str) -> FeeAccount:
    """The centre sends an account back to the agency with the reason."""
    _coordinator(actor)
    account = _locked_account(account_id)
    account.status, account.reason = AccountStatus.RETURNED, reason
    account.decided_by, account.decided_at = actor, clock.now()
    account.save()
    return account


@transaction.atomic(durable=True)
def set_deadline(*, actor: AbstractBaseUser, due_on: date, title: str) -> SubmissionDeadline:
    """The centre sets the date by which every collecting agency must submit its account."""
    _coordinator(actor)
    return SubmissionDeadline.objects.create(due_on=due_on, title=title, set_by=actor)


# --- Payment requests ----------------------------------------------------------------------


def approved_account(agency: Agency) -> FeeAccount | None:
    """The account that collects for the agency: charges first (most procedures' fees are
    lệ phí), else fees. Only an approved account is ever returned."""
    accounts = {
        a.purpose: a
        for a in FeeAccount.objects.filter(agency=agency, status=AccountStatus.APPROVED)
    }
    return accounts.get(Purpose.CHARGES) or accounts.get(Purpose.FEES)


def _payload(dossier: Dossier, account: FeeAccount, amount: int) -> str:
    return vietqr.build(
        vietqr.Payment(
            bank_bin=account.bank_bin,
            account=account.account_number,
            amount=amount,
            purpose=dossier.code,  # 24 characters: the note carries the whole code
            merchant_name=account.account_name,
        )
    )


def _values(dossier: Dossier) -> dict[str, Any]:
    account = approved_account(dossier.handling_agency)
    return {
        "amount_vnd": dossier.fee_amount_vnd,
        "account": account,
        "payload": _payload(dossier, account, dossier.fee_amount_vnd) if account else "",
        "status": RequestStatus.PENDING if account else RequestStatus.NO_ACCOUNT,
    }


def prepare_payment_request(dossier: Dossier) -> None:
    """Make, refresh or remove the dossier's payment request from its fee: called by intake and
    by fee assessment inside their transaction (the dossier's row is locked), never by a read.
    A fee assessed to nothing (an exemption) removes the unpaid request."""
    request = PaymentRequest.objects.filter(dossier=dossier).first()
    if request is not None and request.status == RequestStatus.PAID:
        return
    if dossier.fee_amount_vnd == 0:
        if request is not None:
            request.delete()
        return
    values = _values(dossier)
    if request is None:
        PaymentRequest.objects.create(dossier=dossier, created_at=clock.now(), **values)
        return
    for key, value in values.items():
        setattr(request, key, value)
    request.save()


def payment_request(dossier: Dossier) -> PaymentRequest:
    """Return the dossier's payment request as the payer sees it now; reads only.

    Raises NoFee when there is nothing to pay: no fee (or exempted), or the dossier was refused,
    withdrawn or closed. A paid request is returned (for its receipt) and is not payable. While
    unpaid, the payee account shown is the competent agency's approved account of today.
    """
    request = PaymentRequest.objects.filter(dossier=dossier).select_related("account").first()
    if request is not None and request.status == RequestStatus.PAID:
        return request
    if dossier.fee_amount_vnd == 0 or dossier.status in NOT_PAYABLE:
        raise NoFee()
    values = _values(dossier)
    if request is None:  # a dossier received before requests were made at intake
        return PaymentRequest(dossier=dossier, created_at=clock.now(), **values)
    for key, value in values.items():  # shown, not saved: the account may have changed
        setattr(request, key, value)
    return request


def payable(request: PaymentRequest) -> bool:
    """Return whether the request can be paid now (a VietQR to scan, an order to open)."""
    return request.status == RequestStatus.PENDING and bool(request.payload)


# --- Recording payments --------------------------------------------------------------------


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


def _next_receipt_number(agency: Agency, year: int) -> int:
    ReceiptSequence.objects.bulk_create(
        [ReceiptSequence(agency=agency, year=year)], ignore_conflicts=True
    )
    ReceiptSequence.objects.filter(agency=agency, year=year).update(last=F("last") + 1)
    return ReceiptSequence.objects.get(agency=agency, year=year).last


def _order(request: PaymentRequest, payment: Payment) -> ReceiptOrder:
    """What the e-receipt provider is asked to issue; its key is the payment's own."""
    dossier = request.dossier
    return ReceiptOrder(
        key=f"{payment.provider}:{payment.reference}",
        issuer_name=dossier.handling_agency.name,
        issuer_tax_code=request.account.tax_code if request.account else "",
        payer_name=dossier.applicant.get("full_name", ""),
        payer_address=dossier.applicant.get("address", ""),
        dossier_code=dossier.code,
        content=f"Phí, lệ phí giải quyết thủ tục: {dossier.procedure_version.name}",
        amount_vnd=payment.amount_vnd,
        paid_at=payment.paid_at.isoformat(),
    )


def _receipt_pdf(request: PaymentRequest, payment: Payment, series: str, number: str) -> None:
    """Our signed PDF of the receipt: the provider's copy (series, number, lookup code), or
    the fallback while the provider is down, marked as such."""
    dossier = request.dossier
    agency = dossier.handling_agency
    local = timezone.localtime(payment.paid_at)
    account = request.account
    context = {
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": agency.name,
        "agency_name_plain": agency.name,
        "signer_name": agency.name,
        "number": payment.receipt_number,
        "place": "Hà Nội",
        "title": "Biên lai thu phí, lệ phí",
        "series": series,
        "receipt_no": number,
        "lookup_code": payment.receipt_lookup_code,
        "lookup_url": payment.receipt_lookup_url,
        "fallback": payment.receipt_fallback,
        "tax_code": account.tax_code if account else "",
        "payer": dossier.applicant.get("full_name", ""),
        "payer_address": dossier.applicant.get("address", ""),
        "code": dossier.code,
        "procedure_name": dossier.procedure_version.name,
        "amount": f"{payment.amount_vnd:,}".replace(",", "."),
        "amount_words": num2words(payment.amount_vnd, lang="vi").capitalize() + " đồng",
        "method": {
            "sandbox": "Chuyển khoản (thử nghiệm)",
            "bank-statement": "Chuyển khoản",
            CASH: "Tiền mặt, nộp tại quầy",
        }.get(payment.provider, "Thanh toán trực tuyến"),
        "reference": payment.reference,
        "paid_line": f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}",
        "signer_title": "Đơn vị thu",
    }
    draft = issuing.Draft(
        DocumentKind.PAYMENT_RECEIPT,
        dossier.code,
        agency,
        "documents/pdf/payment_receipt.html",
        context,
        "Biên lai thu phí, lệ phí",
    )
    payment.receipt = issuing.issue(draft, actor=None)


def _from_provider(payment: Payment, issued: IssuedReceipt) -> None:
    payment.receipt_series, payment.receipt_lookup_code = issued.series, issued.lookup_code
    payment.receipt_lookup_url = issued.lookup_url[:300]
    payment.receipt_number = f"{issued.series}/{issued.number}"[:30]
    payment.receipt_fallback = False


def _receipt(request: PaymentRequest, payment: Payment) -> None:
    """Issue the e-receipt (biên lai điện tử) through the registered provider (DOMAIN N5). When
    it is down: our own receipt (series per agency and year, number from 1), marked as a
    fallback, and an outbox message that replaces it once the provider answers."""
    try:
        issued = connectors.receipt_provider().issue(_order(request, payment))
    except DeliveryFailed as exc:
        agency = request.dossier.handling_agency
        year = timezone.localtime(payment.paid_at).year
        number = _next_receipt_number(agency, year)
        series = f"BL-{year % 100:02d}"
        payment.receipt_number = f"{series}/{number:07d}"
        payment.receipt_fallback = True
        _receipt_pdf(request, payment, series, f"{number:07d}")
        logger.warning(
            "receipt_provider_down",
            extra={"dossier": request.dossier.code, "error": str(exc)[:200]},
        )
        return
    _from_provider(payment, issued)
    _receipt_pdf(request, payment, issued.series, issued.number)


def replace_fallback_receipt(message: OutboxMessage) -> None:
    """The outbox's delivery of a fallback receipt: ask the provider again; when it answers,
    its receipt replaces ours (the fallback PDF stays in the record); raise DeliveryFailed to
    be retried later."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update(of=("self",))
            .select_related("request__dossier", "request__account")
            .filter(pk=message.payload.get("payment"))
            .first()
        )
        if payment is None or not payment.receipt_fallback:
            return  # already replaced
        issued = connectors.receipt_provider().issue(_order(payment.request, payment))
        fallback = payment.receipt_number
        _from_provider(payment, issued)
        _receipt_pdf(payment.request, payment, issued.series, issued.number)
        payment.save()
        logger.info(
            "fallback_receipt_replaced",
            extra={"dossier": payment.request.dossier.code, "fallback": fallback},
        )


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
    _receipt(request, payment)
    payment.save()
    if payment.receipt_fallback:  # the outbox asks the provider again (replace_fallback_receipt)
        enqueue(routes.PAYMENT_RECEIPT, key=payment.reference, payload={"payment": payment.pk})
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
        receipt=payment.receipt_number,
    )
    if transfer.amount_vnd > due:
        outcome.reviews.append(_review(ReviewKind.OVERPAID, transfer, statement))
    outcome.paid.append(dossier.code)
    logger.info("payment_recorded", extra={"dossier": dossier.code, "provider": transfer.provider})


CASH = "cash"  # the provider of fees paid in cash at the counter
CASH_ROLES = {Role.RECEIVING_OFFICER, Role.HANDLING_OFFICER}


class NothingToCollect(Conflict):
    code = "nothing_to_collect"
    message = _("This dossier has no unpaid fee to collect.")


def cash_collectable(user: AbstractBaseUser, dossier: Dossier) -> bool:
    """Whether the user may take this dossier's fee in cash at the counter now (reads only)."""
    unpaid = dossier.fee_amount_vnd > 0 and not dossier.fee_paid_at
    return (
        unpaid
        and dossier.status not in NOT_PAYABLE
        and bool(dossier_selectors.roles_on(user, dossier) & CASH_ROLES)
    )


def paid_payment(dossier: Dossier) -> Payment | None:
    """The payment that settled the dossier's fee, with its e-receipt, if any."""
    return (
        Payment.objects.filter(request__dossier=dossier, receipt__isnull=False)
        .select_related("receipt")
        .order_by("paid_at")
        .first()
    )


@transaction.atomic(durable=True)
def record_cash(
    dossier: Dossier, *, actor: AbstractBaseUser, expected_version: int | None = None
) -> Payment:
    """Record the assessed fee paid in cash at the counter, and issue its e-receipt.

    Only a receiving or handling official of the dossier collects; the whole assessed amount,
    once (a second try, or a fee paid online meanwhile, is refused: 409)."""
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
    _receipt(request, payment)
    payment.save()
    request.status, request.paid_vnd, request.paid_at = RequestStatus.PAID, payment.amount_vnd, now
    request.save()
    dossier_services.note_payment(
        locked,
        amount_vnd=payment.amount_vnd,
        provider=CASH,
        reference=payment.reference,
        receipt=payment.receipt_number,
        collected_by=actor.get_username(),
    )
    logger.info("cash_recorded", extra={"dossier": locked.code})
    return payment


class PortalPaymentUnsettled(Conflict):
    code = "portal_payment_unsettled"
    message = _(
        "The payment made on the national portal does not settle this dossier's fee; it is "
        "listed for review."
    )


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


def start_online_payment(dossier: Dossier, *, return_url: str) -> str:
    """Open an order at the national payment platform; return the page the payer goes to."""
    request = payment_request(dossier)
    if not payable(request):
        raise Conflict(_("This dossier cannot be paid online now."))
    return providers.provider("paygov").start(
        dossier_code=dossier.code, amount_vnd=request.amount_vnd, return_url=return_url
    )


# --- Provider callbacks --------------------------------------------------------------------


class CallbackReplayed(Conflict):
    code = "callback_replayed"
    message = _("This payment confirmation was already received.")


@transaction.atomic(durable=True)
def accept_callback(name: str, body: bytes, headers: Any) -> Outcome:
    """Record a provider's signed confirmation once; a replay is refused and changes nothing."""
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
