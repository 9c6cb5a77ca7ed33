"""A dossier's issued documents over the API: the receipt slip, the signed result, the notices."""

from typing import Any

from django.http import FileResponse

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from motcua.core.openapi import PDF_RESPONSE
from motcua.documents.models import IssuedDocument
from motcua.dossiers import selectors
from motcua.dossiers.services.receipts import receipt_document


class IssuedOut(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = IssuedDocument
        fields = ["id", "kind", "signer", "signed_at", "size", "sha256", "url"]

    def get_url(self, obj: IssuedDocument) -> str:
        return f"/api/v1/dossiers/{obj.reference}/documents/{obj.pk}.pdf"


def _pdf(document: IssuedDocument) -> FileResponse:
    name = f"{document.reference}-{document.kind}.pdf"
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


class ReceiptPdfView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The receipt and appointment slip (PDF)",
        responses=PDF_RESPONSE,
        operation_id="dossiers_receipt_pdf",
    )
    def get(self, request: Request, code: str) -> FileResponse:
        dossier = selectors.get_papers_dossier(request.user, code=code)
        return _pdf(receipt_document(dossier))


class ResultPdfView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The signed result (PDF)",
        responses=PDF_RESPONSE,
        operation_id="dossiers_result_pdf",
    )
    def get(self, request: Request, code: str) -> FileResponse:
        dossier = selectors.get_papers_dossier(request.user, code=code)
        readable = selectors.readable_issued_documents(request.user, dossier)
        if (
            dossier.result_document is None
            or not readable.filter(pk=dossier.result_document_id).exists()
        ):
            raise NotFound()
        return _pdf(dossier.result_document)


@extend_schema(summary="Documents issued for the dossier (receipt, notices, result)")
class IssuedListView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = IssuedOut

    def get_queryset(self) -> Any:
        dossier = selectors.get_papers_dossier(self.request.user, code=self.kwargs["code"])
        return selectors.readable_issued_documents(self.request.user, dossier)


class IssuedPdfView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="One issued document (PDF)",
        responses=PDF_RESPONSE,
        operation_id="dossiers_document_pdf",
    )
    def get(self, request: Request, code: str, pk: int) -> FileResponse:
        dossier = selectors.get_papers_dossier(request.user, code=code)
        document = selectors.readable_issued_documents(request.user, dossier).filter(pk=pk).first()
        if document is None:
            raise NotFound()
        return _pdf(document)
