from django.urls import path

from motcua.portal import views

app_name = "portal"
urlpatterns = [
    path("track/<str:code>/", views.track, name="track"),
    path("track/<str:code>", views.track),  # the receipt's QR carries no trailing slash
    path("verify/", views.verify, name="verify"),
]
