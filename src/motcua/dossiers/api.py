"""The dossier API of shared/API.md: intake, list/detail, actions, events, public tracking."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.catalog.models import FeeGroup
from motcua.core import clock
from motcua.core.devices import device_digest
from motcua.core.text import PHONE, PHONE_MESSAGE
from motcua.dossiers import deadlines, events, intake_input, rendering, selectors, services
from motcua.dossiers.models import Channel, Dossier, Event
from motcua.dossiers.workflow import Status
from motcua.identity.models import ConsentMethod, WalletConsent
from motcua.identity.oidc import assurance_of
from motcua.identity.organisations import ApplicantKind, AuthorisationMethod, OrgKind

# --- Input ------------------------------------------------------------------------------------


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
    lines = FeeLineIn(many=True, allow_empty=True, max_length=20)


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


ACTIONS: dict[str, tuple[Any, type[serializers.Serializer]]] = {
    "accept": (services.accept, VersionIn),
    "assign": (services.assign, AssignIn),
    "forward": (services.forward, ForwardIn),
    "digitise": (services.digitise, DigitiseIn),
    "assess-fee": (services.assess_fee, AssessFeeIn),
    "request-supplement": (services.request_supplement, RequestSupplementIn),
    "supplement": (services.supplement, SupplementIn),
    "approve": (services.approve, VersionIn),
    "reject": (services.reject, ReasonIn),
    "sign-result": (services.sign_result, SignResultIn),
    "return-result": (services.return_result, VersionIn),
    "withdraw": (services.withdraw, WithdrawIn),
    "apologize": (services.apologize, ApologizeIn),
    "evaluate": (services.evaluate, EvaluateIn),
    "transfer": (services.transfer, TransferIn),
    "hand-over": (services.hand_over, HandOverIn),
    "acknowledge": (services.acknowledge, AcknowledgeIn),
    "finish-part": (services.finish_part, FinishPartIn),
}  # one entry per action in shared/API.md


def parse(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- Output -----------------------------------------------------------------------------------


def _moment(value: Any) -> str | None:
    """Render a datetime as the API does everywhere: ISO 8601 in the local +07:00 offset."""
    return serializers.DateTimeField().to_representation(value) if value else None


class ProcedureRefOut(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.IntegerField()
    name = serializers.CharField()


class DossierFeeOut(serializers.Serializer):
    amount_vnd = serializers.IntegerField()
    paid = serializers.BooleanField()
    lines = serializers.ListField(child=serializers.DictField())
    at_filing = serializers.DictField(
        help_text="The fee as priced at filing and the rule that set it (e.g. an online waiver)"
    )


class TransferOut(serializers.Serializer):
    from_agency = serializers.CharField()
    to_agency = serializers.CharField()
    reason = serializers.CharField()
    at = serializers.DateTimeField()


class PartOut(serializers.Serializer):
    part = serializers.IntegerField()
    name = serializers.CharField()
    agency = serializers.CharField()
    role = serializers.ChoiceField(choices=["lead", "participant"])
    stage = serializers.IntegerField()
    share_percent = serializers.IntegerField()
    system = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=["waiting", "ready", "handed_over", "active", "done"])
    handed_over_at = serializers.DateTimeField(allow_null=True)
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    late = serializers.BooleanField()
    result = serializers.DictField(allow_null=True)


class DossierOut(serializers.ModelSerializer):
    procedure = serializers.SerializerMethodField()
    receiving_point = serializers.SlugRelatedField(slug_field="code", read_only=True)
    competent_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    handling_agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    applicant = serializers.SerializerMethodField()
    paused_days = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    fee = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()
    helper = serializers.SerializerMethodField()
    transfers = serializers.SerializerMethodField()
    group = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    parts = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()
    source = serializers.ChoiceField(
        choices=["national_portal", "portal", "counter", "postal"],
        read_only=True,
        help_text="where it was filed",
    )

    class Meta:
        model = Dossier
        fields = [
            "code",
            "national_code",
            "source",
            "procedure",
            "status",
            "channel",
            "receiving_point",
            "competent_unit",
            "handling_agency",
            "applicant",
            "delivery",
            "received_at",
            "due_at",
            "legal_due_at",
            "paused_days",
            "finished_at",
            "returned_at",
            "overdue",
            "supplement_rounds",
            "fee",
            "documents",
            "tasks",
            "result",
            "helper",
            "transfers",
            "group",
            "parts",
            "results",
            "version",
        ]

    @extend_schema_field(ProcedureRefOut)
    def get_procedure(self, obj: Dossier) -> dict[str, Any]:
        version = obj.procedure_version
        return {"code": version.procedure.code, "version": version.number, "name": version.name}

    def get_applicant(self, obj: Dossier) -> dict[str, Any]:
        return self.context.get("viewer", selectors.NOBODY).applicant_of(obj)

    def get_paused_days(self, obj: Dossier) -> float:
        return round(obj.paused_seconds / (8 * 3600), 2)

    def get_overdue(self, obj: Dossier) -> bool:
        return deadlines.is_overdue(obj, clock.now())

    @extend_schema_field(DossierFeeOut)
    def get_fee(self, obj: Dossier) -> dict[str, Any]:
        return {
            "amount_vnd": obj.fee_amount_vnd,
            "paid": obj.fee_paid_at is not None,
            "lines": obj.fee_lines,
            "at_filing": obj.fee_rule,
        }

    def _viewer(self) -> Any:
        return self.context.get("viewer", selectors.NOBODY)

    @extend_schema_field(PartOut(many=True))
    def get_parts(self, obj: Dossier) -> list[dict[str, Any]]:
        return [
            {
                "part": p.position,
                "name": p.name,
                "agency": p.agency.code,
                "role": p.role,
                "stage": p.stage,
                "share_percent": p.share_percent,
                "system": p.system or None,
                "status": p.state,
                "handed_over_at": _moment(p.handed_over_at),
                "acknowledged_at": _moment(p.acknowledged_at),
                "due_at": _moment(p.due_at),
                "finished_at": _moment(p.finished_at),
                "late": deadlines.part_is_late(p, clock.now()),
                "result": self._result(obj, p.result_document),
            }
            for p in obj.parts.all()
        ]

    def _result(self, obj: Dossier, document: Any) -> dict[str, Any] | None:
        if document is None:
            return None
        return {
            "id": document.pk,
            "kind": document.kind,
            "signed_by": document.signer,
            "signed_at": _moment(document.signed_at),
            "sha256": document.sha256,
            "url": f"/api/v1/dossiers/{obj.code}/documents/{document.pk}.pdf",
        }

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_results(self, obj: Dossier) -> list[dict[str, Any]]:
        """The result set the applicant receives: the lead's result and each part's."""
        found = [self._result(obj, obj.result_document)] if obj.result_document_id else []
        found += [
            self._result(obj, p.result_document) for p in obj.parts.all() if p.result_document_id
        ]
        return [r for r in found if r is not None]

    def get_documents(self, obj: Dossier) -> list[dict[str, Any]]:
        shown = self._viewer().documents_of(obj)
        return [
            {
                "id": d.pk,
                "requirement": d.requirement_id,
                "name": d.requirement.name,
                "file": d.upload_id,
                "from_data": d.from_data or None,
                "match": d.match_status or None,  # pending: "waiting for data"
                "wallet_item": d.wallet_item_id,
                "round": d.round,
                "digitised_at": _moment(d.digitised_at),
            }
            for d in shown
        ]

    def get_helper(self, obj: Dossier) -> dict[str, Any] | None:
        if obj.helper_id is None:
            return None
        return {"team": obj.helper.team, "consent": (obj.consent or {}).get("method")}

    def get_result(self, obj: Dossier) -> dict[str, Any] | None:
        document = obj.result_document
        if document is None:
            return None
        return {
            "signed_by": document.signer,
            "signed_at": _moment(document.signed_at),
            "sha256": document.sha256,
            "url": f"/api/v1/dossiers/{obj.code}/result.pdf",
        }

    @extend_schema_field(TransferOut(many=True))
    def get_transfers(self, obj: Dossier) -> list[dict[str, Any]]:
        return [
            {
                "from_agency": t.from_agency.code,
                "to_agency": t.to_agency.code,
                "reason": t.reason,
                "at": _moment(t.at),
            }
            for t in obj.transfers.all()
        ]

    def get_tasks(self, obj: Dossier) -> list[dict[str, Any]]:
        return [
            {
                "step": t.position,
                "name": t.name,
                "role": t.role,
                "state": t.state,
                "assignee": t.assignee_id,
                "due_at": _moment(t.due_at),
            }
            for t in obj.tasks.all()
        ]


class EventOut(serializers.ModelSerializer):
    """An event as the viewer in the context may see it (the stored chain is not changed)."""

    actor = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "seq",
            "action",
            "actor",
            "actor_role",
            "status_before",
            "status_after",
            "payload",
            "created_at",
            "prev_hash",
            "hash",
        ]

    def get_actor(self, obj: Event) -> str:
        return self.context.get("viewer", selectors.NOBODY).actor_of(obj.dossier, obj)


# --- Views ------------------------------------------------------------------------------------


class DossierViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DossierOut
    permission_classes = [IsAuthenticated]
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self) -> QuerySet[Dossier]:
        filters = parse(DossierFilterIn, self.request.query_params)
        if "overdue" in filters:
            filters["overdue"] = filters["overdue"] == "true"
        return selectors.filtered_dossiers(self.request.user, **filters)

    def get_object(self) -> Dossier:
        return selectors.get_visible_dossier(self.request.user, code=self.kwargs["code"])

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "viewer": selectors.viewer(self.request.user)}

    @extend_schema(summary="One dossier")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Dossiers I may see",
        parameters=[
            OpenApiParameter("status", str, enum=[s.value for s in Status]),
            OpenApiParameter("unit", str, description="Competent unit code"),
            OpenApiParameter("overdue", bool),
            OpenApiParameter("applicant_kind", str, enum=ApplicantKind.values),
            OpenApiParameter(
                "q",
                str,
                description="The whole dossier code or ID number (exact), or part of the code, "
                "the applicant's name or phone",
            ),
        ],
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="File a dossier",
        request=DossierIn,
        responses={201: DossierOut},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
    )
    def create(self, request: Request) -> Response:
        data = intake_input.parse_prepared(DossierIn, request.data)  # the same checks, cheaper
        key = request.headers.get("Idempotency-Key", "")
        if len(key) > 200 or not key.isprintable():
            raise serializers.ValidationError(
                {"Idempotency-Key": [_("Use up to 200 printable characters.")]}
            )
        viewer = selectors.viewer(request.user)  # the memberships, read once for the request
        dossier, created = services.receive_dossier(
            data,
            actor=request.user,
            assurance=assurance_of(request),
            idempotency_key=key,
            body_hash=services.request_hash(request.data),
            device=device_digest(request),
            roles_at_point={p.pk: p.roles for p in viewer.scope.points},
        )
        if not created:  # a retry: the dossier as it is now (a new one is answered as written)
            dossier = selectors.dossier_detail(dossier)  # the filer may always see it
        body = rendering.dossier_body(dossier, viewer)  # what DossierOut gives, without DRF
        return Response(body, status=status.HTTP_201_CREATED)


class DossierActionView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Act on a dossier",
        request=ActionBodyDoc,
        responses={200: DossierOut},
        parameters=[
            OpenApiParameter("action", str, OpenApiParameter.PATH, enum=list(ACTIONS)),
        ],
    )
    def post(self, request: Request, code: str, action: str) -> Response:
        if action not in ACTIONS:
            raise NotFound()
        service, input_serializer = ACTIONS[action]
        dossier = selectors.get_visible_dossier(request.user, code=code)  # 404
        data = parse(input_serializer, request.data)  # 400
        dossier = selectors.dossier_detail(service(dossier, actor=request.user, **data))
        return Response(
            DossierOut(dossier, context={"viewer": selectors.viewer(request.user)}).data
        )


@extend_schema(summary="The dossier's event log, oldest first")
class EventListView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = EventOut

    def get_queryset(self) -> QuerySet[Event]:
        dossier = selectors.get_visible_dossier(self.request.user, code=self.kwargs["code"])
        return selectors.events_of(dossier)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "viewer": selectors.viewer(self.request.user)}


class EventVerifyView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Verify the event chain",
        responses={
            200: inline_serializer(
                "ChainCheck",
                {
                    "valid": serializers.BooleanField(),
                    "first_bad_seq": serializers.IntegerField(allow_null=True),
                },
            )
        },
    )
    def get(self, request: Request, code: str) -> Response:
        dossier = selectors.get_visible_dossier(request.user, code=code)
        check = events.verify_chain(dossier)
        return Response({"valid": check.valid, "first_bad_seq": check.first_bad_seq})
