"""What the portal keeps of its own: the drafts of online filings, so that a draft outlives the
session (signing out, another device) and is listed under "My dossiers"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FilingDraft(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="filing_drafts",
    )
    procedure_code = models.CharField(_("procedure"), max_length=40)
    data = models.JSONField(_("answers so far"), default=dict)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("filing draft")
        verbose_name_plural = _("filing drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "procedure_code"], name="one_draft_per_procedure"
            )
        ]
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.procedure_code} ({self.owner_id})"
