"""The dossier API's input serializers: the filing body, the list filters and each action's body
(`actions.REGISTRY` names which action reads which)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from motcua.catalog.models import FeeGroup
from motcua.core.text import PHONE, PHONE_MESSAGE
from motcua.dossiers.models import Channel
from motcua.dossiers.workflow import Status
from motcua.identity.models import ConsentMethod, WalletConsent
from motcua.identity.organisations import ApplicantKind, AuthorisationMethod, OrgKind


def parse(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PersonIn(serializers.Serializer):
    id_number = serializers.CharField(max_length=20)  # the rules are checked by the service
    full_name = serializers.CharField(max_length=200)
    date_of_birth = serializers.DateField(required=False)
    sex = serializers.ChoiceField(choices=["male", "female"], required=False)
    phone = serializers.RegexField(PHONE, required=False, error_messages={"invalid": PHONE_MESSAGE})
    email = serializers.EmailField(required=False)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)


class AuthorisationIn(serializers.Serializer):
    method = serializers.ChoiceField(choices=AuthorisationMethod.choices)
    file = serializers.IntegerField(
        min_value=1, max_value=2**62, required=False, help_text="the letter's upload id"
    )


class ApplicantIn(serializers.Serializer):
    """A citizen (the person fields; `kind` may be left out) or an organisation (issue 22)."""

    kind = serializers.ChoiceField(choices=ApplicantKind.choices, required=False)
    id_number = serializers.CharField(max_length=20, required=False)
    full_name = serializers.CharField(max_length=200, required=False)
    date_of_birth = serializers.DateField(required=False)
    sex = serializers.ChoiceField(choices=["male", "female"], required=False)
    phone = serializers.RegexField(PHONE, required=False, error_messages={"invalid": PHONE_MESSAGE})
    email = serializers.EmailField(required=False)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    org_kind = serializers.ChoiceField(choices=OrgKind.choices, required=False)
    enterprise_code = serializers.CharField(
        max_length=20, required=False, help_text="10 digits, or 13 for a dependent unit"
    )
    name = serializers.CharField(max_length=300, required=False, help_text="registered name")
    representative = PersonIn(required=False, help_text="the legal representative")
    authorisation = AuthorisationIn(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        organisation = attrs.get("kind") == ApplicantKind.ORGANISATION
        needed = (
            ("org_kind", "enterprise_code", "name", "representative")
            if organisation
            else ("id_number", "full_name")
        )
        missing = {key: [_("This field is required.")] for key in needed if not attrs.get(key)}
        if missing:
            raise serializers.ValidationError(missing)
        return attrs


class DocumentIn(serializers.Serializer):
    requirement = serializers.IntegerField(min_value=1, max_value=2**62)
    file = serializers.IntegerField(min_value=1, max_value=2**62, required=False)
    from_data = serializers.BooleanField(required=False, default=False)
    wallet_item = serializers.IntegerField(min_value=1, max_value=2**62, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [
            bool(attrs.get("file")),
            bool(attrs.get("from_data")),
            bool(attrs.get("wallet_item")),
        ]
        if sum(given) != 1:
            raise serializers.ValidationError(
                _("Give one of: an upload id, from_data: true, or a wallet_item.")
            )
        return attrs


class DeliveryIn(serializers.Serializer):
    method = serializers.ChoiceField(choices=["online", "counter", "postal"])
    point = serializers.CharField(max_length=40, required=False)
    address = serializers.CharField(max_length=500, required=False)


def _no_nul(value: Any) -> Any:
    """Refuse a NUL character anywhere in free-form JSON (PostgreSQL cannot store it)."""
    if isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key)
            _no_nul(item)
    elif isinstance(value, list):
        for item in value:
            _no_nul(item)
    elif isinstance(value, str) and "\x00" in value:
        raise serializers.ValidationError(_("Null characters are not allowed."))
    return value


class ConsentIn(serializers.Serializer):
    method = serializers.ChoiceField(choices=ConsentMethod.choices)
    file = serializers.IntegerField(min_value=1, max_value=2**62, required=False)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class WalletConsentIn(serializers.Serializer):
    method = serializers.ChoiceField(choices=WalletConsent.choices)
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True)


class DossierFilterIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    unit = serializers.CharField(max_length=5, required=False)
    overdue = serializers.ChoiceField(choices=["true", "false"], required=False)
    q = serializers.CharField(max_length=100, required=False)
    applicant_kind = serializers.ChoiceField(choices=ApplicantKind.choices, required=False)


class DossierIn(serializers.Serializer):
    procedure = serializers.CharField(max_length=20, required=False)
    group = serializers.CharField(
        max_length=40,
        required=False,
        help_text="A joint group filed once (Decree 63/2024), e.g. nd63-khai-sinh: "
        "GET /api/v1/procedure-groups/",
    )
    channel = serializers.ChoiceField(choices=Channel.choices)
    receiving_point = serializers.CharField(max_length=40)
    competent_unit = serializers.CharField(max_length=5, required=False, allow_blank=True)
    applicant = ApplicantIn()
    submitter = PersonIn(required=False)
    documents = DocumentIn(many=True, required=False)
    delivery = DeliveryIn(required=False)
    form = serializers.DictField(required=False, validators=[_no_nul])
    consent = ConsentIn(required=False)
    wallet_consent = WalletConsentIn(
        required=False,
        help_text="at a counter: the holder's consent to reuse their wallet (VNeID or ID card)",
    )
    fee_group = serializers.ChoiceField(
        choices=FeeGroup.choices,
        required=False,
        help_text="The exempt group the applicant claims (an official checks the proof)",
    )


class VersionIn(serializers.Serializer):
    expected_version = serializers.IntegerField(min_value=1, max_value=2**31)


class AssignIn(VersionIn):
    to = serializers.CharField(max_length=150)


class ForwardIn(VersionIn):
    to_step = serializers.IntegerField(min_value=0, max_value=1000)
    opinion = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class SupplementItemIn(serializers.Serializer):
    requirement = serializers.IntegerField(min_value=1, max_value=2**62, required=False)
    document = serializers.IntegerField(min_value=1, max_value=2**62, required=False)
    reason = serializers.CharField(max_length=1000)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("requirement" in attrs) == ("document" in attrs):
            raise serializers.ValidationError("Name a requirement or a submitted document.")
        return attrs


class RequestSupplementIn(VersionIn):
    items = SupplementItemIn(many=True, allow_empty=False)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class SupplementIn(VersionIn):
    documents = DocumentIn(many=True, allow_empty=False)


class DigitiseIn(VersionIn):
    documents = DocumentIn(many=True, allow_empty=False)


class FeeLineIn(serializers.Serializer):
    fee = serializers.IntegerField(min_value=1, max_value=2**62)
    quantity = serializers.IntegerField(min_value=1, max_value=100, default=1)
    confirmed_amount_vnd = serializers.IntegerField(
        min_value=0,
        max_value=10**12,
        required=False,
        help_text="The amount an official confirms for a fee line the catalog marks unverified",
    )


class AssessFeeIn(VersionIn):
    # many=True hands max_length to the ListSerializer, which the stubs do not know
    lines = FeeLineIn(many=True, allow_empty=True, max_length=20)  # type: ignore[call-arg]


class SignResultIn(VersionIn):
    result_file = serializers.IntegerField(min_value=1, max_value=2**62, required=False)


class ReasonIn(VersionIn):
    reason = serializers.CharField(max_length=2000)


class WithdrawIn(VersionIn):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ApologizeIn(VersionIn):
    new_due_at = serializers.DateTimeField()
    reason = serializers.CharField(max_length=2000)


class TransferIn(VersionIn):
    to_agency = serializers.CharField(max_length=40)
    reason = serializers.CharField(max_length=2000)


class HandOverIn(VersionIn):
    part = serializers.IntegerField(min_value=0, max_value=100)
    to_agency = serializers.CharField(max_length=40, required=False, default="")


class AcknowledgeIn(VersionIn):
    part = serializers.IntegerField(min_value=0, max_value=100)
    reference = serializers.CharField(max_length=100, required=False, default="")


class FinishPartIn(VersionIn):
    part = serializers.IntegerField(min_value=0, max_value=100)
    number = serializers.CharField(max_length=100, required=False, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class EvaluateIn(VersionIn):
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ActionBodyDoc(VersionIn):
    """What the actions take, all in one body for the OpenAPI description."""

    to = serializers.CharField(required=False, help_text="assign: the official's username")
    to_step = serializers.IntegerField(required=False, help_text="forward: a later step")
    opinion = serializers.CharField(
        required=False, help_text="forward: the handler's opinion for the next step"
    )
    items = SupplementItemIn(many=True, required=False, help_text="request-supplement")
    note = serializers.CharField(required=False, help_text="request-supplement")
    documents = DocumentIn(many=True, required=False, help_text="supplement, digitise")
    result_file = serializers.IntegerField(
        required=False, help_text="sign-result: an uploaded PDF, for results drawn up elsewhere"
    )
    lines = FeeLineIn(many=True, required=False, help_text="assess-fee: the schedule's lines")
    reason = serializers.CharField(
        required=False, help_text="reject, withdraw, apologize, transfer"
    )
    to_agency = serializers.CharField(
        required=False,
        help_text="transfer: the competent agency's code (Decree 118 Art 17(2)(a)); hand-over",
    )
    part = serializers.IntegerField(
        required=False, help_text="hand-over, acknowledge, finish-part: the part's position"
    )
    reference = serializers.CharField(required=False, help_text="acknowledge: the other side's ref")
    number = serializers.CharField(required=False, help_text="finish-part: the result's number")
    new_due_at = serializers.DateTimeField(required=False, help_text="apologize")
    score = serializers.IntegerField(min_value=1, max_value=5, required=False, help_text="evaluate")
    comment = serializers.CharField(required=False, help_text="evaluate")
