from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from motcua.api.national import NationalDossierView, ReconciliationView, ResendView
from motcua.assistant.api import AskView, AskWithSlashView
from motcua.catalog.api import CatalogAuditView, JointGroupViewSet, ProcedureViewSet
from motcua.delivery.api import DossierPostalView, PostalCallbackView, ReturnedView
from motcua.documents.api import UploadView, VerifyView
from motcua.dossiers.api import (
    DossierActionView,
    DossierViewSet,
    EventListView,
    EventVerifyView,
)
from motcua.dossiers.documents_api import (
    IssuedListView,
    IssuedPdfView,
    ReceiptPdfView,
    ResultPdfView,
)
from motcua.dossiers.helpers_api import HelperView
from motcua.dossiers.national_updates_api import NationalUpdateView
from motcua.dossiers.tracking_api import TrackView
from motcua.geography.api import AgencyViewSet, ServicePointViewSet, UnitViewSet
from motcua.integrations.api import DeliveryListView, RedeliverView, SubscriptionViewSet
from motcua.integrity.api import (
    ComplaintAnswerView,
    ComplaintStatusView,
    ComplaintsView,
    FlagListView,
    FlagReviewView,
)
from motcua.monitoring.api import IndicatorsCsvView, IndicatorsView
from motcua.payments.api import (
    CallbackView,
    DeadlineView,
    DossierPaymentView,
    FeeAccountViewSet,
    PaymentQrView,
    ReportView,
    ResolveReviewView,
    ReviewListView,
    StartPaymentView,
    StatementView,
)

router = DefaultRouter(trailing_slash=True)
router.register("units", UnitViewSet, basename="unit")
router.register("agencies", AgencyViewSet, basename="agency")
router.register("service-points", ServicePointViewSet, basename="service-point")
router.register("procedures", ProcedureViewSet, basename="procedure")
router.register("procedure-groups", JointGroupViewSet, basename="procedure-group")
router.register("dossiers", DossierViewSet, basename="dossier")
router.register("fee-accounts", FeeAccountViewSet, basename="fee-account")
router.register("subscriptions", SubscriptionViewSet, basename="subscription")

urlpatterns = [
    path("assistant/ask", AskView.as_view(), name="assistant-ask"),
    path("assistant/ask/", AskWithSlashView.as_view()),
    path("catalog/audit/", CatalogAuditView.as_view(), name="catalog-audit"),
    path("uploads/", UploadView.as_view(), name="upload"),
    path("helpers/", HelperView.as_view(), name="helpers"),
    path("verify/", VerifyView.as_view(), name="verify"),
    path("dossiers/<str:code>/payment/", DossierPaymentView.as_view(), name="dossier-payment"),
    path(
        "dossiers/<str:code>/payment/start/",
        StartPaymentView.as_view(),
        name="dossier-payment-start",
    ),
    path(
        "dossiers/<str:code>/payment/qr.<str:kind>",
        PaymentQrView.as_view(),
        name="dossier-payment-qr",
    ),
    path(
        "payments/providers/<str:provider>/callback/",
        CallbackView.as_view(),
        name="payment-callback",
    ),
    path("payments/statements/", StatementView.as_view(), name="payment-statements"),
    path("payments/reviews/", ReviewListView.as_view(), name="payment-reviews"),
    path(
        "payments/reviews/<int:pk>/resolve/",
        ResolveReviewView.as_view(),
        name="payment-review-resolve",
    ),
    path("payments/report/", ReportView.as_view(), name="payment-report"),
    path("payments/deadlines/", DeadlineView.as_view(), name="payment-deadlines"),
    path("dossiers/<str:code>/receipt.pdf", ReceiptPdfView.as_view(), name="dossier-receipt"),
    path("dossiers/<str:code>/result.pdf", ResultPdfView.as_view(), name="dossier-result"),
    path("dossiers/<str:code>/documents/", IssuedListView.as_view(), name="dossier-documents"),
    path(
        "dossiers/<str:code>/documents/<int:pk>.pdf",
        IssuedPdfView.as_view(),
        name="dossier-document",
    ),
    path(
        "dossiers/<str:code>/actions/<str:action>/",
        DossierActionView.as_view(),
        name="dossier-action",
    ),
    path("dossiers/<str:code>/events/", EventListView.as_view(), name="dossier-events"),
    path(
        "dossiers/<str:code>/events/verify/",
        EventVerifyView.as_view(),
        name="dossier-events-verify",
    ),
    path("track/<str:code>/", TrackView.as_view(), name="track"),
    path("dossiers/<str:code>/postal/", DossierPostalView.as_view(), name="dossier-postal"),
    path(
        "dossiers/<str:code>/postal/returned/",
        ReturnedView.as_view(),
        name="dossier-postal-returned",
    ),
    path("delivery/postal/callback/", PostalCallbackView.as_view(), name="postal-callback"),
    path("complaints/", ComplaintsView.as_view(), name="complaints"),
    path("complaints/<str:code>/", ComplaintStatusView.as_view(), name="complaint"),
    path("complaints/<str:code>/answer/", ComplaintAnswerView.as_view(), name="complaint-answer"),
    path("integrity/flags/", FlagListView.as_view(), name="integrity-flags"),
    path(
        "integrity/flags/<int:pk>/<str:action>/",
        FlagReviewView.as_view(),
        name="integrity-flag-review",
    ),
    path(
        "subscriptions/<int:pk>/deliveries/",
        DeliveryListView.as_view(),
        name="subscription-deliveries",
    ),
    path(
        "subscriptions/<int:pk>/deliveries/<int:delivery>/redeliver/",
        RedeliverView.as_view(),
        name="subscription-redeliver",
    ),
    path("national-portal/dossiers/", NationalDossierView.as_view(), name="national-dossiers"),
    path("national-portal/updates/", NationalUpdateView.as_view(), name="national-updates"),
    path(
        "national-portal/reconciliation/",
        ReconciliationView.as_view(),
        name="national-reconciliation",
    ),
    path(
        "national-portal/reconciliation/<int:pk>/resend/",
        ResendView.as_view(),
        name="national-resend",
    ),
    path("indicators/", IndicatorsView.as_view(), name="indicators"),
    path("indicators.csv", IndicatorsCsvView.as_view(), name="indicators-csv"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    path("", include(router.urls)),
]
