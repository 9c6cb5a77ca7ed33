"""Monitoring's domain errors."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError


class InvalidPeriod(DomainError):
    code = "invalid_period"
    message = _("Give the period as from=YYYY-MM-DD and to=YYYY-MM-DD, from before to.")


class InvalidReportPeriod(DomainError):
    code = "invalid_period"
    message = _("Give the period as YYYY-MM or YYYY-Qn.")
