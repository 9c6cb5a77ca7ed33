"""The dossier API of shared/API.md: intake, list/detail, actions, events, public tracking.

The input serializers are in `serializers`; the actions and what each reads, in `actions`."""

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
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core import clock
from motcua.core.devices import device_digest
from motcua.dossiers import (
    actions,
    deadlines,
    events,
    intake_input,
    rendering,
    selectors,
    services,
)
from motcua.dossiers.models import Dossier, Event
from motcua.dossiers.serializers import ActionBodyDoc, DossierFilterIn, DossierIn, parse
from motcua.dossiers.services.errors import UnknownAction
from motcua.dossiers.workflow import Status
from motcua.identity.oidc import assurance_of
from motcua.identity.organisations import ApplicantKind

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
            OpenApiParameter("action", str, OpenApiParameter.PATH, enum=list(actions.REGISTRY)),
        ],
    )
    def post(self, request: Request, code: str, action: str) -> Response:
        spec = actions.REGISTRY.get(action)
        if spec is None:
            raise UnknownAction(params={"actions": ", ".join(actions.REGISTRY)})  # 404
        dossier = selectors.get_visible_dossier(request.user, code=code)  # 404
        data = parse(spec.body, request.data)  # 400
        dossier = selectors.dossier_detail(spec.service(dossier, actor=request.user, **data))
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
