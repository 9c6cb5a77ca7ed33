"""Reads of payments: accounts an official may see, late agencies, collections, reviews."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import BytesIO

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from openpyxl import Workbook

from motcua.catalog.models import ProcedureVersion, VersionStatus
from motcua.core.errors import Forbidden
from motcua.core.spreadsheets import append_row
from motcua.dossiers.models import Dossier
from motcua.geography.models import Agency
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.payments.models import (
    AccountStatus,
    FeeAccount,
    Payment,
    ReviewItem,
    SubmissionDeadline,
)

OVERSEERS = {Role.COORDINATOR, Role.INSPECTOR, Role.SYSTEM}


def _agency_ids(user: AbstractBaseUser) -> set[int] | None:
    """The agencies whose money the user may see; None means all (the centre)."""
    scope = official_scope(user)
    if OVERSEERS & scope.city_roles:
        return None
    if not scope.roles_at_agency:
        raise Forbidden()
    return set(scope.roles_at_agency)


def visible_accounts(user: AbstractBaseUser) -> QuerySet[FeeAccount]:
    accounts = FeeAccount.objects.select_related("agency")
    agencies = _agency_ids(user)
    return accounts if agencies is None else accounts.filter(agency__in=agencies)


def collecting_agencies() -> QuerySet[Agency]:
    """Agencies that resolve at least one published procedure with a fee: they must collect."""
    roles = (
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED, fees__amount_vnd__gt=0)
        .values_list("agency_role", flat=True)
        .distinct()
    )
    return Agency.objects.filter(role__in=list(roles)).order_by("code")


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: SubmissionDeadline
    late: list[Agency]
    on_time: int


def deadlines() -> QuerySet[SubmissionDeadline]:
    return SubmissionDeadline.objects.order_by("-due_on")


def deadline_status(deadline: SubmissionDeadline) -> DeadlineStatus:
    """Who had not submitted any account by the end of the deadline's day."""
    end = timezone.make_aware(datetime.combine(deadline.due_on, time.max))
    submitted = FeeAccount.objects.filter(submitted_at__lte=end).values("agency")
    agencies = collecting_agencies()
    late = list(agencies.exclude(pk__in=submitted))
    return DeadlineStatus(deadline, late, agencies.count() - len(late))


def payments_in(user: AbstractBaseUser, start: date, end: date) -> QuerySet[Payment]:
    since = timezone.make_aware(datetime.combine(start, time.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    payments = Payment.objects.filter(paid_at__gte=since, paid_at__lt=until)
    agencies = _agency_ids(user)
    if agencies is not None:
        payments = payments.filter(request__dossier__handling_agency__in=agencies)
    return payments


def collections(user: AbstractBaseUser, start: date, end: date) -> dict[str, list[dict]]:
    """Money collected per agency per day and per procedure, in the user's scope."""
    payments = payments_in(user, start, end).order_by()
    by_day = (
        payments.annotate(day=TruncDate("paid_at", tzinfo=timezone.get_current_timezone()))
        .values("request__dossier__handling_agency__code", "day")
        .annotate(count=Count("pk"), amount_vnd=Sum("amount_vnd"))
        .order_by("request__dossier__handling_agency__code", "day")
    )
    by_procedure = (
        payments.values("request__dossier__procedure_version__procedure__code")
        .annotate(count=Count("pk"), amount_vnd=Sum("amount_vnd"))
        .order_by("request__dossier__procedure_version__procedure__code")
    )
    return {
        "by_agency_day": [
            {
                "agency": r["request__dossier__handling_agency__code"],
                "day": r["day"].isoformat(),
                "count": r["count"],
                "amount_vnd": r["amount_vnd"],
            }
            for r in by_day
        ],
        "by_procedure": [
            {
                "procedure": r["request__dossier__procedure_version__procedure__code"],
                "count": r["count"],
                "amount_vnd": r["amount_vnd"],
            }
            for r in by_procedure
        ],
    }


def open_reviews(user: AbstractBaseUser) -> QuerySet[ReviewItem]:
    """Transfers reconciliation could not settle; an agency sees those naming its dossiers."""
    reviews = ReviewItem.objects.filter(resolved_at__isnull=True)
    agencies = _agency_ids(user)
    if agencies is None:
        return reviews
    mine = Dossier.objects.filter(handling_agency__in=agencies).values("code")
    return reviews.filter(dossier_code__in=mine)


def report_xlsx(user: AbstractBaseUser, start: date, end: date) -> bytes:
    """The collections and the transfers left to review, as an Excel workbook."""
    data = collections(user, start, end)
    book = Workbook()
    sheet = book.active
    sheet.title = "Theo đơn vị, ngày"
    append_row(sheet, ["Cơ quan", "Ngày", "Số giao dịch", "Số tiền (đồng)"])
    for row in data["by_agency_day"]:
        append_row(sheet, [row["agency"], row["day"], row["count"], row["amount_vnd"]])
    sheet = book.create_sheet("Theo thủ tục")
    append_row(sheet, ["Mã thủ tục", "Số giao dịch", "Số tiền (đồng)"])
    for row in data["by_procedure"]:
        append_row(sheet, [row["procedure"], row["count"], row["amount_vnd"]])
    sheet = book.create_sheet("Cần đối soát")
    append_row(sheet, ["Loại", "Nguồn", "Tham chiếu", "Số tiền (đồng)", "Mã hồ sơ", "Nội dung"])
    for item in open_reviews(user).order_by("created_at"):  # the bank's text: written as text
        append_row(
            sheet,
            [
                item.get_kind_display(),
                item.provider,
                item.reference,
                item.amount_vnd,
                item.dossier_code,
                item.note,
            ],
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def payments_between(start: datetime, end: datetime) -> QuerySet[Payment]:
    """Return the payments received in [start, end), unordered (for set-based reports)."""
    return Payment.objects.filter(paid_at__gte=start, paid_at__lt=end).order_by()


def agencies_with_approved_account() -> set[int]:
    """Return the agencies whose fee-collection account the centre approved (readiness)."""
    approved = FeeAccount.objects.filter(status=AccountStatus.APPROVED)
    return set(approved.values_list("agency_id", flat=True))
