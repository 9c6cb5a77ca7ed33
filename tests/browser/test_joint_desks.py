"""Issue 24 in a real browser: a joint dossier (the Decree 63/2024 birth group, filed over the
API) at each agency's desk: the ward's civil-status official sees the parts and hands the
residence part over; the ward police's official finds it in its queue and opens it, seeing only
its part's documents. Each page is checked with axe-core at a phone's width and a desk's, and
kept as screenshots under artifacts/."""

from playwright.sync_api import Page, expect

from motcua.dossiers.models import DossierPart
from motcua.geography.models import Agency
from motcua.identity.services import create_official
from tests.browser.test_citizen_and_ward import PASSWORD
from tests.browser.test_officials_desk import look, sign_in
from tests.browser.test_resident_journey import off_thread, official
from tests.builders.dossiers import WARD_B, client_for
from tests.dossiers.test_joint_scenario import group_body


def _file_group() -> tuple[dict, dict]:
    from django.contrib.auth import get_user_model

    committee = Agency.objects.get(role="commune_committee", unit__code=WARD_B).code
    police = Agency.objects.get(role="commune_police", unit__code=WARD_B).code
    staff = {
        "civil": create_official(
            "hotich.desk", role="handling_officer", agency=committee, password=PASSWORD
        ),
        "leader": create_official(
            "lanhdao.desk", role="approver", agency=committee, password=PASSWORD
        ),
        "police": create_official(
            "congan.desk", role="handling_officer", agency=police, password=PASSWORD
        ),
    }
    resident = get_user_model().objects.create_user("resident.joint", password="x")
    response = client_for(resident).post("/api/v1/dossiers/", group_body(resident), format="json")
    assert response.status_code == 201, response.content
    return response.json(), staff


def test_each_agency_works_its_part_of_a_joint_dossier_at_its_desk(people, site):
    dossier, staff = off_thread(_file_group)
    dossier = official(staff["civil"], dossier, "accept")
    dossier = official(staff["leader"], dossier, "approve")
    code = dossier["code"]

    desk: Page = people()
    sign_in(desk, site, "hotich.desk")
    desk.goto(f"{site}/workspace/dossiers/{code}/")
    parts = desk.get_by_role("region", name="Các phần việc của hồ sơ liên thông")
    expect(parts).to_contain_text("Đăng ký thường trú")
    look(desk, "joint-lead-parts")
    parts.get_by_role("button", name="Bàn giao phần việc cho cơ quan").first.click()
    expect(desk.get_by_role("region", name="Các phần việc của hồ sơ liên thông")).to_contain_text(
        "Đã bàn giao, chưa xác nhận"
    )

    police: Page = people()
    sign_in(police, site, "congan.desk")
    police.goto(f"{site}/workspace/parts/")
    expect(police.get_by_role("link", name=code)).to_be_visible()
    look(police, "joint-police-queue")
    police.get_by_role("link", name=code).click()
    part = off_thread(lambda: DossierPart.objects.get(dossier__code=code, position=1))
    shown = police.locator("ul.documents > li")
    expect(shown).to_have_count(1)  # the residence part's form only, not the birth documents
    look(police, "joint-police-dossier")
    assert part.state == "handed_over"
