from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    verbose_name = _("Dossiers")

    def ready(self) -> None:
        from motcua.dossiers.services.replan import on_calendar_changed
        from motcua.workcalendar.store import calendar_changed

        # The centre edits the calendar: dossiers not yet due are re-planned, in that transaction.
        calendar_changed.connect(on_calendar_changed, dispatch_uid="dossiers_replan")
