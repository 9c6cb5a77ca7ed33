"""The exported reports carry the joint dossiers' parts per agency (issue 24): the xlsx has a
sheet of parts by agency and the late parts, each attributed to its agency, from the same
`monitoring.parts` figures the indicators give; the signed PDF prints them as section III."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from motcua.geography.models import Agency
from motcua.monitoring import reports, selectors
from tests.builders.dossiers import WARD_B
from tests.builders.papers import pages, text_of
from tests.dossiers.test_joint_scenario import (
    test_the_birth_group_filed_once_gives_three_results as file_and_resolve_the_birth_group,
)


def test_the_exported_report_attributes_the_late_part_to_its_agency(citizen, coordinator, tmp_path):
    # given: the birth group filed and resolved, social insurance's part finished late
    file_and_resolve_the_birth_group(citizen, coordinator)
    insurance = Agency.objects.get(role="social_insurance")
    police = Agency.objects.get(role="commune_police", unit__code=WARD_B)
    committee = Agency.objects.get(role="commune_committee", unit__code=WARD_B)
    scope = selectors.scope_for(None, start=date(2026, 11, 1), end=date(2026, 11, 30))

    # when: the month's report is exported
    report = reports.build(scope)
    book = load_workbook(BytesIO(reports.to_xlsx(report)))

    # then: a sheet of the parts per agency, in Vietnamese, the latest agency first
    sheet = book["Phần việc liên thông"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:6] == [
        "STT",
        "Cơ quan",
        "Số phần tiếp nhận",
        "Số phần đã giải quyết",
        "Số phần quá hạn",
        "Hồ sơ bị trễ do cơ quan",
    ]
    by_agency = {r[1]: r for r in rows[1:4]}
    assert by_agency[insurance.name][2:6] == [1, 1, 1, 1]  # received, finished, late, made late
    assert by_agency[police.name][2:6] == [1, 1, 0, 0]
    assert by_agency[committee.name][2:6] == [1, 1, 0, 0]
    assert rows[1][1] == insurance.name
    # and each late part is listed with its agency, which made the dossier late
    start = rows.index(["Phần việc trễ hạn", None, None, None, None, None, None, None])
    late = [r for r in rows[start + 2 :] if r[0]]
    assert len(late) == 1
    dossier, part, agency, _due, _finished, made_late = late[0][:6]
    assert part == "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"
    assert agency == insurance.name
    assert made_late == "có"

    # and the signed PDF prints the same parts in its section III
    text = text_of(pages(reports.to_pdf(report), tmp_path))
    assert "III. Hồ sơ liên thông theo phần" in text
    assert f"{dossier} — Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi" in text
