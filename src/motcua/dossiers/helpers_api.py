"""Community digital team helpers over the API: registration, and their volume for oversight."""

from datetime import timedelta

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core import clock
from motcua.core.errors import Forbidden
from motcua.dossiers import selectors
from motcua.dossiers.api import parse
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.identity.services import register_helper


class HelperIn(serializers.Serializer):
    username = serializers.RegexField(r"^[\w.@+-]{3,150}$")
    unit = serializers.RegexField(r"^\d{5}$")
    team = serializers.CharField(max_length=200)


class HelperOut(serializers.Serializer):
    helper = serializers.CharField()
    unit = serializers.CharField()
    team = serializers.CharField()


class HelperVolumeOut(HelperOut):
    dossiers = serializers.IntegerField()
    applicants = serializers.IntegerField()


class HelperView(APIView):
    """Community digital team helpers: registered by the centre or their ward; their volume is
    visible to the centre and the inspectors (not a broker flag)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Helpers' filings over the last 30 days",
        responses={200: HelperVolumeOut(many=True)},
    )
    def get(self, request: Request) -> Response:
        if not ({Role.COORDINATOR, Role.INSPECTOR} & official_scope(request.user).city_roles):
            raise Forbidden()
        return Response(selectors.helper_volume(clock.now() - timedelta(days=30)))

    @extend_schema(
        summary="Register a community helper", request=HelperIn, responses={201: HelperOut}
    )
    def post(self, request: Request) -> Response:
        data = parse(HelperIn, request.data)
        helper = register_helper(
            data["username"], unit=data["unit"], team=data["team"], actor=request.user
        )
        return Response(
            {"helper": helper.user.get_username(), "unit": helper.unit.code, "team": helper.team},
            status=status.HTTP_201_CREATED,
        )
