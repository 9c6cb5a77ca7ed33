from django.urls import path

from motcua.workspace.views import auth, directives, dossier, intake, outbox, queue, readiness

app_name = "workspace"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("sign-in/", auth.SignInView.as_view(), name="sign_in"),
    path("sign-out/", auth.SignOutView.as_view(), name="sign_out"),
    path("overview/", queue.overview, name="overview"),
    path("intake/", intake.intake, name="intake"),
    path("intake/lookup/", intake.intake_lookup, name="intake_lookup"),
    path("dossiers/<str:code>/", dossier.dossier_page, name="dossier"),
    path("dossiers/<str:code>/act/<str:action>/", dossier.act, name="act"),
    path("dossiers/<str:code>/files/<int:pk>/", dossier.document_file, name="document_file"),
    path("directives/", directives.directives, name="directives"),
    path("directives/new/", directives.directive_new, name="directive_new"),
    path("directives/difficulties.xlsx", directives.difficulties_xlsx, name="difficulties_xlsx"),
    path("directives/<int:pk>/", directives.directive, name="directive"),
    path("assignments/<int:pk>/", directives.assignment_report, name="assignment_report"),
    path("readiness/", readiness.ranking, name="readiness"),
    path("readiness/<str:code>/", readiness.point, name="readiness_point"),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", outbox.retry, name="outbox_retry"),
]
