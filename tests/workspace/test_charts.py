"""The SVG charts write their figures as the page's language does, as the tables beside them."""

from django.utils import translation

import pytest

from motcua.workspace import charts


@pytest.mark.parametrize(("language", "shown"), [("vi", "30,3%"), ("en", "30.3%")])
def test_a_bar_writes_its_value_in_the_pages_notation(language, shown):
    with translation.override(language):
        svg = charts.bars("t", "Title", "Desc", [("Ngọc Hà", 30.3), ("Ba Đình", 100.0)], unit="%")

    assert f">{shown}</text>" in svg
    assert ">100%</text>" in svg  # no trailing zero


@pytest.mark.parametrize(("language", "tick"), [("vi", "2,5"), ("en", "2.5")])
def test_the_value_axis_of_a_line_chart_is_in_the_pages_notation(language, tick):
    with translation.override(language):
        svg = charts.lines("t", "Title", "Desc", ["01/12", "02/12"], [charts.Series("A", [4, 9])])

    assert f">{tick}</text>" in svg  # the axis of 0 to 10 in quarters
    assert ">7,5</text>" in svg if language == "vi" else ">7.5</text>" in svg
