"""The national portal's pages read into the catalog: the rules over real samples, the whole
crawl's figures, and an import whose API shows what the pages say."""

import json
import random
import re
import shutil
from pathlib import Path

import pytest

from motcua.catalog import packaged, portal, services

RAW = Path(__file__).resolve().parents[2].parent / "shared/data/sources/chatbot_tthc/raw"
needs_crawl = pytest.mark.skipif(
    not RAW.is_dir(), reason="the crawl lives in ../shared beside the clone"
)
HEAD = "Hình thức nộpThời gianPhí, lệ phíMô tả"


# --- the execution table (real cells of the crawl) -----------------------------------------


def test_each_channel_gets_its_time_limit_and_fee():
    rows, problems = portal.parse_channels(
        HEAD + "Trực tuyến2 Ngày làm việc70,000 VNĐ(70.000 đồng/Giấy chứng nhận)"
        "Dịch vụ bưu chính2 Ngày làm việc70,000 VNĐ(70.000 đồng/Giấy chứng nhận)"
        "Trực tiếp15 NgàyMiễn phí"
    )

    assert problems == []
    assert [(r["channel"], r["limit"]["value"], r["limit"]["unit"]) for r in rows] == [
        ("online", 2, "working_days"),
        ("post", 2, "working_days"),
        ("in_person", 15, "days"),
    ]
    assert rows[0]["fees"] == [{"amount_vnd": 70000, "condition": "70.000 đồng/Giấy chứng nhận"}]
    assert rows[2]["fees"] == [{"amount_vnd": 0, "condition": ""}]


def test_a_number_without_its_unit_is_kept_but_unverified():
    rows, _problems = portal.parse_channels(HEAD + "Trực tuyến1Miễn phíTrực tiếp1Miễn phí")

    assert rows[0]["limit"] == {
        "value": 1,
        "unit": "working_days",
        "state": "unverified",
        "text": "1",
    }


def test_a_free_cell_next_to_amounts_is_an_unverified_fee_without_an_amount():
    page = {
        "ma_thu_tuc": "3.000340",
        "ten_thu_tuc": "Thủ tục thử",
        "linh_vuc": "Hàng không",
        "cap_thuc_hien": "Cấp bộ",
        "cach_thuc_thuc_hien": HEAD + "Trực tuyến12 NgàyMiễn phí(Cho một loại hình sản phẩm "
        "hoặc dịch vụ: 8.000.000/lần; thêm một loại hình sản phẩm hoặc dịch vụ: 2.000.000/lần.)",
    }

    parsed = portal.parse_page(page, "bo-cong-an")

    (fee,) = parsed.record["fees"]
    assert (fee["amount_vnd"], fee["state"]) == (None, "unverified")
    assert "8.000.000/lần" in fee["condition"]
    assert "fee_contradicts_its_text" in parsed.reasons
    assert (parsed.record["handled_by_city"], parsed.record["agency_role"]) == (False, "ministry")


def test_a_time_limit_stated_only_in_the_description_is_read_from_it():
    rows, _ = portal.parse_channels(
        HEAD + "Trực tuyếnKhông có thông tinMiễn phí05 (năm) ngày làm việc kể từ ngày nhận hồ sơ"
    )
    assert (rows[0]["limit"]["value"], rows[0]["limit"]["state"]) == (5, "from_source")


# --- documents --------------------------------------------------------------------------------


