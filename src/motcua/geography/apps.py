from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    name = "motcua.geography"
    verbose_name = _("Geography")

    def ready(self) -> None:
        from motcua.geography.models import AdministrativeUnit
        from motcua.geography.selectors import forget_province_name

        for signal in (post_save, post_delete):
            signal.connect(forget_province_name, sender=AdministrativeUnit, weak=False)
