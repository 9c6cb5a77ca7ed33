"""The centre's calendar: the days off and the worked days the government announces (T1, N2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.workcalendar.shipped import OFF, WORKING


class CalendarDay(models.Model):
    """A date whose status differs from the `holidays` package's, with the document that set it."""

    class Kind(models.TextChoices):
        OFF = OFF, _("Day off")
        WORKING = WORKING, _("Working day")

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(
        _("source document"),
        max_length=300,
        help_text=_("The document that announced it, e.g. Dispatch 12729/VPCP-KGVX of 25/12/2025."),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_kind_display()}"
