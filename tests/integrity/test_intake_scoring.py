"""Scoring at intake: an account filing for many unrelated people is flagged as it files; a
registered community helper and a registered lawful representative are not; a confirmed
broker's next filing is marked for the receiving officer."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.test import Client

from rest_framework.test import APIClient

from motcua.core import clock
from motcua.core.devices import DEVICE_COOKIE
from motcua.identity.services import register_helper
from motcua.integrity import services
from motcua.integrity.models import BrokerMark, Flag, FlagStatus, KeyKind, SubmitterActivity
from motcua.integrity.scoring import both_languages
from motcua.integrity.services.intake import distinct
from tests.builders.dossiers import BIRTH, WARD_A
from tests.builders.integrity import WARDS, birth_for, file_many, held_people

NIGHT = datetime(2026, 11, 24, 23, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_an_account_filing_for_many_people_at_night_is_flagged_with_its_reasons(broker, people):
    file_many(broker, people[:7], at=NIGHT, phone="0987 000 111")

    account = Flag.objects.get(key_kind=KeyKind.ACCOUNT, key_value=str(broker.pk))
    phone = Flag.objects.get(key_kind=KeyKind.PHONE, key_value="0987000111")
    assert account.status == FlagStatus.OPEN
    assert account.source == "intake"
    assert account.label == "dichvu"
    assert phone.label == "098*****111"  # never the number itself on a page
    assert [r["code"] for r in account.reasons] == ["applicants", "odd_hours", "units", "pace"]
    assert account.score == 26 + 20 + 10 + 10
    assert len(account.evidence["dossiers"]) == 2  # the filings since it crossed the threshold


def test_five_filings_for_five_people_raise_nothing_yet(broker, people):
    file_many(broker, people[:5], at=NIGHT)

    assert not Flag.objects.exists()
    row = SubmitterActivity.objects.get(key_kind=KeyKind.ACCOUNT, key_value=str(broker.pk))
    applicants = distinct([row.applicant_bits_a, row.applicant_bits_b])
    assert (row.dossiers, applicants, distinct([row.unit_bits]), row.odd_hours) == (5, 5, 3, 5)
    assert bin(row.day_bits).count("1") == 1


def test_a_registered_community_helper_is_not_a_broker(coordinator, people):
    get_user_model().objects.create_user("tocns")
    helper = register_helper(
        "tocns",
        unit=WARD_A,
        team="Tổ công nghệ số",
        consent={"method": "vneid_confirmation"},
        actor=coordinator,
    )

    file_many(helper.user, people[:8], at=NIGHT, consent={"method": "vneid_confirmation"})

    assert not Flag.objects.exists()
    assert not SubmitterActivity.objects.exists()


def test_a_registered_lawyer_is_scored_but_not_flagged(coordinator, broker, people):
    services.register_standing(
        [(KeyKind.ACCOUNT, str(broker.pk)), (KeyKind.PHONE, "0987 000 111")],
        actor=coordinator,
        kind="lawyer",
        holder="Văn phòng luật sư A",
        mandate="Hợp đồng dịch vụ pháp lý số 12/2026",
    )

    file_many(broker, people[:8], at=NIGHT, phone="0987000111")

    assert not Flag.objects.exists()
    assert SubmitterActivity.objects.get(key_kind=KeyKind.ACCOUNT).dossiers == 8


def test_a_confirmed_brokers_next_filing_is_marked_for_the_receiving_officer(
    broker, people, inspector, ward_a
):
    file_many(broker, people[:6], at=NIGHT)
    flag = Flag.objects.get(key_kind=KeyKind.ACCOUNT)
    services.confirm_flag(flag.pk, actor=inspector, note="Xác minh: thu tiền của người dân")
    earlier = set(BrokerMark.objects.values_list("dossier_code", flat=True))

    (dossier,) = file_many(broker, held_people(9)[8:], at=NIGHT)

    assert earlier == set()
    assert BrokerMark.objects.get().dossier_code == dossier.code
    officer = Client()
    officer.force_login(ward_a.receiving)
    page = officer.get(f"/workspace/dossiers/{dossier.code}/").content.decode()
    queue = officer.get("/workspace/").content.decode()
    assert "Hồ sơ do cò hồ sơ đã được xác nhận nộp." in page
    assert queue.count("do cò hồ sơ đã xác nhận nộp") == 1  # only the marked filing


def test_the_demo_citizen_files_for_many_without_a_flag(coordinator, people):
    from motcua.demo.integrity import register_demo_citizen

    citizen = get_user_model().objects.create_user("congdan")
    register_demo_citizen(citizen, coordinator=coordinator)

    file_many(citizen, people[:8], at=NIGHT)

    assert not Flag.objects.exists()


def test_accounts_rotated_on_one_device_are_flagged_by_the_device(people):
    """Three accounts, each filing for three people (a household's worth: nothing on its own),
    from one phone's app: the device filed for nine, and is flagged with its reason in words."""
    device = "app-install-7f3a9c2e5b1d"
    accounts = [get_user_model().objects.create_user(f"xoay{i}") for i in range(3)]
    for index, person in enumerate(held_people(9)):
        account = accounts[index // 3]
        data = birth_for(account, person, unit=WARDS[index % 3])
        del data["applicant"]["phone"]  # no shared contact: only the device ties them
        client = APIClient(HTTP_X_MOTCUA_DEVICE=device)
        client.force_authenticate(account)
        with clock.frozen(NIGHT):
            response = client.post("/api/v1/dossiers/", data, format="json")
        assert response.status_code == 201, response.content

    (flag,) = Flag.objects.all()
    assert flag.key_kind == KeyKind.DEVICE
    assert flag.key_value not in (device, "")  # a keyed digest, not the id itself
    assert flag.label == f"#{flag.key_value[:8]}"
    words = both_languages(flag.reasons)[0]
    assert words["en"] == "One device filed online for 9 different applicants in 1 days"
    assert words["vi"].startswith("Một thiết bị đã nộp trực tuyến cho 9 người")


def test_the_portal_gives_the_filing_browser_its_device_cookie(citizen):
    browser = Client()
    browser.force_login(citizen)

    first = browser.get(f"/procedures/{BIRTH}/file/")
    again = browser.get(f"/procedures/{BIRTH}/file/")

    cookie = first.cookies[DEVICE_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert len(cookie.value) >= 16
    assert DEVICE_COOKIE not in again.cookies  # kept, not replaced: the same device stays one
