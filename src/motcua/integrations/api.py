"""Webhook subscriptions over the API (docs/webhooks.md): systems subscribe a URL to dossier
events, see each delivery (waiting, delivered, dead letters) and ask for a redelivery."""

from typing import Any

from django.db.models import QuerySet

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.errors import NotFound
from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.integrations import selectors, services, webhooks
from motcua.integrations.errors import NotASystem
from motcua.integrations.models import OutboxMessage, Subscription


class SubscriptionIn(serializers.Serializer):
    url = serializers.URLField(max_length=500, help_text="HTTPS; it receives CloudEvents")
    types = serializers.ListField(
        child=serializers.ChoiceField(choices=webhooks.TYPES),
        required=False,
        help_text="the event types wanted (without the vn.motcua. prefix); none: every type",
    )


class SubscriptionOut(serializers.ModelSerializer):
    types = serializers.ListField(child=serializers.ChoiceField(choices=webhooks.TYPES))

    class Meta:
        model = Subscription
        fields = ["id", "url", "types", "created_at"]


class SubscriptionCreatedOut(SubscriptionOut):
    secret = serializers.CharField(help_text="the HMAC key of the signatures, shown only now")

    class Meta(SubscriptionOut.Meta):
        fields = [*SubscriptionOut.Meta.fields, "secret"]


class DeliveryOut(serializers.ModelSerializer):
    event_id = serializers.SerializerMethodField()
    type = serializers.SerializerMethodField()
    dossier = serializers.CharField(source="key")
    state = serializers.SerializerMethodField()

    class Meta:
        model = OutboxMessage
        fields = [
            "id",
            "event_id",
            "type",
            "dossier",
            "state",
            "attempts",
            "last_error",
            "created_at",
            "next_attempt_at",
            "delivered_at",
            "dead_at",
        ]

    def get_event_id(self, obj: OutboxMessage) -> str:
        return webhooks.cloudevent(obj.payload)["id"]

    def get_type(self, obj: OutboxMessage) -> str:
        return webhooks.cloudevent(obj.payload)["type"]

    def get_state(self, obj: OutboxMessage) -> str:
        if obj.delivered_at:
            return "delivered"
        return "dead" if obj.dead_at else "waiting"


def _systems_only(request: Request) -> None:
    if Role.SYSTEM not in official_scope(request.user).city_roles:
        raise NotASystem()


def _own(request: Request, pk: Any) -> Subscription:
    _systems_only(request)
    found = selectors.subscriptions_of(request.user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


@extend_schema_view(
    list=extend_schema(summary="My webhook subscriptions"),
    retrieve=extend_schema(summary="One webhook subscription"),
    destroy=extend_schema(summary="Unsubscribe (the waiting deliveries are dropped)"),
)
class SubscriptionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = SubscriptionOut
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Subscription]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reads the model
            return Subscription.objects.none()
        _systems_only(self.request)
        return selectors.subscriptions_of(self.request.user)

    @extend_schema(
        summary="Subscribe a URL to dossier events (CloudEvents, signed)",
        request=SubscriptionIn,
        responses={201: SubscriptionCreatedOut},
    )
    def create(self, request: Request) -> Response:
        data = SubscriptionIn(data=request.data)
        data.is_valid(raise_exception=True)
        subscription = services.subscribe(
            data.validated_data["url"],
            types=data.validated_data.get("types", []),
            actor=request.user,
        )
        return Response(SubscriptionCreatedOut(subscription).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: Subscription) -> None:
        services.unsubscribe(instance, actor=self.request.user)


@extend_schema(
    summary="A subscription's deliveries, newest first (dead letters: ?state=dead)",
    parameters=[OpenApiParameter("state", str, enum=list(selectors.DELIVERY_STATES))],
)
class DeliveryListView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = DeliveryOut

    def get_queryset(self) -> QuerySet[OutboxMessage]:
        subscription = _own(self.request, self.kwargs["pk"])
        state = self.request.query_params.get("state", "")
        if state and state not in selectors.DELIVERY_STATES:
            raise serializers.ValidationError({"state": [f"one of {selectors.DELIVERY_STATES}"]})
        return selectors.deliveries(subscription, state)


class RedeliverView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Deliver a dead letter (or a waiting delivery) again, now",
        request=None,
        responses={200: DeliveryOut},
    )
    def post(self, request: Request, pk: int, delivery: int) -> Response:
        subscription = _own(request, pk)
        if not selectors.deliveries(subscription).filter(pk=delivery).exists():
            raise NotFound()
        message = services.retry_message(delivery, actor=request.user)
        return Response(DeliveryOut(message).data)
