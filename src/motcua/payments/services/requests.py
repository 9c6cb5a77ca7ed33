"""A dossier's payment request: the payee account, the amount and its VietQR; online payment."""

import logging
from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import Conflict
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status
from motcua.geography.models import Agency
from motcua.payments import providers, vietqr
from motcua.payments.errors import NoFee
from motcua.payments.models import (
    AccountStatus,
    FeeAccount,
    PaymentRequest,
    Purpose,
    RequestStatus,
)

logger = logging.getLogger(__name__)


# A dossier refused, withdrawn or closed has nothing left to pay (a paid fee keeps its receipt).
NOT_PAYABLE = frozenset({Status.REJECTED, Status.WITHDRAWN, Status.CLOSED})


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


def start_online_payment(dossier: Dossier, *, return_url: str) -> str:
    """Open an order at the national payment platform; return the page the payer goes to."""
    request = payment_request(dossier)
    if not payable(request):
        raise Conflict(_("This dossier cannot be paid online now."))
    return providers.provider("paygov").start(
        dossier_code=dossier.code, amount_vnd=request.amount_vnd, return_url=return_url
    )
