"""Readiness of each service point: staff, training, counters, equipment and merger history,
entered by the unit's officials; the ranking reads them against the workload."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PointResources(models.Model):
    service_point = models.OneToOneField(
        "geography.ServicePoint",
        verbose_name=_("service point"),
        on_delete=models.PROTECT,
        related_name="resources",
    )
    staff = models.PositiveSmallIntegerField(_("staff at the counters"), default=0)
    trained_staff = models.PositiveSmallIntegerField(_("staff trained on the system"), default=0)
    counters = models.PositiveSmallIntegerField(_("counters"), default=0)
    scanners = models.PositiveSmallIntegerField(_("scanners"), default=0)
    computers = models.PositiveSmallIntegerField(_("computers"), default=0)
    signature_devices = models.PositiveSmallIntegerField(_("digital signature devices"), default=0)
    # The two-tier reform (1 July 2025) merged former wards and communes into one; 0: not merged.
    merged_units = models.PositiveSmallIntegerField(
        _("former units merged into this one"), default=0
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        db_table = "monitoring_pointresources"  # the table it had in monitoring
        verbose_name = _("service point resources")
        verbose_name_plural = _("service point resources")

    def __str__(self) -> str:
        return str(self.service_point_id)


class TrainingSession(models.Model):
    service_point = models.ForeignKey(
        "geography.ServicePoint",
        verbose_name=_("service point"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    held_on = models.DateField(_("held on"))
    topic = models.CharField(_("topic"), max_length=200)
    attendees = models.PositiveSmallIntegerField(_("staff who attended"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        db_table = "monitoring_trainingsession"  # the table it had in monitoring
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "id"]

    def __str__(self) -> str:
        return f"{self.service_point_id} {self.held_on}: {self.topic}"
