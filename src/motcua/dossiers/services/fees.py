"""The dossier's fees: which lines of the schedule apply (DOMAIN F1), and payment (F3)."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog import fees as catalog_fees
from motcua.core import clock
from motcua.dossiers import preconditions
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.errors import AlreadyDone, InvalidDossier
from motcua.dossiers.services.fee_listeners import fee_set
from motcua.dossiers.services.processing import _act, _apply
from motcua.dossiers.workflow import Action


def assess_fee(
    dossier: Dossier,
    *,
    actor: AbstractBaseUser,
    expected_version: int | None = None,
    lines: list[dict[str, Any]],
) -> Dossier:
    """Set the fee from the lines of the schedule that apply, with their quantities (DOMAIN F1):
    e.g. late registration, or 2 extra copies; an empty list means no fee (an exemption)."""
    if not preconditions.can_assess_fee(dossier, clock.now()):
        raise AlreadyDone()
    schedule = {f.pk: f for f in dossier.procedure_version.fees.all()}
    chosen = []
    for index, line in enumerate(lines):
        fee = schedule.get(line["fee"])
        confirmed = line.get("confirmed_amount_vnd")
        if fee is None or (fee.amount_vnd is None and fee.collectable):
            raise InvalidDossier(
                fields={f"lines[{index}].fee": [_("This line is not in the fee schedule.")]}
            )
        if not fee.collectable and confirmed is None:
            # An unverified amount is never asked for: the official confirms it (who and when
            # are the assess-fee event's actor and time).
            message = _("The catalog marks this amount unverified: confirm the amount to collect.")
            raise InvalidDossier(fields={f"lines[{index}].confirmed_amount_vnd": [message]})
        # The fee rules of the filing day and channel apply to the line (DOMAIN C2, N5).
        priced = catalog_fees.price(
            fee,
            channel=dossier.channel,
            on=timezone.localdate(dossier.received_at),
            group=(dossier.fee_rule or {}).get("group", ""),
            amount_vnd=None if fee.collectable else confirmed,
        )
        amount = priced["amount_vnd"]
        entry = {"fee": fee.pk, "name": fee.name, **line, "amount_vnd": amount}
        if priced["rule"] is not None:
            entry["rule"] = priced["rule"]
        if not fee.collectable:
            entry |= {"confirmed": True, "catalog_amount_vnd": fee.amount_vnd}
        entry.pop("confirmed_amount_vnd", None)
        chosen.append(entry)

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        before = d.fee_amount_vnd
        d.fee_lines = chosen
        d.fee_amount_vnd = sum(c["amount_vnd"] * c["quantity"] for c in chosen)
        fee_set(d)  # the payment request follows, in this transaction
        return {"lines": chosen, "before_vnd": before, "amount_vnd": d.fee_amount_vnd}

    return _act(
        dossier, Action.ASSESS_FEE, actor=actor, expected_version=expected_version, change=change
    )


def note_payment(
    dossier: Dossier,
    *,
    amount_vnd: int,
    provider: str,
    reference: str,
    receipt: str,
    collected_by: str = "",
) -> Dossier:
    """Record that the dossier's fees are paid (the payments service, inside its transaction);
    `collected_by` is the official who took cash at the counter."""

    def change(d: Dossier, now: datetime) -> dict[str, Any]:
        d.fee_paid_at = now
        paid = {
            "amount_vnd": amount_vnd,
            "provider": provider,
            "reference": reference,
            "receipt": receipt,
        }
        return {**paid, "collected_by": collected_by} if collected_by else paid

    return _apply(dossier, Action.PAY, actor=None, expected_version=None, change=change)
