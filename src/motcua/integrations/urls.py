from django.urls import path

from motcua.integrations import health, sandbox_portal

app_name = "integrations"
urlpatterns = [
    path("health/live", health.live, name="live"),
    path("health/ready", health.ready, name="ready"),
    path("metrics", health.metrics, name="metrics"),
]
sandbox_urlpatterns = [
    path("events", sandbox_portal.events, name="sandbox_portal_events"),
]
