"""Filing a joint group on the portal (issue 24, Decree 63/2024/ND-CP) with Django's test client:
the group page with its parts, agencies, documents, time and fees and their sources; the links
from the member procedures and the life events; a signed-in resident files the birth group once
through the portal's filing steps into the API's intake service: one dossier, three parts routed
to the right agencies, listed in "My dossiers" and shown part by part."""

from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.documents.pdf import blank_pdf
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.geography.models import Agency
from motcua.portal.models import FilingDraft
from tests.builders.dossiers import ID_NUMBER, WARD_B, make_ward
from tests.portal.test_pages import browser, verified  # noqa: F401 (a fixture)

BIRTH_GROUP = "nd63-khai-sinh"
DEATH_GROUP = "nd63-khai-tu"
BASE = f"/groups/{BIRTH_GROUP}/file"
CHILD = {
    "child_full_name": "Nguyễn Thị Hằng Nguyệt",
    "child_date_of_birth": "2026-10-02",
    "child_sex": "Nữ",
    "place_of_birth": "Bệnh viện Phụ sản Hà Nội",
    "ethnicity": "Kinh",
    "nationality": "Việt Nam",
    "mother_full_name": "Trần Thị Bích Ngọc",
}


def test_the_group_page_gives_each_part_its_agency_documents_time_and_fees(db):
    page = browser().get(f"/groups/{BIRTH_GROUP}/").content.decode()
    english = browser(language="en").get(f"/groups/{BIRTH_GROUP}/").content.decode()

    assert "Liên thông đăng ký khai sinh, đăng ký thường trú" in page
    for code in ("1.001193", "1.004222"):  # the member procedures, to their pages
        assert f'href="/procedures/{code}/"' in page
    assert "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi" in page  # a part with no procedure
    assert "Công an cấp xã" in page or "Công an phường, xã" in page  # the residence part's
    assert "Bảo hiểm xã hội" in page
    assert "3 ngày làm việc" in page  # the group's time limit
    assert "Nghị định 63/2024/NĐ-CP" in page  # its legal basis, its source
    assert "cand.com.vn" in page
    assert "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp" in page  # residence's own document
    assert "20.000" in page  # the residence fee, from its procedure
    assert f'href="/groups/{BIRTH_GROUP}/file/"' in page
    assert "Joint birth registration, permanent residence registration" in english
    assert "File the group online" in english


def test_an_unverified_time_limit_says_so_and_an_unknown_group_is_404(db):
    death = browser().get(f"/groups/{DEATH_GROUP}/").content.decode()

    assert "Đăng ký khai tử" in death
    assert "chưa được xác minh" in death or "unverified" in death
    assert browser().get("/groups/no-such-group/").status_code == 404
    assert browser().get("/groups/no-such-group/file/").status_code in (302, 404)


def test_the_member_procedures_and_the_life_events_lead_to_the_group(db):
    residence = browser().get("/procedures/1.004222/").content.decode()
    baby = browser().get("/procedures/", {"event": "baby"}).content.decode()
    death = browser().get("/procedures/", {"event": "death"}).content.decode()
    home = browser().get("/").content.decode()

    assert f'href="/groups/{BIRTH_GROUP}/"' in residence
    assert f'href="/groups/{BIRTH_GROUP}/"' in baby
    assert f'href="/groups/{DEATH_GROUP}/"' in death
    assert "/procedures/1.000656/" in death  # death registration, listed by the event
    assert "Gia đình có người mất" in home


