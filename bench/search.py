"""Procedure search over the whole catalog (docs/benchmarks.md): p50/p95 of residents' queries.

    .venv/bin/python bench/search.py [--size 2642] [--repeats 20]
    DATABASE_URL=postgres://… .venv/bin/python bench/search.py

It makes a throwaway SQLite database (or uses DATABASE_URL, adding to what is there), loads the
packaged catalog, then the national portal's raw pages (`shared/data/sources/chatbot_tthc/raw`,
names, fields, levels and channels only) as published procedures up to `--size` procedures in
all, unless the catalog already holds them. It times the index build after a publication, then
each query of QUERIES `--repeats` times: the search with its first page of 20 procedures read
(what the portal and the API do), and the whole request to the portal page and to the API.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "sources" / "chatbot_tthc" / "raw"

# Residents' words, with and without marks, and a few that find nothing.
QUERIES = [
    "làm sổ đỏ",
    "lam so do",
    "cấp lại căn cước",
    "cap lai can cuoc",
    "bằng lái xe bị mất",
    "bang lai xe bi mat",
    "giấy khai sinh cho con",
    "làm căn cước",
    "đăng ký kết hôn",
    "dang ky tam tru",
    "tách sổ",
    "mở quán cà phê",
    "chứng thực bản sao",
    "đăng ký thành lập công ty tnhh",
    "giấy phép xây dựng nhà ở",
    "lý lịch tư pháp",
    "thủ tục hải quan",
    "cấp phép khai thác khoáng sản",
    "xyz không có gì",
    "birth registration",
]


def setup(var_dir: str) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var_dir}/search-bench.sqlite3")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="motcua.settings", MOTCUA_VAR_DIR=var_dir, MOTCUA_LOG_LEVEL="ERROR"
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the shared cache (throttles, kept values)
    from motcua.catalog import packaged
    from motcua.catalog.models import Procedure
    from motcua.catalog.services import import_catalog

    if not Procedure.objects.exists():
        import_catalog(packaged.packaged_records())


def _level(page: dict) -> str:
    return "commune" if "xã" in page.get("cap_thuc_hien", "") else "city"


def _online(page: dict) -> str:
    return "partial" if "Trực tuyến" in (page.get("cach_thuc_thuc_hien") or "") else "none"


def load_raw_pages(size: int, directory: Path = RAW) -> int:
    """Publish raw portal pages as procedures (name, field, level, channel) until the catalog
    holds `size` procedures; the codes it already has are kept. Return how many were added."""
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from motcua.catalog.models import Field, Procedure, ProcedureVersion, VersionStatus

    have = set(Procedure.objects.values_list("code", flat=True))
    wanted = max(size - len(have), 0)
    pages = []
    for path in sorted(directory.glob("*/*.json")):
        if len(pages) >= wanted:
            break
        page = json.loads(path.read_text("utf-8"))
        code = page.get("ma_thu_tuc") or path.stem
        if code in have or not page.get("ten_thu_tuc"):
            continue
        have.add(code)
        pages.append(page)
    with transaction.atomic():
        fields = {f.code: f for f in Field.objects.all()}
        for page in pages:
            name = page.get("linh_vuc") or "Khác"
            code = slugify(name)[:100] or "khac"
            if code not in fields:
                fields[code] = Field.objects.create(code=code, name=name)
        procedures = Procedure.objects.bulk_create(
            Procedure(code=page.get("ma_thu_tuc")) for page in pages
        )
        if procedures and procedures[0].pk is None:  # backends that return no ids
            by_code = dict(Procedure.objects.values_list("code", "pk"))
            for procedure in procedures:
                procedure.pk = by_code[procedure.code]
        now = timezone.now()
        ProcedureVersion.objects.bulk_create(
            ProcedureVersion(
                procedure=procedure,
                number=1,
                status=VersionStatus.PUBLISHED,
                name=page["ten_thu_tuc"],
                field=fields[slugify(page.get("linh_vuc") or "Khác")[:100] or "khac"],
                level=_level(page),
                agency_role="",
                result=(page.get("ket_qua_xu_ly") or "").split("Mã:")[0][:500],
                online=_online(page),
                published_at=now,
            )
            for procedure, page in zip(procedures, pages, strict=True)
        )
    return len(pages)


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def measure(repeats: int, queries: list[str] = QUERIES) -> dict[str, tuple[float, float, float]]:
    """Return (p50, p95, max) in ms of the index build, the search and the two requests."""
    from django.test import Client

    from motcua.catalog import search, selectors

    builds = []
    for _ in range(3):
        start = time.perf_counter()
        search.build_index()
        builds.append((time.perf_counter() - start) * 1000)
    search.current_index()  # built once, as after a publication
    client = Client()
    timings: dict[str, list[float]] = {"search + first page": [], "portal page": [], "API": []}
    for _ in range(repeats):
        for q in queries:
            start = time.perf_counter()
            list(selectors.search_procedures(q=q)[:20])
            timings["search + first page"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            assert (
                client.get("/procedures/", {"q": q}, HTTP_ACCEPT_LANGUAGE="vi").status_code == 200
            )
            timings["portal page"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            assert client.get("/api/v1/procedures/", {"q": q}).status_code == 200
            timings["API"].append((time.perf_counter() - start) * 1000)
    result = {"index build": _percentiles(builds)}
    result.update({name: _percentiles(samples) for name, samples in timings.items()})
    return result


def run(size: int, repeats: int) -> dict[str, tuple[float, float, float]]:
    """Load the catalog up to `size` procedures and measure (the test suite's smoke run too)."""
    from motcua.catalog.models import ProcedureVersion, VersionStatus

    added = load_raw_pages(size)
    published = ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).count()
    print(f"{published} published procedures ({added} added from the raw pages)")
    result = measure(repeats)
    print(f"{'what':<22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, (p50, p95, worst) in result.items():
        print(f"{name:<22} {p50:8.1f} {p95:8.1f} {worst:8.1f}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2642, help="procedures in the catalog")
    parser.add_argument("--repeats", type=int, default=20, help="runs of the query set")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        setup(var_dir)
        start = time.perf_counter()
        run(args.size, args.repeats)
        print(f"done in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
