"""E-receipts (biên lai điện tử) through the registered provider, our signed PDF as fallback."""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from num2words import num2words

from motcua.documents import services as issuing
from motcua.documents.models import DocumentKind
from motcua.dossiers.models import Dossier
from motcua.geography.models import Agency
from motcua.geography.selectors import province_name
from motcua.integrations import connectors, routes
from motcua.integrations.connectors.base import DeliveryFailed, IssuedReceipt, ReceiptOrder
from motcua.integrations.delivery import deliver_now
from motcua.integrations.models import OutboxMessage
from motcua.integrations.services import enqueue
from motcua.payments.models import (
    Payment,
    PaymentRequest,
    ReceiptSequence,
)

logger = logging.getLogger(__name__)


CASH = "cash"  # the provider of fees paid in cash at the counter


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
        "place": province_name(),
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


def _fallback(payment: Payment, error: str) -> None:
    """Our own receipt while the provider is down (series per agency and year, number from 1),
    marked as a fallback; inside the caller's transaction, the payment's row locked."""
    request = payment.request
    agency = request.dossier.handling_agency
    year = timezone.localtime(payment.paid_at).year
    number = _next_receipt_number(agency, year)
    series = f"BL-{year % 100:02d}"
    payment.receipt_number = f"{series}/{number:07d}"
    payment.receipt_fallback = True
    _receipt_pdf(request, payment, series, f"{number:07d}")
    payment.save()
    logger.warning(
        "receipt_provider_down", extra={"dossier": request.dossier.code, "error": error[:200]}
    )


def _locked(payment_id: int) -> Payment | None:
    return (
        Payment.objects.select_for_update(of=("self",))
        .select_related("request__dossier", "request__account")
        .filter(pk=payment_id)
        .first()
    )


def deliver_receipt(message: OutboxMessage) -> None:
    """The outbox's delivery of a payment's e-receipt (topic payment.receipt, DOMAIN N5).

    The provider is asked outside any transaction (no row lock is held while it answers, up to
    MOTCUA_RECEIPT_PROVIDER_TIMEOUT); the order's key is the payment's, so asking twice gives
    the same receipt. Its answer is written in a short transaction: the provider's receipt,
    or, replacing our fallback, the provider's (the fallback PDF stays in the record). When the
    provider is down and the payment has no receipt yet, our fallback is issued; DeliveryFailed
    is raised so that the outbox asks again later."""
    payment_id = message.payload.get("payment")
    payment = Payment.objects.select_related("request__dossier", "request__account").filter(
        pk=payment_id
    )
    found = payment.first()
    if found is None or (found.receipt_id and not found.receipt_fallback):
        return  # issued already (a resend, or a crash after the write)
    try:
        issued = connectors.receipt_provider().issue(_order(found.request, found))
    except DeliveryFailed as exc:
        with transaction.atomic():
            locked = _locked(payment_id)
            if locked is not None and locked.receipt_id is None:
                _fallback(locked, str(exc))
        raise
    with transaction.atomic():
        locked = _locked(payment_id)
        if locked is None or (locked.receipt_id and not locked.receipt_fallback):
            return
        fallback = locked.receipt_number if locked.receipt_fallback else ""
        _from_provider(locked, issued)
        _receipt_pdf(locked.request, locked, issued.series, issued.number)
        locked.save()
    if fallback:
        logger.info(
            "fallback_receipt_replaced",
            extra={"dossier": locked.request.dossier.code, "fallback": fallback},
        )


def request_receipt(payment: Payment) -> None:
    """Ask for the payment's e-receipt, inside the payment's transaction: an outbox message
    (crash-safe: the worker delivers it if nothing else does). `issue_receipts` delivers it
    right after the commit."""
    enqueue(routes.PAYMENT_RECEIPT, key=payment.reference, payload={"payment": payment.pk})


def issue_receipts(payment_ids: list[int]) -> None:
    """Deliver these payments' receipt messages now, after their transaction committed (the
    payer waits for the receipt); one the provider does not answer stays for the worker."""
    blocks = transaction.get_connection().atomic_blocks
    if any(not block._from_testcase for block in blocks):  # a test's own block is not ours
        raise RuntimeError("issue_receipts runs after the payment's transaction")
    messages = OutboxMessage.objects.filter(
        topic=routes.PAYMENT_RECEIPT,
        delivered_at__isnull=True,
        payload__payment__in=payment_ids,
    ).values_list("pk", flat=True)
    for message_id in list(messages):
        deliver_now(message_id)


def paid_payment(dossier: Dossier) -> Payment | None:
    """The payment that settled the dossier's fee, with its e-receipt, if any."""
    return (
        Payment.objects.filter(request__dossier=dossier, receipt__isnull=False)
        .select_related("receipt")
        .order_by("paid_at")
        .first()
    )
