"""The officials' pages with Django's test client: the sign-in (second factor, throttling), only
one's own units' dossiers, only the actions allowed now, the ID number only to the handling
officials, counter intake, the centre's overview, and fixed query counts on the queue."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.catalog.models import ProcedureVersion
from motcua.delivery.models import PostalOrder
from motcua.documents.pdf import blank_pdf
from motcua.dossiers.models import Dossier
from motcua.identity.models import DataAccess
from motcua.identity.services import create_official
from motcua.integrations.delivery import deliver_outbox
from tests.builders.dossiers import BIRTH, BIRTH_FORM, ID_NUMBER, WARD_A, WARD_B, act, file_dossier


def signed_in(user, language="vi") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def test_an_official_of_ward_c_gets_a_404_on_ward_bs_dossier(ward_a, ward_b, ward_c):
    dossier = file_dossier(ward_a.receiving)  # received at A, for B

    other = signed_in(ward_c.handling).get(f"/workspace/dossiers/{dossier['code']}/")
    own = signed_in(ward_b.handling).get(f"/workspace/dossiers/{dossier['code']}/")
    acted = signed_in(ward_c.approver).post(
        f"/workspace/dossiers/{dossier['code']}/act/accept/", {"version": dossier["version"]}
    )

    assert other.status_code == 404
    assert own.status_code == 200
    assert acted.status_code == 404
    assert Dossier.objects.get(code=dossier["code"]).status == "received"


def test_only_the_actions_allowed_now_are_offered(ward_a, ward_b):
    dossier = file_dossier(ward_a.receiving)
    dossier = act(ward_b.handling, dossier, "accept").json()
    url = f"/workspace/dossiers/{dossier['code']}/"

    receiving = signed_in(ward_b.receiving).get(url).content.decode()
    approver = signed_in(ward_b.approver).get(url).content.decode()

    approve_form = f"/workspace/dossiers/{dossier['code']}/act/approve/"
    assert approve_form not in receiving  # a receiving officer sees no approve button
    assert approve_form in approver
    assert f"/workspace/dossiers/{dossier['code']}/act/sign-result/" not in approver  # not yet
    assert "/act/accept/" not in approver  # already accepted


def test_the_history_speaks_of_the_dossier_not_to_the_official_as_its_applicant(ward_a, ward_b):
    dossier = file_dossier(ward_a.receiving)
    url = f"/workspace/dossiers/{dossier['code']}/"

    english = signed_in(ward_b.handling, "en").get(url).content.decode()
    vietnamese = signed_in(ward_b.handling).get(url).content.decode()

    assert "The dossier was received." in english
    assert "Your dossier was received." not in english  # the official did not file it
    assert "Hồ sơ đã được tiếp nhận." in vietnamese


def test_the_id_number_is_shown_only_to_the_handling_officials(ward_a, ward_b):
    dossier = file_dossier(ward_a.receiving)
    url = f"/workspace/dossiers/{dossier['code']}/"

    handling = signed_in(ward_b.handling).get(url).content.decode()
    receiving = signed_in(ward_b.receiving).get(url).content.decode()  # not the one who typed it

    assert ID_NUMBER in handling
    assert ID_NUMBER not in receiving
    assert f"********{ID_NUMBER[-4:]}" in receiving


def test_a_supplement_request_offers_only_listed_documents_not_held_by_data(ward_a, ward_b):
    dossier = file_dossier(ward_a.receiving)
    row = Dossier.objects.get(code=dossier["code"])
    uploaded = row.documents.get(from_data="").requirement
    from_data = row.documents.filter(match_status="matched").first().requirement
    client = signed_in(ward_b.handling)
    page = client.get(f"/workspace/dossiers/{dossier['code']}/").content.decode()

    refused = client.post(
        f"/workspace/dossiers/{dossier['code']}/act/request-supplement/",
        {
            "version": dossier["version"],
            f"item_{from_data.pk}": "on",
            f"reason_{from_data.pk}": "x",
        },
    )
    asked = client.post(
        f"/workspace/dossiers/{dossier['code']}/act/request-supplement/",
        {
            "version": dossier["version"],
            f"item_{uploaded.pk}": "on",
            f"reason_{uploaded.pk}": "Chưa ký",
            "note": "Bổ sung trong 15 ngày",
        },
    )

    assert f'name="item_{uploaded.pk}"' in page
    assert f'name="item_{from_data.pk}"' not in page  # national data holds it
    assert refused.status_code == 400
    assert "Chỉ được yêu cầu giấy tờ có trong thành phần hồ sơ" in refused.content.decode()
    assert asked.status_code == 302
    assert Dossier.objects.get(code=dossier["code"]).status == "waiting_supplement"


def test_a_refusal_of_the_service_is_shown_in_the_page_language(ward_a, ward_b):
    dossier = file_dossier(ward_a.receiving)
    stale = {"version": dossier["version"] + 5}

    vi = signed_in(ward_b.handling).post(
        f"/workspace/dossiers/{dossier['code']}/act/accept/", stale
    )
    en = signed_in(ward_b.handling, "en").post(
        f"/workspace/dossiers/{dossier['code']}/act/accept/", stale, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert vi.status_code == 400
    assert "Người khác vừa thay đổi hồ sơ này." in vi.content.decode()
    assert "Someone else changed this dossier." in en.content.decode()
    assert Dossier.objects.get(code=dossier["code"]).status == "received"


def test_the_queue_has_boxes_per_role_nearest_deadline_first(ward_a, ward_b):
    first = file_dossier(ward_a.receiving)
    second = file_dossier(ward_b.receiving, point=f"MC-{WARD_B}")
    earlier = Dossier.objects.get(code=first["code"]).due_at - timedelta(days=1)
    Dossier.objects.filter(code=second["code"]).update(due_at=earlier)

    page = signed_in(ward_b.handling).get("/workspace/", {"box": "receive"}).content.decode()
    elsewhere = signed_in(ward_b.handling).get(
        "/workspace/", {"box": "receive", "received_elsewhere": "on"}
    )
    approver = signed_in(ward_b.approver).get("/workspace/").content.decode()

    assert page.index(second["code"]) < page.index(first["code"])  # nearest deadline first
    assert first["code"] in elsewhere.content.decode()
    assert second["code"] not in elsewhere.content.decode()  # received at ward B itself
    assert "Chờ tiếp nhận" in page
    assert "Chờ xử lý" in page
    assert "Chờ phê duyệt" in approver
    assert "Chờ tiếp nhận" not in approver


def test_the_queue_takes_a_fixed_number_of_queries(ward_a, ward_b, django_assert_num_queries):
    client = signed_in(ward_b.handling)
    file_dossier(ward_a.receiving)
    client.get("/workspace/")
    for _ in range(3):
        file_dossier(ward_a.receiving)

    with django_assert_num_queries(18):  # 15, the broker marks, transfers and joint parts
        response = client.get("/workspace/", {"box": "receive"})

    assert response.content.decode().count("/workspace/dossiers/H26") == 4


def test_a_counter_intake_for_another_ward_looks_the_applicant_up_and_logs_it(ward_a, ward_b):
    client = signed_in(ward_a.receiving)
    page = client.get("/workspace/intake/", {"procedure": BIRTH})
    rows = page.context["rows"]
    looked = client.post(
        "/workspace/intake/lookup/", {"procedure": BIRTH, "id_number": ID_NUMBER}
    ).content.decode()
    posted = {
        "procedure": BIRTH,
        "key": "k-1",
        "id_number": ID_NUMBER,
        "full_name": "Nguyễn Văn An",
        "date_of_birth": "1990-05-01",
        "address": "Hà Nội",
        "competent_unit": WARD_B,
        **{f"q-{k}": v for k, v in BIRTH_FORM.items()},
    }
    for row in rows:
        requirement = row["requirement"]
        if requirement.required and requirement.replaceable_by:
            posted[f"from_data_{requirement.pk}"] = "on"
        elif requirement.required:
            posted[f"file_{requirement.pk}"] = SimpleUploadedFile("scan.pdf", blank_pdf("scan"))
    received = client.post("/workspace/intake/", posted)
    dossier = Dossier.objects.get()

    assert 'value="Nguyễn Văn An"' in looked  # the population database's answer
    assert DataAccess.objects.filter(caller=ward_a.receiving.username).exists()
    assert received.status_code == 302
    assert (dossier.channel, dossier.receiving_point.code) == ("counter", f"MC-{WARD_A}")
    assert dossier.competent_unit.code == WARD_B
    assert dossier.documents.filter(digitised_at__isnull=False).count() == 1  # the scan
    queue = signed_in(ward_b.handling).get("/workspace/", {"box": "receive"})
    assert dossier.code in queue.content.decode()


def test_only_receiving_officers_take_dossiers_at_the_counter(ward_b, citizen):
    assert signed_in(ward_b.handling).get("/workspace/intake/").status_code == 403
    assert signed_in(citizen).get("/workspace/").status_code == 403
    assert Client().get("/workspace/").status_code == 302


def test_the_overview_is_the_centres_alone(ward_a, ward_b, coordinator):
    file_dossier(ward_a.receiving)

    centre = signed_in(coordinator).get("/workspace/overview/")
    ward = signed_in(ward_b.approver).get("/workspace/overview/")

    assert centre.status_code == 200
    assert "Ủy ban nhân dân phường Ngọc Hà" in centre.content.decode()
    assert centre.context["totals"]["received"] == 1
    assert ward.status_code == 403


def test_with_otp_required_the_workspace_needs_the_code(db, settings):
    settings.MOTCUA_REQUIRE_OTP = True
    user = create_official("ld.otp", role="coordinator", password="pw-123456-x")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")

    without = client.post("/workspace/sign-in/", {"username": "ld.otp", "password": "pw-123456-x"})
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    good = client.post(
        "/workspace/sign-in/",
        {"username": "ld.otp", "password": "pw-123456-x", "otp_token": code},
    )

    assert without.status_code == 200  # the form again
    assert "/workspace/" not in without.get("Location", "")
    assert good.status_code == 302
    assert client.get("/workspace/").status_code == 200


def test_a_password_only_session_does_not_open_the_workspace_where_otp_is_required(db, settings):
    user = create_official("cb.nootp", role="coordinator", password="pw-123456-x")
    settings.MOTCUA_REQUIRE_OTP = True

    response = signed_in(user).get("/workspace/")

    assert response.status_code == 302
    assert response["Location"].startswith("/workspace/sign-in/")


def test_failed_workspace_sign_ins_are_throttled(db, settings):
    create_official("tn.guess", role="coordinator", password="pw-123456-x")
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()

    answers = [
        client.post("/workspace/sign-in/", {"username": "tn.guess", "password": f"no-{i}"})
        for i in range(3)
    ]
    locked = client.post("/workspace/sign-in/", {"username": "tn.guess", "password": "pw-123456-x"})

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert locked.status_code == 429


def test_the_postage_note_speaks_the_page_language_and_the_order_keeps_it_in_vietnamese(
    ward_a, ward_b, settings
):
    settings.MOTCUA_RESULTS_BY_POST_FROM = "2026-01-01"
    dossier = file_dossier(
        ward_a.receiving,
        channel="counter",
        delivery={"method": "postal", "address": "Số 5 phố Đội Cấn, phường Ngọc Hà, Hà Nội"},
    )
    dossier = act(ward_b.handling, dossier, "accept").json()
    for action in ("approve", "sign-result"):
        dossier = act(ward_b.approver, dossier, action).json()
    deliver_outbox()  # the post takes the order and prices it
    url = f"/workspace/dossiers/{dossier['code']}/"

    english = signed_in(ward_b.handling, "en").get(url).content.decode()
    vietnamese = signed_in(ward_b.handling).get(url).content.decode()

    stored = "Người nhận trả cước bưu chính khi nhận kết quả (hồ sơ không nộp trực tuyến)"
    assert PostalOrder.objects.get(dossier__code=dossier["code"]).cost_source == stored
    assert (
        "The recipient pays the postage on receiving the result (the dossier was not filed online)"
    ) in english
    assert stored not in english
    assert stored in vietnamese


def test_the_queue_offers_its_units_procedures_by_vietnamese_name_and_no_other_units(
    ward_a, ward_b, ward_c
):
    versions = ProcedureVersion.objects.filter(status="published")
    with_d = versions.filter(name__startswith="Đăng ký").exclude(procedure__code=BIRTH).first()
    with_t = versions.filter(name__startswith="T").first()
    moved = [file_dossier(ward_a.receiving)["code"] for _ in range(2)]
    file_dossier(ward_a.receiving)  # one stays a birth registration
    Dossier.objects.filter(code=moved[0]).update(procedure_version=with_t)
    Dossier.objects.filter(code=moved[1]).update(procedure_version=with_d)

    offered = signed_in(ward_b.handling).get("/workspace/").context["form"]
    elsewhere = signed_in(ward_c.handling).get("/workspace/").context["form"]

    codes = [code for code, _label in offered.fields["procedure"].choices][1:]
    assert sorted(codes) == sorted([BIRTH, with_d.procedure.code, with_t.procedure.code])
    assert codes.index(with_d.procedure.code) < codes.index(with_t.procedure.code)  # Đ before T
    assert [code for code, _label in elsewhere.fields["procedure"].choices] == [""]
