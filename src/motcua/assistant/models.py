"""A conversation with the assistant: only what a follow-up needs, never the resident's words."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    """The topic of the last answer, so that "thế còn lệ phí?" knows which procedure is meant.

    The question text is not stored (residents type names and ID numbers into chat boxes); a
    dossier code waits here only until the ID's last 4 digits arrive, and the digits never do.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    lang = models.CharField(_("language"), max_length=5, default="vi")
    procedure_code = models.CharField(_("procedure"), max_length=20, blank=True)
    choices = models.JSONField(_("procedures offered"), default=list, blank=True)
    pending_dossier = models.CharField(
        _("dossier awaiting the ID digits"), max_length=60, blank=True
    )
    turns = models.PositiveIntegerField(_("turns"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("assistant conversation")
        verbose_name_plural = _("assistant conversations")

    def __str__(self) -> str:
        return str(self.id)
