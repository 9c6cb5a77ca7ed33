"""The webhook subscribers and the fee rules are kept per process (core.kept): a change made
through `save` or `delete` is seen at once here, and by the other processes through the
version stamp in the shared cache."""

from datetime import date

from django.core.cache import caches
from django.utils import timezone

import pytest

from motcua.catalog import fees
from motcua.catalog.models import FeeRule
from motcua.identity.models import Membership
from motcua.identity.services import create_official
from motcua.integrations import selectors
from motcua.integrations.models import Subscription

pytestmark = [pytest.mark.kept_values, pytest.mark.django_db]


def another_process_changed(kept) -> None:
    """What another process's committed change leaves: a new stamp (its rows written here
    without signals, as that process's writes are not seen by this one's receivers)."""
    caches["shared"].set(kept.key, "moved by another process", timeout=None)


def subscription(owner, **extra) -> Subscription:
    return Subscription.objects.create(
        owner=owner, url="https://example.org/hook", secret="s", created_at=timezone.now(), **extra
    )


def test_the_subscribers_follow_subscriptions_memberships_and_accounts():
    system = create_official("he-thong", role="system")
    assert selectors.subscribers("dossier.received") == []

    first = subscription(system)  # saved here: seen at once
    typed = subscription(system, types=["dossier.status_changed"])
    assert selectors.subscribers("dossier.received") == [first]
    assert selectors.subscribers("dossier.status_changed") == [first, typed]

    system.is_active = False
    system.save(update_fields=["is_active"])
    assert selectors.subscribers("dossier.received") == []
    system.is_active = True
    system.save()
    assert selectors.subscribers("dossier.received") == [first]

    Membership.objects.get(user=system, role="system").delete()
    assert selectors.subscribers("dossier.received") == []


def test_another_process_s_change_is_seen_through_the_stamp():
    system = create_official("he-thong", role="system")
    first = subscription(system)
    assert selectors.subscribers("dossier.received") == [first]

    Subscription.objects.filter(pk=first.pk).update(types=["dossier.status_changed"])
    assert selectors.subscribers("dossier.received") == [first]  # kept: no stamp moved
    another_process_changed(selectors._SUBSCRIPTIONS)
    assert selectors.subscribers("dossier.received") == []

    caches["shared"].delete(selectors._SUBSCRIPTIONS.key)  # a stamp the cache lost
    Subscription.objects.filter(pk=first.pk).update(types=[])
    assert selectors.subscribers("dossier.received") == [first]


def test_a_sign_in_does_not_forget_the_subscribers(django_assert_num_queries):
    system = create_official("he-thong", role="system")
    subscription(system)
    selectors.subscribers("dossier.received")
    system.last_login = timezone.now()
    system.save(update_fields=["last_login"])
    with django_assert_num_queries(1):  # the stamp only
        selectors.subscribers("dossier.received")


@pytest.mark.parametrize("day", [date(2025, 12, 31), date(2026, 1, 1), date(2026, 12, 7)])
def test_the_fee_rules_of_a_day_are_those_in_force(day):
    in_force = FeeRule.objects.filter(effective_from__lte=day).exclude(effective_until__lt=day)

    assert [r.pk for r in fees.rules_on(day)] == sorted(in_force.values_list("pk", flat=True))


def test_a_fee_rule_edited_or_removed_is_seen():
    day = date(2026, 12, 7)
    before = [r.pk for r in fees.rules_on(day)]
    rule = FeeRule.objects.create(
        name="Thử",
        legal_source="Thử",
        reason="thử",
        effective_from=day,
        effective_until=day,
    )
    assert [r.pk for r in fees.rules_on(day)] == [*before, rule.pk]
    assert rule.pk not in [r.pk for r in fees.rules_on(date(2026, 12, 8))]

    rule.effective_until = date(2026, 12, 31)
    rule.save()
    assert rule.pk in [r.pk for r in fees.rules_on(date(2026, 12, 8))]
    FeeRule.objects.filter(pk=rule.pk).update(percent_off=50)
    another_process_changed(fees._RULES)
    assert next(r for r in fees.rules_on(day) if r.pk == rule.pk).percent_off == 50
    rule.delete()
    assert [r.pk for r in fees.rules_on(day)] == before
