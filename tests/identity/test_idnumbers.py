from datetime import date

from django.utils import translation

import pytest

from motcua.identity.idnumbers import PLACE_CODES, id_number_problem, mask_id_number


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
