"""Demo directives and readiness figures: the three tasks of the two-tier reform's first month
(July 2025) with some reports, and resources for every ward's service point. Idempotent."""

import random
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from motcua.core import clock
from motcua.demo.dossiers import create_demo_officials
from motcua.directives import services as directive_services
from motcua.directives.models import Assignment, Directive, Issuer
from motcua.geography.models import Agency, AgencyKind, ServicePoint
from motcua.readiness import services as readiness_services
from motcua.readiness.models import PointResources

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

DIRECTIVES = [
    (
        "Đăng ký tài khoản thu phí, lệ phí với Trung tâm",
        "Thu phí, lệ phí",
        date(2025, 7, 22),
        "Mỗi đơn vị giải quyết thủ tục có phí, lệ phí gửi tài khoản chuyên thu để Trung tâm "
        "phê duyệt, làm cơ sở mở thanh toán trực tuyến.",
    ),
    (
        "Hoàn thành cấu hình thủ tục hành chính trên hệ thống",
        "Cấu hình thủ tục",
        date(2025, 7, 25),
        "Rà soát, cấu hình đầy đủ thành phần hồ sơ, phí, quy trình nội bộ của thủ tục cấp xã.",
    ),
    (
        "Tập huấn cán bộ tại tất cả điểm phục vụ hành chính công",
        "Đào tạo, tập huấn",
        date(2025, 7, 25),
        "Tổ chức tập huấn sử dụng hệ thống cho toàn bộ cán bộ tiếp nhận, xử lý hồ sơ.",
    ),
]
# (ward, directive index, day in July 2025, progress, difficulties, proposals)
REPORTS = [
    ("00070", 0, 18, 100, "", ""),
    (
        "00008",
        0,
        21,
        60,
        "Kho bạc chưa cấp mã chương cho phường mới sau sáp nhập.",
        "Đề nghị Sở Tài chính hướng dẫn mã chương, tiểu mục cho phường mới.",
    ),
    (
        "00004",
        1,
        23,
        70,
        "Thiếu cán bộ am hiểu quy trình nội bộ; nhiều thủ tục thay đổi sau ngày 01/7.",
        "Đề nghị Trung tâm cử cán bộ hỗ trợ cấu hình trực tiếp trong tuần cuối tháng 7.",
    ),
    ("00070", 1, 24, 100, "", ""),
    (
        "00008",
        2,
        20,
        40,
        "Phòng máy chưa đủ máy tính; cán bộ từ các phường cũ chuyển về chưa quen hệ thống.",
        "Đề nghị bổ sung 5 máy tính và tổ chức thêm một buổi tập huấn trực tuyến.",
    ),
    ("00004", 2, 22, 100, "Đường truyền chậm trong giờ cao điểm.", "Nâng cấp băng thông."),
]


def _at(day: int) -> datetime:
    return datetime.combine(date(2025, 7, day), time(16, 0), tzinfo=HANOI)


def load_demo_directives() -> int:
    """Issue the three directives (if not yet) and their demo reports; return how many new."""
    officials = create_demo_officials()
    coordinator = get_user_model().objects.get(username="dieuphoi")
    wards = list(Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE).order_by("code"))
    made = 0
    for index, (title, theme, deadline, body) in enumerate(DIRECTIVES):
        if Directive.objects.filter(title=title, deadline=deadline).exists():
            continue
        with clock.frozen(datetime.combine(date(2025, 7, 8 + index), time(9), tzinfo=HANOI)):
            directive_services.issue_directive(
                actor=coordinator,
                title=title,
                body=body,
                theme=theme,
                issued_by=Issuer.CITY if index == 2 else Issuer.CENTRE,
                deadline=deadline,
                agencies=wards,
            )
        made += 1
        for ward, which, day, percent, difficulties, proposals in REPORTS:
            if which != index:
                continue
            assignment = Assignment.objects.get(
                directive__title=title, agency__role="commune_committee", agency__unit__code=ward
            )
            with clock.frozen(_at(day)):
                directive_services.report_progress(
                    assignment,
                    actor=officials.by_ward[ward]["handling"],
                    progress_percent=percent,
                    progress="Đã triển khai theo kế hoạch." if percent < 100 else "Đã hoàn thành.",
                    difficulties=difficulties,
                    proposals=proposals,
                )
    return made


def load_demo_readiness(*, seed: int = 2025) -> int:
    """Record resources and a training for every ward's point that has none; return how many."""
    coordinator = get_user_model().objects.get(username="dieuphoi")
    rng = random.Random(seed)
    done = set(PointResources.objects.values_list("service_point_id", flat=True))
    made = 0
    for point in ServicePoint.objects.filter(code__startswith="MC-").order_by("code"):
        counters = rng.randint(2, 6)
        staff = counters + rng.randint(-1, 4)
        figures = {
            "staff": max(staff, 1),
            "trained_staff": rng.randint(max(staff, 1) // 2, max(staff, 1)),
            "counters": counters,
            "scanners": max(counters - rng.randint(0, 2), 0),
            "computers": counters + rng.randint(-1, 2),
            "signature_devices": rng.randint(0, 2),
            # Most of Hanoi's wards and communes of 1 July 2025 were formed from several.
            "merged_units": rng.choice([0, 2, 2, 3, 3, 4, 5]),
        }
        session_day, attendees = rng.randint(10, 28), figures["trained_staff"]
        if point.pk in done:
            continue
        with clock.frozen(_at(session_day)):
            readiness_services.record_resources(point, actor=coordinator, **figures)
            if attendees:
                readiness_services.record_training(
                    point,
                    actor=coordinator,
                    held_on=date(2025, 7, session_day),
                    topic="Sử dụng hệ thống một cửa điện tử",
                    attendees=attendees,
                )
        made += 1
    return made
