from django.urls import path

from motcua.assistant import views

app_name = "assistant"
urlpatterns = [
    path("assistant/ask/", views.ask, name="ask"),
]
