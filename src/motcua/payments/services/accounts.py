"""Fee-collection accounts: an agency submits, the centre approves or returns (DOMAIN F2)."""

import json
import logging
import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, NotFound
from motcua.dossiers.models import Dossier
from motcua.geography.models import Agency
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.payments import vietqr
from motcua.payments.errors import InvalidAccount
from motcua.payments.models import (
    AccountStatus,
    FeeAccount,
    SubmissionDeadline,
)
from motcua.payments.services.requests import NOT_PAYABLE, prepare_payment_request

logger = logging.getLogger(__name__)


ACCOUNT_OFFICIALS = {Role.HANDLING_OFFICER, Role.APPROVER}


@cache
def banks() -> dict[str, dict[str, str]]:
    """The NAPAS member banks by BIN (payments/data/banks.json)."""
    text = resources.files("motcua.payments").joinpath("data/banks.json").read_text("utf-8")
    return {bank["bin"]: bank for bank in json.loads(text)["banks"]}


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
