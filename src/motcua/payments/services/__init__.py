"""Payments' services (issue 20 item 6): accounts, payment requests, settlement and receipts.

Each public function is one transaction. The errors are in `motcua.payments.errors`; they are
named here too, so that callers keep one import.
"""

from motcua.payments.errors import CallbackReplayed, InvalidAccount, NoFee, NothingToCollect
from motcua.payments.services.accounts import (
    ACCOUNT_OFFICIALS,
    approve_account,
    banks,
    register_account,
    return_account,
    set_deadline,
)
from motcua.payments.services.receipts import (
    CASH,
    deliver_receipt,
    issue_receipts,
    paid_payment,
)
from motcua.payments.services.requests import (
    NOT_PAYABLE,
    approved_account,
    payable,
    payment_request,
    prepare_payment_request,
    start_online_payment,
)
from motcua.payments.services.settlement import (
    CASH_ROLES,
    Outcome,
    Transfer,
    accept_callback,
    cash_collectable,
    record_cash,
    record_transfer,
    resolve_review,
    sandbox_confirmation,
    settle,
    settle_portal_payment,
)

__all__ = [
    "ACCOUNT_OFFICIALS",
    "CASH",
    "CASH_ROLES",
    "NOT_PAYABLE",
    "CallbackReplayed",
    "InvalidAccount",
    "NoFee",
    "NothingToCollect",
    "Outcome",
    "Transfer",
    "accept_callback",
    "approve_account",
    "approved_account",
    "banks",
    "cash_collectable",
    "deliver_receipt",
    "issue_receipts",
    "paid_payment",
    "payable",
    "payment_request",
    "prepare_payment_request",
    "record_cash",
    "record_transfer",
    "settle_portal_payment",
    "register_account",
    "resolve_review",
    "return_account",
    "sandbox_confirmation",
    "set_deadline",
    "settle",
    "start_online_payment",
]