def _walk_to_review(client: Client) -> None:
    assert client.get(f"{BASE}/")["Location"] == f"{BASE}/applicant/"
    applicant = client.post(
        f"{BASE}/applicant/",
        {"phone": "0912345678", "address": "Số 1 Hàng Bông", "competent_unit": WARD_B},
    )
    assert applicant.status_code == 302
    assert applicant["Location"] == f"{BASE}/details/"
    assert client.post(f"{BASE}/details/", CHILD)["Location"] == f"{BASE}/documents/"
    page = client.get(f"{BASE}/documents/")
    parts = [s["part"] for s in page.context["sections"]]
    assert parts == [
        "Đăng ký khai sinh",
        "Đăng ký thường trú",
        "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    ]
    posted = {}
    for row in page.context["rows"]:
        requirement = row["requirement"]
        if row["eform"]:
            continue  # the group's one e-form is every part's declaration
        if requirement.replaceable_by and requirement.required:
            posted[f"from_data_{requirement.pk}"] = "on"
        elif requirement.required:  # without JavaScript the file comes with the form
            posted[f"file_{requirement.pk}"] = SimpleUploadedFile("g.pdf", blank_pdf("giấy tờ"))
    assert client.post(f"{BASE}/documents/", posted)["Location"] == f"{BASE}/delivery/"
    assert client.post(f"{BASE}/delivery/", {"method": "online"})["Location"] == f"{BASE}/review/"


def test_a_signed_in_resident_files_the_birth_group_once_on_the_portal(verified):  # noqa: F811
    user, client = verified
    make_ward(WARD_B)
    _walk_to_review(client)

    review = client.get(f"{BASE}/review/")
    with mock.patch.object(services, "receive_dossier", wraps=services.receive_dossier) as intake:
        submitted = client.post(f"{BASE}/review/", {"declare": "yes"})
        again = client.post(f"{BASE}/review/", {"declare": "yes"})  # a double submit

    # then: one dossier, through the API's intake service, under the lead's procedure
    assert review.status_code == 200
    assert "Đăng ký thường trú" in review.content.decode()
    assert intake.call_count == 1
    assert again.status_code == 302  # the draft is gone: back to the first step
    dossier = Dossier.objects.get(owner=user)
    assert submitted["Location"] == f"/my/dossiers/{dossier.code}/receipt/"
    assert intake.call_args.args[0]["group"] == BIRTH_GROUP
    assert dossier.group.code == BIRTH_GROUP
    assert dossier.procedure_version.procedure.code == "1.001193"
    assert dossier.applicant_id_number == ID_NUMBER
    assert dossier.channel == "online"
    # three parts, each routed to its agency: the ward's committee leads
    parts = list(dossier.parts.order_by("stage", "position"))
    committee = Agency.objects.get(role="commune_committee", unit__code=WARD_B)
    police = Agency.objects.get(role="commune_police", unit__code=WARD_B)
    insurance = Agency.objects.get(role="social_insurance")
    assert [(p.role, p.agency_id, p.system) for p in parts] == [
        ("lead", committee.pk, ""),
        ("participant", police.pk, "residence"),
        ("participant", insurance.pk, "social_insurance"),
    ]
    assert dossier.handling_agency_id == committee.pk
    assert not FilingDraft.objects.filter(owner=user).exists()

    # and "My dossiers" lists it under the group's name; its page shows it part by part
    mine = client.get("/my/dossiers/").content.decode()
    assert dossier.code in mine
    assert "Liên thông đăng ký khai sinh" in mine
    detail = client.get(f"/my/dossiers/{dossier.code}/").content.decode()
    assert "Các phần việc của hồ sơ liên thông" in detail
    for agency in (committee, police, insurance):
        assert agency.name in detail
    tracked = browser().get(f"/track/{dossier.code}/", {"id_last4": ID_NUMBER[-4:]})
    assert "Các phần việc của hồ sơ liên thông" in tracked.content.decode()  # the public page
    assert insurance.name in tracked.content.decode()


def test_a_group_draft_is_kept_and_listed_apart_from_the_procedure_alone(verified):  # noqa: F811
    user, client = verified
    make_ward(WARD_B)
    client.get(f"{BASE}/applicant/")
    client.post(
        f"{BASE}/applicant/",
        {"phone": "0912345678", "address": "Số 1 Hàng Bông", "competent_unit": WARD_B},
    )

    drafts = list(FilingDraft.objects.filter(owner=user).values_list("procedure_code", flat=True))
    mine = client.get("/my/dossiers/").content.decode()

    assert drafts == [f"group:{BIRTH_GROUP}"]
    assert f'href="/groups/{BIRTH_GROUP}/file/"' in mine
    assert client.get("/procedures/1.001193/file/")["Location"].endswith("/applicant/")
    assert client.get(f"{BASE}/nowhere/").status_code == 404
