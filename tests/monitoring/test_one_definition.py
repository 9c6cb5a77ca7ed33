"""One definition of each figure: the monthly report PDF, the unit's dashboard page and
/api/v1/indicators/ give the same percentages for the same period and unit, each with its
formula (Decision 766 indicator 2.1 for the on-time rate)."""

import re

from django.test import Client

from motcua.monitoring import reports, selectors
from tests.builders.dossiers import WARD_B, client_for, committee
from tests.builders.papers import assert_inside, lines_of, pages, text_of
from tests.monitoring.test_indicators import ward_b_scope

NUMBER = r"(\d+(?:,\d+)?|—)"


def _vi(value: float | None) -> str:
    """A rate as the Vietnamese pages and papers print it (decimal comma)."""
    return "—" if value is None else str(value).replace(".", ",")


def test_the_report_the_dashboard_and_the_api_give_the_same_rates(month, coordinator, tmp_path):
    agency = committee(WARD_B)
    api = (
        client_for(coordinator)
        .get(f"/api/v1/indicators/?agency={agency.code}&from=2026-11-01&to=2026-11-30")
        .json()
    )
    api_rate = api["totals"]["on_time_rate"]
    api_lines = {i["code"]: i["rate"] for i in api["totals"]["score_766"]["indicators"]}
    assert api_rate == api_lines["2.1"] == 66.67  # (3 in time + 1 within the limit) ÷ 6

    browser = Client(HTTP_ACCEPT_LANGUAGE="vi")
    browser.force_login(coordinator)
    html = browser.get(
        f"/workspace/monitoring/units/{agency.code}/?start=2026-11-01&end=2026-11-30"
    ).content.decode()
    figure = re.search(
        r'<span class="value">' + NUMBER + r"%</span><span class=\"label\">"
        r"Giải quyết trước hạn, đúng hạn",
        html,
    )
    line = re.search(
        r'<th scope="row">2\.1</th><td>[^<]*<span class="formula">[^<]*</span>'
        r'</td><td class="num">' + NUMBER,
        html,
    )
    assert figure is not None
    assert line is not None
    assert figure[1] == line[1] == _vi(api_rate)
    assert (
        "(số hồ sơ đã giải quyết trước hạn, đúng hạn + số hồ sơ đang giải quyết trong hạn)" in html
    )

    scope = selectors.scope_for(
        None, start=ward_b_scope().start, end=ward_b_scope().end, agency=agency.code
    )
    found = pages(reports.to_pdf(reports.build(scope)), tmp_path)
    assert len(found) == 2  # one unit: section I and the 766 table, the signature on page 2
    assert_inside(found)
    text_lines = lines_of(found)
    total = next(li for li in text_lines if li.startswith("Tổng cộng"))
    indicator = next(li for li in text_lines if li.startswith("2.1 "))
    assert total.split()[-2] == _vi(api_rate)  # section I, beside the 766 points
    assert indicator.split()[-3] == _vi(api_rate)  # section II: rate, points, maximum
    assert "số hồ sơ đang giải quyết trong hạn" in text_of(found)  # the formula, printed
    for code, rate in api_lines.items():
        row = next(li for li in text_lines if li.startswith(f"{code} "))
        if rate is not None:
            assert _vi(rate) in row.split(), (code, row)
