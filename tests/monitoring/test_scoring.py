"""Decision 766 scoring on counters worked out by hand (no database)."""

import pytest

from motcua.monitoring import scoring
from motcua.monitoring.indicators import Indicators, percentile_hours, rate
from motcua.monitoring.models.rollups import COUNTERS


def counters(**values: int) -> dict[str, int]:
    return {**dict.fromkeys(COUNTERS, 0), **values}


@pytest.mark.parametrize(
    ("ratio", "max_points", "threshold", "expected"),
    [
        (None, 6, 80, 0.0),  # nothing to count: no points
        (80.0, 4, 80, 4.0),  # at the threshold: full points
        (95.0, 4, 80, 4.0),
        (40.0, 4, 80, 2.0),  # half the threshold: half the points
        (66.67, 20, None, 13.33),  # no threshold: proportional to 100 %
        (100.0, 6, None, 6.0),
    ],
)
def test_points_follow_the_threshold_rule(ratio, max_points, threshold, expected):
    assert scoring.points(ratio, max_points, threshold) == expected


def test_a_unit_scored_by_hand():
    # 200 received (120 online, 50 fully online of 100 eligible), 150 ended: 120 in time
    # (80 early, 40 on time), 30 late; 40 open within the limit, 10 past it; 60 fee-bearing,
    # 45 paid online; 130 approved with 117 electronic results; 150 digitised, 170 reused,
    # 20 from the wallet, 180 with population data; 15 of 150 ended were disliked; 10
    # complaints, 8 answered on time (or open within the limit), 3 late, repeated or not
    # to the filer's satisfaction.
    c = counters(
        received=200,
        received_online=120,
        full_online_eligible=100,
        fully_online=50,
        finished=150,
        finished_early=80,
        finished_on_time=40,
        finished_late=30,
        open_on_time=40,
        open_overdue=10,
        fee_bearing=60,
        paid_online=45,
        approved=130,
        results_digitised=117,
        digitised=150,
        reused=170,
        from_wallet=20,
        population_data=180,
        rated=50,
        rating_sum=200,
        disliked=15,
        complaints=10,
        complaints_on_time=8,
        complaints_unsatisfactory=3,
    )

    score = scoring.score(c)

    lines = {line.rule.code: (line.ratio, line.points) for line in score.lines}
    assert lines["2.1"] == (80.0, 16.0)  # (120 + 40) ÷ 200 → 20 × 0.8
    assert lines["3.x"] == (50.0, 6.0)  # 12 × 0.5
    assert lines["3.3"] == (60.0, 0.0)  # tracked, no points
    assert lines["3.6"] == (75.0, 4.5)  # 6 × 0.75
    assert lines["4.1"] == (90.0, 5.4)  # 6 × 0.9
    assert lines["4.2"] == (75.0, 3.75)  # under the 80 % threshold: 4 × 75 ÷ 80
    assert lines["4.3"] == (85.0, 2.0)  # above 80 %: full
    assert lines["4.4"] == (10.0, 0.4)
    assert lines["4.5b"] == (90.0, 1.8)
    assert lines["5.4"] == (70.0, 4.67)  # 100 − (20 % late + 10 % disliked): 6 × 70 ÷ 90
    assert lines["5.2"] == (80.0, 4.8)  # 6 × 0.8
    assert lines["5.3"] == (70.0, 4.2)  # (10 − 3) ÷ 10
    assert score.total == 53.52
    assert score.group_points("progress") == 16.0
    assert score.group_points("digitisation") == 13.35
    assert score.group_points("transparency") == 0
    assert sum(top for _name, top in scoring.GROUPS.values()) == 100
    assert sum(rule.max_points for rule in scoring.RULES) == 100


def test_rates_and_percentiles():
    assert rate(1, 3) == 33.33
    assert rate(0, 0) is None
    # 10 dossiers: 5 within 2 h, 4 within 16 h, 1 longer than 480 h
    buckets = counters(h1=5, h4=4, h14=1)
    assert percentile_hours(buckets, 0.5) == 2
    assert percentile_hours(buckets, 0.9) == 16
    assert percentile_hours(buckets, 0.95) is None  # in the open last bucket
    assert Indicators.of(counters()).as_dict()["average_processing_days"] is None
