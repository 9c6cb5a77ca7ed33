"""Inspection cases the Civil Service Inspection Team opens on a unit (DOMAIN G3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class InspectionCase(models.Model):
    agency = models.ForeignKey(
        "geography.Agency",
        verbose_name=_("unit inspected"),
        on_delete=models.PROTECT,
        related_name="inspection_cases",
    )
    title = models.CharField(_("subject"), max_length=200)
    grounds = models.TextField(_("grounds"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default="open"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inspection case")
        verbose_name_plural = _("inspection cases")
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CaseFollowUp(models.Model):
    case = models.ForeignKey(InspectionCase, on_delete=models.PROTECT, related_name="follow_ups")
    due_on = models.DateField(_("follow up on"))
    action = models.CharField(_("what to check"), max_length=300)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.due_on}"
