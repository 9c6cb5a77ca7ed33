from django.urls import path

from motcua.payments import views

app_name = "payments"
urlpatterns = [path("payments/sandbox/<str:code>/", views.sandbox, name="sandbox")]
