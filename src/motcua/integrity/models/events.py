"""Integrity events: facts the inspection team oversees (DOMAIN G, P1)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IntegrityKind(models.TextChoices):
    EXTRA_DOCUMENT_REQUEST = "extra_document_request", _("Request for a document not listed")
    REPEATED_SUPPLEMENT = "repeated_supplement", _("Supplementation requested again")


class IntegrityEvent(models.Model):
    kind = models.CharField(_("kind"), max_length=40, choices=IntegrityKind.choices)
    dossier_code = models.CharField(_("dossier"), max_length=60, db_index=True)
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("official"),
        on_delete=models.PROTECT,
        related_name="integrity_events",
    )
    agency = models.ForeignKey(
        "geography.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="integrity_events",
    )
    details = models.JSONField(_("details"), default=dict)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("integrity event")
        verbose_name_plural = _("integrity events")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.dossier_code}"
