"""The outbox (messages written in the same transaction as the change they announce), the
worker's heartbeat, and the sandbox national portal's received events."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Destination(models.TextChoices):
    NATIONAL_PORTAL = "national_portal", _("National public service portal")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WEBHOOK = "webhook", _("Webhook")
    RECEIPT_PROVIDER = "receipt_provider", _("E-receipt provider")


class Subscription(models.Model):
    """A system's webhook: dossier events posted as CloudEvents to its URL (docs/webhooks.md)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    url = models.URLField(_("URL"), max_length=500)
    # Event types (webhooks.TYPES) the system wants; empty: every dossier event.
    types = models.JSONField(_("event types"), default=list, blank=True)
    # The HMAC key, shown once at creation; the sender needs it in clear to sign.
    secret = models.CharField(_("signing secret"), max_length=100)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class OutboxMessage(models.Model):
    topic = models.CharField(_("topic"), max_length=60)
    destination = models.CharField(
        _("destination"),
        max_length=20,
        choices=Destination.choices,
        default=Destination.NATIONAL_PORTAL,
    )
    # For the webhook destination: whose line it is (each subscription keeps its own order).
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
    )
    key = models.CharField(_("key"), max_length=80, db_index=True)
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    # A worker that claimed the message holds it until then; past it, another may take it over.
    locked_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    dead_at = models.DateTimeField(_("dead-lettered at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["delivered_at", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["destination", "key", "id"], name="outbox_order"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.destination} {self.key}"


class WorkerHeartbeat(models.Model):
    """The last time each worker process finished a round of its jobs (readiness reads it)."""

    name = models.CharField(_("worker"), max_length=120, unique=True)
    beat_at = models.DateTimeField(_("last beat"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.name


class SandboxPortalMode(models.TextChoices):
    UP = "up", _("Up")
    DOWN = "down", _("Down (answers 503)")
    SLOW = "slow", _("Slow (answers after the sender's timeout)")
    GARBAGE = "garbage", _("Garbage (answers 200 with a body that is not an acknowledgement)")


class SandboxPortalState(models.Model):
    """How the sandbox national portal behaves now (one row; the demo and the tests set it)."""

    mode = models.CharField(
        _("mode"), max_length=10, choices=SandboxPortalMode.choices, default=SandboxPortalMode.UP
    )

    class Meta:
        verbose_name = _("sandbox national portal state")
        verbose_name_plural = _("sandbox national portal state")

    def __str__(self) -> str:
        return self.mode


class SandboxPortalEvent(models.Model):
    """An event the sandbox national portal accepted; the event id makes a resend a no-op."""

    event_id = models.CharField(_("event id"), max_length=80, unique=True)
    key = models.CharField(_("key"), max_length=80, db_index=True)
    topic = models.CharField(_("topic"), max_length=60)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received at"))
    resends = models.PositiveIntegerField(_("resends ignored"), default=0)

    class Meta:
        verbose_name = _("sandbox portal event")
        verbose_name_plural = _("sandbox portal events")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.event_id


class SandboxReceipt(models.Model):
    """A receipt the sandbox e-receipt provider issued (one per key)."""

    key = models.CharField(max_length=120, unique=True)
    series = models.CharField(max_length=20)
    number = models.CharField(max_length=20)
    lookup_code = models.CharField(max_length=20)
    payload = models.JSONField()
    issued_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="sandbox_receipt_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.series}/{self.number}"
