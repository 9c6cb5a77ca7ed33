from django.urls import path

from motcua.portal.views import catalog, complaints, filing, groups, mine, public

app_name = "portal"
urlpatterns = [
    path("", catalog.home, name="home"),
    path("procedures/", catalog.procedures, name="procedures"),
    path("procedures/<str:code>/", catalog.procedure, name="procedure"),
    path("procedures/<str:code>/file/", filing.start, name="file"),
    path("procedures/<str:code>/file/<slug:step>/", filing.step, name="file_step"),
    path("groups/<slug:code>/", groups.group, name="group"),
    path("groups/<slug:code>/file/", groups.start, name="group_file"),
    path("groups/<slug:code>/file/<slug:step>/", groups.step, name="group_file_step"),
    path("my/dossiers/", mine.my_dossiers, name="my_dossiers"),
    path("my/dossiers/<str:code>/", mine.my_dossier, name="my_dossier"),
    path("my/dossiers/<str:code>/receipt/", mine.receipt, name="receipt"),
    path("my/dossiers/<str:code>/track-qr.svg", mine.tracking_qr, name="tracking_qr"),
    path("my/dossiers/<str:code>/supplement/", mine.supplement, name="supplement"),
    path("my/dossiers/<str:code>/evaluate/", mine.evaluate, name="evaluate"),
    path("my/dossiers/<str:code>/withdraw/", mine.withdraw, name="withdraw"),
    path("track/", public.track, name="track_form"),
    path("track/<str:code>/", public.track, name="track"),
    path("track/<str:code>", public.track),  # the receipt's QR carries no trailing slash
    path("verify/", public.verify, name="verify"),
    path("complaints/new/", complaints.new, name="complaint_new"),
    path("complaints/filed/", complaints.filed, name="complaint_filed"),
    path("complaints/answer/", complaints.answer, name="complaint_answer"),
    path("my/complaints/", complaints.mine, name="my_complaints"),
]
