"""Search in residents' words over the whole catalog: the portal's page and the API alike.

The whole catalog is the 56 curated procedures and every other page of the national portal's
crawl (names, fields, levels, channels), loaded as bench/search.py loads them.
"""

import importlib.util
import re
from pathlib import Path

import pytest

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import create_draft, publish_version

BENCH = Path(__file__).resolve().parents[2] / "bench" / "search.py"
spec = importlib.util.spec_from_file_location("bench_search", BENCH)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

LAND_FIRST = "1.013978"  # Đăng ký đất đai … cấp Giấy chứng nhận … lần đầu (hộ gia đình, cá nhân)
ID_CARD_AGAIN = "1.014064"  # Cấp lại thẻ căn cước
LICENCE_AGAIN = "3.000348"  # Cấp lại giấy phép lái xe

RESIDENTS = [
    ("làm sổ đỏ", LAND_FIRST),
    ("lam so do", LAND_FIRST),
    ("cấp lại căn cước", ID_CARD_AGAIN),
    ("bằng lái xe bị mất", LICENCE_AGAIN),
]


@pytest.fixture
def whole_catalog(db):
    assert bench.load_raw_pages(5000) > 2500


def _portal_codes(client, **params) -> list[str]:
    page = client.get("/procedures/", params, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    results = page.split('<ul class="results">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="/procedures/([^/"]+)/"', results)


def _api_codes(api, **params) -> list[str]:
    return [p["code"] for p in api.get("/api/v1/procedures/", params).json()["results"]]


def test_residents_words_find_the_procedure_in_the_top_3_on_the_portal(whole_catalog, client):
    found = {q: _portal_codes(client, q=q)[:3] for q, _ in RESIDENTS}

    assert found == {q: found[q] for q, code in RESIDENTS if code in found[q]}, found


def test_residents_words_find_the_procedure_in_the_top_3_over_the_api(whole_catalog, api):
    found = {q: _api_codes(api, q=q)[:3] for q, _ in RESIDENTS}

    assert found == {q: found[q] for q, code in RESIDENTS if code in found[q]}, found


def test_the_filters_narrow_a_search_by_level_field_and_channel(whole_catalog, client, api):
    everywhere = _api_codes(api, q="giấy phép lái xe", page_size=500)
    city = _api_codes(api, q="giấy phép lái xe", level="city", page_size=500)
    commune = _portal_codes(client, q="căn cước", level="commune")
    field = _portal_codes(client, q="cấp lại", field="cap-quan-ly-can-cuoc")
    online = _api_codes(api, q="khai sinh", online="none")

    assert LICENCE_AGAIN in city
    assert len(city) < len(everywhere)
    assert ID_CARD_AGAIN in commune
    assert "2.001194" not in commune
    assert ID_CARD_AGAIN in field
    assert LICENCE_AGAIN not in field
    assert "2.001023" in online
    assert "1.001193" not in online


def test_nothing_found_offers_the_closest_names_popular_ones_the_assistant_and_the_hotline(
    db, client
):
    page = client.get("/procedures/", {"q": "khaisinh"}, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    nothing = client.get("/procedures/", {"q": "qwzx"}, HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    assert "0 thủ tục" in page
    assert "Có phải bạn tìm" in page
    closest = page.split("Có phải bạn tìm", 1)[1].split("</ul>", 1)[0]
    assert "/procedures/1.001193/" in closest  # đăng ký khai sinh
    assert "Thủ tục được nộp nhiều nhất" in nothing
    assert 'href="#assistant"' in nothing
    assert 'href="tel:1022"' in nothing


def test_a_procedure_published_now_is_found_at_the_next_search(api, admin_user):
    assert _api_codes(api, q="lam so do")  # the index of the catalog as it was
    version = ProcedureVersion.objects.get(procedure__code="1.010041", status="published")
    draft = create_draft(version, actor=admin_user)
    draft.name = "Xác nhận nơi cư trú cho lữ khách"
    draft.save()
    publish_version(draft, actor=admin_user)

    assert _api_codes(api, q="lu khach") == ["1.010041"]


def test_the_search_bench_runs_at_a_tiny_size(db, capsys):
    bench.run(size=80, repeats=1)

    assert "search + first page" in capsys.readouterr().out
