"""POST /api/v1/uploads/ (a file to attach to a dossier) and POST /api/v1/verify/ (public)."""

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.throttles import UploadThrottle, VerifyThrottle
from motcua.documents import services
from motcua.documents.models import Upload
from motcua.documents.signing import Change


class UploadIn(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)  # an empty file gets our own message


class UploadOut(serializers.ModelSerializer):
    class Meta:
        model = Upload
        fields = ["id", "name", "content_type", "size", "sha256", "created_at"]


class UploadView(APIView):
    parser_classes = [MultiPartParser]
    permission_classes = [IsAuthenticated]
    throttle_classes = [UploadThrottle]

    @extend_schema(summary="Upload a file", request=UploadIn, responses={201: UploadOut})
    def post(self, request: Request) -> Response:
        data = UploadIn(data=request.data)
        data.is_valid(raise_exception=True)
        upload = services.store_upload(data.validated_data["file"], actor=request.user)
        return Response(UploadOut(upload).data, status=status.HTTP_201_CREATED)


class SignatureOut(serializers.Serializer):
    verdict = serializers.CharField()
    signer = serializers.CharField()
    signer_organisation = serializers.CharField()
    signed_at = serializers.DateTimeField(allow_null=True)
    field = serializers.CharField()
    whole_document = serializers.BooleanField(
        help_text="The signature covers every byte of the file (pdfsig: 'Total document signed')."
    )
    changed_after = serializers.ListField(
        child=serializers.ChoiceField(choices=list(Change.ORDER)),
        help_text="What was added after this signature, when it does not cover the whole file: "
        "another signature (a countersignature, judged on its own), an unsigned signature field, "
        "a form field, an annotation, page content, the document's properties, bytes after the "
        "end of the signed file, or other parts.",
    )


class VerifyView(APIView):
    """Anyone may check a signed document; nothing they send is stored."""

    parser_classes = [MultiPartParser]
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [VerifyThrottle]

    @extend_schema(
        summary="Verify a signed PDF",
        request=UploadIn,
        responses={
            200: inline_serializer(
                "Verification",
                {
                    "verdict": serializers.ChoiceField(
                        choices=[
                            "valid",
                            "invalid",
                            "modified",
                            "unknown_signer",
                            "unsigned",
                            "not_pdf",
                        ]
                    ),
                    "valid": serializers.BooleanField(),
                    "signer": serializers.CharField(allow_null=True),
                    "signed_at": serializers.DateTimeField(allow_null=True),
                    "signatures": SignatureOut(many=True),
                    "issued_here": serializers.BooleanField(),
                    "dossier": serializers.CharField(allow_null=True),
                    "kind": serializers.CharField(allow_null=True),
                },
            )
        },
    )
    def post(self, request: Request) -> Response:
        data = UploadIn(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.verify_upload(data.validated_data["file"])
        first = result.signatures[0] if result.signatures else None
        moment = serializers.DateTimeField()
        return Response(
            {
                "verdict": result.verdict,
                "valid": result.verdict == "valid",
                "signer": first.signer if first else None,
                "signed_at": moment.to_representation(first.signed_at)
                if first and first.signed_at
                else None,
                "signatures": [
                    {
                        "verdict": s.verdict,
                        "signer": s.signer,
                        "signer_organisation": s.signer_organisation,
                        "signed_at": moment.to_representation(s.signed_at) if s.signed_at else None,
                        "field": s.field,
                        "whole_document": s.whole_document,
                        "changed_after": list(s.changed_after),
                    }
                    for s in result.signatures
                ],
                "issued_here": result.issued is not None,
                "dossier": result.issued.reference if result.issued else None,
                "kind": result.issued.kind if result.issued else None,
            }
        )
