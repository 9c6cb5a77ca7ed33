"""POST /api/v1/uploads/: a file to attach to a dossier later."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.documents import services
from motcua.documents.models import Upload


class UploadIn(serializers.Serializer):
    file = serializers.FileField()


class UploadOut(serializers.ModelSerializer):
    class Meta:
        model = Upload
        fields = ["id", "name", "content_type", "size", "sha256", "created_at"]


class UploadView(APIView):
    parser_classes = [MultiPartParser, FormParser]
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Upload a file", request=UploadIn, responses={201: UploadOut})
    def post(self, request: Request) -> Response:
        data = UploadIn(data=request.data)
        data.is_valid(raise_exception=True)
        upload = services.store_upload(data.validated_data["file"], actor=request.user)
        return Response(UploadOut(upload).data, status=status.HTTP_201_CREATED)
