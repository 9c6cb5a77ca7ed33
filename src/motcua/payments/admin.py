"""Payments in the admin: accounts and deadlines readable, money records read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.payments.models import (
    FeeAccount,
    Payment,
    PaymentRequest,
    ReviewItem,
    StatementImport,
    SubmissionDeadline,
)


class ReadOnly(admin.ModelAdmin):
    """Money records change only through the services (providers, reconciliation)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FeeAccount)
class FeeAccountAdmin(ReadOnly):
    list_display = ["agency", "purpose", "bank_bin", "account_number", "status", "submitted_at"]
    list_filter = ["status", "purpose", "bank_bin"]
    search_fields = ["agency__code", "agency__name", "account_number"]


@admin.register(SubmissionDeadline)
class SubmissionDeadlineAdmin(admin.ModelAdmin):
    list_display = ["title", "due_on", "created_at"]


@admin.register(PaymentRequest)
class PaymentRequestAdmin(ReadOnly):
    list_display = ["dossier", "amount_vnd", "paid_vnd", "status", "paid_at"]
    list_filter = ["status"]
    search_fields = ["dossier__code"]


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ["reference", "provider", "amount_vnd", "paid_at", "receipt_number"]
    list_filter = ["provider"]
    search_fields = ["reference", "receipt_number"]


@admin.register(StatementImport)
class StatementImportAdmin(ReadOnly):
    list_display = ["name", "imported_at", "lines", "matched"]


@admin.register(ReviewItem)
class ReviewItemAdmin(ReadOnly):
    list_display = ["kind", "provider", "reference", "amount_vnd", "dossier_code", "created_at"]
    list_filter = ["kind", "provider"]
