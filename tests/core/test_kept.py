"""Kept values (core.kept): within `stamps_read_once` (one intake) the stamps of every kept
value are read with one key read."""

from datetime import date

from django.core.cache import caches

import pytest

from motcua.catalog import fees
from motcua.catalog.models import FeeRule
from motcua.core import kept
from motcua.integrations import selectors

pytestmark = [pytest.mark.kept_values, pytest.mark.django_db]
DAY = date(2026, 12, 7)


def test_in_a_block_the_stamps_of_all_kept_values_are_one_key_read(django_assert_num_queries):
    fees.rules_on(DAY), selectors.subscribers("dossier.received")  # loaded

    with django_assert_num_queries(1), kept.stamps_read_once():
        fees.rules_on(DAY)
        selectors.subscribers("dossier.received")
        fees.rules_on(DAY)
    with django_assert_num_queries(2):  # outside a block: a key read each
        fees.rules_on(DAY)
        selectors.subscribers("dossier.received")


def test_another_process_s_change_during_a_block_is_seen_at_the_next_one():
    rule = FeeRule.objects.create(name="Thử", legal_source="Thử", reason="thử", effective_from=DAY)

    with kept.stamps_read_once():
        assert rule.pk in [r.pk for r in fees.rules_on(DAY)]
        FeeRule.objects.filter(pk=rule.pk).update(effective_from=date(2027, 1, 1))
        caches["shared"].set(fees._RULES.key, "moved by another process", timeout=None)
        assert rule.pk in [r.pk for r in fees.rules_on(DAY)]  # as if the block ran first
    with kept.stamps_read_once():
        assert rule.pk not in [r.pk for r in fees.rules_on(DAY)]


def test_a_change_made_here_during_a_block_is_seen_at_once():
    rule = FeeRule.objects.create(name="Thử", legal_source="Thử", reason="thử", effective_from=DAY)

    with kept.stamps_read_once():
        assert rule.pk in [r.pk for r in fees.rules_on(DAY)]
        rule.delete()
        assert rule.pk not in [r.pk for r in fees.rules_on(DAY)]


def test_a_lost_stamp_is_made_anew_in_a_block():
    fees.rules_on(DAY)
    caches["shared"].delete(fees._RULES.key)

    with kept.stamps_read_once():
        fees.rules_on(DAY)

    assert caches["shared"].get(fees._RULES.key)
