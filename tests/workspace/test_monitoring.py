"""The monitoring pages over the hand-built month (tests/builders/month.py): the centre's
dashboard, ranking, drill-down to a unit and its dossiers, the bottleneck view, the reports;
the unit leader's own dashboard; who may open them."""

import io
import re

from django.test import Client

import time_machine
from openpyxl import load_workbook

from motcua.documents.signing import Verdict, overall, verify_pdf
from motcua.identity.services import create_official
from motcua.monitoring import services
from tests.builders.dossiers import WARD_A, WARD_B, act, client_for, committee
from tests.builders.month import at

NOV = "start=2026-11-01&end=2026-11-30"


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    assert 'style="' not in html  # CSP: no inline style, no inline script
    assert "<style" not in html
    assert "onclick" not in html
    assert len(response.content) < 300_000
    return html


def test_the_centre_drills_down_from_the_city_to_a_units_dossiers(month, coordinator):
    # read when the rollups were counted: the dossier list judges "overdue" by the clock
    with time_machine.travel(at(19, 16), tick=False):
        _drill_down(month, signed_in(coordinator))


def _drill_down(month, centre: Client) -> None:
    ward_b = committee(WARD_B)

    city = page(centre, f"/workspace/monitoring/?{NOV}")
    assert 'href="/workspace/monitoring/"' in city  # the menu offers it
    assert ward_b.name in city
    assert "44,66" in city  # the unit's Decision 766 points, in Vietnamese notation
    assert city.count("<svg") == 2
    assert "<title" in city
    assert "<desc" in city
    assert f"/workspace/monitoring/units/{ward_b.code}/" in city

    unit = page(centre, f"/workspace/monitoring/units/{ward_b.code}/?{NOV}")
    assert "13,33" in unit  # 2.1 on-time points
    assert "66,67" in unit  # resolved early or on time, as 766 2.1 defines it
    assert "1.001193" not in unit  # its procedures by name, not code

    overdue = page(
        centre, f"/workspace/monitoring/units/{ward_b.code}/dossiers/?{NOV}&state=overdue"
    )
    assert month.codes["d5"] in overdue
    assert month.codes["d6"] not in overdue
    late = page(centre, f"/workspace/monitoring/units/{ward_b.code}/dossiers/?{NOV}&state=late")
    assert month.codes["d2"] in late
    assert month.codes["d1"] not in late

    ranking = page(centre, f"/workspace/monitoring/ranking/?{NOV}")
    assert ward_b.name in ranking
    bottleneck = page(centre, f"/workspace/monitoring/bottleneck/?{NOV}")
    assert "Thủ tục đăng ký khai sinh" in bottleneck  # the procedure's name, not its code
    assert "1.001193" not in bottleneck
    assert re.search(r"\d+ (giờ|phút|ngày làm việc)", bottleneck)  # durations in words
    assert " h<" not in bottleneck
    overview = page(centre, "/workspace/overview/")
    assert "/workspace/monitoring/ranking/" in overview


def test_the_period_pickers_show_the_period_the_page_shows(month, coordinator):
    centre = signed_in(coordinator)

    with time_machine.travel(at(19, 16), tick=False):
        city = page(centre, "/workspace/monitoring/")

    assert 'name="start" value="2026-11-01"' in city  # the month to date, as the page says
    assert 'name="end" value="2026-11-19"' in city
    assert "Từ 01/11/2026 đến 19/11/2026" in city


def test_a_units_dossiers_say_how_many_without_a_dangling_separator(month, coordinator):
    ward_b = committee(WARD_B)

    with time_machine.travel(at(19, 16), tick=False):
        listed = page(
            signed_in(coordinator), f"/workspace/monitoring/units/{ward_b.code}/dossiers/?{NOV}"
        )

    count = re.search(r'<p class="muted" role="status">([^<]*)</p>', listed).group(1)
    assert re.fullmatch(r"\d+ hồ sơ", count)  # no " · " with no sort order after it


def test_the_monthly_report_downloads_as_xlsx_and_as_a_signed_pdf(month, coordinator):
    centre = signed_in(coordinator)

    xlsx = centre.get("/workspace/monitoring/report/?period=2026-11&format=xlsx")
    pdf = centre.get("/workspace/monitoring/report/?period=2026-11&format=pdf")

    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    ward = next(r for r in rows if r[1] == committee(WARD_B).name)
    # received 6 (online 1, counter 5, post 0); resolved 4 (early 2, on time 1, late 1);
    # in progress 2 (within 1, past 1); on time as 766 2.1 counts it; 766 points
    assert ward[2:15] == [6, 1, 5, 0, 4, 2, 1, 1, 2, 1, 1, 66.67, 44.66]
    assert pdf["Content-Type"] == "application/pdf"
    assert overall(verify_pdf(pdf.content)) == Verdict.VALID


def test_a_leader_opens_their_own_unit_only_and_others_not_at_all(month):
    leader = signed_in(month.ward_b.approver)
    ward_b, ward_a = committee(WARD_B), committee(WARD_A)
    officer = signed_in(create_official("cb-m", role="handling_officer", agency=ward_b.code))

    own = leader.get(f"/workspace/monitoring/?{NOV}")

    assert own.status_code == 302
    assert own["Location"] == f"/workspace/monitoring/units/{ward_b.code}/?{NOV}"
    assert "44,66" in page(leader, own["Location"])
    assert leader.get(f"/workspace/monitoring/units/{ward_a.code}/").status_code == 403
    assert leader.get(f"/workspace/monitoring/units/{ward_a.code}/dossiers/").status_code == 403
    assert officer.get("/workspace/monitoring/").status_code == 403
    assert officer.get("/workspace/monitoring/ranking/").status_code == 403
    assert 'href="/workspace/monitoring/"' not in page(officer, "/workspace/")


def test_the_late_list_judges_by_the_date_before_an_apology(month, coordinator):
    """DOMAIN T8: a dossier resolved after its due moment is late even when an apology gave it
    a new date; the unit's "resolved late" list holds it, as the figure counts it."""
    ward_b = month.ward_b
    d6 = client_for(ward_b.approver).get(f"/api/v1/dossiers/{month.codes['d6']}/").json()
    with time_machine.travel(at(19, 16), tick=False):  # due Fri 20/11 09:00
        d6 = act(ward_b.handling, d6, "accept").json()
        later = at(25, 17).isoformat()
        d6 = act(ward_b.handling, d6, "apologize", new_due_at=later, reason="Cần xác minh").json()
    with time_machine.travel(at(23, 10), tick=False):  # after the old date, before the new one
        assert act(ward_b.approver, d6, "reject", reason="Sai thẩm quyền").status_code == 200
        services.refresh_until_current()
        centre = signed_in(coordinator)
        base = f"/workspace/monitoring/units/{committee(WARD_B).code}/dossiers/?{NOV}"
        late, in_time = page(centre, f"{base}&state=late"), page(centre, f"{base}&state=in_time")
    assert month.codes["d6"] in late
    assert month.codes["d6"] not in in_time
    assert month.codes["d1"] in in_time
