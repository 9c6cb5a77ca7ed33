from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "motcua.assistant"
    label = "assistant"
    verbose_name = _("Virtual assistant")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from motcua.assistant import selectors
        from motcua.catalog.services import catalog_published

        catalog_published.connect(selectors.rebuild_after_publish, dispatch_uid="assistant-index")
