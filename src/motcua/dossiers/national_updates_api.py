"""The applicants' changes made on the national portal, over the API: pushed by the portal
(signed like its dossiers) or posted by a system; listed for the centre (docs/integrations.md)."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from motcua.core.errors import Forbidden
from motcua.dossiers.national_update_input import NationalUpdateIn
from motcua.dossiers.services import national_updates
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrations import webhooks
from motcua.integrations.models import NationalUpdate, UpdateState

OVERSEERS = {Role.COORDINATOR, Role.INSPECTOR, Role.SYSTEM}


class NationalUpdateOut(serializers.ModelSerializer):
    class Meta:
        model = NationalUpdate
        fields = [
            "update_id",
            "national_code",
            "seq",
            "kind",
            "state",
            "reason",
            "deliveries",
            "received_at",
            "applied_at",
        ]


class UpdateFilterIn(serializers.Serializer):
    state = serializers.ChoiceField(choices=UpdateState.choices, required=False)


def _roles(request: Request) -> set[str]:
    return set(official_scope(request.user).city_roles) if request.user.is_authenticated else set()


class NationalUpdateView(ListAPIView):
    """POST: a change the applicant made on the national portal; GET: those received."""

    permission_classes: list[Any] = []  # a system's token, or the portal's signature
    serializer_class = NationalUpdateOut

    def get_queryset(self) -> QuerySet[NationalUpdate]:
        if getattr(self, "swagger_fake_view", False):
            return NationalUpdate.objects.none()
        if not self.request.user.is_authenticated:
            raise NotAuthenticated()
        if not OVERSEERS & _roles(self.request):
            raise Forbidden()
        filters = UpdateFilterIn(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        found = NationalUpdate.objects.all()
        if filters.validated_data.get("state"):
            found = found.filter(state=filters.validated_data["state"])
        return found

    @extend_schema(
        summary="The applicants' changes received from the national portal, for the centre",
        parameters=[OpenApiParameter("state", str, enum=UpdateState.values)],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Receive a change the applicant made on the national portal (once, in order)",
        description=(
            "Withdrawn, paid or supplemented on the portal, for a dossier it filed here. A "
            "system-role token, or the portal's Standard Webhooks signature with "
            "MOTCUA_NATIONAL_PORTAL_PUSH_SECRET. Kept once by update_id and applied in the "
            "order of seq: status applied, refused (with the reason) or waiting (for an "
            "earlier change, or for the dossier)."
        ),
        request=NationalUpdateIn,
        responses={
            200: inline_serializer(
                "NationalUpdateAnswer",
                {
                    "update_id": serializers.CharField(),
                    "status": serializers.ChoiceField(choices=UpdateState.values),
                    "reason": serializers.CharField(required=False),
                    "repeated": serializers.BooleanField(required=False),
                },
            )
        },
    )
    def post(self, request: Request) -> Response:
        raw = request._request.body  # read before the parsers: the signature covers the bytes
        secret = settings.MOTCUA_NATIONAL_PORTAL_PUSH_SECRET
        signed = webhooks.verified(secret, raw, request.headers)
        if not signed and Role.SYSTEM not in _roles(request):
            if request.user.is_authenticated:
                raise Forbidden()
            raise NotAuthenticated()
        data = NationalUpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        received = national_updates.receive(data.validated_data)
        national_updates.acknowledged(received)
        return Response(received.answer())
