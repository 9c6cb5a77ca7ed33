"""`POST /api/v1/assistant/ask`: a question in, a grounded answer with its sources out."""

from dataclasses import asdict
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.assistant import services
from motcua.assistant.throttles import AssistantThrottle
from motcua.core.throttles import client_of


class AskIn(serializers.Serializer):
    question = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=4000)
    lang = serializers.ChoiceField(choices=["vi", "en"], default="vi")
    conversation = serializers.CharField(required=False, allow_blank=True, max_length=64)
    id_last4 = serializers.RegexField(r"^\d{4}$", required=False, allow_blank=True)


class ChoiceOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField(allow_null=True)


class SourceOut(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.IntegerField()
    name = serializers.CharField()


class AskOut(serializers.Serializer):
    answer = serializers.CharField()
    kind = serializers.ChoiceField(choices=list(services.KINDS))
    procedures = ChoiceOut(many=True)
    sources = SourceOut(many=True)
    conversation = serializers.CharField(help_text="Send it back with a follow-up question.")
    rephrased = serializers.BooleanField()


def reply_body(reply: services.Reply) -> dict[str, Any]:
    """Return a reply in the API's shape."""
    body = asdict(reply)
    body.pop("topic")
    body.pop("pending")
    return body


class AskView(APIView):
    """Public: residents ask in their own words; answers come only from the published catalog."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [AssistantThrottle]

    @extend_schema(
        summary="Ask the virtual assistant",
        request=AskIn,
        responses={200: AskOut},
    )
    def post(self, request: Request) -> Response:
        data = AskIn(data=request.data)
        data.is_valid(raise_exception=True)
        reply = services.ask(
            data.validated_data["question"],
            lang=data.validated_data["lang"],
            conversation_id=data.validated_data.get("conversation") or None,
            id_last4=data.validated_data.get("id_last4") or "",
            client=client_of(request),
        )
        return Response(AskOut(reply_body(reply)).data)


@extend_schema_view(post=extend_schema(exclude=True))
class AskWithSlashView(AskView):
    """The same endpoint for clients that add the trailing slash the rest of the API has."""
