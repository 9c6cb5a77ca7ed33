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

        from motcua.dossiers.participants import deliver
        from motcua.integrations.models import Destination
        from motcua.integrations.senders import HANDLERS

        # Parts of joint dossiers go out to the participating agencies' systems (issue 24).
        HANDLERS[Destination.PARTICIPANT_SYSTEM] = deliver
