"""Fee-collection accounts, payment requests, payments, e-receipt numbers and reconciliation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    FEES = "fees", _("Fees (phí)")
    CHARGES = "charges", _("Charges (lệ phí)")


class AccountStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted to the centre")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for correction")
    SUPERSEDED = "superseded", _("Replaced by a newer account")


class FeeAccount(models.Model):
    """An agency's account that fees are paid into, once the centre approves it (DOMAIN F2)."""

    agency = models.ForeignKey(
        "geography.Agency", verbose_name=_("agency"), on_delete=models.PROTECT
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    bank_bin = models.CharField(_("bank BIN"), max_length=6)
    account_number = models.CharField(_("account number"), max_length=19)
    account_name = models.CharField(_("account holder"), max_length=70)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    budget_chapter = models.CharField(_("budget chapter code"), max_length=3, blank=True)
    budget_subitem = models.CharField(_("budget sub-item code"), max_length=4, blank=True)
    treasury = models.CharField(_("State Treasury office"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=AccountStatus.choices)
    reason = models.TextField(_("reason returned"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("fee-collection account")
        verbose_name_plural = _("fee-collection accounts")
        ordering = ["agency__code", "-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "purpose"],
                condition=Q(status="approved"),
                name="fee_account_one_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.bank_bin}/{self.account_number}"


class SubmissionDeadline(models.Model):
    """A date by which every collecting agency must have submitted its account (Dispatch 4155)."""

    due_on = models.DateField(_("due on"))
    title = models.CharField(_("title"), max_length=255)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission deadline")
        verbose_name_plural = _("submission deadlines")
        ordering = ["-due_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on})"


class RequestStatus(models.TextChoices):
    NO_ACCOUNT = "no_account", _("No approved account: pay at the counter")
    PENDING = "pending", _("Awaiting payment")
    PAID = "paid", _("Paid")


class PaymentRequest(models.Model):
    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="payment_request"
    )
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    paid_vnd = models.PositiveBigIntegerField(_("paid (VND)"), default=0)
    account = models.ForeignKey(
        FeeAccount, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    payload = models.TextField(_("VietQR payload"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices)
    created_at = models.DateTimeField(_("created at"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment request")
        verbose_name_plural = _("payment requests")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.amount_vnd}"


class Payment(models.Model):
    """Money received for a payment request, as one provider reported it (idempotent)."""

    request = models.ForeignKey(PaymentRequest, on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(_("provider"), max_length=30)
    reference = models.CharField(_("provider's reference"), max_length=100)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    paid_at = models.DateTimeField(_("paid at"))
    payer_account = models.CharField(_("payer's account"), max_length=34, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=30, blank=True)
    # The e-receipt as the registered provider issued it (DOMAIN N5); while the provider is
    # down our own signed PDF stands in (`receipt_fallback`), replaced when it answers.
    receipt_series = models.CharField(_("receipt series"), max_length=40, blank=True)
    receipt_lookup_code = models.CharField(_("receipt lookup code"), max_length=40, blank=True)
    receipt_lookup_url = models.URLField(_("receipt lookup address"), max_length=300, blank=True)
    receipt_fallback = models.BooleanField(
        _("fallback receipt"),
        default=False,
        help_text=_("Our own receipt, issued while the e-receipt provider was down."),
    )
    receipt = models.ForeignKey(
        "documents.IssuedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(fields=["provider", "reference"], name="payment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.reference}"


class ReceiptSequence(models.Model):
    """The last e-receipt number of an agency in a year (numbers restart on 1 January)."""

    agency = models.ForeignKey("geography.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="receipt_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.last}"


class StatementImport(models.Model):
    """A bank statement imported for reconciliation; the same file is imported once."""

    name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"))
    lines = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")

    def __str__(self) -> str:
        return self.name


class ReviewKind(models.TextChoices):
    UNDERPAID = "underpaid", _("Less than the amount due")
    OVERPAID = "overpaid", _("More than the amount due")
    DUPLICATE = "duplicate", _("A second payment for a paid dossier")
    UNKNOWN = "unknown", _("No dossier matches")
    CLOSED = "closed", _("The dossier was refused, withdrawn or closed: refund")


class ReviewItem(models.Model):
    """A transfer that reconciliation could not settle by itself: an official looks at it."""

    kind = models.CharField(_("kind"), max_length=12, choices=ReviewKind.choices)
    statement = models.ForeignKey(
        StatementImport, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    provider = models.CharField(_("provider"), max_length=30)
    reference = models.CharField(_("reference"), max_length=100)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    note = models.TextField(_("transfer note"), blank=True)
    dossier_code = models.CharField(_("dossier code"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("created at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(_("how it was settled"), blank=True)

    class Meta:
        verbose_name = _("item to review")
        verbose_name_plural = _("items to review")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "reference"], name="review_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"


class CallbackSeen(models.Model):
    """A provider callback already processed: a replay of it is refused."""

    provider = models.CharField(max_length=30)
    event_id = models.CharField(max_length=100)
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="callback_seen_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.event_id}"
