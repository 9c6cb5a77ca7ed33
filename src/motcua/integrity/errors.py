"""The integrity app's refusals (vi message, English via i18n)."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, DomainError


class ReasonRequired(DomainError):
    code = "reason_required"
    message = _("Say why the flag is dismissed.")


class AlreadyReviewed(Conflict):
    code = "already_reviewed"
    message = _("This flag has already been decided.")


class AlreadyAnswered(Conflict):
    code = "already_answered"
    message = _("This complaint has already been answered.")


class NothingConcerned(DomainError):
    code = "nothing_concerned"
    message = _("Name the dossier or the agency the complaint is about.")


class NotAnsweredYet(Conflict):
    code = "not_answered_yet"
    message = _("This complaint has not been answered yet.")
