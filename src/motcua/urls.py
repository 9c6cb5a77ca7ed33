from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from motcua.identity.sso_urls import sandbox_urlpatterns as sandbox_sso_urlpatterns
from motcua.integrations.urls import sandbox_urlpatterns

admin.site.site_header = _("Motcua administration")
admin.site.site_title = _("Motcua administration")
admin.site.index_title = _("Configuration")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("motcua.api.urls")),
    path("", include("motcua.portal.urls")),
    path("", include("motcua.assistant.urls")),
    path("workspace/", include("motcua.workspace.urls")),
    path("", include("motcua.payments.urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("sandbox-idp/", include("motcua.identity.urls")),
    path("", include("motcua.integrations.urls")),
    path("sso/national-portal/", include("motcua.identity.sso_urls")),
    path("sandbox-portal/sso/", include((sandbox_sso_urlpatterns, "sandbox_portal_sso"))),
    path("sandbox-portal/", include(sandbox_urlpatterns)),
]

handler404 = "motcua.api.errors.not_found"
handler500 = "motcua.api.errors.server_error"
