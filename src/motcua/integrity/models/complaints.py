"""Complaints and feedback (phản ánh, kiến nghị) from citizens and the media (DOMAIN G3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintCategory(models.TextChoices):
    EXTRA_DOCUMENTS = "extra_documents", _("Asked for documents beyond the list")
    DELAY = "delay", _("Delay")
    BROKER = "broker", _("Broker")
    CONDUCT = "conduct", _("An official's conduct")
    OTHER = "other", _("Other")


# Categories the Civil Service Inspection Team also receives (DOMAIN G3): papers beyond the
# list, brokers ("cò") and an official's conduct are matters of integrity, not of one desk.
INSPECTION_CATEGORIES = frozenset(
    {ComplaintCategory.EXTRA_DOCUMENTS, ComplaintCategory.BROKER, ComplaintCategory.CONDUCT}
)


class ComplaintSource(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    MEDIA = "media", _("Media report")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ANSWERED = "answered", _("Answered")


class Complaint(models.Model):
    code = models.CharField(_("tracking code"), max_length=20, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=ComplaintCategory.choices)
    source = models.CharField(
        _("source"), max_length=10, choices=ComplaintSource.choices, default="citizen"
    )
    text = models.TextField(_("what happened"))
    contact = models.CharField(_("contact"), max_length=200)
    dossier_code = models.CharField(_("dossier"), max_length=60, blank=True)
    official_name = models.CharField(_("official concerned"), max_length=200, blank=True)
    agency = models.ForeignKey(
        "geography.Agency",
        verbose_name=_("agency concerned"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    to_inspection = models.BooleanField(_("sent to the inspection team"), default=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ComplaintStatus.choices, default="received"
    )
    received_at = models.DateTimeField(_("received at"))
    due_on = models.DateField(_("answer due on"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The citizen's verdict on the answer (Decision 766 item 5.3); None: not given.
    satisfied = models.BooleanField(_("satisfied with the answer"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["received_at"], name="complaint_received")]

    def __str__(self) -> str:
        return self.code


class ComplaintEvidence(models.Model):
    """A file the complainant attached (a photo of the extra papers asked for, a message from a
    broker), checked as every upload is (documents.services.check_upload)."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="evidence"
    )
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    file = models.FileField(_("file"), upload_to="complaints/%Y/%m/")
    created_at = models.DateTimeField(_("attached at"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint evidence")
        verbose_name_plural = _("complaint evidence")

    def __str__(self) -> str:
        return self.name
