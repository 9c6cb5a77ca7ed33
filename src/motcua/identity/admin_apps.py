"""Django's admin, served by our site (motcua.identity.admin_site); no models imported here."""

from django.contrib.admin.apps import AdminConfig


class MotcuaAdminConfig(AdminConfig):
    default_site = "motcua.identity.admin_site.MotcuaAdminSite"
