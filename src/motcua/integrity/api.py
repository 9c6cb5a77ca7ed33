"""The complaints API (anyone may file; the filer reads the answer with the tracking code and
their contact) and the integrity flags API (officials with the oversight role)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound as DrfNotFound
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.integrity import scoring, selectors, services
from motcua.integrity.models import ComplaintCategory, Flag, FlagKind, FlagStatus
from motcua.integrity.throttles import ComplaintThrottle


class ComplaintIn(serializers.Serializer):
    dossier = serializers.CharField(required=False, allow_blank=True, max_length=60)
    agency = serializers.CharField(required=False, allow_blank=True, max_length=40)
    official = serializers.CharField(required=False, allow_blank=True, max_length=200)
    category = serializers.ChoiceField(choices=ComplaintCategory.choices)
    text = serializers.CharField(max_length=5000)
    contact = serializers.CharField(max_length=200)
    source = serializers.ChoiceField(choices=["citizen", "media"], required=False)


class ComplaintOut(serializers.Serializer):
    """What the filer may know: never anything about the dossier named."""

    code = serializers.CharField()
    category = serializers.CharField()
    status = serializers.CharField()
    received_at = serializers.DateTimeField()
    due_on = serializers.DateField()
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)


class ComplaintsView(APIView):
    """`POST /api/v1/complaints/`: anyone, signed in or not, rate limited."""

    permission_classes = [AllowAny]
    throttle_classes = [ComplaintThrottle]

    @extend_schema(
        summary="File a complaint or feedback", request=ComplaintIn, responses={201: ComplaintOut}
    )
    def post(self, request: Request) -> Response:
        data = ComplaintIn(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = services.file_complaint(data.validated_data, actor=request.user)
        return Response(ComplaintOut(complaint).data, status=status.HTTP_201_CREATED)


class ContactIn(serializers.Serializer):
    contact = serializers.CharField(max_length=200)


class ComplaintStatusView(APIView):
    """`POST /api/v1/complaints/{code}/` with `{"contact"}`: the filer reads the answer. A POST, so
    that the contact (a phone number, an e-mail) is never in a URL, a history or an access log."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [ComplaintThrottle]

    @extend_schema(
        summary="Read a complaint's answer (tracking code and the contact it was filed with)",
        operation_id="complaints_read_answer",
        request=ContactIn,
        responses={200: ComplaintOut},
    )
    def post(self, request: Request, code: str) -> Response:
        data = ContactIn(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = selectors.complaint_for_citizen(code, data.validated_data["contact"])
        return Response(ComplaintOut(complaint).data)


class AnswerIn(serializers.Serializer):
    answer = serializers.CharField(max_length=5000)


class ComplaintAnswerView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Answer a complaint (agency head, inspection team, centre)",
        request=AnswerIn,
        responses={200: ComplaintOut},
    )
    def post(self, request: Request, code: str) -> Response:
        data = AnswerIn(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = services.answer_complaint(
            code, actor=request.user, answer=data.validated_data["answer"]
        )
        return Response(ComplaintOut(complaint).data)


class ReasonOut(serializers.Serializer):
    code = serializers.CharField()
    points = serializers.IntegerField()
    vi = serializers.CharField()
    en = serializers.CharField()


class FlagOut(serializers.ModelSerializer):
    reasons = serializers.SerializerMethodField()
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    dossiers = serializers.SerializerMethodField()

    class Meta:
        model = Flag
        fields = [
            "id",
            "kind",
            "key_kind",
            "label",
            "agency",
            "score",
            "reasons",
            "status",
            "source",
            "raised_at",
            "updated_at",
            "review_note",
            "dossiers",
        ]

    @extend_schema_field(ReasonOut(many=True))
    def get_reasons(self, obj: Flag) -> list[dict[str, Any]]:
        return scoring.both_languages(obj.reasons)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_dossiers(self, obj: Flag) -> list[str]:
        return list(obj.evidence.get("dossiers") or [])


class FlagListView(ListAPIView):
    """`GET /api/v1/integrity/flags/?kind=broker|extra_documents&status=`: oversight roles."""

    serializer_class = FlagOut
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Integrity flags with their score and reasons (inspector, coordinator)",
        parameters=[
            OpenApiParameter("kind", str, enum=FlagKind.values),
            OpenApiParameter("status", str, enum=FlagStatus.values),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        kind = self.request.query_params.get("kind", "")
        state = self.request.query_params.get("status", "")
        if kind and kind not in FlagKind.values or state and state not in FlagStatus.values:
            raise serializers.ValidationError({"kind": [_("Unknown kind or status.")]})
        return selectors.visible_flags(self.request.user, kind=kind, status=state)


class ReviewIn(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


REVIEWS = {
    "confirm": lambda pk, user, note: services.confirm_flag(pk, actor=user, note=note),
    "dismiss": lambda pk, user, note: services.dismiss_flag(pk, actor=user, reason=note),
    "escalate": lambda pk, user, note: services.escalate_flag(pk, actor=user, note=note),
}


class FlagReviewView(APIView):
    """`POST /api/v1/integrity/flags/{id}/{confirm|dismiss|escalate}/` (inspectors)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Confirm, dismiss (note = the reason) or escalate a flag",
        request=ReviewIn,
        responses={200: FlagOut},
    )
    def post(self, request: Request, pk: int, action: str) -> Response:
        if action not in REVIEWS:
            raise DrfNotFound()
        data = ReviewIn(data=request.data)
        data.is_valid(raise_exception=True)
        flag = REVIEWS[action](pk, request.user, data.validated_data["note"])
        return Response(FlagOut(flag).data)
