"""GET /api/v1/track/{code}/: public tracking by code and the ID number's last 4 digits."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.throttles import client_of
from motcua.dossiers.api import _moment
from motcua.dossiers.tracking import track


class TrackView(APIView):
    """Public tracking by code and the last 4 digits of the ID number: nothing personal; the
    tries are limited with the page's and the assistant's (`dossiers.tracking`)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        summary="Track a dossier",
        parameters=[OpenApiParameter("id_last4", str, required=True)],
        responses={
            200: inline_serializer(
                "Tracking",
                {
                    "code": serializers.CharField(),
                    "status": serializers.CharField(),
                    "procedure": serializers.CharField(),
                    "received_at": serializers.DateTimeField(),
                    "due_at": serializers.DateTimeField(allow_null=True),
                    "handling_agency": serializers.CharField(),
                },
            )
        },
    )
    def get(self, request: Request, code: str) -> Response:
        id_last4 = request.query_params.get("id_last4", "")
        dossier = track(code, id_last4, client=client_of(request))
        return Response(
            {
                "code": dossier.code,
                "status": dossier.status,
                "procedure": dossier.procedure_version.name,
                "received_at": _moment(dossier.received_at),
                "due_at": _moment(dossier.due_at),
                "handling_agency": dossier.handling_agency.name,
            }
        )
