from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkCalendarConfig(AppConfig):
    name = "motcua.workcalendar"
    label = "workcalendar"
    verbose_name = _("Working calendar")

    def ready(self) -> None:
        from motcua.workcalendar import store

        store.connect_signals()
