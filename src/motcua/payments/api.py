"""Payments over the API (shared/API.md): fee accounts, a dossier's payment, provider callbacks,
bank statements, the review list and the collections report."""

from datetime import date, timedelta
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import segno
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.errors import DomainError, NotFound
from motcua.core.openapi import XLSX, binary
from motcua.core.periods import bounds_message, within_bounds
from motcua.dossiers import selectors as dossiers
from motcua.payments import reconciliation, selectors, services
from motcua.payments.models import FeeAccount, PaymentRequest, Purpose, ReviewItem

# --- Fee-collection accounts ---------------------------------------------------------------


class FeeAccountIn(serializers.Serializer):
    agency = serializers.CharField(max_length=40)
    purpose = serializers.ChoiceField(choices=Purpose.choices)
    bank_bin = serializers.CharField(max_length=6)
    account_number = serializers.CharField(max_length=19)
    account_name = serializers.CharField(max_length=70)
    tax_code = serializers.CharField(max_length=14, required=False, allow_blank=True, default="")
    budget_chapter = serializers.CharField(
        max_length=3, required=False, allow_blank=True, default=""
    )
    budget_subitem = serializers.CharField(
        max_length=4, required=False, allow_blank=True, default=""
    )
    treasury = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ReturnIn(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class FeeAccountOut(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    bank_name = serializers.SerializerMethodField()

    class Meta:
        model = FeeAccount
        fields = [
            "id",
            "agency",
            "purpose",
            "bank_bin",
            "bank_name",
            "account_number",
            "account_name",
            "tax_code",
            "budget_chapter",
            "budget_subitem",
            "treasury",
            "status",
            "reason",
            "submitted_at",
            "decided_at",
        ]

    def get_bank_name(self, obj: FeeAccount) -> str:
        return services.banks().get(obj.bank_bin, {}).get("short_name", "")


def _no_nul(data: Any) -> Any:
    if any("\x00" in str(v) for v in getattr(data, "values", lambda: [])()):
        raise serializers.ValidationError(_("Null characters are not allowed."))
    return data


@extend_schema_view(
    list=extend_schema(summary="Fee-collection accounts I may see"),
    approve=extend_schema(parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)]),
    return_=extend_schema(parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)]),
)
class FeeAccountViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = FeeAccountOut
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        return selectors.visible_accounts(self.request.user)

    @extend_schema(summary="Register a fee-collection account", request=FeeAccountIn)
    def create(self, request: Request) -> Response:
        data = FeeAccountIn(data=_no_nul(request.data))
        data.is_valid(raise_exception=True)
        account = services.register_account(dict(data.validated_data), actor=request.user)
        return Response(FeeAccountOut(account).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="The centre approves an account", request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        account = services.approve_account(_id(pk), actor=request.user)
        return Response(FeeAccountOut(account).data)

    @extend_schema(summary="The centre returns an account with the reason", request=ReturnIn)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str) -> Response:
        data = ReturnIn(data=_no_nul(request.data))
        data.is_valid(raise_exception=True)
        account = services.return_account(
            _id(pk), actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(FeeAccountOut(account).data)


def _id(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise DomainError(fields={"id": [_("Not an id.")]})
    return int(value)


class DeadlineIn(serializers.Serializer):
    due_on = serializers.DateField()
    title = serializers.CharField(max_length=255)


class DeadlineSetOut(serializers.Serializer):
    id = serializers.IntegerField()
    due_on = serializers.DateField()
    title = serializers.CharField()


class LateAgencyOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class DeadlineOut(DeadlineSetOut):
    submitted_in_time = serializers.IntegerField(help_text="Agencies that submitted in time.")
    late = LateAgencyOut(many=True)


class DeadlineView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = DeadlineOut

    def get_queryset(self) -> list[dict[str, Any]]:
        selectors.visible_accounts(self.request.user)  # 403 for non-officials
        body = []
        for deadline in selectors.deadlines():
            found = selectors.deadline_status(deadline)
            body.append(
                {
                    "id": deadline.pk,
                    "due_on": deadline.due_on,
                    "title": deadline.title,
                    "submitted_in_time": found.on_time,
                    "late": [{"code": a.code, "name": a.name} for a in found.late],
                }
            )
        return body

    @extend_schema(summary="Account submission deadlines and who is late")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Set a submission deadline", request=DeadlineIn, responses={201: DeadlineSetOut}
    )
    def post(self, request: Request) -> Response:
        data = DeadlineIn(data=_no_nul(request.data))
        data.is_valid(raise_exception=True)
        deadline = services.set_deadline(actor=request.user, **data.validated_data)
        return Response(
            {"id": deadline.pk, "due_on": deadline.due_on, "title": deadline.title},
            status=status.HTTP_201_CREATED,
        )


# --- A dossier's payment -------------------------------------------------------------------


class ReceiptOut(serializers.Serializer):
    number = serializers.CharField(help_text="The provider's series/number, or ours (fallback)")
    series = serializers.CharField(help_text="The provider's series (ký hiệu); '' on a fallback")
    lookup_code = serializers.CharField(help_text="The provider's lookup code (mã tra cứu)")
    lookup_url = serializers.CharField()
    fallback = serializers.BooleanField(
        help_text="Our own signed receipt, issued while the provider was down; replaced later"
    )


class PaymentOut(serializers.ModelSerializer):
    account = serializers.SerializerMethodField()
    vietqr = serializers.CharField(source="payload")
    qr_svg_url = serializers.SerializerMethodField()
    qr_png_url = serializers.SerializerMethodField()
    receipt_url = serializers.SerializerMethodField()
    receipt = serializers.SerializerMethodField()
    dossier = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = PaymentRequest
        fields = [
            "dossier",
            "amount_vnd",
            "paid_vnd",
            "status",
            "account",
            "vietqr",
            "qr_svg_url",
            "qr_png_url",
            "paid_at",
            "receipt_url",
            "receipt",
        ]

    def get_account(self, obj: PaymentRequest) -> dict[str, str] | None:
        account = obj.account
        if account is None:
            return None
        return {
            "agency": account.agency.code,
            "bank_bin": account.bank_bin,
            "bank_name": services.banks().get(account.bank_bin, {}).get("short_name", ""),
            "account_number": account.account_number,
            "account_name": account.account_name,
        }

    def _base(self, obj: PaymentRequest) -> str:
        return f"/api/v1/dossiers/{obj.dossier.code}/payment"

    def to_representation(self, instance: PaymentRequest) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not services.payable(instance):
            data["vietqr"] = ""  # paid, or no account: nothing to scan
        return data

    def get_qr_svg_url(self, obj: PaymentRequest) -> str | None:
        return f"{self._base(obj)}/qr.svg" if services.payable(obj) else None

    def get_qr_png_url(self, obj: PaymentRequest) -> str | None:
        return f"{self._base(obj)}/qr.png" if services.payable(obj) else None

    @extend_schema_field(ReceiptOut(allow_null=True))
    def get_receipt(self, obj: PaymentRequest) -> dict[str, Any] | None:
        payment = obj.payments.exclude(receipt=None).first()
        if payment is None:
            return None
        return {
            "number": payment.receipt_number,
            "series": payment.receipt_series,
            "lookup_code": payment.receipt_lookup_code,
            "lookup_url": payment.receipt_lookup_url,
            "fallback": payment.receipt_fallback,
        }

    def get_receipt_url(self, obj: PaymentRequest) -> str | None:
        payment = obj.payments.exclude(receipt=None).first()
        if payment is None:
            return None
        return f"/api/v1/dossiers/{obj.dossier.code}/documents/{payment.receipt_id}.pdf"


class DossierPaymentView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="The dossier's fee, payee account and VietQR", responses=PaymentOut)
    def get(self, request: Request, code: str) -> Response:
        dossier = dossiers.get_visible_dossier(request.user, code=code)
        return Response(PaymentOut(services.payment_request(dossier)).data)


