"""Tried as a new user would, in a real browser (issue 17): the birth registration of a newborn
shows the child's paper as "not yet matched", never the mother's or father's own birth record;
the official's supplement form cannot demand what national data matched, not even with a forged
field; a refused dossier shows no fee and no VietQR."""

from types import SimpleNamespace

from playwright.sync_api import expect

from motcua.catalog.models import ProcedureVersion
from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.identity.services import create_official
from tests.browser.checks import check_page
from tests.browser.test_citizen_and_ward import (
    WARD_B,
    citizen_files_online,
    officials,
    sign_in_official,
)
from tests.builders.dossiers import client_for
from tests.builders.payments import approved_account, without_resolution_77

CERTIFICATE = "Giấy chứng sinh"


def test_a_newborns_registration_matches_no_parent_asks_nothing_matched_and_bills_no_refusal(
    people, site, tmp_path
):
    without_resolution_77()  # the late-registration fee it assesses is due online
    staff = officials(WARD_B)
    pdf = tmp_path / "to-khai.pdf"
    pdf.write_bytes(blank_pdf("Tờ khai đăng ký khai sinh"))
    citizen = people()
    code = citizen_files_online(citizen, site, str(pdf))
    dossier = Dossier.objects.get(code=code)
    certificate = DossierDocument.objects.get(
        dossier=dossier, requirement__name__startswith=CERTIFICATE
    )
    matched = list(
        DossierDocument.objects.filter(dossier=dossier, match_status="matched").values_list(
            "requirement_id", flat=True
        )
    )
    assert certificate.match_status == "unmatched"  # the child has no record yet
    assert matched  # the applicant's own papers were matched: the form below has some to hide

    # The receiving officer reads the dossier: the certificate waits, no parent's record on it.
    receiving = people()
    sign_in_official(receiving, site, staff["receiving"])
    receiving.goto(f"{site}/workspace/dossiers/{code}/")
    row = receiving.locator("li", has_text=CERTIFICATE).first
    expect(row).to_contain_text("Chưa đối chiếu")
    expect(row).not_to_contain_text("Đã đối chiếu")
    expect(receiving.locator("body")).not_to_contain_text("KS-1990")  # the parent's own record
    check_page(receiving, "trust-newborn-dossier")

    # The supplement form offers no matched paper, and a forged one is refused.
    receiving.locator("summary", has_text="Yêu cầu bổ sung").click()
    form = receiving.locator("details[open] form")
    for requirement in matched:
        expect(form.locator(f"input[name=item_{requirement}]")).to_have_count(0)
    check_page(receiving, "trust-supplement-form")
    form.evaluate(
        """(form, id) => {
            for (const [name, value] of [["item_" + id, "on"], ["reason_" + id, "Nộp bản sao"]]) {
                const input = document.createElement("input");
                input.type = "hidden"; input.name = name; input.value = value;
                form.appendChild(input);
            }
        }""",
        matched[0],
    )
    form.get_by_role("button", name="Yêu cầu bổ sung").click()
    expect(
        receiving.get_by_role("alert")
        .get_by_text("Chỉ được yêu cầu giấy tờ có trong thành phần hồ sơ")
        .first
    ).to_be_visible()
    alert = receiving.get_by_role("alert").first
    expect(alert).to_contain_text(
        "đã lấy từ cơ sở dữ liệu quốc gia, không được yêu cầu nộp bản giấy"
    )
    expect(alert).not_to_contain_text("'requirement'")  # said in words, not as a Python dict
    check_page(receiving, "trust-supplement-refused")
    assert Dossier.objects.get(code=code).status == "received"  # nothing was asked

    # A late registration fee is assessed: the citizen sees it with its VietQR.
    centre = create_official("dieuphoi.trust", role="coordinator")
    approved_account(SimpleNamespace(approver=_user(staff["approver"])), centre)
    late = ProcedureVersion.objects.get(procedure__code="1.001193", status="published").fees.all()[
        1
    ]
    line = {"fee": late.pk, **({} if late.collectable else {"confirmed_amount_vnd": 5000})}
    assessed = client_for(_user(staff["handling"])).post(
        f"/api/v1/dossiers/{code}/actions/assess-fee/",
        {"expected_version": Dossier.objects.get(code=code).version, "lines": [line]},
        format="json",
    )
    assert assessed.status_code == 200, assessed.content
    citizen.goto(f"{site}/my/dossiers/{code}/")
    expect(
        citizen.get_by_role("img", name=f"Mã VietQR để nộp phí, lệ phí của hồ sơ {code}")
    ).to_be_visible()

    # The approver refuses it; the citizen's page then shows no fee and no VietQR.
    approver = people()
    sign_in_official(approver, site, staff["approver"])
    approver.goto(f"{site}/workspace/dossiers/{code}/")
    approver.locator("summary", has_text="Từ chối").click()
    approver.locator("details[open]").get_by_label("Lý do").fill("Không đủ điều kiện đăng ký")
    approver.locator("details[open]").get_by_role("button", name="Từ chối").click()
    expect(approver.locator("dl.facts dd strong").first).to_have_text("Từ chối")
    citizen.reload()
    expect(citizen.locator("dl.facts dd strong").first).to_have_text("Từ chối")
    expect(citizen.get_by_text("VietQR")).to_have_count(0)
    expect(citizen.locator("img.qr")).to_have_count(0)
    expect(citizen.locator("#pay-title")).to_have_count(0)
    check_page(citizen, "trust-refused-no-fee")


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
