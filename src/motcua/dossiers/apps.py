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

        from motcua.dossiers.notices import for_message
        from motcua.integrations.notices import COMPOSERS

        # The dossier's notices are composed here and delivered by integrations.
        if for_message not in COMPOSERS:
            COMPOSERS.append(for_message)

        from motcua.dossiers.national_schema import status_message
        from motcua.dossiers.selectors import status_counts
        from motcua.integrations import selectors as outbox
        from motcua.integrations import services as integrations

        # The national portal's status messages, in its schema; the dossiers gauge of /metrics.
        if status_message not in integrations.NATIONAL_PAYLOAD:
            integrations.NATIONAL_PAYLOAD.append(status_message)
        if status_counts not in outbox.STATUS_COUNTS:
            outbox.STATUS_COUNTS.append(status_counts)
        from motcua.dossiers.participants import deliver
        from motcua.integrations.models import Destination
        from motcua.integrations.senders import HANDLERS

        # Parts of joint dossiers go out to the participating agencies' systems (issue 24).
        HANDLERS[Destination.PARTICIPANT_SYSTEM] = deliver