def test_documents_with_templates_copies_and_conditions():
    text = (
        "--Tên giấy tờMẫu đơn, tờ khaiSố lượngDự thảo Điều lệ của công ty luật1 bản chính"
        "Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư.0 bản chính,1 bản sao"
        "Giấy đề nghị đăng ký hoạt động theo mẫu thống nhấtMẫu TP-LS-02-sđ.docx1 bản chính"
        "- Giấy chứng nhận kiểm dịch động vật (nếu có);1 bản chính"
        "Đơn đề nghị cấp lại Giấy chứng nhậnMẫu đơn xin cấp lại (gia hạn) Giấy chứng nhận.docx"
        "1 bản chính"
        "- Bản sao giấy tờ đăng ký phương tiện được đóng mới sau ngày 01/01/20051 bản chính"
    )

    documents, problems = portal.parse_documents(text)

    assert problems == []
    assert [d["kind"] for d in documents] == [
        "original",
        "copy",
        "form",
        "original",
        "form",
        "original",
    ]
    assert documents[2]["form_template"] == "Mẫu TP-LS-02-sđ.docx"
    assert documents[2]["name"] == "Giấy đề nghị đăng ký hoạt động theo mẫu thống nhất"
    assert (documents[3]["required"], documents[3]["condition"]) == (False, "nếu có")
    assert documents[4]["form_template"] == "Mẫu đơn xin cấp lại (gia hạn) Giấy chứng nhận.docx"
    assert documents[5]["name"].endswith("01/01/2005")
    assert documents[5]["quantity"] == 1


def test_national_data_replaces_a_document_only_where_the_page_says_so():
    says = (
        "* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng- Giấy tờ chứng minh nơi cư trú. "
        "Trường hợp các thông tin đã được khai thác từ Cơ sở dữ liệu quốc gia về dân cư thì người "
        "có yêu cầu không phải xuất trình.1 bản chính- Giấy chứng nhận kết hôn1 bản chính"
    )

    documents, _ = portal.parse_documents(says)

    assert [d["replaceable_by"] for d in documents] == ["population_db", ""]
    assert documents[0]["condition"].startswith("Trường hợp các thông tin")


# --- the other sections -------------------------------------------------------------------------


def test_legal_basis_results_applicants_and_levels():
    legal, complete = portal.parse_legal_basis(
        "Tên văn bản pháp lýMã văn bảnLuật 60/2014/QH1360/2014/QH13"
        "Thông tư hướng dẫn Luật hộ tịch04/2020/TT-BTP"
    )
    names, codes = portal.parse_result(
        "Trích lục khai tửMã: KQ.G15.000034Từ khóaKhông có thông tinMô tả"
    )

    assert complete
    assert legal == [
        "Luật 60/2014/QH13",
        "Thông tư hướng dẫn Luật hộ tịch (04/2020/TT-BTP)",
    ]
    assert (names, codes) == (["Trích lục khai tử"], ["KQ.G15.000034"])
    assert portal.parse_applicants(
        "Công dân Việt Nam, Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX), "
        "Doanh nghiệp có vốn đầu tư nước ngoài"
    ) == ["citizens", "enterprises", "organisations", "foreign_invested_enterprises"]
    assert portal.parse_level("Cấp bộ, Cấp tỉnh, Cấp xã") == ("commune", True)
    assert portal.parse_level("Cấp bộ, Cấp tỉnh") == ("city", True)
    assert portal.parse_level("Cấp bộ") == ("city", False)


# --- the whole crawl ------------------------------------------------------------------------


@needs_crawl
def test_the_whole_crawl_parses_to_the_figures_of_docs_catalog():
    pages = [portal.parse_page(page, folder) for folder, page in portal.read_pages(RAW)]
    totals = portal.parse_report(pages)["totals"]

    assert totals["pages"] == 2642
    assert totals["identity"] == totals["pages"]  # code, name, field and level: 100%
    assert totals["time_limit"] / totals["pages"] >= 0.95
    assert totals["documents"] / totals["pages"] >= 0.95


def _sample(tmp_path: Path, size: int = 30) -> list[Path]:
    chosen = random.Random(18).sample(sorted(RAW.glob("*/*.json")), size)
    for path in chosen:
        target = tmp_path / path.parent.name
        target.mkdir(exist_ok=True)
        shutil.copy(path, target / path.name)
    return chosen


