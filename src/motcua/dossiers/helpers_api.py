"""Community digital team helpers over the API: registration, and their volume for oversight."""

from datetime import timedelta
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListCreateAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from motcua.core import clock
from motcua.core.errors import Forbidden
from motcua.dossiers import selectors
from motcua.dossiers.serializers import parse
from motcua.identity.models import ConsentMethod, Role
from motcua.identity.selectors import official_scope
from motcua.identity.services import register_helper


class HelperConsentIn(serializers.Serializer):
    """The member's own consent to being registered: how, when, and the signed form."""

    method = serializers.ChoiceField(choices=ConsentMethod.choices)
    given_at = serializers.DateTimeField(required=False)
    file = serializers.IntegerField(min_value=1, max_value=2**62, required=False)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class HelperIn(serializers.Serializer):
    username = serializers.RegexField(r"^[\w.@+-]{3,150}$")
    unit = serializers.RegexField(r"^\d{5}$")
    team = serializers.CharField(max_length=200)
    consent = HelperConsentIn()


class HelperConsentOut(serializers.Serializer):
    method = serializers.CharField()
    given_at = serializers.DateTimeField()
    recorded_by = serializers.CharField()


class HelperOut(serializers.Serializer):
    helper = serializers.CharField()
    unit = serializers.CharField()
    team = serializers.CharField()


class RegisteredHelperOut(HelperOut):
    consent = HelperConsentOut()


class HelperVolumeOut(HelperOut):
    dossiers = serializers.IntegerField()
    applicants = serializers.IntegerField()


class HelperView(ListCreateAPIView):
    """Community digital team helpers: registered by the centre or their ward's leader; their
    volume is visible to the centre and the inspectors (not a broker flag)."""

    permission_classes = [IsAuthenticated]
    serializer_class = HelperVolumeOut

    def get_queryset(self) -> list[dict[str, Any]]:
        if not ({Role.COORDINATOR, Role.INSPECTOR} & official_scope(self.request.user).city_roles):
            raise Forbidden()
        return selectors.helper_volume(clock.now() - timedelta(days=30))

    @extend_schema(summary="Helpers' filings over the last 30 days")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Register a community helper (the centre, or the ward's leader), with consent",
        request=HelperIn,
        responses={201: RegisteredHelperOut},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = parse(HelperIn, request.data)
        helper = register_helper(
            data["username"],
            unit=data["unit"],
            team=data["team"],
            consent=data["consent"],
            actor=request.user,
        )
        body = {
            "helper": helper.user.get_username(),
            "unit": helper.unit.code,
            "team": helper.team,
            "consent": {
                "method": helper.consent_method,
                "given_at": helper.consent_given_at,
                "recorded_by": helper.registered_by.get_username(),
            },
        }
        return Response(RegisteredHelperOut(body).data, status=status.HTTP_201_CREATED)
