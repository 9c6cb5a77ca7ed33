"""The workspace menu offers what the official's roles open: the counter, the overview, the
integrity oversight, the complaint inbox, the monitoring pages (the centre, units' leaders), the
directives, and the coordinator's readiness and outbox pages."""

from typing import Any

from django import template

from motcua.identity.models import Role
from motcua.identity.selectors import official_scope
from motcua.workspace import durations

register = template.Library()


@register.simple_tag
def workspace_menu(user: Any) -> dict[str, bool]:
    """Return which menu entries the user's roles open (one query)."""
    if not user.is_authenticated:
        return {}
    scope = official_scope(user)
    counter = any(Role.RECEIVING_OFFICER in roles for roles in scope.roles_at_point.values())
    oversight = bool(scope.city_roles & {Role.INSPECTOR, Role.COORDINATOR})
    heads = any(Role.APPROVER in roles for roles in scope.roles_at_agency.values())
    coordinator = Role.COORDINATOR in scope.city_roles
    return {
        "intake": counter,
        "overview": scope.sees_everything,
        "oversight": oversight,  # the review queue, the board and the inspection cases
        "complaints": oversight or heads,
        "monitoring": scope.sees_everything or heads,
        "directives": coordinator or bool(scope.roles_at_agency or scope.roles_at_point),
        "coordination": coordinator,
    }


@register.filter
def working_time(hours: Any) -> str:
    """Return working hours in words ("1 giờ 48 phút", "2,5 ngày làm việc")."""
    return durations.working_time(None if hours in (None, "") else float(hours))
