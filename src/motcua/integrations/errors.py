"""The integrations' refusals, in the API's one error shape."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError, Forbidden


class InvalidTarget(DomainError):
    code = "invalid_target"
    message = _(
        "Webhooks go over HTTPS to a public address (no private, link-local or loopback address)."
    )

    def __init__(self) -> None:
        super().__init__(fields={"url": [str(self.message)]})


class NotASystem(Forbidden):
    code = "not_a_system"
    message = _("Only systems (the system role) subscribe to events.")
