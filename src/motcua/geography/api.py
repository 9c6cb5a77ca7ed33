"""Read-only API of the reference data: units, agencies, service points."""

from django.db.models import QuerySet

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from motcua.geography import selectors
from motcua.geography.models import AdministrativeUnit, Agency, ServicePoint, UnitLevel


class UnitOut(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = AdministrativeUnit
        fields = ["code", "name", "level", "parent"]


class AgencyOut(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Agency
        fields = ["code", "name", "kind", "unit"]


class ServicePointOut(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ServicePoint
        fields = ["code", "name", "agency", "unit", "address"]


def _param(name: str, description: str, enum: list[str] | None = None) -> OpenApiParameter:
    return OpenApiParameter(name, str, description=description, enum=enum)


@extend_schema_view(
    list=extend_schema(
        summary="Administrative units",
        parameters=[
            _param("level", "Only units of this level", [c.value for c in UnitLevel]),
            _param("parent", "Only units under this unit code"),
        ],
    ),
    retrieve=extend_schema(summary="One administrative unit"),
)
class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitOut
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[AdministrativeUnit]:
        params = self.request.query_params
        return selectors.units(level=params.get("level"), parent=params.get("parent"))


@extend_schema_view(
    list=extend_schema(
        summary="Agencies",
        parameters=[_param("kind", "Only agencies of this kind"), _param("unit", "Unit code")],
    ),
    retrieve=extend_schema(summary="One agency"),
)
class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AgencyOut
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> QuerySet[Agency]:
        params = self.request.query_params
        return selectors.agencies(kind=params.get("kind"), unit=params.get("unit"))


@extend_schema_view(
    list=extend_schema(
        summary="Service points",
        parameters=[_param("unit", "Unit code"), _param("agency", "Agency code")],
    ),
    retrieve=extend_schema(summary="One service point"),
)
class ServicePointViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ServicePointOut
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> QuerySet[ServicePoint]:
        params = self.request.query_params
        return selectors.service_points(unit=params.get("unit"), agency=params.get("agency"))
