"""Uploaded files: stored once per content (SHA-256), owned by who uploaded them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Upload(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="uploads",
    )
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    file = models.FileField(_("file"), upload_to="uploads/%Y/%m/")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")

    def __str__(self) -> str:
        return self.name


class DocumentKind(models.TextChoices):
    """The documents the system itself issues (TT03 forms and results)."""

    RECEIPT = "receipt", _("Receipt and appointment slip")
    SUPPLEMENT_REQUEST = "supplement_request", _("Supplementation request")
    REFUSAL = "refusal", _("Refusal notice")
    APOLOGY = "apology", _("Apology letter")
    RESULT = "result", _("Result")
    PAYMENT_RECEIPT = "payment_receipt", _("Fee receipt")
    TRANSFER_NOTICE = "transfer_notice", _("Notice of transfer to the competent agency")
    PART_RESULT = "part_result", _("Result of a participating agency's part")


class IssuedDocument(models.Model):
    """A PDF the system issued for a dossier, signed (PAdES) by the agency that issued it."""

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    reference = models.CharField(_("dossier code"), max_length=60, db_index=True)
    agency = models.ForeignKey(
        "geography.Agency", verbose_name=_("issuing agency"), on_delete=models.PROTECT
    )
    file = models.FileField(_("file"), upload_to="issued/%Y/%m/")
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    signer = models.CharField(_("signed by"), max_length=255, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["reference", "kind"], name="issued_reference_kind")]

    def __str__(self) -> str:
        return f"{self.reference} {self.kind}"
