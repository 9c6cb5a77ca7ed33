from datetime import date

from django.utils import translation

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.identity.idnumbers import (
    PLACE_CODES,
    id_number_problem,
    make_id_number,
    mask_id_number,
)
from motcua.identity.organisations import enterprise_code_problem, make_enterprise_code


@pytest.mark.parametrize(
    ("number", "born", "sex"),
    [
        ("001090012345", date(1990, 5, 1), "male"),
        ("079305000001", date(2005, 1, 1), "female"),
        ("001999123456", date(1899, 1, 1), "female"),
    ],
)
def test_valid_numbers_pass(number, born, sex):
    assert id_number_problem(number, born_on=born, sex=sex) is None


@pytest.mark.parametrize(
    ("number", "born", "sex", "rule"),
    [
        ("00109001234", None, None, "format"),
        ("00109001234a", None, None, "format"),
        ("003090012345", None, None, "place_code"),  # 003 was never a province code
        ("001290012345", date(1990, 1, 1), None, "century"),
        ("001091012345", date(1990, 1, 1), None, "year"),
        ("001090012345", date(1990, 1, 1), "female", "sex"),
    ],
)
def test_each_rule_of_domain_i5_is_named(number, born, sex, rule):
    assert id_number_problem(number, born_on=born, sex=sex).rule == rule


def test_the_rule_is_told_in_vietnamese_and_english():
    problem = id_number_problem("003090012345")

    with translation.override("vi"):
        assert problem.render() == "003 không phải mã tỉnh, thành phố."
    with translation.override("en"):
        assert problem.render() == "003 is not a province code."


def test_there_are_63_place_codes_and_masking_keeps_the_last_four():
    assert len(PLACE_CODES) == 63
    assert mask_id_number("001090012345") == "********2345"


@given(
    born=st.dates(min_value=date(1800, 1, 1), max_value=date(2299, 12, 31)),
    sex=st.sampled_from(["male", "female"]),
    place=st.sampled_from(sorted(PLACE_CODES)),
    serial=st.integers(min_value=0, max_value=999_999),
)
def test_numbers_made_from_a_birth_date_and_sex_round_trip(born, sex, place, serial):
    number = make_id_number(born_on=born, sex=sex, place=place, serial=serial)
    other_sex = "female" if sex == "male" else "male"

    assert id_number_problem(number, born_on=born, sex=sex) is None
    assert id_number_problem(number, born_on=born, sex=other_sex).rule == "sex"
    assert number[4:6] == f"{born.year % 100:02d}"


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("0101248141", True),
        ("0101248141-001", True),
        ("0101248141001", True),
        ("0100109106", True),
        ("0101234567", False),  # the check digit would be 5
        ("0101248141-000", False),
        ("0101248141-01", False),
        ("01012345", False),
        ("01012345ab", False),
    ],
)
def test_enterprise_codes_have_10_or_13_digits_and_a_check_digit(code, valid):
    assert (enterprise_code_problem(code) is None) is valid


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_a_made_enterprise_code_passes_and_any_other_last_digit_fails(first_nine):
    try:
        code = make_enterprise_code(first_nine)
    except ValueError:
        return  # no code starts with these nine digits
    assert enterprise_code_problem(code) is None
    wrong = f"{first_nine}{(int(code[9]) + 1) % 10}"
    assert enterprise_code_problem(wrong).rule == "enterprise_check_digit"
