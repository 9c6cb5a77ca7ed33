"""A dossier's issued documents over the API: the receipt slip, the signed result, the notices."""

from django.http import FileResponse

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

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


PDF_RESPONSE = OpenApiResponse(OpenApiTypes.BINARY, description="application/pdf")


class ReceiptPdfView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="The receipt and appointment slip (PDF)", responses={200: PDF_RESPONSE})
    def get(self, request: Request, code: str) -> FileResponse:
        dossier = selectors.get_papers_dossier(request.user, code=code)
        return _pdf(receipt_document(dossier))


class ResultPdfView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="The signed result (PDF)", responses={200: PDF_RESPONSE})
    def get(self, request: Request, code: str) -> FileResponse:
        dossier = selectors.get_papers_dossier(request.user, code=code)
        if dossier.result_document is None:
            raise NotFound()
        return _pdf(dossier.result_document)


class IssuedListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Documents issued for the dossier (receipt, notices, result)",
        responses={200: IssuedOut(many=True)},
    )
    def get(self, request: Request, code: str) -> Response:
        dossier = selectors.get_papers_dossier(request.user, code=code)
        return Response(IssuedOut(selectors.issued_documents(dossier), many=True).data)


class IssuedPdfView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="One issued document (PDF)", responses={200: PDF_RESPONSE})
    def get(self, request: Request, code: str, pk: int) -> FileResponse:
        dossier = selectors.get_papers_dossier(request.user, code=code)
        document = selectors.issued_documents(dossier).filter(pk=pk).first()
        if document is None:
            raise NotFound()
        return _pdf(document)
