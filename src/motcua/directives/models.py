"""Directives: tasks that the centre (or the city) assigns to agencies with a deadline; each
assignee reports progress, difficulties and proposals; overdue ones are urged once a day."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Issuer(models.TextChoices):
    CENTRE = "centre", _("Public Administrative Service Centre")
    CITY = "city", _("City People's Committee")


class Directive(models.Model):
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("what is to be done"), blank=True)
    theme = models.CharField(_("theme"), max_length=80)
    issued_by = models.CharField(_("issued by"), max_length=10, choices=Issuer.choices)
    issuer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issuing official"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField(_("deadline"))
    created_at = models.DateTimeField(_("issued at"))

    class Meta:
        db_table = "monitoring_directive"  # the table it had in monitoring
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["deadline", "id"]
        constraints = [
            models.UniqueConstraint(fields=["title", "deadline"], name="directive_title_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class AssignmentStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Assignment(models.Model):
    """One assignee agency's share of a directive."""

    directive = models.ForeignKey(Directive, on_delete=models.PROTECT, related_name="assignments")
    agency = models.ForeignKey(
        "geography.Agency",
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        related_name="directive_assignments",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.OPEN,
    )
    progress_percent = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    last_report_at = models.DateTimeField(_("last report at"), null=True, blank=True)

    class Meta:
        db_table = "monitoring_assignment"  # the table it had in monitoring
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["directive__deadline", "agency__code"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "agency"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.directive_id} → {self.agency_id}"


class ProgressReport(models.Model):
    """What an assignee reported: how far along, what stands in the way, what it proposes."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="reports")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"))
    progress_percent = models.PositiveSmallIntegerField(_("progress (per cent)"))
    progress = models.TextField(_("progress"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)

    class Meta:
        db_table = "monitoring_progressreport"  # the table it had in monitoring
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["reported_at", "id"]

    def __str__(self) -> str:
        return f"{self.assignment_id} @ {self.reported_at:%Y-%m-%d}"


class Urge(models.Model):
    """A reminder sent about an overdue assignment: at most one a day (the constraint)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="urges")
    urged_on = models.DateField(_("urged on"))
    recipients = models.PositiveSmallIntegerField(_("officials e-mailed"), default=0)
    created_at = models.DateTimeField(_("sent at"))

    class Meta:
        db_table = "monitoring_urge"  # the table it had in monitoring
        verbose_name = _("urge")
        verbose_name_plural = _("urges")
        ordering = ["-urged_on"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "urged_on"], name="urge_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.urged_on}"
