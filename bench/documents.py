"""Time the document pipeline: render a Vietnamese A4 slip, sign it (PAdES), verify it.

    MOTCUA_VAR_DIR=/tmp/motcua-bench .venv/bin/python bench/documents.py [--runs 40]

Prints p50/p95/max per step in milliseconds. Not a test: numbers go to docs/benchmarks.md.
"""

import argparse
import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("MOTCUA_VAR_DIR", "/tmp/motcua-bench")

import django  # noqa: E402

django.setup()

from motcua.documents import pdf, pki, signing  # noqa: E402

AGENCY = pki.AgencyIdentity("H26.50.00008", "Ủy ban nhân dân phường Ngọc Hà")
CODE = "H26.50.00008-261123-0001"
CONTEXT = {
    "parent_name": "Ủy ban nhân dân phường Ngọc Hà",
    "agency_name": "Trung tâm Phục vụ hành chính công phường Ngọc Hà",
    "signer_name": AGENCY.name,
    "number": CODE,
    "place": "Hà Nội",
    "date_line": "ngày 23 tháng 11 năm 2026",
    "signed_line": "23/11/2026 09:15",
    "qr": pdf.qr_data_uri(f"https://dichvucong.hanoi.gov.vn/track/{CODE}"),
    "code": CODE,
    "point_name": "Trung tâm Phục vụ hành chính công phường Ngọc Hà",
    "applicant": {"full_name": "Nguyễn Thị Hằng Nguyệt", "id_number": "001305012345"},
    "procedure_name": "Thủ tục đăng ký khai sinh",
    "procedure_code": "1.001193",
    "procedure_version": 1,
    "handling_agency": AGENCY.name,
    "channel": "Trực tuyến",
    "online": True,
    "documents": [
        {
            "name": "Tờ khai đăng ký khai sinh",
            "kind": "Mẫu đơn, tờ khai",
            "form": "Bản điện tử",
            "quantity": "01",
        },
        {
            "name": "Giấy chứng sinh",
            "kind": "Bản chính",
            "form": "Bản chụp điện tử",
            "quantity": "01",
        },
    ],
    "time_limit": "01 ngày làm việc",
    "received_line": "09 giờ 15 phút, ngày 23/11/2026",
    "due_line": "09 giờ 15 phút, ngày 24/11/2026",
    "delivery": "trực tuyến",
    "sequence": "0001",
    "filer_name": "Nguyễn Thị Hằng Nguyệt",
    "officer_name": "Hệ thống",
    "track_url": "https://dichvucong.hanoi.gov.vn/track/",
}


def timed(step: Callable[[], object], runs: int) -> tuple[list[float], object]:
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = step()
        times.append((time.perf_counter() - start) * 1000)
    return times, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    runs = parser.parse_args().runs
    pki.ensure_agency(AGENCY)
    pdf.render_pdf("documents/pdf/receipt.html", CONTEXT)  # warm the font cache
    render, slip = timed(lambda: pdf.render_pdf("documents/pdf/receipt.html", CONTEXT), runs)
    sign, signed = timed(
        lambda: signing.sign_pdf(slip, agency=AGENCY, reason="Bench", location=CONTEXT["place"]),
        runs,
    )  # no database here: the place is given, not read from the reference data
    verify, checks = timed(lambda: signing.verify_pdf(signed), runs)
    assert [c.verdict for c in checks] == ["valid"]
    print(f"runs={runs} slip={len(slip)} B signed={len(signed)} B")
    print("| step | p50 ms | p95 ms | max ms |")
    print("| --- | --- | --- | --- |")
    for name, values in (
        ("render (WeasyPrint)", render),
        ("sign (pyHanko PAdES)", sign),
        ("verify", verify),
    ):
        ordered = sorted(values)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(f"| {name} | {statistics.median(ordered):.0f} | {p95:.0f} | {ordered[-1]:.0f} |")


if __name__ == "__main__":
    main()
