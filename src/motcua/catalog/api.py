"""The published catalog over the API: list with search, detail, and the compliance audit."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.catalog import selectors
from motcua.catalog.audit import AuditReport, Share
from motcua.catalog.models import (
    FILING_CHANNELS,
    Applicant,
    FactState,
    Fee,
    JointGroup,
    Level,
    OnlineLevel,
    Participant,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
)


class DocumentOut(serializers.ModelSerializer):
    class Meta:
        model = RequiredDocument
        fields = [
            "id",
            "name",
            "name_en",
            "kind",
            "quantity",
            "required",
            "replaceable_by",
            "note",
            "condition",
            "form_template",
            "state",
            "source",
        ]


class FeeOut(serializers.ModelSerializer):
    class Meta:
        model = Fee
        fields = [
            "id",
            "name",
            "name_en",
            "amount_vnd",
            "condition",
            "collected_by",
            "channel",
            "state",
            "source",
        ]


class StepOut(serializers.ModelSerializer):
    class Meta:
        model = ProcessStep
        fields = ["name", "name_en", "role", "share_percent"]


class ParticipantOut(serializers.ModelSerializer):
    """One agency of a joint procedure (shared/API.md "Several agencies")."""

    agency_kind = serializers.CharField(source="agency_role", help_text="the agency's role")
    share = serializers.SerializerMethodField(help_text="its share of the time limit (0-1)")
    system = serializers.CharField(allow_null=True, help_text="the external system, or null")
    procedure = serializers.CharField(source="procedure.code", allow_null=True, default=None)

    class Meta:
        model = Participant
        fields = [
            "name",
            "name_en",
            "agency_kind",
            "role",
            "stage",
            "share",
            "share_percent",
            "system",
            "procedure",
            "steps",
        ]

    def get_share(self, obj: Participant) -> float:
        return round(obj.share_percent / 100, 4)

    def to_representation(self, instance: Participant) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["system"] = data["system"] or None
        return data


class TimeLimitOut(serializers.Serializer):
    value = serializers.IntegerField(source="time_limit_value", allow_null=True)
    unit = serializers.CharField(source="time_limit_unit", allow_null=True)


class ChannelLimitOut(serializers.Serializer):
    channel = serializers.ChoiceField(choices=FILING_CHANNELS)
    value = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField(allow_null=True)
    state = serializers.ChoiceField(choices=FactState.values)
    text = serializers.CharField(help_text="The time limit as the source page writes it")


class ProcedureOut(serializers.ModelSerializer):
    code = serializers.CharField(source="procedure.code")
    version = serializers.IntegerField(source="number")
    field = serializers.CharField(source="field.name")
    field_en = serializers.CharField(source="field.name_en")
    field_code = serializers.CharField(source="field.code")
    time_limit = TimeLimitOut(source="*")
    fees = FeeOut(many=True)
    documents = DocumentOut(many=True)
    steps = StepOut(many=True)
    participants = ParticipantOut(many=True, help_text="empty for a single-agency procedure")
    time_limits = ChannelLimitOut(many=True, help_text="The time limit per filing channel")
    applicants = serializers.ListField(child=serializers.ChoiceField(choices=Applicant.values))
    result_codes = serializers.ListField(child=serializers.CharField())
    unparsed = serializers.DictField(
        child=serializers.CharField(),
        help_text="Sections of the source page kept verbatim because no rule could read them",
    )

    class Meta:
        model = ProcedureVersion
        fields = [
            "code",
            "version",
            "name",
            "name_en",
            "field",
            "field_en",
            "field_code",
            "level",
            "agency_role",
            "time_limit",
            "fees",
            "documents",
            "steps",
            "participants",
            "online",
            "boundary_free",
            "payment_before_approval",
            "assurance_level",
            "place_restriction",
            "presence_required_for",
            "legal_basis",
            "result",
            "result_en",
            "published_at",
            "handled_by_city",
            "portal_levels",
            "applicants",
            "time_limit_state",
            "time_limit_source",
            "time_limits",
            "result_codes",
            "decision",
            "portal_url",
            "source",
            "crawled_on",
            "unparsed",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="The published catalog",
        parameters=[
            OpenApiParameter("q", str, description="Words to find, with or without diacritics"),
            OpenApiParameter("level", str, enum=[c.value for c in Level]),
            OpenApiParameter("field", str, description="Field code"),
            OpenApiParameter("online", str, enum=[c.value for c in OnlineLevel]),
        ],
    ),
    retrieve=extend_schema(
        summary="One published procedure",
        parameters=[OpenApiParameter("version", int, description="A given version number")],
    ),
)
class ProcedureViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProcedureOut
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self) -> QuerySet[ProcedureVersion]:
        params = self.request.query_params
        return selectors.search_procedures(
            q=params.get("q", ""),
            level=params.get("level", ""),
            field=params.get("field", ""),
            online=params.get("online", ""),
        )

    def get_object(self) -> ProcedureVersion:
        number = self.request.query_params.get("version")
        if number is not None and not (number.isascii() and number.isdigit()):
            raise serializers.ValidationError({"version": [_("A version is a whole number.")]})
        return selectors.get_published_version(
            self.kwargs["code"], number=int(number) if number else None
        )


class JointGroupOut(serializers.ModelSerializer):
    time_limit = TimeLimitOut(source="*")
    participants = ParticipantOut(many=True)

    class Meta:
        model = JointGroup
        fields = [
            "code",
            "name",
            "name_en",
            "legal_basis",
            "time_limit",
            "time_limit_state",
            "source_url",
            "participants",
        ]


@extend_schema_view(
    list=extend_schema(summary="Joint procedure groups filed once (Decree 63/2024)"),
    retrieve=extend_schema(summary="One joint procedure group"),
)
class JointGroupViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = JointGroupOut
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"
    pagination_class = None

    def get_queryset(self) -> QuerySet[JointGroup]:
        return selectors.published_groups()

    def get_object(self) -> JointGroup:
        return selectors.get_group(self.kwargs["code"])


def _share(share: Share) -> dict[str, Any]:
    return {
        "procedures": share.total,
        "fully_online": share.fully_online,
        "fully_online_percent": share.fully_online_percent,
        "boundary_free": share.boundary_free,
        "boundary_free_percent": share.boundary_free_percent,
    }


def audit_body(report: AuditReport) -> dict[str, Any]:
    """Return the audit as plain data (the API body and `catalog audit --json`)."""
    return {
        "summary": {
            "overall": _share(report.overall),
            "business": _share(report.business),
            "enterprise_related": _share(report.enterprise_related),
            "organisations": _share(report.organisations),
            "target_percent": 100,
            "barriers": report.barrier_counts,
        },
        "procedures": [
            {
                "code": a.code,
                "name": a.name,
                "field": a.field,
                "is_business": a.is_business,
                "enterprise_related": a.enterprise_related,
                "organisations_may_file": a.organisations_may_file,
                "fully_online": a.fully_online,
                "boundary_free": a.boundary_free,
                "barriers": [
                    {"kind": f.barrier, "label": f.label, "detail": f.detail} for f in a.findings
                ],
            }
            for a in report.procedures
        ],
    }


class CatalogAuditView(APIView):
    @extend_schema(
        summary="Compliance audit of the published catalog",
        responses=inline_serializer(
            "CatalogAudit",
            {
                "summary": serializers.DictField(),
                "procedures": serializers.ListField(),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        return Response(audit_body(selectors.audit_report()))
