"""A change the applicant made on the national portal, as it comes in (pushed or pulled)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from motcua.integrations.models import UpdateKind


class NationalUpdateDocumentIn(serializers.Serializer):
    requirement = serializers.IntegerField(min_value=1, max_value=2**62, required=False)
    name = serializers.CharField(max_length=500, required=False)
    file_url = serializers.URLField(max_length=1000, required=False)
    data_ref = serializers.CharField(max_length=300, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not (attrs.get("requirement") or attrs.get("name")):
            raise serializers.ValidationError(_("Name the document: a requirement id or a name."))
        if bool(attrs.get("file_url")) == bool(attrs.get("data_ref")):
            raise serializers.ValidationError(_("Give one of: file_url or data_ref."))
        return attrs


class NationalUpdatePaymentIn(serializers.Serializer):
    transaction = serializers.CharField(max_length=100, help_text="the payment platform's id")
    amount_vnd = serializers.IntegerField(min_value=0, max_value=10**12, required=False)
    paid_at = serializers.CharField(max_length=40, required=False)


class NationalUpdateIn(serializers.Serializer):
    update_id = serializers.RegexField(
        r"^[A-Za-z0-9.\-_/:]{1,80}$", help_text="the portal's id of this change (kept once)"
    )
    national_code = serializers.RegexField(
        r"^[A-Za-z0-9.\-_/]{1,60}$", help_text="the national portal's dossier code (MaHoSo)"
    )
    seq = serializers.IntegerField(
        min_value=1, max_value=10**6, help_text="1, 2, … per dossier: the order to apply in"
    )
    kind = serializers.ChoiceField(choices=UpdateKind.choices)
    at = serializers.CharField(max_length=40, required=False, help_text="when it was made")
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    payment = NationalUpdatePaymentIn(required=False)
    documents = NationalUpdateDocumentIn(many=True, required=False, max_length=50)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["kind"] == UpdateKind.PAID and not attrs.get("payment"):
            raise serializers.ValidationError({"payment": [_("A payment names its transaction.")]})
        if attrs["kind"] == UpdateKind.SUPPLEMENTED and not attrs.get("documents"):
            raise serializers.ValidationError({"documents": [_("A supplement has documents.")]})
        return attrs
