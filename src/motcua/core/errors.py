"""Domain errors: each has a stable code and one lazy message, rendered in vi and en by the API."""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Refuse bad input (400); subclasses carry other statuses."""

    status = 400
    code = "invalid"
    message: str | Promise = _("The request is not valid.")

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        fields: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        if message is not None:
            self.message = message
        self.fields = fields or {}
        self.params = params or {}
        super().__init__(str(self.message))

    def render(self) -> str:
        """Return the message in the active language, with its parameters filled in."""
        text = str(self.message)
        return text % self.params if self.params else text


class NotFound(DomainError):
    status = 404
    code = "not_found"
    message = _("Not found.")


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    message = _("You do not have permission to do this.")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    message = _("The request conflicts with the current state.")


class RuleViolation(DomainError):
    status = 422
    code = "rule_violation"
    message = _("The request is valid but the rules do not allow it.")


class TooManyRequests(DomainError):
    status = 429
    code = "throttled"
    message = _("Too many requests. Please wait and try again.")
