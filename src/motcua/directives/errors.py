"""Directives' domain errors."""

from motcua.core.errors import DomainError


class InvalidDirective(DomainError):
    code = "invalid_directive"
