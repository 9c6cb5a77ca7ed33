"""The citizen pages with Django's test client: who may open what, filing without JavaScript,
form errors in both languages, and fixed query counts on the lists."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from motcua.catalog.models import Field, ProcedureVersion
from motcua.core import clock
from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Dossier
from motcua.identity.models import Citizen, DataAccess
from motcua.identity.oidc import SESSION_LEVEL
from tests.builders.dossiers import BIRTH, ID_NUMBER, WARD_A, WARD_B, act, file_dossier, make_ward


def browser(user=None, language="vi") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def verified(django_user_model):
    """A citizen signed in through VNeID at level 2 (one of the sandbox's demo people)."""
    user = django_user_model.objects.create_user("cd-001090012345")
    Citizen.objects.create(
        user=user,
        id_number=ID_NUMBER,
        full_name="Nguyễn Văn An",
        date_of_birth="1990-05-01",
        sex="male",
        verified_at=clock.now(),
    )
    client = browser(user)
    session = client.session
    session[SESSION_LEVEL] = 2
    session.save()
    return user, client


def test_the_home_page_is_the_portal_not_the_api_docs(db, client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")

    assert response.status_code == 200
    assert "Sinh con" in response.content.decode()  # a life event
    assert 'href="/procedures/?field=ho-tich"' in response.content.decode()


def test_the_fields_are_listed_in_vietnamese_alphabetical_order(db, client):
    in_use = list(Field.objects.filter(procedureversion__isnull=False).distinct()[:4])
    for field, name in zip(
        in_use, ("Đất đai", "Dân tộc", "Biển và hải đảo", "Bảo đảm"), strict=True
    ):
        Field.objects.filter(pk=field.pk).update(name=name)

    home = client.get("/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    search = client.get("/procedures/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    for page in (home, search):
        at = [page.index(f">{name}<") for name in ("Bảo đảm", "Biển và hải đảo", "Dân tộc")]
        assert at == sorted(at)  # the database's order put Biển before Bảo
        assert page.index(">Dân tộc<") < page.index(">Đất đai<")  # Đ after D, not last


def test_searching_without_diacritics_finds_the_procedure(db, client):
    found = client.get("/procedures/", {"q": "dang ky khai sinh"}, HTTP_ACCEPT_LANGUAGE="vi")
    partial = client.get("/procedures/", {"q": "khai sinh"}, HTTP_HX_REQUEST="true")

    assert "Thủ tục đăng ký khai sinh" in found.content.decode()
    assert "<html" not in partial.content.decode()  # htmx gets the results alone
    assert f"/procedures/{BIRTH}/" in partial.content.decode()


def test_a_life_event_lists_its_curated_procedures(db, client):
    page = client.get("/procedures/", {"event": "baby"}, HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    assert f"/procedures/{BIRTH}/" in page
    assert "/procedures/1.000894/" not in page  # marriage is another life event


def test_the_procedure_page_marks_what_national_data_replaces(db, client):
    page = client.get(f"/procedures/{BIRTH}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    assert "Khai thác từ dữ liệu quốc gia" in page
    assert "Bạn không phải nộp giấy tờ này." in page
    assert f'href="/procedures/{BIRTH}/file/"' in page  # fully online: a "file online" button
    assert "60/2014/QH13" in page  # the legal basis


def test_a_boundary_free_procedure_says_any_ward_takes_it_in_both_languages(db, client):
    url = f"/procedures/{BIRTH}/"

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    vietnamese = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    assert "any ward or commune, whatever its administrative boundaries." in english
    assert "whichever is competent" not in english  # said the opposite of boundary-free
    assert "không phụ thuộc địa giới hành chính" in vietnamese


def test_the_day_the_source_was_read_is_written_as_the_pages_write_dates(db, client):
    ProcedureVersion.objects.filter(procedure__code=BIRTH).update(
        portal_url="https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x", crawled_on="2026-06-10"
    )

    page = client.get(f"/procedures/{BIRTH}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    assert "(thu thập ngày 10/06/2026)" in page  # as every other date of the portal
    assert "2026-06-10" not in page


def test_filing_needs_a_sign_in_and_a_level_2_procedure_a_level_2_one(verified, citizen):
    anonymous = browser().get(f"/procedures/{BIRTH}/file/")
    ProcedureVersion.objects.filter(procedure__code=BIRTH).update(assurance_level=2)
    low = browser(citizen).get(f"/procedures/{BIRTH}/file/")

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/oidc/authenticate/?next=")
    assert low.status_code == 403
    assert "Cần đăng nhập tài khoản mức 2" in low.content.decode()
    assert verified[1].get(f"/procedures/{BIRTH}/file/").status_code == 302


def _walk_to_review(client: Client) -> None:
    base = f"/procedures/{BIRTH}/file"
    client.get(f"{base}/applicant/")
    assert (
        client.post(
            f"{base}/applicant/",
            {"phone": "0912345678", "address": "Số 1 Hàng Bông", "competent_unit": WARD_B},
        ).status_code
        == 302
    )
    details = {
        "child_full_name": "Nguyễn Thị Hằng Nguyệt",
        "child_date_of_birth": "2026-10-02",
        "child_sex": "Nữ",
        "place_of_birth": "Bệnh viện Phụ sản Hà Nội",
        "ethnicity": "Kinh",
        "nationality": "Việt Nam",
        "mother_full_name": "Trần Thị Bích Ngọc",
    }
    assert client.post(f"{base}/details/", details).status_code == 302
    version_docs = client.get(f"{base}/documents/").context["rows"]
    posted = {}
    for row in version_docs:
        requirement = row["requirement"]
        if requirement.replaceable_by and requirement.required:
            posted[f"from_data_{requirement.pk}"] = "on"
        elif requirement.required:  # without JavaScript the file comes with the form
            posted[f"file_{requirement.pk}"] = SimpleUploadedFile("tk.pdf", blank_pdf("tờ khai"))
    assert client.post(f"{base}/documents/", posted).status_code == 302
    assert client.post(f"{base}/delivery/", {"method": "online"}).status_code == 302


def test_filing_online_without_javascript_files_once_with_the_verified_identity(verified):
    user, client = verified
    make_ward(WARD_B)
    _walk_to_review(client)

    review = client.get(f"/procedures/{BIRTH}/file/review/")
    undeclared = client.post(f"/procedures/{BIRTH}/file/review/")
    submitted = client.post(f"/procedures/{BIRTH}/file/review/", {"declare": "yes"})
    dossier = Dossier.objects.get(owner=user)
    receipt = client.get(submitted["Location"])

    assert "Nguyễn Văn An" in review.content.decode()
    assert "01/05/1990" in review.content.decode()  # dates as residents write them
    assert f"/procedures/{BIRTH}/file/delivery/?next=review" in review.content.decode()
    assert undeclared.status_code == 400
    assert 'href="#id_declare"' in undeclared.content.decode()
    assert submitted.status_code == 302
    assert submitted["Location"] == f"/my/dossiers/{dossier.code}/receipt/"
    assert dossier.applicant_id_number == ID_NUMBER
    assert dossier.competent_unit.code == WARD_B
    assert dossier.receiving_point.code == f"MC-{WARD_B}"  # online: the competent unit's point
    assert dossier.form["child_full_name"] == "Nguyễn Thị Hằng Nguyệt"
    assert dossier.documents.filter(from_data="civil_status_db").exists()
    declaration = dossier.documents.get(requirement__name__istartswith="Tờ khai")
    assert declaration.upload.name.startswith("to-khai-dien-tu")  # the e-form, not a scan
    assert declaration.upload.content_type == "application/pdf"
    assert dossier.code in receipt.content.decode()
    assert "track-qr.svg" in receipt.content.decode()
    residence = DataAccess.objects.filter(id_number=ID_NUMBER, purpose__contains="online filing")
    assert residence.count() == 1  # the prefill's look-up, logged with its purpose


def test_a_verified_name_cannot_be_changed_by_posting_another(verified):
    user, client = verified
    client.get(f"/procedures/{BIRTH}/file/applicant/")
    client.post(
        f"/procedures/{BIRTH}/file/applicant/",
        {
            "full_name": "Someone Else",
            "id_number": "001195004321",
            "address": "x",
            "competent_unit": WARD_B,
        },
    )

    kept = client.session[f"filing:{BIRTH}"]["applicant"]

    assert kept["full_name"] == "Nguyễn Văn An"
    assert kept["id_number"] == ID_NUMBER


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("vi", "Nhập số điện thoại từ 9 đến 15 chữ số."),
        ("en", "Enter a phone number of 9 to 15 digits."),
    ],
)
def test_form_errors_speak_the_page_language(verified, language, message):
    _user, client = verified
    client.get(f"/procedures/{BIRTH}/file/applicant/")
    response = client.post(
        f"/procedures/{BIRTH}/file/applicant/",
        {"phone": "12", "address": "", "competent_unit": WARD_B},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    page = response.content.decode()

    assert response.status_code == 400
    assert message in page
    assert ("Trường này là bắt buộc." if language == "vi" else "This field is required.") in page
    assert 'aria-invalid="true"' in page


def test_a_citizen_cannot_open_another_citizens_dossier(citizen, django_user_model):
    make_ward(WARD_A)
    make_ward(WARD_B)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    other = django_user_model.objects.create_user("someone-else")

    for url in ("", "receipt/", "track-qr.svg"):
        assert browser(other).get(f"/my/dossiers/{dossier['code']}/{url}").status_code == 404
        assert browser(citizen).get(f"/my/dossiers/{dossier['code']}/{url}").status_code == 200
    qr = browser(citizen).get(f"/my/dossiers/{dossier['code']}/track-qr.svg")
    assert b'xmlns="http://www.w3.org/2000/svg"' in qr.content  # an <img> shows it


def test_a_dossier_without_a_time_limit_says_why_it_has_no_due_date(citizen):
    make_ward(WARD_A)
    make_ward(WARD_B)
    ProcedureVersion.objects.filter(procedure__code=BIRTH).update(
        time_limit_value=None, time_limit_unit=""
    )
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")

    receipt = browser(citizen).get(f"/my/dossiers/{dossier['code']}/receipt/").content.decode()
    page = browser(citizen, "en").get(f"/my/dossiers/{dossier['code']}/").content.decode()

    assert Dossier.objects.get(code=dossier["code"]).due_at is None
    assert (
        "Chưa quy định: danh mục thủ tục chưa quy định thời hạn giải quyết thủ tục này; "
        "cơ quan giải quyết sẽ báo ngày trả kết quả cho người nộp."
    ) in receipt
    assert (
        "Not set: the catalog sets no time limit for this procedure; the agency tells the "
        "applicant the date of the result."
    ) in page


def test_the_applicant_supplements_without_javascript_and_rates_the_result(citizen):
    ward_a, ward_b = make_ward(WARD_A), make_ward(WARD_B)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    first = Dossier.objects.get(code=dossier["code"]).documents.first()
    asked = act(
        ward_b.handling,
        dossier,
        "request-supplement",
        items=[{"requirement": first.requirement_id, "reason": "Tờ khai chưa ký"}],
    ).json()
    client = browser(citizen)
    page = client.get(f"/my/dossiers/{dossier['code']}/").content.decode()

    supplied = client.post(
        f"/my/dossiers/{dossier['code']}/supplement/",
        {
            "version": asked["version"],
            f"file_{first.requirement_id}": SimpleUploadedFile("tk.pdf", blank_pdf("đã ký")),
        },
    )
    row = Dossier.objects.get(code=dossier["code"])
    after = act(ward_b.approver, {"code": row.code, "version": row.version}, "approve").json()
    after = act(ward_b.approver, after, "sign-result").json()
    after = act(ward_b.handling, after, "return-result").json()
    rated = client.post(
        f"/my/dossiers/{dossier['code']}/evaluate/", {"version": after["version"], "score": "5"}
    )
    final = client.get(f"/my/dossiers/{dossier['code']}/").content.decode()

    assert "Tờ khai chưa ký" in page
    assert supplied.status_code == 302
    assert row.status == "in_progress"
    assert rated.status_code == 302
    assert Dossier.objects.get(code=dossier["code"]).evaluation_score == 5
    assert "Tải kết quả (PDF)" in final
    assert "Bạn đã đánh giá dịch vụ 5/5" in final
    assert ward_a  # the dossier was received at ward A's point for ward B


def test_a_stale_version_is_refused_on_the_page_and_changes_nothing(citizen):
    make_ward(WARD_A)
    ward_b = make_ward(WARD_B)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    act(ward_b.handling, dossier, "accept")

    response = browser(citizen).post(
        f"/my/dossiers/{dossier['code']}/withdraw/", {"version": dossier["version"]}
    )

    assert response.status_code == 400
    assert "Người khác vừa thay đổi hồ sơ này." in response.content.decode()
    assert Dossier.objects.get(code=dossier["code"]).status == "in_progress"


def test_every_form_needs_its_csrf_token(citizen):
    make_ward(WARD_A)
    make_ward(WARD_B)
    dossier = file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(citizen)

    response = strict.post(f"/my/dossiers/{dossier['code']}/withdraw/", {"version": 1})

    assert response.status_code == 403
    assert Dossier.objects.get(code=dossier["code"]).status == "received"


def test_my_dossiers_takes_a_fixed_number_of_queries(citizen, django_assert_num_queries):
    make_ward(WARD_A)
    make_ward(WARD_B)
    client = browser(citizen)
    file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")
    client.get("/my/dossiers/")  # the session is read and kept
    for _ in range(3):
        file_dossier(citizen, channel="online", point=f"MC-{WARD_A}")

    with django_assert_num_queries(10):  # with the drafts and the organisations one acts for
        response = client.get("/my/dossiers/")

    assert response.content.decode().count("/my/dossiers/H26") == 4


def test_every_page_names_its_icon_and_the_icon_is_served(client, db):
    from django.contrib.staticfiles import finders

    page = client.get("/").content.decode()

    assert '<link rel="icon" href="/static/motcua/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("motcua/favicon.svg")
