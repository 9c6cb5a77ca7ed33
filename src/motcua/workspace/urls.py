from django.urls import path

from motcua.workspace.views import (
    auth,
    complaints,
    dossier,
    intake,
    monitoring,
    oversight,
    queue,
)

app_name = "workspace"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("sign-in/", auth.SignInView.as_view(), name="sign_in"),
    path("sign-out/", auth.SignOutView.as_view(), name="sign_out"),
    path("overview/", queue.overview, name="overview"),
    path("monitoring/", monitoring.dashboard, name="monitoring"),
    path("monitoring/ranking/", monitoring.ranking, name="monitoring_ranking"),
    path("monitoring/bottleneck/", monitoring.bottleneck, name="monitoring_bottleneck"),
    path("monitoring/report/", monitoring.report, name="monitoring_report"),
    path("monitoring/units/<str:code>/", monitoring.unit, name="monitoring_unit"),
    path(
        "monitoring/units/<str:code>/dossiers/",
        monitoring.unit_dossiers,
        name="monitoring_unit_dossiers",
    ),
    path("intake/", intake.intake, name="intake"),
    path("intake/lookup/", intake.intake_lookup, name="intake_lookup"),
    path("dossiers/<str:code>/", dossier.dossier_page, name="dossier"),
    path("dossiers/<str:code>/act/<str:action>/", dossier.act, name="act"),
    path("dossiers/<str:code>/files/<int:pk>/", dossier.document_file, name="document_file"),
    path("integrity/flags/", oversight.flags, name="integrity_flags"),
    path("integrity/flags/<int:pk>/", oversight.flag, name="integrity_flag"),
    path("integrity/flags/<int:pk>/review/", oversight.review, name="integrity_review"),
    path("integrity/board/", oversight.board, name="integrity_board"),
    path("integrity/board/<str:code>/", oversight.unit, name="integrity_unit"),
    path("integrity/cases/", oversight.cases, name="integrity_cases"),
    path("integrity/cases/<int:pk>/", oversight.case, name="integrity_case"),
    path("complaints/", complaints.inbox, name="complaints"),
    path("complaints/<str:code>/", complaints.complaint, name="complaint"),
]
