from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    name = "motcua.integrity"
    verbose_name = _("Integrity")

    def ready(self) -> None:
        from motcua.dossiers import listeners
        from motcua.integrity.services import note_intake, record_integrity_event

        # Every dossier received counts for its submitter (in the intake transaction); a refused
        # request for papers leaves its trace (docs/integrity.md).
        if note_intake not in listeners.RECEIVED:
            listeners.RECEIVED.append(note_intake)
        if record_integrity_event not in listeners.REFUSED:
            listeners.REFUSED.append(record_integrity_event)
