"""What a fee line costs on a channel, on a day, for an applicant group: the one place that
applies the fee rules (DOMAIN F1, N5; Resolution 77/2025/NQ-HĐND)."""

from datetime import date
from typing import Any

from django.db.models.signals import post_delete, post_save

from motcua.catalog.models import Fee, FeeRule
from motcua.core.kept import Kept

# A dossier's channel (dossiers.Channel) → the catalog's filing channel of a fee line or rule.
FILING_CHANNEL = {"online": "online", "counter": "in_person", "postal": "post"}


def _all_rules() -> list[FeeRule]:
    return list(FeeRule.objects.order_by("pk"))


# The rules are few and change only by a curator's edit: each process keeps them all, read
# again when one is saved or deleted anywhere (core.kept: a version stamp in the shared cache).
_RULES = Kept("catalog.fee_rules", _all_rules)
post_save.connect(_RULES.changed, sender=FeeRule, dispatch_uid="kept-fee-rules-save")
post_delete.connect(_RULES.changed, sender=FeeRule, dispatch_uid="kept-fee-rules-delete")


def rules_on(day: date) -> list[FeeRule]:
    """The fee rules in force on `day`, in the order they were made."""
    return [
        rule
        for rule in _RULES.get()
        if rule.effective_from <= day
        and (rule.effective_until is None or rule.effective_until >= day)
    ]


def _covers(rule: FeeRule, fee: Fee, channel: str, group: str) -> bool:
    return (
        rule.channel in ("", FILING_CHANNEL.get(channel, channel))
        and rule.set_by in ("", fee.set_by)
        and (not rule.procedures or fee.version.procedure.code in rule.procedures)
        and rule.group in ("", group)
        and not any(word.lower() in fee.name.lower() for word in rule.excluded_words)
    )


def price(
    fee: Fee,
    *,
    channel: str,
    on: date,
    group: str = "",
    amount_vnd: int | None = None,
    rules: list[FeeRule] | None = None,
) -> dict[str, Any]:
    """The amount of `fee` for a dossier filed on `channel` on `on` by an applicant of `group`,
    and the rule that set it: {"amount_vnd", "rule"}; `rule` is None when no rule applies.

    `amount_vnd` is the base (an official's confirmed amount; default the catalog's). The rule
    most favourable to the applicant wins. An amount that stays unknown (unverified, not yet
    confirmed) is None: it is never asked for, unless a rule waives it whole."""
    base = fee.amount_vnd if amount_vnd is None else amount_vnd
    if amount_vnd is None and not fee.collectable:
        base = None
    best: tuple[int | None, FeeRule | None] = (base, None)
    for rule in rules_on(on) if rules is None else rules:
        if not _covers(rule, fee, channel, group):
            continue
        if rule.percent_off >= 100:
            amount: int | None = 0
        elif base is None:
            continue
        else:
            amount = base - base * rule.percent_off // 100
        if best[0] is None or amount < best[0] or (amount == best[0] and best[1] is None):
            best = (amount, rule)
    amount, rule = best
    if rule is not None and base is not None and amount == base:
        rule = None  # nothing changed: no reason to print
    return {"amount_vnd": amount, "rule": snapshot(rule) if rule else None}


def snapshot(rule: FeeRule) -> dict[str, Any]:
    """What a dossier keeps of the rule that applied at filing (DOMAIN C2): its words, not a
    reference that a later edit could change."""
    return {
        "id": rule.pk,
        "name": rule.name,
        "legal_source": rule.legal_source,
        "reason": rule.reason,
        "percent_off": rule.percent_off,
        "kind": rule.kind,
        "effective_from": rule.effective_from.isoformat(),
    }
