from django.urls import path

from motcua.integrations import health, sandbox_portal

app_name = "integrations"
urlpatterns = [
    path("health/live", health.live, name="live"),
    path("health/ready", health.ready, name="ready"),
    path("metrics", health.metrics, name="metrics"),
]
sandbox_urlpatterns = [
    path("", sandbox_portal.overview, name="sandbox_portal"),
    path("events", sandbox_portal.events, name="sandbox_portal_events"),
    path("pending", sandbox_portal.pending_view, name="sandbox_portal_pending"),
    path(
        "acknowledgements",
        sandbox_portal.acknowledgements_view,
        name="sandbox_portal_acknowledgements",
    ),
    path("holdings", sandbox_portal.holdings_view, name="sandbox_portal_holdings"),
    path("files/<str:name>", sandbox_portal.file_view, name="sandbox_portal_file"),
    path("updates", sandbox_portal.updates_view, name="sandbox_portal_updates"),
    path(
        "update-acknowledgements",
        sandbox_portal.update_acknowledgements_view,
        name="sandbox_portal_update_acknowledgements",
    ),
]