class StartPaymentView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Pay through the national payment platform: the page to go to",
        request=None,
        responses={
            200: inline_serializer("PaymentStart", {"payment_url": serializers.URLField()}),
            503: OpenApiResponse(description="The national payment platform is not available"),
        },
    )
    def post(self, request: Request, code: str) -> Response:
        dossier = dossiers.get_visible_dossier(request.user, code=code)
        back = request.build_absolute_uri(f"/track/{dossier.code}")
        return Response({"payment_url": services.start_online_payment(dossier, return_url=back)})


class PaymentQrView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The VietQR image (SVG or PNG)",
        responses=binary("image/svg+xml", "image/png"),
        parameters=[OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=["svg", "png"])],
        operation_id="dossiers_payment_qr",
    )
    def get(self, request: Request, code: str, kind: str) -> HttpResponse:
        if kind not in ("svg", "png"):
            raise NotFound()
        dossier = dossiers.get_visible_dossier(request.user, code=code)
        payment = services.payment_request(dossier)
        if not services.payable(payment):
            raise services.NoFee()
        qr = segno.make(payment.payload, error="m")
        out = BytesIO()
        if kind == "svg":  # a standalone SVG document (with its namespace), as <img> needs
            qr.save(out, kind="svg", scale=6, border=4)
            return HttpResponse(out.getvalue(), content_type="image/svg+xml")
        qr.save(out, kind="png", scale=8, border=4)
        return HttpResponse(out.getvalue(), content_type="image/png")


