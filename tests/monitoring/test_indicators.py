"""The indicator formulas over the hand-built month (tests/builders/month.py)."""

from datetime import date

from motcua.geography.models import Agency
from motcua.monitoring import scoring, selectors
from tests.builders.dossiers import WARD_B

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def ward_b_scope(start: date = NOVEMBER[0], end: date = NOVEMBER[1]) -> selectors.Scope:
    return selectors.scope_for(None, start=start, end=end, unit=WARD_B)


def test_the_months_indicators_and_766_points_are_the_hand_computed_ones(month):
    totals = selectors.totals(ward_b_scope())
    indicators = totals.as_dict()

    assert indicators["received"] == 6
    assert indicators["received_by_channel"] == {"online": 1, "counter": 5, "postal": 0}
    assert indicators["finished"] == 4
    assert (indicators["resolved_early"], indicators["resolved_on_time"]) == (2, 1)
    assert indicators["resolved_late"] == 1
    # Decision 766, 2.1: (3 ended in time + D6 within the limit) ÷ (4 ended + D5 + D6)
    assert indicators["on_time_rate"] == 66.67
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

    score = scoring.score(totals.counters)
    points = {line.rule.code: line.points for line in score.lines}
    # 2.1: (2 early + 1 on time + 1 open within the limit) ÷ (4 ended + 2 open) = 66.67 %
    assert points["2.1"] == 13.33
    assert points["3.x"] == 2.0  # 1 of 6 full-online dossiers: 16.67 % of 12
    assert points["3.6"] == 0.0
    assert (points["4.1"], points["4.2"], points["4.3"], points["4.4"]) == (6.0, 4.0, 2.0, 0.0)
    assert points["4.5b"] == 2.0  # every dossier used the population database
    # 5.4: 100 − (25 % late + 25 % disliked) = 50 %, under the 90 % threshold: 50 × 6 ÷ 90
    assert points["5.4"] == 3.33
    # 5.2 and 5.3: no complaint in the month, full points (test_complaint_indicators.py)
    assert (points["5.2"], points["5.3"]) == (6.0, 6.0)
    assert points["1.1"] is None  # not measured here
    assert score.total == 44.66
    assert score.measurable == 80  # 1.4 from the reconciliation with the national portal

    # received figures count on the day of receipt, ended ones on the day they ended
    first_day = selectors.totals(ward_b_scope(date(2026, 11, 2), date(2026, 11, 2))).counters
    assert (first_day["received"], first_day["finished"], first_day["finished_early"]) == (3, 1, 1)
    # a period across months reads whole months from the monthly rollup, the rest by day
    across = selectors.totals(ward_b_scope(date(2026, 10, 15), date(2026, 12, 10))).counters
    assert across == totals.counters

    rows = selectors.by_agency(selectors.scope_for(None, start=NOVEMBER[0], end=NOVEMBER[1]))
    ward_b = Agency.objects.get(role="commune_committee", unit__code=WARD_B)
    assert [(r.rank, r.agency, r.score.total) for r in rows] == [(1, ward_b, 44.66)]

    trend = selectors.trend(ward_b_scope())
    assert len(trend) == 30  # every day of the month, gaps as zeros
    assert (trend[1].label, trend[1].received, trend[1].finished) == ("02/11", 3, 1)
    assert (trend[2].received, trend[2].finished, trend[2].in_time) == (1, 2, 1)  # D4; D2 late


def test_a_procedure_narrows_the_figures_to_its_dossiers(month):
    birth = selectors.scope_for(
        None, start=NOVEMBER[0], end=NOVEMBER[1], unit=WARD_B, procedure="1.001193"
    )
    other = selectors.scope_for(
        None, start=NOVEMBER[0], end=NOVEMBER[1], unit=WARD_B, procedure="1.001766"
    )

    assert selectors.totals(birth).counters["received"] == 6
    assert selectors.totals(other).counters["received"] == 0
    procedures = selectors.by_procedure(birth)
    assert [(p.code, p.indicators["received"]) for p in procedures] == [("1.001193", 6)]
    assert [f.indicators["finished"] for f in selectors.by_field(procedures)] == [4]
