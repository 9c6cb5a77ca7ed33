"""The applicant follows the paper result by post in a real browser (issue 25 item 1): the
public tracking page (the receipt's QR) shows the tracking number, each status, the postage the
city pays under Resolution 77/2025, and no name."""

import threading

from django.db import connections

import pytest
from playwright.sync_api import expect

from motcua.delivery.models import PostalOrder
from motcua.integrations.delivery import deliver_outbox
from tests.browser.checks import check_page
from tests.builders.dossiers import ID_NUMBER, WARD_A, WARD_B, make_ward
from tests.delivery.test_results_by_post import PROOF, _callback, _signed


def _off_the_event_loop(work):
    """Run `work` in a thread of its own on this test's connection: signing a PDF runs an
    asyncio loop of its own, which Playwright's running loop in this thread forbids."""
    main = connections["default"]
    main.inc_thread_sharing()
    outcome: dict = {}

    def target() -> None:
        connections["default"] = main
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 (raised again below, in the test's thread)
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(120)
    main.dec_thread_sharing()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture
def delivered(site, citizen, settings):
    settings.MOTCUA_RESULTS_BY_POST_FROM = "2026-01-01"

    def work() -> tuple[str, str]:
        make_ward(WARD_A)
        ward_b = make_ward(WARD_B)
        dossier = _signed(citizen, ward_b)
        deliver_outbox()
        tracking = PostalOrder.objects.get(dossier__code=dossier["code"]).tracking_number
        _callback(tracking, "in_transit", note="Bưu cục Ba Đình")
        _callback(tracking, "delivered", proof=PROOF)
        return dossier["code"], tracking

    return _off_the_event_loop(work)


def test_the_applicant_tracks_the_result_by_post(people, site, delivered):
    code, tracking = delivered
    page = people()
    page.goto(f"{site}/track/{code}?id_last4={ID_NUMBER[-4:]}")

    postal = page.locator("#postal")
    expect(postal).to_contain_text(tracking)
    expect(postal).to_contain_text("Đã phát thành công")
    expect(postal).to_contain_text("Thành phố chi trả")
    expect(postal).to_contain_text("Bưu cục Ba Đình")
    expect(page.locator("main")).not_to_contain_text("Nguyễn Văn An")
    check_page(page, "postal-tracking")