# --- Providers, statements, reviews, report ------------------------------------------------


class CallbackView(APIView):
    """A provider's signed confirmation (no session, no token: the signature is the proof)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        summary="A payment provider's confirmation",
        request={"application/json": OpenApiTypes.OBJECT},
        parameters=[
            OpenApiParameter("X-Motcua-Timestamp", str, OpenApiParameter.HEADER),
            OpenApiParameter("X-Motcua-Signature", str, OpenApiParameter.HEADER),
        ],
        responses={
            200: inline_serializer(
                "CallbackOutcome",
                {
                    "paid": serializers.ListField(child=serializers.CharField()),
                    "review": serializers.ListField(child=serializers.CharField()),
                },
            )
        },
    )
    def post(self, request: Request, provider: str) -> Response:
        outcome = services.accept_callback(provider, request.body, request.headers)
        return Response({"paid": outcome.paid, "review": [r.kind for r in outcome.reviews]})


class StatementIn(serializers.Serializer):
    file = serializers.FileField()


class ReviewOut(serializers.ModelSerializer):
    class Meta:
        model = ReviewItem
        fields = [
            "id",
            "kind",
            "provider",
            "reference",
            "amount_vnd",
            "dossier_code",
            "note",
            "created_at",
        ]


class StatementView(APIView):
    parser_classes = [MultiPartParser]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Import a bank statement (CSV or XLSX) to reconcile",
        request=StatementIn,
        responses={
            201: inline_serializer(
                "StatementOutcome",
                {
                    "paid": serializers.ListField(child=serializers.CharField()),
                    "review": ReviewOut(many=True),
                    "already_recorded": serializers.IntegerField(),
                },
            )
        },
    )
    def post(self, request: Request) -> Response:
        data = StatementIn(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise DomainError(_("The file is too large."), fields={"file": ["too_large"]})
        outcome = reconciliation.import_statement(upload.name, upload.read(), actor=request.user)
        return Response(
            {
                "paid": outcome.paid,
                "review": ReviewOut(outcome.reviews, many=True).data,
                "already_recorded": outcome.repeated,
            },
            status=status.HTTP_201_CREATED,
        )


class ResolveIn(serializers.Serializer):
    resolution = serializers.CharField(max_length=2000)


class ResolvedOut(ReviewOut):
    resolved_at = serializers.DateTimeField()

    class Meta(ReviewOut.Meta):
        fields = [*ReviewOut.Meta.fields, "resolved_at"]


class ResolveReviewView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Settle a transfer left to review",
        request=ResolveIn,
        responses={200: ResolvedOut},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = ResolveIn(data=_no_nul(request.data))
        data.is_valid(raise_exception=True)
        item = services.resolve_review(
            pk, actor=request.user, resolution=data.validated_data["resolution"]
        )
        return Response({**ReviewOut(item).data, "resolved_at": item.resolved_at})


@extend_schema(summary="Transfers left to review")
class ReviewListView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ReviewOut

    def get_queryset(self) -> Any:
        return selectors.open_reviews(self.request.user)


class ReportIn(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    # not `format`: DRF reserves it for choosing a renderer
    export = serializers.ChoiceField(choices=["json", "xlsx"], required=False, default="json")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for name in ("start", "end"):
            if attrs.get(name) and not within_bounds(attrs[name]):
                raise serializers.ValidationError({name: [bounds_message()]})
        if attrs.get("start") and attrs.get("end") and attrs["start"] > attrs["end"]:
            raise serializers.ValidationError({"end": [_("The end comes before the start.")]})
        return attrs


class ReportView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Collections per agency per day and per procedure (JSON or .xlsx)",
        parameters=[
            OpenApiParameter("start", date),
            OpenApiParameter("end", date),
            OpenApiParameter("export", str, enum=["json", "xlsx"]),
        ],
        responses={(200, "application/json"): OpenApiTypes.OBJECT, **binary(XLSX)},
    )
    def get(self, request: Request) -> Any:
        query = ReportIn(data=request.query_params)
        query.is_valid(raise_exception=True)
        end = query.validated_data.get("end") or timezone.localdate()
        start = query.validated_data.get("start") or end - timedelta(days=30)
        if query.validated_data["export"] == "xlsx":
            return HttpResponse(
                selectors.report_xlsx(request.user, start, end),
                content_type=XLSX,
                headers={
                    "Content-Disposition": f'attachment; filename="thu-phi-{start}-{end}.xlsx"'
                },
            )
        body = selectors.collections(request.user, start, end)
        body["unreconciled"] = ReviewOut(selectors.open_reviews(request.user), many=True).data
        return Response({"start": start, "end": end, **body})
