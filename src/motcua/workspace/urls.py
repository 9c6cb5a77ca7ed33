from django.urls import path

from motcua.workspace.views import auth, dossier, intake, outbox, queue

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
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", outbox.retry, name="outbox_retry"),
]
