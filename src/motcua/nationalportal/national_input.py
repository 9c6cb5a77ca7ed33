"""The national portal's dossier as it comes in (shared/API.md, "National portal"): checked the
same way whether pushed to the API or pulled by the worker."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from motcua.dossiers.serializers import DeliveryIn, PersonIn


class NationalApplicantIn(PersonIn):
    kind = serializers.ChoiceField(choices=["citizen", "organisation"], default="citizen")
    vneid_level = serializers.IntegerField(
        min_value=0, max_value=2, default=0, help_text="the VNeID assurance level of sign-in"
    )
    organisation_name = serializers.CharField(max_length=300, required=False)
    tax_code = serializers.CharField(max_length=20, required=False)


class NationalDocumentIn(serializers.Serializer):
    requirement = serializers.IntegerField(min_value=1, max_value=2**62, required=False)
    name = serializers.CharField(max_length=500, required=False)
    file_url = serializers.URLField(max_length=1000, required=False)
    data_ref = serializers.CharField(max_length=300, required=False)
    from_data = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not (attrs.get("requirement") or attrs.get("name")):
            raise serializers.ValidationError(_("Name the document: a requirement id or a name."))
        given = [bool(attrs.get("file_url")), bool(attrs.get("data_ref")), attrs["from_data"]]
        if sum(given) != 1:
            raise serializers.ValidationError(
                _("Give one of: file_url, data_ref, or from_data: true.")
            )
        return attrs


class NationalPaymentIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=["unpaid", "paid", "not_required"])
    amount_vnd = serializers.IntegerField(min_value=0, max_value=10**12, required=False)
    paid_at = serializers.DateTimeField(required=False)
    transaction = serializers.CharField(max_length=100, required=False)


class NationalDossierIn(serializers.Serializer):
    national_code = serializers.RegexField(
        r"^[A-Za-z0-9.\-_/]{1,60}$", help_text="the national portal's dossier code (MaHoSo)"
    )
    procedure = serializers.CharField(max_length=20, help_text="the national procedure code")
    received_at = serializers.DateTimeField(help_text="when the portal received it")
    applicant = NationalApplicantIn()
    competent_unit = serializers.CharField(max_length=5, required=False, allow_blank=True)
    documents = NationalDocumentIn(many=True, required=False, max_length=50)
    delivery = DeliveryIn(required=False)
    payment = NationalPaymentIn(required=False)


def as_json(data: dict[str, Any]) -> dict[str, Any]:
    """The validated body with dates as text (it is kept as JSON)."""
    out = dict(data)
    out["received_at"] = data["received_at"].isoformat()
    if data.get("payment", {}).get("paid_at"):
        out["payment"] = {**data["payment"], "paid_at": data["payment"]["paid_at"].isoformat()}
    if out["applicant"].get("date_of_birth"):
        out["applicant"] = {
            **out["applicant"],
            "date_of_birth": out["applicant"]["date_of_birth"].isoformat(),
        }
    return out
