"""What a fee line costs on a channel, on a day, for an applicant group: the one place that
applies the fee rules (DOMAIN F1, N5; Resolution 77/2025/NQ-HĐND)."""

from datetime import date
from typing import Any

from django.db.models import Q

from motcua.catalog.models import Fee, FeeRule

# A dossier's channel (dossiers.Channel) → the catalog's filing channel of a fee line or rule.
FILING_CHANNEL = {"online": "online", "counter": "in_person", "postal": "post"}


def rules_on(day: date) -> list[FeeRule]:
    """The fee rules in force on `day`."""
    return list(
        FeeRule.objects.filter(effective_from__lte=day).filter(
            Q(effective_until__isnull=True) | Q(effective_until__gte=day)
        )
    )


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
