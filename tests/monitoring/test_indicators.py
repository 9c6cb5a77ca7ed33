"""The indicator formulas over the hand-built month (tests/monitoring/conftest.py)."""

from datetime import date

from motcua.geography.models import Agency
from motcua.monitoring import scoring, selectors
from tests.dossiers.conftest import WARD_B

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def ward_b_scope():
    return selectors.scope_for(None, start=NOVEMBER[0], end=NOVEMBER[1], unit=WARD_B)


def test_indicators_of_the_month_are_the_hand_computed_ones(month):
    indicators = selectors.totals(ward_b_scope()).as_dict()

    assert indicators["received"] == 6
    assert indicators["received_by_channel"] == {"online": 1, "counter": 5, "postal": 0}
    assert indicators["finished"] == 4
    assert (indicators["resolved_early"], indicators["resolved_on_time"]) == (2, 1)
    assert indicators["resolved_late"] == 1
    assert indicators["on_time_rate"] == 75.0  # 3 of 4
    assert indicators["in_progress_on_time"] == 1  # D6
    assert indicators["in_progress_overdue"] == 1  # D5, due 6/11
    # 5 + 9 + 2 + 1 working hours over 4 dossiers, in 8-hour working days
    assert indicators["average_processing_days"] == 0.53
    assert indicators["median_processing_days"] == 0.25  # the 2-hour bucket
    assert indicators["p90_processing_days"] == 2.0  # the 9 hours fall in the ≤ 16 h bucket
    assert indicators["supplementation_rate"] == 16.67  # 1 of 6
    assert indicators["refusal_rate"] == 25.0  # 1 of 4 ended
    assert indicators["online_share"] == 16.67
    assert indicators["fully_online_share"] == 16.67  # D2: online, result online, no fee
    assert indicators["boundary_free_share"] == 16.67  # D1, received at ward A
    assert indicators["online_payment_share"] is None  # no fee-bearing dossier
    assert indicators["digitised_share"] == 100.0
    assert indicators["results_digitised_share"] == 100.0  # 3 signed results of 3 approved
    assert indicators["satisfaction"] == {"ratings": 2, "average": 3.5, "disliked_share": 50.0}


def test_decision_766_points_of_the_month(month):
    totals = selectors.totals(ward_b_scope())

    score = scoring.score(totals.counters)

    points = {line.rule.code: line.points for line in score.lines}
    # 2.1: (2 early + 1 on time + 1 open within the limit) ÷ (4 ended + 2 open) = 66.67 %
    assert points["2.1"] == 13.33
    assert points["3.x"] == 2.0  # 1 of 6 full-online dossiers: 16.67 % of 12
    assert points["3.6"] == 0.0
    assert points["4.1"] == 6.0
    assert points["4.2"] == 4.0
    assert points["4.3"] == 2.0
    assert points["4.4"] == 0.0
    assert points["4.5b"] == 2.0
    # 5.4: 100 − (25 % late + 25 % disliked) = 50 %, under the 90 % threshold: 50 × 6 ÷ 90
    assert points["5.4"] == 3.33
    assert points["1.1"] is None  # not measured here
    assert score.total == 32.66
    assert score.measurable == 62


def test_the_days_split_received_and_ended_figures(month):
    first_day = selectors.scope_for(
        None, start=date(2026, 11, 2), end=date(2026, 11, 2), unit=WARD_B
    )

    counters = selectors.totals(first_day).counters

    assert counters["received"] == 3  # D1, D2, D3
    assert counters["finished"] == 1  # D1
    assert counters["finished_early"] == 1


def test_ranking_puts_the_unit_with_dossiers_first(month):
    rows = selectors.by_agency(selectors.scope_for(None, start=NOVEMBER[0], end=NOVEMBER[1]))

    assert [r.agency for r in rows] == [
        Agency.objects.get(role="commune_committee", unit__code=WARD_B)
    ]
    assert rows[0].rank == 1
    assert rows[0].score.total == 32.66
