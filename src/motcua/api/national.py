"""The national portal over the API (shared/API.md, "National portal"): the dossiers filed there
come in (pushed, signed, or posted by a system), the centre lists the refused ones and the
daily reconciliation's differences, and resends a dossier the portal holds wrongly."""

from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.errors import Forbidden
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrations.models import FilingState, NationalFiling, SyncDifference
from motcua.monitoring.indicators import rate
from motcua.nationalportal import inbound, reconciliation
from motcua.nationalportal.national_input import NationalDossierIn


class NationalFilingOut(serializers.ModelSerializer):
    dossier = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = NationalFiling
        fields = [
            "national_code",
            "procedure_code",
            "state",
            "reason",
            "refusal_code",
            "dossier",
            "deliveries",
            "first_received_at",
            "last_received_at",
            "acknowledged_at",
        ]


class DifferenceOut(serializers.ModelSerializer):
    dossier = serializers.SlugRelatedField(slug_field="code", read_only=True)
    national_code = serializers.CharField(source="dossier.national_code", allow_null=True)

    class Meta:
        model = SyncDifference
        fields = ["id", "dossier", "national_code", "kind", "ours", "theirs", "resent_at"]


class FilingFilterIn(serializers.Serializer):
    state = serializers.ChoiceField(choices=FilingState.choices, required=False)


def _overseer(request: Request) -> None:
    if not reconciliation.OVERSEERS & set(official_scope(request.user).city_roles):
        raise Forbidden()


def _system(request: Request) -> bool:
    user = request.user
    return bool(user and user.is_authenticated) and (Role.SYSTEM in official_scope(user).city_roles)


class NationalDossierView(ListAPIView):
    """POST: a dossier filed on the national portal; GET: what the portal delivered."""

    permission_classes: list[Any] = []  # a system's token, or the portal's signature
    serializer_class = NationalFilingOut

    def get_queryset(self) -> QuerySet[NationalFiling]:
        if getattr(self, "swagger_fake_view", False):
            return NationalFiling.objects.none()
        if not self.request.user.is_authenticated:
            raise NotAuthenticated()
        _overseer(self.request)
        filters = FilingFilterIn(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        found = NationalFiling.objects.select_related("dossier")
        if filters.validated_data.get("state"):
            found = found.filter(state=filters.validated_data["state"])
        return found

    @extend_schema(
        summary="What the national portal delivered (refused ones: ?state=refused), for the centre",
        parameters=[OpenApiParameter("state", str, enum=FilingState.values)],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Receive a dossier filed on the national portal (once per national code)",
        description=(
            "A system-role token, or the portal's Standard Webhooks signature (webhook-id, "
            "webhook-timestamp, webhook-signature) with MOTCUA_NATIONAL_PORTAL_PUSH_SECRET. "
            "201 the new dossier; 200 the same dossier for a national code already received; "
            "422 refused, with the reason (an unknown procedure, a missing document…)."
        ),
        request=NationalDossierIn,
        responses={
            201: inline_serializer(
                "NationalDossierReceived",
                {"code": serializers.CharField(), "national_code": serializers.CharField()},
            ),
            200: inline_serializer(
                "NationalDossierAgain",
                {"code": serializers.CharField(), "national_code": serializers.CharField()},
            ),
        },
    )
    def post(self, request: Request) -> Response:
        raw = request._request.body  # read before the parsers: the signature covers the bytes
        if not _system(request) and not inbound.signed(raw, request.headers):
            if request.user.is_authenticated:
                raise Forbidden()
            raise NotAuthenticated()
        data = NationalDossierIn(data=request.data)
        data.is_valid(raise_exception=True)
        outcome = inbound.receive(data.validated_data)
        inbound.acknowledged(outcome)  # this answer is the acknowledgement
        if outcome.dossier is None:
            filing = outcome.filing
            raise inbound.NationalDossierRefused(
                params={"reason": filing.reason},
                fields={"reason": [filing.reason], "refusal": filing.refusal_code},
            )
        return Response(
            {"code": outcome.dossier.code, "national_code": outcome.dossier.national_code},
            status=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK,
        )


class ReconciliationIn(serializers.Serializer):
    date = serializers.DateField(required=False)


class ReconciliationView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The day's differences between what the national portal holds and what we hold",
        parameters=[OpenApiParameter("date", date, description="default: yesterday")],
        responses={
            200: inline_serializer(
                "Reconciliation",
                {
                    "date": serializers.DateField(),
                    "checked": serializers.BooleanField(),
                    "ran_at": serializers.DateTimeField(allow_null=True),
                    "compared": serializers.IntegerField(),
                    "in_agreement": serializers.IntegerField(),
                    "indicator_1_4": serializers.FloatField(
                        allow_null=True, help_text="Decision 766 1.4: % in agreement"
                    ),
                    "differences": DifferenceOut(many=True),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        params = ReconciliationIn(data=request.query_params)
        params.is_valid(raise_exception=True)
        day = params.validated_data.get("date") or (timezone.localdate() - timedelta(days=1))
        check = reconciliation.differences(day, actor=request.user)
        rows = list(check.differences.all()) if check else []
        return Response(
            {
                "date": day,
                "checked": check is not None,
                "ran_at": check.ran_at if check else None,
                "compared": check.compared if check else 0,
                "in_agreement": check.in_agreement if check else 0,
                "indicator_1_4": rate(check.in_agreement, check.compared) if check else None,
                "differences": DifferenceOut(rows, many=True).data,
            }
        )


class ResendView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Send the dossier of a difference to the national portal again, as it is now",
        request=None,
        responses={200: DifferenceOut},
    )
    def post(self, request: Request, pk: int) -> Response:
        row = reconciliation.resend(pk, actor=request.user)
        return Response(DifferenceOut(row).data)
