from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "motcua.integrations"
    verbose_name = _("Integrations")

    def ready(self) -> None:
        # Every process moves the version stamp of the webhook subscribers it changes (core.kept).
        from motcua.integrations import selectors  # noqa: F401
