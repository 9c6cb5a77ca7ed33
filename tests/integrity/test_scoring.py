"""The broker score: a household is never a broker; many unrelated people across wards at
night are; every reason is given in Vietnamese and English."""

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.integrity import scoring


def assess(**kwargs):
    evidence = scoring.Evidence(**{"key_kind": "account", **kwargs})
    return evidence, scoring.assess(evidence)


def test_a_household_filing_at_night_is_not_flagged():
    evidence, found = assess(dossiers=6, applicants=3, units=1, active_days=2, odd_hours=6)

    assert not scoring.is_flagged(found, evidence, threshold=35, applicants=6)
    assert [r.code for r in found.reasons] == ["odd_hours", "pace"]


def test_many_unrelated_people_across_wards_at_night_is_flagged_with_its_reasons():
    evidence, found = assess(
        dossiers=12, applicants=12, units=4, active_days=6, odd_hours=6, troubled=6
    )

    assert scoring.is_flagged(found, evidence, threshold=35, applicants=6)
    assert found.score == 45 + 15 + 10 + 2
    assert [r.code for r in found.reasons] == ["applicants", "units", "odd_hours", "trouble"]


def test_the_reasons_read_in_vietnamese_and_english():
    _evidence, found = assess(dossiers=10, applicants=10, units=3, key_kind="phone")

    words = scoring.both_languages([r.as_json() for r in found.reasons])

    assert words[0]["vi"] == "Cùng một số điện thoại được dùng cho 10 người nộp khác nhau"
    assert words[0]["en"] == "The same phone number was given for 10 different applicants"
    assert words[1]["vi"] == "Trải trên 3 phường, xã"
    assert words[1]["en"] == "Spread across 3 wards or communes"


@settings(max_examples=60, deadline=None)
@given(
    dossiers=st.integers(1, 200),
    applicants=st.integers(1, 200),
    units=st.integers(1, 30),
    days=st.integers(1, 30),
    odd=st.integers(0, 200),
)
def test_the_score_stays_within_0_and_100_and_a_household_never_counts_as_many(
    dossiers, applicants, units, days, odd
):
    applicants, odd = min(applicants, dossiers), min(odd, dossiers)

    _e, found = assess(
        dossiers=dossiers, applicants=applicants, units=units, active_days=days, odd_hours=odd
    )

    assert 0 <= found.score <= 100
    assert found.score == sum(r.points for r in found.reasons) or found.score == 100
    counted = {r.code for r in found.reasons}
    assert ("applicants" in counted) == (applicants > scoring.FAMILY_SIZE)
