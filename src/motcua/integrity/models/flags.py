"""Broker and extra-document flags, the per-submitter aggregates behind them, registered
lawful standings, the nightly scan's runs, and the mark a confirmed broker's filings carry."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyKind(models.TextChoices):
    """What identifies a submitter (DOMAIN G1): each is scored on its own."""

    ACCOUNT = "account", _("Account")
    PERSON = "person", _("Submitter's ID number")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    BANK = "bank", _("Payer's bank account")
    DEVICE = "device", _("Filing device")
    OFFICIAL = "official", _("Official")
    DOSSIER = "dossier", _("Dossier")


class FlagKind(models.TextChoices):
    BROKER = "broker", _("Possible broker")
    EXTRA_DOCUMENTS = "extra_documents", _("Extra-document demands")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("To review")
    ESCALATED = "escalated", _("Escalated")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class FlagSource(models.TextChoices):
    INTAKE = "intake", _("At intake")
    SCAN = "scan", _("Nightly scan")


class Flag(models.Model):
    """A submitter identity, an official or a dossier the inspection team should look at."""

    kind = models.CharField(_("kind"), max_length=20, choices=FlagKind.choices)
    key_kind = models.CharField(_("identity"), max_length=10, choices=KeyKind.choices)
    key_value = models.CharField(_("value"), max_length=200)
    label = models.CharField(_("shown as"), max_length=200)
    agency = models.ForeignKey(
        "geography.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="integrity_flags",
    )
    score = models.PositiveSmallIntegerField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list)
    evidence = models.JSONField(_("evidence"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    source = models.CharField(_("raised by"), max_length=10, choices=FlagSource.choices)
    raised_at = models.DateTimeField(_("raised at"))
    updated_at = models.DateTimeField(_("updated at"))
    score_at_review = models.PositiveSmallIntegerField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        verbose_name = _("integrity flag")
        verbose_name_plural = _("integrity flags")
        ordering = ["-score", "-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key_kind", "key_value"], name="integrity_flag_unique"
            ),
        ]
        indexes = [models.Index(fields=["kind", "status"], name="integrity_flag_kind_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label} ({self.score})"


class SubmitterActivity(models.Model):
    """The rolling-window aggregate of one submitter identity, upserted at every intake.

    Fixed-size on purpose, so that one INSERT … ON CONFLICT DO UPDATE counts a filing for all of
    a dossier's identities: distinct applicants, units and days are bitmaps of 63-bit words,
    read back by linear counting (exact for a few, within a few percent at the thresholds).
    """

    key_kind = models.CharField(max_length=10, choices=KeyKind.choices)
    key_value = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    dossiers = models.PositiveIntegerField(default=0)
    applicant_bits_a = models.BigIntegerField(default=0)
    applicant_bits_b = models.BigIntegerField(default=0)
    unit_bits = models.BigIntegerField(default=0)
    day_bits = models.BigIntegerField(default=0)
    odd_hours = models.PositiveIntegerField(default=0)
    is_confirmed_broker = models.BooleanField(default=False)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key_kind", "key_value"], name="submitter_activity_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key_kind}:{self.dossiers}"


class StandingKind(models.TextChoices):
    LAWYER = "lawyer", _("Lawyer or legal service with a mandate")
    BUSINESS = "business", _("Business filing for itself")
    AUTHORISED = "authorised", _("Authorised representative (power of attorney)")


class Standing(models.Model):
    """A submitter identity registered as a lawful representative: scored, never flagged as a
    broker (DOMAIN G2 treats community helpers the same way, from their own register)."""

    key_kind = models.CharField(_("identity"), max_length=10, choices=KeyKind.choices)
    key_value = models.CharField(_("value"), max_length=200)
    kind = models.CharField(_("standing"), max_length=12, choices=StandingKind.choices)
    holder = models.CharField(_("holder"), max_length=200)
    mandate = models.CharField(_("mandate or registration"), max_length=300)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"))

    class Meta:
        verbose_name = _("lawful representative")
        verbose_name_plural = _("lawful representatives")
        constraints = [
            models.UniqueConstraint(fields=["key_kind", "key_value"], name="standing_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.holder} ({self.get_kind_display()})"


class ScanRun(models.Model):
    """One nightly rescan: the night's row is claimed once, so several workers never repeat it."""

    night = models.DateField(unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    dossiers = models.PositiveIntegerField(default=0)
    identities = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-night"]

    def __str__(self) -> str:
        return f"{self.night}: {self.flagged}"


class BrokerMark(models.Model):
    """A dossier filed by a confirmed broker, shown to the receiving officer."""

    dossier_code = models.CharField(max_length=60, unique=True)
    flag = models.ForeignKey(Flag, on_delete=models.PROTECT, related_name="marks")
    marked_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.dossier_code