# An independent reader of the execution table, simpler than catalog/portal's rules: each row
# starts with its channel, then the number and the unit of its time limit; an amount is written
# "10,000 Việt Nam Đồng" or "100,000 VNĐ".
_PAGE_ROW = re.compile(
    r"(Trực tuyến|Dịch vụ bưu chính|Trực tiếp)(\d+)( Ngày làm việc| Ngày| Giờ làm việc| Giờ)?"
)
_PAGE_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+) (?:Việt Nam Đồng|VNĐ)")
_CHANNEL_WORDS = {"Trực tuyến": "online", "Dịch vụ bưu chính": "post", "Trực tiếp": "in_person"}
_UNIT_WORDS = {
    " Ngày làm việc": ("working_days", "from_source"),
    " Ngày": ("days", "from_source"),
    " Giờ làm việc": ("working_hours", "from_source"),
    " Giờ": ("working_hours", "unverified"),  # hours, not said to be working hours
    "": ("working_days", "unverified"),  # a bare number (Decree 61/2018: working days)
}


def _page_says(table: str) -> tuple[list[tuple[str, int, str, str]], set[int]]:
    """(channel, value, unit, state) of every row of the table, and the amounts it states."""
    rows = [
        (_CHANNEL_WORDS[channel], int(value), *_UNIT_WORDS[unit])
        for channel, value, unit in _PAGE_ROW.findall(table)
    ]
    amounts = {int(a.replace(",", "")) for a in _PAGE_AMOUNT.findall(table)}
    return rows, amounts


@needs_crawl
@pytest.mark.django_db(transaction=False)
def test_the_api_shows_the_time_limits_and_fees_of_30_random_pages(tmp_path, api):
    chosen = _sample(tmp_path)
    curated = {record["code"] for record in packaged.packaged_records()}

    first = services.import_portal(tmp_path)
    again = services.import_portal(tmp_path)

    assert not first.failed
    assert first.created + first.updated == 30
    assert (again.created, again.updated) == (0, 0)  # idempotent
    checked_limits = checked_fees = 0
    for path in chosen:
        page = json.loads(path.read_text("utf-8"))
        table = page["cach_thuc_thuc_hien"].split("Mô tả", 1)[-1]
        body = api.get(f"/api/v1/procedures/{page['ma_thu_tuc']}/").json()
        assert body["portal_url"] == page["detail_url"]
        rows, amounts = _page_says(table)
        shown = [
            (limit["channel"], limit["value"], limit["unit"], limit["state"])
            for limit in body["time_limits"]
            if limit["value"] is not None
        ]
        # Every row the page states, as the page states it, and nothing else.
        assert sorted(shown) == sorted(rows), page["ma_thu_tuc"]
        checked_limits += len(rows)
        if page["ma_thu_tuc"] in curated:
            continue  # its fees are the curated file's (tests/catalog/test_public_facts.py)
        charged = {fee["amount_vnd"] for fee in body["fees"] if fee["amount_vnd"]}
        assert charged == amounts, page["ma_thu_tuc"]
        checked_fees += len(amounts)
        if any(fee["amount_vnd"] == 0 for fee in body["fees"]):
            assert "Miễn phí" in table
    assert checked_limits >= 30
    assert checked_fees >= 1


@needs_crawl
def test_a_curated_procedure_keeps_its_facts_and_gains_the_pages(tmp_path, api):
    folder = tmp_path / "bo-tu-phap"
    folder.mkdir()
    shutil.copy(RAW / "bo-tu-phap/1.001193.json", folder)

    services.import_portal(tmp_path)
    body = api.get("/api/v1/procedures/1.001193/").json()

    assert body["source"] == "curated"
    assert body["time_limit"] == {
        "value": 1,
        "unit": "working_days",
    }
    assert [f["amount_vnd"] for f in body["fees"]] == [0, 5000, 8000]
    assert body["applicants"]
    assert body["portal_url"].startswith("https://dichvucong.gov.vn/")
    assert {limit["channel"] for limit in body["time_limits"]} == {"online", "post", "in_person"}
