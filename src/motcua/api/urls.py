from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from motcua.catalog.api import CatalogAuditView, ProcedureViewSet
from motcua.geography.api import AgencyViewSet, ServicePointViewSet, UnitViewSet

router = DefaultRouter(trailing_slash=True)
router.register("units", UnitViewSet, basename="unit")
router.register("agencies", AgencyViewSet, basename="agency")
router.register("service-points", ServicePointViewSet, basename="service-point")
router.register("procedures", ProcedureViewSet, basename="procedure")

urlpatterns = [
    path("catalog/audit/", CatalogAuditView.as_view(), name="catalog-audit"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("", include(router.urls)),
]
