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
    POSTAL_OPERATOR = "postal_operator", _("Postal operator")
    PARTICIPANT_SYSTEM = "participant_system", _("A participating agency's system")


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
    # Older than a change the portal already holds for the dossier: kept, but not the current.
    out_of_order = models.BooleanField(_("arrived out of order"), default=False)

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


class FilingState(models.TextChoices):
    ACCEPTED = "accepted", _("Received as a dossier")
    REFUSED = "refused", _("Refused back to the portal")


class NationalFiling(models.Model):
    """A dossier the national public service portal delivered (pushed or pulled), once per
    national code: what came, how often, and what we answered (the dossier, or the refusal)."""

    national_code = models.CharField(_("national portal code"), max_length=60, unique=True)
    procedure_code = models.CharField(_("national procedure code"), max_length=40)
    state = models.CharField(_("state"), max_length=10, choices=FilingState.choices)
    reason = models.TextField(_("reason of the refusal"), blank=True)
    refusal_code = models.CharField(_("refusal code"), max_length=60, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.JSONField(_("as delivered"))
    deliveries = models.PositiveIntegerField(_("deliveries"), default=1)
    first_received_at = models.DateTimeField(_("first delivered at"))
    last_received_at = models.DateTimeField(_("last delivered at"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("national portal filing")
        verbose_name_plural = _("national portal filings")
        ordering = ["-last_received_at", "-id"]

    def __str__(self) -> str:
        return self.national_code


class DifferenceKind(models.TextChoices):
    MISSING = "missing", _("Not held by the national portal")
    STATUS = "status", _("Different status")
    DATES = "dates", _("Different dates")


class SyncCheck(models.Model):
    """One day's comparison of what the national portal holds with what Motcua holds."""

    day = models.DateField(_("day"), unique=True)
    compared = models.PositiveIntegerField(_("dossiers compared"), default=0)
    in_agreement = models.PositiveIntegerField(_("dossiers in agreement"), default=0)
    ran_at = models.DateTimeField(_("ran at"))

    class Meta:
        verbose_name = _("national portal reconciliation")
        verbose_name_plural = _("national portal reconciliations")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day}: {self.in_agreement}/{self.compared}"


class SyncDifference(models.Model):
    """A dossier on which the national portal and Motcua disagree, found by a reconciliation."""

    run = models.ForeignKey(
        SyncCheck,
        verbose_name=_("reconciliation"),
        on_delete=models.CASCADE,
        related_name="differences",
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("difference"), max_length=10, choices=DifferenceKind.choices)
    ours = models.JSONField(_("what Motcua holds"), default=dict)
    theirs = models.JSONField(_("what the national portal holds"), default=dict)
    resent_at = models.DateTimeField(_("resent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("national portal difference")
        verbose_name_plural = _("national portal differences")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "dossier"], name="sync_difference_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind}"


class SandboxFiling(models.Model):
    """A dossier the sandbox national portal filed to Motcua, and the answer it got."""

    national_code = models.CharField(_("national portal code"), max_length=60, db_index=True)
    scenario = models.CharField(_("scenario"), max_length=30)
    body = models.JSONField(_("body"))
    filed_at = models.DateTimeField(_("filed at"))
    answer_status = models.PositiveSmallIntegerField(_("answer status"), null=True, blank=True)
    answer = models.JSONField(_("answer"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sandbox portal filing")
        verbose_name_plural = _("sandbox portal filings")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.national_code


class UpdateKind(models.TextChoices):
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant on the portal")
    PAID = "paid", _("Paid on the portal")
    SUPPLEMENTED = "supplemented", _("Supplemented on the portal")


class UpdateState(models.TextChoices):
    WAITING = "waiting", _("Waiting for its turn")
    APPLYING = "applying", _("Being applied")
    APPLIED = "applied", _("Applied")
    REFUSED = "refused", _("Refused")


class NationalUpdate(models.Model):
    """A change the applicant made on the national portal to a dossier it filed here (withdrew,
    paid, supplemented), applied once and in the order of its `seq` (1, 2, … per dossier)."""

    update_id = models.CharField(_("portal's update id"), max_length=80, unique=True)
    national_code = models.CharField(_("national portal code"), max_length=60)
    seq = models.PositiveIntegerField(_("sequence number"))
    kind = models.CharField(_("kind"), max_length=20, choices=UpdateKind.choices)
    body = models.JSONField(_("as delivered"))
    state = models.CharField(
        _("state"), max_length=10, choices=UpdateState.choices, default=UpdateState.WAITING
    )
    reason = models.TextField(_("reason of the refusal"), blank=True)
    deliveries = models.PositiveIntegerField(_("deliveries"), default=1)
    received_at = models.DateTimeField(_("first delivered at"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    mark = models.PositiveIntegerField(_("last event before it"), default=0)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("national portal update")
        verbose_name_plural = _("national portal updates")
        ordering = ["national_code", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["national_code", "seq"], name="national_update_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.national_code}#{self.seq} {self.kind}"


class SandboxUpdate(models.Model):
    """A change the sandbox national portal sent to Motcua (pushed or left for a pull)."""

    update_id = models.CharField(_("update id"), max_length=80, db_index=True)
    national_code = models.CharField(_("national portal code"), max_length=60)
    body = models.JSONField(_("body"))
    made_at = models.DateTimeField(_("made at"))
    answer_status = models.PositiveSmallIntegerField(_("answer status"), null=True, blank=True)
    answer = models.JSONField(_("answer"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sandbox portal update")
        verbose_name_plural = _("sandbox portal updates")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.update_id


class SandboxParcel(models.Model):
    """A parcel the sandbox postal operator carries (one per order key), with its statuses."""

    key = models.CharField(max_length=120, unique=True)
    tracking_number = models.CharField(max_length=20, unique=True)
    cost_vnd = models.PositiveIntegerField()
    payload = models.JSONField()
    statuses = models.JSONField(default=list)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.tracking_number
