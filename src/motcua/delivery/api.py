"""Results by post over the API: the operator's signed callback, a dossier's postal orders,
and the handling of a returned item (docs/delivery.md)."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.delivery import services
from motcua.delivery.models import Handling, PostalOrder
from motcua.dossiers.selectors import get_visible_dossier


class PostalEventOut(serializers.Serializer):
    status = serializers.CharField()
    at = serializers.DateTimeField()
    note = serializers.CharField()


class PostalOrderOut(serializers.ModelSerializer):
    events = PostalEventOut(many=True, read_only=True)

    class Meta:
        model = PostalOrder
        fields = [
            "attempt",
            "status",
            "tracking_number",
            "recipient",
            "cost_vnd",
            "cost_payer",
            "cost_source",
            "created_at",
            "accepted_at",
            "delivered_at",
            "returned_at",
            "proof",
            "handling",
            "events",
        ]


class PostalCallbackView(APIView):
    """The postal operator's status (no session, no token: the signature is the proof)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        summary="A postal operator's status callback",
        request={"application/json": OpenApiTypes.OBJECT},
        parameters=[
            OpenApiParameter("X-Motcua-Timestamp", str, OpenApiParameter.HEADER),
            OpenApiParameter("X-Motcua-Signature", str, OpenApiParameter.HEADER),
        ],
        responses={
            200: inline_serializer("PostalCallbackOutcome", {"new": serializers.BooleanField()})
        },
    )
    def post(self, request: Request) -> Response:
        return Response({"new": services.accept_callback(request.body, request.headers)})


class DossierPostalView(APIView):
    """A dossier's postal orders, newest last: tracking, statuses, postage, proof of delivery;
    for its applicant and the officials who may see it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="A dossier's postal orders", responses={200: PostalOrderOut(many=True)})
    def get(self, request: Request, code: str) -> Response:
        dossier = get_visible_dossier(request.user, code=code)
        orders = dossier.postal_orders.prefetch_related("events")
        return Response(PostalOrderOut(orders, many=True).data)


class ReturnedIn(serializers.Serializer):
    handling = serializers.ChoiceField(choices=Handling.choices)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ReturnedView(APIView):
    """A receiving or handling official handles a result the post returned."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Handle a result the post returned",
        request=ReturnedIn,
        responses={200: PostalOrderOut},
    )
    def post(self, request: Request, code: str) -> Response:
        dossier = get_visible_dossier(request.user, code=code)
        data = ReturnedIn(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.handle_returned(dossier, actor=request.user, **data.validated_data)
        return Response(PostalOrderOut(order).data)
