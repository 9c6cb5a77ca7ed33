"""Dates at the ends of the calendar (9999-12-31, 0001-01-01), impossible and garbage ones, in
every date filter and report period: the workspace's monitoring pages and report download, the
API's query parameters, the report command. Each is a clear 4xx (or form error) in Vietnamese
and English, never a 500 (issue 17, item 13)."""

from django.core.management import CommandError, call_command
from django.test import Client

import pytest

from tests.builders.dossiers import WARD_B, client_for, committee

DAYS = ["9999-12-31", "0001-01-01", "10000-01-01", "2026-02-30", "garbage", "-1", "2026-1-1x"]
MONTHS = ["9999-12", "9999-Q4", "0001-01", "0000-01", "10000-01", "2026-13", "2026-Q5", "garbage"]
MESSAGE = {"vi": "Chọn", "en": "between"}  # the period's bounds, named in the reader's language


def _browser(user, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def _pages(code: str) -> list[str]:
    base = "/workspace/monitoring"
    return [
        f"{base}/",
        f"{base}/ranking/",
        f"{base}/bottleneck/",
        f"{base}/units/{code}/",
        f"{base}/units/{code}/dossiers/",
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_date_filter_and_report_period_answers_a_clear_4xx(coordinator, language):
    code = committee(WARD_B).code
    centre = _browser(coordinator, language)
    api = client_for(coordinator)
    seen = []
    for url in _pages(code):
        for day in DAYS:
            for query in (f"start={day}", f"end={day}", f"start={day}&end={day}"):
                answer = centre.get(f"{url}?{query}")
                seen.append((url, query, answer.status_code))
                assert answer.status_code == 400, (url, query, answer.status_code)
                assert 'class="errorlist' in answer.content.decode(), (url, query)
        assert centre.get(f"{url}?start=2026-11-01&end=2026-11-30").status_code == 200, url
    for period in MONTHS:
        for fmt in ("xlsx", "pdf", "csv"):
            answer = centre.get(f"/workspace/monitoring/report/?period={period}&format={fmt}")
            assert answer.status_code == 400, (period, fmt, answer.status_code)
            assert MESSAGE[language] in answer.content.decode() or "YYYY" in answer.content.decode()
    for day in DAYS:
        for url, names in (
            ("/api/v1/indicators/", ("from", "to")),
            ("/api/v1/indicators.csv", ("from", "to")),
            ("/api/v1/payments/report/", ("start", "end")),
        ):
            for name in names:
                answer = api.get(url, {name: day}, HTTP_ACCEPT_LANGUAGE=language)
                assert 400 <= answer.status_code < 500, (url, name, day, answer.status_code)
                if answer.status_code == 400:
                    assert answer.json()["error"]["message"], (url, name, day)
    assert seen


@pytest.mark.parametrize("period", MONTHS)
def test_the_report_command_refuses_an_impossible_period_with_a_message(db, period, tmp_path):
    with pytest.raises(CommandError):
        call_command("monitoring", "report", "--period", period, "--output", tmp_path / "r.xlsx")
