"""Postal orders: a paper result handed to the postal operator, its statuses and its proof of
delivery (DOMAIN N5; docs/delivery.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the postal operator")
    ACCEPTED = "accepted", _("Accepted by the post")
    IN_TRANSIT = "in_transit", _("On its way")
    DELIVERED = "delivered", _("Delivered")
    UNDELIVERABLE = "undeliverable", _("Could not be delivered")
    RETURNED = "returned", _("Returned to the agency")
    HANDLED = "handled", _("Returned item handled")


class CostPayer(models.TextChoices):
    CITY = "city", _("The city (Resolution 77/2025/NQ-HĐND)")
    APPLICANT = "applicant", _("The applicant, on delivery")


class Handling(models.TextChoices):
    RESENT = "resent", _("Sent again")
    COUNTER = "counter", _("Collected at the counter")


class PostalOrder(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="postal_orders"
    )
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    key = models.CharField(_("order key"), max_length=120, unique=True)
    status = models.CharField(_("status"), max_length=15, choices=OrderStatus.choices)
    sender = models.JSONField(_("sender"))
    recipient = models.JSONField(_("recipient"))
    item = models.JSONField(_("item"))
    cost_payer = models.CharField(_("postage paid by"), max_length=10, choices=CostPayer.choices)
    cost_source = models.CharField(_("source of the postage rule"), max_length=255, blank=True)
    cost_vnd = models.PositiveIntegerField(_("postage (VND)"), null=True, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True)
    proof = models.JSONField(_("proof of delivery"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    handling = models.CharField(
        _("handled by"), max_length=10, choices=Handling.choices, blank=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("postal order")
        verbose_name_plural = _("postal orders")
        ordering = ["dossier_id", "attempt"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "attempt"], name="postal_attempt_unique"),
        ]

    def __str__(self) -> str:
        return self.tracking_number or self.key


class PostalEvent(models.Model):
    """One status the operator reported (callback or pull), once per event id."""

    order = models.ForeignKey(PostalOrder, on_delete=models.PROTECT, related_name="events")
    event_id = models.CharField(max_length=80, unique=True)
    status = models.CharField(max_length=15)
    at = models.DateTimeField()
    note = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=10)  # callback | pull
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.status}"
