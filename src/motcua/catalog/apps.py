from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "motcua.catalog"
    verbose_name = _("Procedure catalog")

    def ready(self) -> None:
        # Every process moves the version stamp of the fee rules it changes (core.kept).
        from motcua.catalog import fees  # noqa: F401
